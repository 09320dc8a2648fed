package audit

import (
	"fmt"
	"regexp"
	"strings"

	"reportfacts/extractors"
	"reportfacts/pipeline/store"
)

// Checks across the tables of one annual report: the quarters of
// 分季度主要财务指标 add up to the year's figure in 主要会计数据; the
// consolidated statements' totals are the figures of 主要会计数据 (营业收入,
// 归属于上市公司股东的净利润, 经营活动产生的现金流量净额, 归属于上市公司股东
// 的净资产, 总资产); the balance sheets balance (资产总计 = 负债合计 +
// 所有者权益合计). Figures are matched by their row's name and their
// period, never by where they stand.

// indexed is a figure of a table with its place.
type indexed struct {
	t        *tTable
	row, col int
	f        store.FactRow
}

// Statement kinds, of the consolidated statements.
const (
	stmtBalance  = "balance"
	stmtIncome   = "income"
	stmtCashFlow = "cashflow"
)

// docIndex finds the figures of a document's key-data table and
// consolidated statements by name and period.
type docIndex struct {
	keyData []*tTable
	stmts   map[string][]*tTable
	// byName holds the figures of the key-data table and the
	// statements: metricKey of the row's label, "|", the period.
	byName map[string][]indexed
	// inStmt says which statement a table of byName is.
	inStmt map[*tTable]string
}

var (
	keyDataTitle   = regexp.MustCompile(`主要会计数据`)
	statementTitle = map[string]*regexp.Regexp{
		stmtBalance:  regexp.MustCompile(`^合并资产负债表`),
		stmtIncome:   regexp.MustCompile(`^合并利润表`),
		stmtCashFlow: regexp.MustCompile(`^合并现金流量表`),
	}
	// otherStatement is the title of a statement other than the
	// consolidated three: it ends a statement run on over tables.
	otherStatement = regexp.MustCompile(`^(母公司|合并所有者权益|合并股东权益)|(资产负债表|利润表|现金流量表|权益变动表)$`)
)

func newDocIndex(model []*tTable) *docIndex {
	idx := &docIndex{stmts: map[string][]*tTable{}, byName: map[string][]indexed{}, inStmt: map[*tTable]string{}}
	prev := ""
	prevTable := -2
	for _, t := range model {
		kind := ""
		own := false
		for _, l := range strings.Split(t.title, "\n") {
			l = squeezeLabel(l)
			for k, re := range statementTitle {
				if re.MatchString(l) && len([]rune(l)) <= 14 {
					kind, own = k, true
				}
			}
			if kind == "" && otherStatement.MatchString(l) && len([]rune(l)) <= 14 {
				own = true
			}
		}
		if !own && prev != "" && t.index == prevTable+1 && t.name() == fmt.Sprintf("the table on p.%d", t.tb.Page) {
			kind = prev // a statement run on into a table of its own
		}
		prev, prevTable = kind, t.index
		isKey := keyDataTitle.MatchString(t.title) && !strings.Contains(t.title, "分季度")
		if isKey {
			idx.keyData = append(idx.keyData, t)
		}
		if kind != "" {
			idx.stmts[kind] = append(idx.stmts[kind], t)
			idx.inStmt[t] = kind
		}
		if !isKey && kind == "" {
			continue
		}
		for i := range t.rows {
			row := &t.rows[i]
			if row.kind != tBody || row.item == "" {
				continue
			}
			for col, f := range row.vals {
				if f.Kind != extractors.KindMoney && f.Kind != extractors.KindCount {
					continue // levels only: no rates, no changes
				}
				k := nameKey(row.item) + "|" + f.Period
				idx.byName[k] = append(idx.byName[k], indexed{t: t, row: i, col: col, f: f})
			}
		}
	}
	return idx
}

// nameKey is the key of a row's name for matching across tables:
// 股东权益 and 所有者权益 are one.
func nameKey(label string) string {
	return strings.ReplaceAll(metricKey(label), "股东权益", "所有者权益")
}

// find returns the figures named name for period, from the key-data
// table when fromKey, else from statement stmt.
func (idx *docIndex) find(name, period string, fromKey bool, stmt string) []indexed {
	var out []indexed
	for _, x := range idx.byName[nameKey(name)+"|"+period] {
		isKey := false
		for _, k := range idx.keyData {
			if k == x.t {
				isKey = true
			}
		}
		if fromKey && isKey || !fromKey && idx.inStmt[x.t] == stmt {
			out = append(out, x)
		}
	}
	return out
}

// quarterPeriods are the periods of the four quarters of a year.
var quarterPeriods = []string{"-01..%s-03", "-04..%s-06", "-07..%s-09", "-10..%s-12"}

func quarterOf(period string) (year string, q int) {
	if len(period) != 16 {
		return "", 0
	}
	y := period[:4]
	for k, p := range quarterPeriods {
		if period == y+fmt.Sprintf(p, y) {
			return y, k + 1
		}
	}
	return "", 0
}

// quarterChecks adds up each row of four quarters and compares the sum
// with the year's figure of the same name in the key-data table (else
// the consolidated statements).
func quarterChecks(model []*tTable, idx *docIndex) []Finding {
	var out []Finding
	for _, t := range model {
		for i := range t.rows {
			row := &t.rows[i]
			if row.kind != tBody {
				continue
			}
			var qs [4]*tableFigure
			year := ""
			for _, col := range sortedCols(row.vals) {
				f := row.vals[col]
				y, q := quarterOf(f.Period)
				if q == 0 || f.Kind != extractors.KindMoney && f.Kind != extractors.KindCount {
					continue
				}
				g, ok := newFigure(f)
				if !ok || year != "" && y != year || qs[q-1] != nil {
					year = "-"
					break
				}
				year = y
				qs[q-1] = &tableFigure{row: i, col: col, fig: g, role: fmt.Sprintf("quarter %d", q)}
			}
			if year == "" || year == "-" || qs[0] == nil || qs[1] == nil || qs[2] == nil || qs[3] == nil {
				continue
			}
			years := idx.find(row.item, year, true, "")
			if len(years) == 0 {
				years = append(idx.find(row.item, year, false, stmtIncome), idx.find(row.item, year, false, stmtCashFlow)...)
			}
			if fd, ok := t.quarterFinding(qs, years); ok {
				out = append(out, fd)
			}
		}
	}
	return out
}

func (t *tTable) quarterFinding(qs [4]*tableFigure, years []indexed) (Finding, bool) {
	var figs []*figure
	for _, q := range qs {
		figs = append(figs, q.fig)
	}
	lo, hi, val := sum(figs)
	got := decSpan{lo, hi}
	var best *figure
	var bestAt indexed
	passed := false
	for _, y := range years {
		g, ok := newFigure(y.f)
		if !ok || !sameMeasure(g.row, figs[0].row) {
			continue
		}
		if best == nil || !passed && got.overlaps(decSpan{g.lo, g.hi}) {
			best, bestAt = g, y
			passed = got.overlaps(decSpan{g.lo, g.hi})
		}
	}
	if best == nil {
		return Finding{}, false
	}
	row := &t.rows[qs[0].row]
	tf := []tableFigure{{t: bestAt.t, row: bestAt.row, col: bestAt.col, fig: best, role: "year"}}
	for _, q := range qs {
		tf = append(tf, *q)
		tf[len(tf)-1].t = t
	}
	verdict := "as"
	if !passed {
		verdict = "but"
	}
	detail := fmt.Sprintf("%s, %s: the four quarters add up to %s, %s %s prints %s for the year",
		t.name(), row.item, plain(val), verdict, bestAt.t.name(), best.row.Text)
	return bestAt.t.finding(CheckQuarters, passed, tf, detail, describeSpan(val, got, best.row.Unit), describeFig(best)), true
}

// balance checks 资产总计 = 负债合计 + 所有者权益合计 in each column of a
// balance sheet (t has all three rows).
func (t *tTable) balance() []Finding {
	find := func(names ...string) int {
		for i := range t.rows {
			if t.rows[i].kind != tBody {
				continue
			}
			k := nameKey(t.rows[i].item)
			for _, n := range names {
				if k == n {
					return i
				}
			}
		}
		return -1
	}
	a := find("资产总计")
	l := find("负债合计")
	e := find("所有者权益合计")
	if a < 0 || l < 0 || e < 0 {
		return nil
	}
	var out []Finding
	for _, col := range sortedCols(t.rows[a].vals) {
		ga, okA := t.cellFigure(a, col)
		gl, okL := t.cellFigure(l, col)
		ge, okE := t.cellFigure(e, col)
		if !okA || !okL || !okE || ga == nil || gl == nil || ge == nil || ga.row.Kind != extractors.KindMoney {
			continue
		}
		lo, hi, val := sum([]*figure{gl, ge})
		got := decSpan{lo, hi}
		passed := got.overlaps(decSpan{ga.lo, ga.hi})
		verdict := "as printed"
		if !passed {
			verdict = "but 资产总计 is"
		}
		detail := fmt.Sprintf("%s, %s: 负债合计 %s + 所有者权益合计 %s = %s, %s %s", t.name(),
			t.label(a, col), gl.row.Text, ge.row.Text, plain(val), verdict, ga.row.Text)
		figs := []tableFigure{{row: a, col: col, fig: ga, role: "资产总计"}, {row: l, col: col, fig: gl, role: "负债合计"},
			{row: e, col: col, fig: ge, role: "所有者权益合计"}}
		out = append(out, t.finding(CheckBalance, passed, figs, detail, describeSpan(val, got, ga.row.Unit), describeFig(ga)))
	}
	return out
}

// keyDataLinks are the figures of 主要会计数据 that a consolidated
// statement prints, by the names of both.
var keyDataLinks = []struct {
	key   []string
	stmt  string
	names []string
}{
	{[]string{"营业收入"}, stmtIncome, []string{"营业收入", "营业总收入"}},
	{[]string{"归属于上市公司股东的净利润"}, stmtIncome, []string{"归属于母公司所有者的净利润", "归属于母公司股东的净利润"}},
	{[]string{"经营活动产生的现金流量净额"}, stmtCashFlow, []string{"经营活动产生的现金流量净额"}},
	{[]string{"归属于上市公司股东的净资产"}, stmtBalance, []string{"归属于母公司所有者权益合计", "归属于母公司股东权益合计"}},
	{[]string{"总资产", "资产总额"}, stmtBalance, []string{"资产总计"}},
}

// keyDataChecks compares each figure of 主要会计数据 that a consolidated
// statement prints with it, period by period.
func keyDataChecks(model []*tTable, idx *docIndex) []Finding {
	var out []Finding
	for _, kt := range idx.keyData {
		for i := range kt.rows {
			row := &kt.rows[i]
			if row.kind != tBody {
				continue
			}
			k := nameKey(row.item)
			for _, link := range keyDataLinks {
				matched := false
				for _, n := range link.key {
					if nameKey(n) == k {
						matched = true
					}
				}
				if !matched {
					continue
				}
				for _, col := range sortedCols(row.vals) {
					f := row.vals[col]
					if f.Kind != extractors.KindMoney {
						continue
					}
					var cands []indexed
					for _, n := range link.names {
						if cands = idx.find(n, f.Period, false, link.stmt); len(cands) > 0 {
							break
						}
					}
					if fd, ok := kt.keyDataFinding(i, col, f, cands); ok {
						out = append(out, fd)
					}
				}
			}
		}
	}
	return out
}

func (t *tTable) keyDataFinding(i, col int, f store.FactRow, cands []indexed) (Finding, bool) {
	key, ok := newFigure(f)
	if !ok || len(cands) == 0 {
		return Finding{}, false
	}
	// Key data restated (调整后, 调整前) print two figures of one period:
	// the statement's is one of them; the key-data cell at hand is
	// checked against the statement's figure.
	var st *figure
	var at indexed
	for _, c := range cands {
		g, ok := newFigure(c.f)
		if !ok || !sameMeasure(g.row, key.row) {
			continue
		}
		if st == nil || (decSpan{g.lo, g.hi}).overlaps(decSpan{key.lo, key.hi}) {
			st, at = g, c
		}
	}
	if st == nil {
		return Finding{}, false
	}
	passed := (decSpan{st.lo, st.hi}).overlaps(decSpan{key.lo, key.hi})
	if !passed {
		// Key data restated (调整后 beside 调整前) print two figures of
		// a period: the statement prints one of them, and a failure is
		// reported once, on the first.
		for _, g := range t.rows[i].vals {
			if g.Key == f.Key || g.Period != f.Period || g.Kind != f.Kind {
				continue
			}
			sib, ok := newFigure(g)
			if !ok || (decSpan{sib.lo, sib.hi}).overlaps(decSpan{st.lo, st.hi}) || g.Start < f.Start {
				return Finding{}, false
			}
		}
	}
	verdict := "as"
	if !passed {
		verdict = "but"
	}
	detail := fmt.Sprintf("%s, %s: %s, %s %s, %s prints %s", t.name(), t.label(i, col), f.Text,
		verdict, at.t.name(), at.t.label(at.row, at.col), st.row.Text)
	figs := []tableFigure{{row: i, col: col, fig: key, role: "key data"},
		{t: at.t, row: at.row, col: at.col, fig: st, role: "statement"}}
	return t.finding(CheckKeyData, passed, figs, detail, describeFig(st), describeFig(key)), true
}
