package extractors

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
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

// tableValue is a cell read as a number.
type tableValue struct {
	kind   valueKind
	value  *apd.Decimal // signed, as printed (percent cells: the percent number)
	pct    bool         // printed with %
	places int          // decimal places printed
	// start and end are the cell's text without the blanks around it, in
	// code points from the cell's start.
	start, end int
}

type valueKind int

const (
	valueWords  valueKind = iota // words: a label, a header, a note
	valueNone                    // blank, -, —, 不适用: no figure
	valueNumber                  // a number, maybe with % or a sign
	valuePoints                  // 增加3.88个百分点
)

// tableNumber matches a numeric cell: an optional sign or parentheses, a
// number with or without thousands separators, an optional percent sign.
var tableNumber = regexp.MustCompile(`^([(（])?\s*([-－−–—+]?)\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*([)）])?\s*(%|％)?$`)

// tablePoints matches a change in percentage points written in a cell.
var tablePoints = regexp.MustCompile(`^(增加|减少|上升|下降|提高|降低|增长|下滑)?\s*([-－−]?)\s*(\d+(?:\.\d+)?)\s*个?百分点$`)

// emptyCells are the cells that hold no figure.
var emptyCells = map[string]bool{
	"": true, "-": true, "—": true, "－": true, "--": true, "——": true, "–": true, "―": true,
	"不适用": true, "/": true, "无": true, "N/A": true, "n/a": true, "NA": true, "*": true,
}

// readCell classifies a cell's text.
func readCell(s string) tableValue {
	trimmed := strings.TrimSpace(s)
	lead := utf8.RuneCountInString(s) - utf8.RuneCountInString(strings.TrimLeftFunc(s, unicode.IsSpace))
	v := tableValue{start: lead, end: lead + utf8.RuneCountInString(trimmed)}
	if emptyCells[trimmed] {
		v.kind = valueNone
		return v
	}
	if m := tableNumber.FindStringSubmatch(trimmed); m != nil {
		open, sign, intPart, frac, closing, pct := m[1], m[2], m[3], m[4], m[5], m[6]
		if (open == "") != (closing == "") {
			return v
		}
		d, _, err := apd.NewFromString(strings.ReplaceAll(intPart, ",", "") + frac)
		if err != nil {
			return v
		}
		if open != "" || sign != "" && sign != "+" {
			d.Negative = !d.IsZero()
		}
		v.kind, v.value, v.pct = valueNumber, d, pct != ""
		v.places = max(len(frac)-1, 0)
		return v
	}
	if m := tablePoints.FindStringSubmatch(trimmed); m != nil {
		d, _, err := apd.NewFromString(m[3])
		if err != nil {
			return v
		}
		switch m[1] {
		case "减少", "下降", "降低", "下滑":
			d.Negative = !d.IsZero()
		}
		if m[2] != "" {
			d.Negative = !d.IsZero()
		}
		v.kind, v.value = valuePoints, d
		if k := strings.IndexByte(m[3], '.'); k >= 0 {
			v.places = len(m[3]) - k - 1
		}
		// The figure's text is the points, as in prose (下降0.07个百分点):
		// the word of direction is its sign.
		if k := strings.IndexAny(trimmed, "-－−0123456789"); k > 0 {
			v.start += utf8.RuneCountInString(trimmed[:k])
		}
		return v
	}
	return v
}

// isYearCell reports a cell that is a bare year (2019): a header, not a
// figure.
func isYearCell(v tableValue, s string) bool {
	t := strings.TrimSpace(s)
	if v.kind != valueNumber || v.pct || len(t) != 4 {
		return false
	}
	y, err := strconv.Atoi(t)
	return err == nil && validYear(y)
}

// rowKind tells the rows of a table apart.
type rowKind int

const (
	rowHeader  rowKind = iota // names the columns below it
	rowSection                // a label alone: 分行业, 分产品
	rowBody                   // a label and figures
)

// column is what the header says of one grid column.
type column struct {
	header  string // the header cells over it, joined
	period  string // its time, "" if it names none
	change  bool   // a change on the year before: 增减, 同比, 变动
	pct     bool   // its figures are percents
	unit    string // the unit it names in brackets, "" if none
	measure string // what it measures beyond its time (营业收入, 占营业收入比重)
	book    string // the part of a book value it gives (账面余额, 坏账准备), "" if none
	skip    bool   // a note reference, a row number or a code: no figures
	// headStart and headEnd are the grid columns the lowest header cell
	// over this column spans: where a page's columns are cut finer than
	// its header, a figure's column is the one whose header it covers.
	headStart, headEnd int
}

// columnOf is the column of a figure's cell: of the grid columns it
// spans, the first whose header starts there and ends within the cell.
func columnOf(cols []column, c table.Cell) int {
	end := c.Col + max(c.ColSpan, 1)
	for k := c.Col; k < end && k < len(cols); k++ {
		if cols[k].headStart == k && cols[k].headEnd <= end {
			return k
		}
	}
	return c.Col
}

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

// tableInfo is what a table's context lines say of all its cells.
type tableInfo struct {
	caption     cellUnit // 单位：万元
	currency    string   // 币种：美元
	title       string   // the nearest line above that is not a caption
	subject     string   // what the title's table breaks down (营业收入构成 → 营业收入)
	year        int      // a year the title names (2019年分季度主要财务数据)
	aboutOthers bool     // the rows are other companies or people
	segments    bool     // the rows are segments of the business
}

// cellUnit is a unit a caption or bracket gives: a currency and scale,
// a percent, or a measure word.
type cellUnit struct {
	currency string // CNY, USD, …; "" when not money
	scale    int    // power of ten: 万元 → 4
	pct      bool
	word     string // a count's measure word (股, 人, 千克)
	per      string // a price per unit: 元/股 → 股
}

func (u cellUnit) known() bool {
	return u.currency != "" || u.pct || u.word != ""
}

// spanLabel is a label cell that spans rows, until the row before until.
type spanLabel struct {
	text  string
	until int
}

// codeLabels name rows of codes and numbers that are not quantities.
var codeLabels = []string{"邮政编码", "邮编", "代码", "电话", "传真", "号码", "账号", "证号", "编号", "网址"}

// codeLabel reports a row of codes: 公司注册地址的邮政编码 226371.
func codeLabel(label string) bool {
	for _, w := range codeLabels {
		if strings.Contains(label, w) {
			return true
		}
	}
	return false
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
				if u := unitOf(c.Text); u.known() {
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

// changeVote counts what the arithmetic of a change column's rows says
// its figures are: a column holds one kind of change, so the rows whose
// arithmetic is clear decide for those whose is not.
type changeVote struct {
	rate, points, amount int
	measure              string // the share whose points the column gives
}

func (cv changeVote) add(kind int, measure string) changeVote {
	switch kind {
	case changeRate:
		cv.rate++
	case changePoints:
		cv.points++
		if measure != "" {
			cv.measure = measure
		}
	case changeAmount:
		cv.amount++
	}
	return cv
}

// decided is the kind most of the column's clear rows show, or changeNone.
func (cv changeVote) decided() int {
	switch {
	case cv.rate > cv.points && cv.rate > cv.amount:
		return changeRate
	case cv.points > cv.rate && cv.points > cv.amount:
		return changePoints
	case cv.amount > cv.rate && cv.amount > cv.points:
		return changeAmount
	}
	return changeNone
}

// cellFact makes the fact of one numeric cell.
func (doc tableDoc) cellFact(t *text.Text, pc pendingCell, vote changeVote, info tableInfo) Fact {
	c, v, cols, rc, segment, others := pc.cell, pc.value, pc.cols, pc.row, pc.segment, pc.others
	col := cols[pc.col]
	f := Fact{Qualifier: QualExact, Entity: doc.self}
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
	case !counted && (moneyLabel(rc.metric) || moneyLabel(col.measure) || v.places == 2 && !unit.known()):
		// A report's amounts without a caption are yuan: a money word in
		// the label or the header, or cents printed.
		f.Kind, f.Unit, f.Rule = KindMoney, "CNY", "table.money_label"
	default:
		f.Kind, f.Rule = KindCount, "table.count"
	}
	keep := f.Kind == KindPercent || f.Kind == KindGrowth || f.Kind == KindPPChange
	f.Value = formatValue(value, keep)

	// What is measured, and whose.
	metric := rc.metric
	measure := col.measure

	switch {
	case others && rc.metric != "":
		// A row of another company measures what the column names; a
		// total of them is the company's own figure of that measure.
		if !totalLabel(rc.metric) {
			f.Entity = rc.metric
		}
		metric = measure
		if metric == "" || genericMeasure(metric) {
			metric = info.subject
		}
	case segment:
		if measure == "" && !rc.items {
			measure = info.subject
		}
		if measure != "" && !strings.Contains(metric, measure) {
			metric += measure
		}
	case measure != "" && !strings.Contains(metric, measure):
		metric += measure
	}
	if unit.per != "" && !strings.Contains(metric, "每"+unit.per) {
		metric = perUnitMetric(metric, unit.per)
	}

	// When: the column's time; in a table whose rows are times (期初余额,
	// 本期增加, 2015年) and whose columns are what is measured, the row's.
	f.Period = col.period
	if f.Period == "" && !col.change {
		if p, rest, ok := doc.labelPeriod(rc.metric, info); ok {
			f.Period = p
			// A table whose rows are times (期末余额, 本期增加) measures what
			// its columns name; a label that only opens with a time (本期
			// 费用化研发投入) stays the metric.
			if rest = specificMeasure(rest); utf8.RuneCountInString(rest) <= 4 {
				metric = col.measure + rest
			}
		}
	}
	if f.Period == "" {
		f.Period = doc.currentPeriod(cols, pc.col, info)
	}
	f.Metric = metric
	return f
}

// labelPeriod reads a row label that opens with a time (期末余额, 本期增加
// 金额, 2015年) and returns the time and the rest of the label.
func (doc tableDoc) labelPeriod(label string, info tableInfo) (period, rest string, ok bool) {
	p, rest := doc.headerPeriod(label, info)
	if p == "" {
		return "", "", false
	}
	// The time must open the label: 2015年分红 is a time, 应收2015年 is not.
	if strings.HasSuffix(label, rest) && strings.HasPrefix(label, rest) && rest != "" {
		return "", "", false
	}
	if !strings.HasSuffix(label, rest) {
		return "", "", false
	}
	return p, rest, true
}

// headerTimes are the dates and periods a header cell names (2019年,
// 2019年末, 第一季度): facts of their own, where the prose rules did not
// read them. Their Rule says so, and Extract keeps the prose rules'
// reading where both read one.
func (doc tableDoc) headerTimes(t *text.Text, c table.Cell, info tableInfo) []Fact {
	var out []Fact
	text := []rune(c.Text)
	for _, m := range headerTime.FindAllStringIndex(c.Text, -1) {
		s := utf8.RuneCountInString(c.Text[:m[0]])
		e := s + utf8.RuneCountInString(c.Text[m[0]:m[1]])
		p, _ := doc.headerPeriod(string(text[s:e]), info)
		if p == "" {
			continue
		}
		from, to, _ := strings.Cut(p, "..")
		if to == "" {
			to = from
		}
		f := Fact{Kind: KindDate, From: from, To: to, Period: p, Qualifier: QualExact, Rule: "table.header_date"}
		if from != to {
			f.Kind, f.Rule = KindPeriod, "table.header_period"
		}
		f.Start, f.End = c.Start+s, c.Start+e
		f.Text = t.RawString(f.Start, f.End)
		f.Page = t.Page(f.Start)
		out = append(out, f)
	}
	return out
}

// headerTime finds the times a header names.
var headerTime = regexp.MustCompile(`(?:19|20)\d\d\s*年(?:\s*\d{1,2}\s*月\s*\d{1,2}\s*日|度|末|初)?|第?[一二三四]季度`)

// proseCell reports a cell that holds sentences, not a label or a header:
// the prose rules read it.
func proseCell(s string) bool {
	return strings.ContainsAny(s, "。；;") || utf8.RuneCountInString(s) > 60
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

// scale multiplies a value by 10^p.
func scale(d *apd.Decimal, p int) {
	if p != 0 && !d.IsZero() {
		d.Exponent += int32(p)
	}
}

// The kinds of figure a change column holds.
const (
	changeNone   = iota
	changePoints // the difference of two percents: pp_change
	changeRate   // a growth rate in percent
	changeAmount // the difference of two amounts: of the row's own kind
)

// changeKind decides what a change cell is: by what the column names (毛
// 利率比上年增减 is the change of a rate), else by the row's arithmetic,
// else by what the column's other rows' arithmetic says, else by whether
// it is printed or headed in percent and whether the row's own figures
// are percents. For points of a share it also returns the share's name.
func changeKind(v tableValue, col column, cols []column, rc rowContext, vote changeVote) (int, string) {
	if rateWord(col.measure) {
		return changePoints, ""
	}
	if kind, measure := changeByArithmetic(v, cols, rc); kind != changeNone {
		return kind, measure
	}
	if kind := vote.decided(); kind != changeNone {
		return kind, vote.measure
	}
	switch {
	case rc.pct:
		return changePoints, ""
	case v.pct || col.pct || strings.Contains(col.header, "率") || strings.Contains(col.header, "幅"):
		return changeRate, ""
	}
	return changeAmount, ""
}

// changeByArithmetic tries each pair of a measure's figures for a year and
// the year before (金额 2019 and 2018, 比重 2019 and 2018): the pair whose
// arithmetic gives the printed change says what it is. changeNone when no
// pair does, or pairs disagree.
func changeByArithmetic(v tableValue, cols []column, rc rowContext) (int, string) {
	inPercent := v.pct
	tol := roundingTolerance(v.places)
	rate, points, amount := false, false, false
	measure := ""
	for _, p := range changeOperands(cols, rc) {
		diff := new(apd.Decimal)
		numeralCtx.Sub(diff, p.cur, p.prev)
		isDiff := within(diff, v.value, tol)
		isRate := false
		if !p.prev.IsZero() {
			r := new(apd.Decimal)
			numeralCtx.Quo(r, diff, new(apd.Decimal).Abs(p.prev))
			numeralCtx.Mul(r, r, apd.New(100, 0))
			isRate = within(r, v.value, tol)
		}
		switch {
		case isRate && !isDiff:
			rate = true
		case isDiff && !isRate && (p.pct || rc.pct):
			points = true
			if p.pct && !rc.pct {
				measure = p.measure
			}
		case isDiff && !isRate && !inPercent:
			amount = true
		}
	}
	switch {
	case rate && !points && !amount:
		return changeRate, ""
	case points && !rate:
		return changePoints, measure
	case amount && !rate:
		return changeAmount, ""
	}
	return changeNone, ""
}

// operands are two figures of one measure a year apart.
type operands struct {
	cur, prev *apd.Decimal
	pct       bool   // the figures are percents
	measure   string // what they measure
}

// changeOperands are the pairs of a row's figures that a change column may
// compare: one measure, a year and the year before.
func changeOperands(cols []column, rc rowContext) []operands {
	type fig struct {
		year int
		val  *apd.Decimal
		pct  bool
	}
	byMeasure := map[string][]fig{}
	for k, c := range rc.row.Cells {
		if c.Col >= len(cols) || rc.vals[k].kind != valueNumber {
			continue
		}
		col := cols[columnOf(cols, c)]
		if col.change {
			continue
		}
		if y := periodYear(col.period); y != 0 {
			byMeasure[col.measure] = append(byMeasure[col.measure], fig{y, rc.vals[k].value, rc.vals[k].pct || col.pct})
		}
	}
	measures := make([]string, 0, len(byMeasure))
	for m := range byMeasure {
		measures = append(measures, m)
	}
	sort.Strings(measures)
	var out []operands
	for _, m := range measures {
		figs := byMeasure[m]
		for _, a := range figs {
			for _, b := range figs {
				if b.year == a.year-1 {
					out = append(out, operands{cur: a.val, prev: b.val, pct: a.pct, measure: m})
				}
			}
		}
	}
	return out
}

// periodYear is the year a period starts in, 0 if none.
func periodYear(p string) int {
	if len(p) < 4 {
		return 0
	}
	y, err := strconv.Atoi(p[:4])
	if err != nil {
		return 0
	}
	return y
}

// roundingTolerance is half a unit of the last printed place, with a
// little more for the rounding of the operands.
func roundingTolerance(places int) *apd.Decimal {
	return apd.New(6, int32(-places-1))
}

func within(a, b, tol *apd.Decimal) bool {
	d := new(apd.Decimal)
	numeralCtx.Sub(d, a, b)
	d.Abs(d)
	return d.Cmp(tol) <= 0
}

// currentPeriod is the period of a column that names none: a change
// column's is that of the latest period column (the year it changed to),
// else the title's year or the report's.
func (doc tableDoc) currentPeriod(cols []column, col int, info tableInfo) string {
	if cols[col].change {
		best := ""
		for _, c := range cols {
			if !c.change && c.period != "" && c.period > best {
				best = c.period
			}
		}
		if len(best) >= 4 {
			// A change is over the year, of a flow or of a balance.
			return best[:4]
		}
	}
	if info.year != 0 {
		return strconv.Itoa(info.year)
	}
	if doc.reportYear != 0 {
		return strconv.Itoa(doc.reportYear)
	}
	return ""
}

// labelColumns are the grid columns of a table's row labels, first to
// last: the first column of words in the rows that hold figures (past a
// column of row numbers), and the columns of words after it where the one
// before is a hierarchy (分行业 over 成本构成项目: a label cell spans
// rows, and the next column names more things than it). last < first
// when no column holds labels: every column is a figure.
func labelColumns(tb *table.Table) (first, last int) {
	var body []table.Row
	for _, row := range tb.Rows {
		for _, c := range row.Cells {
			if v := readCell(c.Text); v.kind == valueNumber && !isYearCell(v, c.Text) || v.kind == valuePoints {
				body = append(body, row)
				break
			}
		}
	}
	type stats struct {
		words, numbers, spans int
		repeats               int // labels the same as the row before's
		distinct              map[string]bool
	}
	kind := func(col int) stats {
		st := stats{distinct: map[string]bool{}}
		last := ""
		for _, row := range body {
			c := row.Cell(col)
			if c == nil || c.Col != col {
				last = ""
				continue
			}
			switch v := readCell(c.Text); {
			case v.kind == valueWords:
				st.words++
				st.distinct[compact(c.Text)] = true
				if compact(c.Text) == last {
					st.repeats++
				}
				last = compact(c.Text)
			case v.kind == valueNumber && !isYearCell(v, c.Text):
				st.numbers++
			}
			if c.RowSpan > 1 {
				st.spans++
			}
		}
		return st
	}
	first = -1
	for col := 0; col < min(tb.Cols, 3); col++ {
		if st := kind(col); st.words > 0 && st.words >= st.numbers {
			first = col
			break
		}
	}
	if first < 0 {
		return 0, -1
	}
	last = first
	for col := first + 1; col < min(tb.Cols, first+3); col++ {
		prev, next := kind(col-1), kind(col)
		hierarchy := 2*prev.spans >= prev.words || 3*prev.repeats >= prev.words || namesItems(tb, col)
		if !hierarchy || next.words == 0 || next.numbers > 0 || unitsOnly(next.distinct) {
			break
		}
		last = col
	}
	return first, last
}

// namesItems reports a column headed 项目 (成本构成项目): the items of the
// row's segment.
func namesItems(tb *table.Table, col int) bool {
	for _, row := range tb.Rows {
		if c := row.Cell(col); c != nil && c.Col == col {
			h := compact(c.Text)
			if strings.HasSuffix(h, "项目") && utf8.RuneCountInString(h) <= 6 {
				return true
			}
			if readCell(c.Text).kind != valueWords {
				return false
			}
		}
	}
	return false
}

// unitsOnly reports a column whose words are all units (千克, 吨): a unit
// column, not labels.
func unitsOnly(words map[string]bool) bool {
	for w := range words {
		if !unitOf(w).known() {
			return false
		}
	}
	return len(words) > 0
}

// joinLabel joins the label cells of a row (a label over two columns: 其中 | 营业成本).
func joinLabel(a, b string) string {
	b = strings.TrimSpace(b)
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return a + b
}

// labelHeader is the header text over the label column.
func labelHeader(tb *table.Table, headerRows []int, labelCol int) string {
	var parts []string
	for _, r := range headerRows {
		if c := tb.Rows[r].Cell(labelCol); c != nil {
			parts = append(parts, strings.TrimSpace(c.Text))
		}
	}
	return strings.Join(parts, "")
}

// segmentHeads name rows that are segments of the business.
var segmentHeads = []string{"分行业", "分产品", "分地区", "分销售模式", "分业务", "分板块", "分渠道", "行业分类", "产品分类", "地区分类", "按行业", "按产品", "按地区"}

func isSegmentHead(s string) bool {
	s = compact(s)
	for _, w := range segmentHeads {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// compact removes the blanks of wrapped lines and the blanks around
// Chinese words, keeping one blank between Latin words (LIEN LOC PHAT).
func compact(s string) string {
	rs := []rune(strings.TrimSpace(s))
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		if !unicode.IsSpace(rs[i]) {
			out = append(out, rs[i])
			continue
		}
		j := i
		for j < len(rs) && unicode.IsSpace(rs[j]) {
			j++
		}
		if len(out) > 0 && j < len(rs) && isLatinWord(out[len(out)-1]) && isLatinWord(rs[j]) {
			out = append(out, ' ')
		}
		i = j - 1
	}
	return string(out)
}

func isLatinWord(r rune) bool {
	return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// labelNumbering is the numbering that opens a row label: 1、 (1) 一、 其中：
var labelNumbering = regexp.MustCompile(`^(?:[（(]?[0-9一二三四五六七八九十]{1,3}[)）、.．]\s*|其中[：:]?|减[：:]|加[：:]|[：:])+`)

// signNote is a statement's note on signs: （损失以“－”号填列）.
var signNote = regexp.MustCompile(`[（(][^（()）]*填列[)）]`)

// unitBracket is a unit in brackets at the end of a label or header:
// （元）, (%), （元/股）, （万元）.
var unitBracket = regexp.MustCompile(`[（(]\s*([^（()）]{1,8})\s*[)）]\s*$`)

// cleanLabel is a row label as a metric: blanks of wrapped lines,
// numbering and the unit in brackets removed.
func cleanLabel(s string) string {
	s = compact(s)
	s = signNote.ReplaceAllString(s, "")
	s = labelNumbering.ReplaceAllString(s, "")
	for {
		m := unitBracket.FindStringSubmatchIndex(s)
		if m == nil || m[0] == 0 || !unitOf(s[m[2]:m[3]]).known() {
			break
		}
		s = s[:m[0]]
	}
	// A label cut by a page break keeps its words, not a half bracket:
	// 计入当期损益的政府补助（与企业业务密.
	if k := strings.LastIndexAny(s, "（("); k > 0 && !strings.ContainsAny(s[k:], "）)") {
		s = s[:k]
	}
	return strings.TrimRight(s, "：:")
}

// bracketUnit is the unit a label or header names in brackets.
func bracketUnit(s string) cellUnit {
	m := unitBracket.FindStringSubmatch(compact(s))
	if m == nil {
		return cellUnit{}
	}
	return unitOf(m[1])
}

// moneyScales are the scales money and counts are given in.
var moneyScales = []struct {
	word  string
	scale int
}{{"百万", 6}, {"千万", 7}, {"万", 4}, {"千", 3}, {"亿", 8}, {"百", 2}}

// currencies by the word a caption uses.
var currencies = []struct{ word, code string }{
	{"人民币", "CNY"}, {"美元", "USD"}, {"港元", "HKD"}, {"港币", "HKD"}, {"欧元", "EUR"},
	{"日元", "JPY"}, {"英镑", "GBP"}, {"元", "CNY"},
}

// countWords are the measure words a table counts in.
var countWords = []string{"股", "人", "户", "家", "个", "项", "件", "台", "套", "吨", "千克", "公斤", "克", "头", "只", "羽",
	"平方米", "立方米", "千瓦时", "千瓦", "兆瓦", "辆", "次", "天", "张", "份", "篇", "箱", "瓶", "支", "盒", "片", "剂", "kg", "t"}

// unitOf reads a unit word: 元, 万元, 人民币元, %, 元/股, 万股, 千克.
func unitOf(s string) cellUnit {
	s = strings.TrimSpace(compact(s))
	s = strings.TrimPrefix(s, "单位")
	s = strings.TrimLeft(s, "：:")
	if s == "" {
		return cellUnit{}
	}
	if s == "%" || s == "％" || s == "百分比" {
		return cellUnit{pct: true}
	}
	var u cellUnit
	if k := strings.IndexAny(s, "/／"); k > 0 {
		_, size := utf8.DecodeRuneInString(s[k:])
		u.per = s[k+size:]
		s = s[:k]
		if u.per == "" {
			return cellUnit{}
		}
	}
	s = strings.TrimPrefix(s, "人民币")
	if u.per == "" {
		for _, w := range countWords {
			if s == w { // 千克 is a word, not a thousand 克
				u.word = w
				return u
			}
		}
	}
	for _, sc := range moneyScales {
		if rest, ok := strings.CutPrefix(s, sc.word); ok && rest != "" {
			u.scale = sc.scale
			s = rest
			break
		}
	}
	for _, c := range currencies {
		if s == c.word {
			u.currency = c.code
			return u
		}
	}
	if u.per != "" {
		return cellUnit{}
	}
	for _, w := range countWords {
		if s == w {
			u.word = w
			return u
		}
	}
	return cellUnit{}
}

// captionUnitRe reads 单位：万元 and currencyRe 币种：美元 in a context line.
var (
	captionUnitRe = regexp.MustCompile(`单位\s*[：:]\s*((?:人民币)?\s*(?:百万|千万|万|千|亿)?\s*(?:元|美元|港元|港币|欧元|日元|英镑|股|%|人|吨|千克))`)
	currencyRe    = regexp.MustCompile(`币种\s*[：:]\s*(人民币|美元|港元|港币|欧元|日元|英镑)`)
)

// info reads a table's context lines.
func (doc tableDoc) info(tb *table.Table) tableInfo {
	var info tableInfo
	for i := len(tb.Context) - 1; i >= 0; i-- {
		line := compact(tb.Context[i].Text)
		if m := captionUnitRe.FindStringSubmatch(line); m != nil && !info.caption.known() {
			info.caption = unitOf(m[1])
		}
		if m := currencyRe.FindStringSubmatch(line); m != nil && info.currency == "" {
			for _, c := range currencies {
				if c.word == m[1] {
					info.currency = c.code
					break
				}
			}
		}
		if info.title == "" && !captionUnitRe.MatchString(line) && !currencyRe.MatchString(line) && !applicability(line) {
			info.title = line
		}
	}
	// What the table breaks down is named by the nearest line that names
	// one (营业成本构成 above 行业和产品分类).
	for i := len(tb.Context) - 1; i >= 0 && info.subject == ""; i-- {
		info.subject = subjectOf(labelNumbering.ReplaceAllString(compact(tb.Context[i].Text), ""))
	}
	// The lines above may wrap the title, or put a sentence after it: the
	// kind of table is read from all of them.
	var all strings.Builder
	for _, l := range tb.Context {
		all.WriteString(compact(l.Text))
	}
	context := all.String()
	if m := yearInTitle.FindStringSubmatch(context); m != nil {
		info.year, _ = strconv.Atoi(m[1])
	}
	for _, w := range othersTitles {
		if strings.Contains(context, w) {
			info.aboutOthers = true
		}
	}
	if strings.Contains(context, "分行业") || strings.Contains(context, "分产品") || strings.Contains(context, "分地区") {
		info.segments = true
	}
	return info
}

// applicability is a line that says whether a section applies (√适用 □不适用).
func applicability(line string) bool {
	return strings.Contains(line, "适用") && utf8.RuneCountInString(line) <= 12
}

var yearInTitle = regexp.MustCompile(`((?:19|20)\d\d)\s*年(?:度)?(?:分季度|第|各季度)`)

// othersTitles name tables whose rows are other companies or people even
// where a page break has cut the header off.
var othersTitles = []string{"前十名股东", "前10名股东", "前十名无限售", "前10名无限售"}

// namesParties reports a label header naming other companies or people:
// 客户名称, 股东名称, 姓名, 被投资单位.
func namesParties(head string) bool {
	head = compact(head)
	for _, w := range []string{"客户名称", "供应商名称", "股东名称", "公司名称", "单位名称", "企业名称", "关联方名称", "子公司名称", "姓名", "被投资单位", "股东", "客户", "供应商"} {
		if strings.Contains(head, w) {
			return true
		}
	}
	return false
}

// totalLabel is a row of totals: its figures are the company's.
func totalLabel(label string) bool {
	return strings.HasPrefix(label, "合计") || strings.HasPrefix(label, "总计") || label == "小计"
}

// subjectOf is what a table's title breaks down: 营业收入构成 → 营业收入.
func subjectOf(title string) string {
	title = strings.TrimRight(title, "：:")
	for _, suf := range []string{"构成情况", "构成", "分析", "情况", "明细表", "明细"} {
		if s, ok := strings.CutSuffix(title, suf); ok && s != "" && utf8.RuneCountInString(s) <= 8 {
			return s
		}
	}
	return ""
}

// columns reads the header rows over the body rows that follow them.
func (doc tableDoc) columns(tb *table.Table, headerRows []int, info tableInfo) []column {
	cols := make([]column, tb.Cols)
	for col := range cols {
		var parts []string
		headStart, headEnd := col, col+1
		for _, r := range headerRows {
			c := tb.Rows[r].Cell(col)
			if c == nil {
				continue
			}
			headStart, headEnd = c.Col, c.Col+max(c.ColSpan, 1)
			s := compact(c.Text)
			if s != "" && (len(parts) == 0 || parts[len(parts)-1] != s) {
				parts = append(parts, s)
			}
		}
		cols[col] = doc.readColumn(strings.Join(parts, ""), info)
		cols[col].headStart, cols[col].headEnd = headStart, headEnd
	}
	for i := range cols {
		c := &cols[i]
		if c.change || c.skip {
			continue
		}
		// 库存量 in a year's column, or in a table of the year, is the
		// stock at the year's end; so is a book value.
		if stockWord(c.measure) || c.book != "" && c.book != "计提比例" {
			switch {
			case len(c.period) == 4:
				c.period += "-12-31"
			case c.period == "" && doc.currentPeriod(cols, i, info) != "":
				c.period = doc.currentPeriod(cols, i, info) + "-12-31"
			}
		}
		// 比例 after 期末持股数量 is at the same day.
		if c.period == "" && c.measure != "" {
			for j := i - 1; j >= 0; j-- {
				if p := cols[j].period; p != "" && !cols[j].change {
					if len(p) == 10 {
						c.period = p
					}
					break
				}
			}
		}
	}
	// Where a note gives several parts of a book value side by side, each
	// is part of what is measured (1至2年账面余额, 1至2年坏账准备).
	books := map[string]bool{}
	for _, c := range cols {
		if c.book != "" {
			books[c.book] = true
		}
	}
	for i := range cols {
		if len(books) > 1 && cols[i].measure == "" && cols[i].book != "" {
			cols[i].measure = cols[i].book
		}
	}
	// 比重增减 is the change of the share a column before names in full
	// (占总资产比例).
	for i := range cols {
		if !cols[i].change || !shareWord(cols[i].measure) {
			continue
		}
		for j := range cols {
			if !cols[j].change && cols[j].pct && cols[j].measure != cols[i].measure && sameShare(cols[j].measure, cols[i].measure) {
				cols[i].measure = cols[j].measure
				break
			}
		}
	}
	return cols
}

// stockWord names a quantity held on a day, not a flow over a period.
func stockWord(m string) bool {
	for _, w := range []string{"库存", "余额", "持股", "存量", "持有"} {
		if strings.Contains(m, w) {
			return true
		}
	}
	return false
}

// sameShare reports a share's full name and its short name: 占总资产比例
// and 比重 or 比例.
func sameShare(full, short string) bool {
	if strings.Contains(full, short) {
		return true
	}
	return (short == "比重" || short == "比例" || short == "占比") && shareWord(full)
}

// changeWords mark a column of changes on an earlier period.
var changeWords = []string{"增减", "同比", "比上年", "较上年", "比上期", "较上期", "比上年末", "较年初", "较期初", "增长率", "增幅", "变动比例", "变动幅度", "变动率", "变化率", "变化幅度"}

// skipHeads name columns without figures: note references, row numbers, codes.
var skipHeads = []string{"附注", "注释", "序号", "代码", "编号", "说明"}

// unitHead names a column that gives each row's unit (产销量: 单位 台).
func unitHead(h string) bool {
	h = compact(h)
	return h == "单位" || h == "计量单位"
}

// bookWords name the parts of a book value that notes give side by side.
var bookWords = []string{"账面余额", "账面价值", "账面原值", "坏账准备", "跌价准备", "减值准备", "累计折旧", "累计摊销", "计提比例"}

// genericHeads open or close a header without saying what its figures
// are; restated columns (调整前, 调整后) share their metric.
var (
	genericPrefixes = []string{"账面余额", "账面价值", "发生额", "金额", "余额", "数额", "调整前", "调整后", "重述后", "重述前", "累计数", "合计", "小计"}
	genericSuffixes = []string{"账面余额", "账面价值", "账面金额", "发生额", "调整前", "调整后", "重述前", "重述后"}
)

// specificMeasure is what a header names beyond its time and the generic
// words around it: 发生额收入 → 收入, 金额 → "".
func specificMeasure(m string) string {
	for changed := true; changed; {
		changed = false
		for _, g := range genericPrefixes {
			if r, ok := strings.CutPrefix(m, g); ok {
				m, changed = r, true
			}
		}
		for _, g := range genericSuffixes {
			if r, ok := strings.CutSuffix(m, g); ok {
				m, changed = r, true
			}
		}
	}
	if bareMeasures[m] {
		return ""
	}
	return m
}

func genericMeasure(m string) bool { return m != "" && specificMeasure(m) == "" }

// bareMeasures are headers' leftovers that name nothing: 期末数 → 数.
var bareMeasures = map[string]bool{"数": true, "额": true, "值": true, "数值": true, "数量": true, "金额": true, "余额": true}

// readColumn reads one column's header.
func (doc tableDoc) readColumn(h string, info tableInfo) column {
	c := column{header: h}
	for _, w := range skipHeads {
		if strings.Contains(h, w) {
			c.skip = true
			return c
		}
	}
	if m := unitBracket.FindStringSubmatchIndex(h); m != nil {
		if u := unitOf(h[m[2]:m[3]]); u.known() {
			c.unit = h[m[2]:m[3]]
			c.pct = u.pct
			h = h[:m[0]] + h[m[1]:]
		}
	}
	if isChangeHeader(h) {
		c.change = true
		c.measure = specificMeasure(changeSubject(h))
		return c
	}
	period, rest := doc.headerPeriod(h, info)
	c.period = period
	rest = strings.Trim(rest, "：: ")
	for _, w := range bookWords {
		if strings.HasSuffix(rest, w) {
			c.book = w
		}
	}
	c.measure = specificMeasure(rest)
	if bareMeasures[c.measure] {
		c.measure = ""
	}
	if shareWord(c.measure) {
		c.pct = true
	}
	return c
}

// isChangeHeader reports a header of changes on an earlier period:
// 本年比上年增减, 同比变动, 增长率; not 本次变动前 (a level before a change).
func isChangeHeader(h string) bool {
	for _, w := range changeWords {
		if strings.Contains(h, w) {
			return true
		}
	}
	return false
}

// shareWord names a share of a whole or a rate: its figures are percents.
func shareWord(m string) bool {
	for _, w := range []string{"比重", "占比", "比例", "百分比", "毛利率", "净利率", "收益率", "增长率"} {
		if strings.Contains(m, w) {
			return true
		}
	}
	return false
}

// rateWord names a rate, whose change is in points.
func rateWord(m string) bool {
	return shareWord(m) || strings.HasSuffix(m, "率") && !strings.HasSuffix(m, "比率")
}

// ratePercent reports a row label naming a rate printed in percent
// (资产负债率, 加权平均净资产收益率); ratios (流动比率) and turnovers are
// plain numbers.
func ratePercent(label string) bool {
	return shareWord(label) || strings.HasSuffix(label, "率") && !strings.HasSuffix(label, "比率") && !strings.HasSuffix(label, "周转率")
}

// changeSubject is what a change header is the change of: the words
// before its change word (营业收入比上年同期增减 → 营业收入), "" when it
// names nothing.
func changeSubject(m string) string {
	for _, w := range []string{"比上年", "较上年", "比上期", "较上期", "较年初", "较期初", "同比", "增减", "变动", "增长率", "增幅", "变化", "本期", "本年", "本报告期"} {
		if k := strings.Index(m, w); k >= 0 {
			m = m[:k]
		}
	}
	return m
}

// headerPeriod reads the time a column header names and returns it with
// the rest of the header.
func (doc tableDoc) headerPeriod(h string, info tableInfo) (period, rest string) {
	year := info.year
	if year == 0 {
		year = doc.reportYear
	}
	if m := headerDate.FindStringSubmatchIndex(h); m != nil {
		y, _ := strconv.Atoi(h[m[2]:m[3]])
		mo, _ := strconv.Atoi(h[m[4]:m[5]])
		d, _ := strconv.Atoi(h[m[6]:m[7]])
		if validYear(y) && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 {
			return isoDay(y, mo, d), monthsInBrackets.ReplaceAllString(h[:m[0]]+h[m[1]:], "")
		}
	}
	if m := headerQuarter.FindStringSubmatchIndex(h); m != nil {
		q := quarterNumber(h[m[2]:m[3]])
		if y := yearBefore(h, m[0]); y != 0 {
			year = y
		}
		if q > 0 && year != 0 {
			return quarterSpan(year, q), monthsInBrackets.ReplaceAllString(yearsOut(h[:m[0]]+h[m[1]:]), "")
		}
	}
	if m := headerYear.FindStringSubmatchIndex(h); m != nil {
		y, _ := strconv.Atoi(h[m[2]:m[3]])
		if validYear(y) {
			tail := h[m[3]:]
			before, after := h[:m[2]], stripPeriodWords(h[m[1]:])
			switch {
			case balanceEnd(tail):
				return isoDay(y, 12, 31), before + after
			case balanceStart(tail):
				return isoDay(y, 1, 1), before + after
			}
			return strconv.Itoa(y), before + after
		}
	}
	if year != 0 {
		for _, rp := range relativePeriods {
			if strings.Contains(h, rp.word) {
				y := year + rp.years
				p := strconv.Itoa(y)
				if rp.balance {
					p = isoDay(y, 12, 31)
				}
				// 报告期内从公司获得的报酬: the 内 goes with the time.
				before, after, _ := strings.Cut(strings.Replace(h, rp.word+"内", rp.word, 1), rp.word)
				after = stripPeriodWords(after)
				if strings.HasPrefix(after, "数占") || strings.HasPrefix(after, "额占") {
					after = after[len("数"):] // 期末数占总资产的比例
				}
				return p, before + after
			}
		}
	}
	return "", monthsInBrackets.ReplaceAllString(h, "")
}

// yearsOut removes the years of a header.
func yearsOut(h string) string { return headerYear.ReplaceAllString(h, "") }

// relativePeriods are the times headers give relative to the report's
// year, longest first within each meaning.
var relativePeriods = []struct {
	word    string
	years   int
	balance bool
}{
	{"上年年末", -1, true}, {"上年末", -1, true}, {"上期期末", -1, true}, {"期初", -1, true}, {"年初", -1, true},
	{"本期期末", 0, true}, {"本报告期末", 0, true}, {"本期末", 0, true}, {"报告期末", 0, true}, {"期末", 0, true}, {"年末", 0, true},
	{"上年同期", -1, false}, {"上期", -1, false}, {"上年度", -1, false}, {"上年", -1, false}, {"去年同期", -1, false},
	{"本报告期", 0, false}, {"报告期", 0, false}, {"本期", 0, false}, {"本年度", 0, false}, {"本年", 0, false}, {"当期", 0, false},
}

var (
	headerDate    = regexp.MustCompile(`((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	headerYear    = regexp.MustCompile(`((?:19|20)\d\d)\s*(?:年度|年)?`)
	headerQuarter = regexp.MustCompile(`(?:第)?([一二三四1-4])季度`)
)

// balanceEnd and balanceStart read what follows a year: 2019年末, 2019年初.
func balanceEnd(tail string) bool {
	tail = strings.TrimPrefix(strings.TrimPrefix(tail, "年度"), "年")
	return strings.HasPrefix(tail, "末") || strings.HasPrefix(tail, "期末") || strings.HasPrefix(tail, "年末") || strings.HasPrefix(tail, "12月31日")
}

func balanceStart(tail string) bool {
	tail = strings.TrimPrefix(strings.TrimPrefix(tail, "年度"), "年")
	return strings.HasPrefix(tail, "初") || strings.HasPrefix(tail, "期初") || strings.HasPrefix(tail, "1月1日")
}

// stripPeriodWords takes what is left of a time off the words after it:
// 年末, 度, 末 after a year; months in brackets.
func stripPeriodWords(s string) string {
	s = monthsInBrackets.ReplaceAllString(s, "")
	for _, w := range []string{"年度", "年末", "年初", "期末", "期初", "年", "末", "初", "度"} {
		s = strings.TrimPrefix(s, w)
	}
	return strings.TrimSpace(s)
}

var monthsInBrackets = regexp.MustCompile(`[（(]\s*\d{1,2}\s*[-－—至~]\s*\d{1,2}\s*月份?\s*[)）]`)

func quarterNumber(s string) int {
	switch s {
	case "一", "1":
		return 1
	case "二", "2":
		return 2
	case "三", "3":
		return 3
	case "四", "4":
		return 4
	}
	return 0
}

// yearBefore is a year written before offset at in h (2019年第一季度).
func yearBefore(h string, at int) int {
	m := headerYear.FindAllStringSubmatchIndex(h[:at], -1)
	if len(m) == 0 {
		return 0
	}
	last := m[len(m)-1]
	y, _ := strconv.Atoi(h[last[2]:last[3]])
	if !validYear(y) {
		return 0
	}
	return y
}

func quarterSpan(year, q int) string {
	return isoMonth(year, 3*q-2) + ".." + isoMonth(year, 3*q)
}

func isoMonth(y, m int) string { return strconv.Itoa(y) + "-" + twoDigits(m) }

func isoDay(y, m, d int) string { return isoMonth(y, m) + "-" + twoDigits(d) }

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// rowPrintsPercent reports a row whose figures in period columns are all
// printed with %.
func rowPrintsPercent(rc rowContext, cols []column, labelCol int) bool {
	pct, plain := 0, 0
	for k, c := range rc.row.Cells {
		if c.Col <= labelCol || c.Col >= len(cols) || cols[columnOf(cols, c)].change || rc.vals[k].kind != valueNumber {
			continue
		}
		if rc.vals[k].pct {
			pct++
		} else {
			plain++
		}
	}
	return pct > 0 && plain == 0
}

// countLabel reports a label or header naming a number of things.
func countLabel(s string) bool {
	for _, w := range []string{"数量", "人数", "个数", "次数", "家数", "户数", "员工", "人员", "年龄", "股数", "持股数"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// moneyLabelWords name amounts of money in a label.
var moneyLabelWords = []string{"额", "收入", "成本", "利润", "资产", "负债", "金额", "费用", "现金", "权益", "资本", "收益", "款", "损益", "投资", "支出", "价", "税", "存货", "商誉", "借款", "股本", "公积", "净额", "余额"}

func moneyLabel(label string) bool {
	if label == "" {
		return false
	}
	for _, w := range moneyLabelWords {
		if strings.Contains(label, w) {
			return true
		}
	}
	return false
}
