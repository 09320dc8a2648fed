package audit

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/cockroachdb/apd/v3"

	"reportfacts/extractors"
)

// Breakdowns of one measure. A table of 主营业务 by industry, by product and
// by region (分行业 分产品 分地区), in sections of one table or in tables
// one after another (行业分类, then 产品分类), breaks one total down
// several ways: each breakdown adds up to the same, and to the table's
// own total row (营业收入合计) where it has one. A breakdown that lists
// only the segments above a size (占公司营业收入或营业利润10%以上的行业、
// 产品或地区情况) adds up to less, and is not compared.

// section is one breakdown: a block of a table.
type section struct {
	t     *tTable
	block int
	kind  string // 行业, 产品, 地区
	items []sumItem
}

// sectionTotals compares the breakdowns of each run of sections.
func sectionTotals(model []*tTable, opens []map[int][]sumItem) []Finding {
	var out []Finding
	var run []section
	lastTable := -2
	flush := func() {
		out = append(out, compareSections(run)...)
		run = nil
	}
	for ti, t := range model {
		if t.index != lastTable+1 {
			flush()
		}
		lastTable = t.index
		if partialBreakdown(t) {
			flush()
			continue
		}
		secs := t.sections(opens[ti])
		if len(secs) == 0 {
			flush()
			continue
		}
		out = append(out, t.sectionsAgainstWhole(secs)...)
		run = append(run, secs...)
	}
	flush()
	return out
}

// partialBreakdown says whether the text above a table says it lists only
// the larger segments.
func partialBreakdown(t *tTable) bool {
	if len(t.src) == 0 || len(t.src[0].Cells) == 0 {
		return false
	}
	start := t.src[0].Cells[0].Start
	from := max(0, start-300)
	if start > len(t.doc.Raw) {
		return false
	}
	before := squeezeLabel(string(t.doc.Raw[from:start]))
	return strings.Contains(before, "10%以上") || strings.Contains(before, "10％以上") || strings.Contains(t.title, "10%以上")
}

// sections returns the blocks of t that are breakdowns.
func (t *tTable) sections(open map[int][]sumItem) []section {
	var out []section
	seen := map[int]bool{}
	for i := range t.rows {
		row := &t.rows[i]
		if seen[row.block] {
			continue
		}
		kind := ""
		switch row.kind {
		case tTitle:
			kind = breakdownName(rowText(t.src[i]))
		case tHeader:
			var label []string
			for col := 0; col < t.firstVal && col < len(row.header); col++ {
				label = append(label, row.header[col])
			}
			kind = breakdownName(strings.Join(label, ""))
		default:
			continue
		}
		if kind == "" {
			continue
		}
		seen[row.block] = true
		if items := open[row.block]; len(items) > 0 {
			out = append(out, section{t: t, block: row.block, kind: kind, items: items})
		}
	}
	return out
}

// sectionSum is a breakdown's sum in one column.
type sectionSum struct {
	sec  section
	col  int
	figs []tableFigure
	val  *apd.Decimal
	span decSpan
}

// sum adds up a section's items in column col; false when a cell cannot
// be read or the column holds no amount.
func (s section) sum(col int) (*sectionSum, bool) {
	ss := &sectionSum{sec: s, col: col}
	var figs []*figure
	unit, kind := "", ""
	for _, it := range s.items {
		if it.marker || it.sub {
			continue
		}
		g, ok := s.t.cellFigure(it.row, col)
		if !ok {
			return nil, false
		}
		if g == nil {
			continue
		}
		if g.row.Kind != extractors.KindMoney && g.row.Kind != extractors.KindCount {
			return nil, false
		}
		if kind != "" && (g.row.Kind != kind || g.row.Unit != unit) {
			return nil, false
		}
		kind, unit = g.row.Kind, g.row.Unit
		if it.sign < 0 {
			g = g.negated()
		}
		figs = append(figs, g)
		ss.figs = append(ss.figs, tableFigure{t: s.t, row: it.row, col: col, fig: g, role: "part"})
	}
	if len(figs) == 0 {
		return nil, false
	}
	lo, hi, val := sum(figs)
	ss.val, ss.span = val, decSpan{lo, hi}
	return ss, true
}

// amountCols are the columns of a section that hold amounts, with their
// header.
func (s section) amountCols() map[int]string {
	out := map[int]string{}
	for _, it := range s.items {
		if it.marker {
			continue
		}
		row := &s.t.rows[it.row]
		for col, f := range row.vals {
			if f.Kind == extractors.KindMoney || f.Kind == extractors.KindCount {
				h := ""
				if col < len(row.header) {
					h = row.header[col]
				}
				out[col] = h
			}
		}
	}
	return out
}

// compareSections checks that the breakdowns of a run add up to the same,
// column by column: each against the first.
func compareSections(run []section) []Finding {
	if len(run) < 2 {
		return nil
	}
	var out []Finding
	first := run[0]
	heads := first.amountCols()
	for _, col := range intKeys(heads) {
		head := heads[col]
		base, ok := first.sum(col)
		if !ok {
			continue
		}
		for _, other := range run[1:] {
			oc := -1
			oh := other.amountCols()
			for _, c := range intKeys(oh) {
				if oh[c] == head && (head != "" || c == col) && oc < 0 {
					oc = c
				}
			}
			if oc < 0 {
				continue
			}
			cmp, ok := other.sum(oc)
			if !ok {
				continue
			}
			out = append(out, sectionFinding(base, cmp, head))
		}
	}
	return out
}

// scopeTolerance is how far apart, as a share of the whole, two
// breakdowns may add up and still be taken to cover the same whole: a
// misprint of a fen, or of one figure, is a small fraction of a company's
// revenue or cost; breakdowns that list different segments (the main
// products only) differ by more, and are reported as not compared.
const scopeTolerance = 0.0001

// sameScope says whether two sums differ by no more than scopeTolerance
// of the larger.
func sameScope(a, b *apd.Decimal) bool {
	x, y := math.Abs(toFloat(a)), math.Abs(toFloat(b))
	return math.Abs(toFloat(a)-toFloat(b)) <= scopeTolerance*math.Max(x, y)
}

func sectionFinding(a, b *sectionSum, head string) Finding {
	passed := a.span.overlaps(b.span)
	what := head
	if what == "" {
		what = fmt.Sprintf("column %d", a.col+1)
	}
	verdict := "the same"
	if !passed {
		verdict = "not the same"
	}
	detail := fmt.Sprintf("%s, %s: the 分%s rows add up to %s, the 分%s rows to %s: %s",
		b.sec.t.name(), what, b.sec.kind, plain(b.val), a.sec.kind, plain(a.val), verdict)
	figs := append(append([]tableFigure(nil), b.figs...), a.figs...)
	for k := range figs {
		if k < len(b.figs) {
			figs[k].role = "part (分" + b.sec.kind + ")"
		} else {
			figs[k].role = "part (分" + a.sec.kind + ")"
		}
	}
	unit := ""
	if len(a.figs) > 0 {
		unit = a.figs[0].fig.row.Unit
	}
	f := b.sec.t.finding(CheckTotal, passed, figs, detail, describeSpan(a.val, a.span, unit), describeSpan(b.val, b.span, unit))
	if !passed && !sameScope(a.val, b.val) {
		f.Status = StatusIncomplete
		f.Detail = fmt.Sprintf("%s, %s: the 分%s rows add up to %s, the 分%s rows to %s: they list different segments, not compared",
			b.sec.t.name(), what, b.sec.kind, plain(b.val), a.sec.kind, plain(a.val))
	}
	return f
}

// sectionsAgainstWhole checks each breakdown of t against a total row of
// t that stands outside every breakdown (营业收入合计 above 分行业).
func (t *tTable) sectionsAgainstWhole(secs []section) []Finding {
	inSection := map[int]bool{}
	for _, s := range secs {
		inSection[s.block] = true
	}
	var out []Finding
	for i := range t.rows {
		row := &t.rows[i]
		if row.kind != tBody || inSection[row.block] || totalWord(row.item) == "" {
			continue
		}
		for _, col := range sortedCols(row.vals) {
			f := row.vals[col]
			if f.Kind != extractors.KindMoney && f.Kind != extractors.KindCount {
				continue
			}
			whole, ok := newFigure(f)
			if !ok {
				continue
			}
			for _, s := range secs {
				ss, ok := s.sum(col)
				if !ok {
					continue
				}
				passed := ss.span.overlaps(decSpan{whole.lo, whole.hi})
				verdict := "as printed"
				if !passed {
					verdict = "but " + row.item + " prints"
				}
				detail := fmt.Sprintf("%s: the 分%s rows add up to %s, %s %s", t.where(i, col), s.kind,
					plain(ss.val), verdict, f.Text)
				figs := append([]tableFigure{{row: i, col: col, fig: whole, role: "total"}}, ss.figs...)
				fd := t.finding(CheckTotal, passed, figs, detail, describeSpan(ss.val, ss.span, f.Unit), describeFig(whole))
				if !passed && !sameScope(ss.val, whole.val) {
					fd.Status = StatusIncomplete
					fd.Detail = fmt.Sprintf("%s: the 分%s rows add up to %s, %s prints %s: they list only some segments, not compared",
						t.where(i, col), s.kind, plain(ss.val), row.item, f.Text)
				}
				out = append(out, fd)
			}
		}
	}
	return out
}

func intKeys[V any](m map[int]V) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	return keys
}
