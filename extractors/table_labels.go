package extractors

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"reportfacts/pipeline/table"
)

// Row labels of tables: which columns hold them, and the metric they name.

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

// proseCell reports a cell that holds sentences, not a label or a header:
// the prose rules read it.
func proseCell(s string) bool {
	return strings.ContainsAny(s, "。；;") || utf8.RuneCountInString(s) > 60
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

// namesParties reports a label header naming other companies or people:
// 客户名称, 股东名称, 姓名, 被投资单位.
func namesParties(head string) bool {
	head = compact(head)
	for _, w := range []string{"客户名称", "供应商名称", "股东名称", "公司名称", "单位名称", "企业名称", "关联方名称", "子公司名称", "可比公司", "姓名", "被投资单位", "股东", "客户", "供应商"} {
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
