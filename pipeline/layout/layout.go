package layout

import (
	"sort"
	"strings"
	"unicode/utf8"

	"reportfacts/pipeline/table"
)

// Result is a page laid out: its text and the tables in it, their offsets
// in code points into Text.
type Result struct {
	Text   string
	Tables []Table
}

// Table is a table found on a page, with what the reader needs to join it
// with its continuation on the next page.
type Table struct {
	table.Table
	// Columns are the x positions of the kept columns' left edges and of
	// the last column's right edge.
	Columns []float64
	// Top and Bottom are the table's vertical extent on the page.
	Top, Bottom float64
}

// block is a piece of the page in reading order: a line of text or a table.
type block struct {
	top, bottom float64
	line        *textLine
	table       *pageTable
}

// pageTable is a table being laid out.
type pageTable struct {
	g     grid
	ruled bool        // found from ruling lines, not from aligned text
	cells []*spanCell // with text or not
	rows  []int       // fine rows kept, in order
	cols  []int       // fine columns kept, in order
}

// Lay rebuilds a page's text: lines top to bottom, and each table found
// from ruling lines or from text aligned in columns written one row a
// line, cells separated by tabs.
func Lay(p Page) Result {
	glyphs := dedupe(p.Glyphs)
	var tables []*pageTable
	inTable := make([]bool, len(glyphs))
	for _, g := range ruledGrids(p.Rules, p.Width, p.Height) {
		t := fillGrid(g, glyphs, inTable)
		if t != nil {
			tables = append(tables, t)
		}
	}
	var free []Glyph
	for i, g := range glyphs {
		if !inTable[i] {
			free = append(free, g)
		}
	}
	lines := buildLines(free)
	aligned, inAligned := alignedTables(lines)
	tables = append(tables, aligned...)
	blocks := make([]block, 0, len(lines)+len(tables))
	for i := range lines {
		if lines[i].blank() || inAligned[i] {
			continue
		}
		blocks = append(blocks, block{top: lines[i].top, bottom: lines[i].bottom, line: &lines[i]})
	}
	for _, t := range tables {
		blocks = append(blocks, block{top: t.g.ys[0], bottom: t.g.ys[len(t.g.ys)-1], table: t})
	}
	sort.SliceStable(blocks, func(i, j int) bool { return blocks[i].top < blocks[j].top })

	w := &pageWriter{}
	var out []Table
	var prevBottom float64
	var prevHeight float64
	for i, b := range blocks {
		if i > 0 {
			w.newline()
			// A gap of more than a line's height between lines, or a
			// table's edge, is a paragraph break.
			gap := b.top - prevBottom
			if b.table != nil || blocks[i-1].table != nil || prevHeight > 0 && gap > 1.2*prevHeight {
				w.newline()
			}
		}
		if b.line != nil {
			w.write(lineText(b.line.glyphs))
			prevHeight = b.line.height()
		} else {
			out = append(out, w.table(b.table))
		}
		prevBottom = b.bottom
	}
	return Result{Text: w.b.String(), Tables: out}
}

// fillGrid assigns the glyphs inside a grid to its cells and returns the
// table, or nil when the grid frames no table: fewer than two columns or
// three cells hold text.
func fillGrid(g grid, glyphs []Glyph, taken []bool) *pageTable {
	cells := g.cells()
	nc := len(g.xs) - 1
	at := make(map[int]*spanCell, len(cells))
	for _, c := range cells {
		for r := c.r0; r <= c.r1; r++ {
			for k := c.c0; k <= c.c1; k++ {
				at[r*nc+k] = c
			}
		}
	}
	var mine []int
	for i, gl := range glyphs {
		if taken[i] {
			continue
		}
		cx, cy := (gl.X0+gl.X1)/2, (gl.Top+gl.Bottom)/2
		c, r := locate(g.xs, cx), locate(g.ys, cy)
		if c < 0 || r < 0 || c >= nc || r >= len(g.ys)-1 {
			continue
		}
		sc := at[r*nc+c]
		sc.glyphs = append(sc.glyphs, gl)
		mine = append(mine, i)
	}
	// Rows and columns where a cell with text starts.
	rowText := map[int]bool{}
	colText := map[int]bool{}
	filled := 0
	for _, c := range cells {
		if len(c.glyphs) > 0 {
			rowText[c.r0] = true
			colText[c.c0] = true
			filled++
		}
	}
	// One ruled row of three cells is a table too: the last row of one
	// that runs on from the page before.
	if len(rowText) < 1 || len(colText) < 2 || filled < 3 {
		return nil
	}
	for _, i := range mine {
		taken[i] = true
	}
	t := &pageTable{g: g, cells: cells, ruled: true}
	for r := 0; r < len(g.ys)-1; r++ {
		if rowText[r] {
			t.rows = append(t.rows, r)
		}
	}
	for c := 0; c < nc; c++ {
		if colText[c] {
			t.cols = append(t.cols, c)
		}
	}
	return t
}

// pageWriter builds a page's text and counts its code points.
type pageWriter struct {
	b     strings.Builder
	runes int
}

func (w *pageWriter) write(s string) {
	w.b.WriteString(s)
	w.runes += utf8.RuneCountInString(s)
}

func (w *pageWriter) newline() { w.write("\n") }

// table writes a table one row a line and returns it with its offsets.
func (w *pageWriter) table(t *pageTable) Table {
	// index returns the position of v in kept, or the position of the
	// first kept value above it.
	index := func(kept []int, v int) int {
		return sort.SearchInts(kept, v)
	}
	byRow := map[int][]*spanCell{}
	for _, c := range t.cells {
		if len(c.glyphs) == 0 {
			continue
		}
		r := index(t.rows, c.r0)
		byRow[r] = append(byRow[r], c)
	}
	out := Table{Top: t.g.ys[0], Bottom: t.g.ys[len(t.g.ys)-1]}
	out.Ruled = t.ruled
	out.Cols = len(t.cols)
	for _, c := range t.cols {
		out.Columns = append(out.Columns, t.g.xs[c])
	}
	out.Columns = append(out.Columns, t.g.xs[len(t.g.xs)-1])
	for r := range t.rows {
		if r > 0 {
			w.newline()
		}
		cells := byRow[r]
		sort.Slice(cells, func(i, j int) bool { return cells[i].c0 < cells[j].c0 })
		var row table.Row
		pos := 0 // next grid column to write
		for _, c := range cells {
			col := index(t.cols, c.c0)
			end := index(t.cols, c.c1+1) // kept columns before c1+1
			for pos < col {
				if pos > 0 {
					w.write("\t")
				}
				pos++
			}
			if pos > 0 {
				w.write("\t")
			}
			text := cellText(c.glyphs)
			start := w.runes
			w.write(text)
			row.Cells = append(row.Cells, table.Cell{
				Text: text, Start: start, End: w.runes,
				Col: col, ColSpan: max(end-col, 1),
				RowSpan: max(index(t.rows, c.r1+1)-r, 1),
			})
			pos = col + max(end-col, 1)
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// cellText writes a cell's glyphs: its lines in order, joined.
func cellText(glyphs []Glyph) string {
	lines := buildLines(glyphs)
	parts := make([]string, 0, len(lines))
	for _, l := range lines {
		parts = append(parts, lineText(l.glyphs))
	}
	return joinCellLines(parts)
}
