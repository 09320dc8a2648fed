package extractors

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"reportfacts/pipeline/table"
	"reportfacts/pipeline/text"
)

// tableDocText lays out a one-page document as the readers do: a title,
// the context lines, then each row on a line with its cells separated by
// tabs. A cell written "2>text" spans two grid columns. It returns the
// page and its table.
func tableDocText(context []string, rows [][]string) (string, table.Table) {
	var b strings.Builder
	n := 0
	write := func(s string) {
		b.WriteString(s)
		n += utf8.RuneCountInString(s)
	}
	write("浙江示例科技股份有限公司\n2019年年度报告\n\n")
	tb := table.Table{Page: 1, Ruled: true}
	for _, l := range context {
		tb.Context = append(tb.Context, table.Line{Text: l, Start: n, End: n + utf8.RuneCountInString(l)})
		write(l + "\n")
	}
	write("\n")
	for _, cells := range rows {
		var row table.Row
		col := 0
		for i, c := range cells {
			if i > 0 {
				write("\t")
			}
			span := 1
			if len(c) > 2 && c[1] == '>' {
				span = int(c[0] - '0')
				c = c[2:]
			}
			if c != "" {
				row.Cells = append(row.Cells, table.Cell{Text: c, Start: n, End: n + utf8.RuneCountInString(c), Col: col, ColSpan: span, RowSpan: 1})
			}
			write(c)
			col += span
		}
		tb.Cols = max(tb.Cols, col)
		row.Page = 1
		tb.Rows = append(tb.Rows, row)
		write("\n")
	}
	write("\n表后的说明。")
	return b.String(), tb
}

func TestTableRule(t *testing.T) {
	type want struct {
		text, kind, value, unit, metric, period, entity string
	}
	tests := []struct {
		name    string
		context []string
		rows    [][]string
		want    []want
		not     []string // cell texts that are no facts
	}{
		{
			name: "key figures: years, a change column, a rate's change in points, balances at the year's end",
			rows: [][]string{
				{"", "2019年", "2018年", "本年比上年增减", "2017年"},
				{"营业收入（元）", "2,941,412,770.30", "2,718,608,796.51", "8.20%", "2,308,922,170.29"},
				{"基本每股收益（元/股）", "0.48", "0.38", "26.32%", "0.22"},
				{"加权平均净资产收益率", "14.07%", "11.35%", "2.72%", "6.90%"},
				{"", "2019年末", "2018年末", "本年末比上年末增减", "2017年末"},
				{"总资产（元）", "6,747,198,664.47", "7,035,373,344.57", "-4.10%", "7,466,927,438.54"},
			},
			want: []want{
				{"2,941,412,770.30", "money", "2941412770.30", "CNY", "营业收入", "2019", "浙江示例科技股份有限公司"},
				{"2,718,608,796.51", "money", "2718608796.51", "CNY", "营业收入", "2018", ""},
				{"8.20%", "growth", "8.20", "%", "营业收入", "2019", ""},
				{"0.48", "money", "0.48", "CNY", "基本每股收益", "2019", ""},
				{"2.72%", "pp_change", "2.72", "pp", "加权平均净资产收益率", "2019", ""},
				{"14.07%", "percent", "14.07", "%", "加权平均净资产收益率", "2019", ""},
				{"6,747,198,664.47", "money", "6747198664.47", "CNY", "总资产", "2019-12-31", ""},
				{"-4.10%", "growth", "-4.10", "%", "总资产", "2019", ""},
				{"7,466,927,438.54", "money", "7466927438.54", "CNY", "总资产", "2017-12-31", ""},
			},
		},
		{
			name:    "quarters of the year the title names, in the caption's ten thousands",
			context: []string{"八、2019年分季度主要财务指标", "单位：万元"},
			rows: [][]string{
				{"", "第一季度", "第二季度", "第三季度", "第四季度"},
				{"营业收入", "83,190.39", "90,062.99", "64,342.22", "56,545.68"},
			},
			want: []want{
				{"83,190.39", "money", "831903900", "CNY", "营业收入", "2019-01..2019-03", ""},
				{"56,545.68", "money", "565456800", "CNY", "营业收入", "2019-10..2019-12", ""},
			},
		},
		{
			name:    "segments: the row's segment and the column's measure",
			context: []string{"（1）营业收入构成", "单位：元"},
			rows: [][]string{
				{"", "2>2019年", "2>2018年", "同比增减"},
				{"", "金额", "占营业收入比重", "金额", "占营业收入比重", ""},
				{"营业收入合计", "2,941,412,770.30", "100%", "2,718,608,796.51", "100%", "8.20%"},
				{"分行业"},
				{"医药", "1,608,858,743.47", "54.70%", "1,441,591,423.51", "53.03%", "11.60%"},
			},
			want: []want{
				{"1,608,858,743.47", "money", "1608858743.47", "CNY", "医药营业收入", "2019", ""},
				{"54.70%", "percent", "54.70", "%", "医药占营业收入比重", "2019", ""},
				{"1,441,591,423.51", "money", "1441591423.51", "CNY", "医药营业收入", "2018", ""},
				{"11.60%", "growth", "11.60", "%", "医药营业收入", "2019", ""},
			},
		},
		{
			name:    "a statement: balances at the period's end and start, note references and dashes no facts",
			context: []string{"合并资产负债表", "单位：元 币种：人民币"},
			rows: [][]string{
				{"项目", "附注", "期末余额", "期初余额"},
				{"货币资金", "七、1", "905,402,299.44", "(627,041.55)"},
				{"交易性金融资产", "", "-", "不适用"},
			},
			want: []want{
				{"905,402,299.44", "money", "905402299.44", "CNY", "货币资金", "2019-12-31", ""},
				{"(627,041.55)", "money", "-627041.55", "CNY", "货币资金", "2018-12-31", ""},
			},
			not: []string{"七、1", "-", "不适用"},
		},
		{
			name:    "shareholders: each row is another's, counted in the caption's shares",
			context: []string{"前十名股东持股情况", "单位：股"},
			rows: [][]string{
				{"股东名称", "期末持股数量", "比例(%)"},
				{"黄杰", "84,187,105", "39.96"},
				{"合计", "89,695,243", "42.57"},
			},
			want: []want{
				{"84,187,105", "count", "84187105", "股", "持股数量", "2019-12-31", "黄杰"},
				{"39.96", "percent", "39.96", "%", "比例", "2019-12-31", "黄杰"},
				{"89,695,243", "count", "89695243", "股", "持股数量", "2019-12-31", "浙江示例科技股份有限公司"},
			},
		},
		{
			name:    "a unit column; stocks at the year's end",
			context: []string{"单位：元"},
			rows: [][]string{
				{"主要产品", "单位", "生产量", "销售量", "库存量"},
				{"染料", "吨", "12,911.47", "12,857.65", "1,868.83"},
			},
			want: []want{
				{"12,911.47", "count", "12911.47", "吨", "染料生产量", "2019", ""},
				{"1,868.83", "count", "1868.83", "吨", "染料库存量", "2019-12-31", ""},
			},
		},
		{
			name: "points written in words; codes are no facts",
			rows: [][]string{
				{"项目", "2019年", "2018年", "本年比上年增减（%）"},
				{"毛利率（%）", "38.89", "42.96", "减少4.07个百分点"},
				{"公司办公地址的邮政编码", "226371"},
			},
			want: []want{
				{"38.89", "percent", "38.89", "%", "毛利率", "2019", ""},
				{"4.07个百分点", "pp_change", "-4.07", "pp", "毛利率", "2019", ""},
			},
			not: []string{"226371"},
		},
	}
	ctx := context.Background()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page, tb := tableDocText(tc.context, tc.rows)
			facts, err := Extract(ctx, text.New([]string{page}), Options{Tables: []table.Table{tb}})
			if err != nil {
				t.Fatal(err)
			}
			byText := map[string]Fact{}
			for _, f := range facts {
				if strings.HasPrefix(f.Rule, "table.") && !strings.HasPrefix(f.Rule, "table.header") {
					byText[f.Text] = f
				}
			}
			for _, w := range tc.want {
				f, ok := byText[w.text]
				if !ok {
					t.Errorf("%s: no fact; table facts: %v", w.text, keys(byText))
					continue
				}
				got := []string{f.Kind, f.Value, f.Unit, f.Metric, f.Period}
				exp := []string{w.kind, w.value, w.unit, w.metric, w.period}
				if strings.Join(got, " | ") != strings.Join(exp, " | ") {
					t.Errorf("%s: got %s\n\twant %s", w.text, strings.Join(got, " | "), strings.Join(exp, " | "))
				}
				if w.entity != "" && f.Entity != w.entity {
					t.Errorf("%s: entity %q, want %q", w.text, f.Entity, w.entity)
				}
				if f.Text != string([]rune(page)[f.Start:f.End]) {
					t.Errorf("%s: text %q is not the page's %d..%d", w.text, f.Text, f.Start, f.End)
				}
			}
			for _, n := range tc.not {
				for _, f := range facts {
					if f.Text == n {
						t.Errorf("%q became a %s fact (%s)", n, f.Kind, f.Rule)
					}
				}
			}
		})
	}
}

func keys(m map[string]Fact) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestHeaderPeriod(t *testing.T) {
	doc := tableDoc{reportYear: 2019}
	tests := []struct{ header, period, rest string }{
		{"2019年", "2019", ""},
		{"2019年度", "2019", ""},
		{"2019年末", "2019-12-31", ""},
		{"2018年初", "2018-01-01", ""},
		{"2019年12月31日", "2019-12-31", ""},
		{"2019.12.31", "2019-12-31", ""},
		{"2019年1-12月", "2019", ""},
		{"第一季度（1-3月份）", "2019-01..2019-03", ""},
		{"2018年第四季度", "2018-10..2018-12", ""},
		{"本期发生额", "2019", "发生额"},
		{"上期金额", "2018", "金额"},
		{"期末余额", "2019-12-31", "余额"},
		{"上年年末余额", "2018-12-31", "余额"},
		{"报告期内从公司获得的税前报酬总额", "2019", "从公司获得的税前报酬总额"},
		{"2019年金额", "2019", "金额"},
		{"年龄", "", "年龄"},
	}
	for _, tc := range tests {
		p, rest := doc.headerPeriod(tc.header, tableInfo{})
		if p != tc.period || rest != tc.rest {
			t.Errorf("headerPeriod(%q) = %q, %q; want %q, %q", tc.header, p, rest, tc.period, tc.rest)
		}
	}
}

func TestReadCell(t *testing.T) {
	tests := []struct {
		in    string
		kind  valueKind
		value string
		pct   bool
	}{
		{"1,234.56", valueNumber, "1234.56", false},
		{"-4.35%", valueNumber, "-4.35", true},
		{"(1,234.56)", valueNumber, "-1234.56", false},
		{"－12.00", valueNumber, "-12.00", false},
		{" 8.20% ", valueNumber, "8.20", true},
		{"增加3.88个百分点", valuePoints, "3.88", false},
		{"减少 0.5 个百分点", valuePoints, "-0.5", false},
		{"-", valueNone, "", false},
		{"不适用", valueNone, "", false},
		{"七、59", valueWords, "", false},
		{"(1,234.56", valueWords, "", false},
		{"1,23,4", valueWords, "", false},
	}
	for _, tc := range tests {
		v := readCell(tc.in)
		got := ""
		if v.value != nil {
			got = v.value.Text('f')
		}
		if v.kind != tc.kind || got != tc.value || v.pct != tc.pct {
			t.Errorf("readCell(%q) = kind %d value %q pct %v, want %d %q %v", tc.in, v.kind, got, v.pct, tc.kind, tc.value, tc.pct)
		}
	}
}

func TestUnitOf(t *testing.T) {
	tests := []struct {
		in   string
		want cellUnit
	}{
		{"元", cellUnit{currency: "CNY"}},
		{"万元", cellUnit{currency: "CNY", scale: 4}},
		{"人民币百万元", cellUnit{currency: "CNY", scale: 6}},
		{"美元", cellUnit{currency: "USD"}},
		{"%", cellUnit{pct: true}},
		{"元/股", cellUnit{currency: "CNY", per: "股"}},
		{"股", cellUnit{word: "股"}},
		{"万股", cellUnit{word: "股", scale: 4}},
		{"千克", cellUnit{word: "千克"}},
		{"单位：千元", cellUnit{currency: "CNY", scale: 3}},
		{"说明", cellUnit{}},
	}
	for _, tc := range tests {
		if got := unitOf(tc.in); got != tc.want {
			t.Errorf("unitOf(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}
