package audit

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"reportfacts/extractors"
	"reportfacts/pipeline/store"
)

// Tables are checked column by column, and only where their shape is
// plain. A table's money cells (the extractors' table rule) fall into
// rows: text with a letter in it between two cells starts a row and is its
// label; numbers without letters between cells (a percent column, "--")
// are other columns. A row whose label ends in 合计 or 总计 with k cells
// sums, column by column, the rows of k cells above it up to the table's
// header (a row whose label runs over several words and names 项目, 余额,
// 发生额 …). A row that is the sum of the rows right under it (3 年以上
// over 3 至 4 年 … 5 年以上) is a subtotal, left out where that makes the
// columns add up. A row of another width (a blank cell), a label with 其中
// 加： 减： 小计 or ending in a colon (a category over sub-rows), or an
// amount inside a label (a cell the extractors did not take) on the way is
// a shape the audit does not know: that total is not checked.

// tableRow is a run of table cells with no letter between them.
type tableRow struct {
	label string // the text before the row's first cell
	cells []store.FactRow
}

var (
	tableTotalWords  = []string{"合计", "总计"}
	tableHeaderWords = []string{"项目", "余额", "发生额", "名称", "账龄", "款项性质", "类别", "单位：", "单位:"}
	tableStopWords   = []string{"其中", "加：", "加:", "减：", "减:", "小计", "合计", "总计"}
)

func tableRows(df *docFacts) []tableRow {
	var rows []tableRow
	prevEnd := 0
	for _, f := range df.Facts {
		if !inTable(f) || f.Kind != extractors.KindMoney || f.Start < prevEnd || f.End > len(df.Raw) {
			continue
		}
		gap := string(df.Raw[prevEnd:f.Start])
		if len(rows) == 0 || strings.IndexFunc(gap, unicode.IsLetter) >= 0 {
			rows = append(rows, tableRow{label: gap})
		}
		last := &rows[len(rows)-1]
		last.cells = append(last.cells, f)
		prevEnd = f.End
	}
	return rows
}

// rowLabel is the row's own label: the last line of the text before its
// first cell, at most its last 12 characters.
func rowLabel(gap string) string {
	lines := strings.FieldsFunc(gap, func(r rune) bool { return r == '\n' || r == '\r' || r == '\f' })
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" {
			r := []rune(l)
			if len(r) > 12 {
				r = r[len(r)-12:]
			}
			return string(r)
		}
	}
	return ""
}

// isHeader says whether the text before a row holds the table's header.
func isHeader(gap string) bool {
	return len(strings.Fields(gap)) >= 3 && containsAny(gap, tableHeaderWords)
}

// afterHeader is what follows the last header word in the text before a
// table's first row: the first row's own label, and any cell of it that
// the extractors did not take.
func afterHeader(gap string) string {
	at := -1
	for _, w := range tableHeaderWords {
		if i := strings.LastIndex(gap, w); i >= 0 && i+len(w) > at {
			at = i + len(w)
		}
	}
	if at < 0 {
		return rowLabel(gap)
	}
	return gap[at:]
}

// isCategory says whether the text before a row stops a run of summed
// rows.
func isCategory(gap string) bool {
	if containsAny(gap, tableStopWords) || hiddenAmount.MatchString(gap) {
		return true
	}
	for _, line := range strings.Split(gap, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasSuffix(line, "：") || strings.HasSuffix(line, ":") {
			return true
		}
	}
	return false
}

// hiddenAmount is an amount written with thousands separators: in a
// row's label it is a cell that the extractors did not take.
var hiddenAmount = regexp.MustCompile(`\d{1,3}(,\d{3})+(\.\d+)?`)

// isTotalRow says whether a row's own label ends in 合计 or 总计.
func isTotalRow(gap string) bool {
	label := strings.TrimRight(rowLabel(gap), " \t:：")
	for _, w := range tableTotalWords {
		if strings.HasSuffix(label, w) {
			return true
		}
	}
	return false
}

func tableTotals(docs []docFacts) []Finding {
	var out []Finding
	for di := range docs {
		rows := tableRows(&docs[di])
		for i, r := range rows {
			if !isTotalRow(r.label) || hiddenAmount.MatchString(r.label) {
				continue
			}
			parts, ok := rowsAbove(rows, i)
			if !ok {
				continue
			}
			found := tableColumns(docs[di].Doc.Path, r, parts)
			// A row that sums the rows under it is a subtotal: left out
			// when that, and only that, makes the columns add up.
			if failed(found) {
				if less := withoutSubtotals(parts); len(less) < len(parts) && len(less) >= 2 {
					if alt := tableColumns(docs[di].Doc.Path, r, less); !failed(alt) {
						found = alt
					}
				}
			}
			out = append(out, found...)
		}
	}
	return out
}

// rowsAbove returns the rows that row i totals, top first, or false when
// the table's shape is not a plain one.
func rowsAbove(rows []tableRow, i int) ([]tableRow, bool) {
	k := len(rows[i].cells)
	var parts []tableRow
	for j := i - 1; j >= 0; j-- {
		r := rows[j]
		// A blank line stands between two tables (the readers set each
		// table apart): rows above it are another table's.
		if strings.Contains(rows[j+1].label, "\n\n") || len(r.cells) != k {
			return nil, false
		}
		header := isHeader(r.label)
		if header && isCategory(afterHeader(r.label)) || !header && isCategory(r.label) {
			return nil, false
		}
		parts = append([]tableRow{r}, parts...)
		if header {
			// The first row's label holds the header too.
			return parts, len(parts) >= 2
		}
	}
	return nil, false
}

// withoutSubtotals drops each row that is, in every column, the sum of the
// rows right under it (one or more: 3 年以上 over its only 3 至 4 年).
func withoutSubtotals(rows []tableRow) []tableRow {
	var out []tableRow
	for r := range rows {
		if !isSubtotal(rows, r) {
			out = append(out, rows[r])
		}
	}
	return out
}

func isSubtotal(rows []tableRow, r int) bool {
	for end := r + 2; end <= len(rows); end++ {
		all := true
		for c := range rows[r].cells {
			t, ok := newFigure(rows[r].cells[c])
			if !ok {
				return false
			}
			var under []*figure
			for _, u := range rows[r+1 : end] {
				g, ok := newFigure(u.cells[c])
				if !ok {
					return false
				}
				under = append(under, g)
			}
			lo, hi, _ := sum(under)
			if !(decSpan{lo, hi}).overlaps(decSpan{t.lo, t.hi}) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

func tableColumns(doc string, total tableRow, parts []tableRow) []Finding {
	var out []Finding
	for c := range total.cells {
		if f, ok := tableColumn(doc, total.cells[c], parts, c); ok {
			out = append(out, f)
		}
	}
	return out
}

func failed(fs []Finding) bool {
	for _, f := range fs {
		if !f.Passed {
			return true
		}
	}
	return false
}

func tableColumn(doc string, total store.FactRow, rows []tableRow, c int) (Finding, bool) {
	t, ok := newFigure(total)
	if !ok {
		return Finding{}, false
	}
	var pf []*figure
	for j := range rows {
		g, ok := newFigure(rows[j].cells[c])
		if !ok || !sameMeasure(g.row, total) {
			return Finding{}, false
		}
		pf = append(pf, g)
	}
	lo, hi, val := sum(pf)
	sumSpan, totSpan := decSpan{lo, hi}, decSpan{t.lo, t.hi}
	passed := sumSpan.overlaps(totSpan)
	verdict := "the total"
	if !passed {
		verdict = "but the total is"
	}
	f := Finding{
		Check: CheckTotal, Passed: passed, Document: doc, Page: total.Page, Sentence: total.Sentence,
		Detail: fmt.Sprintf("table column %d: rows add up to %s (%s), %s %s (%s)", c+1, plain(val), sumSpan, verdict, total.Value, totSpan),
	}
	f.FactKeys = append(f.FactKeys, total.Key)
	f.Figures = append(f.Figures, t.asFigure("total"))
	for _, g := range pf {
		f.FactKeys = append(f.FactKeys, g.row.Key)
		f.Figures = append(f.Figures, g.asFigure("part"))
	}
	return f, true
}
