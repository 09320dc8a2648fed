package source

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// maxDOCXPart bounds how much of one decompressed part is read, so that a
// zip bomb costs an error, not the machine.
const maxDOCXPart = 256 << 20

// oleMagic starts an OLE2 compound file: an old binary .doc, or a
// password-protected .docx.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// readDOCX reads a Word .docx: paragraphs and table cells in document
// order, one paragraph a line, cells of a row joined by tabs.
func readDOCX(doc *Document, data []byte) {
	doc.Engine = "docx"
	if bytes.HasPrefix(data, oleMagic) {
		doc.fail("not a .docx (zip) but an OLE2 compound file: an old binary .doc or a password-protected .docx; save it as an unprotected .docx")
		return
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		doc.fail(fmt.Sprintf("not a Word .docx: not a readable zip archive (%v)", err))
		return
	}
	files := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		files[f.Name] = f
	}
	main := mainDocumentPart(files)
	f, ok := files[main]
	if !ok {
		doc.fail(fmt.Sprintf("not a Word .docx: the zip archive has no %s (is it another kind of Office file?)", main))
		return
	}
	body, err := readZipPart(f)
	if err != nil {
		doc.fail(fmt.Sprintf("read %s in .docx: %v", main, err))
		return
	}
	text, err := docxText(body)
	if err != nil {
		doc.fail(fmt.Sprintf("parse %s in .docx: %v", main, err))
		return
	}
	doc.Pages = []string{cleanPageText(text)}
	if f, ok := files["docProps/core.xml"]; ok {
		if core, err := readZipPart(f); err == nil {
			doc.Title, doc.Date = coreProperties(core)
		}
	}
}

// mainDocumentPart finds the main document part from the package
// relationships, falling back to the usual word/document.xml.
func mainDocumentPart(files map[string]*zip.File) string {
	const fallback = "word/document.xml"
	f, ok := files["_rels/.rels"]
	if !ok {
		return fallback
	}
	b, err := readZipPart(f)
	if err != nil {
		return fallback
	}
	var rels struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(b, &rels) != nil {
		return fallback
	}
	for _, r := range rels.Rel {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			return strings.TrimPrefix(path.Clean("/"+r.Target), "/")
		}
	}
	return fallback
}

// readZipPart decompresses one part, refusing parts beyond maxDOCXPart.
func readZipPart(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxDOCXPart+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxDOCXPart {
		return nil, fmt.Errorf("part %s is larger than %d MB decompressed", f.Name, maxDOCXPart>>20)
	}
	return b, nil
}

// docxWriter collects a document's lines; tables nest, so cells and rows
// are stacks.
type docxWriter struct {
	lines  []string
	paras  []*strings.Builder // open paragraphs, innermost last
	tables []*docxTable       // open tables, innermost last
}

type docxTable struct {
	row  []string // finished cells of the open row
	cell []string // finished paragraphs of the open cell
	in   bool     // inside a cell
}

func (w *docxWriter) write(s string) {
	if n := len(w.paras); n > 0 {
		w.paras[n-1].WriteString(s)
		return
	}
	// Text outside any paragraph (rare) still counts.
	w.paras = append(w.paras, &strings.Builder{})
	w.paras[0].WriteString(s)
}

// inCell reports whether the innermost open paragraph belongs to a cell.
func (w *docxWriter) inCell() bool {
	n := len(w.tables)
	return n > 0 && w.tables[n-1].in
}

func (w *docxWriter) endParagraph() {
	n := len(w.paras)
	if n == 0 {
		return
	}
	p := w.paras[n-1].String()
	w.paras = w.paras[:n-1]
	if w.inCell() {
		t := w.tables[len(w.tables)-1]
		t.cell = append(t.cell, p)
		return
	}
	w.lines = append(w.lines, p)
}

// docxText walks document.xml and returns its text.
func docxText(body []byte) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	w := &docxWriter{}
	inText := false // inside w:t
	skip := 0       // depth inside parts whose text is a duplicate (mc:Fallback)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 || t.Name.Local == "Fallback" {
				skip++
				continue
			}
			switch t.Name.Local {
			case "p":
				w.paras = append(w.paras, &strings.Builder{})
			case "t":
				inText = true
			case "tab", "ptab":
				if w.inCell() {
					w.write(" ")
				} else {
					w.write("\t")
				}
			case "br", "cr":
				if w.inCell() {
					w.write(" ")
				} else {
					w.write("\n")
				}
			case "noBreakHyphen":
				w.write("-")
			case "tbl":
				w.tables = append(w.tables, &docxTable{})
			case "tr":
				if n := len(w.tables); n > 0 {
					w.tables[n-1].row = nil
				}
			case "tc":
				if n := len(w.tables); n > 0 {
					w.tables[n-1].in, w.tables[n-1].cell = true, nil
				}
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			switch t.Name.Local {
			case "p":
				w.endParagraph()
			case "t":
				inText = false
			case "tc":
				if n := len(w.tables); n > 0 {
					tb := w.tables[n-1]
					tb.row = append(tb.row, strings.Join(tb.cell, " "))
					tb.cell, tb.in = nil, false
				}
			case "tr":
				if n := len(w.tables); n > 0 {
					w.emitRow(w.tables[n-1].row)
					w.tables[n-1].row = nil
				}
			case "tbl":
				if n := len(w.tables); n > 0 {
					w.tables = w.tables[:n-1]
				}
			}
		case xml.CharData:
			if inText && skip == 0 {
				w.write(string(t))
			}
		}
	}
	for len(w.paras) > 0 {
		w.endParagraph()
	}
	return strings.Join(w.lines, "\n"), nil
}

// emitRow writes a finished table row: as a line of tab-separated cells,
// or, in a nested table, as a paragraph of the enclosing cell with its
// cells joined by spaces (a tab there would shift the outer columns).
func (w *docxWriter) emitRow(cells []string) {
	if n := len(w.tables); n > 1 && w.tables[n-2].in {
		outer := w.tables[n-2]
		outer.cell = append(outer.cell, strings.Join(cells, " "))
		return
	}
	w.lines = append(w.lines, strings.Join(cells, "\t"))
}

// coreProperties reads dc:title and dcterms:created (W3C date-time) from
// docProps/core.xml.
func coreProperties(b []byte) (title, date string) {
	var core struct {
		Title   string `xml:"title"`
		Created string `xml:"created"`
	}
	if xml.Unmarshal(b, &core) != nil {
		return "", ""
	}
	title = strings.TrimSpace(core.Title)
	if c := strings.TrimSpace(core.Created); len(c) >= 10 && isISODate(c[:10]) {
		date = c[:10]
	}
	return title, date
}

// isISODate reports whether s is YYYY-MM-DD.
func isISODate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range s {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}
