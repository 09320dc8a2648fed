// Package table holds the table model that readers fill and the extractors
// and the audit read: a table's rows of cells on a grid of columns, the
// lines of text that stand just above it (its title and unit caption), and
// every cell's span in the document's raw text.
//
// A reader lays out each table row on one line of the raw text, its cells
// in order and separated by tabs, so a cell's text is always
// raw[Start:End] and a number is never split. What the cells mean (which
// row is the header, what a column's period is, which unit applies) is not
// decided here; that is the extractors' table rule.
package table

import "unicode/utf8"

// Table is one table of a document. A table that runs on over a page
// break is one Table whose rows come from several pages.
type Table struct {
	// Page is the 1-based page of the table's first row.
	Page int `json:"page"`
	// Cols is the number of grid columns.
	Cols int `json:"cols"`
	// Rows are the table's rows top to bottom, header rows included.
	Rows []Row `json:"rows"`
	// Context are the non-blank lines just above the table, nearest last:
	// its title (主要会计数据), its unit caption (单位：元 币种：人民币) and
	// the like. At most MaxContext lines, none before the previous table.
	Context []Line
	// Ruled says the reader found the table's cells from ruling lines or
	// markup, not from the alignment of text alone.
	Ruled bool `json:"ruled,omitempty"`
}

// MaxContext bounds Table.Context.
const MaxContext = 4

// Row is one row of a table.
type Row struct {
	Cells []Cell `json:"cells"`
	// Page is the 1-based page the row stands on.
	Page int `json:"page"`
}

// Cell is one cell of a row. A cell that spans several grid columns or
// rows appears once, in its first row, at its first column.
type Cell struct {
	// Text is the cell's text exactly as in the raw text: raw[Start:End].
	// Lines that wrap inside the cell are joined (with nothing between
	// Chinese characters, with a blank between Latin words).
	Text string `json:"t"`
	// Start and End are code-point offsets of Text in the document's raw
	// text (pages joined by '\f'); End is exclusive. Start == End for an
	// empty cell.
	Start int `json:"s"`
	End   int `json:"e"`
	// Col is the 0-based grid column of the cell's left edge; ColSpan and
	// RowSpan are at least 1.
	Col     int `json:"c"`
	ColSpan int `json:"cs"`
	RowSpan int `json:"rs"`
}

// Line is a line of text near a table, with its span in the raw text.
type Line struct {
	Text  string `json:"t"`
	Start int    `json:"s"`
	End   int    `json:"e"`
}

// Shift adds delta to every offset of the tables: readers build a page's
// tables with offsets into the page's text and shift them by where the
// page starts in the document's raw text.
func Shift(tables []Table, delta int) {
	for i := range tables {
		t := &tables[i]
		for j := range t.Context {
			t.Context[j].Start += delta
			t.Context[j].End += delta
		}
		for j := range t.Rows {
			for k := range t.Rows[j].Cells {
				c := &t.Rows[j].Cells[k]
				c.Start += delta
				c.End += delta
			}
		}
	}
}

// PageOffsets returns where each page starts in the document's raw text,
// the pages joined by one '\f': the delta Shift needs for each page.
func PageOffsets(pages []string) []int {
	starts := make([]int, len(pages))
	n := 0
	for i, p := range pages {
		starts[i] = n
		n += utf8.RuneCountInString(p) + 1
	}
	return starts
}

// Cell returns the cell that covers grid column col in row r, or nil when
// none does (a short row, or a column covered from a row above).
func (r Row) Cell(col int) *Cell {
	for i := range r.Cells {
		c := &r.Cells[i]
		if col >= c.Col && col < c.Col+max(c.ColSpan, 1) {
			return c
		}
	}
	return nil
}
