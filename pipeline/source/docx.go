package source

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"reportfacts/pipeline/table"
)

// maxDOCXPart bounds how much of one decompressed part is read, so that a
// zip bomb costs an error, not the machine.
const maxDOCXPart = 256 << 20

// oleMagic starts an OLE2 compound file: an old binary .doc, or a
// password-protected .docx.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// readDOCX reads a Word .docx: paragraphs and table cells in document
// order, one paragraph a line, cells of a row joined by tabs; the tables
// go into doc.Tables from their markup (w:gridSpan and w:vMerge placing
// the cells on the grid).
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
	text, tables, err := docxText(body)
	if err != nil {
		doc.fail(fmt.Sprintf("parse %s in .docx: %v", main, err))
		return
	}
	doc.Pages = []string{text}
	doc.Tables = tables
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

// docxWriter writes a document's lines, one paragraph or table row a line,
// and records its tables. Tables nest, so cells and rows are stacks. The
// text is written final at once (line ends normalised, no '\f' or NUL), so
// that the offsets it records hold.
type docxWriter struct {
	out    strings.Builder
	n      int                // code points written
	lines  int                // lines begun
	cr     bool               // the last character written stood for a '\r'
	paras  []*strings.Builder // open paragraphs, innermost last
	tables []*docxTable       // open tables, innermost last
	done   []table.Table
}

type docxTable struct {
	row  []docxCell // finished cells of the open row
	cell []string   // finished paragraphs of the open cell
	in   bool       // inside a cell
	// The open cell's w:gridSpan and w:vMerge, and the open row's
	// w:gridBefore.
	span, vmerge, before int
	gridCols             int // w:gridCol of w:tblGrid
	// The table as recorded (outer tables only): rows, width, and the
	// cells a vertical merge may still continue, by grid column.
	rows  []table.Row
	cols  int
	merge map[int][2]int // grid column → row and cell index in rows
}

// docxCell is a finished cell of the open row.
type docxCell struct {
	text         string
	span, vmerge int
}

// The values of w:vMerge.
const (
	vMergeNone = iota
	vMergeRestart
	vMergeContinue
)

// put writes r as it stands.
func (w *docxWriter) put(r rune) {
	w.out.WriteRune(r)
	w.n++
}

// putNorm writes r with line ends normalised as cleanPageText would: CRLF
// and lone CR become LF, a form feed becomes LF, NUL is dropped.
func (w *docxWriter) putNorm(r rune) {
	cr := w.cr
	w.cr = false
	switch r {
	case '\r':
		w.cr = true
		r = '\n'
	case '\n':
		if cr {
			return
		}
	case '\f':
		r = '\n'
	case 0:
		return
	}
	w.put(r)
}

// newLine begins a line: a line break before every line but the first.
func (w *docxWriter) newLine() {
	if w.lines > 0 {
		w.putNorm('\n')
	}
	w.lines++
}

// line writes a paragraph (or a row of a table that is not recorded) as
// a line.
func (w *docxWriter) line(s string) {
	w.newLine()
	for _, r := range s {
		w.putNorm(r)
	}
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
	w.line(p)
}

// docxText walks document.xml and returns its text and tables.
func docxText(body []byte) (string, []table.Table, error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	w := &docxWriter{}
	inText := false // inside w:t
	skip := 0       // depth inside parts whose text or properties are not today's
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 || skipPart(t.Name.Local) {
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
				w.tables = append(w.tables, &docxTable{span: 1})
			case "tr":
				if n := len(w.tables); n > 0 {
					w.tables[n-1].row, w.tables[n-1].before = nil, 0
				}
			case "tc":
				if n := len(w.tables); n > 0 {
					tb := w.tables[n-1]
					tb.in, tb.cell, tb.span, tb.vmerge = true, nil, 1, vMergeNone
				}
			case "gridSpan", "gridBefore", "vMerge", "gridCol":
				w.gridProperty(t)
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
					tb.row = append(tb.row, docxCell{text: strings.Join(tb.cell, " "), span: tb.span, vmerge: tb.vmerge})
					tb.cell, tb.in = nil, false
				}
			case "tr":
				if n := len(w.tables); n > 0 {
					w.emitRow(w.tables[n-1].row)
					w.tables[n-1].row = nil
				}
			case "tbl":
				w.endTable()
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
	for len(w.tables) > 0 {
		w.endTable()
	}
	text := w.out.String()
	return text, markupTables(text, w.done), nil
}

// skipPart reports whether an element's content is left out: the text
// of mc:Fallback duplicates its mc:Choice, and tracked changes of
// properties (w:tcPrChange, w:tblGridChange, …) hold the spans and the
// grid as they were before.
func skipPart(local string) bool {
	return local == "Fallback" || local == "tblGridChange" || strings.HasSuffix(local, "PrChange")
}

// gridProperty reads a w:gridSpan or w:vMerge of the open cell, the
// w:gridBefore of the open row, or a w:gridCol of the table's grid.
func (w *docxWriter) gridProperty(e xml.StartElement) {
	n := len(w.tables)
	if n == 0 {
		return
	}
	tb := w.tables[n-1]
	val, hasVal := "", false
	for _, a := range e.Attr {
		if a.Name.Local == "val" {
			val, hasVal = strings.TrimSpace(a.Value), true
		}
	}
	switch e.Name.Local {
	case "gridCol":
		tb.gridCols++
	case "gridSpan":
		if v, err := strconv.Atoi(val); err == nil && v >= 1 && tb.in {
			tb.span = v
		}
	case "gridBefore":
		if v, err := strconv.Atoi(val); err == nil && v >= 0 && !tb.in {
			tb.before = v
		}
	case "vMerge":
		if !tb.in {
			return
		}
		// A w:vMerge without a value continues the merge above.
		if hasVal && val == "restart" {
			tb.vmerge = vMergeRestart
		} else {
			tb.vmerge = vMergeContinue
		}
	}
}

// emitRow writes a finished table row: as a line of tab-separated cells,
// or, in a nested table, as a paragraph of the enclosing cell with its
// cells joined by spaces (a tab there would shift the outer columns). Only
// the outer table is recorded; a nested table's text is part of the cell
// it stands in.
func (w *docxWriter) emitRow(cells []docxCell) {
	n := len(w.tables)
	if n > 1 && w.tables[n-2].in {
		outer := w.tables[n-2]
		texts := make([]string, len(cells))
		for i, c := range cells {
			texts[i] = c.text
		}
		outer.cell = append(outer.cell, strings.Join(texts, " "))
		return
	}
	w.newLine()
	if n == 0 {
		return
	}
	tb := w.tables[n-1]
	// A cell's line breaks and tabs (as raw characters of w:t) become
	// blanks: the row stays one line, its fields its cells.
	w.cr = false
	col := min(tb.before, maxGridCols)
	var out []table.Cell
	merge := map[int][2]int{}
	for i, c := range cells {
		if i > 0 {
			w.put('\t')
		}
		start := w.n
		for _, r := range c.text {
			switch r {
			case '\r', '\n', '\f', '\t':
				w.put(' ')
			case 0:
			default:
				w.put(r)
			}
		}
		span := min(max(c.span, 1), maxColSpan)
		if col+span > maxGridCols {
			span = max(1, maxGridCols-col)
		}
		if c.vmerge == vMergeContinue {
			// A cell the merge above covers is not a cell of its own; its
			// (empty) field stays in the line, as it always has.
			if ref, ok := tb.merge[col]; ok {
				tb.rows[ref[0]].Cells[ref[1]].RowSpan++
				merge[col] = ref
				col += span
				continue
			}
		}
		if c.vmerge == vMergeRestart {
			merge[col] = [2]int{len(tb.rows), len(out)}
		}
		out = append(out, table.Cell{Start: start, End: w.n, Col: col, ColSpan: span, RowSpan: 1})
		col += span
	}
	if len(cells) == 0 {
		return // a row without cells is no row of the grid
	}
	tb.merge = merge
	tb.cols = max(tb.cols, col)
	tb.rows = append(tb.rows, table.Row{Cells: out, Page: 1})
}

// endTable closes the innermost table, recording it unless it is nested
// or holds no rows.
func (w *docxWriter) endTable() {
	n := len(w.tables)
	if n == 0 {
		return
	}
	tb := w.tables[n-1]
	w.tables = w.tables[:n-1]
	if n > 1 && w.tables[n-2].in || len(tb.rows) == 0 {
		return
	}
	w.done = append(w.done, table.Table{Page: 1, Cols: max(tb.cols, min(tb.gridCols, maxGridCols)), Rows: tb.rows, Ruled: true})
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
