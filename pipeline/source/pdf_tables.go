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
	var last *layout.Table // the previous table as laid out, for joining
	lastPage := -1
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
		if last != nil && lastPage == p-1 && continues(pages, *last, lastPage, t, p) {
			prev := &out[len(out)-1]
			prev.Rows = append(prev.Rows, t.Rows...)
			prev.Cols = max(prev.Cols, t.Cols)
			last, lastPage = &tables[i], p
			continue
		}
		out = append(out, t.Table)
		last, lastPage = &tables[i], p
	}
	raw := []rune(strings.Join(pages, "\f"))
	fillContext(raw, out)
	return out
}

// continues reports whether table b, first on its page, carries on table
// a, last on the page before: nothing but page furniture stands between
// them, and their columns line up.
func continues(pages []string, a layout.Table, pa int, b layout.Table, pb int) bool {
	if len(a.Columns) != len(b.Columns) || len(a.Rows) == 0 || len(b.Rows) == 0 {
		return false
	}
	for k := range a.Columns {
		if math.Abs(a.Columns[k]-b.Columns[k]) > 4 {
			return false
		}
	}
	starts := table.PageOffsets(pages)
	// The text after a on its page and before b on its page: offsets in
	// a and b are already document-wide.
	aEnd := lastEnd(a.Table) - starts[pa]
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
