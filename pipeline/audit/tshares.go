package audit

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/cockroachdb/apd/v3"

	"reportfacts/extractors"
)

// Share columns of tables (占营业收入比重, 本期占总成本比例, 占总资产的比例):
// each share is its row's amount (the amount column of the same period to
// its left) over the whole:
//
//   - the whole is the total row the row adds up to, where that row's
//     share is 100%; where it is less (前五名客户 合计 28.02% of the year's
//     sales), the whole is what that share says: the total's amount over
//     its share;
//   - rows under no total, grouped by the label they share (张国际酒店's
//     职工薪酬, 折旧摊销, 其他), are a whole when their shares add up to
//     100%, and then each is its amount over their sum; shares that add up
//     to more than 100% fail as a group, the rows not checked one by one;
//     shares that add up to less are of a whole the header names
//     (占总资产的比例: 总资产 of the key-data table for the period), when
//     the document prints it.

// shares checks the share columns of t.
func (t *tTable) shares(idx *docIndex) []Finding {
	var out []Finding
	blocks := map[int][]int{}
	var order []int
	for i := range t.rows {
		if t.rows[i].kind != tBody {
			continue
		}
		b := t.rows[i].block
		if _, ok := blocks[b]; !ok {
			order = append(order, b)
		}
		blocks[b] = append(blocks[b], i)
	}
	for _, b := range order {
		rows := blocks[b]
		header := t.rows[rows[0]].header
		if labelHead := strings.Join(header[:min(t.firstVal, len(header))], ""); strings.Contains(labelHead, "可比") || strings.Contains(labelHead, "同行业") {
			continue // rows of other companies: each its own whole
		}
		for _, s := range t.shareCols(rows, header) {
			if w := t.wholeColumn(rows, header, s); w >= 0 {
				// Each row prints its own whole (现金分红 over the
				// year's 净利润 beside it).
				if a := t.amountFor(rows, header, s, w); a >= 0 {
					out = append(out, t.ownWholes(rows, s, a, w)...)
				}
				continue
			}
			a := t.amountFor(rows, header, s, -1)
			if a < 0 {
				continue
			}
			out = append(out, t.shareColumn(idx, rows, header, s, a)...)
		}
	}
	return out
}

// shareCols are the columns of rows whose figures are shares.
func (t *tTable) shareCols(rows []int, header []string) []int {
	seen := map[int]bool{}
	var out []int
	for _, i := range rows {
		for _, col := range sortedCols(t.rows[i].vals) {
			f := t.rows[i].vals[col]
			if f.Kind == extractors.KindPercent && isShareColumn(header, col) && !seen[col] {
				seen[col] = true
				out = append(out, col)
			}
		}
	}
	return intKeysOf(out)
}

func intKeysOf(cols []int) []int {
	m := map[int]bool{}
	for _, c := range cols {
		m[c] = true
	}
	return intKeys(m)
}

// amountFor is the amount column a share column s divides: the nearest
// to its left holding amounts of the share's period.
func (t *tTable) amountFor(rows []int, header []string, s, exclude int) int {
	period := ""
	for _, i := range rows {
		if f, ok := t.rows[i].vals[s]; ok {
			period = f.Period
			break
		}
	}
	// What the share is of: 研发投入 of 研发投入占营业收入比例 is the
	// column 研发投入金额, not 研发投入资本化金额.
	if num, _, ok := strings.Cut(header[s], "占"); ok && len([]rune(num)) >= 2 && !strings.Contains(num, "期") {
		pick := -1
		for col := s - 1; col >= t.firstVal; col-- {
			if col == exclude || isShareColumn(header, col) || !strings.Contains(header[col], num) {
				continue
			}
			if pick < 0 || len(header[col]) < len(header[pick]) {
				pick = col
			}
		}
		if pick >= 0 {
			return pick
		}
	}
	best, near := -1, -1
	for col := s - 1; col >= t.firstVal; col-- {
		if isShareColumn(header, col) || col == exclude {
			continue
		}
		for _, i := range rows {
			f, ok := t.rows[i].vals[col]
			if !ok || f.Kind != extractors.KindMoney && f.Kind != extractors.KindCount {
				continue
			}
			if near < 0 {
				near = col
			}
			if f.Period == period && best < 0 {
				best = col
			}
			break
		}
		if best >= 0 {
			break
		}
	}
	if best < 0 {
		best = near
	}
	return best
}

// wholeOf is the whole a share header names: 总资产 of 本期期末数占总资产
// 的比例（%）.
var wholeOf = regexp.MustCompile(`占(.+?)(的)?(比例|比率|比重|百分比|占比|%|％|（|\(|$)`)

// wholeNames are the names under which a whole stands in the key-data
// table or the statements.
var wholeNames = map[string][]string{
	"总资产":  {"总资产", "资产总计"},
	"资产总额": {"总资产", "资产总计"},
	"营业收入": {"营业收入", "营业总收入"},
	"营业成本": {"营业成本"},
	"净资产":  {"归属于上市公司股东的净资产"},
}

// shareColumn checks share column s against amount column a in the rows
// of one block.
func (t *tTable) shareColumn(idx *docIndex, rows []int, header []string, s, a int) []Finding {
	var out []Finding
	covered := map[int]bool{}
	for _, i := range rows {
		parts, isTotal := t.totalParts[i]
		if !isTotal {
			continue
		}
		covered[i] = true
		whole, ok := t.cellFigure(i, a)
		share, okS := t.cellFigure(i, s)
		if !ok || !okS || whole == nil || whole.lo.Sign() <= 0 || share != nil && share.lo.Sign() <= 0 {
			continue
		}
		for _, p := range parts {
			covered[p] = true
		}
		if share == nil && strings.Contains(header[s], "占") {
			continue // a share of something the total is not (占同类交易金额的比例)
		}
		w := wholeSpan{fig: whole, row: i, col: a}
		if share != nil && !(decSpan{share.lo, share.hi}).overlaps(decSpan{hundred, hundred}) {
			// The total is itself a share of a larger whole: the
			// whole is the total's amount over its share.
			w.implied = share
		}
		out = append(out, t.rowShares(parts, s, a, w, w.implied == nil)...)
	}
	// Rows under no total, by group.
	groups := map[string][]int{}
	var names []string
	for _, i := range rows {
		row := &t.rows[i]
		if covered[i] || isSubItem(row.item) {
			continue
		}
		if _, ok := row.vals[s]; !ok {
			continue
		}
		if _, ok := groups[row.group]; !ok {
			names = append(names, row.group)
		}
		groups[row.group] = append(groups[row.group], i)
	}
	for _, g := range names {
		out = append(out, t.shareGroup(idx, groups[g], header, s, a)...)
	}
	return out
}

// wholeSpan is the whole rows' shares are of: a total row's amount, that
// amount over the total's own share, the sum of a group's amounts, or a
// figure the document prints elsewhere.
type wholeSpan struct {
	fig     *figure // the whole's figure, nil for a sum
	row     int     // its row in t, -1 when elsewhere
	col     int     // its column in t
	at      *indexed
	implied *figure // the whole's share of a larger whole
	sum     *decSpan
	val     *apd.Decimal
}

func (w wholeSpan) span() span {
	var s span
	switch {
	case w.sum != nil:
		s = span{toFloat(w.sum.lo), toFloat(w.sum.hi)}
	default:
		s = w.fig.span()
	}
	if w.implied != nil {
		s = span{s.lo / toFloat(w.implied.hi) * 100, s.hi / toFloat(w.implied.lo) * 100}
	}
	return s
}

func (w wholeSpan) value() float64 {
	v := 0.0
	if w.sum != nil {
		v = toFloat(w.val)
	} else {
		v = toFloat(w.fig.val)
	}
	if w.implied != nil {
		v = v / toFloat(w.implied.val) * 100
	}
	return v
}

// ratioSpan is the range of a/b*100 for a in as and b in bs, b > 0.
func ratioSpan(as, bs span) span {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range []float64{as.lo, as.hi} {
		for _, y := range []float64{bs.lo, bs.hi} {
			r := x / y * 100
			lo, hi = math.Min(lo, r), math.Max(hi, r)
		}
	}
	return span{lo, hi}
}

// rowShare checks the share of row p against its amount over the whole.
func (t *tTable) rowShare(p, s, a int, w wholeSpan) (Finding, bool) {
	share, okS := t.cellFigure(p, s)
	amount, okA := t.cellFigure(p, a)
	if !okS || !okA || share == nil || amount == nil {
		return Finding{}, false
	}
	ws := w.span()
	if ws.lo <= 0 {
		return Finding{}, false
	}
	got := ratioSpan(amount.span(), ws)
	val := toFloat(amount.val) / w.value() * 100
	passed := got.overlaps(share.span())
	figs := []tableFigure{{row: p, col: s, fig: share, role: "share"}, {row: p, col: a, fig: amount, role: "part"}}
	wholeText := ""
	switch {
	case w.fig != nil && w.at != nil:
		figs = append(figs, tableFigure{t: w.at.t, row: w.at.row, col: w.at.col, fig: w.fig, role: "whole"})
		wholeText = fmt.Sprintf("%s of %s", w.fig.row.Text, w.at.t.name())
	case w.fig != nil:
		figs = append(figs, tableFigure{row: w.row, col: w.col, fig: w.fig, role: "whole"})
		wholeText = w.fig.row.Text
	default:
		wholeText = fmt.Sprintf("%s (the rows' sum)", plain(w.val))
	}
	if w.implied != nil {
		c := s
		figs = append(figs, tableFigure{row: w.row, col: c, fig: w.implied, role: "share of the whole"})
		wholeText = fmt.Sprintf("%s / %s%%", wholeText, w.implied.row.Value)
	}
	verdict := "as printed"
	if !passed {
		verdict = "but the table prints"
	}
	detail := fmt.Sprintf("%s: %s over %s is %s%%, %s %s", t.where(p, s), amount.row.Text, wholeText,
		fmtFloat(val), verdict, share.row.Text)
	return t.finding(CheckShares, passed, figs, detail, describeFloat(val, got, "%"), describeFig(share)), true
}

// shareGroup checks the shares of a group of rows under no total.
func (t *tTable) shareGroup(idx *docIndex, rows []int, header []string, s, a int) []Finding {
	var shares []*figure
	var figs []tableFigure
	for _, i := range rows {
		g, ok := t.cellFigure(i, s)
		if !ok {
			return nil
		}
		if g == nil {
			continue
		}
		shares = append(shares, g)
		figs = append(figs, tableFigure{row: i, col: s, fig: g, role: "share"})
	}
	if len(shares) == 0 {
		return nil
	}
	for _, g := range shares[1:] {
		if g.row.Period != shares[0].row.Period || g.row.Entity != shares[0].row.Entity {
			// Shares of several years or companies: each of its own
			// whole, which the table does not print.
			return nil
		}
	}
	lo, hi, val := sum(shares)
	got := decSpan{lo, hi}
	group := t.rows[rows[0]].group
	if group == "" {
		group = "the rows"
	}
	switch {
	case got.overlaps(decSpan{hundred, hundred}):
		if len(shares) < 2 {
			return nil // one row of 100%: nothing to add up
		}
		out := []Finding{t.finding(CheckShares, true, figs, fmt.Sprintf("%s, %s: the shares of %s add up to %s%%, a whole",
			t.name(), t.label(rows[0], s), group, plain(val)), "100 %", describeSpan(val, got, "%"))}
		// A whole: each row is its amount over the rows' sum.
		var amounts []*figure
		for _, i := range rows {
			g, ok := t.cellFigure(i, a)
			if !ok {
				return out
			}
			if g != nil {
				amounts = append(amounts, g)
			}
		}
		alo, ahi, aval := sum(amounts)
		if aval.Sign() <= 0 {
			return out
		}
		w := wholeSpan{row: -1, sum: &decSpan{alo, ahi}, val: aval}
		return append(out, t.rowShares(rows, s, a, w, true)...)
	case lo.Cmp(hundred) > 0 && wholeTimes(got) > 1:
		// 200%, 300%: several breakdowns of one whole in one block of
		// rows (分行业 and 分产品 under no heading the audit reads), not a
		// wrong base.
		f := t.finding(CheckShares, false, figs, fmt.Sprintf("%s, %s: the shares of %s add up to %s%%, %d wholes: "+
			"the rows break one whole down in several ways, not checked", t.name(), t.label(rows[0], s), group, plain(val),
			wholeTimes(got)), "100 %", describeSpan(val, got, "%"))
		f.Status = StatusIncomplete
		return []Finding{f}
	case lo.Cmp(hundred) > 0 && !hasNegative(shares):
		// More than a whole: the shares are of the wrong base.
		var amounts []*figure
		for _, i := range rows {
			if g, ok := t.cellFigure(i, a); ok && g != nil {
				amounts = append(amounts, g)
				figs = append(figs, tableFigure{row: i, col: a, fig: g, role: "part"})
			}
		}
		detail := fmt.Sprintf("%s, %s: the shares of %s add up to %s%%, more than 100%%", t.name(),
			t.label(rows[0], s), group, plain(val))
		if _, _, aval := sum(amounts); len(amounts) == len(shares) && aval.Sign() > 0 {
			var parts []string
			for _, g := range amounts {
				parts = append(parts, fmtFloat(math.Round(toFloat(g.val)/toFloat(aval)*10000)/100)+"%")
			}
			detail += fmt.Sprintf("; the amounts (sum %s) give %s", plain(aval), strings.Join(parts, ", "))
		}
		return []Finding{t.finding(CheckShares, false, figs, detail, "100 %", describeSpan(val, got, "%"))}
	}
	// Less than a whole: the shares are of a whole the header names.
	m := wholeOf.FindStringSubmatch(header[s])
	if m == nil {
		return nil
	}
	period := t.rows[rows[0]].vals[s].Period
	names, ok := wholeNames[m[1]]
	if !ok {
		names = []string{m[1]}
	}
	var cands []indexed
	for _, n := range names {
		if cands = idx.find(n, period, true, ""); len(cands) > 0 {
			break
		}
		if cands = idx.find(n, period, false, stmtBalance); len(cands) > 0 {
			break
		}
		if cands = idx.find(n, period, false, stmtIncome); len(cands) > 0 {
			break
		}
	}
	if len(cands) == 0 {
		return nil
	}
	wf, ok := newFigure(cands[0].f)
	if !ok || wf.lo.Sign() <= 0 {
		return nil
	}
	for _, c := range cands[1:] {
		if c.f.Value != cands[0].f.Value {
			return nil // two figures of the whole: which one is meant is not clear
		}
	}
	w := wholeSpan{fig: wf, row: -1, at: &cands[0]}
	var out []Finding
	for _, i := range rows {
		if fd, ok := t.rowShare(i, s, a, w); ok {
			out = append(out, fd)
		}
	}
	return out
}

func hasNegative(figs []*figure) bool {
	for _, g := range figs {
		if g.val.Sign() < 0 {
			return true
		}
	}
	return false
}

// wholeColumn is the column of rows that prints the whole share column s
// is of, by the header's name for it (占合并报表中归属于上市公司普通股股东的
// 净利润的比率 and 分红年度合并报表中归属于上市公司普通股股东的净利润), or -1.
func (t *tTable) wholeColumn(rows []int, header []string, s int) int {
	m := wholeOf.FindStringSubmatch(header[s])
	if m == nil || len([]rune(m[1])) < 2 {
		return -1
	}
	name := m[1]
	for col := t.firstVal; col < len(header); col++ {
		if col == s || !strings.Contains(header[col], name) || strings.Contains(header[col], "占") {
			continue
		}
		for _, i := range rows {
			if f, ok := t.rows[i].vals[col]; ok && (f.Kind == extractors.KindMoney || f.Kind == extractors.KindCount) {
				return col
			}
		}
	}
	return -1
}

// ownWholes checks each row's share in column s as its amount (column a)
// over its whole (column w).
func (t *tTable) ownWholes(rows []int, s, a, w int) []Finding {
	var out []Finding
	for _, i := range rows {
		whole, ok := t.cellFigure(i, w)
		if !ok || whole == nil || whole.lo.Sign() <= 0 {
			continue
		}
		if fd, ok := t.rowShare(i, s, a, wholeSpan{fig: whole, row: i, col: w}); ok {
			out = append(out, fd)
		}
	}
	return out
}

// rowShares checks the shares of rows against their amounts over w. Of a
// whole (whole: the shares are all of it), a share printed one unit off
// its amount's share, where that makes the printed shares add up to
// exactly 100% while the correctly rounded ones would not, is a rounding
// adjustment (the usual plug of the largest or smallest row), and passes
// saying so.
func (t *tTable) rowShares(rows []int, s, a int, w wholeSpan, whole bool) []Finding {
	var out []Finding
	var failed []int
	for _, p := range rows {
		fd, ok := t.rowShare(p, s, a, w)
		if !ok {
			continue
		}
		if !fd.Passed {
			failed = append(failed, len(out))
		}
		out = append(out, fd)
	}
	if !whole || len(failed) == 0 {
		return out
	}
	// The printed and the correctly rounded shares of the rows.
	printedSum, roundedSum := new(apd.Decimal), new(apd.Decimal)
	unit := new(apd.Decimal)
	off := map[int]*apd.Decimal{} // row → printed − rounded
	wv := w.value()
	for _, p := range rows {
		share, okS := t.cellFigure(p, s)
		amount, okA := t.cellFigure(p, a)
		if !okS || !okA || share == nil {
			return out
		}
		_, decimals, ok := printedNumber(share.row.Text)
		if !ok {
			return out
		}
		unit.SetFinite(1, -int32(decimals))
		r := new(apd.Decimal)
		if amount != nil {
			v := toFloat(amount.val) / wv * 100
			if _, _, err := r.SetString(fmt.Sprintf("%.*f", decimals, v)); err != nil {
				return out
			}
		}
		_, _ = dc.Add(printedSum, printedSum, share.val)
		_, _ = dc.Add(roundedSum, roundedSum, r)
		d := new(apd.Decimal)
		_, _ = dc.Sub(d, share.val, r)
		off[p] = d
	}
	gap := new(apd.Decimal)
	_, _ = dc.Sub(gap, hundred, roundedSum)
	if printedSum.Cmp(hundred) != 0 || gap.IsZero() {
		return out
	}
	// Rows off by one unit in the direction of the gap, no more of them
	// than the gap has units.
	units := new(apd.Decimal)
	_, _ = dc.Quo(units, new(apd.Decimal).Abs(gap), unit)
	n, err := units.Int64()
	if err != nil || int64(len(failed)) > n {
		return out
	}
	for _, k := range failed {
		fd := &out[k]
		p := rows[0]
		for _, r := range rows {
			if len(fd.FactKeys) > 0 && t.rows[r].vals[s].Key == fd.FactKeys[0] {
				p = r
			}
		}
		d := off[p]
		if d == nil || new(apd.Decimal).Abs(d).Cmp(unit) != 0 || d.Sign() != gap.Sign() {
			return out
		}
	}
	for _, k := range failed {
		out[k].Passed = true
		out[k].Detail += fmt.Sprintf(": adjusted by one unit so that the shares add up to 100%% (rounded, they add up to %s%%)", plain(roundedSum))
	}
	return out
}

// wholeTimes is n where shares adding up to got are n wholes (n × 100%
// within their rounding), else 0.
func wholeTimes(got decSpan) int {
	for n := int64(2); n <= 4; n++ {
		w := apd.New(100*n, 0)
		if got.overlaps(decSpan{w, w}) {
			return int(n)
		}
	}
	return 0
}
