package layout

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// Tables without ruling lines between their columns (ruled only above and
// below, or not at all) are found from the alignment of their text, as
// Camelot's stream mode does: lines cut into chunks at wide gaps, runs of
// lines whose figures stand in the same columns, the columns taken from
// the figures and the header's words placed over them.

// chunk is a run of a line's glyphs with no wide gap inside.
type chunk struct {
	glyphs []Glyph
	x0, x1 float64
	text   string
	figure bool // a number, a percent or a dash: a table's cell
	amount bool // a number with a thousands separator, decimals or %
}

// wideGap is the gap, in font sizes, that separates two cells of a line:
// more than a word's blank, less than the narrowest gap between two
// figures of adjacent columns.
const wideGap = 0.6

// tableFigure matches what a figure cell of a table holds.
var tableFigure = regexp.MustCompile(`^[(（]?[-－−–—+]?\d[\d,]*(\.\d+)?[)）]?%?$|^[-—－–]+$`)

// amountFigure matches a figure that is no page number or year.
var amountFigure = regexp.MustCompile(`,\d{3}|\.\d|%`)

// chunks cuts a line at its wide gaps.
func chunks(l *textLine) []chunk {
	var out []chunk
	var cur []Glyph
	flush := func() {
		if len(cur) == 0 {
			return
		}
		t := strings.TrimSpace(lineText(cur))
		c := chunk{glyphs: cur, x0: cur[0].X0, x1: cur[len(cur)-1].X1, text: t}
		c.figure = tableFigure.MatchString(t)
		c.amount = c.figure && amountFigure.MatchString(t)
		out = append(out, c)
		cur = nil
	}
	var prev *Glyph
	blank := false // a blank is drawn since prev
	for i := range l.glyphs {
		g := &l.glyphs[i]
		if strings.TrimSpace(g.Text) == "" {
			blank = prev != nil
			continue
		}
		gap := g.X0 - prev0(prev)
		// A wide gap, or a drawn blank between two digits (two figures set
		// close), starts a cell.
		if prev != nil && (gap > wideGap*max(min(prev.Size, g.Size), 1) || blank && isFigureEnd(prev.Text) && isFigureStart(g.Text)) {
			flush()
		}
		cur = append(cur, *g)
		prev = g
		blank = false
	}
	flush()
	return out
}

// prev0 is where the glyph before ends, or far left.
func prev0(g *Glyph) float64 {
	if g == nil {
		return -1e9
	}
	return g.X1
}

func isFigureEnd(s string) bool {
	r, _ := lastRune(s)
	return r >= '0' && r <= '9' || r == '%' || r == ')' || r == '）'
}

func isFigureStart(s string) bool {
	r, _ := firstRune(s)
	return r >= '0' && r <= '9' || r == '-' || r == '(' || r == '（'
}

// bodyLine reports a line that reads as a table row: a label or nothing,
// then two figures or more, one of them an amount.
func bodyLine(cs []chunk) bool {
	figures, amounts := 0, 0
	for i, c := range cs {
		if c.figure {
			figures++
			if c.amount {
				amounts++
			}
		} else if i > 0 {
			return false // words after a figure: prose, or a note
		}
	}
	return figures >= 2 && amounts >= 1 || figures >= 1 && amounts >= 1 && len(cs) >= 2 && !cs[0].figure
}

// alignedTables finds the tables among lines that are not in a ruled
// table, lines top to bottom. It returns them, and which lines they took.
func alignedTables(lines []textLine) ([]*pageTable, []bool) {
	taken := make([]bool, len(lines))
	cut := make([][]chunk, len(lines))
	for i := range lines {
		cut[i] = chunks(&lines[i])
	}
	var tables []*pageTable
	for i := 0; i < len(lines); {
		if !bodyLine(cut[i]) {
			i++
			continue
		}
		// The run of body lines, with at most one line of words between
		// two of them (a label wrapped, a section's name).
		end := i + 1
		for end < len(lines) {
			if bodyLine(cut[end]) && near(&lines[end-1], &lines[end]) {
				end++
				continue
			}
			if end+1 < len(lines) && len(cut[end]) == 1 && !cut[end][0].figure && bodyLine(cut[end+1]) &&
				near(&lines[end-1], &lines[end]) && near(&lines[end], &lines[end+1]) {
				end += 2
				continue
			}
			// The last row's label, wrapped: a few characters under it.
			if len(cut[end]) == 1 && wrapsLabel(cut[end-1], cut[end][0]) && near(&lines[end-1], &lines[end]) {
				end++
			}
			break
		}
		body := 0
		for k := i; k < end; k++ {
			if bodyLine(cut[k]) {
				body++
			}
		}
		if body < 3 {
			i = end
			continue
		}
		// Header lines above: words over the columns, close above.
		start := i
		for start > 0 && i-start < 3 && len(cut[start-1]) >= 2 && !bodyLine(cut[start-1]) && near(&lines[start-1], &lines[start]) {
			start--
		}
		if t := buildAligned(lines[start:end], cut[start:end]); t != nil {
			tables = append(tables, t)
			for k := start; k < end; k++ {
				taken[k] = true
			}
		}
		i = end
	}
	return tables, taken
}

// wrapsLabel reports a chunk that is the end of the label of the row
// above: words, a few, under the label's start.
func wrapsLabel(row []chunk, c chunk) bool {
	if len(row) == 0 || row[0].figure || c.figure {
		return false
	}
	return utf8.RuneCountInString(c.text) <= 6 && c.x0 >= row[0].x0-2 && c.x0 <= row[0].x0+2
}

// near reports two lines close enough to be rows of one table.
func near(a, b *textLine) bool {
	return b.top-a.bottom < 1.5*max(a.height(), b.height())
}

// span1 is an extent along one axis: a column's figures.
type span1 struct{ x0, x1 float64 }

// buildAligned lays a run of lines out as a table: columns from the
// figures of its body lines, the label column left of them, each line a
// row, a line of words alone in the label column joined to the row above.
func buildAligned(lines []textLine, cut [][]chunk) *pageTable {
	var figs []span1
	labelRight := -1.0
	for _, cs := range cut {
		if !bodyLine(cs) {
			continue
		}
		for _, c := range cs {
			if c.figure {
				figs = append(figs, span1{c.x0, c.x1})
			} else {
				labelRight = max(labelRight, c.x1)
			}
		}
	}
	sort.Slice(figs, func(a, b int) bool { return figs[a].x0 < figs[b].x0 })
	var cols []span1
	for _, f := range figs {
		if n := len(cols); n > 0 && f.x0 <= cols[n-1].x1+2 {
			cols[n-1].x1 = max(cols[n-1].x1, f.x1)
			continue
		}
		cols = append(cols, f)
	}
	if len(cols) < 1 || labelRight >= cols[0].x0 {
		return nil
	}
	// Grid boundaries: the label column, then each figure column.
	left := cols[0].x0
	for _, l := range lines {
		left = min(left, l.x0)
	}
	xs := []float64{left - 1}
	if labelRight > 0 || left < cols[0].x0-1 {
		xs = append(xs, (max(labelRight, left)+cols[0].x0)/2)
	}
	for k := 0; k+1 < len(cols); k++ {
		xs = append(xs, (cols[k].x1+cols[k+1].x0)/2)
	}
	right := cols[len(cols)-1].x1
	for _, l := range lines {
		right = max(right, l.x1)
	}
	xs = append(xs, right+1)
	nc := len(xs) - 1

	t := &pageTable{}
	at := map[[2]int]*spanCell{} // the cell that starts at a row and column
	ys := []float64{lines[0].top}
	row := -1
	firstValue := nc - len(cols) // the grid column of the first figure column
	headerLine := true
	for k := range lines {
		cs := cut[k]
		headerLine = headerLine && !bodyLine(cs)
		// A header's one word over the figures (期末余额 centred over five
		// columns) heads them all.
		if headerLine {
			var over []int
			for ci, c := range cs {
				if locate(xs, (c.x0+c.x1)/2) >= firstValue {
					over = append(over, ci)
				}
			}
			if len(over) == 1 && len(cols) > 1 {
				row++
				ys = append(ys, lines[k].bottom)
				for ci, c := range cs {
					c0, c1 := max(locate(xs, (c.x0+c.x1)/2), 0), max(locate(xs, (c.x0+c.x1)/2), 0)
					if ci == over[0] {
						c0, c1 = firstValue, nc-1
					}
					sc := &spanCell{r0: row, r1: row, c0: c0, c1: c1, glyphs: c.glyphs}
					at[[2]int{row, c0}] = sc
					t.cells = append(t.cells, sc)
				}
				continue
			}
		}
		// A line of words alone at the left, under a row: its label goes on.
		if row >= 0 && len(cs) == 1 && !cs[0].figure && locate(xs, (cs[0].x0+cs[0].x1)/2) == 0 {
			for _, c := range t.cells {
				if c.r0 == row && c.c0 == 0 {
					c.glyphs = append(c.glyphs, cs[0].glyphs...)
					break
				}
			}
			ys[len(ys)-1] = lines[k].bottom
			continue
		}
		row++
		ys = append(ys, lines[k].bottom)
		for _, c := range cs {
			c0, c1 := locate(xs, c.x0+0.5), locate(xs, c.x1-0.5)
			if c0 < 0 {
				c0 = 0
			}
			if c1 < 0 || c1 >= nc {
				c1 = nc - 1
			}
			if c1 < c0 {
				c0, c1 = c1, c0
			}
			if prev, ok := at[[2]int{row, c0}]; ok {
				// Two chunks in one column (a label with a wide gap in it).
				prev.glyphs = append(prev.glyphs, c.glyphs...)
				prev.c1 = max(prev.c1, c1)
				continue
			}
			sc := &spanCell{r0: row, r1: row, c0: c0, c1: c1, glyphs: c.glyphs}
			at[[2]int{row, c0}] = sc
			t.cells = append(t.cells, sc)
		}
	}
	t.g = grid{xs: xs, ys: ys}
	for r := 0; r <= row; r++ {
		t.rows = append(t.rows, r)
	}
	for c := 0; c < nc; c++ {
		t.cols = append(t.cols, c)
	}
	return t
}
