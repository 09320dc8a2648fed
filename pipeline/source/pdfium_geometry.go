package source

import (
	"fmt"
	"math"
	"sort"
	"unicode/utf16"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/structs"

	"reportfacts/pipeline/layout"
)

// pdfiumGeometry returns what PDFium sees on page i (0-based): the page's
// size after its /Rotate, every drawn character with its box in PDFium's
// text order, and the page's horizontal and vertical ruling lines, all in
// points from the top-left corner, y down.
//
// A glyph's box spans its advance (PDFium's loose character box) and,
// where the text runs left to right as the page is seen, from 0.85 of the
// font size above the baseline to 0.15 below it, as the ledongthuc reader
// boxes glyphs; text turned on the page keeps PDFium's loose box. The
// characters PDFium inserts itself (line breaks, spaces it infers from
// gaps) are dropped; a space the page draws is kept.
//
// Rules come from path objects, also those inside form XObjects: stroked
// straight segments, thin filled rectangles (a rule along their length)
// and the edges of larger rectangles, kept where a colour boundary shows
// (see pdfiumVisibleRules).
//
// Page objects and path segments have no close call in go-pdfium: their
// handles live until the instance is closed.
func pdfiumGeometry(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, i int) (pg layout.Page, err error) {
	defer func() {
		if r := recover(); r != nil {
			pg, err = layout.Page{}, fmt.Errorf("page %d: PDFium failed: %v", i+1, r)
		}
	}()
	loaded, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: i})
	if err != nil {
		return layout.Page{}, fmt.Errorf("page %d: load: %w", i+1, err)
	}
	defer func() {
		if _, cerr := inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: loaded.Page}); cerr != nil && err == nil {
			pg, err = layout.Page{}, fmt.Errorf("page %d: close: %w", i+1, cerr)
		}
	}()
	page := requests.Page{ByReference: &loaded.Page}

	view, w, h, err := pdfiumView(inst, page)
	if err != nil {
		return layout.Page{}, fmt.Errorf("page %d: %w", i+1, err)
	}
	glyphs, err := pdfiumGlyphs(inst, page, view)
	if err != nil {
		return layout.Page{}, fmt.Errorf("page %d: %w", i+1, err)
	}
	rules, err := pdfiumRules(inst, page, view)
	if err != nil {
		return layout.Page{}, fmt.Errorf("page %d: %w", i+1, err)
	}
	return layout.Page{Width: w, Height: h, Glyphs: glyphs, Rules: rules}, nil
}

func pdfMatrixOf(m structs.FPDF_FS_MATRIX) affine {
	return affine{float64(m.A), float64(m.B), float64(m.C), float64(m.D), float64(m.E), float64(m.F)}
}

// rect maps the rectangle (x0, y0)–(x1, y1) and returns the bounds of
// the result.
func (m affine) rect(x0, y0, x1, y1 float64) (rx0, ry0, rx1, ry1 float64) {
	ax, ay := m.apply(x0, y0)
	bx, by := m.apply(x1, y0)
	cx, cy := m.apply(x1, y1)
	dx, dy := m.apply(x0, y1)
	return min(ax, bx, cx, dx), min(ay, by, cy, dy), max(ax, bx, cx, dx), max(ay, by, cy, dy)
}

// pdfiumView returns the matrix from the page's user space to top-left,
// y-down coordinates of the page as displayed (its crop box, /Rotate
// applied), and the displayed width and height.
func pdfiumView(inst pdfium.Pdfium, page requests.Page) (view affine, w, h float64, err error) {
	bb, err := inst.FPDF_GetPageBoundingBox(&requests.FPDF_GetPageBoundingBox{Page: page})
	if err != nil {
		return view, 0, 0, fmt.Errorf("page box: %w", err)
	}
	rot, err := inst.FPDFPage_GetRotation(&requests.FPDFPage_GetRotation{Page: page})
	if err != nil {
		return view, 0, 0, fmt.Errorf("rotation: %w", err)
	}
	left, right := float64(min(bb.Rect.Left, bb.Rect.Right)), float64(max(bb.Rect.Left, bb.Rect.Right))
	bottom, top := float64(min(bb.Rect.Bottom, bb.Rect.Top)), float64(max(bb.Rect.Bottom, bb.Rect.Top))
	w, h = right-left, top-bottom
	view = affine{1, 0, 0, -1, -left, top}
	for k := 0; k < int(rot.PageRotation)&3; k++ {
		// A quarter turn clockwise of a page w wide and h high.
		view = view.then(affine{0, 1, -1, 0, h, 0})
		w, h = h, w
	}
	return view, w, h, nil
}

// Where a glyph's box lies against its baseline, in font sizes: the same
// proportions as the ledongthuc reader's boxes.
const (
	pdfiumGlyphAscent  = layout.GlyphAscent
	pdfiumGlyphDescent = layout.GlyphDescent
)

// pdfiumGlyphs reads the drawn characters of a page.
func pdfiumGlyphs(inst pdfium.Pdfium, page requests.Page, view affine) (glyphs []layout.Glyph, err error) {
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: page})
	if err != nil {
		return nil, fmt.Errorf("load text: %w", err)
	}
	defer func() {
		if _, cerr := inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage}); cerr != nil && err == nil {
			glyphs, err = nil, fmt.Errorf("close text: %w", cerr)
		}
	}()
	n, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return nil, fmt.Errorf("count characters: %w", err)
	}
	glyphs = make([]layout.Glyph, 0, max(n.Count, 0))
	for k := 0; k < n.Count; k++ {
		gen, err := inst.FPDFText_IsGenerated(&requests.FPDFText_IsGenerated{TextPage: tp.TextPage, Index: k})
		if err == nil && gen.IsGenerated {
			continue
		}
		u, err := inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp.TextPage, Index: k})
		if err != nil {
			return nil, fmt.Errorf("character %d: %w", k, err)
		}
		r := rune(u.Unicode)
		first := k
		if utf16.IsSurrogate(r) && k+1 < n.Count {
			// A character beyond the BMP may come as two UTF-16 halves.
			lo, err := inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp.TextPage, Index: k + 1})
			if err != nil {
				return nil, fmt.Errorf("character %d: %w", k+1, err)
			}
			if c := utf16.DecodeRune(r, rune(lo.Unicode)); c != '\uFFFD' {
				r = c
				k++
			}
		}
		if !pdfiumDrawnRune(r) {
			continue
		}
		g, ok, err := pdfiumGlyph(inst, tp.TextPage, first, view)
		if err != nil {
			return nil, fmt.Errorf("character %d: %w", first, err)
		}
		if !ok {
			continue
		}
		g.Text = string(r)
		glyphs = append(glyphs, g)
	}
	return glyphs, nil
}

// pdfiumDrawnRune reports whether a character PDFium decoded is text: not a
// control character (PDFium leaves those out of its text too) or a
// noncharacter.
func pdfiumDrawnRune(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7F && r <= 0x9F, r == 0xFFFE, r == 0xFFFF, utf16.IsSurrogate(r), r > 0x10FFFF:
		return false
	}
	return true
}

// pdfiumGlyph returns the box and size of character k; ok is false where
// the character covers nothing.
func pdfiumGlyph(inst pdfium.Pdfium, tp references.FPDF_TEXTPAGE, k int, view affine) (g layout.Glyph, ok bool, err error) {
	loose, err := inst.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: tp, Index: k})
	if err != nil {
		return g, false, err
	}
	lr := loose.Rect
	g.X0, g.Top, g.X1, g.Bottom = view.rect(float64(lr.Left), float64(lr.Bottom), float64(lr.Right), float64(lr.Top))
	if !(g.X1-g.X0 > 0 && g.Bottom-g.Top > 0) {
		return g, false, nil
	}
	fs, err := inst.FPDFText_GetFontSize(&requests.FPDFText_GetFontSize{TextPage: tp, Index: k})
	if err != nil {
		return g, false, err
	}
	mr, err := inst.FPDFText_GetMatrix(&requests.FPDFText_GetMatrix{TextPage: tp, Index: k})
	if err != nil {
		return g, false, err
	}
	// The font size is the one the text state sets (Tf); the character's
	// matrix (text matrix and CTM) scales it: Distiller sets 1 Tf and
	// draws at 9 through the matrix.
	m := pdfMatrixOf(mr.Matrix)
	ax, ay := view.vector(m[0], m[1]) // along the baseline
	ux, uy := view.vector(m[2], m[3]) // up the glyph (y down: uy < 0)
	upright := ax > 0 && math.Abs(ay) <= 0.05*ax && uy < 0 && math.Abs(ux) <= 0.5*-uy
	if !upright {
		g.Size = fs.FontSize * math.Hypot(ux, uy)
		if !(g.Size > 0) {
			g.Size = g.Bottom - g.Top
		}
		return g, true, nil
	}
	g.Size = fs.FontSize * -uy
	if !(g.Size > 0) {
		g.Size = g.Bottom - g.Top
		return g, true, nil
	}
	o, err := inst.FPDFText_GetCharOrigin(&requests.FPDFText_GetCharOrigin{TextPage: tp, Index: k})
	if err != nil {
		return g, false, err
	}
	_, base := view.apply(o.X, o.Y)
	g.Top, g.Bottom = base-pdfiumGlyphAscent*g.Size, base+pdfiumGlyphDescent*g.Size
	return g, true, nil
}

// Rule geometry, in points.
const (
	pdfiumRuleMin  = 2.0 // shorter marks are no rules
	pdfiumRuleThin = 2.0 // a filled rectangle this thin is a drawn line
	pdfiumAxisTol  = 1.0 // a segment this far off an axis still runs along it
	// pdfiumEdgeProbe is how far outside a filled rectangle's edge pdfiumVisibleRules
	// looks for the colour beside it.
	pdfiumEdgeProbe = 0.3
	// maxFormNesting bounds form XObjects inside each other.
	pdfiumFormNesting = 8
)

// paintColor is a colour as PDFium reports it, 8 bits a channel.
type paintColor struct{ r, g, b, a uint8 }

func paintColorOf(c structs.FPDF_COLOR) paintColor {
	return paintColor{uint8(min(c.R, 255)), uint8(min(c.G, 255)), uint8(min(c.B, 255)), uint8(min(c.A, 255))}
}

// white is the page's own colour: what nothing painted shows.
func (c paintColor) white() bool { return c.r >= 250 && c.g >= 250 && c.b >= 250 }

// pdfiumFill is a filled axis-aligned rectangle in user space.
type pdfiumFill struct {
	x0, y0, x1, y1 float64
	color          paintColor
	// stroked rectangles count as area under other marks; their edges
	// are drawn, and come as stroked segments.
	stroked bool
}

// pdfiumStroke is a stroked horizontal or vertical segment in user space.
type pdfiumStroke struct {
	r     layout.Rule
	color paintColor
}

// pdfiumPaths gathers a page's filled rectangles and stroked segments.
type pdfiumPaths struct {
	inst    pdfium.Pdfium
	fills   []pdfiumFill
	strokes []pdfiumStroke
}

// pdfiumRules reads a page's ruling lines.
func pdfiumRules(inst pdfium.Pdfium, page requests.Page, view affine) ([]layout.Rule, error) {
	n, err := inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: page})
	if err != nil {
		return nil, fmt.Errorf("count objects: %w", err)
	}
	c := &pdfiumPaths{inst: inst}
	for k := 0; k < n.Count; k++ {
		obj, err := inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: page, Index: k})
		if err != nil {
			return nil, fmt.Errorf("object %d: %w", k, err)
		}
		if err := c.object(obj.PageObject, identity, 0); err != nil {
			return nil, fmt.Errorf("object %d: %w", k, err)
		}
	}
	return c.rules(view), nil
}

// object collects one page object drawn through parent (the matrices of
// the form XObjects it sits in).
func (c *pdfiumPaths) object(obj references.FPDF_PAGEOBJECT, parent affine, depth int) error {
	t, err := c.inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj})
	if err != nil {
		return fmt.Errorf("type: %w", err)
	}
	switch t.Type {
	case enums.FPDF_PAGEOBJ_PATH:
		return c.path(obj, parent)
	case enums.FPDF_PAGEOBJ_FORM:
		if depth >= pdfiumFormNesting {
			return nil
		}
		fm, err := c.inst.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: obj})
		if err != nil {
			return fmt.Errorf("form matrix: %w", err)
		}
		inner := pdfMatrixOf(fm.Matrix).then(parent)
		n, err := c.inst.FPDFFormObj_CountObjects(&requests.FPDFFormObj_CountObjects{PageObject: obj})
		if err != nil {
			return fmt.Errorf("count form objects: %w", err)
		}
		for k := 0; k < n.Count; k++ {
			child, err := c.inst.FPDFFormObj_GetObject(&requests.FPDFFormObj_GetObject{PageObject: obj, Index: uint64(k)})
			if err != nil {
				return fmt.Errorf("form object %d: %w", k, err)
			}
			if err := c.object(child.PageObject, inner, depth+1); err != nil {
				return fmt.Errorf("form object %d: %w", k, err)
			}
		}
	}
	return nil
}

// path collects a path object.
func (c *pdfiumPaths) path(obj references.FPDF_PAGEOBJECT, parent affine) error {
	mode, err := c.inst.FPDFPath_GetDrawMode(&requests.FPDFPath_GetDrawMode{PageObject: obj})
	if err != nil {
		return fmt.Errorf("draw mode: %w", err)
	}
	filled, stroked := mode.FillMode != enums.FPDF_FILLMODE_NONE, mode.Stroke
	var fill, stroke paintColor
	if filled {
		fc, err := c.inst.FPDFPageObj_GetFillColor(&requests.FPDFPageObj_GetFillColor{PageObject: obj})
		if err != nil {
			// A pattern or a colour PDFium cannot name: some paint.
			fill = paintColor{a: 255}
		} else {
			fill = paintColorOf(fc.FillColor)
		}
		filled = fill.a > 0
	}
	if stroked {
		sc, err := c.inst.FPDFPageObj_GetStrokeColor(&requests.FPDFPageObj_GetStrokeColor{PageObject: obj})
		if err != nil {
			stroke = paintColor{a: 255}
		} else {
			stroke = paintColorOf(sc.StrokeColor)
		}
		stroked = stroke.a > 0
	}
	if !stroked && (!filled || fill.white()) {
		// A clip, an invisible path, or a white area: on the white page
		// it draws no line, and a coloured area's edge shows beside it
		// as beside the page. (Leaving white areas out saves walking
		// the many that shade table cells.)
		return nil
	}
	b, err := c.inst.FPDFPageObj_GetBounds(&requests.FPDFPageObj_GetBounds{PageObject: obj})
	if err != nil {
		return fmt.Errorf("bounds: %w", err)
	}
	x0, y0, x1, y1 := parent.rect(float64(b.Left), float64(b.Bottom), float64(b.Right), float64(b.Top))
	w, h := x1-x0, y1-y0
	if max(w, h) < pdfiumRuleMin {
		return nil
	}
	if !stroked && min(w, h) <= pdfiumRuleThin {
		// A thin filled shape is a line: its bounds are enough. (A
		// stroke's bounds reach past its ends by up to its width.)
		c.fills = append(c.fills, pdfiumFill{x0: x0, y0: y0, x1: x1, y1: y1, color: fill})
		return nil
	}
	return c.segments(obj, parent, filled, stroked, fill, stroke)
}

// pdfiumThinRule is the rule along a thin box's length, on its centre line.
func pdfiumThinRule(x0, y0, x1, y1 float64) layout.Rule {
	if x1-x0 >= y1-y0 {
		y := (y0 + y1) / 2
		return layout.Rule{X0: x0, Y0: y, X1: x1, Y1: y}
	}
	x := (x0 + x1) / 2
	return layout.Rule{X0: x, Y0: y0, X1: x, Y1: y1}
}

type pdfiumPathPoint struct {
	x, y  float64
	curve bool // reached by a Bézier curve, not a straight segment
}

// segments walks a path's segments: rectangle subpaths become filled
// rectangles (and their edges strokes where stroked), other straight
// horizontal and vertical segments strokes.
func (c *pdfiumPaths) segments(obj references.FPDF_PAGEOBJECT, parent affine, filled, stroked bool, fill, stroke paintColor) error {
	om, err := c.inst.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: obj})
	if err != nil {
		return fmt.Errorf("path matrix: %w", err)
	}
	m := pdfMatrixOf(om.Matrix).then(parent)
	n, err := c.inst.FPDFPath_CountSegments(&requests.FPDFPath_CountSegments{PageObject: obj})
	if err != nil {
		return fmt.Errorf("count segments: %w", err)
	}
	var sub []pdfiumPathPoint
	closed := false
	flush := func() {
		c.subpath(sub, closed, filled, stroked, fill, stroke)
		sub, closed = sub[:0], false
	}
	for k := 0; k < n.Count; k++ {
		s, err := c.inst.FPDFPath_GetPathSegment(&requests.FPDFPath_GetPathSegment{PageObject: obj, Index: k})
		if err != nil {
			return fmt.Errorf("segment %d: %w", k, err)
		}
		t, err := c.inst.FPDFPathSegment_GetType(&requests.FPDFPathSegment_GetType{PathSegment: s.PathSegment})
		if err != nil {
			return fmt.Errorf("segment %d type: %w", k, err)
		}
		p, err := c.inst.FPDFPathSegment_GetPoint(&requests.FPDFPathSegment_GetPoint{PathSegment: s.PathSegment})
		if err != nil {
			return fmt.Errorf("segment %d point: %w", k, err)
		}
		closes := false
		if stroked {
			// A fill closes its subpaths anyway.
			cl, err := c.inst.FPDFPathSegment_GetClose(&requests.FPDFPathSegment_GetClose{PathSegment: s.PathSegment})
			if err != nil {
				return fmt.Errorf("segment %d close: %w", k, err)
			}
			closes = cl.IsClose
		}
		x, y := m.apply(float64(p.X), float64(p.Y))
		switch t.Type {
		case enums.FPDF_SEGMENT_MOVETO:
			flush()
			sub = append(sub, pdfiumPathPoint{x: x, y: y})
		case enums.FPDF_SEGMENT_LINETO, enums.FPDF_SEGMENT_BEZIERTO:
			if len(sub) == 0 {
				sub = append(sub, pdfiumPathPoint{x: x, y: y})
				continue
			}
			sub = append(sub, pdfiumPathPoint{x: x, y: y, curve: t.Type == enums.FPDF_SEGMENT_BEZIERTO})
		default:
			continue
		}
		if closes {
			closed = true
			// A subpath closed by h goes on from its start.
			start := sub[0]
			flush()
			sub = append(sub, start)
		}
	}
	flush()
	return nil
}

// subpath collects one subpath.
func (c *pdfiumPaths) subpath(sub []pdfiumPathPoint, closed, filled, stroked bool, fill, stroke paintColor) {
	if len(sub) < 2 {
		return
	}
	if x0, y0, x1, y1, ok := pdfiumRectOf(sub); ok {
		if filled {
			c.fills = append(c.fills, pdfiumFill{x0: x0, y0: y0, x1: x1, y1: y1, color: fill, stroked: stroked})
		}
		if stroked {
			for _, r := range []layout.Rule{
				{X0: x0, Y0: y0, X1: x1, Y1: y0}, {X0: x0, Y0: y1, X1: x1, Y1: y1},
				{X0: x0, Y0: y0, X1: x0, Y1: y1}, {X0: x1, Y0: y0, X1: x1, Y1: y1},
			} {
				c.strokes = append(c.strokes, pdfiumStroke{r: r, color: stroke})
			}
		}
		return
	}
	// Any other shape: its straight sides along an axis. A filled
	// shape's outline shows where it is not white.
	color := stroke
	if !stroked {
		if fill.white() {
			return
		}
		color = fill
		closed = true
	}
	pts := sub
	if closed && (sub[0].x != sub[len(sub)-1].x || sub[0].y != sub[len(sub)-1].y) {
		pts = append(pts[:len(pts):len(pts)], pdfiumPathPoint{x: sub[0].x, y: sub[0].y})
	}
	for j := 1; j < len(pts); j++ {
		a, b := pts[j-1], pts[j]
		dx, dy := math.Abs(a.x-b.x), math.Abs(a.y-b.y)
		if b.curve || min(dx, dy) > pdfiumAxisTol || max(dx, dy) < pdfiumRuleMin {
			continue
		}
		c.strokes = append(c.strokes, pdfiumStroke{r: layout.Rule{X0: min(a.x, b.x), Y0: min(a.y, b.y), X1: max(a.x, b.x), Y1: max(a.y, b.y)}, color: color})
	}
}

// pdfiumRectOf reports whether a subpath is an axis-aligned rectangle (four
// corners, the first repeated at the end or not) and returns its bounds.
func pdfiumRectOf(sub []pdfiumPathPoint) (x0, y0, x1, y1 float64, ok bool) {
	pts := sub
	if len(pts) == 5 && math.Abs(pts[4].x-pts[0].x) < pdfiumAxisTol && math.Abs(pts[4].y-pts[0].y) < pdfiumAxisTol {
		pts = pts[:4]
	}
	if len(pts) != 4 {
		return 0, 0, 0, 0, false
	}
	for j := range pts {
		a, b := pts[j], pts[(j+1)%4]
		if b.curve || math.Abs(a.x-b.x) > pdfiumAxisTol && math.Abs(a.y-b.y) > pdfiumAxisTol {
			return 0, 0, 0, 0, false
		}
	}
	x0, y0, x1, y1 = pts[0].x, pts[0].y, pts[0].x, pts[0].y
	for _, p := range pts[1:] {
		x0, x1 = min(x0, p.x), max(x1, p.x)
		y0, y1 = min(y0, p.y), max(y1, p.y)
	}
	return x0, y0, x1, y1, true
}

// rules turns what was collected into the page's rules, in view
// coordinates: horizontal and vertical, long enough, pieces on one line
// that meet joined (a border drawn cell by cell is one rule).
func (c *pdfiumPaths) rules(view affine) []layout.Rule {
	raw := pdfiumVisibleRules(c.fills, c.strokes)
	out := make([]layout.Rule, 0, len(raw))
	for _, r := range raw {
		x0, y0, x1, y1 := view.rect(r.X0, r.Y0, r.X1, r.Y1)
		dx, dy := x1-x0, y1-y0
		switch {
		case dy <= pdfiumAxisTol && dx >= pdfiumRuleMin:
			y := (y0 + y1) / 2
			y0, y1 = y, y
		case dx <= pdfiumAxisTol && dy >= pdfiumRuleMin:
			x := (x0 + x1) / 2
			x0, x1 = x, x
		default:
			continue
		}
		out = append(out, layout.Rule{X0: x0, Y0: y0, X1: x1, Y1: y1})
	}
	return joinPdfiumRules(out)
}

// Pieces of one rule lie within pdfiumJoinAcross of one line, with gaps
// of at most pdfiumJoinGap between them: Word and Distiller draw a border
// cell by cell, a vertical one broken where each horizontal border
// crosses it.
const (
	pdfiumJoinAcross = 0.05
	pdfiumJoinGap    = 1.0
)

// joinPdfiumRules joins the pieces of each rule; horizontal rules come
// first, top to bottom, then vertical ones, left to right.
func joinPdfiumRules(rules []layout.Rule) []layout.Rule {
	var hs, vs []ruleLine
	for _, r := range rules {
		if r.Y0 == r.Y1 {
			hs = append(hs, ruleLine{r.Y0, ruleSpan{r.X0, r.X1}})
		} else {
			vs = append(vs, ruleLine{r.X0, ruleSpan{r.Y0, r.Y1}})
		}
	}
	out := make([]layout.Rule, 0, len(rules))
	for _, l := range joinRuleLines(hs) {
		out = append(out, layout.Rule{X0: l.lo, Y0: l.pos, X1: l.hi, Y1: l.pos})
	}
	for _, l := range joinRuleLines(vs) {
		out = append(out, layout.Rule{X0: l.pos, Y0: l.lo, X1: l.pos, Y1: l.hi})
	}
	return out
}

// ruleLine is a rule along one axis: at pos across it, spanning along it.
type ruleLine struct {
	pos float64
	ruleSpan
}

// joinRuleLines groups lines whose positions chain within
// pdfiumJoinAcross and joins the spans of each group that overlap or
// nearly meet.
func joinRuleLines(ls []ruleLine) []ruleLine {
	sort.Slice(ls, func(i, j int) bool { return ls[i].pos < ls[j].pos })
	var out []ruleLine
	for i := 0; i < len(ls); {
		j := i + 1
		for j < len(ls) && ls[j].pos-ls[j-1].pos <= pdfiumJoinAcross {
			j++
		}
		group := ls[i:j]
		sort.Slice(group, func(a, b int) bool { return group[a].lo < group[b].lo })
		cur := group[0]
		for _, l := range group[1:] {
			if l.lo <= cur.hi+pdfiumJoinGap {
				cur.hi = max(cur.hi, l.hi)
				continue
			}
			out = append(out, cur)
			cur = l
		}
		out = append(out, cur)
		i = j
	}
	return out
}

// ruleSpan is an interval along a rule's axis.
type ruleSpan struct{ lo, hi float64 }

// pdfiumCoverTol is how far a filled rectangle reaches beyond its bounds when
// pdfiumVisibleRules asks what lies beside an edge: fills that abut with a
// sliver of a gap between them still meet.
const pdfiumCoverTol = 0.1

// pdfiumVisibleRules returns the rules the collected marks draw, in user space.
// A stroked segment is a rule. A filled rectangle's edge is one where the
// colour just outside it differs from the rectangle's own: where another
// filled rectangle of the same colour lies beside it (a cell's shading
// next to its paragraph's shading, a shading drawn in strips) the edge
// does not show, nor does the edge of a white rectangle where no coloured
// area lies beside it (the page is white). Where a thin filled rectangle,
// a drawn line, runs beside the edge, the line is the rule and the edge
// adds nothing. A thin filled rectangle is a rule along its length where
// either of its long sides shows. Paint order is not considered. (A white
// stroke shows only over a coloured area.)
func pdfiumVisibleRules(fills []pdfiumFill, strokes []pdfiumStroke) []layout.Rule {
	ix := newPdfiumFillIndex(fills)
	var out []layout.Rule
	for _, s := range strokes {
		if !s.color.white() {
			out = append(out, s.r)
			continue
		}
		out = appendVisibleRule(out, s.r, ix.visible(s.r, 0, 0, -1, s.color, false))
	}
	for i, f := range fills {
		if f.stroked || max(f.x1-f.x0, f.y1-f.y0) < pdfiumRuleMin {
			continue
		}
		w, h := f.x1-f.x0, f.y1-f.y0
		switch {
		case h <= pdfiumRuleThin:
			r := pdfiumThinRule(f.x0, f.y0, f.x1, f.y1)
			out = appendVisibleRule(out, r, ix.thinVisible(r, 0, f.y0-r.Y0-pdfiumEdgeProbe, 0, f.y1-r.Y0+pdfiumEdgeProbe, i, f.color))
		case w <= pdfiumRuleThin:
			r := pdfiumThinRule(f.x0, f.y0, f.x1, f.y1)
			out = appendVisibleRule(out, r, ix.thinVisible(r, f.x0-r.X0-pdfiumEdgeProbe, 0, f.x1-r.X0+pdfiumEdgeProbe, 0, i, f.color))
		default:
			bottom := layout.Rule{X0: f.x0, Y0: f.y0, X1: f.x1, Y1: f.y0}
			top := layout.Rule{X0: f.x0, Y0: f.y1, X1: f.x1, Y1: f.y1}
			left := layout.Rule{X0: f.x0, Y0: f.y0, X1: f.x0, Y1: f.y1}
			right := layout.Rule{X0: f.x1, Y0: f.y0, X1: f.x1, Y1: f.y1}
			out = appendVisibleRule(out, bottom, ix.visible(bottom, 0, -pdfiumEdgeProbe, i, f.color, true))
			out = appendVisibleRule(out, top, ix.visible(top, 0, pdfiumEdgeProbe, i, f.color, true))
			out = appendVisibleRule(out, left, ix.visible(left, -pdfiumEdgeProbe, 0, i, f.color, true))
			out = appendVisibleRule(out, right, ix.visible(right, pdfiumEdgeProbe, 0, i, f.color, true))
		}
	}
	return out
}

// thinVisible returns the parts of thin fill self, whose centre line is
// r, that show: where either long side (r moved by (ax, ay) and by (bx,
// by)) shows. A strip that mostly shows nothing on one side, as the
// padding strip beside a cell's shading of its colour, is part of that
// area: its other side shows as the area's edge would.
func (ix *pdfiumFillIndex) thinVisible(r layout.Rule, ax, ay, bx, by float64, self int, c paintColor) []ruleSpan {
	a := ix.visible(r, ax, ay, self, c, false)
	b := ix.visible(r, bx, by, self, c, false)
	half := max(r.X1-r.X0, r.Y1-r.Y0) / 2
	switch {
	case ruleSpanLength(a) < half && ruleSpanLength(b) < half:
		return append(a, b...)
	case ruleSpanLength(a) < half:
		return ix.visible(r, bx, by, self, c, true)
	case ruleSpanLength(b) < half:
		return ix.visible(r, ax, ay, self, c, true)
	}
	return append(a, b...)
}

func ruleSpanLength(spans []ruleSpan) float64 {
	var n float64
	for _, s := range spans {
		n += s.hi - s.lo
	}
	return n
}

// appendVisibleRule appends the parts of rule r that spans (along r, possibly
// overlapping) say are visible.
func appendVisibleRule(out []layout.Rule, r layout.Rule, spans []ruleSpan) []layout.Rule {
	for _, s := range mergeRuleSpans(spans) {
		if s.hi-s.lo < pdfiumRuleMin {
			continue
		}
		if r.Horizontal() {
			out = append(out, layout.Rule{X0: s.lo, Y0: r.Y0, X1: s.hi, Y1: r.Y1})
		} else {
			out = append(out, layout.Rule{X0: r.X0, Y0: s.lo, X1: r.X1, Y1: s.hi})
		}
	}
	return out
}

// mergeRuleSpans sorts spans and joins those that overlap or touch.
func mergeRuleSpans(spans []ruleSpan) []ruleSpan {
	if len(spans) < 2 {
		return spans
	}
	sorted := append([]ruleSpan(nil), spans...)
	for i := 1; i < len(sorted); i++ { // insertion sort: a handful of spans
		for j := i; j > 0 && sorted[j].lo < sorted[j-1].lo; j-- {
			sorted[j], sorted[j-1] = sorted[j-1], sorted[j]
		}
	}
	out := sorted[:1]
	for _, s := range sorted[1:] {
		if last := &out[len(out)-1]; s.lo <= last.hi {
			last.hi = max(last.hi, s.hi)
			continue
		}
		out = append(out, s)
	}
	return out
}

// pdfiumFillIndex finds the filled rectangles near a point by a uniform grid.
type pdfiumFillIndex struct {
	fills      []pdfiumFill
	x0, y0     float64
	cell       float64
	cols, rows int
	cells      [][]int32
	stamp      []int32 // per fill: the query that last saw it
	query      int32
}

// maxIndexCells bounds the grid; big pages get coarser cells.
const pdfiumIndexCells = 4096

func newPdfiumFillIndex(fills []pdfiumFill) *pdfiumFillIndex {
	ix := &pdfiumFillIndex{fills: fills, stamp: make([]int32, len(fills))}
	if len(fills) == 0 {
		return ix
	}
	x0, y0, x1, y1 := fills[0].x0, fills[0].y0, fills[0].x1, fills[0].y1
	for _, f := range fills[1:] {
		x0, y0, x1, y1 = min(x0, f.x0), min(y0, f.y0), max(x1, f.x1), max(y1, f.y1)
	}
	ix.x0, ix.y0 = x0-1, y0-1
	w, h := x1-x0+2, y1-y0+2
	ix.cell = max(16, math.Sqrt(w*h/pdfiumIndexCells))
	ix.cols, ix.rows = int(w/ix.cell)+1, int(h/ix.cell)+1
	ix.cells = make([][]int32, ix.cols*ix.rows)
	for i, f := range fills {
		c0, r0 := ix.cellOf(f.x0-pdfiumCoverTol, f.y0-pdfiumCoverTol)
		c1, r1 := ix.cellOf(f.x1+pdfiumCoverTol, f.y1+pdfiumCoverTol)
		for r := r0; r <= r1; r++ {
			for c := c0; c <= c1; c++ {
				ix.cells[r*ix.cols+c] = append(ix.cells[r*ix.cols+c], int32(i))
			}
		}
	}
	return ix
}

func (ix *pdfiumFillIndex) cellOf(x, y float64) (col, row int) {
	col = int((x - ix.x0) / ix.cell)
	row = int((y - ix.y0) / ix.cell)
	return min(max(col, 0), ix.cols-1), min(max(row, 0), ix.rows-1)
}

// visible returns the parts of rule r, moved by (dx, dy), that show a
// mark of colour c against what lies there: the parts where no other area
// (a fill that is not thin; not self) of colour c lies, and, for a white
// mark, where some area of another colour does. The edge of an area (edge
// true) does not show where a thin fill of any colour lies either; a thin
// mark is not cut where a line of its colour crosses it. Spans are along
// r, in r's coordinates.
func (ix *pdfiumFillIndex) visible(r layout.Rule, dx, dy float64, self int, c paintColor, edge bool) []ruleSpan {
	horizontal := r.Horizontal()
	lo, hi := r.Y0, r.Y1
	if horizontal {
		lo, hi = r.X0, r.X1
	}
	if len(ix.fills) == 0 {
		if c.white() {
			return nil
		}
		return []ruleSpan{{lo, hi}}
	}
	px0, py0, px1, py1 := r.X0+dx, r.Y0+dy, r.X1+dx, r.Y1+dy
	ix.query++
	var hidden, shown []ruleSpan
	c0, r0 := ix.cellOf(px0, py0)
	c1, r1 := ix.cellOf(px1, py1)
	for row := r0; row <= r1; row++ {
		for col := c0; col <= c1; col++ {
			for _, k := range ix.cells[row*ix.cols+col] {
				if int(k) == self || ix.stamp[k] == ix.query {
					continue
				}
				ix.stamp[k] = ix.query
				f := ix.fills[k]
				var s ruleSpan
				if horizontal {
					if py0 < f.y0-pdfiumCoverTol || py0 > f.y1+pdfiumCoverTol {
						continue
					}
					s = ruleSpan{max(lo, f.x0-pdfiumCoverTol), min(hi, f.x1+pdfiumCoverTol)}
				} else {
					if px0 < f.x0-pdfiumCoverTol || px0 > f.x1+pdfiumCoverTol {
						continue
					}
					s = ruleSpan{max(lo, f.y0-pdfiumCoverTol), min(hi, f.y1+pdfiumCoverTol)}
				}
				if s.hi <= s.lo {
					continue
				}
				thin := min(f.x1-f.x0, f.y1-f.y0) <= pdfiumRuleThin
				switch {
				case edge && (thin || f.color == c), !edge && !thin && f.color == c:
					hidden = append(hidden, s)
				case c.white() && !f.color.white() && !thin:
					shown = append(shown, s)
				}
			}
		}
	}
	var base []ruleSpan
	if c.white() {
		base = mergeRuleSpans(shown)
	} else {
		base = []ruleSpan{{lo, hi}}
	}
	return subtractRuleSpans(base, mergeRuleSpans(hidden))
}

// subtractRuleSpans returns the parts of the sorted, disjoint spans a that no
// span of the sorted, disjoint b covers.
func subtractRuleSpans(a, b []ruleSpan) []ruleSpan {
	var out []ruleSpan
	for _, s := range a {
		cur := s.lo
		for _, t := range b {
			if t.hi <= cur || t.lo >= s.hi {
				continue
			}
			if t.lo > cur {
				out = append(out, ruleSpan{cur, t.lo})
			}
			cur = max(cur, t.hi)
		}
		if cur < s.hi {
			out = append(out, ruleSpan{cur, s.hi})
		}
	}
	return out
}
