package text

import (
	"strings"
	"testing"
)

// full is a line of running text wide enough to set the document's full
// line width; tests that need the short-line rule put a few of them around
// the lines under test.
const full = "金融科技已经全面覆盖客服风控营销投顾和授信等各大金融业务核心流程衍生出互联网银行"

func TestNewLayoutBreaks(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want string
	}{
		{"wrapped sentence", "金融服务\n\n将为客户", "金融服务将为客户"},
		{"value split by a wrap", "投入100.30亿\n\n元，同比", "投入100.30亿元,同比"},
		{"sentence end keeps the break", "第一句。\n\n第二句", "第一句。\n第二句"},
		{"closing quote after a full stop", "他说“好。”\n\n然后", "他说“好。”\n然后"},
		{"question, exclamation, semicolon, ellipsis", "甲？\n乙！\n丙；\n丁……\n戊", "甲?\n乙!\n丙;\n丁……\n戊"},
		{"colon continues", "占比分别为：\n\n31.02%", "占比分别为:31.02%"},
		{"trailing layout spaces go", "金融   \n\n服务", "金融服务"},
		{"equal indents are layout", "  金融\n  服务", "金融服务"},
		{"spaces inside a line stay", "科技  投入\t合计", "科技  投入\t合计"},
		{"Latin words keep one space", "Digital\nCompass", "Digital Compass"},
		{"Latin then ideograph", "AI\n技术", "AI技术"},
		{"letter and digit", "Tech\n2021", "Tech 2021"},
		{"two numbers stay two", "2021\n2022", "2021 2022"},
		{"a blank line between Chinese numerals parts two numbers", "公司营收增长百分之五\n\n十家银行参与了活动。", "公司营收增长百分之五\n十家银行参与了活动。"},
		{"a blank line between digits parts two numbers", "共有45\n\n12家门店", "共有45\n12家门店"},
		{"a numeral and a word across a blank line still wrap", "增长百分之五\n\n以上", "增长百分之五以上"},
		{"single style: a blank line ends a paragraph", "甲\n乙\n\n丙\n丁", "甲乙\n丙丁"},
		{"double style: one blank line is layout", "甲\n\n乙\n\n丙\n\n\n\n丁", "甲乙丙\n丁"},
		{"leading and trailing blank lines", "\n\n  甲乙  \n\n", "甲乙"},
		{"indented line starts a paragraph", "标题\n  正文开始", "标题\n正文开始"},
		{"CRLF", "甲\r\n乙。\r\n丙", "甲乙。\n丙"},
		{"lone CR", "甲。\r乙", "甲。\n乙"},
		{"heading among full lines", full + "。\n\n前言\n\n" + full + "\n\n" + full + "。", full + "。\n前言\n" + full + full + "。"},
		{"full line wraps", full + "\n\n" + full, full + full},
		{"double style: tight lines wrap in a narrow cell", full + "\n\n" + full + "。\n\n力争用5年时间,把上海打造成为\n金融科技中心。\n\n" + full,
			full + full + "。\n力争用5年时间,把上海打造成为金融科技中心。\n" + full},
		{"double style: a tight indented line starts a paragraph", full + "\n\n" + full + "。\n\n前言\n 金融业\n\n" + full,
			full + full + "。\n前言\n金融业\n" + full},
		{"table rows with tabs stay rows", "报告期\t指\t2019年1-12月的会计区间\n本公司\t指\t浙江某某股份有限公司", "报告期\t指\t2019年1-12月的会计区间\n本公司\t指\t浙江某某股份有限公司"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt := New([]string{tt.raw})
			checkMapping(t, txt)
			if got := string(txt.Clean); got != tt.want {
				t.Errorf("New(%q)\n got %q\nwant %q", tt.raw, got, tt.want)
			}
		})
	}
}

// TestNewUnwrapped: where no line width recurs, each line is a paragraph
// (HTML, Word and Markdown text), even one that ends without punctuation.
func TestNewUnwrapped(t *testing.T) {
	// Widths spread in steps wider than the window that finds the full
	// width, as paragraphs' lengths do.
	var paras []string
	for i := range 40 {
		paras = append(paras, strings.Repeat("营业额", 3+i*7%37)+"，利润")
	}
	raw := strings.Join(paras, "\n")
	txt := New([]string{raw})
	checkMapping(t, txt)
	want := strings.ReplaceAll(raw, "，", ",")
	if got := string(txt.Clean); got != want {
		t.Errorf("New joined unwrapped paragraphs:\n got %q\nwant %q", got, want)
	}
	// Paragraphs of a template share a width, but some run far longer
	// than any wrapped line could.
	card := strings.Join([]string{
		"因子说明:合成均线因子,用收益率对两日前的各日级均线回归",
		"因子算法:合成均线因子,用收益率对两日前的各日级均线回归",
		"因子来源:合成均线因子,用收益率对两日前的各日级均线回归",
		"因子含义:Return prediction with regression coefficients for previous returns and moving average, excluding data whose turnover is too high",
		"注释:合成均线因子,用收益率对两日前的各日级均线回归,并预测后日的收益率,在回归时去除了当日换手率较高的数据",
	}, "\n")
	if got := string(New([]string{card}).Clean); got != card {
		t.Errorf("New joined the paragraphs of a card:\n got %q\nwant %q", got, card)
	}
	// The same paragraphs wrapped at a fixed width join up again.
	var wrapped []string
	line := []rune(strings.ReplaceAll(strings.Join(paras, "、"), "，", ","))
	for len(line) > 30 {
		wrapped = append(wrapped, string(line[:30]))
		line = line[30:]
	}
	wrapped = append(wrapped, string(line))
	txt = New([]string{strings.Join(wrapped, "\n")})
	if got, want := string(txt.Clean), strings.Join(wrapped, ""); got != want {
		t.Errorf("New kept the breaks of wrapped text:\n got %q\nwant %q", got, want)
	}
}

func TestNewListMarkers(t *testing.T) {
	tests := []struct {
		next string
		item bool
	}{
		{"一、概述", true},
		{"十二、其他", true},
		{"（一）收入", true},
		{"(3)成本", true},
		{"（12）费用", true},
		{"1、研发", true},
		{"2.技术", true},
		{"3. 市场", true},
		{"1.2 概述", true},
		{"4)其他", true},
		{"第一章 总则", true},
		{"第三节 管理层讨论", true},
		{"第一，", true},
		{"■ 要点", true},
		{"• 要点", true},
		{"① 要点", true},
		{"\uf0d8 要点", true},
		{"- 要点", true},
		{"## 标题", true},
		{"2.5亿元", false},
		{"2021年", false},
		{"12.5%", false},
		{"第一大股东", false},
		{"一是", false},
		{"-3%", false},
		{"1.", false},
	}
	for _, tt := range tests {
		t.Run(tt.next, func(t *testing.T) {
			txt := New([]string{"如下\n" + tt.next})
			checkMapping(t, txt)
			got := strings.Contains(string(txt.Clean), "\n")
			if got != tt.item {
				t.Errorf("clean %q: paragraph break = %v, want %v", string(txt.Clean), got, tt.item)
			}
		})
	}
}

func TestNewFolds(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want string
	}{
		{"full-width digits and signs", "１２．５％", "12.5%"},
		{"full-width comma as thousands separator", "８２，２２５.００元", "82,225.00元"},
		{"full-width letters and brackets", "（ＡＢＣ）：", "(ABC):"},
		{"ideographic space", "甲\u3000乙", "甲 乙"},
		{"no-break space", "甲\u00a0乙", "甲 乙"},
		{"Kangxi radical", "⼦公司", "子公司"},
		{"CJK radicals supplement", "⺠生⻔⻢⻳", "民生门马龟"},
		{"compatibility ideograph", "\uf90a融", "金融"},
		{"Chinese punctuation outside the block stays", "甲、乙。“丙”《丁》", "甲、乙。“丙”《丁》"},
		{"replacement character", "1\ufffd2", "12"},
		{"zero-width characters", "1\u200b2\u200c3\u200d4\ufeff5", "12345"},
		{"control characters", "a\x01b\x7fc\u0085d", "abcd"},
		{"tabs stay inside a line", "a\tb", "a\tb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt := New([]string{tt.raw})
			checkMapping(t, txt)
			if got := string(txt.Clean); got != tt.want {
				t.Errorf("New(%q) = %q, want %q", tt.raw, got, tt.want)
			}
		})
	}
}

func TestNewPageBreaks(t *testing.T) {
	tests := []struct {
		name  string
		pages []string
		want  string
	}{
		{"sentence continues on the next page", []string{"投入合计", "1554.17亿元。"}, "投入合计1554.17亿元。"},
		{"sentence ends before the break", []string{"完了。", "新段"}, "完了。\n新段"},
		{"empty pages", []string{"", "甲。", "", "乙"}, "甲。\n乙"},
		{"no pages", nil, ""},
		{"a page break inside a page", []string{"甲\f乙。", "丙"}, "甲乙。\n丙"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt := New(tt.pages)
			checkMapping(t, txt)
			if got := string(txt.Clean); got != tt.want {
				t.Errorf("New(%q) = %q, want %q", tt.pages, got, tt.want)
			}
			if want := strings.Join(tt.pages, "\f"); string(txt.Raw) != want {
				t.Errorf("Raw = %q, want %q", string(txt.Raw), want)
			}
		})
	}
}

// pagesWith builds n pages of body text, each framed by the header and
// footer that make(p) returns for its 1-based page number.
func pagesWith(n int, frame func(p int) (header, footer string)) []string {
	pages := make([]string, n)
	for i := range pages {
		h, f := frame(i + 1)
		pages[i] = h + "\n正文第" + strings.Repeat("一", i+1) + "段。\n" + f + "\n"
	}
	return pages
}

func TestNewDropsPageFurniture(t *testing.T) {
	tests := []struct {
		name  string
		pages []string
		gone  []string // must not be in Clean
		kept  []string // must stay in Clean
	}{
		{
			name: "bare page numbers and a running header",
			pages: pagesWith(6, func(p int) (string, string) {
				return "某某股份有限公司 2020 年年度报告", itoa(p)
			}),
			gone: []string{"年年度报告", "\n1\n", "\n6"},
			kept: []string{"正文第一段。", "正文第一一一一一一段。"},
		},
		{
			name: "decorated page numbers",
			pages: pagesWith(4, func(p int) (string, string) {
				return "", "- " + itoa(p) + " -"
			}),
			gone: []string{"-"},
		},
		{
			name: "第 N 页 共 M 页",
			pages: pagesWith(4, func(p int) (string, string) {
				return "第 " + itoa(p) + " 页 共 4 页", ""
			}),
			gone: []string{"页"},
		},
		{
			name: "N / M",
			pages: pagesWith(3, func(p int) (string, string) {
				return "", itoa(p) + " / 3"
			}),
			gone: []string{"/"},
		},
		{
			name: "header with the year changed digit by digit",
			pages: pagesWith(6, func(p int) (string, string) {
				return "第" + itoa(p) + "季度简报", ""
			}),
			gone: []string{"季度简报"},
		},
		{
			name: "a table's unit caption repeats but stays",
			pages: pagesWith(4, func(p int) (string, string) {
				return "单位：元 币种：人民币", ""
			}),
			kept: []string{"单位:元 币种:人民币"},
		},
		{
			name: "numbers at page edges that do not step with the pages stay",
			pages: pagesWith(5, func(p int) (string, string) {
				return "", itoa(p * 37)
			}),
			kept: []string{"37", "74", "185"},
		},
		{
			name: "a line on one page only stays",
			pages: pagesWith(5, func(p int) (string, string) {
				if p == 2 {
					return "第二节 公司简介", ""
				}
				return "", ""
			}),
			kept: []string{"第二节 公司简介"},
		},
		{
			name: "punctuation repeated at the edge stays",
			pages: pagesWith(6, func(p int) (string, string) {
				return "", "、"
			}),
			kept: []string{"、"},
		},
		{
			name:  "a label repeated at different places stays",
			pages: movingLabel(6, "微调模型"),
			kept:  []string{"微调模型"},
		},
		{
			name:  "single page keeps its number",
			pages: []string{"标题\n正文。\n12\n"},
			kept:  []string{"12"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt := New(tt.pages)
			checkMapping(t, txt)
			clean := "\n" + string(txt.Clean) + "\n"
			for _, g := range tt.gone {
				if strings.Contains(clean, g) {
					t.Errorf("clean text still holds %q:\n%s", g, clean)
				}
			}
			folded := strings.Map(fold, string(txt.Raw)) // a deleted rune maps to -1: dropped
			for _, k := range tt.kept {
				if got, want := strings.Count(clean, k), strings.Count(folded, k); got != want {
					t.Errorf("clean text holds %q %d times, the raw text %d times:\n%s", k, got, want, clean)
				}
			}
		})
	}
}

// movingLabel builds n pages that hold label after a varying number of
// lines, as a diagram's label on slides.
func movingLabel(n int, label string) []string {
	pages := make([]string, n)
	for i := range pages {
		body := strings.Repeat("正文", i+1) + "。\n" // unique to the page
		pages[i] = strings.Repeat(body, 3*(i%3)) + label + "\n" + strings.Repeat(body, 1+3*((i+1)%3))
	}
	return pages
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// TestNewFragments: an engine that emits one text run per line puts
// commas and digits at line starts; then runs join without spaces, one
// blank line is a space and two end a paragraph.
func TestNewFragments(t *testing.T) {
	raw := strings.Repeat("公司是国内首家\n，\n研发投入\n2\n020\n年度\n \n \n3)\n是\n", 5) +
		"本公司\n \n2020\n年年度报告\n \n \n2.07\n \n1.53\n \n二、\n \n其他"
	txt := New([]string{raw})
	checkMapping(t, txt)
	clean := string(txt.Clean)
	for _, want := range []string{"公司是国内首家,研发投入2020年度\n3)是公司", "本公司 2020年年度报告\n2.07 1.53\n二、 其他"} {
		if !strings.Contains(clean, want) {
			t.Errorf("clean text lacks %q:\n%s", want, clean)
		}
	}
}

// TestNewFormulaLines: lines of ASCII marks that formula fonts decode to
// are not fragments of running text.
func TestNewFormulaLines(t *testing.T) {
	raw := strings.Repeat("!\n)!\n", 10) + "残差项\n✓ 影响股票收益率"
	txt := New([]string{raw})
	checkMapping(t, txt)
	if !strings.HasSuffix(string(txt.Clean), "残差项\n✓ 影响股票收益率") {
		t.Errorf("the bullet's break is gone:\n%s", string(txt.Clean))
	}
}

func TestRawSpan(t *testing.T) {
	txt := New([]string{"投入合计100.30亿\n\n元，同比增长。", "第二页。"})
	clean := string(txt.Clean)
	tests := []struct {
		clean string // a substring of Clean
		raw   string // the raw text its span must cover
	}{
		{"100.30亿元", "100.30亿\n\n元"},
		{"投入", "投入"},
		{"。\n第二页", "。\f第二页"},
		{"元,", "元，"},
	}
	for _, tt := range tests {
		i := strings.Index(clean, tt.clean)
		if i < 0 {
			t.Fatalf("clean %q lacks %q", clean, tt.clean)
		}
		cs := len([]rune(clean[:i]))
		ce := cs + len([]rune(tt.clean))
		rs, re := txt.RawSpan(cs, ce)
		if got := txt.RawString(rs, re); got != tt.raw {
			t.Errorf("RawSpan of %q covers %q, want %q", tt.clean, got, tt.raw)
		}
	}
	if got := txt.RawOffset(len(txt.Clean)); got != len(txt.Raw) {
		t.Errorf("RawOffset(len(Clean)) = %d, want %d", got, len(txt.Raw))
	}
}

func TestPage(t *testing.T) {
	txt := New([]string{"ab", "", "cd"}) // raw "ab\f\fcd"
	tests := []struct{ off, page int }{
		{0, 1}, {1, 1}, {2, 1}, // the break belongs to the page it ends
		{3, 2}, {4, 3}, {5, 3}, {6, 3}, // 6 == len(Raw)
	}
	for _, tt := range tests {
		if got := txt.Page(tt.off); got != tt.page {
			t.Errorf("Page(%d) = %d, want %d", tt.off, got, tt.page)
		}
	}
	if got := New(nil).Page(0); got != 1 {
		t.Errorf("Page(0) of an empty text = %d, want 1", got)
	}
}
