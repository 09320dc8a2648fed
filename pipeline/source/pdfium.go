package source

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/klippa-app/go-pdfium"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"

	"reportfacts/pipeline/layout"
)

// The PDFium pool is started once per process, on the first PDF that needs
// it: compiling the WebAssembly module takes seconds, so PDFs that pass the
// gate never pay for it, and the compiled module is kept in a cache on disk
// (pdfium_start.go) so that later processes load it instead.
var (
	pdfiumOnce sync.Once
	pdfiumPool pdfium.Pool
	pdfiumErr  error
)

func pdfiumInstance(ctx context.Context) (pdfium.Pdfium, error) {
	pdfiumOnce.Do(func() {
		pdfiumPool, pdfiumErr = startPDFium(pdfiumCacheDir())
	})
	if pdfiumErr != nil {
		return nil, pdfiumErr
	}
	inst, err := pdfiumPool.GetInstanceWithContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("get PDFium instance: %w", err)
	}
	return inst, nil
}

// readPDFium reads pages with PDFium, from their layout (pdfiumGeometry),
// else their plain text (FPDFText_GetText): those only marks, or every
// page where only is nil.
func readPDFium(ctx context.Context, data []byte, only []bool) (rd *pdfReading, err error) {
	inst, err := pdfiumInstance(ctx)
	if err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			rd, err = nil, fmt.Errorf("PDFium failed: %v", r)
		}
		if cerr := inst.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close PDFium instance: %w", cerr)
		}
	}()

	opened, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		return nil, pdfiumReason(err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: opened.Document})

	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: opened.Document})
	if err != nil {
		return nil, fmt.Errorf("count pages: %w", err)
	}
	if count.PageCount <= 0 {
		return nil, errors.New("the document holds no pages")
	}
	rd = &pdfReading{engine: "pdfium", pages: make([]string, 0, count.PageCount)}
	rd.q.pages = count.PageCount
	rd.title, rd.date = pdfiumInfo(inst, opened.Document)
	if len(only) == count.PageCount {
		rd.read = only
	}
	for i := 0; i < count.PageCount; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if rd.read != nil && !rd.read[i] {
			rd.pages = append(rd.pages, "")
			rd.measurePage(quality{})
			continue
		}
		// The page's layout as PDFium sees it, as for ledongthuc's
		// reading; its plain text where the geometry cannot be read.
		var pq quality
		if geom, gerr := pdfiumGeometry(inst, opened.Document, i); gerr == nil {
			res := layout.Lay(geom)
			rd.addPage(res.Text, res.Tables)
			pq.measure(rd.pages[len(rd.pages)-1])
			rd.measurePage(pq)
			continue
		}
		text, err := pdfiumPage(inst, opened.Document, i)
		if err != nil {
			pq.pageErrors++
		}
		rd.addPage(text, nil)
		pq.measure(rd.pages[len(rd.pages)-1])
		rd.measurePage(pq)
	}
	return rd, nil
}

// pdfiumPage returns the text of page i (0-based).
func pdfiumPage(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, i int) (string, error) {
	page, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: i})
	if err != nil {
		return "", fmt.Errorf("load page %d: %w", i+1, err)
	}
	defer inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: page.Page})
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: requests.Page{ByReference: &page.Page}})
	if err != nil {
		return "", fmt.Errorf("load text of page %d: %w", i+1, err)
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	n, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return "", fmt.Errorf("count characters of page %d: %w", i+1, err)
	}
	if n.Count <= 0 {
		return "", nil
	}
	t, err := inst.FPDFText_GetText(&requests.FPDFText_GetText{TextPage: tp.TextPage, StartIndex: 0, Count: n.Count})
	if err != nil {
		return "", fmt.Errorf("text of page %d: %w", i+1, err)
	}
	return t.Text, nil
}

// pdfiumInfo reads Title and CreationDate.
func pdfiumInfo(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT) (title, date string) {
	tags := []string{"Title", "CreationDate"}
	md, err := inst.GetMetaData(&requests.GetMetaData{Document: doc, Tags: &tags})
	if err != nil {
		return "", "" // metadata is optional
	}
	for _, t := range md.Tags {
		switch t.Tag {
		case "Title":
			title = cleanTitle(t.Value)
		case "CreationDate":
			date = pdfDate(t.Value)
		}
	}
	return title, date
}

// pdfiumReason words PDFium's load errors for a person.
func pdfiumReason(err error) error {
	switch {
	case errors.Is(err, pdfiumerrors.ErrPassword):
		return errNeedsPassword
	case errors.Is(err, pdfiumerrors.ErrSecurity):
		return errors.New("encrypted PDF with an unsupported security handler")
	case errors.Is(err, pdfiumerrors.ErrFormat):
		return errors.New("cannot parse its structure")
	case errors.Is(err, pdfiumerrors.ErrFile):
		return errors.New("cannot read the file data")
	}
	return fmt.Errorf("cannot open it: %w", err)
}
