package source

import (
	"math"
	"strings"
	"unicode/utf8"

	"reportfacts/pipeline/layout"
	"reportfacts/pipeline/table"
)

// documentTables turns the tables of a PDF's pages into the document's
// tables: offsets into the whole raw text, a table that runs on over a
// page break joined with its continuation, and the lines above each.
func documentTables(pages []string, tables []layout.Table, tablePage []int) []table.Table {
	if len(tables) == 0 {
		return nil
	}
	starts := table.PageOffsets(pages)
	var out []table.Table
	var columns [][]float64 // the column edges of each table of out
	lastPage := -1          // the page of out's last table's last row
	for i := range tables {
		t := tables[i]
		p := tablePage[i]
		for r := range t.Rows {
			t.Rows[r].Page = p + 1
		}
		t.Page = p + 1
		shifted := []table.Table{t.Table}
		table.Shift(shifted, starts[p])
		t.Table = shifted[0]
		if len(out) > 0 && lastPage == p-1 && adjoins(pages, starts, out[len(out)-1], lastPage, t.Table, p) {
			// The rows whose cells stand on the previous part's columns
			// carry it on; the rest is a table of its own below it.
			prev := &out[len(out)-1]
			m := columnMap(columns[len(columns)-1], t.Columns)
			n := 0
			for n < len(t.Rows) && remapRow(&t.Rows[n], m) {
				n++
			}
			prev.Rows = append(prev.Rows, t.Rows[:n]...)
			lastPage = p
			if n == len(t.Rows) {
				continue
			}
			t.Rows = t.Rows[n:]
		}
		out = append(out, t.Table)
		columns = append(columns, t.Columns)
		lastPage = p
	}
	raw := []rune(strings.Join(pages, "\f"))
	fillContext(raw, out)
	return out
}

// columnMap maps the column edges of a table to those of the table it may
// continue: -1 where an edge has no counterpart within a few points.
func columnMap(prev, next []float64) []int {
	m := make([]int, len(next))
	for k, x := range next {
		m[k] = -1
		for j, y := range prev {
			if math.Abs(x-y) <= 4 {
				m[k] = j
				break
			}
		}
	}
	return m
}

// remapRow puts a row's cells on the previous part's columns and reports
// whether every cell's edges have a counterpart there; a row that does
// not is left as it was.
func remapRow(row *table.Row, m []int) bool {
	cols := make([][2]int, len(row.Cells))
	keep := make([]bool, len(row.Cells))
	for k, c := range row.Cells {
		l, r := c.Col, c.Col+max(c.ColSpan, 1)
		if l >= len(m) || r >= len(m) || m[l] < 0 || m[r] < 0 || m[r] <= m[l] {
			if strings.TrimSpace(c.Text) == "" {
				continue // an empty cell on another table's column edges says nothing
			}
			return false
		}
		cols[k], keep[k] = [2]int{m[l], m[r] - m[l]}, true
	}
	cells := row.Cells[:0]
	for k, c := range row.Cells {
		if keep[k] {
			c.Col, c.ColSpan = cols[k][0], cols[k][1]
			cells = append(cells, c)
		}
	}
	row.Cells = cells
	return true
}

// adjoins reports whether table b, first on its page, may carry on table
// a, last on the page before: nothing but page furniture stands between.
func adjoins(pages []string, starts []int, a table.Table, pa int, b table.Table, pb int) bool {
	if len(a.Rows) == 0 || len(b.Rows) == 0 || len(b.Rows[0].Cells) == 0 {
		return false
	}
	aEnd := lastEnd(a) - starts[pa]
	bStart := b.Rows[0].Cells[0].Start - starts[pb]
	after := runeSlice(pages[pa], aEnd, -1)
	before := runeSlice(pages[pb], 0, bStart)
	return onlyFurniture(after) && onlyFurniture(before)
}

// lastEnd is the end of a table's last cell.
func lastEnd(t table.Table) int {
	end := 0
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			end = max(end, c.End)
		}
	}
	return end
}

// runeSlice returns s's code points [from, to); to < 0 means to the end.
func runeSlice(s string, from, to int) string {
	rs := []rune(s)
	if to < 0 || to > len(rs) {
		to = len(rs)
	}
	from = min(max(from, 0), to)
	return string(rs[from:to])
}

// onlyFurniture reports whether text holds at most a few short lines: a
// running header, a page number.
func onlyFurniture(text string) bool {
	n := 0
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		n++
		if n > 2 || utf8.RuneCountInString(l) > 40 {
			return false
		}
	}
	return true
}

// fillContext gives each table the non-blank lines just above it, back to
// the previous table's end, across a page break where the table starts a
// page.
func fillContext(raw []rune, tables []table.Table) {
	prevEnd := 0
	for i := range tables {
		t := &tables[i]
		start := firstStart(*t)
		end := start
		// Back to the start of the table's first line.
		for end > 0 && raw[end-1] != '\n' && raw[end-1] != '\f' {
			end--
		}
		var lines []table.Line
		for pos := end; pos > prevEnd && len(lines) < table.MaxContext; {
			lineEnd := pos - 1 // the '\n' or '\f' before
			lineStart := lineEnd
			for lineStart > prevEnd && raw[lineStart-1] != '\n' && raw[lineStart-1] != '\f' {
				lineStart--
			}
			s, e := lineStart, lineEnd
			for s < e && (raw[s] == ' ' || raw[s] == '\t') {
				s++
			}
			for e > s && (raw[e-1] == ' ' || raw[e-1] == '\t') {
				e--
			}
			if e > s {
				lines = append(lines, table.Line{Text: string(raw[s:e]), Start: s, End: e})
			}
			pos = lineStart
		}
		for l, r := 0, len(lines)-1; l < r; l, r = l+1, r-1 {
			lines[l], lines[r] = lines[r], lines[l]
		}
		t.Context = lines
		prevEnd = lastEnd(*t)
	}
}

// firstStart is the start of a table's first cell.
func firstStart(t table.Table) int {
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			return c.Start
		}
	}
	return 0
}
