package source

import (
	"bytes"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"

	"reportfacts/pipeline/table"
)

// readHTML reads the visible text of an HTML page: <br> and block ends
// break lines, each table row is one line, its cells joined by tabs, and
// the tables go into doc.Tables from their markup (colspan and rowspan
// placing the cells on the grid). Markup need not be standard: converted
// reports use unknown tags such as <h>, which count as blocks.
func readHTML(doc *Document, data []byte) {
	doc.Engine = "html"
	s, enc, reason := decodeHTML(data)
	if reason != "" {
		doc.fail(reason)
		return
	}
	doc.Encoding = enc
	text, tables, title := htmlText(s)
	doc.Title = title
	doc.Pages = []string{text}
	doc.Tables = tables
}

// decodeHTML finds the encoding from a byte-order mark, valid UTF-8, a
// <meta> charset, or failing those GB18030.
func decodeHTML(data []byte) (text, enc, reason string) {
	switch {
	case bytes.HasPrefix(data, bomUTF8), bytes.HasPrefix(data, bomUTF16LE), bytes.HasPrefix(data, bomUTF16BE):
		return decodeText(data)
	case utf8.Valid(data):
		if r := binaryBytesReason(data); r != "" {
			return "", "", r
		}
		return string(data), "utf-8", ""
	}
	if r := binaryBytesReason(data); r != "" {
		return "", "", r
	}
	if m := metaCharset.FindSubmatch(data[:min(len(data), 4096)]); m != nil {
		if e, name := charset.Lookup(string(m[1])); e != nil && name != "utf-8" {
			if b, err := e.NewDecoder().Bytes(data); err == nil {
				return string(b), name, ""
			}
		}
	}
	if b, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data); err == nil && plausibleChinese(string(b)) {
		return string(b), "gb18030", ""
	}
	return "", "", "unknown text encoding: neither UTF-8, a declared <meta> charset, nor GB18030 (convert the file to UTF-8)"
}

// metaCharset finds a declared charset: <meta charset=…> or the
// http-equiv Content-Type form.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?([a-z0-9_.:-]+)`)

// Inline elements do not break lines; every other element, known or not,
// is a block.
var inlineTags = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true, atom.Big: true,
	atom.Cite: true, atom.Code: true, atom.Data: true, atom.Dfn: true, atom.Em: true, atom.Font: true,
	atom.I: true, atom.Img: true, atom.Kbd: true, atom.Label: true, atom.Mark: true, atom.Nobr: true,
	atom.Q: true, atom.S: true, atom.Samp: true, atom.Small: true, atom.Span: true, atom.Strike: true,
	atom.Strong: true, atom.Sub: true, atom.Sup: true, atom.Time: true, atom.Tt: true, atom.U: true,
	atom.Var: true, atom.Wbr: true, atom.Ins: true, atom.Del: true, atom.Input: true,
}

// Elements whose content is not shown.
var hiddenTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Head: true, atom.Title: true, atom.Template: true,
	atom.Noscript: true, atom.Iframe: true, atom.Object: true, atom.Svg: true, atom.Textarea: true,
	atom.Select: true,
}

// htmlWriter builds the visible text, collapsing white space as a browser
// would, and records the tables it writes. It writes the final text at
// once, so that the offsets it records hold: no line ends in blanks, at
// most one blank line stands between two lines, and the text neither
// starts nor (once finished) ends with a line break.
type htmlWriter struct {
	b       strings.Builder
	n       int  // code points written
	nls     int  // line breaks at the end of what is written
	space   bool // a collapsed blank of the text is pending
	brk     bool // a blank standing for a line break inside a cell is pending
	spaces  int  // blanks of <pre> text pending: dropped where the line ends
	cr      bool // the last character of <pre> text was a '\r'
	pre     int  // depth inside <pre>
	newline bool // at the start of a line (or of nothing yet)
	fresh   bool // at the start of a cell: a pending brk is not written
	tables  []*htmlTable
	open    int // open tables with a cell open in their open row
	done    []table.Table
}

// htmlTable is an open <table>. A table opened inside a cell (a nested
// table) is written into that cell, its cells and rows separated by
// blanks, and is not recorded: only the outer table is, with the nested
// table's text as part of the enclosing cell.
type htmlTable struct {
	nested   bool
	rowOpen  bool
	ncells   int          // cells begun in the open row
	cells    []table.Cell // the open row's cells (outer tables only)
	rows     []table.Row
	occupied []int // per grid column, the rows a rowspan still covers, the open row included
	col      int   // the next grid column of the open row
	cols     int
}

// Bounds on spans, as browsers bound them, and on the grid's width, so
// that a hostile colspan costs no memory.
const (
	maxColSpan  = 1000
	maxRowSpan  = 65534
	maxGridCols = 4096
)

// top returns the innermost open table, or nil.
func (w *htmlWriter) top() *htmlTable {
	if n := len(w.tables); n > 0 {
		return w.tables[n-1]
	}
	return nil
}

// inCell reports whether a cell is open in any open table: line breaks
// there become blanks, so that a table row stays one line.
func (w *htmlWriter) inCell() bool { return w.open > 0 }

// put writes r, which is not a line break, after the pending blanks of
// <pre> text.
func (w *htmlWriter) put(r rune) {
	for ; w.spaces > 0; w.spaces-- {
		w.b.WriteByte(' ')
		w.n++
	}
	w.b.WriteRune(r)
	w.n++
	w.nls = 0
	w.newline, w.fresh = false, false
}

func (w *htmlWriter) text(s string) {
	if w.pre > 0 && !w.inCell() {
		w.preText(s)
		return
	}
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\u00A0':
			w.space = true
			continue
		case 0:
			continue
		}
		// A blank of the text is written where a line does not start,
		// as ever (so at a cell's start too); a break inside a cell only
		// between words.
		if !w.newline && (w.space || w.brk && !w.fresh) {
			w.put(' ')
		}
		w.space, w.brk = false, false
		w.put(r)
	}
}

// preText writes the text of a <pre> as it stands, but for blanks at the
// ends of its lines and runs of blank lines.
func (w *htmlWriter) preText(s string) {
	w.space, w.brk = false, false
	for _, r := range s {
		cr := w.cr
		w.cr = false
		switch r {
		case '\r':
			w.cr = true
			w.lineBreak()
		case '\n':
			if !cr {
				w.lineBreak()
			}
		case '\f':
			w.lineBreak()
		case ' ':
			w.spaces++
			w.newline = false
		case 0:
		default:
			w.put(r)
		}
	}
}

func (w *htmlWriter) lineBreak() {
	if w.inCell() {
		w.brk = true
		return
	}
	w.spaces = 0
	w.space, w.brk = false, false
	w.newline = true
	if w.n == 0 || w.nls >= 2 {
		return
	}
	w.b.WriteByte('\n')
	w.n++
	w.nls++
}

// blockBreak ends the current line unless it is already ended.
func (w *htmlWriter) blockBreak() {
	if w.inCell() {
		w.brk = true
		return
	}
	if !w.newline {
		w.lineBreak()
	}
}

// startTable opens a <table>.
func (w *htmlWriter) startTable() {
	nested := w.inCell()
	w.blockBreak()
	w.tables = append(w.tables, &htmlTable{nested: nested})
}

// endTable closes the innermost <table>, recording it unless it is nested
// or holds no rows.
func (w *htmlWriter) endTable() {
	t := w.top()
	if t == nil {
		return
	}
	w.endRow(t)
	w.tables = w.tables[:len(w.tables)-1]
	if t.nested || len(t.rows) == 0 {
		return
	}
	for i, r := range t.rows {
		for k := range r.Cells {
			c := &r.Cells[k]
			c.RowSpan = min(c.RowSpan, len(t.rows)-i)
		}
	}
	w.done = append(w.done, table.Table{Page: 1, Cols: t.cols, Rows: t.rows, Ruled: true})
}

// startRow opens a row of the innermost table (<tr>, or a cell outside
// any row).
func (w *htmlWriter) startRow() {
	t := w.top()
	if t != nil {
		w.endRow(t)
	}
	w.blockBreak()
	if t != nil {
		t.rowOpen = true
	}
}

// endRow closes t's open row, recording its cells. A row without cells
// is not a row of the grid.
func (w *htmlWriter) endRow(t *htmlTable) {
	if !t.rowOpen {
		return
	}
	t.rowOpen = false
	if t.ncells > 0 {
		w.open--
	}
	if t.nested {
		if t.ncells > 0 {
			w.brk = true
		}
		t.ncells = 0
		return
	}
	w.endCell(t)
	t.ncells = 0
	if len(t.cells) == 0 {
		return
	}
	t.rows = append(t.rows, table.Row{Cells: t.cells, Page: 1})
	t.cells = nil
	t.col = 0
	for i := range t.occupied {
		if t.occupied[i] > 0 {
			t.occupied[i]--
		}
	}
}

// endCell ends the open cell of t's open row where the text now stands.
func (w *htmlWriter) endCell(t *htmlTable) {
	if n := len(t.cells); n > 0 && t.cells[n-1].End < 0 {
		t.cells[n-1].End = w.n
	}
}

// startCell opens a <td> or <th>: a tab before every cell but a row's
// first; a blank in a nested table.
func (w *htmlWriter) startCell(colspan, rowspan int) {
	t := w.top()
	if t == nil {
		w.text(" ")
		return
	}
	if !t.rowOpen {
		w.startRow()
	}
	if t.ncells == 0 {
		w.open++
	}
	if t.nested {
		if t.ncells > 0 {
			w.brk = true
		}
		t.ncells++
		return
	}
	w.endCell(t)
	if t.ncells > 0 {
		w.put('\t')
	}
	w.space, w.brk = false, false
	w.fresh = true
	t.ncells++
	c := t.place(colspan, rowspan)
	c.Start, c.End = w.n, -1
	t.cells = append(t.cells, c)
}

// place puts a cell of the given spans on the grid of t's open row, after
// the columns that cells of the rows above cover.
func (t *htmlTable) place(colspan, rowspan int) table.Cell {
	for t.col < len(t.occupied) && t.occupied[t.col] > 0 {
		t.col++
	}
	col := t.col
	colspan = min(max(colspan, 1), maxColSpan)
	if col+colspan > maxGridCols {
		colspan = max(1, maxGridCols-col)
	}
	if rowspan < 1 {
		rowspan = maxRowSpan // rowspan="0": to the table's end
	}
	rowspan = min(rowspan, maxRowSpan)
	for len(t.occupied) < col+colspan {
		t.occupied = append(t.occupied, 0)
	}
	for i := col; i < col+colspan; i++ {
		t.occupied[i] = max(t.occupied[i], rowspan)
	}
	t.col = col + colspan
	t.cols = max(t.cols, t.col)
	return table.Cell{Col: col, ColSpan: colspan, RowSpan: rowspan}
}

// finish closes what is still open and returns the text and its tables.
func (w *htmlWriter) finish() (string, []table.Table) {
	for len(w.tables) > 0 {
		w.endTable()
	}
	text := strings.TrimRight(w.b.String(), "\n")
	return text, markupTables(text, w.done)
}

// spans reads a cell's colspan and rowspan as browsers do, from the
// digits a value starts with: 1 where absent or unreadable; rowspan="0"
// stays 0, "to the table's end".
func spans(z *html.Tokenizer) (colspan, rowspan int) {
	colspan, rowspan = 1, 1
	for {
		k, v, more := z.TagAttr()
		switch string(k) {
		case "colspan":
			if n, ok := leadingInt(v); ok && n >= 1 {
				colspan = n
			}
		case "rowspan":
			if n, ok := leadingInt(v); ok {
				rowspan = n
			}
		}
		if !more {
			return colspan, rowspan
		}
	}
}

// leadingInt reads the non-negative integer that v starts with after
// blanks ("2", " 3px"), capped far above any span.
func leadingInt(v []byte) (int, bool) {
	v = bytes.TrimLeft(v, " \t\n\r\f")
	n, digits := 0, 0
	for _, c := range v {
		if c < '0' || c > '9' {
			break
		}
		n = min(n*10+int(c-'0'), 1<<20)
		digits++
	}
	return n, digits > 0
}

// htmlText returns the visible text of s, its tables and its <title>.
func htmlText(s string) (text string, tables []table.Table, title string) {
	z := html.NewTokenizer(strings.NewReader(s))
	w := &htmlWriter{newline: true}
	hidden := 0 // depth inside hidden elements
	inTitle := false
	var tb strings.Builder
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			// io.EOF, or a read error that a string reader cannot give.
			text, tables = w.finish()
			return text, tables, strings.Join(strings.Fields(tb.String()), " ")
		case html.TextToken:
			if inTitle {
				tb.Write(z.Text())
			}
			if hidden == 0 {
				w.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Body {
				// An unclosed <head> must not hide the page.
				hidden, inTitle = 0, false
			}
			if hiddenTags[a] {
				if a == atom.Title {
					inTitle = true
				}
				if tt == html.StartTagToken {
					hidden++
				}
				continue
			}
			if hidden > 0 {
				continue
			}
			switch a {
			case atom.Br:
				w.lineBreak()
			case atom.Td, atom.Th:
				colspan, rowspan := 1, 1
				if hasAttr {
					colspan, rowspan = spans(z)
				}
				w.startCell(colspan, rowspan)
			case atom.Tr:
				w.startRow()
			case atom.Table:
				if tt == html.StartTagToken {
					w.startTable()
				} else {
					w.blockBreak()
				}
			case atom.Pre:
				w.blockBreak()
				if tt == html.StartTagToken {
					w.pre++
				}
			default:
				if !inlineTags[a] {
					w.blockBreak()
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if hiddenTags[a] {
				if a == atom.Title {
					inTitle = false
				}
				if hidden > 0 {
					hidden--
				}
				continue
			}
			if hidden > 0 {
				continue
			}
			switch a {
			case atom.Td, atom.Th, atom.Br:
			case atom.Tr:
				if t := w.top(); t != nil {
					w.endRow(t)
				}
				w.blockBreak()
			case atom.Table:
				w.endTable()
				w.blockBreak()
			case atom.Pre:
				if w.pre > 0 {
					w.pre--
				}
				w.blockBreak()
			default:
				if !inlineTags[a] {
					w.blockBreak()
				}
			}
		}
	}
}

// markupTables finishes the tables a markup reader (HTML, Word) recorded
// while it wrote page, the document's one page: each cell's span narrowed
// to leave out blanks around it and its Text filled from page, and each
// table's context lines found. Tables come back in the order of their
// first rows.
func markupTables(page string, tables []table.Table) []table.Table {
	if len(tables) == 0 {
		return nil
	}
	raw := []rune(page)
	for i := range tables {
		for j := range tables[i].Rows {
			for k := range tables[i].Rows[j].Cells {
				c := &tables[i].Rows[j].Cells[k]
				c.Start, c.End = trimSpan(raw, c.Start, c.End)
				c.Text = string(raw[c.Start:c.End])
			}
		}
	}
	sort.SliceStable(tables, func(i, j int) bool { return markupFirst(tables[i]) < markupFirst(tables[j]) })
	floor := 0 // where the text after the previous table begins
	for i := range tables {
		t := &tables[i]
		top := markupFirst(*t)
		for top > 0 && raw[top-1] != '\n' {
			top--
		}
		t.Context = markupContext(raw, top, floor)
		end := 0
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				end = max(end, c.End)
			}
		}
		for end < len(raw) && raw[end] != '\n' {
			end++
		}
		floor = max(floor, min(end+1, len(raw)))
	}
	return tables
}

// markupFirst is where a table's first cell starts.
func markupFirst(t table.Table) int {
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			return c.Start
		}
	}
	return 0
}

// markupContext returns the non-blank lines of raw that end before top,
// the start of a table's first line, and start at or after floor, nearest
// last, at most table.MaxContext; each without the blanks around it.
func markupContext(raw []rune, top, floor int) []table.Line {
	var lines []table.Line
	for pos := top; pos > floor && len(lines) < table.MaxContext; {
		end := pos - 1 // the line break ending the line
		start := end
		for start > floor && raw[start-1] != '\n' {
			start--
		}
		if s, e := trimSpan(raw, start, end); e > s {
			lines = append(lines, table.Line{Text: string(raw[s:e]), Start: s, End: e})
		}
		pos = start
	}
	slices.Reverse(lines)
	return lines
}

// trimSpan bounds [start, end) to raw and narrows it to leave out white
// space at either end; an empty span stays where it starts.
func trimSpan(raw []rune, start, end int) (int, int) {
	start = min(max(start, 0), len(raw))
	end = min(max(end, start), len(raw))
	for start < end && unicode.IsSpace(raw[start]) {
		start++
	}
	for end > start && unicode.IsSpace(raw[end-1]) {
		end--
	}
	return start, end
}
