package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/ledongthuc/pdf"

	"reportfacts/pipeline/layout"
)

// pdfReading is one engine's reading of a PDF.
type pdfReading struct {
	engine string
	pages  []string
	tables []layout.Table // offsets into their page's text
	// tablePage[i] is the 0-based page of tables[i].
	tablePage []int
	q         quality
	title     string
	date      string
	fonts     bool // some page uses a font: there is a text layer
	// pageQ is the measure of each page; q is their sum.
	pageQ []quality
	// read says which pages the engine read, nil meaning all.
	read []bool
}

// measurePage records the measure of the page just added.
func (rd *pdfReading) measurePage(pq quality) {
	rd.pageQ = append(rd.pageQ, pq)
	rd.q.add(pq)
}

// errNeedsPassword is the reason given for a PDF that opens only with a
// password.
var errNeedsPassword = errors.New("encrypted PDF: it needs a password to open; save an unprotected copy")

// readPDF reads with ledongthuc/pdf first and, when its text fails the
// quality gate (or it cannot open the file), with PDFium; the better
// reading is kept.
func readPDF(ctx context.Context, doc *Document, data []byte) error {
	if reason := pdfFraming(data); reason != "" {
		doc.fail(reason)
		return nil
	}
	led, ledErr := readLedongthuc(ctx, data)
	if err := ctx.Err(); err != nil {
		return err
	}
	if errors.Is(ledErr, pdf.ErrInvalidPassword) {
		doc.fail(errNeedsPassword.Error())
		return nil
	}
	if ledErr == nil {
		if !led.fonts && led.q.chars == 0 {
			doc.setPDF(led)
			doc.Status = StatusNoText
			doc.Error = "no text layer (scanned images); needs OCR"
			return nil
		}
		if len(led.q.problems()) == 0 {
			doc.setPDF(led)
			return nil
		}
	}

	// PDFium reads again the pages that fail the gate, or the whole
	// document where ledongthuc could not open it or most pages fail.
	var only []bool
	if ledErr == nil {
		only = badPages(led)
	}
	pdfium, pdfiumErr := readPDFium(ctx, data, only)
	if err := ctx.Err(); err != nil {
		return err
	}
	var chosen *pdfReading
	switch {
	case ledErr != nil && errors.Is(pdfiumErr, errNeedsPassword):
		doc.fail(errNeedsPassword.Error())
		return nil
	case ledErr != nil && pdfiumErr != nil:
		doc.fail(fmt.Sprintf("damaged PDF: no reader can parse it (ledongthuc: %v; PDFium: %v)", ledErr, pdfiumErr))
		return nil
	case pdfiumErr != nil:
		chosen = led
		doc.Warning = fmt.Sprintf("text may be incomplete: %s; PDFium could not read it again: %v", led.q, pdfiumErr)
	case ledErr != nil:
		chosen = pdfium
	default:
		chosen = mergeReadings(led, pdfium)
	}
	doc.setPDF(chosen)
	if chosen.q.chars == 0 {
		doc.Status = StatusNoText
		doc.Error = "no text found on any page (scanned images?); needs OCR"
		return nil
	}
	if doc.Warning == "" && len(chosen.q.problems()) > 0 {
		// Both engines read it and the better still has odd characters;
		// usually the PDF's own font maps (Symbol glyphs in private use,
		// Kangxi radicals), which poppler shows the same way.
		doc.Warning = "some characters may be wrong (best of two engines): " + chosen.q.String()
	}
	return nil
}

// badPages marks the pages of a reading that fail the gate, or returns
// nil (read every page) where most do or the fault is the document's
// (Type 3 fonts).
func badPages(rd *pdfReading) []bool {
	if rd.q.type3 > 0 {
		return nil
	}
	bad := make([]bool, len(rd.pageQ))
	n := 0
	for i, pq := range rd.pageQ {
		if len(pq.problems()) > 0 {
			bad[i] = true
			n++
		}
	}
	if n == 0 || 2*n > len(rd.pageQ) {
		return nil
	}
	return bad
}

// mergeReadings keeps, page by page, the better of ledongthuc's layout
// reading and PDFium's: PDFium's where it scores higher on a page that
// fails the gate. Tables stay with the pages that keep the layout reading.
func mergeReadings(led, pdfium *pdfReading) *pdfReading {
	// Type 3 fonts read as mojibake on every page, flagged or not: the
	// document is PDFium's where it reads better as a whole.
	wholeDoc := led.q.type3 > 0 && pdfium.read == nil
	if len(led.pages) != len(pdfium.pages) || wholeDoc && pdfium.q.score() > led.q.score() {
		// The engines disagree on the page tree: the better as a whole.
		if pdfium.q.score() > led.q.score() {
			pdfium.title, pdfium.date = orString(pdfium.title, led.title), orString(pdfium.date, led.date)
			return pdfium
		}
		return led
	}
	out := &pdfReading{title: orString(led.title, pdfium.title), date: orString(led.date, pdfium.date), fonts: led.fonts || pdfium.fonts}
	out.q.pages = led.q.pages
	fromLed, fromPDFium := 0, 0
	usePDFium := make([]bool, len(led.pages))
	for i := range led.pages {
		lq, pq := led.pageQ[i], pdfium.pageQ[i]
		// PDFium's page where it reads better, or maps every glyph where
		// ledongthuc lost some and loses no Han character doing so.
		better := pq.score() > lq.score() || lq.replacement > 0 && pq.replacement == 0 && pq.han >= lq.han
		useP := (pdfium.read == nil || pdfium.read[i]) && (wholeDoc || len(lq.problems()) > 0) && better
		usePDFium[i] = useP
		if useP {
			out.pages = append(out.pages, pdfium.pages[i])
			out.measurePage(pdfium.pageQ[i])
			fromPDFium++
			continue
		}
		out.pages = append(out.pages, led.pages[i])
		out.measurePage(led.pageQ[i])
		fromLed++
	}
	// Each page's tables come from the reading that gave its text, in
	// page order.
	lk, pk := 0, 0
	for p := range led.pages {
		for ; lk < len(led.tablePage) && led.tablePage[lk] == p; lk++ {
			if !usePDFium[p] {
				out.tables = append(out.tables, led.tables[lk])
				out.tablePage = append(out.tablePage, p)
			}
		}
		for ; pk < len(pdfium.tablePage) && pdfium.tablePage[pk] == p; pk++ {
			if usePDFium[p] {
				out.tables = append(out.tables, pdfium.tables[pk])
				out.tablePage = append(out.tablePage, p)
			}
		}
	}
	switch {
	case fromPDFium == 0:
		out.engine = led.engine
	case fromLed == 0:
		out.engine = pdfium.engine
	default:
		out.engine = led.engine + "+" + pdfium.engine
	}
	return out
}

func orString(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// setPDF fills doc from a reading.
func (doc *Document) setPDF(r *pdfReading) {
	doc.Engine = r.engine
	doc.Pages = r.pages
	doc.Tables = documentTables(r.pages, r.tables, r.tablePage)
	doc.Title = r.title
	doc.Date = r.date
}

// pdfFraming checks the file's first and last bytes, which tell a renamed
// file or a truncated download apart from a damaged PDF.
func pdfFraming(data []byte) string {
	head := data[:min(len(data), 1024)]
	if !bytes.Contains(head, []byte("%PDF-")) {
		return "not a PDF: no %PDF- header at the start (is it another format with a .pdf name?)"
	}
	tail := data[max(0, len(data)-2048):]
	if !bytes.Contains(tail, []byte("%%EOF")) {
		return fmt.Sprintf("truncated PDF: no %%%%EOF marker at the end of its %d bytes (incomplete download or copy?)", len(data))
	}
	return ""
}

// minPageBytes is less than the smallest page object: "<</Type/Page>>".
const minPageBytes = 12

// readLedongthuc reads every page with Page.GetPlainText, each page behind
// its own recover, and measures the text. The error is for a file that
// cannot be opened at all.
func readLedongthuc(ctx context.Context, data []byte) (rd *pdfReading, err error) {
	defer func() {
		if r := recover(); r != nil {
			rd, err = nil, fmt.Errorf("malformed PDF: %v", r)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	n := r.NumPage()
	if n <= 0 {
		return nil, errors.New("malformed PDF: the page tree holds no pages")
	}
	// A page object takes more than minPageBytes; a larger count is a
	// damaged page tree, and walking it would take forever.
	if n > len(data)/minPageBytes {
		return nil, fmt.Errorf("malformed PDF: page tree claims %d pages in %d bytes", n, len(data))
	}
	rd = &pdfReading{engine: "ledongthuc", pages: make([]string, 0, n)}
	rd.q.pages = n
	rd.title, rd.date = ledongthucInfo(r)
	fonts := fontCache{}
	pages := pageList(r, n)
	for i := 1; i <= n; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		text, tables, info, err := ledongthucPage(r, i, pages, fonts)
		rd.addPage(text, tables)
		var pq quality
		pq.measure(text)
		if err != nil {
			pq.pageErrors++
		}
		if info.fonts > 0 {
			rd.fonts = true
			if strings.TrimSpace(text) == "" {
				pq.emptyContent++
			}
		}
		if info.type3 > 0 {
			pq.type3++
		}
		rd.measurePage(pq)
	}
	return rd, nil
}

// pageFonts says what fonts a page draws with, counting fonts of the form
// XObjects it paints as well.
type pageFonts struct {
	fonts int
	type3 int
}

// ledongthucPage reads one page from the positions of its glyphs and
// rules; where they cannot be read, it falls back to the page's text in
// drawing order. A panic in the library becomes the page's error.
func ledongthucPage(r *pdf.Reader, i int, pages []pdf.Page, fonts fontCache) (text string, tables []layout.Table, info pageFonts, err error) {
	defer func() {
		if x := recover(); x != nil {
			text, tables, err = "", nil, fmt.Errorf("page %d: %v", i, x)
		}
	}()
	var p pdf.Page
	if len(pages) >= i {
		p = pages[i-1] // the tree walked once
	} else {
		p = r.Page(i)
	}
	if p.V.IsNull() {
		return "", nil, info, fmt.Errorf("page %d: missing from the page tree", i)
	}
	countFonts(p.Resources(), &info, 0)
	geom, gerr := ledongthucGeometry(p, fonts)
	if gerr == nil {
		res := layout.Lay(geom)
		return res.Text, res.Tables, info, nil
	}
	text, err = p.GetPlainText(nil)
	return cleanPageText(text), nil, info, err
}

// addPage appends a page's text and tables to a reading.
func (rd *pdfReading) addPage(text string, tables []layout.Table) {
	rd.pages = append(rd.pages, cleanPageText(text))
	for _, t := range tables {
		rd.tables = append(rd.tables, t)
		rd.tablePage = append(rd.tablePage, len(rd.pages)-1)
	}
}

// countFonts adds the fonts of a resource dictionary and of the form
// XObjects it names, to a small depth.
func countFonts(res pdf.Value, info *pageFonts, depth int) {
	if res.IsNull() || depth > 4 {
		return
	}
	fonts := res.Key("Font")
	for _, name := range fonts.Keys() {
		info.fonts++
		if fonts.Key(name).Key("Subtype").Name() == "Type3" {
			info.type3++
		}
	}
	xobjs := res.Key("XObject")
	for _, name := range xobjs.Keys() {
		x := xobjs.Key(name)
		if x.Key("Subtype").Name() != "Form" {
			continue
		}
		countFonts(x.Key("Resources"), info, depth+1)
	}
}

// ledongthucInfo reads Title and CreationDate from the Info dictionary.
func ledongthucInfo(r *pdf.Reader) (title, date string) {
	defer func() { _ = recover() }() // metadata is optional
	info := r.Trailer().Key("Info")
	if info.IsNull() {
		return "", ""
	}
	return cleanTitle(info.Key("Title").Text()), pdfDate(info.Key("CreationDate").Text())
}

// cleanTitle drops what authoring tools put around a title.
func cleanTitle(s string) string {
	s = strings.TrimSpace(strings.ToValidUTF8(s, ""))
	s = strings.TrimPrefix(s, "Microsoft Word - ")
	for _, ext := range []string{".docx", ".doc", ".pdf", ".wps"} {
		if strings.HasSuffix(strings.ToLower(s), ext) {
			s = s[:len(s)-len(ext)]
		}
	}
	return strings.TrimSpace(s)
}

// pdfDate turns a PDF date (D:YYYYMMDDHHmmSS…) into YYYY-MM-DD, YYYY-MM
// or YYYY, as far as it goes.
func pdfDate(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	digits := 0
	for digits < len(s) && digits < 8 && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	month := digits >= 6 && s[4:6] >= "01" && s[4:6] <= "12"
	switch {
	case month && digits >= 8 && s[6:8] >= "01" && s[6:8] <= "31":
		return s[:4] + "-" + s[4:6] + "-" + s[6:8]
	case month:
		return s[:4] + "-" + s[4:6]
	case digits >= 4:
		return s[:4]
	}
	return ""
}

// cleanPageText normalises line ends, and removes the characters that may
// not stand in a page: NUL, and '\f', which joins pages downstream.
func cleanPageText(s string) string {
	s = normaliseNewlines(s)
	if strings.ContainsAny(s, "\f\x00") {
		s = strings.NewReplacer("\f", "\n", "\x00", "").Replace(s)
	}
	return s
}
