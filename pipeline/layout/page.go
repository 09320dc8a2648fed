// Package layout rebuilds a PDF page's text from the positions of its
// glyphs and the ruling lines it draws: lines in reading order and, where
// text stands in ruled cells or aligns in columns, tables whose rows are
// written one line each, cells in order and separated by tabs. It knows
// nothing of PDF syntax; the readers in pipeline/source give it glyph
// boxes and rules.
package layout

// Glyph is one drawn character (or the few characters one glyph decodes
// to) with its box. Coordinates are in points from the page's top-left
// corner, x to the right and y down, after the page's rotation.
type Glyph struct {
	Text        string
	X0, X1      float64 // left and right edges
	Top, Bottom float64 // top and bottom edges, Top < Bottom
	Size        float64 // font size in points, as drawn
}

// A glyph's box reaches GlyphAscent of its font size above the baseline
// and GlyphDescent below it, whichever reader measured it: readers that
// box glyphs alike give the layout the same lines.
const (
	GlyphAscent  = 0.85
	GlyphDescent = 0.15
)

// Rule is a horizontal or vertical ruling line: a stroked segment, a thin
// filled rectangle, or an edge of a cell's rectangle. X0 <= X1, Y0 <= Y1;
// a horizontal rule has Y0 == Y1 and a vertical one X0 == X1.
type Rule struct {
	X0, Y0, X1, Y1 float64
}

// Horizontal reports whether the rule runs left to right.
func (r Rule) Horizontal() bool { return r.X1-r.X0 >= r.Y1-r.Y0 }

// Page is what a reader saw on one page.
type Page struct {
	Width, Height float64
	// Glyphs in the order the content stream draws them.
	Glyphs []Glyph
	Rules  []Rule
}
