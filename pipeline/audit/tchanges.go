package audit

import (
	"fmt"
	"math"
	"strings"

	"github.com/cockroachdb/apd/v3"

	"reportfacts/extractors"
	"reportfacts/pipeline/store"
)

// Change columns of tables. A growth rate (本期比上年同期增减(%)) is the
// year's figure over the year before's, less one, on the same row and of
// the same measure: (cur − prev) / |prev|. A change of a row of percents
// (加权平均净资产收益率, 毛利率, 占营业成本比重) is their difference in points.
//
// The sign of a growth rate: where the year before's figure is negative
// (财务费用 −34,606,861.02 to −12,024,894.14; a net cash outflow that
// shrank), some reports divide by the signed figure, and print −65.25%
// for a figure that went up by 65.25% of its size. The audit fails such a
// rate, saying so: its sign tells the reader the opposite of what the two
// figures show, and an editor has to decide whether to print it. A rate
// that fits neither convention fails plainly.
//
// In a table of segments (分行业: 营业收入, 营业成本, 毛利率 and the three
// changes) the year before's figures are not printed. The gross margin is
// checked against revenue and cost ((营业收入 − 营业成本) / 营业收入), and
// its change against the margin the year before had, which revenue and
// cost and their growth rates give: 1 − (cost/(1+g_cost)) / (revenue/(1+
// g_revenue)).

// changes checks the change cells of t that belong to check c (growth,
// pp_change) and, for c = margin, the gross margins.
func (t *tTable) changes(c string) []Finding {
	var out []Finding
	for i := range t.rows {
		row := &t.rows[i]
		if row.kind != tBody {
			continue
		}
		if c == CheckMargin {
			out = append(out, t.margins(i)...)
			continue
		}
		for _, col := range sortedCols(row.vals) {
			f := row.vals[col]
			if relCheck(f) != c || f.Kind != extractors.KindGrowth && f.Kind != extractors.KindPPChange {
				continue
			}
			if fd, ok := t.change(i, col); ok {
				out = append(out, fd)
				continue
			}
			if f.Kind == extractors.KindPPChange {
				if fd, ok := t.marginChange(i, col); ok {
					out = append(out, fd)
				}
			}
		}
	}
	return out
}

// operand is a figure a change relates.
type operand struct {
	col int
	fig *figure
}

// operands are the figures of row i a change fact f relates: of its
// family (amounts for a growth rate, percents for points), its metric
// where that tells them apart, for its year (cur) and the year before
// (prev).
func (t *tTable) operands(i int, f store.FactRow) (cur, prev []operand) {
	row := &t.rows[i]
	y, ok := yearOf(f.Period)
	if !ok {
		return nil, nil
	}
	fits := func(g store.FactRow) bool {
		if f.Kind == extractors.KindGrowth {
			return g.Kind == extractors.KindMoney || g.Kind == extractors.KindCount
		}
		return g.Kind == extractors.KindPercent
	}
	sameMetric := false
	for _, g := range row.vals {
		if fits(g) && g.Metric == f.Metric {
			sameMetric = true
		}
	}
	for _, col := range sortedCols(row.vals) {
		g := row.vals[col]
		if !fits(g) || sameMetric && g.Metric != f.Metric {
			continue
		}
		gy, ok := yearOf(g.Period)
		if !ok || strings.Contains(g.Period, "..") && !strings.HasSuffix(g.Period, "-12") {
			continue
		}
		fig, ok := newFigure(g)
		if !ok {
			continue
		}
		switch gy {
		case y:
			cur = append(cur, operand{col, fig})
		case y - 1:
			prev = append(prev, operand{col, fig})
		}
	}
	return cur, prev
}

// change checks the change in column col of row i against the row's
// figures of its year and the year before; false when the row has no
// such pair.
func (t *tTable) change(i, col int) (Finding, bool) {
	f := t.rows[i].vals[col]
	rel, ok := newFigure(f)
	if !ok {
		return Finding{}, false
	}
	cur, prev := t.operands(i, f)
	if len(cur) == 0 || len(prev) == 0 {
		return Finding{}, false
	}
	var first *changeResult
	for _, p := range t.preferRestated(i, prev) {
		for _, c := range cur {
			r, ok := relateCells(c.fig, p.fig, rel)
			if !ok {
				continue
			}
			r.cur, r.prev = c, p
			if r.passed {
				return t.changeFinding(i, col, rel, r), true
			}
			if first == nil {
				first = r
			}
		}
	}
	if first == nil {
		return Finding{}, false
	}
	return t.changeFinding(i, col, rel, first), true
}

// preferRestated puts the figures of a restated column (调整后) first.
func (t *tTable) preferRestated(i int, ops []operand) []operand {
	var a, b []operand
	for _, o := range ops {
		if h := t.rows[i].header; o.col < len(h) && strings.Contains(h[o.col], "调整后") {
			a = append(a, o)
		} else {
			b = append(b, o)
		}
	}
	return append(a, b...)
}

// changeResult is a change recomputed from its two figures.
type changeResult struct {
	cur, prev operand
	passed    bool
	val       float64
	got       span
	signed    bool // the printed rate is the one the signed prior figure gives
	signedVal float64
	note      string
}

// relateCells recomputes a change from cur and prev and compares it with
// rel: points for a pp_change, else a growth rate.
func relateCells(cur, prev, rel *figure) (*changeResult, bool) {
	r := &changeResult{}
	stated := rel.span()
	if rel.row.Kind == extractors.KindPPChange {
		lo, hi, val := new(apd.Decimal), new(apd.Decimal), new(apd.Decimal)
		_, _ = dc.Sub(lo, cur.lo, prev.hi)
		_, _ = dc.Sub(hi, cur.hi, prev.lo)
		_, _ = dc.Sub(val, cur.val, prev.val)
		r.val, r.got = toFloat(val), span{toFloat(lo), toFloat(hi)}
		r.passed = r.got.overlaps(stated)
		if !r.passed && prev.lo.Sign() == prev.hi.Sign() && prev.val.Sign() != 0 {
			// Some reports print the relative change of a rate in
			// its change column: that is no misprint.
			rel := corners(func(c, p float64) float64 { return (c - p) / math.Abs(p) * 100 }, cur.span(), prev.span())
			if rel.overlaps(stated) {
				r.passed = true
				r.note = fmt.Sprintf("printed as the relative change of the rate (%s%%), not in points",
					fmtFloat((toFloat(cur.val)-toFloat(prev.val))/math.Abs(toFloat(prev.val))*100))
			}
		}
		return r, true
	}
	if prev.lo.Sign() != prev.hi.Sign() || prev.val.Sign() == 0 {
		return nil, false // no rate from nothing
	}
	rate := func(c, p float64) float64 { return (c - p) / math.Abs(p) * 100 }
	signed := func(c, p float64) float64 { return (c - p) / p * 100 }
	r.val = rate(toFloat(cur.val), toFloat(prev.val))
	r.got = corners(rate, cur.span(), prev.span())
	r.passed = r.got.overlaps(stated)
	if !r.passed && prev.val.Sign() < 0 {
		s := corners(signed, cur.span(), prev.span())
		if s.overlaps(stated) {
			r.signed, r.signedVal = true, signed(toFloat(cur.val), toFloat(prev.val))
		}
	}
	return r, true
}

// corners is the range of f over the corners of two intervals, f
// monotonic in each argument on them.
func corners(f func(a, b float64) float64, as, bs span) span {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, a := range []float64{as.lo, as.hi} {
		for _, b := range []float64{bs.lo, bs.hi} {
			v := f(a, b)
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	return span{lo, hi}
}

func (t *tTable) changeFinding(i, col int, rel *figure, r *changeResult) Finding {
	figs := []tableFigure{{row: i, col: col, fig: rel, role: rel.row.Kind},
		{row: i, col: r.prev.col, fig: r.prev.fig, role: "from"}, {row: i, col: r.cur.col, fig: r.cur.fig, role: "to"}}
	what, unit := "growth", "%"
	check := CheckGrowth
	if rel.row.Kind == extractors.KindPPChange {
		what, unit, check = "change", "pp", CheckPPChange
	}
	var detail string
	switch {
	case r.passed:
		detail = fmt.Sprintf("%s: %s to %s is a %s of %s %s, as printed %s", t.where(i, col),
			r.prev.fig.row.Text, r.cur.fig.row.Text, what, fmtFloat(r.val), unit, shown(rel))
	case r.signed:
		detail = fmt.Sprintf("%s: %s to %s is a growth of %s%% ((cur − prev) / |prev|); the table prints %s, "+
			"the opposite sign: it divides by the negative prior figure ((cur − prev) / prev = %s%%)", t.where(i, col),
			r.prev.fig.row.Text, r.cur.fig.row.Text, fmtFloat(r.val), shown(rel), fmtFloat(r.signedVal))
	default:
		detail = fmt.Sprintf("%s: %s to %s is a %s of %s %s, but the table prints %s", t.where(i, col),
			r.prev.fig.row.Text, r.cur.fig.row.Text, what, fmtFloat(r.val), unit, shown(rel))
	}
	if r.note != "" {
		detail += ": " + r.note
	}
	return t.finding(check, r.passed, figs, detail, describeFloat(r.val, r.got, unit), describeFig(rel))
}

// segmentCols finds, in the header of row i, the columns of a segment
// table: revenue, cost, margin, their growth rates and the margin's
// change; -1 where a column is missing.
type segmentCols struct{ rev, cost, margin, gRev, gCost, dMargin int }

func (t *tTable) segmentCols(i int) segmentCols {
	sc := segmentCols{-1, -1, -1, -1, -1, -1}
	h := t.rows[i].header
	for col := t.firstVal; col < len(h); col++ {
		x := h[col]
		change := strings.Contains(x, "增减") || strings.Contains(x, "同比") || strings.Contains(x, "比上年") || strings.Contains(x, "变动")
		switch {
		case strings.Contains(x, "毛利率") && change:
			sc.dMargin = col
		case strings.Contains(x, "毛利率"):
			sc.margin = col
		case strings.Contains(x, "营业收入") && change:
			sc.gRev = col
		case strings.Contains(x, "营业收入") && !strings.Contains(x, "占"):
			sc.rev = col
		case strings.Contains(x, "营业成本") && change:
			sc.gCost = col
		case strings.Contains(x, "营业成本") && !strings.Contains(x, "占"):
			sc.cost = col
		}
	}
	return sc
}

// segmentFigs reads the figures of row i in the segment columns.
func (t *tTable) segmentFigs(i int, sc segmentCols) (rev, cost, margin *figure, ok bool) {
	if sc.rev < 0 || sc.cost < 0 {
		return nil, nil, nil, false
	}
	get := func(col int, kinds ...string) *figure {
		f, ok := t.rows[i].vals[col]
		if !ok {
			return nil
		}
		for _, k := range kinds {
			if f.Kind == k {
				g, ok := newFigure(f)
				if ok {
					return g
				}
			}
		}
		return nil
	}
	rev = get(sc.rev, extractors.KindMoney)
	cost = get(sc.cost, extractors.KindMoney)
	if sc.margin >= 0 {
		margin = get(sc.margin, extractors.KindPercent)
	}
	if rev == nil || cost == nil || rev.lo.Sign() <= 0 || !sameMeasure(rev.row, cost.row) {
		return nil, nil, nil, false
	}
	return rev, cost, margin, true
}

// marginOf is (rev − cost) / rev in percent, over the corners.
func marginOf(rev, cost span) span {
	return corners(func(r, c float64) float64 { return (r - c) / r * 100 }, rev, cost)
}

// margins checks the gross margin of row i against its revenue and cost.
func (t *tTable) margins(i int) []Finding {
	sc := t.segmentCols(i)
	rev, cost, margin, ok := t.segmentFigs(i, sc)
	if !ok || margin == nil {
		return nil
	}
	got := marginOf(rev.span(), cost.span())
	val := (toFloat(rev.val) - toFloat(cost.val)) / toFloat(rev.val) * 100
	passed := got.overlaps(margin.span())
	verdict := "as printed"
	if !passed {
		verdict = "but the table prints"
	}
	detail := fmt.Sprintf("%s: (%s − %s) / %s is %s%%, %s %s", t.where(i, sc.margin), rev.row.Text, cost.row.Text,
		rev.row.Text, fmtFloat(val), verdict, margin.row.Text)
	figs := []tableFigure{{row: i, col: sc.margin, fig: margin, role: "margin"}, {row: i, col: sc.rev, fig: rev, role: "revenue"},
		{row: i, col: sc.cost, fig: cost, role: "cost"}}
	return []Finding{t.finding(CheckMargin, passed, figs, detail, describeFloat(val, got, "%"), describeFig(margin))}
}

// marginChange checks the change of a gross margin (column col of row
// i) against the margin the year before had, which the revenue and cost
// and their growth rates give.
func (t *tTable) marginChange(i, col int) (Finding, bool) {
	sc := t.segmentCols(i)
	if col != sc.dMargin || sc.gRev < 0 || sc.gCost < 0 {
		return Finding{}, false
	}
	rev, cost, _, ok := t.segmentFigs(i, sc)
	if !ok {
		return Finding{}, false
	}
	gr, okR := t.rows[i].vals[sc.gRev]
	gc, okC := t.rows[i].vals[sc.gCost]
	dm := t.rows[i].vals[col]
	if !okR || !okC || gr.Kind != extractors.KindGrowth || gc.Kind != extractors.KindGrowth {
		return Finding{}, false
	}
	gRev, ok1 := t.columnFigure(i, sc.gRev, gr)
	gCost, ok2 := t.columnFigure(i, sc.gCost, gc)
	rel, ok3 := newFigure(dm)
	if !ok1 || !ok2 || !ok3 || gRev.lo.Cmp(apd.New(-100, 0)) <= 0 || gCost.lo.Cmp(apd.New(-100, 0)) <= 0 {
		return Finding{}, false
	}
	// change = (r − c)/r − (1 − (c/(1+gc)) / (r/(1+gr))), in points.
	change := func(r, c, g1, g2 float64) float64 {
		now := (r - c) / r
		before := 1 - (c/(1+g2/100))/(r/(1+g1/100))
		return (now - before) * 100
	}
	rs, cs, g1s, g2s := rev.span(), cost.span(), gRev.span(), gCost.span()
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range []float64{rs.lo, rs.hi} {
		for _, c := range []float64{cs.lo, cs.hi} {
			for _, g1 := range []float64{g1s.lo, g1s.hi} {
				for _, g2 := range []float64{g2s.lo, g2s.hi} {
					v := change(r, c, g1, g2)
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
			}
		}
	}
	got := span{lo, hi}
	val := change(toFloat(rev.val), toFloat(cost.val), toFloat(gRev.val), toFloat(gCost.val))
	passed := got.overlaps(rel.span())
	verdict := "as printed"
	if !passed {
		verdict = "but the table prints"
	}
	detail := fmt.Sprintf("%s: revenue %s (%s on the year before) and cost %s (%s) give a margin that changed by %s points, %s %s",
		t.where(i, col), rev.row.Text, gRev.row.Text, cost.row.Text, gCost.row.Text, fmtFloat(val), verdict, shown(rel))
	figs := []tableFigure{{row: i, col: col, fig: rel, role: extractors.KindPPChange}, {row: i, col: sc.rev, fig: rev, role: "revenue"},
		{row: i, col: sc.gRev, fig: gRev, role: "revenue growth"}, {row: i, col: sc.cost, fig: cost, role: "cost"},
		{row: i, col: sc.gCost, fig: gCost, role: "cost growth"}}
	return t.finding(CheckPPChange, passed, figs, detail, describeFloat(val, got, "pp"), describeFig(rel)), true
}

// columnFigure is the figure f of row i in column col, taken as rounded
// one place coarser than printed where every figure of the column in the
// table under the same header ends in 0 (11.60%, 1.30%, -6.10%: rates rounded to one
// decimal and printed with two).
func (t *tTable) columnFigure(i, col int, f store.FactRow) (*figure, bool) {
	g, ok := newFigure(f)
	if !ok {
		return nil, false
	}
	n := 0
	for k := range t.rows {
		r := &t.rows[k]
		if r.kind != tBody || col >= len(r.header) || r.header[col] != t.rows[i].header[col] {
			continue
		}
		h, ok := r.vals[col]
		if !ok {
			continue
		}
		_, decimals, ok := printedNumber(h.Text)
		digits := strings.TrimRight(strings.TrimSpace(strings.TrimRight(h.Text, "%％")), " ")
		if !ok || decimals == 0 || !strings.HasSuffix(digits, "0") {
			return g, true
		}
		n++
	}
	if n < 3 {
		return g, true
	}
	wide := new(apd.Decimal)
	_, _ = dc.Sub(wide, g.hi, g.lo) // one unit of the printed place
	_, _ = dc.Mul(wide, wide, apd.New(45, -1))
	_, _ = dc.Sub(g.lo, g.lo, wide)
	_, _ = dc.Add(g.hi, g.hi, wide)
	return g, true
}
