package extractors

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cockroachdb/apd/v3"
)

// Cells of tables read as numbers, and the units a caption, a header or
// a label gives them.

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

// scale multiplies a value by 10^p.
func scale(d *apd.Decimal, p int) {
	if p != 0 && !d.IsZero() {
		d.Exponent += int32(p)
	}
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
	"平方米", "立方米", "千瓦时", "千瓦", "兆瓦", "辆", "次", "天", "张", "份", "篇", "箱", "瓶", "支", "盒", "片", "剂", "kg", "t",
	"毫升", "升", "头份", "羽份", "粒", "袋", "桶", "米", "公里", "亩"}

// columnUnit reads a cell of a unit column (单位: 万头份, 吨): every word
// there is a unit, those unitOf knows and any other short word, with its
// scale.
func columnUnit(s string) cellUnit {
	if u := unitOf(s); u.known() {
		return u
	}
	s = compact(s)
	var u cellUnit
	for _, sc := range moneyScales {
		if rest, ok := strings.CutPrefix(s, sc.word); ok && rest != "" {
			u.scale, s = sc.scale, rest
			break
		}
	}
	if n := utf8.RuneCountInString(s); n == 0 || n > 4 || strings.ContainsAny(s, "0123456789") {
		return cellUnit{}
	}
	u.word = s
	return u
}

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
