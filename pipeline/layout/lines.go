package layout

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// textLine is a row of glyphs that share a baseline, left to right.
type textLine struct {
	glyphs      []Glyph
	top, bottom float64
	x0, x1      float64
}

// blank reports whether the line draws only blanks.
func (l *textLine) blank() bool {
	for _, g := range l.glyphs {
		if strings.TrimSpace(g.Text) != "" {
			return false
		}
	}
	return true
}
func (l *textLine) height() float64 { return l.bottom - l.top }

// dedupe drops glyphs drawn twice at almost the same place, as fake bold
// is printed; poppler drops them too.
func dedupe(glyphs []Glyph) []Glyph {
	type key struct {
		text string
		x, y int
	}
	seen := make(map[key]bool, len(glyphs))
	out := glyphs[:0:0]
	for _, g := range glyphs {
		x, y := int(math.Round(g.X0)), int(math.Round(g.Top))
		dup := false
		for dx := -1; dx <= 1 && !dup; dx++ {
			for dy := -1; dy <= 1 && !dup; dy++ {
				dup = seen[key{g.Text, x + dx, y + dy}]
			}
		}
		if dup {
			continue
		}
		seen[key{g.Text, x, y}] = true
		out = append(out, g)
	}
	return out
}

// buildLines groups glyphs into lines: a glyph joins the line whose
// typical box (the mean of its glyphs' tops and bottoms) it overlaps by
// half its own height or the line's, whichever is less, so a superscript
// stays on its line and a line set close under another does not join it.
// Lines come top to bottom, glyphs in each left to right.
func buildLines(glyphs []Glyph) []textLine {
	if len(glyphs) == 0 {
		return nil
	}
	idx := make([]int, len(glyphs))
	for i := range idx {
		idx[i] = i
	}
	center := func(g Glyph) float64 { return (g.Top + g.Bottom) / 2 }
	sort.SliceStable(idx, func(a, b int) bool { return center(glyphs[idx[a]]) < center(glyphs[idx[b]]) })
	var lines []textLine
	var cur *textLine
	var sumTop, sumBottom float64 // of cur's glyphs
	for _, i := range idx {
		g := glyphs[i]
		if cur != nil {
			n := float64(len(cur.glyphs))
			top, bottom := sumTop/n, sumBottom/n
			overlap := min(bottom, g.Bottom) - max(top, g.Top)
			if overlap >= 0.5*min(g.Bottom-g.Top, bottom-top) && overlap > 0 {
				cur.glyphs = append(cur.glyphs, g)
				cur.top, cur.bottom = min(cur.top, g.Top), max(cur.bottom, g.Bottom)
				sumTop += g.Top
				sumBottom += g.Bottom
				continue
			}
		}
		lines = append(lines, textLine{glyphs: []Glyph{g}, top: g.Top, bottom: g.Bottom})
		cur = &lines[len(lines)-1]
		sumTop, sumBottom = g.Top, g.Bottom
	}
	for i := range lines {
		l := &lines[i]
		sort.SliceStable(l.glyphs, func(a, b int) bool { return l.glyphs[a].X0 < l.glyphs[b].X0 })
		l.x0, l.x1 = l.glyphs[0].X0, l.glyphs[0].X1
		for _, g := range l.glyphs {
			l.x0, l.x1 = min(l.x0, g.X0), max(l.x1, g.X1)
		}
	}
	return lines
}

// isWide reports whether r is a character of the wide scripts (Han, kana,
// full-width forms and CJK punctuation), which take no blank between them.
func isWide(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFFEF || r >= 0x3000 && r <= 0x303F
}

// needsBlank says whether the gap between two glyphs of a line shows a
// blank: a quarter of the size between Latin letters or digits, half of
// it where a wide character stands on either side.
func needsBlank(prev, next Glyph) bool {
	gap := next.X0 - prev.X1
	size := max(min(prev.Size, next.Size), 1)
	a, _ := lastRune(prev.Text)
	b, _ := firstRune(next.Text)
	if isWide(a) || isWide(b) {
		return gap > 0.5*size
	}
	return gap > 0.22*size
}

func lastRune(s string) (rune, bool) {
	rs := []rune(s)
	if len(rs) == 0 {
		return 0, false
	}
	return rs[len(rs)-1], true
}

func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}

// lineText writes a line's glyphs with a blank where a blank is drawn or
// a gap shows one; a line never has two blanks in a row or a blank at
// either end.
func lineText(glyphs []Glyph) string {
	var b strings.Builder
	var prev *Glyph
	drawnBlank := false
	for i := range glyphs {
		g := &glyphs[i]
		if strings.TrimSpace(g.Text) == "" {
			drawnBlank = prev != nil
			continue
		}
		if prev != nil && (drawnBlank || needsBlank(*prev, *g)) {
			b.WriteByte(' ')
		}
		drawnBlank = false
		b.WriteString(cleanGlyphText(g.Text))
		prev = g
	}
	return b.String()
}

// cleanGlyphText keeps a glyph's text on its line: the characters that
// break lines or pages, and other controls, become nothing.
func cleanGlyphText(s string) string {
	for _, r := range s {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return strings.Map(func(r rune) rune {
				if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
					return -1
				}
				return r
			}, s)
		}
	}
	return s
}

// joinCellLines joins the lines of one cell: nothing between wide
// characters or inside a number, a blank between Latin words.
func joinCellLines(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			a, _ := lastRune(b.String())
			c, _ := firstRune(p)
			if isLatinLetter(a) && isLatinLetter(c) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

func isLatinLetter(r rune) bool { return r < 0x80 && unicode.IsLetter(r) }
