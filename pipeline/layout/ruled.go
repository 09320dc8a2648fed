package layout

import (
	"math"
	"sort"
)

// segment is a merged rule along one axis: at pos, from lo to hi.
type segment struct {
	pos, lo, hi float64
}

// Tolerances in points: rules this close are one rule; a rule reaching
// this near another meets it.
const (
	snapTol = 2.0
	joinTol = 3.0
)

// mergeSegments joins rules at (nearly) the same position that overlap or
// touch, as a border drawn in pieces is one line.
func mergeSegments(segs []segment) []segment {
	if len(segs) == 0 {
		return nil
	}
	sort.Slice(segs, func(i, j int) bool { return segs[i].pos < segs[j].pos })
	// Cluster positions first, then merge spans within a cluster.
	var out []segment
	for i := 0; i < len(segs); {
		j := i + 1
		for j < len(segs) && segs[j].pos-segs[j-1].pos <= snapTol {
			j++
		}
		group := append([]segment(nil), segs[i:j]...)
		var pos float64
		for _, s := range group {
			pos += s.pos
		}
		pos /= float64(len(group))
		sort.Slice(group, func(a, b int) bool { return group[a].lo < group[b].lo })
		cur := segment{pos: pos, lo: group[0].lo, hi: group[0].hi}
		for _, s := range group[1:] {
			if s.lo <= cur.hi+joinTol {
				cur.hi = max(cur.hi, s.hi)
				continue
			}
			out = append(out, cur)
			cur = segment{pos: pos, lo: s.lo, hi: s.hi}
		}
		out = append(out, cur)
		i = j
	}
	return out
}

// grid is a ruled table's fine grid: the boundaries of its columns and
// rows, and which boundaries a rule draws.
type grid struct {
	xs, ys []float64
	hs, vs []segment // the component's rules
}

// ruledGrids finds the groups of crossing rules that can frame a table.
func ruledGrids(rules []Rule, width, height float64) []grid {
	var hs, vs []segment
	for _, r := range rules {
		// A frame around the whole page is no table.
		if r.Horizontal() {
			if r.X1-r.X0 >= 0.98*width {
				continue
			}
			hs = append(hs, segment{pos: (r.Y0 + r.Y1) / 2, lo: r.X0, hi: r.X1})
		} else {
			if r.Y1-r.Y0 >= 0.98*height {
				continue
			}
			vs = append(vs, segment{pos: (r.X0 + r.X1) / 2, lo: r.Y0, hi: r.Y1})
		}
	}
	hs, vs = mergeSegments(hs), mergeSegments(vs)
	if len(hs) < 2 {
		return nil
	}
	// Sets of rules that meet: h first, then v.
	sets := newUnionFind(len(hs) + len(vs))
	union, find := sets.union, sets.find
	for i, h := range hs {
		for j, v := range vs {
			if v.pos >= h.lo-joinTol && v.pos <= h.hi+joinTol && h.pos >= v.lo-joinTol && h.pos <= v.hi+joinTol {
				union(i, len(hs)+j)
			}
		}
	}
	// Horizontal rules stacked close over the same span (a table ruled
	// only between its rows) belong together too.
	for i := range hs {
		for j := i + 1; j < len(hs); j++ {
			a, b := hs[i], hs[j]
			if math.Abs(a.lo-b.lo) <= joinTol && math.Abs(a.hi-b.hi) <= joinTol && math.Abs(a.pos-b.pos) < maxRowHeight {
				union(i, j)
			}
		}
	}
	groups := map[int]*grid{}
	var order []int
	for i := range sets {
		r := find(i)
		g, ok := groups[r]
		if !ok {
			g = &grid{}
			groups[r] = g
			order = append(order, r)
		}
		if i < len(hs) {
			g.hs = append(g.hs, hs[i])
		} else {
			g.vs = append(g.vs, vs[i-len(hs)])
		}
	}
	var out []grid
	for _, r := range order {
		for _, g := range groups[r].split() {
			if len(g.hs) < 2 || len(g.xs) < 2 || len(g.ys) < 2 {
				continue
			}
			out = append(out, g)
		}
	}
	return out
}

// maxRowHeight is the tallest gap between two horizontal rules that still
// joins them into one table when no vertical rule does.
const maxRowHeight = 40.0

// split cuts a grid at its fine rows that no vertical rule crosses, where
// the grid has vertical rules elsewhere: two tables of one width, one
// below the other, share their rules' positions, and the text between
// them is no row of either.
func (g *grid) split() []grid {
	g.bounds()
	if len(g.vs) == 0 {
		return []grid{*g}
	}
	var out []grid
	from := g.ys[0]
	flush := func(to float64) {
		part := grid{}
		for _, h := range g.hs {
			if h.pos >= from-snapTol && h.pos <= to+snapTol {
				part.hs = append(part.hs, h)
			}
		}
		for _, v := range g.vs {
			if v.hi > from+snapTol && v.lo < to-snapTol {
				part.vs = append(part.vs, v)
			}
		}
		if len(part.hs) >= 2 {
			part.bounds()
			out = append(out, part)
		}
	}
	for i := 0; i+1 < len(g.ys); i++ {
		lo, hi := g.ys[i], g.ys[i+1]
		crossed := false
		for _, v := range g.vs {
			if v.lo < hi-snapTol && v.hi > lo+snapTol {
				crossed = true
				break
			}
		}
		if !crossed {
			flush(lo)
			from = hi
		}
	}
	flush(g.ys[len(g.ys)-1])
	return out
}

// bounds sets the grid's column and row boundaries: the positions of its
// rules, and its outer edges where no rule draws them (tables often leave
// their left and right sides open).
func (g *grid) bounds() {
	left, right := math.Inf(1), math.Inf(-1)
	top, bottom := math.Inf(1), math.Inf(-1)
	for _, h := range g.hs {
		left, right = min(left, h.lo), max(right, h.hi)
		top, bottom = min(top, h.pos), max(bottom, h.pos)
	}
	for _, v := range g.vs {
		top, bottom = min(top, v.lo), max(bottom, v.hi)
		left, right = min(left, v.pos), max(right, v.pos)
	}
	xs := []float64{left, right}
	for _, v := range g.vs {
		xs = append(xs, v.pos)
	}
	ys := []float64{top, bottom}
	for _, h := range g.hs {
		ys = append(ys, h.pos)
	}
	g.xs, g.ys = cluster(xs), cluster(ys)
}

// cluster sorts positions and merges runs of them each within snapTol of
// the one before: a border drawn as two close lines (each cell framing
// itself) is one boundary.
func cluster(v []float64) []float64 {
	sort.Float64s(v)
	var out []float64
	for i := 0; i < len(v); {
		j, sum := i, 0.0
		for j < len(v) && (j == i || v[j]-v[j-1] <= snapTol) {
			sum += v[j]
			j++
		}
		out = append(out, sum/float64(j-i))
		i = j
	}
	return out
}

// covers reports whether some rule of segs at pos draws the whole span
// [lo, hi].
func covers(segs []segment, pos, lo, hi float64) bool {
	for _, s := range segs {
		if math.Abs(s.pos-pos) <= snapTol && s.lo <= lo+joinTol && s.hi >= hi-joinTol {
			return true
		}
	}
	return false
}

// spanCell is a merged cell of a grid: fine rows r0..r1 and columns
// c0..c1, inclusive.
type spanCell struct {
	r0, r1, c0, c1 int
	glyphs         []Glyph
}

// cells merges the fine cells of the grid that no rule separates.
func (g *grid) cells() []*spanCell {
	nr, nc := len(g.ys)-1, len(g.xs)-1
	sets := newUnionFind(nr * nc)
	find := sets.find
	for r := 0; r < nr; r++ {
		for c := 0; c < nc; c++ {
			if c+1 < nc && !covers(g.vs, g.xs[c+1], g.ys[r], g.ys[r+1]) {
				sets.union(r*nc+c, r*nc+c+1)
			}
			if r+1 < nr && !covers(g.hs, g.ys[r+1], g.xs[c], g.xs[c+1]) {
				sets.union(r*nc+c, (r+1)*nc+c)
			}
		}
	}
	byRoot := map[int]*spanCell{}
	var out []*spanCell
	for r := 0; r < nr; r++ {
		for c := 0; c < nc; c++ {
			root := find(r*nc + c)
			sc, ok := byRoot[root]
			if !ok {
				sc = &spanCell{r0: r, r1: r, c0: c, c1: c}
				byRoot[root] = sc
				out = append(out, sc)
				continue
			}
			sc.r0, sc.r1 = min(sc.r0, r), max(sc.r1, r)
			sc.c0, sc.c1 = min(sc.c0, c), max(sc.c1, c)
		}
	}
	return out
}

// locate returns the index of the interval of bounds holding v, or -1.
func locate(bounds []float64, v float64) int {
	if v < bounds[0] || v > bounds[len(bounds)-1] {
		return -1
	}
	i := sort.SearchFloat64s(bounds, v)
	return max(i-1, 0)
}

// unionFind keeps disjoint sets of indices: rules that meet, fine cells
// that no rule separates.
type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u unionFind) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

func (u unionFind) union(a, b int) {
	if ra, rb := u.find(a), u.find(b); ra != rb {
		u[ra] = rb
	}
}
