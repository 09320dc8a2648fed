package audit

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/cockroachdb/apd/v3"
)

// The checks of tables, on the table model (tmodel.go):
//
//   - total: a total row (合计 总计 小计) is the sum of the rows it totals,
//     column by column (tsums.go); the breakdowns of one measure by
//     industry, product and region (分行业 分产品 分地区) add up to the
//     same (tsections.go);
//   - shares: a share column (占营业收入比重) is its row's amount over the
//     whole, and the shares of a whole add up to 100% (tshares.go);
//   - growth, pp_change: a change column (本年比上年增减) is the change
//     from the year before's figure to the year's, as a growth rate, or as
//     points for a row of percents (tchanges.go);
//   - margin: a gross margin (毛利率) is revenue less cost over revenue,
//     and its change follows from the growth of both (tchanges.go);
//   - quarters: the four quarters of 分季度主要财务指标 add up to the
//     year's figure in 主要会计数据 (tlinks.go);
//   - balance: 资产总计 = 负债合计 + 所有者权益合计 (tlinks.go);
//   - key_data: the consolidated statements' totals are the figures of
//     主要会计数据 (tlinks.go).
//
// Every comparison is within the rounding of the printed figures (an
// amount printed to the fen is exact), and every finding names the table,
// the row and the column of each figure.

// tableChecks runs the table checks of one document.
func tableChecks(df *docFacts, on func(string) bool) map[string][]Finding {
	out := map[string][]Finding{}
	tables, err := decodeTables(df.Doc)
	if err != nil {
		out[CheckTotal] = append(out[CheckTotal], Finding{Check: CheckTotal, Document: df.Doc.Path,
			Detail: fmt.Sprintf("the tables cannot be checked: %v", err)})
		return out
	}
	model := buildTables(df, tables)
	var opens []map[int][]sumItem
	for _, t := range model {
		found, open := t.totals()
		opens = append(opens, open)
		if on(CheckTotal) {
			out[CheckTotal] = append(out[CheckTotal], found...)
		}
	}
	if on(CheckTotal) {
		out[CheckTotal] = append(out[CheckTotal], sectionTotals(model, opens)...)
	}
	idx := newDocIndex(model)
	for _, t := range model {
		if on(CheckShares) {
			out[CheckShares] = append(out[CheckShares], t.shares(idx)...)
		}
		for _, c := range []string{CheckGrowth, CheckPPChange, CheckMargin} {
			if on(c) {
				out[c] = append(out[c], t.changes(c)...)
			}
		}
	}
	if on(CheckQuarters) {
		out[CheckQuarters] = append(out[CheckQuarters], quarterChecks(model, idx)...)
	}
	if on(CheckBalance) {
		for _, t := range model {
			out[CheckBalance] = append(out[CheckBalance], t.balance()...)
		}
	}
	if on(CheckKeyData) {
		out[CheckKeyData] = append(out[CheckKeyData], keyDataChecks(model, idx)...)
	}
	return out
}

// tableFigure is a figure of a table with where it stands.
type tableFigure struct {
	t        *tTable // nil: the table of the finding
	row, col int
	fig      *figure
	role     string
}

// name is what the audit calls a table: its title, the nearest line above
// it that says what it is, else its page.
func (t *tTable) name() string {
	lines := strings.Split(t.title, "\n")
	for k := len(lines) - 1; k >= 0; k-- {
		l := strings.TrimSpace(lines[k])
		if l == "" || isCaption(l) {
			continue
		}
		r := []rune(l)
		if len(r) > 40 {
			r = append(r[:40], '…')
		}
		return fmt.Sprintf("「%s」(p.%d)", string(r), t.tb.Page)
	}
	return fmt.Sprintf("the table on p.%d", t.tb.Page)
}

// isCaption says whether a line above a table is a unit caption, a
// running header or a page number, not its title.
func isCaption(l string) bool {
	switch {
	case strings.HasPrefix(l, "单位"), strings.HasPrefix(l, "币种"), strings.Contains(l, "适用"),
		strings.Contains(l, "年度报告"), strings.Contains(l, "年年度报告"), strings.Contains(l, "编制单位"),
		strings.Contains(l, "法定代表人"):
		return true
	}
	return !hasHan(l) || dateLine.MatchString(l)
}

// dateLine is a line that only dates a table (2019年1—12月, 2019年12月31日).
var dateLine = regexp.MustCompile(`^[0-9０-９年月日度至—\-－~～\s]+$`)

// shown is a figure's text as the detail quotes it, with its signed value
// where the text says the sign in words (减少2.07个百分点).
func shown(g *figure) string {
	if g.val.Sign() < 0 && !strings.ContainsAny(g.row.Text, "-−－(（") {
		return fmt.Sprintf("%s (%s)", g.row.Value, g.row.Text)
	}
	return g.row.Text
}

// label is a figure's place: the row's labels and the column's header.
func (t *tTable) label(row, col int) string {
	r := &t.rows[row]
	l := strings.Join(r.labels, " ")
	if col < len(r.header) && r.header[col] != "" {
		l += " | " + r.header[col]
	}
	return l
}

// where names a cell for a finding's detail.
func (t *tTable) where(row, col int) string {
	return fmt.Sprintf("%s, %s", t.name(), t.label(row, col))
}

// finding makes a table finding; the first figure gives the page and the
// sentence (the row's text).
func (t *tTable) finding(check string, passed bool, figs []tableFigure, detail, expected, found string) Finding {
	f := Finding{Check: check, Passed: passed, Document: t.doc.Doc.Path, Detail: detail,
		Expected: expected, Found: found}
	for k, tf := range figs {
		tt := tf.t
		if tt == nil {
			tt = t
		}
		fg := tf.fig.asFigure(tf.role)
		fg.Label = tt.label(tf.row, tf.col)
		if k == 0 {
			f.Page, f.Sentence = tf.fig.row.Page, tf.fig.row.Sentence
		}
		f.FactKeys = append(f.FactKeys, tf.fig.row.Key)
		f.Figures = append(f.Figures, fg)
	}
	return f
}

// describeSpan writes a computed value with the range the rounding of
// its figures allows.
func describeSpan(val *apd.Decimal, s decSpan, unit string) string {
	u := ""
	if unit != "" {
		u = " " + unit
	}
	if s.lo.Cmp(s.hi) == 0 {
		return plain(val) + u
	}
	return fmt.Sprintf("%s%s (%s)", plain(val), u, s)
}

// describeFig writes a printed figure with the range its rounding allows.
func describeFig(g *figure) string {
	return describeSpan(g.val, decSpan{g.lo, g.hi}, g.row.Unit)
}

// describeFloat writes a computed ratio with its range.
func describeFloat(val float64, s span, unit string) string {
	u := ""
	if unit != "" {
		u = " " + unit
	}
	return fmt.Sprintf("%s%s (%s)", fmtFloat(val), u, s)
}
