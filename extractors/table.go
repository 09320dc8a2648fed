package extractors

import (
	"regexp"
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
	skip    bool   // a note reference, a row number or a code: no figures
}

// span is a stretch [start, end) of the raw text.
type span struct{ start, end int }

// tableFacts returns the facts of the numeric cells of tables, and the
// spans of the cells whose words are not prose: labels and headers.
func tableFacts(t *text.Text, tables []table.Table, doc tableDoc) (facts []Fact, labels []span) {
	for i := range tables {
		f, l := doc.facts(t, &tables[i])
		facts = append(facts, f...)
		labels = append(labels, l...)
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

// rowContext is what one body row says of its cells.
type rowContext struct {
	row    table.Row
	vals   []tableValue
	label  string   // the label as written
	metric string   // the label as a metric
	unit   cellUnit // the unit the label names
	pct    bool     // the row's figures are percents
}

// facts reads one table.
func (doc tableDoc) facts(t *text.Text, tb *table.Table) ([]Fact, []span) {
	info := doc.info(tb)
	labelCol := labelColumn(tb)
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

	var facts []Fact
	var labels []span
	var cols []column
	var headerRows []int
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
				labels = append(labels, span{c.Start, c.End})
			}
			continue
		case rowSection:
			for _, c := range row.Cells {
				labels = append(labels, span{c.Start, c.End})
				if isSegmentHead(c.Text) {
					segment = true
				}
			}
			continue
		}
		if newHeader || cols == nil {
			cols = doc.columns(tb, headerRows, info)
			if isSegmentHead(labelHeader(tb, headerRows, labelCol)) {
				segment = true
			}
			newHeader = false
		}
		rc := rowContext{row: row, vals: vals[r]}
		for _, c := range row.Cells {
			if c.Col <= labelCol {
				rc.label = joinLabel(rc.label, c.Text)
				labels = append(labels, span{c.Start, c.End})
			}
		}
		rc.unit = bracketUnit(rc.label)
		rc.metric = cleanLabel(rc.label)
		rc.pct = rc.unit.pct || ratePercent(rc.metric) || rowPrintsPercent(rc, cols, labelCol)
		for k, c := range row.Cells {
			v := rc.vals[k]
			if c.Col <= labelCol || c.Col >= len(cols) || v.kind != valueNumber && v.kind != valuePoints {
				continue
			}
			col := cols[c.Col]
			if col.skip {
				continue
			}
			facts = append(facts, doc.cellFact(t, c, v, col, cols, rc, segment, info))
		}
	}
	return facts, labels
}

// cellFact makes the fact of one numeric cell.
func (doc tableDoc) cellFact(t *text.Text, c table.Cell, v tableValue, col column, cols []column, rc rowContext, segment bool, info tableInfo) Fact {
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
	if !unit.known() {
		unit = info.caption
	}
	if info.currency != "" && unit.currency != "" {
		unit.currency = info.currency
	}

	switch {
	case v.kind == valuePoints:
		f.Kind, f.Unit, f.Rule = KindPPChange, "pp", "table.points"
	case col.change:
		if changeInPoints(v, col, cols, rc) {
			f.Kind, f.Unit, f.Rule = KindPPChange, "pp", "table.change_points"
		} else {
			f.Kind, f.Unit, f.Basis, f.Rule = KindGrowth, "%", BasisYoY, "table.change"
		}
	case v.pct || col.pct || rc.pct || unit.pct:
		f.Kind, f.Unit, f.Rule = KindPercent, "%", "table.percent"
	case unit.currency != "":
		f.Kind, f.Unit, f.Rule = KindMoney, unit.currency, "table.money"
		scale(value, unit.scale)
	case unit.word != "":
		f.Kind, f.Unit, f.Rule = KindCount, unit.word, "table.count"
		scale(value, unit.scale)
	case moneyLabel(rc.metric) || moneyLabel(col.measure):
		f.Kind, f.Unit, f.Rule = KindMoney, "CNY", "table.money_label"
	default:
		f.Kind, f.Rule = KindCount, "table.count"
	}
	keep := f.Kind == KindPercent || f.Kind == KindGrowth || f.Kind == KindPPChange
	f.Value = formatValue(value, keep)

	// What is measured, and whose.
	metric := rc.metric
	measure := col.measure
	if f.Kind == KindGrowth || f.Kind == KindPPChange {
		measure = changeSubject(col)
	}
	switch {
	case info.aboutOthers && rc.metric != "":
		f.Entity = rc.metric
		metric = measure
		if metric == "" || genericMeasure(metric) {
			metric = info.subject
		}
	case segment:
		if measure == "" || genericMeasure(measure) {
			measure = info.subject
		}
		if measure != "" && !strings.Contains(metric, measure) {
			metric += measure
		}
	}
	if unit.per != "" && !strings.Contains(metric, "每"+unit.per) {
		metric = perUnitMetric(metric, unit.per)
	}
	f.Metric = metric

	// When.
	f.Period = col.period
	if f.Period == "" {
		f.Period = doc.currentPeriod(cols, c.Col, info)
	}
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

// scale multiplies a value by 10^p.
func scale(d *apd.Decimal, p int) {
	if p != 0 && !d.IsZero() {
		d.Exponent += int32(p)
	}
}

// changeInPoints decides whether a change cell is a difference of two
// percents (percentage points) rather than a growth rate: by what the
// column names, else by the row's arithmetic where its two years are
// there, else by whether the row's figures are percents.
func changeInPoints(v tableValue, col column, cols []column, rc rowContext) bool {
	if rateWord(changeSubject(col)) {
		return true // 毛利率比上年增减: the change of a rate
	}
	cur, prev := changeOperands(cols, rc)
	if cur != nil && prev != nil {
		diff := new(apd.Decimal)
		numeralCtx.Sub(diff, cur, prev)
		tol := roundingTolerance(v.places)
		points := within(diff, v.value, tol)
		growth := false
		if !prev.IsZero() {
			rate := new(apd.Decimal)
			numeralCtx.Quo(rate, diff, new(apd.Decimal).Abs(prev))
			numeralCtx.Mul(rate, rate, apd.New(100, 0))
			growth = within(rate, v.value, tol)
		}
		if points != growth {
			return points
		}
	}
	return rc.pct
}

// changeOperands are the figures of a row's current and previous period
// columns, the two a change column compares, or nil.
func changeOperands(cols []column, rc rowContext) (cur, prev *apd.Decimal) {
	var years []int
	var values []*apd.Decimal
	for k, c := range rc.row.Cells {
		if c.Col >= len(cols) || cols[c.Col].change || rc.vals[k].kind != valueNumber {
			continue
		}
		if y := periodYear(cols[c.Col].period); y != 0 {
			years = append(years, y)
			values = append(values, rc.vals[k].value)
		}
	}
	for i := range years {
		for j := range years {
			if years[j] == years[i]-1 && cur == nil {
				cur, prev = values[i], values[j]
			}
		}
	}
	return cur, prev
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
		if best != "" {
			return best
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

// labelColumn is the grid column of a table's row labels: the first column
// whose cells are words, past a column of row numbers.
func labelColumn(tb *table.Table) int {
	for col := 0; col < min(tb.Cols, 3); col++ {
		words, numbers := 0, 0
		for _, row := range tb.Rows {
			c := row.Cell(col)
			if c == nil || c.Col != col {
				continue
			}
			switch v := readCell(c.Text); {
			case v.kind == valueWords:
				words++
			case v.kind == valueNumber && !isYearCell(v, c.Text):
				numbers++
			}
		}
		if words > 0 && words >= numbers {
			return col
		}
	}
	return 0
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

// compact removes the blanks of wrapped lines.
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// labelNumbering is the numbering that opens a row label: 1、 (1) 一、 其中：
var labelNumbering = regexp.MustCompile(`^(?:[（(]?[0-9一二三四五六七八九十]{1,3}[)）、.．]\s*|其中[：:]?|减[：:]|加[：:]|[：:])+`)

// unitBracket is a unit in brackets at the end of a label or header:
// （元）, (%), （元/股）, （万元）.
var unitBracket = regexp.MustCompile(`[（(]\s*([^（()）]{1,8})\s*[)）]\s*$`)

// cleanLabel is a row label as a metric: blanks of wrapped lines,
// numbering and the unit in brackets removed.
func cleanLabel(s string) string {
	s = compact(s)
	s = labelNumbering.ReplaceAllString(s, "")
	for {
		m := unitBracket.FindStringSubmatchIndex(s)
		if m == nil || m[0] == 0 || !unitOf(s[m[2]:m[3]]).known() {
			break
		}
		s = s[:m[0]]
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
	title := labelNumbering.ReplaceAllString(info.title, "")
	info.subject = subjectOf(title)
	if m := yearInTitle.FindStringSubmatch(title); m != nil {
		info.year, _ = strconv.Atoi(m[1])
	}
	for _, w := range othersTitles {
		if strings.Contains(title, w) {
			info.aboutOthers = true
		}
	}
	if strings.Contains(title, "分行业") || strings.Contains(title, "分产品") || strings.Contains(title, "分地区") {
		info.segments = true
	}
	return info
}

// applicability is a line that says whether a section applies (√适用 □不适用).
func applicability(line string) bool {
	return strings.Contains(line, "适用") && utf8.RuneCountInString(line) <= 12
}

var yearInTitle = regexp.MustCompile(`((?:19|20)\d\d)\s*年(?:度)?(?:分季度|第|各季度)`)

// othersTitles name tables whose rows are other companies or people.
var othersTitles = []string{"前五名客户", "前五名供应商", "主要客户", "主要供应商", "主要控股参股公司", "控股子公司", "参股公司", "主要子公司",
	"前十名股东", "前10名股东", "前十名无限售", "前10名无限售", "股东持股", "董事、监事", "董事和高级管理人员", "关联方", "关联交易"}

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
		for _, r := range headerRows {
			c := tb.Rows[r].Cell(col)
			if c == nil {
				continue
			}
			s := compact(c.Text)
			if s != "" && (len(parts) == 0 || parts[len(parts)-1] != s) {
				parts = append(parts, s)
			}
		}
		cols[col] = doc.readColumn(strings.Join(parts, ""), info)
	}
	return cols
}

// changeWords mark a column of changes on the year before.
var changeWords = []string{"增减", "变动", "增长率", "同比", "比上年", "较上年", "变化", "增幅"}

// skipHeads name columns without figures: note references, row numbers, codes.
var skipHeads = []string{"附注", "注释", "序号", "代码", "编号", "说明"}

// genericMeasures name a column's figures without saying what they are.
var genericMeasures = []string{"金额", "数额", "发生额", "余额", "本期", "上期", "合计", "小计", "期末", "期初", "本年", "上年", "数", "额"}

func genericMeasure(m string) bool {
	for _, g := range genericMeasures {
		if m == g {
			return true
		}
	}
	return false
}

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
	for _, w := range changeWords {
		if strings.Contains(h, w) {
			c.change = true
			break
		}
	}
	period, rest := doc.headerPeriod(h, info)
	if !c.change {
		c.period = period
	}
	c.measure = strings.Trim(rest, "：: ")
	if !c.change && shareWord(c.measure) {
		c.pct = true
	}
	return c
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

// changeSubject is what a change column is the change of: the words
// before its change word (营业收入比上年同期增减 → 营业收入), "" when it
// names nothing.
func changeSubject(c column) string {
	m := c.measure
	for _, w := range []string{"比上年", "较上年", "同比", "增减", "变动", "增长率", "增幅", "变化", "本期", "本年"} {
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
			return isoDay(y, mo, d), stripPeriodWords(h[:m[0]] + h[m[1]:])
		}
	}
	if m := headerQuarter.FindStringSubmatchIndex(h); m != nil {
		q := quarterNumber(h[m[2]:m[3]])
		if y := yearBefore(h, m[0]); y != 0 {
			year = y
		}
		if q > 0 && year != 0 {
			return quarterSpan(year, q), stripPeriodWords(yearsOut(h[:m[0]] + h[m[1]:]))
		}
	}
	if m := headerYear.FindStringSubmatchIndex(h); m != nil {
		y, _ := strconv.Atoi(h[m[2]:m[3]])
		if validYear(y) {
			tail := h[m[3]:]
			rest := h[:m[0]] + h[m[1]:]
			switch {
			case balanceEnd(tail):
				return isoDay(y, 12, 31), stripPeriodWords(rest)
			case balanceStart(tail):
				return isoDay(y, 1, 1), stripPeriodWords(rest)
			}
			return strconv.Itoa(y), stripPeriodWords(rest)
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
				return p, stripPeriodWords(strings.Replace(h, rp.word, "", 1))
			}
		}
	}
	return "", stripPeriodWords(h)
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

// stripPeriodWords leaves what a header measures once its time is taken
// out.
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
		if c.Col <= labelCol || c.Col >= len(cols) || cols[c.Col].change || rc.vals[k].kind != valueNumber {
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

// moneyLabelWords name amounts of money in a label.
var moneyLabelWords = []string{"收入", "成本", "利润", "资产", "负债", "金额", "费用", "现金", "权益", "资本", "收益", "款", "损益", "投资", "支出", "价", "税", "存货", "商誉", "借款", "股本", "公积", "净额", "余额"}

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
