package extractors

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ymd is a partial calendar date: m and d are zero when not given.
type ymd struct{ y, m, d int }

// String formats the date as FACTS.md wants it: YYYY, YYYY-MM or YYYY-MM-DD.
func (v ymd) String() string {
	switch {
	case v.m == 0:
		return fmt.Sprintf("%04d", v.y)
	case v.d == 0:
		return fmt.Sprintf("%04d-%02d", v.y, v.m)
	}
	return fmt.Sprintf("%04d-%02d-%02d", v.y, v.m, v.d)
}

// before reports whether v starts before w, comparing only what both give.
func (v ymd) before(w ymd) bool {
	if v.y != w.y {
		return v.y < w.y
	}
	if v.m == 0 || w.m == 0 || v.m != w.m {
		return v.m < w.m
	}
	return v.d < w.d
}

// timeSpan is one date or period found at a position of the clean text.
type timeSpan struct {
	start, end int // clean-text span, end exclusive
	from, to   ymd
	rule       string
	// explicit is set when the text itself names the year (not inherited
	// from the paragraph or the document, nor relative like 今年).
	explicit bool
	// noYear is set when the span needs a year that nothing supplies; the
	// text is consumed but yields no fact.
	noYear bool
}

// dateScanner holds the state of one scanDates pass.
type dateScanner struct {
	clean   []rune
	limit   int // end of the current sentence
	ctxYear int // nearest explicit year before, in this paragraph; 0 if none
	docYear int // the document's own year; 0 if unknown
	// reportYear is the year a report's title names (2016年年度报告, out
	// in 2017): the year of its quarters and months; 0 if none.
	reportYear int
	// last is the span of the last date or period of the paragraph, which
	// 上年同期 names a year earlier; its end is 0 when there is none.
	last timeSpan
	// docDay is the document's own date; its m and d are zero when the
	// document date does not give them. Days and months relative to the
	// document (周一, 昨日, 上个月) are read against it only: without it they
	// are left out, never guessed.
	docDay ymd
	// ctxMonth is the month of the last date of the paragraph that names
	// one (9月18日, 8月): a bare day (于19日) is of that month. m is zero
	// when none.
	ctxMonth ymd
}

// scanDates finds the date and period facts of the clean text. A date or
// period without a year takes the nearest explicit year before it in the
// same paragraph, else the year the report's title names, else the year of
// opts.DocumentDate (or of a dateline), else it is left out.
func scanDates(clean []rune, sents []sentence, opts Options) []candidate {
	out, err := scanDatesContext(context.Background(), clean, sents, opts)
	if err != nil {
		panic(err) // a background context is never done
	}
	return out
}

// scanDatesContext is scanDates that stops with the context's error when
// ctx is done.
func scanDatesContext(ctx context.Context, clean []rune, sents []sentence, opts Options) ([]candidate, error) {
	sc := dateScanner{clean: clean, docYear: documentYear(opts.DocumentDate), reportYear: titleYear(clean, sents), docDay: documentDay(opts.DocumentDate)}
	if sc.docYear == 0 {
		sc.docYear = datelineYear(clean, sents)
	}
	if sc.docYear == 0 && sc.reportYear == 0 {
		sc.docYear = latestDayYear(clean, sents)
	}
	var out []candidate
	para := -1
	headers := runningHeaders(clean, sents)
	stop := canceller{ctx: ctx}
	for _, s := range sents {
		if s.paragraph != para {
			para = s.paragraph
			sc.ctxYear = 0
			sc.ctxMonth = ymd{}
			sc.last = timeSpan{}
		}
		if headers[s.paragraph] {
			continue
		}
		sc.limit = s.end
		for i := s.start; i < s.end; {
			if err := stop.check(i); err != nil {
				return nil, err
			}
			if !mayStartDate(clean[i]) {
				i++
				continue
			}
			ts, ok := sc.at(i)
			if !ok {
				i++
				continue
			}
			i = ts.end
			if ts.noYear || inTitle(clean, ts.start, ts.end) || namesMeeting(clean, ts.end) {
				continue
			}
			if ts.explicit && !sc.isReference(ts) {
				sc.ctxYear = ts.to.y
			}
			if ts.rule != ruleSameLastYear && !sc.isReference(ts) {
				sc.last = ts
				if ts.to.m != 0 {
					sc.ctxMonth = ymd{y: ts.to.y, m: ts.to.m}
				}
			}
			out = append(out, ts.candidate())
		}
	}
	return out, nil
}

// meetings are named by the year they review (2018 年度股东大会, 2021年度
// 业绩发布会): the name of a meeting dates no figure.
var meetings = []string{"股东大会", "股东会", "业绩发布会", "业绩说明会", "发布会", "说明会", "工作会议", "年会"}

// namesMeeting reports a date ending at end that a meeting's name goes on
// from.
func namesMeeting(clean []rune, end int) bool {
	for end < len(clean) && isSpace(clean[end]) {
		end++
	}
	rest := string(clean[end:min(len(clean), end+6)])
	for _, m := range meetings {
		if strings.HasPrefix(rest, m) {
			return true
		}
	}
	return false
}

// maxTitle bounds how far a title mark is looked for around a date.
const maxTitle = 60

// inTitle reports a span inside the title of a work (《保险科技“十四五”发展
// 规划》, 《2024年上半年货币政策执行报告》): it names the work, it dates no
// figure.
func inTitle(clean []rune, start, end int) bool {
	open := false
	for k := start - 1; k >= 0 && k >= start-maxTitle; k-- {
		if clean[k] == '》' || clean[k] == '\n' {
			return false
		}
		if clean[k] == '《' {
			open = true
			break
		}
	}
	if !open {
		return false
	}
	for k := end; k < len(clean) && k < end+maxTitle; k++ {
		switch clean[k] {
		case '》':
			return true
		case '《', '\n':
			return false
		}
	}
	return false
}

// The shape of a running header: a short paragraph printed again and
// again (公司 2016 年年度报告全文 on every page) that cleaning left in.
const (
	maxHeaderRunes  = 60
	minHeaderRepeat = 3
)

// runningHeaders marks the paragraphs that are running headers: the same
// short text at least minHeaderRepeat times. Their dates are no facts.
func runningHeaders(clean []rune, sents []sentence) map[int]bool {
	texts := map[int]string{}
	runes := map[int]int{} // a paragraph's runes so far: a long one is no header
	for _, s := range sents {
		if runes[s.paragraph] += s.end - s.start; runes[s.paragraph] > maxHeaderRunes {
			delete(texts, s.paragraph)
			continue
		}
		texts[s.paragraph] += string(clean[s.start:s.end])
	}
	count := map[string]int{}
	for _, t := range texts {
		if n := len([]rune(t)); n > 4 && n <= maxHeaderRunes {
			count[t]++
		}
	}
	out := map[int]bool{}
	for p, t := range texts {
		if count[t] >= minHeaderRepeat {
			out[p] = true
		}
	}
	return out
}

// mayStartDate reports the runes a date or period can start with, so that
// the scanner tries its forms only there.
func mayStartDate(r rune) bool {
	if isDigit(r) || cnDigit(r) >= 0 {
		return true
	}
	switch r {
	case '十', '今', '去', '明', '前', '本', '上', '下', '第', 'Q', '年', '周', '星', '昨', '这':
		return true
	}
	return false
}

// isReference reports a year named as a point of comparison or a start
// (较2020年, 2020年以来), which does not date the months after it.
func (sc *dateScanner) isReference(ts timeSpan) bool {
	for _, w := range []string{"较", "比", "相比", "自", "从"} {
		if n := len([]rune(w)); ts.start >= n && string(sc.clean[ts.start-n:ts.start]) == w {
			return true
		}
	}
	return sc.has(ts.end, "以来") || sc.has(ts.end, "至今")
}

// candidate turns a found span into a date or period candidate.
func (ts timeSpan) candidate() candidate {
	c := candidate{cs: ts.start, ce: ts.end}
	c.From, c.To = ts.from.String(), ts.to.String()
	c.Kind = KindPeriod
	setPeriod(&c.Fact, c.From+".."+c.To, "period.date_itself")
	if c.From == c.To {
		c.Kind = KindDate
		setPeriod(&c.Fact, c.From, "period.date_itself")
	}
	c.Rule = ts.rule
	return c
}

// datelineLimit is how far into a document its dateline may stand.
const datelineLimit = 300

// datelineYear is the year of a full date (year, month and day) in the
// first lines of a document, its dateline or dated title, or else the
// year a report's title names (2019年年度报告, 2021年半年度报告), or 0. It
// stands in for the document's date when the reader found none.
func datelineYear(clean []rune, sents []sentence) int {
	full, titled := firstYears(clean, sents)
	if full != 0 {
		return full
	}
	return titled
}

// latestDayYear is the year of the latest full date (2022年2月25日) of
// a document without a date, dateline or titled year, or 0: a text
// dates the events it reports to the day, and forecasts seldom so, so
// its latest day is the nearest the text comes to its own date.
func latestDayYear(clean []rune, sents []sentence) int {
	sc := dateScanner{clean: clean}
	latest := 0
	for _, s := range sents {
		sc.limit = s.end
		for i := s.start; i < s.end; i++ {
			if !isDigit(clean[i]) || i > 0 && isDigit(clean[i-1]) {
				continue
			}
			y, end, _, ok := sc.year(i, sc.r(i-1))
			if !ok || y <= latest {
				continue
			}
			if ts, ok := sc.yearLed(i, y, end, true); ok && ts.rule == "date.ymd" {
				latest = y
			}
		}
	}
	return latest
}

// titleYear is the year a report's title names in its first lines
// (2016 年年度报告), or 0.
func titleYear(clean []rune, sents []sentence) int {
	_, titled := firstYears(clean, sents)
	return titled
}

// firstYears reads the first lines of a document for the year of its
// first full date and the year its title names.
func firstYears(clean []rune, sents []sentence) (full, titled int) {
	sc := dateScanner{clean: clean}
	for _, s := range sents {
		if s.start >= datelineLimit {
			break
		}
		sc.limit = s.end
		for i := s.start; i < s.end && i < datelineLimit; i++ {
			y, end, _, ok := sc.year(i, sc.r(i-1))
			if !ok {
				continue
			}
			ts, ok := sc.yearLed(i, y, end, true)
			if ok && full == 0 && ts.rule == "date.ymd" {
				full = ts.from.y
			}
			if ok && titled == 0 && ts.rule == "date.y" && sc.namesReport(sc.skipSp(ts.end)) {
				titled = y
			}
		}
	}
	return full, titled
}

// namesReport reports a report's kind at i: 年度报告, 年报, 半年度报告, 季度报告.
func (sc *dateScanner) namesReport(i int) bool {
	for _, w := range []string{"年度报告", "年报", "报告", "半年度报告", "半年报", "第一季度报告", "第三季度报告"} {
		if sc.has(i, w) {
			return true
		}
	}
	return false
}

// documentYear is the year of a YYYY[-MM[-DD]] date, or 0.
func documentYear(date string) int {
	if len(date) < 4 {
		return 0
	}
	y, err := strconv.Atoi(date[:4])
	if err != nil || !validYear(y) {
		return 0
	}
	return y
}

func validYear(y int) bool { return y >= 1900 && y <= 2100 }

// rune access that is safe past the sentence end.
func (sc *dateScanner) r(i int) rune {
	if i < 0 || i >= sc.limit {
		return 0
	}
	return sc.clean[i]
}

// has reports whether the text at i starts with s.
func (sc *dateScanner) has(i int, s string) bool {
	for _, want := range s {
		if sc.r(i) != want {
			return false
		}
		i++
	}
	return true
}

// skipSp skips the blanks a layout may leave between parts of a date.
func (sc *dateScanner) skipSp(i int) int {
	for n := 0; n < 2 && (sc.r(i) == ' ' || sc.r(i) == '\u3000'); n++ {
		i++
	}
	return i
}

// isCnNumeral reports the characters of Chinese numerals, so that a date
// word is not read out of a longer number.
func isCnNumeral(r rune) bool {
	return (cnDigit(r) >= 0 && !isASCIILetter(r)) || r == '十' || r == '百' || r == '千' || r == '万' || r == '亿'
}

// digits reads up to max ASCII digits at i; n is how many were read.
func (sc *dateScanner) digits(i, max int) (v, n int) {
	for n < max && isDigit(sc.r(i+n)) {
		v = v*10 + int(sc.r(i+n)-'0')
		n++
	}
	return v, n
}

// small reads a number 1..31 at i, in Arabic digits (not more than two) or
// Chinese numerals (一 … 三十一); end is after it, ok false when none.
func (sc *dateScanner) small(i int) (v, end int, ok bool) {
	if v, n := sc.digits(i, 3); n > 0 {
		if n > 2 || v == 0 {
			return 0, i, false
		}
		return v, i + n, true
	}
	d := cnDigit(sc.r(i))
	if d == 0 || isASCIILetter(sc.r(i)) {
		return 0, i, false
	}
	switch {
	case sc.r(i) == '十':
		if u := cnDigit(sc.r(i + 1)); u > 0 {
			return 10 + u, i + 2, true
		}
		return 10, i + 1, true
	case d > 0 && sc.r(i+1) == '十':
		if u := cnDigit(sc.r(i + 2)); u > 0 {
			return d*10 + u, i + 3, true
		}
		return d * 10, i + 2, true
	case d > 0:
		return d, i + 1, true
	}
	return 0, i, false
}

// isConnector reports the marks that join the two ends of a range.
func isConnector(r rune) bool {
	switch r {
	case '-', '—', '–', '－', '~', '～', '〜', '至', '到', '‐', '−':
		return true
	}
	return false
}

// ruleSameLastYear is the rule of 上年同期: the paragraph's last span, a
// year earlier.
const ruleSameLastYear = "period.same_last_year"

// reportOrDocYear is the year the report's title names, else the
// document's own; 0 if neither is known.
func (sc *dateScanner) reportOrDocYear() int {
	if sc.reportYear > 0 {
		return sc.reportYear
	}
	return sc.docYear
}

// at tries every date form at i.
func (sc *dateScanner) at(i int) (timeSpan, bool) {
	prev := sc.r(i - 1)
	if i > 0 {
		prev = sc.clean[i-1]
	}
	if sc.has(i, "上年同期") || sc.has(i, "去年同期") {
		ts := timeSpan{start: i, end: i + 4, noYear: true}
		// After 较 (较上年同期增加) it is still a date: the basis the
		// growth is measured against, which the attribution leaves out of
		// the figures' period.
		basisOK := prev != '比' && prev != '与'
		if basisOK && sc.last.end > 0 && sc.last.from.y > 0 {
			// 上半年…,上年同期亏损6.37亿元: the same span a year before.
			ts.from, ts.to = sc.last.from, sc.last.to
			ts.from.y--
			ts.to.y--
			ts.rule, ts.noYear = ruleSameLastYear, false
		} else if base := sc.reportOrDocYear(); basisOK && base > 0 {
			// With no span before it, the year before the report's (a 2020
			// annual report published in 2021 compares with 2019), else
			// before the document's.
			ts.from, ts.to = ymd{y: base - 1}, ymd{y: base - 1}
			ts.rule, ts.noYear = ruleSameLastYear, false
		}
		return ts, true
	}
	if ts, ok := sc.relativeDay(i, prev); ok {
		return ts, true
	}
	if sc.r(i) == '年' {
		return sc.yearEdge(i, prev)
	}
	if y, end, explicit, ok := sc.year(i, prev); ok {
		return sc.yearLed(i, y, end, explicit)
	}
	if isDigit(prev) || prev == '.' || isASCIILetter(prev) {
		return timeSpan{}, false
	}
	if ts, ok := sc.fiveYearPlan(i, prev); ok {
		return ts, true
	}
	if isCnNumeral(prev) || prev == '第' && !sc.has(i, "季") {
		return timeSpan{}, false
	}
	if prev == '年' && isDigit(sc.r(i)) {
		// 21年9月, 康熙20年9月: the month of a year not read; no other
		// year is its own.
		return timeSpan{}, false
	}
	// Forms without a year take the paragraph's, the report's or the
	// document's.
	y := sc.fallbackYear()
	ts, ok := sc.afterYear(i, i, y)
	if !ok || ts.rule == "date.y" {
		return timeSpan{}, false
	}
	if isCnNumeral(sc.r(i)) && ts.rule != "period.quarter" && ts.rule != "period.half" && ts.rule != "date.quarter_end" {
		// A Chinese-numeral month without a year (三月) is too often a
		// duration or part of a name to be trusted.
		return timeSpan{}, false
	}
	ts.noYear = y == 0
	if sc.has(ts.end, "合约") || sc.has(ts.end, "期货") {
		ts.noYear = true // 美油9月合约: the name of a contract, not a date
	}
	return sc.extendRange(ts), true
}

// fallbackYear is the year a form without one takes: the paragraph's, else
// the report's, else the document's; 0 when none is known.
func (sc *dateScanner) fallbackYear() int {
	for _, y := range []int{sc.ctxYear, sc.reportYear, sc.docYear} {
		if y != 0 {
			return y
		}
	}
	return 0
}

// yearWordHeads are the characters that make a word of 年 (每年, 当年,
// 近年, 半年, 全年, 周年, 年度): after them 年末 and 年底 are not the edge
// of the year in view. After any other character, the end of a subject
// (主体结构年底已完成封顶), they are.
const yearWordHeads = "每当近往历周多新全半上下去今明前后本该次翌首末青少老成元纪学财同逐隔数常终长经"

// yearEdge reads 年初, 年末 and 年底 standing alone (较年初增加7,008项): the
// start or end of the paragraph's year, else the report's or the
// document's. After a year, a month or a word of time (今年, 上年末) they
// belong to the form that reads them.
func (sc *dateScanner) yearEdge(i int, prev rune) (timeSpan, bool) {
	if isDigit(prev) || isCnNumeral(prev) || strings.ContainsRune(yearWordHeads, prev) {
		return timeSpan{}, false
	}
	y := sc.fallbackYear()
	if y == 0 {
		return timeSpan{}, false
	}
	switch {
	case sc.has(i, "年初"):
		return timeSpan{start: i, end: i + 2, from: ymd{y, 1, 1}, to: ymd{y, 1, 1}, rule: "date.year_start"}, true
	case sc.has(i, "年末") || sc.has(i, "年底"):
		return timeSpan{start: i, end: i + 2, from: ymd{y, 12, 31}, to: ymd{y, 12, 31}, rule: "date.year_end"}, true
	}
	return timeSpan{}, false
}

// year reads a year at i: four ASCII digits (1900–2100), four
// Chinese-numeral digits followed by 年, or a year relative to the
// document (今年, 去年, 明年, 前年). end is after the year's 年 when it has
// one, else after its digits.
func (sc *dateScanner) year(i int, prev rune) (y, end int, explicit, ok bool) {
	if isDigit(sc.r(i)) {
		if isDigit(prev) || isASCIILetter(prev) || prev == '.' || prev == ',' && isDigit(sc.r(i-2)) {
			return 0, 0, false, false // inside a longer number: 1,2021 or 3.2021
		}
		v, n := sc.digits(i, 5)
		if n != 4 || !validYear(v) {
			return 0, 0, false, false
		}
		j := sc.skipSp(i + 4)
		if sc.r(j) == '年' {
			return v, j + 1, true, true
		}
		return v, i + 4, true, true
	}
	if cnDigit(sc.r(i)) >= 0 && !isASCIILetter(sc.r(i)) && !isCnNumeral(prev) {
		v := 0
		for k := 0; k < 4; k++ {
			d := cnDigit(sc.r(i + k))
			if d < 0 || isASCIILetter(sc.r(i+k)) || sc.r(i+k) == '两' {
				return 0, 0, false, false
			}
			v = v*10 + d
		}
		if sc.r(i+4) == '年' && validYear(v) {
			return v, i + 5, true, true
		}
		return 0, 0, false, false
	}
	// 今年 and its kin count from the document's own year only: the
	// paragraph's last year is as often a forecast or a reporting year.
	// Without it they still consume what follows (今年2月), as year 0.
	base := sc.docYear
	switch {
	case sc.has(i, "今年"):
		return base, i + 2, false, true
	case sc.has(i, "去年"):
		if prev == '比' || prev == '较' {
			return 0, 0, false, false // a growth basis, not a date
		}
		return relative(base, -1), i + 2, false, true
	case sc.has(i, "明年"):
		return relative(base, 1), i + 2, false, true
	case sc.has(i, "上年") && strings.ContainsRune("末底初", sc.r(i+2)):
		// 上年末: the end of the year before the report's.
		if sc.reportYear > 0 {
			base = sc.reportYear
		}
		return relative(base, -1), i + 2, false, true
	case sc.has(i, "前年") && prev != '以' && prev != '之' && sc.r(i+2) != '度':
		// 以前年度 is the years before, not the year before last.
		return relative(base, -2), i + 2, false, true
	}
	return 0, 0, false, false
}

// relative is the year off years from base, or 0 when base is unknown.
func relative(base, off int) int {
	if base == 0 {
		return 0
	}
	return base + off
}

// yearLed reads what follows a year read at [i, end).
func (sc *dateScanner) yearLed(i, y, end int, explicit bool) (timeSpan, bool) {
	var ts timeSpan
	if sc.r(end-1) == '年' {
		ts, _ = sc.afterYear(i, end, y)
	} else {
		var ok bool
		ts, ok = sc.bareYear(i, end, y)
		if !ok {
			return timeSpan{}, false
		}
	}
	ts.explicit = explicit
	ts.noYear = y == 0
	return sc.extendRange(ts), true
}

// bareYear reads the forms where a year has no 年: 2021-07-15, 2021/7/15,
// 2021.07.15, 2021/7, 2021-07, 2021Q1, 2021H1, and the first year of a
// range 2019-2021年.
func (sc *dateScanner) bareYear(i, end, y int) (timeSpan, bool) {
	ts := timeSpan{start: i, end: end, from: ymd{y: y}, to: ymd{y: y}, rule: "date.y"}
	switch sep := sc.r(end); {
	case sep == '-' || sep == '/' || sep == '.':
		m, n := sc.digits(end+1, 3)
		if n == 0 || n > 2 || m < 1 || m > 12 {
			break
		}
		k := end + 1 + n
		if sc.r(k) == sep {
			d, dn := sc.digits(k+1, 3)
			after := sc.r(k + 1 + dn)
			if dn > 0 && dn <= 2 && d >= 1 && d <= daysIn(y, m) && !isDigit(after) && !isASCIILetter(after) && after != sep {
				ts.end, ts.from, ts.to, ts.rule = k+1+dn, ymd{y, m, d}, ymd{y, m, d}, "date.ymd"
				return ts, true
			}
			break
		}
		if sep == '.' || isDigit(sc.r(k)) || sc.r(k) == '年' || sc.r(k) == '.' || sc.r(k) == '%' {
			break // 2021.07 is as likely a number as a month
		}
		if sep == '-' && n != 2 {
			break // 2019-20 is more likely a short range than a month
		}
		ts.end, ts.from, ts.to, ts.rule = k, ymd{y: y, m: m}, ymd{y: y, m: m}, "date.ym"
		return ts, true
	case sep == 'Q' || sep == 'H':
		if q, ok := sc.partOfYear(end); ok {
			q.start, q.from.y, q.to.y = i, y, y
			return q, true
		}
	case sep == 'A' || sep == 'E':
		// 2020A, 2021E: an actual or estimated year of a forecast table.
		if next := sc.r(end + 1); !isASCIILetter(next) && !isDigit(next) && next != '股' {
			ts.end = end + 1
			return ts, true
		}
	}
	// The first year of a range only counts when the second has 年.
	j := sc.skipSp(end)
	if !isConnector(sc.r(j)) {
		return timeSpan{}, false
	}
	j = sc.skipSp(j + 1)
	y2, e2, _, ok := sc.year(j, sc.r(j-1))
	if !ok || sc.r(e2-1) != '年' || y2 <= y {
		return timeSpan{}, false
	}
	return timeSpan{start: i, end: e2, from: ymd{y: y}, to: ymd{y: y2}, rule: "period.range"}, true
}

// partOfYear reads Q1–Q4 and H1–H2 at i.
func (sc *dateScanner) partOfYear(i int) (timeSpan, bool) {
	n := int(sc.r(i+1) - '0')
	if isDigit(sc.r(i+2)) || isASCIILetter(sc.r(i+2)) {
		return timeSpan{}, false
	}
	switch {
	case sc.r(i) == 'Q' && n >= 1 && n <= 4:
		return timeSpan{start: i, end: i + 2, from: ymd{m: 3*n - 2}, to: ymd{m: 3 * n}, rule: "period.quarter"}, true
	case sc.r(i) == 'H' && n >= 1 && n <= 2:
		return timeSpan{start: i, end: i + 2, from: ymd{m: 6*n - 5}, to: ymd{m: 6 * n}, rule: "period.half"}, true
	}
	return timeSpan{}, false
}

// afterYear reads the part of a date that follows a year's 年 at k (or a
// date without a year starting at k, with y taken from the context): a
// month, day, half, quarter, year end or start. With nothing of these the
// date is the year itself, ending at k.
func (sc *dateScanner) afterYear(start, k, y int) (timeSpan, bool) {
	ts := timeSpan{start: start, end: k, from: ymd{y: y}, to: ymd{y: y}, rule: "date.y"}
	j := sc.skipSp(k)
	set := func(end int, from, to ymd, rule string) (timeSpan, bool) {
		ts.end, ts.from, ts.to, ts.rule = end, from, to, rule
		return ts, true
	}
	switch {
	case k > start && (sc.has(j, "年底") || sc.has(j, "年末")):
		return set(j+2, ymd{y, 12, 31}, ymd{y, 12, 31}, "date.year_end")
	case k > start && (sc.has(j, "底") || sc.has(j, "末")):
		return set(j+1, ymd{y, 12, 31}, ymd{y, 12, 31}, "date.year_end")
	case k > start && sc.has(j, "年初"):
		return set(j+2, ymd{y, 1, 1}, ymd{y, 1, 1}, "date.year_start")
	case k > start && sc.has(j, "初"):
		return set(j+1, ymd{y, 1, 1}, ymd{y, 1, 1}, "date.year_start")
	case k > start && sc.has(j, "全年"):
		return set(j+2, ymd{y: y}, ymd{y: y}, "date.y")
	case k > start && sc.has(j, "年度"):
		return set(j+2, ymd{y: y}, ymd{y: y}, "date.y")
	case k > start && sc.has(j, "度"):
		return set(j+1, ymd{y: y}, ymd{y: y}, "date.y")
	case sc.has(j, "上半年末"):
		return set(j+4, ymd{y, 6, 30}, ymd{y, 6, 30}, "date.quarter_end")
	case sc.has(j, "上半年"):
		return set(j+3, ymd{y, 1, 0}, ymd{y, 6, 0}, "period.half")
	case sc.has(j, "下半年"):
		return set(j+3, ymd{y, 7, 0}, ymd{y, 12, 0}, "period.half")
	case sc.r(j) == 'Q' || (k > start && sc.r(j) == 'H'):
		if q, ok := sc.partOfYear(j); ok {
			return set(q.end, ymd{y, q.from.m, 0}, ymd{y, q.to.m, 0}, q.rule)
		}
	}
	if e, first, last, ok := sc.quarter(j); ok {
		if sc.r(e) == '末' {
			// 二季度末: the quarter's last day.
			end := ymd{y, last, daysIn(y, last)}
			return set(e+1, end, end, "date.quarter_end")
		}
		return set(e, ymd{y, first, 0}, ymd{y, last, 0}, "period.quarter")
	}
	if k > start && sc.r(j) == '前' {
		// 前7月, 前三个月 of a year: its first months.
		if n, e, ok := sc.small(j + 1); ok && n <= 12 {
			if sc.r(e) == '个' {
				e++
			}
			if sc.r(e) == '月' {
				e++
				if sc.r(e) == '份' {
					e++
				}
				return set(e, ymd{y, 1, 0}, ymd{y, n, 0}, "period.months")
			}
		}
	}
	if m, e, ok := sc.small(j); ok && m <= 12 {
		if ms, ok := sc.month(start, e, y, m); ok {
			return ms, true
		}
	}
	return ts, k > start
}

// quarter reads 第一季度, 一季度, 四季度, 前三季度, 第1季度 at j: the months
// the quarters cover.
func (sc *dateScanner) quarter(j int) (end, first, last int, ok bool) {
	from := 0
	if sc.r(j) == '第' {
		j++
	} else if sc.r(j) == '前' {
		from = 1
		j++
	}
	n, e, ok := sc.small(j)
	if !ok || n < 1 || n > 4 || !sc.has(e, "季度") {
		return 0, 0, 0, false
	}
	if from == 1 {
		return e + 2, 1, 3 * n, true
	}
	return e + 2, 3*n - 2, 3 * n, true
}

// month reads what follows a month number m read before e: 月 and an
// optional day, month end, or a second month of a range (1-7月, 1月至7月).
func (sc *dateScanner) month(start, e, y, m int) (timeSpan, bool) {
	ts := timeSpan{start: start, from: ymd{y, m, 0}, to: ymd{y, m, 0}, rule: "date.ym"}
	if sc.r(sc.skipSp(e)) == '月' {
		e = sc.skipSp(e) // 2016 年 9 月 1 日: a report set with blanks
	}
	if sc.r(e) != '月' {
		// 1-7月: a month range whose first month has no 月.
		if !isConnector(sc.r(e)) || sc.r(e) == '到' {
			return timeSpan{}, false
		}
		m2, e2, ok := sc.small(sc.skipSp(e + 1))
		if !ok || m2 <= m || m2 > 12 || sc.r(e2) != '月' {
			return timeSpan{}, false
		}
		ts.end, ts.to, ts.rule = sc.monthSuffix(e2+1), ymd{y, m2, 0}, "period.months"
		return ts, true
	}
	e++
	if d, de, ok := sc.small(sc.skipSp(e)); ok && (sc.r(sc.skipSp(de)) == '日' || sc.r(sc.skipSp(de)) == '号') && d <= daysIn(y, m) {
		de = sc.skipSp(de)
		ts.end, ts.from, ts.to, ts.rule = de+1, ymd{y, m, d}, ymd{y, m, d}, "date.ymd"
		return ts, true
	}
	e = sc.monthSuffix(e)
	if sc.r(e) == '末' || sc.r(e) == '底' {
		last := ymd{y, m, daysIn(y, m)}
		ts.end, ts.from, ts.to, ts.rule = e+1, last, last, "date.month_end"
		if m == 12 {
			ts.rule = "date.year_end"
		}
		return ts, true
	}
	ts.end = e
	return ts, true
}

// monthSuffix skips the 份 of 7月份.
func (sc *dateScanner) monthSuffix(e int) int {
	if sc.r(e) == '份' {
		return e + 1
	}
	return e
}

// extendRange joins a date to a second one after a connector into a
// period: 2019年至2021年, 2021年7月-2022年6月, 2021年1月至7月.
func (sc *dateScanner) extendRange(a timeSpan) timeSpan {
	j := sc.skipSp(a.end)
	if !isConnector(sc.r(j)) {
		return a
	}
	j = sc.skipSp(j + 1)
	var b timeSpan
	if y, e, _, ok := sc.year(j, sc.r(j-1)); ok && sc.r(e-1) == '年' {
		b, ok = sc.afterYear(j, e, y)
		if !ok {
			return a
		}
	} else if a.to.m != 0 {
		m, e, ok := sc.small(j)
		if !ok {
			return a
		}
		if a.to.d != 0 && (sc.r(e) == '日' || sc.r(e) == '号') && m <= daysIn(a.to.y, a.to.m) {
			// 8月21日至23日: a second day of the same month.
			d := ymd{a.to.y, a.to.m, m}
			b = timeSpan{start: j, end: e + 1, from: d, to: d}
		} else if b, ok = sc.month(j, e, a.to.y, m); !ok || m > 12 {
			return a
		}
	} else {
		return a
	}
	if !a.from.before(b.to) {
		return a
	}
	a.end, a.to, a.rule = b.end, b.to, "period.range"
	if a.from.y == a.to.y && a.from.d == 0 && a.to.d == 0 && a.from.m != 0 {
		a.rule = "period.months"
	}
	return a
}

// fiveYearPlan reads 十三五, 十四五 …: the five years of a national plan.
// Plans are numbered from 1953; the third began in 1966 after a gap.
func (sc *dateScanner) fiveYearPlan(i int, prev rune) (timeSpan, bool) {
	if sc.r(i) != '十' || isCnNumeral(prev) {
		return timeSpan{}, false
	}
	d := cnDigit(sc.r(i + 1))
	if d < 1 || sc.r(i+1) == '两' || sc.r(i+2) != '五' || isCnNumeral(sc.r(i+3)) {
		return timeSpan{}, false
	}
	first := 1966 + 5*(10+d-3)
	ts := timeSpan{start: i, end: i + 3, from: ymd{y: first}, to: ymd{y: first + 4}, rule: "period.five_year_plan"}
	// “十四五”前三年: the plan's first years only.
	j := i + 3
	if r := sc.r(j); r == '”' || r == '"' || r == '’' {
		j++
	}
	if sc.r(j) == '前' {
		if n, e, ok := sc.small(j + 1); ok && n >= 1 && n < 5 && sc.r(e) == '年' {
			ts.end, ts.to = e+1, ymd{y: first + n - 1}
		}
	}
	return ts, true
}

// daysIn is the number of days of month m of year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// documentDay is the date of a YYYY[-MM[-DD]] document date, with m and
// d zero where it does not give them; the zero ymd when it is no date.
func documentDay(date string) ymd {
	y := documentYear(date)
	if y == 0 {
		return ymd{}
	}
	v := ymd{y: y}
	if len(date) >= 7 && date[4] == '-' {
		if m, err := strconv.Atoi(date[5:7]); err == nil && m >= 1 && m <= 12 {
			v.m = m
		}
	}
	if v.m != 0 && len(date) >= 10 && date[7] == '-' {
		if d, err := strconv.Atoi(date[8:10]); err == nil && d >= 1 && d <= daysIn(y, v.m) {
			v.d = d
		}
	}
	return v
}

// addDays is the day n days after v (before it when n < 0); v is a full
// date.
func addDays(v ymd, n int) ymd {
	t := time.Date(v.y, time.Month(v.m), v.d, 12, 0, 0, 0, time.UTC).AddDate(0, 0, n)
	return ymd{t.Year(), int(t.Month()), t.Day()}
}

// isoWeekday is the day of the week of a full date, Monday 1 to Sunday 7.
func isoWeekday(v ymd) int {
	w := int(time.Date(v.y, time.Month(v.m), v.d, 12, 0, 0, 0, time.UTC).Weekday())
	if w == 0 {
		return 7
	}
	return w
}

// weekdayNumber is the day a weekday character names after 周 or 星期, Monday
// 1 to Sunday 7, or 0.
func weekdayNumber(r rune) int {
	switch r {
	case '日', '天':
		return 7
	case '两':
		return 0
	}
	if d := cnDigit(r); d >= 1 && d <= 6 && !isASCIILetter(r) {
		return d
	}
	return 0
}

// weekHeads are the characters that make a word of the 周 after them
// (每周, 当周, 一周, 首周, 数周): no weekday follows. 上, 本, 这 and 下 are
// read with the weekday they lead (上周五), so a 周 after them that was not
// read is no weekday either.
const weekHeads = "每当同该首末近数几隔逐整全半连上本这下前后次多单双一二三四五六七八九十两"

// afterWeekdayOne are the characters that, after 周一, make a word of the
// 一 (本周一共, 本周一起): the 周 is the week, not Monday.
const afterWeekdayOne = "共起道样致直些般定律切同再并边向次体度举"

// Rules of the dates relative to the document's own day or month.
const (
	ruleWeekday     = "date.weekday"      // 周四, 星期四: the latest Thursday on or before the document's day
	ruleWeekdayLast = "date.weekday_last" // 上周五: Friday of the week before
	ruleWeekdayThis = "date.weekday_this" // 本周一, 这周一: Monday of this week
	ruleWeekdayNext = "date.weekday_next" // 下周三: Wednesday of the week after (a schedule)
	ruleWeekdays    = "period.weekdays"   // 上周一至周五: days of a named week
	ruleYesterday   = "date.yesterday"    // 昨日, 昨天
	ruleDayBefore   = "date.day_before"   // 前日, 前天
	ruleToday       = "date.today"        // 今日, 今天
	ruleLastMonth   = "date.last_month"   // 上个月, 上月
	ruleThisMonth   = "date.this_month"   // 本月
	ruleMonthDay    = "date.month_day"    // 于19日: a day of the month in force
)

// relativeDay reads at i a day or month named relative to the document's
// own date: 周四, 上周五, 昨日, 上个月, 本月, a bare day (于19日). Without a
// document date precise enough the text is consumed and yields no fact.
func (sc *dateScanner) relativeDay(i int, prev rune) (timeSpan, bool) {
	switch r := sc.r(i); {
	case r == '周' || r == '星':
		return sc.weekday(i, prev, 0, "")
	case r == '上' || r == '本' || r == '这' || r == '下':
		if sc.has(i+1, "周") || sc.has(i+1, "星期") {
			if r == '这' && (sc.has(i+1, "周期") || sc.has(i+1, "周边")) {
				return timeSpan{}, false
			}
			off, rule := 0, ruleWeekdayThis
			switch r {
			case '上':
				off, rule = -7, ruleWeekdayLast
			case '下':
				off, rule = 7, ruleWeekdayNext
			}
			if ts, ok := sc.weekday(i+1, 0, off, rule); ok {
				ts.start = i
				return ts, true
			}
			return timeSpan{}, false
		}
		return sc.relativeMonth(i, prev)
	case r == '昨' && (sc.has(i, "昨日") || sc.has(i, "昨天")):
		return sc.dayOff(i, -1, ruleYesterday)
	case r == '前' && (sc.has(i, "前日") || sc.has(i, "前天")):
		// 此前日均, 节前日均: 前 ends another word and 日均 is a daily mean.
		if sc.r(i+2) == '均' || strings.ContainsRune("此节之以提年月日当之事", prev) {
			return timeSpan{}, false
		}
		return sc.dayOff(i, -2, ruleDayBefore)
	case r == '今' && (sc.has(i, "今日") || sc.has(i, "今天")):
		if sc.has(i+2, "头条") {
			return timeSpan{}, false // 今日头条: a name
		}
		return sc.dayOff(i, 0, ruleToday)
	case isDigit(r):
		return sc.monthDay(i, prev)
	}
	return timeSpan{}, false
}

// dayOff is the day off days from the document's, read over [i, i+2).
func (sc *dateScanner) dayOff(i, off int, rule string) (timeSpan, bool) {
	ts := timeSpan{start: i, end: i + 2, rule: rule, noYear: true}
	if sc.docDay.d != 0 {
		d := addDays(sc.docDay, off)
		ts.from, ts.to, ts.noYear = d, d, false
	}
	return ts, true
}

// weekday reads 周X or 星期X at i (X in 一二三四五六日天). With off 0 and no
// rule it is a bare weekday: the latest such day on or before the
// document's day (a digest of a Thursday speaking of 周四 means that day, of
// 周五 the Friday before). With a rule it was led by 上, 本/这 or 下 and is
// that day of the week off days from the document's. A weekday after an
// explicit day (9月23日（周一）) glosses it and a recurring one (每周一,
// 周一至周五) names no day: both are consumed without a fact.
func (sc *dateScanner) weekday(i int, prev rune, off int, rule string) (timeSpan, bool) {
	j := i + 1
	if sc.has(i, "星期") {
		j = i + 2
	} else if sc.r(i) != '周' {
		return timeSpan{}, false
	}
	w := weekdayNumber(sc.r(j))
	if w == 0 {
		return timeSpan{}, false // 周期, 周年, 周边, 周转: 周 is another word
	}
	next := sc.r(j + 1)
	if isCnNumeral(next) || isDigit(next) || w == 7 && next == '均' || w == 1 && strings.ContainsRune(afterWeekdayOne, next) {
		return timeSpan{}, false // 周日均成交, 本周一共
	}
	if rule == "" && (isDigit(prev) || strings.ContainsRune(weekHeads, prev)) {
		return timeSpan{}, false // 每周一, 两周一次
	}
	ts := timeSpan{start: i, end: j + 1, rule: rule, noYear: true}
	if rule == "" {
		ts.rule = ruleWeekday
		if sc.glossesDay(i) {
			return ts, true // 9月23日（周一）: the explicit date is the fact
		}
	}
	// A second weekday after a connector (周一至周五) makes a range.
	w2, end2 := 0, 0
	if k := sc.skipSp(j + 1); isConnector(sc.r(k)) {
		k = sc.skipSp(k + 1)
		if sc.has(k, "星期") {
			k++
		}
		if sc.r(k) == '周' || sc.has(k-1, "星期") {
			if w2 = weekdayNumber(sc.r(k + 1)); w2 > w {
				end2 = k + 2
			}
		}
	}
	if end2 > 0 {
		ts.end = end2
		if rule == "" {
			return ts, true // 周一至周五: a recurring schedule, no day
		}
	}
	if sc.docDay.d == 0 {
		return ts, true
	}
	var day ymd
	if rule == "" {
		day = addDays(sc.docDay, -((isoWeekday(sc.docDay) - w + 7) % 7))
	} else {
		monday := addDays(sc.docDay, 1-isoWeekday(sc.docDay)+off)
		day = addDays(monday, w-1)
		if end2 > 0 {
			ts.from, ts.to, ts.rule, ts.noYear = day, addDays(monday, w2-1), ruleWeekdays, false
			return ts, true
		}
	}
	ts.from, ts.to, ts.noYear = day, day, false
	return ts, true
}

// glossesDay reports a weekday at i written right after an explicit day
// (9月23日（周一）, 9月23日周一, 2024年8月16日星期五) or before one in brackets
// (周一（9月23日）).
func (sc *dateScanner) glossesDay(i int) bool {
	k := i - 1
	for k >= 0 && k < len(sc.clean) && (isSpace(sc.clean[k]) || sc.clean[k] == '（' || sc.clean[k] == '(') {
		k--
	}
	if k >= 1 && (sc.clean[k] == '日' || sc.clean[k] == '号') && isDigit(sc.clean[k-1]) {
		return true
	}
	e := i + 2
	if sc.has(i, "星期") {
		e++
	}
	if sc.r(e) == '（' || sc.r(e) == '(' {
		if _, n := sc.digits(e+1, 2); n > 0 && (sc.r(e+1+n) == '月' || sc.r(e+1+n) == '日') {
			return true
		}
	}
	return false
}

// relativeMonth reads 上个月, 上月 and 本月 at i (with 末 or 底, the month's
// last day): the month before the document's, or its own.
func (sc *dateScanner) relativeMonth(i int, prev rune) (timeSpan, bool) {
	off, n, rule := 0, 0, ""
	switch {
	case sc.has(i, "上个月"):
		off, n, rule = -1, 3, ruleLastMonth
	case sc.has(i, "上月"):
		off, n, rule = -1, 2, ruleLastMonth
	case sc.has(i, "本月"):
		off, n, rule = 0, 2, ruleThisMonth
	default:
		return timeSpan{}, false
	}
	if prev == '比' || prev == '较' || sc.r(i+n) == '份' && sc.r(i+n+1) == '额' {
		return timeSpan{}, false // 比上月: a growth basis, not a date
	}
	if n == 2 && (strings.ContainsRune(monthWordTails, sc.r(i+2)) || strings.ContainsRune(monthWordHeads, prev)) {
		return timeSpan{}, false // 样本月, 线上月活, 日本月度: 上 and 本 end another word
	}
	ts := timeSpan{start: i, end: i + n, rule: rule, noYear: true}
	if sc.docDay.m == 0 || sc.recurringMonth(i) {
		if sc.r(ts.end) == '末' || sc.r(ts.end) == '底' {
			ts.end++
		}
		return ts, true
	}
	m := addMonths(ymd{y: sc.docDay.y, m: sc.docDay.m}, off)
	ts.from, ts.to, ts.noYear = m, m, false
	if sc.r(ts.end) == '末' || sc.r(ts.end) == '底' {
		last := ymd{m.y, m.m, daysIn(m.y, m.m)}
		ts.end, ts.from, ts.to, ts.rule = ts.end+1, last, last, "date.month_end"
	}
	return ts, true
}

// monthWordHeads end a word with 上 or 本 (线上, 样本, 资本, 日本), and
// monthWordTails start one with 月 (月活, 月度, 月报): 上月 and 本月 across
// them are no months.
const (
	monthWordHeads = "线网以之晚早马路迎样成资基版文日根账剧课脚书原副标范读"
	monthWordTails = "活度报薪票均"
)

// recurringMonth reports 上个月 in a clause that runs every month (每月初买
// 上个月末…持有市值前十): a rule of a schedule, not a month of the text.
func (sc *dateScanner) recurringMonth(i int) bool {
	for k := i - 1; k >= 0 && k >= i-20; k-- {
		if strings.ContainsRune("，,。；;\n", sc.clean[k]) {
			return false
		}
		if k+1 < len(sc.clean) && sc.clean[k] == '每' && (sc.clean[k+1] == '月' || sc.clean[k+1] == '个') {
			return true
		}
	}
	return false
}

// dayLeads are the words after which a bare day (19日) is a date: 于 (将于,
// 计划于), 截至, 自, 从, 至 and 时间 (当地时间19日).
var dayLeads = []string{"于", "截至", "截止", "自", "从", "至", "时间"}

// monthDay reads a bare day of the month at i (于19日, 当地时间18日, a clause
// opening with 19日，): a day of the month of the paragraph's last date,
// else of the document's month. Elsewhere a number before 日 is a
// duration (连续3日, 近5日, 4日3板) and is not read.
func (sc *dateScanner) monthDay(i int, prev rune) (timeSpan, bool) {
	if isDigit(prev) || prev == '.' || isASCIILetter(prev) || prev == '月' {
		return timeSpan{}, false
	}
	d, n := sc.digits(i, 3)
	if n == 0 || n > 2 || d < 1 || d > 31 || sc.r(i+n) != '日' {
		return timeSpan{}, false
	}
	e := i + n + 1
	if next := sc.r(e); next == '元' || next == '均' || next == '内' || next == '线' {
		return timeSpan{}, false // 19日元, 5日均线, 3日内
	}
	led := false
	for _, w := range dayLeads {
		if k := len([]rune(w)); i >= k && string(sc.clean[i-k:i]) == w {
			led = true
		}
	}
	if !led && opensClause(prev) && strings.ContainsRune("，,晚早凌午起", sc.r(e)) {
		led = true // 19日，美联储宣布…
	}
	if !led {
		return timeSpan{}, false
	}
	ts := timeSpan{start: i, end: e, rule: ruleMonthDay, noYear: true}
	base := sc.ctxMonth
	if base.m == 0 {
		base = ymd{y: sc.docDay.y, m: sc.docDay.m}
	}
	if base.m == 0 || d > daysIn(base.y, base.m) {
		return ts, true
	}
	ts.from, ts.to, ts.noYear = ymd{base.y, base.m, d}, ymd{base.y, base.m, d}, false
	return ts, true
}

// opensClause reports the marks a clause starts after (and the start of
// the text, 0).
func opensClause(r rune) bool {
	return r == 0 || strings.ContainsRune("，,。；;：:\n、", r)
}
