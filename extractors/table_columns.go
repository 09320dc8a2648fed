package extractors

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"reportfacts/pipeline/table"
	"reportfacts/pipeline/text"
)

// Columns of tables: what their headers say of time, measure and unit.

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
		f := Fact{Kind: KindDate, From: from, To: to, Qualifier: QualExact, Rule: "table.header_date"}
		setPeriod(&f, p, "period.table_header")
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
		g := 4 // 2019年12月31日, else 2019.12.31
		if m[4] < 0 {
			g = 8
		}
		mo, _ := strconv.Atoi(h[m[g]:m[g+1]])
		d, _ := strconv.Atoi(h[m[g+2]:m[g+3]])
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
	headerDate    = regexp.MustCompile(`((?:19|20)\d\d)\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[./-](\d{1,2})[./-](\d{1,2}))`)
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

var monthsInBrackets = regexp.MustCompile(`[（(]?\s*\d{1,2}\s*[-－—–至~]\s*\d{1,2}\s*月份?\s*[)）]?`)

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
