package extractors

import (
	"strings"
	"unicode/utf8"

	"github.com/cockroachdb/apd/v3"

	"reportfacts/pipeline/table"
	"reportfacts/pipeline/text"
)

// The table rule of FACTS.md: every numeric cell of a table is a fact. Its
// metric is the row label (with the column's measure where the rows are
// segments), its period the column's time, its entity the company whose
// report it is unless the table is about others, its kind and unit from
// the column, the row and the caption. The readers give the table's
// structure (pipeline/table); this file gives it meaning.

// tableDoc is what the table rule knows of the document.
type tableDoc struct {
	self       string // the company the document is of, "" if none
	reportYear int    // the year the report is of, 0 if unknown
}

// rowKind tells the rows of a table apart.
type rowKind int

const (
	rowHeader  rowKind = iota // names the columns below it
	rowSection                // a label alone: 分行业, 分产品
	rowBody                   // a label and figures
)

// span is a stretch [start, end) of the raw text.
type span struct{ start, end int }

// tableFacts returns the facts of the numeric cells of tables, and the
// spans of the cells whose words are not prose: labels and headers.
func tableFacts(t *text.Text, tables []table.Table, doc tableDoc) (facts []Fact, labels []span) {
	var prev *tableInfo
	for i := range tables {
		info := doc.info(&tables[i])
		if info.title == "" && prev != nil {
			// Tables one after another under one heading (行业分类, then
			// 产品分类 under 营业成本构成) share it.
			info.title, info.subject, info.segments = prev.title, prev.subject, prev.segments || info.segments
		}
		f, l := doc.facts(t, &tables[i], info)
		facts = append(facts, f...)
		labels = append(labels, l...)
		prev = &info
	}
	return facts, labels
}

// rowContext is what one body row says of its cells.
type rowContext struct {
	row    table.Row
	vals   []tableValue
	label  string   // the label as written
	metric string   // the label as a metric
	unit   cellUnit // the unit the label names
	pct    bool     // the row's figures are percents
	items  bool     // the label names an item of a segment (医药行业 原料成本)
	own    bool     // the label spans the columns: their headers do not apply
}

// facts reads one table.
func (doc tableDoc) facts(t *text.Text, tb *table.Table, info tableInfo) ([]Fact, []span) {
	firstLabel, labelCol := labelColumns(tb)
	vals := make([][]tableValue, len(tb.Rows))
	kinds := make([]rowKind, len(tb.Rows))
	for r, row := range tb.Rows {
		vals[r] = make([]tableValue, len(row.Cells))
		numbers, words := 0, 0
		for k, c := range row.Cells {
			v := readCell(c.Text)
			vals[r][k] = v
			if c.Col <= labelCol {
				continue
			}
			switch {
			case isYearCell(v, c.Text) || v.kind == valueWords:
				words++
			case v.kind == valueNumber || v.kind == valuePoints:
				numbers++
			}
		}
		switch {
		case numbers > 0:
			kinds[r] = rowBody
		case words > 0:
			kinds[r] = rowHeader
		default:
			kinds[r] = rowSection
		}
	}

	// A table without figures is a layout of words (a form, a boxed
	// paragraph): the prose rules read it all.
	hasBody := false
	for _, k := range kinds {
		hasBody = hasBody || k == rowBody
	}
	if !hasBody {
		return nil, nil
	}
	var facts []Fact
	var labels []span
	// label marks a cell the table rule speaks for: a header or a label,
	// not a cell of prose.
	label := func(c table.Cell) {
		if !proseCell(c.Text) {
			labels = append(labels, span{c.Start, c.End})
		}
	}
	var cols []column
	var headerRows []int
	var pending []pendingCell
	votes := map[[2]int]changeVote{}
	block := 0
	spanning := map[int]spanLabel{} // label cells that span rows, by column
	others := info.aboutOthers      // the rows are other companies or people
	newHeader := false
	segment := info.segments
	for r, row := range tb.Rows {
		if kinds[r] == rowHeader && cols != nil && !headsFigures(tb, kinds, vals, r) {
			// Words without figures between rows of figures that stand
			// over none of the next row's figures (a second duty under a
			// name that spans two rows) head nothing.
			kinds[r] = rowSection
		}
		switch kinds[r] {
		case rowHeader:
			if !newHeader {
				headerRows = headerRows[:0]
			}
			newHeader = true
			headerRows = append(headerRows, r)
			for _, c := range row.Cells {
				label(c)
				if !proseCell(c.Text) {
					facts = append(facts, doc.headerTimes(t, c, info)...)
				}
			}
			continue
		case rowSection:
			for _, c := range row.Cells {
				label(c)
				if isSegmentHead(c.Text) {
					segment = true
				}
			}
			continue
		}
		if newHeader || cols == nil {
			cols = doc.columns(tb, headerRows, info)
			block++
			head := labelHeader(tb, headerRows, firstLabel)
			if isSegmentHead(head) {
				segment = true
			}
			others = info.aboutOthers || namesParties(head)
			newHeader = false
		}
		rc := rowContext{row: row, vals: vals[r], items: labelCol > firstLabel}
		// A label that spans into the figures' columns (同行业平均研发投入金额
		// over two columns, its figure over three) says alone what its
		// figure is: the headers over those columns are other rows'.
		if c := row.Cell(firstLabel); c != nil && c.Col+max(c.ColSpan, 1)-1 > labelCol && labelCol >= 0 {
			rc.own = true
			for k, v := range row.Cells {
				if (vals[r][k].kind == valueNumber || vals[r][k].kind == valuePoints) && v.ColSpan < 2 {
					rc.own = false
				}
			}
		}
		for col := firstLabel; col <= labelCol; col++ {
			c := row.Cell(col)
			if c == nil {
				// Covered by a label that spans rows from above, or, in a
				// column that heads others, blank under its label (also
				// where a page break cut the spanning cell).
				if sl, ok := spanning[col]; ok && (sl.until > r || col < labelCol) {
					rc.label = joinLabel(rc.label, sl.text)
				}
				continue
			}
			if c.Col+max(c.ColSpan, 1)-1 < col || c.Col < col && col > firstLabel {
				continue // already joined as the cell of an earlier column
			}
			rc.label = joinLabel(rc.label, c.Text)
			if c.RowSpan > 1 || col < labelCol {
				spanning[col] = spanLabel{text: c.Text, until: r + max(c.RowSpan, 1)}
			}
		}
		if cleanLabel(rc.label) == "" || emptyCells[strings.TrimSpace(rc.label)] {
			// 合计 in the row-number column, -- under the names.
			rc.label = ""
			for _, c := range row.Cells {
				if c.Col < firstLabel && readCell(c.Text).kind == valueWords {
					rc.label = joinLabel(rc.label, c.Text)
				}
			}
		}
		for _, c := range row.Cells {
			if c.Col <= labelCol {
				label(c)
			}
		}
		if codeLabel(rc.label) {
			continue
		}
		rc.unit = bracketUnit(rc.label)
		for _, c := range row.Cells {
			if k := columnOf(cols, c); k < len(cols) && unitHead(cols[k].header) {
				if u := columnUnit(c.Text); u.known() {
					rc.unit = u
				}
			}
		}
		rc.metric = cleanLabel(rc.label)
		rc.pct = rc.unit.pct || ratePercent(rc.metric) || rowPrintsPercent(rc, cols, labelCol)
		for k, c := range row.Cells {
			v := rc.vals[k]
			if c.Col <= labelCol || c.Col >= len(cols) || v.kind != valueNumber && v.kind != valuePoints {
				continue
			}
			ci := columnOf(cols, c)
			if cols[ci].skip {
				continue
			}
			pc := pendingCell{cell: c, value: v, col: ci, cols: cols, row: rc, segment: segment, others: others, block: block}
			if cols[ci].change && v.kind == valueNumber {
				kind, measure := changeByArithmetic(v, cols, rc)
				votes[[2]int{block, ci}] = votes[[2]int{block, ci}].add(kind, measure)
			}
			pending = append(pending, pc)
		}
	}
	for _, pc := range pending {
		facts = append(facts, doc.cellFact(t, pc, votes[[2]int{pc.block, pc.col}], info))
	}
	return facts, labels
}

// headsFigures reports whether header row r stands over a figure of the
// next row of figures: a header in the middle of a table (2020年末 over
// the balances) heads the columns whose figures follow.
func headsFigures(tb *table.Table, kinds []rowKind, vals [][]tableValue, r int) bool {
	next := r + 1
	for next < len(tb.Rows) && kinds[next] != rowBody {
		next++
	}
	if next == len(tb.Rows) {
		return false
	}
	for _, h := range tb.Rows[r].Cells {
		if strings.TrimSpace(h.Text) == "" {
			continue
		}
		for k, c := range tb.Rows[next].Cells {
			if vals[next][k].kind != valueNumber && vals[next][k].kind != valuePoints {
				continue
			}
			if c.Col < h.Col+max(h.ColSpan, 1) && h.Col < c.Col+max(c.ColSpan, 1) {
				return true
			}
		}
	}
	return false
}

// pendingCell is a figure of a table waiting for the votes of its column.
type pendingCell struct {
	cell            table.Cell
	value           tableValue
	col             int // its column in cols
	cols            []column
	row             rowContext
	segment, others bool
	block           int // which header block its columns come from
}

// cellFact makes the fact of one numeric cell.
func (doc tableDoc) cellFact(t *text.Text, pc pendingCell, vote changeVote, info tableInfo) Fact {
	c, v, cols, rc, segment, others := pc.cell, pc.value, pc.cols, pc.row, pc.segment, pc.others
	col := cols[pc.col]
	if rc.own {
		col = column{}
	}
	f := Fact{Qualifier: QualExact}
	setEntity(&f, doc.self, "entity.table_self")
	f.Start, f.End = c.Start+v.start, c.Start+v.end
	f.Text = t.RawString(f.Start, f.End)
	f.Page = t.Page(f.Start)
	f.Sentence = rowSentence(rc.row)
	value := new(apd.Decimal).Set(v.value)

	// The row's unit, else the column's, else the caption's.
	colUnit := unitOf(col.unit)
	unit := rc.unit
	if !unit.known() {
		unit = colUnit
	}
	counted := countLabel(rc.metric) || countLabel(col.measure)
	if !unit.known() && !(counted && info.caption.currency != "") &&
		(col.measure == "" || moneyLabel(rc.metric) || moneyLabel(col.measure) || info.caption.currency == "") {
		// A caption's unit is the table's, but not a column's that says
		// what else it counts (年龄 beside 报酬 in 万元).
		unit = info.caption
	}
	if info.currency != "" && unit.currency != "" {
		unit.currency = info.currency
	}

	change := changeNone
	if col.change {
		var shareMeasure string
		change, shareMeasure = changeKind(v, col, cols, rc, vote)
		if change == changePoints && shareMeasure != "" {
			col.measure = shareMeasure // 人工成本占营业成本比重 went up 1.86 points
		}
		if change == changeAmount {
			// An amount of change is measured as its header says (报告期
			// 内增减), over the period, not on its last day.
			col.measure = specificMeasure(unitBracket.ReplaceAllString(col.header, ""))
		}
	}
	switch {
	case v.kind == valuePoints:
		f.Kind, f.Unit, f.Rule = KindPPChange, "pp", "table.points"
	case change == changePoints:
		f.Kind, f.Unit, f.Rule = KindPPChange, "pp", "table.change_points"
	case change == changeRate:
		f.Kind, f.Unit, f.Basis, f.Rule = KindGrowth, "%", BasisYoY, "table.change"

	case v.pct || col.pct || rc.pct || unit.pct:
		f.Kind, f.Unit, f.Rule = KindPercent, "%", "table.percent"
	case unit.currency != "":
		f.Kind, f.Unit, f.Rule = KindMoney, unit.currency, "table.money"
		scale(value, unit.scale)
	case unit.word != "":
		f.Kind, f.Unit, f.Rule = KindCount, unit.word, "table.count"
		scale(value, unit.scale)
	case !counted && (moneyLabel(rc.metric) || moneyLabel(col.measure) || v.places == 2 && !unit.known() && doc.reportYear != 0):
		// A company's report's amounts without a caption are yuan: a money
		// word in the label or the header, or cents printed (a research
		// report's 1.25 is a ratio).
		f.Kind, f.Unit, f.Rule = KindMoney, "CNY", "table.money_label"
	default:
		f.Kind, f.Rule = KindCount, "table.count"
	}
	keep := f.Kind == KindPercent || f.Kind == KindGrowth || f.Kind == KindPPChange
	f.Value = formatValue(value, keep)

	// What is measured, and whose.
	metric, metricRule := rc.metric, ruleOf(rc.metric, "metric.table_row_label")
	measure := col.measure
	// addMeasure appends the column's measure to the row's label.
	addMeasure := func(rule string) {
		metric += measure
		metricRule = amendedRule(metric, metricRule, rule)
	}

	switch {
	case others && rc.metric != "" && !rc.own:
		// A row of another company measures what the column names; a
		// total of them is the company's own figure of that measure.
		if !totalLabel(rc.metric) {
			setEntity(&f, rc.metric, "entity.table_peer_row")
		}
		metric, metricRule = measure, "metric.table_column_measure"
		if metric == "" || genericMeasure(metric) {
			metric, metricRule = info.subject, "metric.table_subject"
		}
	case segment:
		rule := "metric.table_column_measure"
		if measure == "" && !rc.items {
			measure, rule = info.subject, "metric.table_subject"
		}
		if measure != "" && !strings.Contains(metric, measure) {
			addMeasure(rule)
		}
	case measure != "" && !strings.Contains(metric, measure):
		addMeasure("metric.table_column_measure")
	}
	if unit.per != "" && !strings.Contains(metric, "每"+unit.per) {
		if m := perUnitMetric(metric, unit.per); m != metric {
			metric, metricRule = m, amendedRule(m, metricRule, "metric.per_unit")
		}
	}

	// When: the column's time; in a table whose rows are times (期初余额,
	// 本期增加, 2015年) and whose columns are what is measured, the row's.
	setPeriod(&f, col.period, "period.table_column")
	if f.Period == "" && !col.change {
		if p, rest, ok := doc.labelPeriod(rc.metric, info); ok {
			setPeriod(&f, p, "period.table_row_label")
			// A table whose rows are times (期末余额, 本期增加) measures what
			// its columns name; a label that only opens with a time (本期
			// 费用化研发投入) stays the metric.
			if rest = specificMeasure(rest); utf8.RuneCountInString(rest) <= 4 {
				metric, metricRule = col.measure+rest, "metric.table_time_row"
			}
		}
	}
	if f.Period == "" {
		setPeriod(&f, doc.currentPeriod(cols, pc.col, info), "period.table_current")
	}
	setMetric(&f, metric, metricRule)
	return f
}

// rowSentence is a row's cells joined, as the sentence of its facts.
func rowSentence(row table.Row) string {
	parts := make([]string, 0, len(row.Cells))
	for _, c := range row.Cells {
		if s := strings.TrimSpace(c.Text); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " | ")
}
