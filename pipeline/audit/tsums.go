package audit

import (
	"fmt"
	"strings"

	"github.com/cockroachdb/apd/v3"

	"reportfacts/extractors"
	"reportfacts/pipeline/store"
)

// Totals of tables. A table's rows are read top to bottom as a running
// list of items. A section label ending in a colon (流动资产：) opens a
// section; a row is an item; a total row (合计 总计 小计) closes the items
// it totals and becomes one item itself:
//
//   - 小计 totals the items since the last section label or total;
//   - 合计 totals the items since the last section label (earlier totals
//     included: 所有者权益合计 is 归属于母公司所有者权益合计 and 少数股东权益),
//     and closes that section when it names it (流动资产合计 after
//     流动资产：);
//   - 总计 totals every open item of the block, sections and all
//     (资产总计 is 流动资产合计 and 非流动资产合计).
//
// A row of 减：(减：库存股) counts negative; a row of 其中 is a part of the
// item above it, not an item. Where that reading does not add up, a few
// others are tried before the total fails: rows after a 其中 row are its
// parts too (其中：应收利息 / 应收股利), 减： rows printed negative already,
// a row that is the sum of the rows under it is a subtotal, section
// labels that do not close anything, totals since the last total only.
// A column is summed where the total has an amount, or a share of a
// whole (占营业收入比重, 100.00%); rates, growth rates and changes are not
// sums.

// sumItem is an open item of a block's running list.
type sumItem struct {
	row    int    // the row; -1 for a section label
	name   string // a section label's name
	sign   int    // +1, or -1 for 减：
	sub    bool   // a 其中 row: part of the item above it
	total  bool   // a total row, which closed its parts
	marker bool
	// barrier is a 总计 row: later totals do not reach past it.
	barrier bool
}

// sumFinding is a total row's finding for one column, before it is made
// a Finding, with the parts it summed.
type sumFinding struct {
	v       variant
	col     int
	passed  bool
	total   *figure
	parts   []*figure
	partRow []int
	signs   []int
	sum     *apd.Decimal
	span    decSpan
	variant string
}

// totals runs the items of every block of t and checks each total
// row. It returns the findings and, for each block, the items left open
// at its end (the block's top-level rows and totals).
func (t *tTable) totals() ([]Finding, map[int][]sumItem) {
	var out []Finding
	open := map[int][]sumItem{}
	var stack []sumItem
	block := -1
	for i := range t.rows {
		row := &t.rows[i]
		if row.block != block {
			if block >= 0 {
				open[block] = stack
			}
			block, stack = row.block, nil
		}
		switch row.kind {
		case tMarker:
			stack = append(stack, sumItem{row: -1, marker: true, name: labelName(row.item)})
			continue
		case tBody, tLabel:
			// A label alone is an item with blank cells (a stream
			// table prints no cell where a statement has no figure).
		default:
			continue
		}
		if row.item == "" && len(row.vals) == 0 {
			continue
		}
		w := totalWord(row.item)
		if w == "" && strings.HasSuffix(labelName(row.item), "现金流量净额") {
			out = append(out, t.netCashFlow(i, stack)...)
		}
		if w == "" {
			sign := 1
			if isMinus(row.item) {
				sign = -1
			}
			stack = append(stack, sumItem{row: i, sign: sign, sub: isSubItem(row.item)})
			continue
		}
		parts, keep := partsOf(stack, w, totalName(row.item))
		t.totalParts[i] = t.variants(stack, parts)[0].rows
		if found := t.checkTotal(i, stack, parts); len(found) > 0 {
			out = append(out, found...)
		}
		// The parts close: the total stands for them.
		closed := map[int]bool{}
		for _, p := range parts {
			closed[p] = true
		}
		var next []sumItem
		for k, it := range stack {
			if closed[k] && !(it.marker && keep) {
				continue
			}
			next = append(next, it)
		}
		stack = append(next, sumItem{row: i, sign: 1, total: true, barrier: w == "总计"})
	}
	if block >= 0 {
		open[block] = stack
	}
	return out, open
}

// partsOf returns the indexes into stack of the items a total of word w
// and name totals, with the section label it closes (if any, last), and
// whether that label stays open (it named something else).
func partsOf(stack []sumItem, w, name string) ([]int, bool) {
	var parts []int
	for k := len(stack) - 1; k >= 0; k-- {
		it := stack[k]
		if it.barrier {
			break
		}
		if it.marker {
			if w == "总计" {
				parts = append(parts, k)
				continue
			}
			if it.name != "" && nameKey(it.name) == nameKey(name) {
				return append(parts, k), false
			}
			return parts, true
		}
		if w == "小计" && it.total {
			break
		}
		parts = append(parts, k)
	}
	return parts, true
}

// variant is one reading of a total's parts: the rows it sums, each with
// its sign.
type variant struct {
	name  string
	rows  []int
	signs []int
	// subs are the 其中 parts of items, as this reading has them.
	subs []subRun
}

// subRun is an item and its 其中 parts.
type subRun struct {
	parent int
	rows   []int
}

// variants are the readings of a total's parts, the plain one first.
func (t *tTable) variants(stack []sumItem, parts []int) []variant {
	// parts are indexes into stack, last first.
	var items []sumItem
	for k := len(parts) - 1; k >= 0; k-- {
		if it := stack[parts[k]]; !it.marker {
			items = append(items, it)
		}
	}
	plain := variant{name: ""}
	flip := variant{name: "减 rows printed negative"}
	for _, it := range items {
		if it.sub {
			continue
		}
		plain.rows, plain.signs = append(plain.rows, it.row), append(plain.signs, it.sign)
		flip.rows, flip.signs = append(flip.rows, it.row), append(flip.signs, 1)
	}
	// The 其中 parts of the plain reading: each 其中 row alone.
	parentOf := func(k int) int {
		for m := k - 1; m >= 0; m-- {
			if !items[m].sub {
				return items[m].row
			}
		}
		return -1
	}
	for k, it := range items {
		if it.sub {
			if p := parentOf(k); p >= 0 {
				plain.subs = append(plain.subs, subRun{parent: p, rows: []int{it.row}})
			}
		}
	}
	flip.subs = plain.subs
	out := []variant{plain}
	if hasMinus(plain.signs) {
		out = append(out, flip)
		// 减： over several rows: every row after it is subtracted.
		after := variant{name: "rows after 减 subtracted too", subs: plain.subs}
		minus := false
		for k, r := range plain.rows {
			if plain.signs[k] < 0 {
				minus = true
			}
			sign := plain.signs[k]
			if minus {
				sign = -1
			}
			after.rows, after.signs = append(after.rows, r), append(after.signs, sign)
		}
		out = append(out, after)
	}
	// Rows after a 其中 row are its parts too, one to four of them.
	for k, it := range items {
		if !it.sub {
			continue
		}
		for j := 1; j <= 4 && k+j < len(items); j++ {
			if items[k+j].total {
				break
			}
			v := variant{name: fmt.Sprintf("%d rows after 其中 are its parts", j)}
			for m, o := range items {
				if o.sub || m > k && m <= k+j {
					continue
				}
				v.rows, v.signs = append(v.rows, o.row), append(v.signs, o.sign)
			}
			if p := parentOf(k); p >= 0 {
				run := subRun{parent: p, rows: []int{it.row}}
				for m := k + 1; m <= k+j; m++ {
					run.rows = append(run.rows, items[m].row)
				}
				v.subs = append(v.subs, run)
			}
			out = append(out, v)
		}
	}
	// Totals since the last total only.
	last := -1
	for k, it := range items {
		if it.total {
			last = k
		}
	}
	if last >= 0 && last < len(items)-1 {
		v := variant{name: "since the last total"}
		for _, o := range items[last+1:] {
			if !o.sub {
				v.rows, v.signs = append(v.rows, o.row), append(v.signs, o.sign)
			}
		}
		out = append(out, v)
	}
	return out
}

func hasMinus(signs []int) bool {
	for _, s := range signs {
		if s < 0 {
			return true
		}
	}
	return false
}

// variantsAcross adds the readings that look past the section labels the
// plain reading stops at: every open item of the block.
func (t *tTable) variantsAcross(stack []sumItem) []variant {
	v := variant{name: "across section labels"}
	from := 0
	for k, it := range stack {
		if it.barrier {
			from = k + 1
		}
	}
	for _, it := range stack[from:] {
		if !it.marker && !it.sub {
			v.rows, v.signs = append(v.rows, it.row), append(v.signs, it.sign)
		}
	}
	return []variant{v}
}

// sumColumn says whether column col of a total row is summed: an amount,
// or a share of a whole.
func (t *tTable) sumColumn(row *tRow, col int) bool {
	f := row.vals[col]
	switch f.Kind {
	case extractors.KindMoney:
		return !perUnit(f.Metric)
	case extractors.KindCount:
		return true
	case extractors.KindPercent:
		return isShareColumn(row.header, col) || !isRateColumn(row.header, col) && (f.Value == "100" || f.Value == "100.00")
	}
	return false
}

// isShareColumn says whether a column's header names a share of a whole
// (占营业收入比重, 比例, 占比), not a rate (毛利率, 收益率).
func isShareColumn(header []string, col int) bool {
	if col >= len(header) || isRateColumn(header, col) {
		return false
	}
	h := header[col]
	return strings.Contains(h, "占") || strings.Contains(h, "比重") || strings.Contains(h, "比例") || strings.Contains(h, "构成")
}

// isRateColumn says whether a column's header names a rate of each row's
// own base (计提比例, 毛利率, 持股比例, 增减), which no total sums.
func isRateColumn(header []string, col int) bool {
	if col >= len(header) {
		return false
	}
	h := header[col]
	if strings.Contains(h, "增减") || strings.Contains(h, "变动") || strings.Contains(h, "率") && !strings.Contains(h, "占") {
		return true
	}
	for _, w := range []string{"计提", "预算", "进度", "持股", "出资", "表决权", "增长", "完成"} {
		if strings.Contains(h, w) {
			return true
		}
	}
	return false
}

// cellFigure returns the figure in column col of row r: the figure, or
// nil for a blank cell (zero), and false when the cell holds something
// that is not a figure the audit can use (digits the extractors did not
// take, a qualified figure).
func (t *tTable) cellFigure(r, col int) (*figure, bool) {
	row := &t.rows[r]
	if f, ok := row.vals[col]; ok {
		g, ok := newFigure(f)
		return g, ok
	}
	txt := row.texts[col]
	if blankCell(txt) || !hasDigit(txt) {
		return nil, true
	}
	return nil, false
}

// checkTotal checks total row i against its parts, column by column.
func (t *tTable) checkTotal(i int, stack []sumItem, parts []int) []Finding {
	row := &t.rows[i]
	if t.broken(i) || t.keyValue(i) {
		return nil
	}
	vs := t.variants(stack, parts)
	if totalWord(row.item) != "小计" {
		vs = append(vs, t.variantsAcross(stack)...)
	}
	var out []Finding
	for _, col := range sortedCols(row.vals) {
		if !t.sumColumn(row, col) {
			continue
		}
		tot, ok := newFigure(row.vals[col])
		if !ok {
			continue
		}
		var first *sumFinding
		var pass *sumFinding
		for vi, v := range vs {
			sf, ok := t.sumVariant(col, tot, v)
			if !ok {
				if vi == 0 {
					break // the plain reading has cells the audit cannot read
				}
				continue
			}
			if first == nil {
				first = sf
			}
			if sf.passed {
				pass = sf
				break
			}
			if sub, ok := t.withoutSubtotals(col, tot, v); ok && sub.passed {
				pass = sub
				break
			}
		}
		use := pass
		if use == nil {
			use = first
		}
		if use == nil {
			continue
		}
		out = append(out, t.totalFinding(i, use))
		if use.passed {
			out = append(out, t.subChecks(use.col, use.v)...)
		}
	}
	return out
}

// sumVariant sums the parts of one reading in column col.
func (t *tTable) sumVariant(col int, tot *figure, v variant) (*sumFinding, bool) {
	sf := &sumFinding{v: v, col: col, total: tot, variant: v.name}
	if len(v.rows) < 2 && v.name == "" {
		return nil, false // a total of one row says nothing
	}
	any := false
	for k, r := range v.rows {
		if t.broken(r) {
			return nil, false
		}
		g, ok := t.cellFigure(r, col)
		if !ok {
			return nil, false
		}
		if g == nil {
			continue
		}
		if !sameMeasure(g.row, tot.row) || !sameScale(g, tot) {
			return nil, false
		}
		any = true
		if v.signs[k] < 0 {
			g = g.negated()
		}
		sf.parts = append(sf.parts, g)
		sf.partRow = append(sf.partRow, r)
		sf.signs = append(sf.signs, v.signs[k])
	}
	if !any {
		return nil, false
	}
	lo, hi, val := sum(sf.parts)
	sf.sum, sf.span = val, decSpan{lo, hi}
	sf.passed = sf.span.overlaps(decSpan{tot.lo, tot.hi})
	return sf, true
}

// withoutSubtotals sums a reading without the rows that are, in column
// col, the sum of one or more rows right under them.
func (t *tTable) withoutSubtotals(col int, tot *figure, v variant) (*sumFinding, bool) {
	var keep variant
	keep.name = "without subtotal rows"
	dropped := false
	for k := range v.rows {
		if t.isSubtotal(col, v.rows[k:]) {
			dropped = true
			continue
		}
		keep.rows, keep.signs = append(keep.rows, v.rows[k]), append(keep.signs, v.signs[k])
	}
	if !dropped {
		return nil, false
	}
	return t.sumVariant(col, tot, keep)
}

// isSubtotal says whether the first of rows is, in column col, the sum of
// the next one or more.
func (t *tTable) isSubtotal(col int, rows []int) bool {
	first, ok := t.cellFigure(rows[0], col)
	if !ok || first == nil {
		return false
	}
	var under []*figure
	for _, r := range rows[1:] {
		g, ok := t.cellFigure(r, col)
		if !ok {
			return false
		}
		if g == nil {
			continue
		}
		under = append(under, g)
		lo, hi, _ := sum(under)
		if (decSpan{lo, hi}).overlaps(decSpan{first.lo, first.hi}) {
			return true
		}
	}
	return false
}

// negated is the figure with its sign turned, for a part that counts
// negative.
func (g *figure) negated() *figure {
	n := &figure{row: g.row, val: new(apd.Decimal), lo: new(apd.Decimal), hi: new(apd.Decimal)}
	n.val.Neg(g.val)
	n.lo.Neg(g.hi)
	n.hi.Neg(g.lo)
	return n
}

func sortedCols(m map[int]store.FactRow) []int { return intKeys(m) }

// totalFinding makes the finding of a total row's column.
func (t *tTable) totalFinding(i int, sf *sumFinding) Finding {
	row := &t.rows[i]
	figs := []tableFigure{{row: i, col: sf.col, fig: sf.total, role: "total"}}
	for k, g := range sf.parts {
		role := "part"
		if sf.signs[k] < 0 {
			role = "part (subtracted)"
		}
		figs = append(figs, tableFigure{row: sf.partRow[k], col: sf.col, fig: g, role: role})
	}
	how := ""
	if sf.variant != "" {
		how = " (" + sf.variant + ")"
	}
	var detail string
	if sf.passed {
		detail = fmt.Sprintf("%s: the rows above %s add up to %s%s, as printed %s", t.where(i, sf.col),
			row.item, plain(sf.sum), how, sf.total.row.Text)
	} else {
		detail = fmt.Sprintf("%s: the rows above %s add up to %s, but %s prints %s", t.where(i, sf.col),
			row.item, plain(sf.sum), row.item, sf.total.row.Text)
	}
	return t.finding(CheckTotal, sf.passed, figs, detail, describeSpan(sf.sum, sf.span, sf.total.row.Unit), describeFig(sf.total))
}

// subChecks checks, in column col, that the 其中 parts of each item of a
// reading do not add up to more than the item: a part of a balance is
// not larger than the balance (其他应收款 and its 其中：应收股利). Items
// that are negative, and parts of nothing, are not checked.
func (t *tTable) subChecks(col int, v variant) []Finding {
	var out []Finding
	for _, run := range v.subs {
		parent, ok := t.cellFigure(run.parent, col)
		if !ok || parent == nil || parent.val.Sign() < 0 || parent.row.Kind != extractors.KindMoney {
			continue
		}
		var parts []*figure
		figs := []tableFigure{{row: run.parent, col: col, fig: parent, role: "item"}}
		for _, r := range run.rows {
			g, ok := t.cellFigure(r, col)
			if !ok || g != nil && (!sameMeasure(g.row, parent.row) || g.val.Sign() < 0) {
				parts = nil
				break
			}
			if g != nil {
				parts = append(parts, g)
				figs = append(figs, tableFigure{row: r, col: col, fig: g, role: "其中 part"})
			}
		}
		if len(parts) == 0 {
			continue
		}
		lo, hi, val := sum(parts)
		passed := lo.Cmp(parent.hi) <= 0
		verdict := "not more than"
		if !passed {
			verdict = "more than"
		}
		detail := fmt.Sprintf("%s: the 其中 parts of %s add up to %s, %s %s itself (%s)", t.where(run.parent, col),
			t.rows[run.parent].item, plain(val), verdict, t.rows[run.parent].item, parent.row.Text)
		out = append(out, t.finding(CheckTotal, passed, figs, detail,
			"at most "+describeFig(parent), describeSpan(val, decSpan{lo, hi}, parent.row.Unit)))
	}
	return out
}

// sameScale says whether two figures were read at one scale (元, 万元):
// a column whose cells were read at different scales is one the
// extractors read inconsistently, and its sums say nothing.
func sameScale(a, b *figure) bool {
	sa, okA := scaleOf(a)
	sb, okB := scaleOf(b)
	return !okA || !okB || sa.Cmp(sb) == 0
}

// scaleOf is a figure's value over the number it prints.
func scaleOf(g *figure) (*apd.Decimal, bool) {
	printed, _, ok := printedNumber(g.row.Text)
	if !ok || printed.IsZero() || g.val.IsZero() {
		return nil, false
	}
	s := new(apd.Decimal)
	if _, err := dc.Quo(s, g.val, printed); err != nil {
		return nil, false
	}
	s.Abs(s)
	s.Reduce(s)
	return s, true
}

// netCashFlow checks a row of 现金流量净额 (经营活动产生的现金流量净额)
// against the inflow and outflow subtotals just above it: 现金流入小计 less
// 现金流出小计.
func (t *tTable) netCashFlow(i int, stack []sumItem) []Finding {
	in, outRow := -1, -1
	for k := len(stack) - 1; k >= 0 && (in < 0 || outRow < 0); k-- {
		it := stack[k]
		if it.marker || it.barrier {
			break
		}
		if !it.total {
			continue
		}
		name := labelName(t.rows[it.row].item)
		switch {
		case strings.Contains(name, "流入") && in < 0:
			in = it.row
		case strings.Contains(name, "流出") && outRow < 0:
			outRow = it.row
		}
	}
	if in < 0 || outRow < 0 || t.broken(i) {
		return nil
	}
	var out []Finding
	for _, col := range sortedCols(t.rows[i].vals) {
		net, okN := t.cellFigure(i, col)
		gin, okI := t.cellFigure(in, col)
		gout, okO := t.cellFigure(outRow, col)
		if !okN || !okI || !okO || net == nil || gin == nil || gout == nil || net.row.Kind != extractors.KindMoney ||
			!sameMeasure(net.row, gin.row) || !sameMeasure(net.row, gout.row) {
			continue
		}
		lo, hi, val := sum([]*figure{gin, gout.negated()})
		got := decSpan{lo, hi}
		passed := got.overlaps(decSpan{net.lo, net.hi})
		verdict := "as printed"
		if !passed {
			verdict = "but the table prints"
		}
		detail := fmt.Sprintf("%s: %s %s less %s %s is %s, %s %s", t.where(i, col), t.rows[in].item, gin.row.Text,
			t.rows[outRow].item, gout.row.Text, plain(val), verdict, net.row.Text)
		figs := []tableFigure{{row: i, col: col, fig: net, role: "net"}, {row: in, col: col, fig: gin, role: "inflow"},
			{row: outRow, col: col, fig: gout, role: "outflow (subtracted)"}}
		out = append(out, t.finding(CheckTotal, passed, figs, detail, describeSpan(val, got, net.row.Unit), describeFig(net)))
	}
	return out
}
