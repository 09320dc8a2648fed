package source

import (
	"fmt"
	"math"
	"strings"

	"github.com/ledongthuc/pdf"

	"reportfacts/pipeline/layout"
)

// affine is a PDF transformation matrix [a b c d e f]: a point (x, y)
// maps to (a·x + c·y + e, b·x + d·y + f).
type affine [6]float64

var identity = affine{1, 0, 0, 1, 0, 0}

// then returns m followed by n (PDF's m × n).
func (m affine) then(n affine) affine {
	return affine{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m affine) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// vector applies m's linear part only.
func (m affine) vector(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y, m[1]*x + m[3]*y
}

func operandMatrix(args []pdf.Value) (affine, bool) {
	if len(args) != 6 {
		return identity, false
	}
	var m affine
	for i := range m {
		m[i] = args[i].Float64()
	}
	return m, true
}

// textState is the part of the graphics state that text showing uses.
type textState struct {
	ctm                          affine
	charSpace, wordSpace, hScale float64
	leading, rise, size          float64
	font                         *pdfFont
	fontName                     string
}

// geometryReader interprets a page's content stream into glyph boxes and
// ruling lines, in the page's default user space.
type geometryReader struct {
	fonts  fontCache
	glyphs []rawGlyph
	rules  []layout.Rule
	path   [][]pathPoint // subpaths of the current path, in user space
	closed []bool
	depth  int // form XObject nesting
}

// rawGlyph is a glyph in default user space: its origin, advance vector
// and the vector from baseline to top.
type rawGlyph struct {
	text   string
	x, y   float64 // origin on the baseline
	ax, ay float64 // advance
	ux, uy float64 // up: one font size, perpendicular to the baseline
}

type pathPoint struct {
	x, y  float64
	curve bool // reached by a curve: not a straight segment
}

// maxPageGlyphs bounds what one page may draw: a hostile content stream
// could otherwise show text forever.
const maxPageGlyphs = 1 << 20

// maxFormDepth bounds form XObjects drawn inside each other.
const maxFormDepth = 8

// ledongthucGeometry reads page p's glyphs and rules. A panic in the
// library or on a damaged stream becomes the page's error.
func ledongthucGeometry(p pdf.Page, fonts fontCache) (page layout.Page, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("interpret content: %v", r)
		}
	}()
	box := inherited(p, "CropBox")
	if box.Len() < 4 {
		box = inherited(p, "MediaBox")
	}
	llx, lly, urx, ury := 0.0, 0.0, 612.0, 792.0
	if box.Len() >= 4 {
		llx, lly, urx, ury = box.Index(0).Float64(), box.Index(1).Float64(), box.Index(2).Float64(), box.Index(3).Float64()
		if urx < llx {
			llx, urx = urx, llx
		}
		if ury < lly {
			lly, ury = ury, lly
		}
	}
	g := &geometryReader{fonts: fonts}
	contents := p.V.Key("Contents")
	if !contents.IsNull() {
		g.run(contents, p.Resources(), textState{ctm: identity, hScale: 1})
	}
	rotate := int(inherited(p, "Rotate").Int64())
	return g.page(llx, lly, urx, ury, rotate), nil
}

// inherited looks a page attribute up the page tree (a few levels: a
// cycle in a damaged tree must not loop).
func inherited(p pdf.Page, key string) pdf.Value {
	for v, k := p.V, 0; !v.IsNull() && k < 32; v, k = v.Key("Parent"), k+1 {
		if r := v.Key(key); !r.IsNull() {
			return r
		}
	}
	return pdf.Value{}
}

// run interprets one content stream with its resources.
func (g *geometryReader) run(strm pdf.Value, res pdf.Value, ts textState) {
	var stack []textState
	var tm, tlm affine
	// A stream selects its fonts by name again and again; ledongthuc
	// parses the resource dictionaries anew at every look-up.
	byName := map[string]*pdfFont{}
	var fontRes pdf.Value
	fontOf := func(name string) *pdfFont {
		if f, ok := byName[name]; ok {
			return f
		}
		if fontRes.IsNull() {
			fontRes = res.Key("Font")
		}
		f := &pdfFont{scale: 0.001, defaultWidth: 500}
		if fv := fontRes.Key(name); !fv.IsNull() {
			f = g.fonts.font(fv)
		}
		byName[name] = f
		return f
	}
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		n := stk.Len()
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "q":
			stack = append(stack, ts)
		case "Q":
			if k := len(stack); k > 0 {
				ts = stack[k-1]
				stack = stack[:k-1]
			}
		case "cm":
			if m, ok := operandMatrix(args); ok {
				ts.ctm = m.then(ts.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tc":
			if n == 1 {
				ts.charSpace = args[0].Float64()
			}
		case "Tw":
			if n == 1 {
				ts.wordSpace = args[0].Float64()
			}
		case "Tz":
			if n == 1 {
				ts.hScale = args[0].Float64() / 100
			}
		case "TL":
			if n == 1 {
				ts.leading = args[0].Float64()
			}
		case "Ts":
			if n == 1 {
				ts.rise = args[0].Float64()
			}
		case "Tf":
			if n == 2 {
				ts.fontName = args[0].Name()
				ts.font = fontOf(ts.fontName)
				ts.size = args[1].Float64()
			}
		case "Td", "TD":
			if n == 2 {
				tx, ty := args[0].Float64(), args[1].Float64()
				if op == "TD" {
					ts.leading = -ty
				}
				tlm = affine{1, 0, 0, 1, tx, ty}.then(tlm)
				tm = tlm
			}
		case "Tm":
			if m, ok := operandMatrix(args); ok {
				tm, tlm = m, m
			}
		case "T*":
			tlm = affine{1, 0, 0, 1, 0, -ts.leading}.then(tlm)
			tm = tlm
		case "Tj", "'", "\"":
			if op != "Tj" {
				if op == "\"" && n == 3 {
					ts.wordSpace, ts.charSpace = args[0].Float64(), args[1].Float64()
				}
				tlm = affine{1, 0, 0, 1, 0, -ts.leading}.then(tlm)
				tm = tlm
			}
			if n >= 1 {
				tm = g.show(args[n-1].RawString(), tm, &ts)
			}
		case "TJ":
			if n != 1 {
				return
			}
			a := args[0]
			for i := 0; i < a.Len(); i++ {
				x := a.Index(i)
				if x.Kind() == pdf.String {
					tm = g.show(x.RawString(), tm, &ts)
					continue
				}
				tx := -x.Float64() / 1000 * ts.size * ts.hScale
				tm = affine{1, 0, 0, 1, tx, 0}.then(tm)
			}
		case "m":
			if n == 2 {
				x, y := ts.ctm.apply(args[0].Float64(), args[1].Float64())
				g.path = append(g.path, []pathPoint{{x: x, y: y}})
				g.closed = append(g.closed, false)
			}
		case "l":
			if n == 2 && len(g.path) > 0 {
				x, y := ts.ctm.apply(args[0].Float64(), args[1].Float64())
				k := len(g.path) - 1
				g.path[k] = append(g.path[k], pathPoint{x: x, y: y})
			}
		case "c", "v", "y":
			if n >= 4 && len(g.path) > 0 {
				x, y := ts.ctm.apply(args[n-2].Float64(), args[n-1].Float64())
				k := len(g.path) - 1
				g.path[k] = append(g.path[k], pathPoint{x: x, y: y, curve: true})
			}
		case "h":
			if k := len(g.closed); k > 0 {
				g.closed[k-1] = true
			}
		case "re":
			if n == 4 {
				x, y, w, h := args[0].Float64(), args[1].Float64(), args[2].Float64(), args[3].Float64()
				var sub []pathPoint
				for _, c := range [][2]float64{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}} {
					px, py := ts.ctm.apply(c[0], c[1])
					sub = append(sub, pathPoint{x: px, y: py})
				}
				g.path = append(g.path, sub)
				g.closed = append(g.closed, true)
			}
		case "S", "s", "B", "B*", "b", "b*":
			g.paint(true)
		case "f", "F", "f*":
			g.paint(false)
		case "n":
			g.path, g.closed = g.path[:0], g.closed[:0]
		case "Do":
			if n == 1 {
				g.form(res.Key("XObject").Key(args[0].Name()), ts)
			}
		}
	})
}

// show draws a string and returns the text matrix after it.
func (g *geometryReader) show(s string, tm affine, ts *textState) affine {
	f := ts.font
	if f == nil {
		f = &pdfFont{scale: 0.001, defaultWidth: 500}
		ts.font = f
	}
	for len(s) > 0 {
		k := 1
		if f.codeLen != nil {
			k = min(max(f.codeLen(s), 1), len(s))
		}
		code := s[:k]
		s = s[k:]
		w := f.width(code)
		adv := w*ts.size + ts.charSpace
		if !f.multiByte && k == 1 && code[0] == ' ' {
			adv += ts.wordSpace
		}
		adv *= ts.hScale
		if len(g.glyphs) < maxPageGlyphs {
			trm := affine{ts.size * ts.hScale, 0, 0, ts.size, 0, ts.rise}.then(tm).then(ts.ctm)
			x, y := trm.apply(0, 0)
			// The advance of the glyph itself (its width), not the
			// spacing after it, gives its box.
			ax, ay := affine{1, 0, 0, 1, 0, 0}.then(tm).then(ts.ctm).vector(w*ts.size*ts.hScale, 0)
			ux, uy := trm.vector(0, 1)
			g.glyphs = append(g.glyphs, rawGlyph{text: f.text(code), x: x, y: y, ax: ax, ay: ay, ux: ux, uy: uy})
		}
		tm = affine{1, 0, 0, 1, adv, 0}.then(tm)
	}
	return tm
}

// form draws a form XObject.
func (g *geometryReader) form(x pdf.Value, ts textState) {
	if x.Key("Subtype").Name() != "Form" || g.depth >= maxFormDepth {
		return
	}
	if m := x.Key("Matrix"); m.Len() == 6 {
		var args []pdf.Value
		for i := 0; i < 6; i++ {
			args = append(args, m.Index(i))
		}
		if mm, ok := operandMatrix(args); ok {
			ts.ctm = mm.then(ts.ctm)
		}
	}
	res := x.Key("Resources")
	g.depth++
	saved, savedClosed := g.path, g.closed
	g.path, g.closed = nil, nil
	g.run(x, res, ts)
	g.path, g.closed = saved, savedClosed
	g.depth--
}

// Rules shorter than minRule points are not ruling lines; rectangles
// thinner than thinRect points are drawn lines.
const (
	minRule  = 2.0
	thinRect = 2.0
	axisTol  = 1.0
)

// paint turns the current path into rules and clears it. A filled
// rectangle that is not thin is a cell's or a line's background, not a
// border: its edges count only when it is stroked.
func (g *geometryReader) paint(stroked bool) {
	for i, sub := range g.path {
		if len(sub) < 2 {
			continue
		}
		if r, ok := rectangle(sub); ok {
			w, h := r.X1-r.X0, r.Y1-r.Y0
			switch {
			case w < minRule && h < minRule:
			case h <= thinRect:
				mid := (r.Y0 + r.Y1) / 2
				g.rules = append(g.rules, layout.Rule{X0: r.X0, Y0: mid, X1: r.X1, Y1: mid})
			case w <= thinRect:
				mid := (r.X0 + r.X1) / 2
				g.rules = append(g.rules, layout.Rule{X0: mid, Y0: r.Y0, X1: mid, Y1: r.Y1})
			case !stroked:
			default:
				g.rules = append(g.rules,
					layout.Rule{X0: r.X0, Y0: r.Y0, X1: r.X1, Y1: r.Y0},
					layout.Rule{X0: r.X0, Y0: r.Y1, X1: r.X1, Y1: r.Y1},
					layout.Rule{X0: r.X0, Y0: r.Y0, X1: r.X0, Y1: r.Y1},
					layout.Rule{X0: r.X1, Y0: r.Y0, X1: r.X1, Y1: r.Y1})
			}
			continue
		}
		pts := sub
		if g.closed[i] {
			pts = append(pts[:len(pts):len(pts)], sub[0])
		}
		for j := 1; j < len(pts); j++ {
			if pts[j].curve {
				continue
			}
			if r, ok := axisSegment(pts[j-1], pts[j]); ok {
				g.rules = append(g.rules, r)
			}
		}
	}
	g.path, g.closed = g.path[:0], g.closed[:0]
}

// rectangle reports whether a subpath is an axis-aligned rectangle and
// returns its bounds.
func rectangle(sub []pathPoint) (layout.Rule, bool) {
	pts := sub
	if len(pts) == 5 && math.Abs(pts[4].x-pts[0].x) < axisTol && math.Abs(pts[4].y-pts[0].y) < axisTol {
		pts = pts[:4]
	}
	if len(pts) != 4 {
		return layout.Rule{}, false
	}
	for j := range pts {
		a, b := pts[j], pts[(j+1)%4]
		if b.curve || math.Abs(a.x-b.x) > axisTol && math.Abs(a.y-b.y) > axisTol {
			return layout.Rule{}, false
		}
	}
	r := layout.Rule{X0: pts[0].x, Y0: pts[0].y, X1: pts[0].x, Y1: pts[0].y}
	for _, p := range pts[1:] {
		r.X0, r.X1 = min(r.X0, p.x), max(r.X1, p.x)
		r.Y0, r.Y1 = min(r.Y0, p.y), max(r.Y1, p.y)
	}
	return r, true
}

// axisSegment returns a straight segment as a rule when it runs along an
// axis and is long enough.
func axisSegment(a, b pathPoint) (layout.Rule, bool) {
	dx, dy := math.Abs(a.x-b.x), math.Abs(a.y-b.y)
	switch {
	case dy <= axisTol && dx >= minRule:
		y := (a.y + b.y) / 2
		return layout.Rule{X0: min(a.x, b.x), Y0: y, X1: max(a.x, b.x), Y1: y}, true
	case dx <= axisTol && dy >= minRule:
		x := (a.x + b.x) / 2
		return layout.Rule{X0: x, Y0: min(a.y, b.y), X1: x, Y1: max(a.y, b.y)}, true
	}
	return layout.Rule{}, false
}

// page turns what was drawn into a layout.Page: y down from the top-left
// corner of the visible box, the page's /Rotate applied, and, where most
// text runs along another direction (a landscape table printed on a
// portrait page), turned so that it reads left to right.
func (g *geometryReader) page(llx, lly, urx, ury float64, rotate int) layout.Page {
	w, h := urx-llx, ury-lly
	// To top-left y-down coordinates of the unrotated page.
	view := affine{1, 0, 0, -1, -llx, ury}
	turns := ((rotate%360)+360)%360/90 + g.textTurns(view)
	turns %= 4
	for k := 0; k < turns; k++ {
		// A quarter turn clockwise of a page w wide and h high.
		view = view.then(affine{0, 1, -1, 0, h, 0})
		w, h = h, w
	}
	out := layout.Page{Width: w, Height: h, Glyphs: make([]layout.Glyph, 0, len(g.glyphs))}
	for _, gl := range g.glyphs {
		x, y := view.apply(gl.x, gl.y)
		ax, ay := view.vector(gl.ax, gl.ay)
		ux, uy := view.vector(gl.ux, gl.uy)
		size := math.Hypot(ux, uy)
		if size == 0 || strings.TrimSpace(gl.text) == "" && gl.text != " " {
			continue
		}
		// The box spans the advance and, across it, from a little below
		// the baseline to most of the size above it.
		const up, down = layout.GlyphAscent, layout.GlyphDescent
		xs := []float64{x - down*ux, x + ax - down*ux, x + up*ux, x + ax + up*ux}
		ys := []float64{y - down*uy, y + ay - down*uy, y + up*uy, y + ay + up*uy}
		out.Glyphs = append(out.Glyphs, layout.Glyph{
			Text: gl.text,
			X0:   minOf(xs), X1: maxOf(xs), Top: minOf(ys), Bottom: maxOf(ys),
			Size: size,
		})
	}
	for _, r := range g.rules {
		x0, y0 := view.apply(r.X0, r.Y0)
		x1, y1 := view.apply(r.X1, r.Y1)
		out.Rules = append(out.Rules, layout.Rule{X0: min(x0, x1), Y0: min(y0, y1), X1: max(x0, x1), Y1: max(y0, y1)})
	}
	return out
}

// textTurns returns how many quarter turns clockwise make most of the
// page's text run left to right, seen through view.
func (g *geometryReader) textTurns(view affine) int {
	var count [4]int
	for _, gl := range g.glyphs {
		ax, ay := view.vector(gl.ax, gl.ay)
		switch {
		case math.Abs(ax) >= math.Abs(ay) && ax > 0:
			count[0]++
		case math.Abs(ay) > math.Abs(ax) && ay < 0:
			count[1]++ // reads bottom to top: a quarter turn clockwise
		case math.Abs(ax) >= math.Abs(ay):
			count[2]++
		default:
			count[3]++
		}
	}
	best := 0
	for k := 1; k < 4; k++ {
		if count[k] > count[best] {
			best = k
		}
	}
	// Turn only when the other direction clearly dominates.
	if best != 0 && count[best] > 2*count[0] {
		return best
	}
	return 0
}

func minOf(v []float64) float64 {
	m := v[0]
	for _, x := range v[1:] {
		m = min(m, x)
	}
	return m
}

func maxOf(v []float64) float64 {
	m := v[0]
	for _, x := range v[1:] {
		m = max(m, x)
	}
	return m
}
