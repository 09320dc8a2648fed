package audit

import (
	"strings"
	"testing"

	"github.com/cockroachdb/apd/v3"

	"reportfacts/extractors"
)

const (
	money    = extractors.KindMoney
	count    = extractors.KindCount
	percent  = extractors.KindPercent
	growth   = extractors.KindGrowth
	pp       = extractors.KindPPChange
	multiple = extractors.KindMultiple
	date     = extractors.KindDate
)

// cell makes a fact a table cell, whose sentence is the cell's text.
func cell(s spec) spec {
	return s.with(func(f *extractors.Fact) { f.Sentence = f.Text })
}

// tableCell is a money cell of a table, as the extractors' table rule
// gives it.
func tableCell(text, value string) spec {
	return fact(text, money, value, "CNY").with(func(f *extractors.Fact) { f.Rule = "money.table_unit" })
}

// outcome is a finding a case expects: whether it passed, how many facts
// it relates, and words of its detail.
type outcome struct {
	passed bool
	facts  int
	detail string
}

func TestArithmetic(t *testing.T) {
	for _, tc := range []struct {
		name  string
		check string
		raw   string
		specs []spec
		want  []outcome
	}{
		{
			name: "其中 segments add up", check: CheckTotal,
			raw: "全国市场规模达1000亿元，其中华东、华南、华北分别为500亿元、300亿元、200亿元。",
			specs: []spec{fact("1000亿元", money, "100000000000", "CNY"), fact("500亿元", money, "50000000000", "CNY"),
				fact("300亿元", money, "30000000000", "CNY"), fact("200亿元", money, "20000000000", "CNY")},
			want: []outcome{{true, 4, "parts add up to 100000000000"}},
		},
		{
			name: "其中 segments exceed the whole", check: CheckTotal,
			raw: "全国市场规模达1000亿元，其中华东、华南分别为600亿元、500亿元。",
			specs: []spec{fact("1000亿元", money, "100000000000", "CNY"), fact("600亿元", money, "60000000000", "CNY"),
				fact("500亿元", money, "50000000000", "CNY")},
			want: []outcome{{false, 3, "more than the total"}},
		},
		{
			name: "其中 names one part", check: CheckTotal,
			raw:   "全国市场规模达1000亿元，其中华东为500亿元。",
			specs: []spec{fact("1000亿元", money, "100000000000", "CNY"), fact("500亿元", money, "50000000000", "CNY")},
			want:  []outcome{{true, 2, "not all of it"}},
		},
		{
			name: "其中 leaves out a change", check: CheckTotal,
			raw: "营业收入100亿元，其中利息收入98亿元，较上年增加5亿元。",
			specs: []spec{fact("100亿元", money, "10000000000", "CNY"), fact("98亿元", money, "9800000000", "CNY"),
				fact("5亿元", money, "500000000", "CNY")},
			want: []outcome{{true, 2, "not all of it"}},
		},
		{
			name: "合计 of what comes before", check: CheckTotal,
			raw: "A业务收入60.5亿元，B业务收入39.6亿元，合计100.1亿元。",
			specs: []spec{fact("60.5亿元", money, "6050000000", "CNY"), fact("39.6亿元", money, "3960000000", "CNY"),
				fact("100.1亿元", money, "10010000000", "CNY")},
			want: []outcome{{true, 3, "parts add up to 10010000000"}},
		},
		{
			name: "合计 off by more than the rounding", check: CheckTotal,
			raw: "A业务收入60.5亿元，B业务收入39.6亿元，合计100.4亿元。",
			specs: []spec{fact("60.5亿元", money, "6050000000", "CNY"), fact("39.6亿元", money, "3960000000", "CNY"),
				fact("100.4亿元", money, "10040000000", "CNY")},
			want: []outcome{{false, 3, "but the total is 10040000000"}},
		},
		{
			name: "合计 within the rounding of each figure", check: CheckTotal,
			raw: "甲1.24亿元、乙1.24亿元，合计2.5亿元。",
			specs: []spec{fact("1.24亿元", money, "124000000", "CNY"), fact("1.24亿元", money, "124000000", "CNY"),
				fact("2.5亿元", money, "250000000", "CNY")},
			want: []outcome{{true, 3, ""}},
		},
		{
			name: "共 counts of one unit", check: CheckTotal,
			raw:   "新开网点12家、改造网点8家，共20家。",
			specs: []spec{fact("12家", count, "12", "家"), fact("8家", count, "8", "家"), fact("20家", count, "20", "家")},
			want:  []outcome{{true, 3, ""}},
		},
		{
			name: "共 counts of another unit are not parts", check: CheckTotal,
			raw:   "新开网点12家、员工800人，共20家。",
			specs: []spec{fact("12家", count, "12", "家"), fact("800人", count, "800", "人"), fact("20家", count, "20", "家")},
			want:  nil,
		},
		{
			name: "a whole before 分别", check: CheckTotal,
			raw: "2021年市场总规模1000亿元，华东、华南分别为600亿元、410亿元。",
			specs: []spec{fact("1000亿元", money, "100000000000", "CNY"), fact("600亿元", money, "60000000000", "CNY"),
				fact("410亿元", money, "41000000000", "CNY")},
			want: []outcome{{false, 3, "分别"}},
		},
		{
			name: "分别 without a whole is no total", check: CheckTotal,
			raw: "招商银行营收3313亿元，工行、建行分别为9427亿元、8242亿元。",
			specs: []spec{fact("3313亿元", money, "331300000000", "CNY"), fact("9427亿元", money, "942700000000", "CNY"),
				fact("8242亿元", money, "824200000000", "CNY")},
			want: nil,
		},
		{
			name: "approximate figures take no part", check: CheckTotal,
			raw: "A约60亿元，B约40亿元，合计100亿元。",
			specs: []spec{fact("约60亿元", money, "6000000000", "CNY").with(func(f *extractors.Fact) { f.Qualifier = extractors.QualApprox }),
				fact("约40亿元", money, "4000000000", "CNY").with(func(f *extractors.Fact) { f.Qualifier = extractors.QualApprox }),
				fact("100亿元", money, "10000000000", "CNY")},
			want: nil,
		},
		{
			name: "prices per unit are not parts", check: CheckTotal,
			raw: "首期回购价格为15.55元/股，预留部分为10.90元/股，回购价款总计1,047,756.25元。",
			specs: []spec{fact("15.55元", money, "15.55", "CNY"), fact("10.90元", money, "10.90", "CNY"),
				fact("1,047,756.25元", money, "1047756.25", "CNY")},
			want: nil,
		},
		{
			name: "a total in brackets sums only what the brackets hold", check: CheckTotal,
			raw: "净利润60.5亿元，未分配利润50.4亿元（注：两家子公司分配利润合计为7.7亿元）。",
			specs: []spec{fact("60.5亿元", money, "6050000000", "CNY"), fact("50.4亿元", money, "5040000000", "CNY"),
				fact("7.7亿元", money, "770000000", "CNY")},
			want: nil,
		},
		{
			name: "a total in brackets with its parts", check: CheckTotal,
			raw: "净利润60.5亿元（其中子公司甲2.1亿元、乙3.4亿元，共计5.6亿元）。",
			specs: []spec{fact("60.5亿元", money, "6050000000", "CNY"), fact("2.1亿元", money, "210000000", "CNY"),
				fact("3.4亿元", money, "340000000", "CNY"), fact("5.6亿元", money, "560000000", "CNY")},
			want: []outcome{{true, 3, "其中"}, {true, 3, "合计"}},
		},
		{
			name: "changes of accounts are not parts", check: CheckTotal,
			raw: "归还出资170,100.00元，其中，减少实收资本105,000元，减少资本公积131,250.00元。",
			specs: []spec{fact("170,100.00元", money, "170100", "CNY"), fact("105,000元", money, "105000", "CNY"),
				fact("131,250.00元", money, "131250", "CNY")},
			want: nil,
		},
		{
			name: "减少为 leads to a level", check: CheckTotal,
			raw:   "总股本为210,674,875股，其中限售股减少为1,593,000股。",
			specs: []spec{fact("210,674,875股", count, "210674875", "股"), fact("1,593,000股", count, "1593000", "股")},
			want:  []outcome{{true, 2, "not all of it"}},
		},
		{
			name: "table cells of the same text are not one sentence", check: CheckTotal,
			raw: "项目 2019年 2018年 2017年\n1,274 1,274 合计 1,274\n",
			specs: []spec{cell(fact("1,274", count, "1274", "")), cell(fact("1,274", count, "1274", "")),
				cell(fact("1,274", count, "1274", ""))},
			want: nil,
		},
		{
			name: "a table's 合计 row, column by column", check: CheckTotal,
			raw: "单位:元 币种:人民币 项目 期末余额 期初余额 库存现金 290,518.73 187,365.12 银行存款 900,273,149.20 598,593,470.82 合计 900,563,667.93 598,780,836.94",
			specs: []spec{tableCell("290,518.73", "290518.73"), tableCell("187,365.12", "187365.12"),
				tableCell("900,273,149.20", "900273149.20"), tableCell("598,593,470.82", "598593470.82"),
				tableCell("900,563,667.93", "900563667.93"), tableCell("598,780,836.94", "598780836.94")},
			want: []outcome{{true, 3, "table column 1"}, {false, 3, "table column 2: rows add up to 598780835.94"}},
		},
		{
			name: "a table one cell a line, with a percent column", check: CheckTotal,
			raw: "单位： 元\n账龄\n金额\n比例\n金额\n比例\n1 年以内\n6,024,321.09\n94.09%\n3,142,821.44\n78.49%\n1 至 2 年\n378,318.10\n5.91%\n861,173.13\n21.51%\n合计\n6,402,639.19\n100%\n4,003,994.57\n100%",
			specs: []spec{tableCell("6,024,321.09", "6024321.09"), tableCell("3,142,821.44", "3142821.44"),
				tableCell("378,318.10", "378318.10"), tableCell("861,173.13", "861173.13"),
				tableCell("6,402,639.19", "6402639.19"), tableCell("4,003,994.57", "4003994.57")},
			want: []outcome{{true, 3, "table column 1"}, {true, 3, "table column 2"}},
		},
		{
			name: "a table with a subtotal row", check: CheckTotal,
			raw: "单位： 元\n账龄\t账面余额\n1 年以内\t12,618,376.33\n3 年以上\t14,425,700.41\n3 至 4 年\t2,214,569.77\n4 至 5 年\t510,000.00\n5 年以上\t11,701,130.64\n合计\t27,044,076.74",
			specs: []spec{tableCell("12,618,376.33", "12618376.33"), tableCell("14,425,700.41", "14425700.41"),
				tableCell("2,214,569.77", "2214569.77"), tableCell("510,000.00", "510000"),
				tableCell("11,701,130.64", "11701130.64"), tableCell("27,044,076.74", "27044076.74")},
			want: []outcome{{true, 5, "table column 1: rows add up to 27044076.74"}},
		},
		{
			name: "a subtotal over one row", check: CheckTotal,
			raw: "单位： 元\n账龄\t账面余额\n1 年以内\t129,484,273.40\n1 至 2 年\t508,161.68\n3 年以上\t234,919.32\n3 至 4 年\t234,919.32\n合计\t130,227,354.40",
			specs: []spec{tableCell("129,484,273.40", "129484273.40"), tableCell("508,161.68", "508161.68"),
				tableCell("234,919.32", "234919.32"), tableCell("234,919.32", "234919.32"),
				tableCell("130,227,354.40", "130227354.40")},
			want: []outcome{{true, 4, ""}},
		},
		{
			name: "a first row that happens to equal the two under it", check: CheckTotal,
			raw: "单位： 元\n项目\t金额\n甲\t100.00\n乙\t60.00\n丙\t40.00\n合计\t200.00",
			specs: []spec{tableCell("100.00", "100"), tableCell("60.00", "60"), tableCell("40.00", "40"),
				tableCell("200.00", "200")},
			want: []outcome{{true, 4, ""}},
		},
		{
			name: "a cell the extractors missed stops the check", check: CheckTotal,
			raw:   "单位： 元\n项目\t金额\n甲\t100.00\n乙\t60.00\n丙 40,000.00\n合计\t40,160.00",
			specs: []spec{tableCell("100.00", "100"), tableCell("60.00", "60"), tableCell("40,160.00", "40160")},
			want:  nil,
		},
		{
			name: "a table with a blank cell is not summed", check: CheckTotal,
			raw: "项目 期末余额 期初余额 库存现金 290,518.73 银行存款 900,273,149.20 598,593,470.82 合计 900,563,667.93 598,593,470.82",
			specs: []spec{tableCell("290,518.73", "290518.73"),
				tableCell("900,273,149.20", "900273149.20"), tableCell("598,593,470.82", "598593470.82"),
				tableCell("900,563,667.93", "900563667.93"), tableCell("598,593,470.82", "598593470.82")},
			want: nil,
		},
		{
			name: "a table with a category over sub-rows is not summed", check: CheckTotal,
			raw: "项目 账面余额 减值准备 可供出售权益工具：\n32,136,812.50\n4,136,812.50\n按成本计量的\n32,136,812.50\n4,136,812.50\n合计\n32,136,812.50\n4,136,812.50",
			specs: []spec{tableCell("32,136,812.50", "32136812.50"), tableCell("4,136,812.50", "4136812.50"),
				tableCell("32,136,812.50", "32136812.50"), tableCell("4,136,812.50", "4136812.50"),
				tableCell("32,136,812.50", "32136812.50"), tableCell("4,136,812.50", "4136812.50")},
			want: nil,
		},
		{
			name: "shares of a whole", check: CheckShares,
			raw:   "一线、二线、三线城市占比分别为50.2%、30.1%、19.7%。",
			specs: []spec{fact("50.2%", percent, "50.2", "%"), fact("30.1%", percent, "30.1", "%"), fact("19.7%", percent, "19.7", "%")},
			want:  []outcome{{true, 3, "a whole"}},
		},
		{
			name: "shares rounded to a third", check: CheckShares,
			raw:   "三类客户的占比分别为33.3%、33.3%和33.3%。",
			specs: []spec{fact("33.3%", percent, "33.3", "%"), fact("33.3%", percent, "33.3", "%"), fact("33.3%", percent, "33.3", "%")},
			want:  []outcome{{true, 3, ""}},
		},
		{
			name: "shares over 100%", check: CheckShares,
			raw:   "一线、二线、三线城市占比分别为50%、30%、25%。",
			specs: []spec{fact("50%", percent, "50", "%"), fact("30%", percent, "30", "%"), fact("25%", percent, "25", "%")},
			want:  []outcome{{false, 3, "more than 100%"}},
		},
		{
			name: "some of the shares", check: CheckShares,
			raw:   "一线、二线城市占比分别为50%、30%。",
			specs: []spec{fact("50%", percent, "50", "%"), fact("30%", percent, "30", "%")},
			want:  []outcome{{false, 2, "not all of it, not checked"}},
		},
		{
			name: "rates that are not shares", check: CheckShares,
			raw:   "八家银行的资本充足率分别为13.5%、14.1%、15.2%、12.9%、13.3%、14.8%、12.6%、13.0%。",
			specs: []spec{fact("13.5%", percent, "13.5", "%"), fact("14.1%", percent, "14.1", "%"), fact("15.2%", percent, "15.2", "%"), fact("12.9%", percent, "12.9", "%"), fact("13.3%", percent, "13.3", "%"), fact("14.8%", percent, "14.8", "%"), fact("12.6%", percent, "12.6", "%"), fact("13.0%", percent, "13.0", "%")},
			want:  nil,
		},
		{
			name: "a share of a stated whole", check: CheckShares,
			raw: "营业收入项目金额为人民币2,941,412,770.30元，其中主营业务收入为人民币2,925,688,906.14元，占营业收入的99.47%。",
			specs: []spec{fact("人民币2,941,412,770.30元", money, "2941412770.30", "CNY"),
				fact("人民币2,925,688,906.14元", money, "2925688906.14", "CNY"), fact("99.47%", percent, "99.47", "%")},
			want: []outcome{{true, 3, "99.4654%"}},
		},
		{
			name: "two shares of one whole, one wrong", check: CheckShares,
			raw: "营业收入为117,530.10万元，其中冷冻设备销售收入为37,131.82万元，占营业收入的31.59%，罐式集装箱收入为76,432.12万元，占营业收入的65.3%。",
			specs: []spec{fact("117,530.10万元", money, "1175301000", "CNY"), fact("37,131.82万元", money, "371318200", "CNY"),
				fact("31.59%", percent, "31.59", "%"), fact("76,432.12万元", money, "764321200", "CNY"),
				fact("65.3%", percent, "65.3", "%")},
			want: []outcome{{true, 3, "as stated 31.59%"}, {false, 3, "but the text states 65.3%"}},
		},
		{
			name: "a share whose whole is not stated", check: CheckShares,
			raw:   "2021年招商银行金融科技投入132.78亿元，占营业收入的4.01%。",
			specs: []spec{fact("132.78亿元", money, "13278000000", "CNY"), fact("4.01%", percent, "4.01", "%")},
			want:  nil,
		},
		{
			name: "翻番 from one year to the next", check: CheckGrowth,
			raw: "营业收入由2020年的6.41亿元增至2021年的13.46亿元，实现翻番。",
			specs: []spec{fact("2020年", date, "", ""), fact("6.41亿元", money, "641000000", "CNY").period("2020"),
				fact("2021年", date, "", ""), fact("13.46亿元", money, "1346000000", "CNY").period("2021"), fact("翻番", multiple, "2", "x")},
			want: []outcome{{true, 3, "2.09984 times"}},
		},
		{
			name: "翻番 before the values it relates", check: CheckGrowth,
			raw: "中金公司投入翻番，由2020年的6.41亿元增至13.46亿元；华林证券投入由2亿元增至3亿元，增长50%。",
			specs: []spec{fact("翻番", multiple, "2", "x"), fact("2020年", date, "", ""),
				fact("6.41亿元", money, "641000000", "CNY"), fact("13.46亿元", money, "1346000000", "CNY"),
				fact("2亿元", money, "200000000", "CNY"), fact("3亿元", money, "300000000", "CNY"),
				fact("增长50%", growth, "50", "%")},
			want: []outcome{{true, 3, "as stated 翻番"}, {true, 3, "50% growth"}},
		},
		{
			name: "a relation after one change is not the next one's", check: CheckGrowth,
			raw:   "营收由100亿元增至200亿元，实现翻番，利润由10亿元增至11亿元。",
			specs: []spec{fact("100亿元", money, "10000000000", "CNY"), fact("200亿元", money, "20000000000", "CNY"), fact("翻番", multiple, "2", "x"), fact("10亿元", money, "1000000000", "CNY"), fact("11亿元", money, "1100000000", "CNY")},
			want:  []outcome{{true, 3, "10000000000 to 20000000000"}},
		},
		{
			name: "翻番 that is not", check: CheckGrowth,
			raw: "营业收入由2020年的6.41亿元增至2021年的9.46亿元，实现翻番。",
			specs: []spec{fact("6.41亿元", money, "641000000", "CNY"), fact("9.46亿元", money, "946000000", "CNY"),
				fact("翻番", multiple, "2", "x")},
			want: []outcome{{false, 3, "but the text states 翻番"}},
		},
		{
			name: "增长1.4倍 read as 2.4 times", check: CheckGrowth,
			raw:   "用户数从10万户增加到24万户，增长1.4倍。",
			specs: []spec{fact("10万户", count, "100000", "户"), fact("24万户", count, "240000", "户"), fact("1.4倍", multiple, "1.4", "x")},
			want:  []outcome{{true, 3, ""}},
		},
		{
			name: "a growth rate and its two values", check: CheckGrowth,
			raw: "营业收入由100亿元增至120亿元，同比增长20%；净利润由10.0亿元增至11.0亿元，同比增长12%。",
			specs: []spec{fact("100亿元", money, "10000000000", "CNY"), fact("120亿元", money, "12000000000", "CNY"),
				fact("同比增长20%", growth, "20", "%"), fact("10.0亿元", money, "1000000000", "CNY"),
				fact("11.0亿元", money, "1100000000", "CNY"), fact("同比增长12%", growth, "12", "%")},
			want: []outcome{{true, 3, "20% growth"}, {false, 3, "but the text states 12%"}},
		},
		{
			name: "a compound rate over three years", check: CheckGrowth,
			raw: "规模由2018年的100亿元增长到2021年的133.1亿元，年均复合增长率为10%。",
			specs: []spec{fact("100亿元", money, "10000000000", "CNY").period("2018"),
				fact("133.1亿元", money, "13310000000", "CNY").period("2021"),
				fact("10%", growth, "10", "%").basis(extractors.BasisCAGR)},
			want: []outcome{{true, 3, "over 3 years"}},
		},
		{
			name: "a range is not a change", check: CheckGrowth,
			raw:   "预计增速在15%至20%之间，同比增长5%。",
			specs: []spec{fact("15%", percent, "15", "%"), fact("20%", percent, "20", "%"), fact("5%", growth, "5", "%")},
			want:  nil,
		},
		{
			name: "a year apart, in one document", check: CheckGrowth,
			raw: "2020年招商银行营业收入2905亿元。2021年招商银行营业收入3313亿元，同比增长14.04%。",
			specs: []spec{fact("2905亿元", money, "290500000000", "CNY").attr("招商银行", "营业收入", "2020"),
				fact("3313亿元", money, "331300000000", "CNY").attr("招商银行", "营业收入", "2021"),
				fact("14.04%", growth, "14.04", "%").attr("招商银行", "营业收入", "2021").basis(extractors.BasisYoY)},
			want: []outcome{{true, 3, "14.0448% growth"}},
		},
		{
			name: "a year apart, wrong", check: CheckGrowth,
			raw: "2020年招商银行营业收入2905亿元。2021年招商银行营业收入3313亿元，同比增长15.2%。",
			specs: []spec{fact("2905亿元", money, "290500000000", "CNY").attr("招商银行", "营业收入", "2020"),
				fact("3313亿元", money, "331300000000", "CNY").attr("招商银行", "营业收入", "2021"),
				fact("15.2%", growth, "15.2", "%").attr("招商银行", "营业收入", "2021").basis(extractors.BasisYoY)},
			want: []outcome{{false, 3, "but the text states 15.2%"}},
		},
		{
			name: "a year apart, ambiguous", check: CheckGrowth,
			raw: "2020年营业收入2905亿元，另一口径为2890亿元。2021年营业收入3313亿元，同比增长15.2%。",
			specs: []spec{fact("2905亿元", money, "290500000000", "CNY").attr("招商银行", "营业收入", "2020"),
				fact("2890亿元", money, "289000000000", "CNY").attr("招商银行", "营业收入", "2020"),
				fact("3313亿元", money, "331300000000", "CNY").attr("招商银行", "营业收入", "2021"),
				fact("15.2%", growth, "15.2", "%").attr("招商银行", "营业收入", "2021").basis(extractors.BasisYoY)},
			want: nil,
		},
		{
			name: "percentage points between two shares", check: CheckPPChange,
			raw: "不良贷款率由1.50%降至1.30%，下降0.20个百分点。",
			specs: []spec{fact("1.50%", percent, "1.50", "%"), fact("1.30%", percent, "1.30", "%"),
				fact("0.20个百分点", pp, "-0.20", "pp")},
			want: []outcome{{true, 3, "-0.2 points"}},
		},
		{
			name: "percentage points of the wrong sign", check: CheckPPChange,
			raw: "不良贷款率由1.50%降至1.30%，上升0.20个百分点。",
			specs: []spec{fact("1.50%", percent, "1.50", "%"), fact("1.30%", percent, "1.30", "%"),
				fact("0.20个百分点", pp, "0.20", "pp")},
			want: []outcome{{false, 3, "but the text states 0.20"}},
		},
		{
			name: "percentage points a year apart", check: CheckPPChange,
			raw: "2020年不良贷款率1.07%。2021年不良贷款率0.91%，比上年下降0.16个百分点。",
			specs: []spec{fact("1.07%", percent, "1.07", "%").attr("招商银行", "不良贷款率", "2020"),
				fact("0.91%", percent, "0.91", "%").attr("招商银行", "不良贷款率", "2021"),
				fact("0.16个百分点", pp, "-0.16", "pp").attr("招商银行", "不良贷款率", "2021")},
			want: []outcome{{true, 3, ""}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			df := makeDoc(t, 1, "test.txt", tc.raw, tc.specs...)
			got := checkArithmetic(tc.check, []docFacts{df})
			if len(got) != len(tc.want) {
				t.Fatalf("%d findings, want %d:%s", len(got), len(tc.want), describe(got))
			}
			for i, w := range tc.want {
				g := got[i]
				if g.Check != tc.check || g.Passed != w.passed || len(g.FactKeys) != w.facts || !strings.Contains(g.Detail, w.detail) {
					t.Errorf("finding %d = %s passed=%v facts=%d %q; want passed=%v facts=%d detail with %q",
						i, g.Check, g.Passed, len(g.FactKeys), g.Detail, w.passed, w.facts, w.detail)
				}
				if len(g.Figures) != len(g.FactKeys) || g.Document != "test.txt" || g.Sentence == "" || g.Page != 1 {
					t.Errorf("finding %d lacks its figures, document, sentence or page: %+v", i, g)
				}
			}
		})
	}
}

// TestYearApartAcrossDocuments relates a growth rate in one report to the
// values another report states.
func TestYearApartAcrossDocuments(t *testing.T) {
	a := makeDoc(t, 1, "2020年报.txt", "2020年招商银行营业收入2905亿元。",
		fact("2905亿元", money, "290500000000", "CNY").attr("招商银行", "营业收入", "2020"))
	b := makeDoc(t, 2, "2021年报.txt", "2021年招商银行营业收入3313亿元，同比增长14.04%。",
		fact("3313亿元", money, "331300000000", "CNY").attr("招商银行", "营业收入", "2021"),
		fact("14.04%", growth, "14.04", "%").attr("招商银行", "营业收入", "2021").basis(extractors.BasisYoY))
	got := checkArithmetic(CheckGrowth, []docFacts{a, b})
	if len(got) != 1 || !got[0].Passed {
		t.Fatalf("findings = %s, want one passed", describe(got))
	}
	g := got[0]
	if g.Document != "2021年报.txt" || g.FactKeys[0] != b.Facts[1].Key || !strings.Contains(g.Detail, "2020年报.txt") {
		t.Errorf("finding = %+v, want it on the growth rate of 2021年报.txt naming 2020年报.txt", g)
	}
}

func TestHalfUnit(t *testing.T) {
	for _, tc := range []struct{ text, value, half string }{
		{"1554.17亿元", "155417000000", "500000"},
		{"1.4亿个", "140000000", "5000000"},
		{"38,420 项", "38420", "0.5"},
		{"同比增长9.10%", "9.10", "0.005"},
		{"下降0.07个百分点", "-0.07", "0.005"},
		{"２．５％", "2.5", "0.05"},
		{"一千五百亿", "150000000000", "5000000000"},
		{"翻番", "2", "0.5"},
		{"持平", "0", "0"},
		{"0.0%", "0", "0.05"},
		{"6\n,\n279\n,\n00\n0\n股", "6279000", "0.5"},
		{"1554.17 亿元", "155417000000", "500000"},
	} {
		v, _, err := apd.NewFromString(tc.value)
		if err != nil {
			t.Fatal(err)
		}
		if got := plain(halfUnit(tc.text, v)); got != tc.half {
			t.Errorf("halfUnit(%q, %s) = %s, want %s", tc.text, tc.value, got, tc.half)
		}
	}
}

func TestShiftYear(t *testing.T) {
	for in, want := range map[string]string{
		"2021":               "2020",
		"2021-06":            "2020-06",
		"2024-01..2024-06":   "2023-01..2023-06",
		"2021-12-31":         "2020-12-31",
		"上半年":                "",
		"2021-01-01..2021-x": "2020-01-01..2020-x",
	} {
		got, ok := shiftYear(in, -1)
		if (want == "") == ok || got != want {
			t.Errorf("shiftYear(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}
