package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cockroachdb/apd/v3"

	"reportfacts/extractors"
	"reportfacts/pipeline/store"
	"reportfacts/pipeline/table"
)

// col says what the figures of a test table's column are, as the
// extractors' table rule would read them.
type col struct {
	kind, unit, period string
	scale              int64  // 10000 for 万元; 0 is 1
	measure            string // added to the row's label in the metric
}

var (
	yuan    = func(period string) col { return col{kind: money, unit: "CNY", period: period} }
	wan     = func(period string) col { return col{kind: money, unit: "CNY", period: period, scale: 10000} }
	pct     = func(period string) col { return col{kind: percent, unit: "%", period: period} }
	rate    = func(period string) col { return col{kind: growth, unit: "%", period: period} }
	points  = func(period string) col { return col{kind: pp, unit: "pp", period: period} }
	noFacts = col{}
)

// testTable is a table of a test document: the lines above it, its
// header rows, its body rows (label first), and what each column holds.
type testTable struct {
	context []string
	header  [][]string
	rows    [][]string
	cols    []col
}

// tableDoc lays out tables as a reader does (a row a line, cells
// separated by tabs) and makes the facts the table rule would make of
// their figures.
func tableDoc(t *testing.T, tables ...testTable) docFacts {
	t.Helper()
	var raw []rune
	var model []table.Table
	var facts []extractors.Fact
	add := func(s string) (int, int) {
		start := len(raw)
		raw = append(raw, []rune(s)...)
		return start, len(raw)
	}
	for _, tt := range tables {
		tb := table.Table{Page: 1, Ruled: true}
		for _, l := range tt.context {
			s, e := add(l)
			tb.Context = append(tb.Context, table.Line{Text: l, Start: s, End: e})
			add("\n")
		}
		rows := append(append([][]string(nil), tt.header...), tt.rows...)
		for ri, cells := range rows {
			tb.Cols = max(tb.Cols, len(cells))
			row := table.Row{Page: 1}
			for ci, text := range cells {
				if ci > 0 {
					add("\t")
				}
				s, e := add(text)
				row.Cells = append(row.Cells, table.Cell{Text: text, Start: s, End: e, Col: ci, ColSpan: 1, RowSpan: 1})
				if ri < len(tt.header) || ci == 0 || ci >= len(tt.cols) || tt.cols[ci].kind == "" {
					continue
				}
				if f, ok := cellFact(text, s, e, cells[0], tt.cols[ci]); ok {
					facts = append(facts, f)
				}
			}
			add("\n")
			tb.Rows = append(tb.Rows, row)
		}
		add("\n")
		model = append(model, tb)
	}
	text := string(raw)
	sum := sha256.Sum256([]byte(text))
	js, err := json.Marshal(model)
	if err != nil {
		t.Fatal(err)
	}
	d := store.DocumentRow{ID: 1, Path: "report.pdf", SHA256: hex.EncodeToString(sum[:]), Status: "ok", Text: text, Tables: string(js)}
	df := docFacts{Doc: d, Raw: raw}
	for _, f := range facts {
		f.Page = 1
		f.Sentence = strings.TrimSpace(string(raw[f.Start:f.End]))
		df.Facts = append(df.Facts, store.FactRow{Fact: f, Key: extractors.Key(d.SHA256, f), DocumentID: 1,
			DocumentPath: d.Path, DocumentSHA256: d.SHA256, ReviewStatus: "pending"})
	}
	return df
}

// cellFact reads a cell's figure: 1,234.56, -4.35%, 减少4.07个百分点.
func cellFact(text string, start, end int, label string, c col) (extractors.Fact, bool) {
	num := strings.NewReplacer(",", "", "%", "").Replace(text)
	sign := ""
	if strings.HasPrefix(num, "减少") {
		sign, num = "-", strings.TrimSuffix(strings.TrimPrefix(num, "减少"), "个百分点")
	}
	if strings.HasPrefix(num, "增加") {
		num = strings.TrimSuffix(strings.TrimPrefix(num, "增加"), "个百分点")
	}
	v, _, err := apd.NewFromString(sign + num)
	if err != nil {
		return extractors.Fact{}, false
	}
	if c.scale > 1 {
		_, _ = dc.Mul(v, v, apd.New(c.scale, 0))
	}
	v.Reduce(v)
	rule := map[string]string{money: "table.money", percent: "table.percent", growth: "table.change", pp: "table.change_points"}[c.kind]
	f := extractors.Fact{Kind: c.kind, Text: text, Start: start, End: end, Value: v.Text('f'), Unit: c.unit,
		Qualifier: extractors.QualExact, Period: c.period, Metric: labelName(label) + c.measure, Rule: rule,
		Entity: "测试公司"}
	if c.kind == growth {
		f.Basis = extractors.BasisYoY
	}
	return f, true
}

// verdict is a finding a table test expects: whether it passed and words
// of its detail.
type verdict struct {
	passed bool
	detail string
}

// runTables runs one check over a document of tables and compares the
// findings' verdicts, in order, with want.
func runTables(t *testing.T, check string, want []verdict, tables ...testTable) []Finding {
	t.Helper()
	df := tableDoc(t, tables...)
	got := checkArithmetic(check, []docFacts{df})
	if len(got) != len(want) {
		t.Fatalf("%d %s findings, want %d:%s", len(got), check, len(want), describe(got))
	}
	for i, w := range want {
		if got[i].Passed != w.passed || !strings.Contains(got[i].Detail, w.detail) {
			t.Errorf("finding %d: passed=%v %q; want passed=%v with %q", i, got[i].Passed, got[i].Detail, w.passed, w.detail)
		}
		if len(got[i].Figures) == 0 || len(got[i].FactKeys) != len(got[i].Figures) || got[i].Page != 1 || got[i].Expected == "" || got[i].Found == "" {
			t.Errorf("finding %d lacks figures, keys, page, expected or found: %+v", i, got[i])
		}
	}
	return got
}

var keyData = func(revenue2019, revenue2018 string) testTable {
	return testTable{
		context: []string{"(一) 主要会计数据", "单位：元 币种：人民币"},
		header:  [][]string{{"主要会计数据", "2019年", "2018年", "本期比上年同期增减(%)"}},
		rows:    [][]string{{"营业收入", revenue2019, revenue2018, "-"}},
		cols:    []col{noFacts, yuan("2019"), yuan("2018")},
	}
}

func quarters(q1, q2, q3, q4 string, c func(string) col) testTable {
	return testTable{
		context: []string{"九、 2019年分季度主要财务数据", "单位：元 币种：人民币"},
		header:  [][]string{{"", "第一季度", "第二季度", "第三季度", "第四季度"}},
		rows:    [][]string{{"营业收入", q1, q2, q3, q4}},
		cols:    []col{noFacts, c("2019-01..2019-03"), c("2019-04..2019-06"), c("2019-07..2019-09"), c("2019-10..2019-12")},
	}
}

func TestTableQuarters(t *testing.T) {
	t.Run("add up", func(t *testing.T) {
		runTables(t, CheckQuarters, []verdict{{true, "add up to 1175301034.32"}},
			keyData("1,175,301,034.32", "1,230,537,181.80"),
			quarters("333,437,272.78", "292,129,683.29", "250,895,665.57", "298,838,412.68", yuan))
	})
	t.Run("a fen off: amounts printed to the fen are exact", func(t *testing.T) {
		runTables(t, CheckQuarters, []verdict{{false, "add up to 1175301034.31"}},
			keyData("1,175,301,034.32", "1,230,537,181.80"),
			quarters("333,437,272.77", "292,129,683.29", "250,895,665.57", "298,838,412.68", yuan))
	})
	// In 万元 to two decimals each quarter is ±50元: four of them may be
	// 200元 off the year's figure printed to the fen.
	t.Run("万元 at the rounding bound", func(t *testing.T) {
		runTables(t, CheckQuarters, []verdict{{true, "add up to 100000000"}},
			keyData("100,000,200.00", "1.00"),
			quarters("2,500.00", "2,500.00", "2,500.00", "2,500.00", wan))
	})
	t.Run("万元 just past the rounding bound", func(t *testing.T) {
		runTables(t, CheckQuarters, []verdict{{false, "add up to 100000000"}},
			keyData("100,000,200.01", "1.00"),
			quarters("2,500.00", "2,500.00", "2,500.00", "2,500.00", wan))
	})
}

func segments(total string, rows ...[]string) testTable {
	return testTable{
		context: []string{"（1）营业收入构成", "单位：元"},
		header:  [][]string{{"项目", "2019年金额", "2019年占营业收入比重", "2018年金额", "2018年占营业收入比重"}},
		rows:    append(rows, []string{"合计", total, "100.00%", "300.00", "100.00%"}),
		cols:    []col{noFacts, yuan("2019"), pct("2019"), yuan("2018"), pct("2018")},
	}
}

func TestTableSegmentTotals(t *testing.T) {
	rows := [][]string{{"医药", "600.00", "60.00%", "100.00", "33.33%"}, {"染料", "400.00", "40.00%", "200.00", "66.67%"}}
	t.Run("rows add up to 合计, shares to 100%", func(t *testing.T) {
		runTables(t, CheckTotal, []verdict{{true, "add up to 1000"}, {true, "add up to 100"}, {true, "add up to 300"}, {true, "add up to 100"}},
			segments("1,000.00", rows...))
	})
	t.Run("a fen off", func(t *testing.T) {
		runTables(t, CheckTotal, []verdict{{false, "add up to 1000, but 合计 prints 1,000.01"}, {true, ""}, {true, ""}, {true, ""}},
			segments("1,000.01", rows...))
	})
	t.Run("subtotals and 其中", func(t *testing.T) {
		runTables(t, CheckTotal, []verdict{{true, "add up to 150 (1 rows after 其中 are its parts)"},
			{true, "the 其中 parts of 其他应收款 add up to 40, not more than"}, {true, "add up to 200"}, {true, "add up to 350"}},
			testTable{
				context: []string{"合并资产负债表", "单位：元"},
				header:  [][]string{{"项目", "2019年12月31日"}},
				rows: [][]string{{"流动资产：", ""}, {"货币资金", "100.00"}, {"其他应收款", "50.00"}, {"其中：应收利息", "10.00"},
					{"应收股利", "30.00"}, {"流动资产合计", "150.00"}, {"非流动资产：", ""}, {"固定资产", "180.00"},
					{"在建工程", "20.00"}, {"非流动资产合计", "200.00"}, {"资产总计", "350.00"}},
				cols: []col{noFacts, yuan("2019-12-31")},
			})
	})
	t.Run("a 其中 part larger than its item", func(t *testing.T) {
		runTables(t, CheckTotal, []verdict{{true, "add up to 150"}, {false, "the 其中 parts of 其他应收款 add up to 70"}},
			testTable{
				context: []string{"母公司资产负债表", "单位：元"},
				header:  [][]string{{"项目", "2018年12月31日"}},
				rows: [][]string{{"流动资产：", ""}, {"货币资金", "100.00"}, {"其他应收款", "50.00"}, {"其中：应收利息", ""},
					{"应收股利", "70.00"}, {"流动资产合计", "150.00"}},
				cols: []col{noFacts, yuan("2018-12-31")},
			})
	})
}

func breakdownTable(kind string, rows ...[]string) testTable {
	return testTable{
		context: []string{"（5）营业成本构成", "单位：元"},
		header:  [][]string{{kind, "项目", "2019年金额"}},
		rows:    rows,
		cols:    []col{noFacts, noFacts, yuan("2019")},
	}
}

func TestTableBreakdowns(t *testing.T) {
	industry := breakdownTable("行业分类", []string{"医药行业", "原料成本", "788.00"}, []string{"医药行业", "人工成本", "212.00"},
		[]string{"染料行业", "原料成本", "500.00"})
	t.Run("by industry and by product add up to the same", func(t *testing.T) {
		runTables(t, CheckTotal, []verdict{{true, "the 分产品 rows add up to 1500, the 分行业 rows to 1500"}}, industry,
			breakdownTable("产品分类", []string{"原料药", "", "1,000.00"}, []string{"染料", "", "500.00"}))
	})
	t.Run("a fen apart", func(t *testing.T) {
		runTables(t, CheckTotal, []verdict{{false, "not the same"}}, industry,
			breakdownTable("产品分类", []string{"原料药", "", "999.99"}, []string{"染料", "", "500.00"}))
	})
	t.Run("different segments are not compared", func(t *testing.T) {
		got := runTables(t, CheckTotal, []verdict{{false, "they list different segments"}}, industry,
			breakdownTable("产品分类", []string{"原料药", "", "1,000.00"}))
		if got[0].Status != StatusIncomplete || got[0].IsFailed() {
			t.Errorf("status %q, want incomplete and not failed", got[0].Status)
		}
	})
}

func costShares(shares ...string) testTable {
	return testTable{
		context: []string{"（5）营业成本构成", "单位：元"},
		header:  [][]string{{"产品分类", "项目", "2016年金额", "2016年占营业成本比重"}},
		rows: [][]string{{"张国际酒店", "职工薪酬", "6,830,277.17", shares[0]}, {"张国际酒店", "折旧摊销", "8,118,111.68", shares[1]},
			{"张国际酒店", "其他", "7,549,369.69", shares[2]}},
		cols: []col{noFacts, noFacts, yuan("2016"), pct("2016")},
	}
}

func TestTableShares(t *testing.T) {
	t.Run("shares of a group", func(t *testing.T) {
		runTables(t, CheckShares, []verdict{{true, "add up to 100%"}, {true, "is 30.3598%"}, {true, "is 36.0841%"}, {true, "is 33.5561%"}},
			costShares("30.36%", "36.08%", "33.56%"))
	})
	t.Run("shares of the wrong base", func(t *testing.T) {
		runTables(t, CheckShares, []verdict{{false, "add up to 113.4%, more than 100%; the amounts (sum 22497758.54) give 30.36%, 36.08%, 33.56%"}},
			costShares("34.43%", "40.92%", "38.05%"))
	})
	// 6,830,277.17 / 22,497,758.54 is 30.36005…%: printed 30.37 is past
	// the rounding of its last digit.
	t.Run("one share off by a unit", func(t *testing.T) {
		runTables(t, CheckShares, []verdict{{true, "add up to 100.01%"}, {false, "but the table prints 30.37%"}, {true, ""}, {true, ""}},
			costShares("30.37%", "36.08%", "33.56%"))
	})
	t.Run("two breakdowns of one whole in one block", func(t *testing.T) {
		got := runTables(t, CheckShares, []verdict{{false, "add up to 200%, 2 wholes"}},
			testTable{
				context: []string{"营业收入构成", "单位：元"},
				header:  [][]string{{"项目", "金额", "占营业收入比重"}},
				rows: [][]string{{"医药", "600.00", "60.00%"}, {"染料", "400.00", "40.00%"},
					{"原料药", "700.00", "70.00%"}, {"中间体", "300.00", "30.00%"}},
				cols: []col{noFacts, yuan("2019"), pct("2019")},
			})
		if got[0].Status != StatusIncomplete {
			t.Errorf("status %q, want incomplete", got[0].Status)
		}
	})
	t.Run("sections under 按行业 and 按产品", func(t *testing.T) {
		runTables(t, CheckShares, []verdict{{true, "add up to 100%"}, {true, "is 60%"}, {true, "is 40%"},
			{true, "add up to 100%"}, {true, "is 70%"}, {true, "is 30%"}},
			testTable{
				context: []string{"营业收入构成", "单位：元"},
				header:  [][]string{{"项目", "金额", "占营业收入比重"}},
				rows: [][]string{{"按行业", "", ""}, {"医药", "600.00", "60.00%"}, {"染料", "400.00", "40.00%"},
					{"按产品", "", ""}, {"原料药", "700.00", "70.00%"}, {"中间体", "300.00", "30.00%"}},
				cols: []col{noFacts, yuan("2019"), pct("2019")},
			})
	})
	t.Run("a rounding plug to make 100%", func(t *testing.T) {
		// Rounded, the shares are 99.69, 0.28, 0.02, 0.02: 100.01. The
		// report prints 99.68 so that they add up to 100.00.
		runTables(t, CheckShares, []verdict{{true, "adjusted by one unit"}, {true, ""}, {true, ""}, {true, ""}},
			testTable{
				context: []string{"(1). 预付款项按账龄列示", "单位：元 币种：人民币"},
				header:  [][]string{{"账龄", "期初余额金额", "期初余额比例(%)"}},
				rows: [][]string{{"1年以内", "62,843,003.28", "99.68"}, {"1至2年", "173,649.48", "0.28"}, {"2至3年", "10,000.00", "0.02"},
					{"3年以上", "10,000.00", "0.02"}, {"合计", "63,036,652.76", "100.00"}},
				cols: []col{noFacts, yuan("2018-12-31"), pct("2018-12-31")},
			})
	})
	t.Run("a share of a whole the key data prints", func(t *testing.T) {
		runTables(t, CheckShares, []verdict{{false, "is 36.7311%, but the table prints 36.74"}, {true, "is 1.2694"}},
			testTable{
				context: []string{"(一) 主要会计数据", "单位：元 币种：人民币"},
				header:  [][]string{{"主要会计数据", "2019年末", "2018年末"}},
				rows:    [][]string{{"总资产", "2,464,948,703.85", "2,051,223,456.86"}},
				cols:    []col{noFacts, yuan("2019-12-31"), yuan("2018-12-31")},
			},
			testTable{
				context: []string{"1. 资产及负债状况", "单位：元"},
				header:  [][]string{{"项目名称", "本期期末数", "本期期末数占总资产的比例（%）"}},
				rows:    [][]string{{"货币资金", "905,402,299.44", "36.74"}, {"预付款项", "31,290,450.41", "1.27"}},
				cols:    []col{noFacts, yuan("2019-12-31"), pct("2019-12-31")},
			})
	})
}

func changes(rows ...[]string) testTable {
	return testTable{
		context: []string{"1. 利润表及现金流量表相关科目变动分析表", "单位:元 币种:人民币"},
		header:  [][]string{{"科目", "本期数", "上年同期数", "变动比例（%）"}},
		rows:    rows,
		cols:    []col{noFacts, yuan("2019"), yuan("2018"), rate("2019")},
	}
}

func TestTableChanges(t *testing.T) {
	t.Run("growth", func(t *testing.T) {
		runTables(t, CheckGrowth, []verdict{{true, "as printed -4.49"}},
			changes([]string{"营业收入", "1,175,301,034.32", "1,230,537,181.80", "-4.49"}))
	})
	// 202.01 on 200.00 is exactly 1.005%: both 1.00 and 1.01 round it.
	t.Run("at the rounding bound", func(t *testing.T) {
		runTables(t, CheckGrowth, []verdict{{true, ""}, {true, ""}},
			changes([]string{"管理费用", "202.01", "200.00", "1.00"}, []string{"销售费用", "202.01", "200.00", "1.01"}))
	})
	// 2,020.11 on 2,000.00 is 1.0055%: 1.00 is past its rounding.
	t.Run("just past the rounding bound", func(t *testing.T) {
		runTables(t, CheckGrowth, []verdict{{false, "is a growth of 1.0055 %, but the table prints 1.00"}},
			changes([]string{"管理费用", "2,020.11", "2,000.00", "1.00"}))
	})
	t.Run("the signed prior figure's sign", func(t *testing.T) {
		runTables(t, CheckGrowth, []verdict{{false, "the opposite sign: it divides by the negative prior figure"}},
			changes([]string{"财务费用", "-12,024,894.14", "-34,606,861.02", "-65.25"}))
	})
	t.Run("neither convention", func(t *testing.T) {
		runTables(t, CheckGrowth, []verdict{{false, "but the table prints -167.10"}},
			changes([]string{"投资活动产生的现金流量净额", "736,595,319.02", "-1,097,420,702.58", "-167.10"}))
	})
	t.Run("a rate's change printed relative, not in points", func(t *testing.T) {
		// 7.64 on 11.71 is 34.76% less: some reports print that.
		runTables(t, CheckPPChange, []verdict{{true, "printed as the relative change of the rate"}},
			testTable{
				context: []string{"(二) 主要财务指标"},
				header:  [][]string{{"主要财务指标", "2019年", "2018年", "本期比上年同期增减(%)"}},
				rows:    [][]string{{"加权平均净资产收益率（%）", "7.64", "11.71", "-34.76"}},
				cols:    []col{noFacts, pct("2019"), pct("2018"), points("2019")},
			})
	})
	t.Run("points for a row of percents", func(t *testing.T) {
		runTables(t, CheckPPChange, []verdict{{true, "change of -4.07 pp"}, {false, "change of -3.95 pp, but the table prints -3.97 (减少3.97个百分点)"}},
			testTable{
				context: []string{"(二) 主要财务指标"},
				header:  [][]string{{"主要财务指标", "2019年", "2018年", "本期比上年同期增减(%)"}},
				rows: [][]string{{"加权平均净资产收益率（%）", "7.64", "11.71", "减少4.07个百分点"},
					{"扣除非经常性损益后的加权平均净资产收益率（%）", "7.62", "11.57", "减少3.97个百分点"}},
				cols: []col{noFacts, pct("2019"), pct("2018"), points("2019")},
			})
	})
}

func segmentTable(dMargin string) testTable {
	return testTable{
		context: []string{"(1). 主营业务分行业、分产品、分地区情况", "单位:元 币种:人民币"},
		header:  [][]string{{"分行业", "营业收入", "营业成本", "毛利率（%）", "营业收入比上年增减（%）", "营业成本比上年增减（%）", "毛利率比上年增减（%）"}},
		rows:    [][]string{{"生物制药", "1,517,535,227.34", "562,220,894.56", "62.95", "40.88", "46.13", dMargin}},
		cols: []col{noFacts, {kind: money, unit: "CNY", period: "2020", measure: "营业收入"}, {kind: money, unit: "CNY", period: "2020", measure: "营业成本"},
			{kind: percent, unit: "%", period: "2020", measure: "毛利率"}, {kind: growth, unit: "%", period: "2020", measure: "营业收入"},
			{kind: growth, unit: "%", period: "2020", measure: "营业成本"}, {kind: pp, unit: "pp", period: "2020", measure: "毛利率"}},
	}
}

func TestTableMargins(t *testing.T) {
	runTables(t, CheckMargin, []verdict{{true, "is 62.9517%, as printed 62.95"}}, segmentTable("减少1.33个百分点"))
	runTables(t, CheckPPChange, []verdict{{true, "changed by -1.33103 points, as printed"}}, segmentTable("减少1.33个百分点"))
	runTables(t, CheckPPChange, []verdict{{false, "changed by -1.33103 points, but the table prints -2.07 (减少2.07个百分点)"}}, segmentTable("减少2.07个百分点"))
}

func balanceSheet(equity string) testTable {
	return testTable{
		context: []string{"合并资产负债表", "2019年12月31日", "单位:元 币种:人民币"},
		header:  [][]string{{"项目", "2019年12月31日"}},
		rows: [][]string{{"资产总计", "2,464,948,703.85"}, {"负债合计", "719,546,813.39"},
			{"所有者权益（或股东权益）合计", equity}, {"负债和所有者权益（或股东权益）总计", "2,464,948,703.85"}},
		cols: []col{noFacts, yuan("2019-12-31")},
	}
}

func TestTableBalance(t *testing.T) {
	runTables(t, CheckBalance, []verdict{{true, "= 2464948703.85, as printed"}}, balanceSheet("1,745,401,890.46"))
	runTables(t, CheckBalance, []verdict{{false, "= 2464948703.86, but 资产总计 is"}}, balanceSheet("1,745,401,890.47"))
}

func TestTableKeyData(t *testing.T) {
	income := func(revenue string) testTable {
		return testTable{
			context: []string{"合并利润表", "2019年1—12月", "单位:元 币种:人民币"},
			header:  [][]string{{"项目", "附注", "2019年度", "2018年度"}},
			rows:    [][]string{{"一、营业总收入", "", revenue, "1,230,537,181.80"}, {"其中：营业收入", "七、61", revenue, "1,230,537,181.80"}},
			cols:    []col{noFacts, noFacts, yuan("2019"), yuan("2018")},
		}
	}
	runTables(t, CheckKeyData, []verdict{{true, "as 「合并利润表」"}, {true, ""}},
		keyData("1,175,301,034.32", "1,230,537,181.80"), income("1,175,301,034.32"))
	runTables(t, CheckKeyData, []verdict{{false, "but 「合并利润表」"}, {true, ""}},
		keyData("1,175,301,034.32", "1,230,537,181.80"), income("1,175,301,034.33"))
}

func TestTableEdges(t *testing.T) {
	wanTotal := func(total string) testTable {
		return testTable{
			context: []string{"营业收入构成", "单位：万元"},
			header:  [][]string{{"项目", "2019年"}},
			rows:    [][]string{{"医药", "1.00"}, {"染料", "2.00"}, {"合计", total}},
			cols:    []col{noFacts, wan("2019")},
		}
	}
	// 1.00 and 2.00万 are 9,950 to 30,100元 together; 3.01万 is from
	// 30,050元: they meet; 3.02万 (from 30,150元) is past them.
	t.Run("a total in 万元 at the rounding bound", func(t *testing.T) {
		runTables(t, CheckTotal, []verdict{{true, "add up to 30000"}}, wanTotal("3.01"))
	})
	t.Run("a total in 万元 just past the rounding bound", func(t *testing.T) {
		runTables(t, CheckTotal, []verdict{{false, "add up to 30000, but 合计 prints 3.02"}}, wanTotal("3.02"))
	})
	shares := func(a, sa, b, sb string) testTable {
		return testTable{
			context: []string{"营业收入构成", "单位：元"},
			header:  [][]string{{"项目", "金额", "占营业收入比重"}},
			rows:    [][]string{{"医药", a, sa}, {"染料", b, sb}, {"合计", "100,000.00", "100.00%"}},
			cols:    []col{noFacts, yuan("2019"), pct("2019")},
		}
	}
	// 1,005.00 of 100,000.00 is 1.005%: printed 1.00 is at its bound.
	t.Run("shares at the rounding bound", func(t *testing.T) {
		runTables(t, CheckShares, []verdict{{true, "is 1.005%, as printed 1.00%"}, {true, "is 98.995%, as printed 99.00%"}},
			shares("1,005.00", "1.00%", "98,995.00", "99.00%"))
	})
	t.Run("shares just past the rounding bound", func(t *testing.T) {
		runTables(t, CheckShares, []verdict{{false, "is 1.0051%, but the table prints 1.00%"}, {false, "is 98.9949%, but the table prints 99.00%"}},
			shares("1,005.10", "1.00%", "98,994.90", "99.00%"))
	})
	balance := func(equity string) testTable {
		return testTable{
			context: []string{"合并资产负债表", "单位：万元"},
			header:  [][]string{{"项目", "2019年12月31日"}},
			rows:    [][]string{{"资产总计", "100.00"}, {"负债合计", "60.00"}, {"所有者权益合计", equity}},
			cols:    []col{noFacts, wan("2019-12-31")},
		}
	}
	// In 万元 each figure is ±50元: 60.00 + 40.01 is at least 1,000,000元,
	// which 100.00 reaches; 60.00 + 40.02 is past it.
	t.Run("a balance in 万元 at the rounding bound", func(t *testing.T) {
		runTables(t, CheckBalance, []verdict{{true, "= 1000100, as printed"}}, balance("40.01"))
	})
	t.Run("a balance in 万元 just past the rounding bound", func(t *testing.T) {
		runTables(t, CheckBalance, []verdict{{false, "= 1000200, but 资产总计 is"}}, balance("40.02"))
	})
	points := func(change string) testTable {
		return testTable{
			context: []string{"(二) 主要财务指标"},
			header:  [][]string{{"主要财务指标", "2019年", "2018年", "本期比上年同期增减(%)"}},
			rows:    [][]string{{"加权平均净资产收益率（%）", "7.64", "11.71", change}},
			cols:    []col{noFacts, pct("2019"), pct("2018"), points("2019")},
		}
	}
	// 7.64 less 11.71, each ±0.005, is −4.08 to −4.06: −4.08 is within
	// it, −4.09 (from −4.095 to −4.085) past it.
	t.Run("points within the rounding of the rates", func(t *testing.T) {
		runTables(t, CheckPPChange, []verdict{{true, "as printed -4.08"}}, points("减少4.08个百分点"))
	})
	t.Run("points just past the rounding of the rates", func(t *testing.T) {
		runTables(t, CheckPPChange, []verdict{{false, "but the table prints -4.09"}}, points("减少4.09个百分点"))
	})
}

func TestTableNetCashFlow(t *testing.T) {
	flows := func(net string) testTable {
		return testTable{
			context: []string{"合并现金流量表", "单位：元"},
			header:  [][]string{{"项目", "2019年度"}},
			rows: [][]string{{"一、经营活动产生的现金流量：", ""}, {"销售商品、提供劳务收到的现金", "900.00"}, {"收到其他与经营活动有关的现金", "100.00"},
				{"经营活动现金流入小计", "1,000.00"}, {"购买商品、接受劳务支付的现金", "500.00"}, {"支付的各项税费", "200.00"},
				{"经营活动现金流出小计", "700.00"}, {"经营活动产生的现金流量净额", net}},
			cols: []col{noFacts, yuan("2019")},
		}
	}
	runTables(t, CheckTotal, []verdict{{true, "add up to 1000"}, {true, "add up to 700"}, {true, "is 300, as printed 300.00"}}, flows("300.00"))
	runTables(t, CheckTotal, []verdict{{true, ""}, {true, ""}, {false, "is 300, but the table prints 301.00"}}, flows("301.00"))
}
