package extractors

import (
	"context"
	"os"
	"runtime"
	"slices"
	"testing"
	"time"

	"reportfacts/pipeline/source"
	"reportfacts/pipeline/text"
)

// seedFact is a hand-annotated fact of the seed report, checked against
// FACTS.md by reading the sentence. A fact is found by kind, value (or
// from/to) and its occurrence among the facts with those; "*" in a field
// means the field is not checked, where the report leaves it open.
type seedFact struct {
	kind, value, from, to string
	nth                   int // 0 for the first fact with this kind and value
	unit                  string
	entity, metric        string
	period                string
}

var seedFacts = []seedFact{
	// 仅以银行业为例,2021年全年14家银行金融科技资金投入合计超过1500亿。
	{kind: KindMoney, value: "150000000000", unit: "CNY", entity: "14家银行", metric: "金融科技资金投入", period: "2021"},
	{kind: KindPeriod, from: "2021", to: "2025", unit: "", entity: "*", metric: "", period: "2021..2025"},
	// 截止2021年10月,已累计开立数字人民币个人钱包1.4亿个,企业钱包1000万个,累计交易笔数1.5亿笔,交易额接近620亿元。
	{kind: KindCount, value: "140000000", unit: "个", entity: "*", metric: "数字人民币个人钱包", period: "2021-10"},
	{kind: KindCount, value: "10000000", unit: "个", entity: "*", metric: "企业钱包", period: "2021-10"},
	{kind: KindCount, value: "150000000", unit: "笔", entity: "*", metric: "累计交易笔数", period: "2021-10"},
	{kind: KindMoney, value: "62000000000", unit: "CNY", entity: "*", metric: "交易额", period: "2021-10"},
	{kind: KindDate, from: "2021-10", to: "2021-10", entity: "*", period: "2021-10"},
	{kind: KindDate, from: "2021-12-31", to: "2021-12-31", entity: "*", period: "2021-12-31"},
	// 2021年中国人工智能核心产业规模超过1800亿元,至2025年预计超过4500亿元,2021-2025年人工智能核心产品复合增长率为24%。
	{kind: KindMoney, value: "180000000000", unit: "CNY", entity: "中国", metric: "人工智能核心产业规模", period: "2021"},
	{kind: KindMoney, value: "450000000000", unit: "CNY", entity: "中国", metric: "人工智能核心产业规模", period: "2025"},
	{kind: KindPeriod, from: "2021", to: "2025", nth: 1, entity: "*", period: "2021..2025"},
	{kind: KindGrowth, value: "24", unit: "%", entity: "中国", metric: "人工智能核心产品", period: "2021..2025"},
	// 截至到2020年年底,中国人工智能相关的专利申请数量已超61万件,占全球总申请数量的27.45%
	{kind: KindCount, value: "610000", unit: "件", entity: "中国", metric: "专利申请数量", period: "2020-12-31"},
	{kind: KindPercent, value: "27.45", unit: "%", entity: "中国", metric: "占全球总申请数量", period: "2020-12-31"},
	// 截至2021年,我国人工智能企业主要分布在京津冀、长三角和粤港澳大湾区三大都市圈,占比分别为31.02%,30.23%和26.39%。
	{kind: KindPercent, value: "31.02", unit: "%", entity: "京津冀", metric: "占比", period: "2021"},
	{kind: KindPercent, value: "30.23", unit: "%", entity: "长三角", metric: "占比", period: "2021"},
	{kind: KindPercent, value: "29.73", unit: "%", entity: "北京市", metric: "占比", period: "2021"},
	{kind: KindPercent, value: "8.14", unit: "%", entity: "广州市", metric: "占比", period: "2021"},
	// 2020年中国云计算市场规模达到2091亿元,较2019年增长56.6%。
	{kind: KindMoney, value: "209100000000", unit: "CNY", entity: "中国", metric: "云计算市场规模", period: "2020"},
	{kind: KindGrowth, value: "56.6", unit: "%", entity: "中国", metric: "云计算市场规模", period: "2020"},
	{kind: KindDate, from: "2019", to: "2019", entity: "*", period: "2019"},
	// 2020年我国公有云SaaS、PaaS、IaaS市场规模分别达到278亿元、100亿元和895亿元。
	{kind: KindMoney, value: "27800000000", unit: "CNY", entity: "SaaS", metric: "市场规模", period: "2020"},
	{kind: KindMoney, value: "89500000000", unit: "CNY", entity: "IaaS", metric: "市场规模", period: "2020"},
	// 网络设备、安全设备、存储设备、光模块的支出占比分别为11%、9%、6%和5%。
	{kind: KindPercent, value: "11", unit: "%", entity: "网络设备", metric: "支出占比", period: ""},
	{kind: KindPercent, value: "5", unit: "%", entity: "光模块", metric: "支出占比", period: ""},
	// 2021年中国大数据产业规模达7512亿元,同比增长17.6%
	{kind: KindMoney, value: "751200000000", unit: "CNY", entity: "中国", metric: "大数据产业规模", period: "2021"},
	{kind: KindGrowth, value: "17.6", unit: "%", entity: "中国", metric: "大数据产业规模", period: "2021"},
	// 在2021年14家银行金融科技资金投入合计1554.17亿元中,6家国有大行……投入合计1074.93亿元,同比增长10.77%。
	{kind: KindMoney, value: "155417000000", unit: "CNY", entity: "14家银行", metric: "金融科技资金投入", period: "2021"},
	{kind: KindMoney, value: "107493000000", unit: "CNY", entity: "6家国有大行", metric: "投入", period: "2021"},
	{kind: KindGrowth, value: "10.77", unit: "%", entity: "6家国有大行", metric: "投入", period: "2021"},
	// 其中,“宇宙行”工行金融科技投入排名第一,为259.87亿元,同比增长9.10%,占总营收比例为2.76%,较2020年增加0.06个百分点;
	{kind: KindMoney, value: "25987000000", unit: "CNY", entity: "工商银行", metric: "金融科技投入", period: "2021"},
	{kind: KindGrowth, value: "9.10", unit: "%", entity: "工商银行", metric: "金融科技投入", period: "2021"},
	{kind: KindPercent, value: "2.76", unit: "%", entity: "工商银行", metric: "占总营收比例", period: "2021"},
	{kind: KindPPChange, value: "0.06", unit: "pp", entity: "工商银行", metric: "占总营收比例", period: "2021"},
	// 依次为建行、农行、中行、邮储银行、交行,分别为235.76亿元、…,增速分别为6.64%、…,
	// 占总营收比例分别为2.86%、…,占总营收比例分别较2020年下降0.07个百分点、…、持平、增加1.18个百分点。
	{kind: KindMoney, value: "23576000000", unit: "CNY", entity: "建设银行", metric: "科技资金投入", period: "2021"},
	{kind: KindMoney, value: "20532000000", unit: "CNY", entity: "农行", metric: "科技资金投入", period: "2021"},
	{kind: KindMoney, value: "18618000000", unit: "CNY", entity: "中国银行", metric: "科技资金投入", period: "2021"},
	{kind: KindMoney, value: "10030000000", unit: "CNY", entity: "邮储银行", metric: "科技资金投入", period: "2021"},
	{kind: KindMoney, value: "8750000000", unit: "CNY", entity: "交行", metric: "科技资金投入", period: "2021"},
	{kind: KindGrowth, value: "6.64", unit: "%", entity: "建设银行", metric: "科技资金投入", period: "2021"},
	{kind: KindGrowth, value: "23.60", unit: "%", entity: "交行", metric: "科技资金投入", period: "2021"},
	{kind: KindPercent, value: "3.07", unit: "%", entity: "中国银行", metric: "占总营收比例", period: "2021"},
	{kind: KindPPChange, value: "-0.07", unit: "pp", entity: "建设银行", metric: "占总营收比例", period: "2021"},
	{kind: KindPPChange, value: "0", unit: "pp", entity: "邮储银行", metric: "占总营收比例", period: "2021"},
	{kind: KindPPChange, value: "1.18", unit: "pp", entity: "交行", metric: "占总营收比例", period: "2021"},
	// 2021年8家全国性股份行金融科技资金投入合计479.24亿元,同比增长17.02%。依次为招行、中信银行、…
	{kind: KindMoney, value: "47924000000", unit: "CNY", entity: "8家全国性股份行", metric: "金融科技资金投入", period: "2021"},
	{kind: KindGrowth, value: "17.02", unit: "%", entity: "8家全国性股份行", metric: "金融科技资金投入", period: "2021"},
	{kind: KindMoney, value: "13291000000", unit: "CNY", entity: "招商银行", metric: "科技资金投入", period: "2021"},
	{kind: KindMoney, value: "945000000", unit: "CNY", entity: "渤海银行", metric: "科技资金投入", period: "2021"},
	{kind: KindGrowth, value: "233.49", unit: "%", entity: "恒丰银行", metric: "科技资金投入", period: "2021"},
	{kind: KindPercent, value: "3.24", unit: "%", entity: "渤海银行", metric: "占总营收比例", period: "2021"},
	// 同时,恒丰银行2021年金融科技资金投入实现了高达233.49%的增速
	{kind: KindGrowth, value: "233.49", nth: 1, unit: "%", entity: "恒丰银行", metric: "金融科技资金投入", period: "2021"},
	// 中金公司投入翻番,由2020年的6.41亿元增至13.46亿元
	{kind: KindMoney, value: "641000000", unit: "CNY", entity: "中金公司", metric: "投入", period: "2020"},
	// (the paragraph goes on with the 2021 of the one before it, which ended on these firms)
	{kind: KindMoney, value: "1346000000", unit: "CNY", entity: "中金公司", metric: "投入", period: "2021"},
	// 2021年中国平安科技业务总收入达992.72亿元,同比增长9.8%
	{kind: KindMoney, value: "99272000000", unit: "CNY", entity: "中国平安", metric: "科技业务总收入", period: "2021"},
	{kind: KindGrowth, value: "9.8", unit: "%", entity: "中国平安", metric: "科技业务总收入", period: "2021"},
	// 截至2021 年12月末,公司科技专利申请数较年初增加7,008项,累计达38,420 项
	{kind: KindCount, value: "38420", unit: "项", entity: "中国平安", metric: "科技专利申请数", period: "2021-12-31"},
	// 自2019年末,央行、发改委……
	{kind: KindDate, from: "2019-12-31", to: "2019-12-31", entity: "*", period: "2019-12-31"},
	// (the span of 《北京市促进金融科技发展规划(2018年-2022年)》 names the plan:
	// a year inside a title in 《》 is no fact, see TestScanDates.)
}

func TestAttributeSeed(t *testing.T) {
	const path = "../seeds/000_dbf8deccee350033.txt"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("seed report not available: %v", err)
	}
	ctx := context.Background()
	doc, err := source.Read(ctx, path)
	if err != nil {
		t.Fatalf("read seed: %v", err)
	}
	facts, err := Extract(ctx, text.New(doc.Pages), Options{DocumentDate: doc.Date, Tables: doc.Tables})
	if err != nil {
		t.Fatalf("extract seed: %v", err)
	}
	for _, want := range seedFacts {
		got, ok := findFact(facts, want)
		name := want.kind + " " + want.value + want.from + ".." + want.to
		if !ok {
			t.Errorf("%s (#%d): not extracted", name, want.nth)
			continue
		}
		for _, f := range []struct{ field, got, want string }{
			{"unit", got.Unit, want.unit},
			{"entity", got.Entity, want.entity},
			{"metric", got.Metric, want.metric},
			{"period", got.Period, want.period},
		} {
			if f.want != "*" && f.got != f.want {
				t.Errorf("%s (#%d) %q: %s = %q, want %q\n\tin %s", name, want.nth, got.Text, f.field, f.got, f.want, got.Sentence)
			}
		}
	}
}

// findFact returns the nth fact with the wanted kind and value (or span).
func findFact(facts []Fact, want seedFact) (Fact, bool) {
	n := 0
	for _, f := range facts {
		if f.Kind != want.kind || f.Value != want.value || f.From != want.from || f.To != want.to {
			continue
		}
		if n == want.nth {
			return f, true
		}
		n++
	}
	return Fact{}, false
}

// TestSegmenterLoad checks that the embedded dictionary and the lexicon
// load and keep lexicon words whole, and logs what loading costs.
func TestSegmenterLoad(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	sg, lx, err := loadSegmenter()
	took := time.Since(start)
	if err != nil {
		t.Fatalf("load segmenter: %v", err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("gse dictionary and lexicon: loaded in %v, live heap %+d MiB (total allocated %d MiB)",
		took.Round(time.Millisecond), (int64(after.HeapAlloc)-int64(before.HeapAlloc))>>20, (after.TotalAlloc-before.TotalAlloc)>>20)
	if lx.fullName["工行"] != "中国工商银行" {
		t.Errorf("lexicon: 工行 resolves to %q", lx.fullName["工行"])
	}
	toks, err := segment(sg, "14家银行金融科技资金投入合计超过1500亿")
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, tk := range toks {
		words = append(words, tk.text)
	}
	if !slices.Contains(words, "金融科技资金投入") {
		t.Errorf("lexicon metric cut apart: %q", words)
	}
}

// BenchmarkExtractSeed measures the whole extractor on the seed report,
// segmentation included (the dictionary is loaded before the timer).
func BenchmarkExtractSeed(b *testing.B) {
	const path = "../seeds/000_dbf8deccee350033.txt"
	ctx := context.Background()
	doc, err := source.Read(ctx, path)
	if err != nil {
		b.Skipf("seed report not available: %v", err)
	}
	if _, _, err := loadSegmenter(); err != nil {
		b.Fatal(err)
	}
	txt := text.New(doc.Pages)
	size := 0
	for _, p := range doc.Pages {
		size += len(p)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for range b.N {
		if _, err := Extract(ctx, txt, Options{DocumentDate: doc.Date, Tables: doc.Tables}); err != nil {
			b.Fatal(err)
		}
	}
}

// ruleCase expects, for the facts of a short text with a given value, the
// entity, metric and period that attribution gives them.
type ruleCase struct {
	name, in, docDate string
	// clean runs the extractor's own steps on in as clean text, for
	// layouts (a table cell a line) that cleaning would join.
	clean bool
	want  []ruleFact
}

// ruleFact is one expected fact; "*" as entity or period leaves it unchecked.
type ruleFact struct{ value, entity, metric, period string }

func TestAttributeRules(t *testing.T) {
	cases := []ruleCase{
		{name: "带动相关 names an amount brought about; a share's whole is read in full before 占", in: "2022年全国数字经济带动相关产业规模达到3200亿元。2022年我国工业机器人产品的市场规模占整个软件行业的35%,达到412.5亿元。",
			want: []ruleFact{{"320000000000", "*", "带动相关产业规模", "2022"}, {"41250000000", "我国", "工业机器人产品的市场规模", "2022"}}},
		{name: "an amount after a change verb is the change: the verb and its basis are part of the metric", docDate: "2024-08-31",
			in:   "7月,我国出口钢材环比减少91.8万吨,同比增加51.9万吨。上半年人民币贷款增加13.26万亿元。",
			want: []ruleFact{{"918000", "我国", "出口钢材环比减少", "2024-07"}, {"519000", "我国", "出口钢材同比增加", "2024-07"}, {"13260000000000", "*", "人民币贷款增加", "2024-01..2024-06"}}},
		{name: "own report: a place named in the clause is who, past a source; its figures go on until a clause names another",
			in: "华东旅游股份有限公司\n2020年年度报告\n根据文化和旅游部数据显示,2020年全国国内旅游人数28.79亿人次,同比下降52.1%,国内旅游收入2.23万亿元,同比下降61.1%。公司营业收入为5亿元。",
			want: []ruleFact{{"2879000000", "全国", "国内旅游人数", "2020"}, {"-52.1", "全国", "国内旅游人数", "2020"},
				{"2230000000000", "全国", "国内旅游收入", "2020"}, {"-61.1", "全国", "国内旅游收入", "2020"}, {"500000000", "华东旅游股份有限公司", "营业收入", "*"}}},
		{name: "own report: a line of business set apart by 其中 is a segment",
			in:   "华东测试科技股份有限公司\n2020年年度报告\n报告期内,公司实现主营业务收入15亿元;其中,工业软件业务实现主营收入12亿元,较上年同期增加20%。",
			want: []ruleFact{{"1500000000", "华东测试科技股份有限公司", "主营业务收入", "2020"}, {"1200000000", "工业软件业务", "主营收入", "2020"}, {"20", "工业软件业务", "主营收入", "2020"}}},
		{name: "a bare 净额 or 总额 after 的 is the amount of the phrase before the 的",
			in:   "2019年度收到的银行存款利息扣除银行手续费等的净额为4,244,642.08元。当年收到的净额为8,695,157.17元。",
			want: []ruleFact{{"4244642.08", "*", "银行存款利息扣除银行手续费等的净额", "2019"}, {"8695157.17", "*", "净额", "*"}}},
		{name: "a whole market's turnover is the market's, whatever company the sentence before named", docDate: "2024-08-31",
			in:   "工商银行涨2.1%。市场成交额8804.2亿元,此前连续3日不足5000亿元。恒生指数涨1.14%。大市成交1734.99亿港元。",
			want: []ruleFact{{"880420000000", "市场", "成交额", "*"}, {"500000000000", "市场", "成交额", "*"}, {"173499000000", "大市", "成交", "*"}}},
		{name: "an amount between a verb and its object is the object's, tenor included; at a clause's end the metric before stays", docDate: "2024-08-16",
			in:   "央行8月15日以固定利率、数量招标方式开展了5777亿元7天期逆回购操作,操作利率1.70%。北向资金大幅净买入122.06亿元,终结连续净卖出。",
			want: []ruleFact{{"577700000000", "*", "7天期逆回购操作", "*"}, {"12206000000", "北向资金", "净买入", "*"}}},
		{name: "a country's holdings of another's bonds (所持美债) are one metric", docDate: "2024-08-16",
			in:   "中国6月所持美债增加119亿美元,至7800亿美元。",
			want: []ruleFact{{"11900000000", "中国", "所持美债增加", "2024-06"}, {"780000000000", "中国", "所持美债", "2024-06"}}},
		{name: "with no holder named, a kind of loans is what a 余额 is of, and its rate and change go with it; a holder named keeps the whole metric", docDate: "2024-08-31",
			in: "央行统计,2024年二季度末,房地产开发贷款余额13.77万亿元,同比增长2.8%,增速比上年末高1.3个百分点,上半年增加6105亿元。2024年二季度末,金融机构贷款余额250.85万亿元。",
			want: []ruleFact{{"13770000000000", "房地产开发贷款", "余额", "2024-06-30"}, {"2.8", "房地产开发贷款", "余额", "*"}, {"1.3", "房地产开发贷款", "增速", "*"},
				{"610500000000", "房地产开发贷款", "增加", "*"}, {"250850000000000", "金融机构", "贷款余额", "2024-06-30"}}},
		{name: "预期 between a rate and its vintage is the expected rate, not a forecast; the forecast and readings after it go on with it", docDate: "2024-08-31",
			in:   "美国8月密歇根大学一年期通胀率预期终值2.8%,为2020年以来最低,预期2.9%,初值2.7%。",
			want: []ruleFact{{"2.8", "*", "密歇根大学一年期通胀率预期终值", "2024-08"}, {"2.9", "*", "密歇根大学一年期通胀率预期终值", "2024-08"}, {"2.7", "*", "密歇根大学一年期通胀率预期初值", "2024-08"}}},
		{name: "a price per share written with its currency before the amount is per share; a currency alone names nothing",
			in:   "公司向特定对象发行股票99,890,023股,发行价为每股人民币10.28元。折合人民币约1万亿元。",
			want: []ruleFact{{"10.28", "*", "发行价/股", "*"}, {"1000000000000", "*", "", "*"}}},
		{name: "a buyback's amount and shares are the buyback's; outside a buyback a 总额 stays", docDate: "2024-08-16",
			in: "截至该季度末,阿里巴巴以58亿美元的总价回购总计6.13亿股普通股。京东集团第二季度收入2914亿元,总额为3000亿元。二季度回购共计1.37亿股A类普通股,总额为21亿美元。",
			want: []ruleFact{{"5800000000", "*", "回购总价", "*"}, {"613000000", "*", "回购普通股", "*"}, {"300000000000", "*", "总额", "*"},
				{"137000000", "*", "回购A类普通股", "*"}, {"2100000000", "*", "回购总额", "*"}}},
		{name: "an adjective before the noun after a count is part of what is counted", in: "2020年,甲公司为客户建立300个健康养殖档案。",
			want: []ruleFact{{"300", "*", "健康养殖档案", "2020"}}},
		{name: "a light verb after a count's noun ends it", in: "2023年,交易所共对9起上市公司重大事项进行核查。",
			want: []ruleFact{{"9", "*", "上市公司重大事项", "2023"}}},
		{name: "a count of bodies after 等 is the group its names lead, or the list when it names them all",
			in:   "2024年,商务部等5部门联合出台实施方案。2024年,财政部、工信部和科技部等三部门联合发文。",
			want: []ruleFact{{"5", "商务部等5部门", "", "2024"}, {"3", "财政部、工信部和科技部", "联合发文", "2024"}}},
		{name: "a class of actors leading a metric, with no one else named, is who; the figures after it are theirs too", docDate: "2024-08-16",
			in:   "2、中国汽车流通协会发布调查结果显示,7月份汽车经销商综合库存系数为1.50,同比下降7.1%。\n3、个人钱包1.4亿个,企业钱包1000万个。",
			want: []ruleFact{{"1.50", "汽车经销商", "综合库存系数", "*"}, {"-7.1", "汽车经销商", "综合库存系数", "*"}, {"10000000", "", "企业钱包", "*"}}},
		{name: "how far a counted thing has come is part of what is counted", in: "2020年,甲公司申请发明专利3项,受理发明专利12项。",
			want: []ruleFact{{"3", "*", "申请发明专利", "2020"}, {"12", "*", "受理发明专利", "2020"}}},
		{name: "table set apart by blanks: a header of dates run into the first row, a change header cut around the next date", clean: true,
			in: "单位:元 币种:人民币\n2020年末 2019年末 本期末比上年2018年末 同期末增减(%) 归属于上市公司股东的净资产 4,981,663,905.19 4,647,275,880.19 7.20 5,031,440,737.47 总资产 6,278,282,683.24 5,585,879,172.02 12.40 6,313,213,299.08\n(二) 主要财务指标",
			want: []ruleFact{{"4981663905.19", "", "归属于上市公司股东的净资产", "2020-12-31"}, {"4647275880.19", "", "归属于上市公司股东的净资产", "2019-12-31"},
				{"7.20", "", "归属于上市公司股东的净资产", "2020-12-31"}, {"5031440737.47", "", "归属于上市公司股东的净资产", "2018-12-31"}, {"6313213299.08", "", "总资产", "2018-12-31"}}},
		{name: "a word read as a measure word between two nouns is part of the metric", in: "2022年中国人工智能基础层市场规模为800亿元。",
			want: []ruleFact{{"80000000000", "中国", "人工智能基础层市场规模", "2022"}}},
		{name: "a list summed up by a numeral (三大都市圈) pairs its names without the sum", in: "截至2021年,我国人工智能企业主要分布在京津冀、长三角和粤港澳大湾区三大都市圈,占比分别为31.02%,30.23%和26.39%。",
			want: []ruleFact{{"31.02", "京津冀", "占比", "2021"}, {"26.39", "粤港澳大湾区", "占比", "2021"}}},
		{name: "相关 before 的 joins nothing", in: "2023年,中国新能源相关的专利申请数量已超12万件。",
			want: []ruleFact{{"120000", "中国", "专利申请数量", "2023"}}},
		{name: "a noun phrase after 的 names a count, not the figure before it", in: "2023年,甲证券新设两个数据中心,组建了一支300余人的数字化运营团队。",
			want: []ruleFact{{"300", "*", "数字化运营团队", "2023"}}},
		{name: "metric before value, entity, period", in: "2021年中国人工智能核心产业规模超过1800亿元,至2025年预计超过4500亿元。",
			want: []ruleFact{{"180000000000", "中国", "人工智能核心产业规模", "2021"}, {"450000000000", "中国", "人工智能核心产业规模", "2025"}}},
		{name: "a source that 据 opens, or whose clause ends in a verb of reporting, is not who its figures are about (entity.source_excluded)", docDate: "2024-09-19",
			in:   "3、据江苏省统计局，1-6月，江苏省工业增加值增长6%。\n5、海关总署监测数据显示，今年上半年，全国进口原油2.5亿吨。",
			want: []ruleFact{{"6", "江苏省", "工业增加值", "2024-01..2024-06"}, {"250000000", "全国", "进口原油", "2024-01..2024-06"}}},
		{name: "a speaker whose words go on to what it does is who (entity.speaker); a speaker acting in its own clause stays the subject", docDate: "2024-09-19",
			in:   "4、国家能源局副局长李明表示，将从3方面推进改革。\n5、商务部称，将在12个城市开展试点。\n6、泰国央行宣布将基准利率下调25个基点至2.25%。\n7、丰田汽车预计到2030年，80%的销量将来自电动车。",
			want: []ruleFact{{"3", "国家能源局", "推进改革", "*"}, {"12", "商务部", "城市", "*"}, {"-0.25", "泰国央行", "基准利率", "*"}, {"80", "丰田汽车", "", "*"}}},
		{name: "with no one else named, the place a source covers is who (entity.source_region)", docDate: "2024-09-19",
			in:   "7、韩国国家统计局公布的数据显示，8月份失业率为2.5%。\n8、法国国家统计局发布的报告显示，二季度失业人数为230万人。",
			want: []ruleFact{{"2.5", "韩国", "失业率", "2024-08"}, {"2300000", "法国", "失业人数", "2024-04..2024-06"}}},
		{name: "a fine is the party's that 对 names, past its role, not the body's that imposes it (entity.penalised_party)",
			in:   "浙江证监局拟对某科技公司董事长张伟明处以300万元罚款，对李华处以100万元罚款。英国金融行为监管局对汇丰银行处5700万英镑罚款。",
			want: []ruleFact{{"3000000", "张伟明", "罚款", "*"}, {"1000000", "李华", "罚款", "*"}, {"57000000", "汇丰银行", "处", "*"}}},
		{name: "the subject of a passive 被 is who is fined, not the agent after 被; a subject the clause before names (entity.passive_subject)",
			in:   "3、**花旗银行、摩根大通等4家银行，被美联储罚款超1亿美元**。其中，花旗银行、摩根大通均被罚款3000万美元，富国银行被罚500万美元。",
			want: []ruleFact{{"100000000", "花旗银行、摩根大通等4家银行", "罚款", "*"}, {"30000000", "花旗银行、摩根大通", "罚款", "*"}, {"5000000", "富国银行", "罚款", "*"}}},
		{name: "a name in Latin letters with a dot or digits is one word: after the kind of company it is, or opening the sentence before its figures, it is who", docDate: "2024-09-05",
			in:   "3、软件公司Data.io第二财季营收1.2亿美元。\n4、Zeta9.ai第一财季每股收益0.35美元。\n5、Data.io盘后股价下跌8%。",
			want: []ruleFact{{"120000000", "Data.io", "营收", "*"}, {"0.35", "Zeta9.ai", "每股收益", "*"}, {"-8", "Data.io", "股价", "*"}}},
		{name: "a quoted bond's yield is the bond's; words of the session after a name are not the name", docDate: "2024-09-05",
			in:   "1、10年期“24附息国债11”收益率上行2.5bp报2.15%。\n2、港股方面，星海控股复牌涨超30%。",
			want: []ruleFact{{"0.025", "24附息国债11", "收益率", "*"}, {"2.15", "24附息国债11", "收益率", "*"}, {"30", "星海控股", "股价", "*"}}},
		{name: "short name resolved to the document's full name", in: "工商银行年报。\n2021年,工行金融科技投入为259.87亿元,同比增长9.10%。",
			want: []ruleFact{{"25987000000", "工商银行", "金融科技投入", "2021"}, {"9.10", "工商银行", "金融科技投入", "2021"}}},
		{name: "basis date is no period", in: "2021年,国有大行金融科技投入占总营收比例为2.76%,较2020年增加0.06个百分点。",
			want: []ruleFact{{"2.76", "*", "金融科技投入占总营收比例", "2021"}, {"0.06", "*", "金融科技投入占总营收比例", "2021"}}},
		{name: "分别为 pairs entities in order", in: "2021年,工商银行、建设银行、农业银行金融科技投入分别为259.87亿元、235.76亿元和205.32亿元。",
			want: []ruleFact{{"25987000000", "工商银行", "金融科技投入", "2021"}, {"23576000000", "建设银行", "金融科技投入", "2021"}, {"20532000000", "农业银行", "金融科技投入", "2021"}}},
		{name: "分别为 pairs metrics in order", in: "2020年,公司营业收入、净利润分别为100亿元、20亿元。",
			want: []ruleFact{{"10000000000", "*", "营业收入", "2020"}, {"2000000000", "*", "净利润", "2020"}}},
		{name: "counts that differ pair nothing", in: "2021年,甲银行、乙银行的投入分别为1亿元、2亿元和3亿元。",
			want: []ruleFact{{"100000000", "*", "投入", "2021"}, {"200000000", "*", "投入", "2021"}, {"300000000", "*", "投入", "2021"}}},
		{name: "period from an earlier sentence of the paragraph", in: "2022年上半年,市场回暖。京东集团收入2914亿元,同比增长1.2%。",
			want: []ruleFact{{"291400000000", "京东集团", "收入", "2022-01..2022-06"}, {"1.2", "京东集团", "收入", "2022-01..2022-06"}}},
		{name: "a starting date holds until 至", in: "2021年,中金公司投入由2020年的6.41亿元增至13.46亿元。",
			want: []ruleFact{{"641000000", "中金公司", "投入", "2020"}, {"1346000000", "中金公司", "投入", "2021"}}},
		{name: "a paragraph opening with 其中 goes on with the one before", in: "2020年中国云计算市场规模达到2091亿元。\n其中,公有云市场规模达1277亿元。\n公司营业收入为5亿元。",
			want: []ruleFact{{"127700000000", "中国", "公有云市场规模", "2020"}, {"500000000", "", "营业收入", ""}}},
		{name: "table: row label and column header", in: "\t2019年\t2018年\t本年比上年增减\n营业收入(元)\t100.00%\t90.00%\t11.11%",
			want: []ruleFact{{"100.00", "", "营业收入", "2019"}, {"90.00", "", "营业收入", "2018"}, {"11.11", "", "营业收入", "2019"}}},
		{name: "table a cell a line, headers relative to the report's year", clean: true, in: "某公司2016年年度报告\n单位:元\n项目\n本期发生额\n上期发生额\n营业收入\n592,183,264.90元\n674,880,017.98元\n其他业务\n274,757.92元",
			want: []ruleFact{{"592183264.90", "", "营业收入", "2016"}, {"674880017.98", "", "营业收入", "2015"}, {"274757.92", "", "其他业务", ""}}},
		{name: "table set apart by blanks, a label wrapped onto lines of its own", clean: true, in: "2016 年 2015 年 本年比上年增减\n营业收入(元) 592,183,264.90 674,880,017.98 -12.25%归属于上市公司股东的净利润\n(元)\n61,155,890.58 114,396,010.54 -46.54%",
			want: []ruleFact{{"-12.25", "", "营业收入", "2016"}, {"-46.54", "", "归属于上市公司股东的净利润", "2016"}}},
		{name: "header of bare years run into the first row", clean: true, in: "2015 2016 2017收益率 28.70% -11.51% 12.79%胜率 100.00% 0.00% 50.00%",
			want: []ruleFact{{"28.70", "", "收益率", "2015"}, {"-11.51", "", "收益率", "2016"}, {"50.00", "", "胜率", "2017"}}},
		{name: "a company's own report is about the company, in the report's year", in: "浙江海翔药业股份有限公司\n2019年年度报告\n报告期内,公司实现营业收入29.41亿元。\n医药板块实现销售收入16.23亿元,公司在印度完成5个项目。",
			want: []ruleFact{{"2941000000", "浙江海翔药业股份有限公司", "营业收入", "2019"}, {"1623000000", "医药板块", "销售收入", "2019"}}},
		{name: "own report: figures of an earlier event dated later in their sentence are of that date, not the report's year",
			in:   "华东测试科技股份有限公司\n2019年年度报告\n本公司非公开发行股票共计募集资金10.27亿元,已于2016年9月1日汇入本公司账户。\n公司实现营业收入5亿元,预计2020年完工。",
			want: []ruleFact{{"1027000000", "华东测试科技股份有限公司", "募集资金", "2016-09-01"}, {"500000000", "华东测试科技股份有限公司", "营业收入", "2019"}}},
		{name: "a place after a locative 在 is where: a name before it acts; with none, the place stays", docDate: "2024-08-16",
			in:   "浙江省计划9月在香港发行3只债券,共计30亿元。在上海,新增企业5家。",
			want: []ruleFact{{"3", "浙江省", "债券", "*"}, {"3000000000", "浙江省", "债券", "*"}, {"5", "上海", "企业", "*"}}},
		{name: "a region and the place it leads are one entity (江苏盐城)", docDate: "2024-08-31",
			in:   "江苏盐城发布通知,家庭公积金贷款最高额度提至120万元。",
			want: []ruleFact{{"1200000", "江苏盐城", "家庭公积金贷款", "*"}}},
		{name: "a balance in a sentence without a date stands on the paragraph's last day, not on a flow's span named after it", docDate: "2024-08-31",
			in:   "2024年二季度末,房地产开发贷款余额13.77万亿元,上半年增加6105亿元。个人住房贷款余额37.79万亿元,同比下降2.1%。贷款增加500亿元。",
			want: []ruleFact{{"37790000000000", "个人住房贷款", "余额", "2024-06-30"}, {"-2.1", "个人住房贷款", "余额", "2024-06-30"}, {"50000000000", "*", "贷款增加", "2024-01..2024-06"}}},
		{name: "a date an event is set for (将于) dates its clause only; the next sentence stays in the day named before", docDate: "2024-08-16",
			in:   "央行8月15日开展了5777亿元逆回购操作。到期的MLF将于8月26日续做,规模3000亿元。当日71亿元逆回购到期。",
			want: []ruleFact{{"300000000000", "*", "规模", "2024-08-26"}, {"7100000000", "*", "逆回购", "2024-08-15"}}},
		{name: "a company named with its legal form is who, not part of the metric; a year before it is not part of the name",
			in:   "2019年一品红药业股份有限公司营业收入为100亿元。张家界旅游集团股份有限公司实现营业收入5亿元。",
			want: []ruleFact{{"10000000000", "一品红药业股份有限公司", "营业收入", "2019"}, {"500000000", "张家界旅游集团股份有限公司", "营业收入", "*"}}},
		{name: "the company a document is of: a year written before its name (2020 年) is not part of it",
			in:   "2020 年一品红药业股份有限公司\n\n年度报告\n\n报告期内,公司营业收入为5亿元。",
			want: []ruleFact{{"500000000", "一品红药业股份有限公司", "营业收入", "*"}}},
		{name: "own report: the month of one event (于2019年12月取得) is not carried; the next sentence is in the report's year",
			in:   "华东测试科技股份有限公司\n2019年年度报告\n该项目于2019年12月取得许可证,投资2亿元。实验室开展风险评估66项。",
			want: []ruleFact{{"200000000", "华东测试科技股份有限公司", "投资", "2019-12"}, {"66", "华东测试科技股份有限公司", "风险评估", "2019"}}},
		{name: "market report: what moved, and what of it", in: "美国三大股指全线收涨,道指涨1.39%报40563.06点。国际油价上涨,美油9月合约涨1.44%报78.09美元/桶。英国10年期国债收益率涨9.8个基点报3.921%。热门科技股多数上涨,思科涨6.8%。",
			want: []ruleFact{{"1.39", "道指", "点位", ""}, {"1.44", "美油9月合约", "价格", ""}, {"78.09", "美油9月合约", "价格/桶", ""},
				{"0.098", "英国10年期国债", "收益率", ""}, {"3.921", "英国10年期国债", "收益率", ""}, {"6.8", "思科", "股价", ""}}},
		{name: "a vintage (初值, 终值) is part of the metric; a dated earlier release holds for its clause only", docDate: "2024-10-31",
			in: "法国第三季度GDP初值同比升1.4%,预期升1.3%,第二季度终值升1.2%;环比升0.5%,第二季度终值升0.6%。德国9月季调后失业率为5.9%。",
			want: []ruleFact{{"1.4", "法国", "GDP初值", "2024-07..2024-09"}, {"1.3", "法国", "GDP初值", "2024-07..2024-09"},
				{"1.2", "法国", "GDP终值", "2024-04..2024-06"}, {"0.5", "法国", "GDP初值", "2024-07..2024-09"},
				{"0.6", "法国", "GDP终值", "2024-04..2024-06"}, {"5.9", "德国", "季调后失业率", "2024-09"}}},
		{name: "market report: index levels, a month's move holds for its clause, a basis is no name", docDate: "2024-09-07",
			in: "港股收涨,恒生科技指数盘中收复4000点。截至收盘,恒生指数涨1.5%报17500.25点,8月涨2.6%;恒生国企指数涨1.1%。\n" +
				"上海航运交易所公布数据显示,9月6日,中国出口集装箱指数报1880.5点,较上期下跌3.4%。\n" +
				"周四在岸人民币对美元16:30收盘报7.1023,较上一交易日上涨136个基点。",
			want: []ruleFact{{"4000", "恒生科技指数", "点位", ""}, {"1.5", "恒生指数", "点位", ""}, {"17500.25", "恒生指数", "点位", ""},
				{"2.6", "恒生指数", "点位", "2024-08"}, {"1.1", "恒生国企指数", "点位", ""},
				{"1880.5", "中国出口集装箱指数", "点位", "2024-09-06"}, {"-3.4", "中国出口集装箱指数", "点位", "2024-09-06"},
				{"136", "在岸人民币对美元", "汇率", "2024-09-05"}}},
		{name: "a dated digest's relative day dates the figures it governs", docDate: "2024-09-24",
			in: "周一上证指数涨0.44%报2748.92点。\n昨日在岸人民币对美元16:30收盘报7.0433,较上一交易日上涨56个基点。\n上周五波罗的海干散货指数下跌1.2%。",
			want: []ruleFact{{"0.44", "上证指数", "点位", "2024-09-23"}, {"2748.92", "上证指数", "点位", "2024-09-23"},
				{"7.0433", "在岸人民币对美元", "汇率", "2024-09-23"}, {"56", "在岸人民币对美元", "汇率", "2024-09-23"},
				{"-1.2", "波罗的海干散货指数", "点位", "2024-09-20"}}},
		{name: "a since-date opening its sentence dates the figures after it; inside a clause it is a basis", docDate: "2024-09-05",
			in: "3、今年以来，上交所受理数量为12家。\n发改委表示，2023年以来，发改委民间投资项目总投资超过3000亿元。\n恒生指数报16200点，为2020年以来最低。",
			want: []ruleFact{{"12", "上交所", "受理数量", "2024"},
				{"300000000000", "发改委", "民间投资项目总投资", "2023"}, {"16200", "恒生指数", "点位", ""}}},
		{name: "a figure in brackets after a compared date is that date's", docDate: "2024-09-05",
			in: "韩国明年财政赤字将达90万亿韩元，较今年预期值（80万亿韩元）增加12.5%。\n日本2025年负债率升至60%，也较2023年（55%）有所上升。",
			want: []ruleFact{{"90000000000000", "韩国", "财政赤字", "2025"}, {"80000000000000", "韩国", "财政赤字", "2024"}, {"12.5", "韩国", "财政赤字", "2025"},
				{"60", "日本", "负债率", "2025"}, {"55", "日本", "负债率", "2023"}}},
		{name: "without a document date a relative day dates nothing",
			in: "周一上证指数涨0.44%报2748.92点。\n昨日在岸人民币对美元16:30收盘报7.0433,较上一交易日上涨56个基点。",
			want: []ruleFact{{"0.44", "上证指数", "点位", ""}, {"2748.92", "上证指数", "点位", ""},
				{"7.0433", "在岸人民币对美元", "汇率", ""}, {"56", "在岸人民币对美元", "汇率", ""}}},
		{name: "a change of a price per unit is of the price", in: "7月,我国出口钢材平均单价为850美元/吨,环比下跌1.5%。", docDate: "2024-08-31",
			want: []ruleFact{{"850", "我国", "出口钢材平均单价/吨", "2024-07"}, {"-1.5", "我国", "出口钢材平均单价", "2024-07"}}},
		{name: "a name opening a news item is who it is about; a fiscal quarter is no metric", docDate: "2024-08-31",
			in: "3、星巴克2024财年第三财季营收91亿美元,同比下降1%;每股收益0.93美元。\n4、挪威主权财富基金上半年投资回报率为8.6%。",
			want: []ruleFact{{"9100000000", "星巴克", "营收", ""}, {"-1", "星巴克", "营收", ""}, {"0.93", "星巴克", "每股收益", ""},
				{"8.6", "挪威主权财富基金", "投资回报率", "2024-01..2024-06"}}},
		{name: "a previous value revised is of the period before", docDate: "2024-08-31",
			in: "加拿大6月批发销售环比降0.7%,预期降0.5%,前值从降0.8%修正为降1.3%。\n美国上周初请失业金人数为23.1万人,前值23.3万人。",
			want: []ruleFact{{"-0.7", "加拿大", "批发销售", "2024-06"}, {"-0.5", "加拿大", "批发销售", "2024-06"},
				{"-0.8", "加拿大", "批发销售", "2024-05"}, {"-1.3", "加拿大", "批发销售", "2024-05"},
				{"231000", "美国", "初请失业金人数", ""}, {"233000", "美国", "初请失业金人数", ""}}},
		{name: "own report: a numbered item starts afresh, 以前年度 is not the report's year, blanks inside words", clean: true,
			in:   "华东测试科技股份有限公司\n2020年年度报告\n募集资金于 2019 年 5 月 6 日汇入专户。 2、本公司以前年度已使用募 集资金 1,234,567.89 元;2020 年度实际使用募集资金 2,345,678.90 元。",
			want: []ruleFact{{"1234567.89", "华东测试科技股份有限公司", "已使用募集资金", ""}, {"2345678.90", "华东测试科技股份有限公司", "实际使用募集资金", "2020"}}},
		{name: "a paragraph opening with a name the one before ended on keeps its period",
			in:   "2022年,投入超过10亿元的券商有两家,分别为东吴证券、华林证券。\n东吴证券IT投入达15亿元。\n\n华林证券IT投入为3亿元。",
			want: []ruleFact{{"1500000000", "东吴证券", "IT投入", "2022"}, {"300000000", "华林证券", "IT投入", ""}}},
		{name: "a data release: the country opening it is who, a name after its date is part of the metric", docDate: "2024-10-31",
			in: "5、美国9月芝加哥PMI为47.2,预期46.5,前值46.1。\n6、英国8月央行消费信贷12.5亿英镑,预期13.2亿英镑。",
			want: []ruleFact{{"47.2", "美国", "芝加哥PMI", "2024-09"}, {"46.5", "美国", "芝加哥PMI", "2024-09"}, {"46.1", "美国", "芝加哥PMI", "2024-08"},
				{"1250000000", "英国", "央行消费信贷", "2024-08"}, {"1320000000", "英国", "央行消费信贷", "2024-08"}}},
		{name: "a priced thing moves by an amount; a span is undated and measures what went on over it", docDate: "2024-09-06",
			in: "7、上海有色网最新报价显示,9月5日,国产电池级碳酸锂价格跌200元报7.32万元/吨,连跌3日,近5日累计跌900元。",
			want: []ruleFact{{"200", "国产电池级碳酸锂", "价格", "2024-09-05"}, {"73200", "国产电池级碳酸锂", "价格/吨", "2024-09-05"},
				{"3", "国产电池级碳酸锂", "连跌", ""}, {"5", "国产电池级碳酸锂", "累计跌", ""}, {"900", "国产电池级碳酸锂", "价格", "2024-09-05"}}},
		{name: "the object of 在 is not who; the industry as a whole is", docDate: "2022-03-01",
			in:   "太保科技已打造出区块链平台,在太保新云等领域形成规划,已建立4个实验室。规划提出推动行业实现承保自动化率超过75%。",
			want: []ruleFact{{"4", "太保科技", "实验室", "*"}, {"75", "行业", "承保自动化率", "*"}}},
		{name: "the company's owners and a running total are part of the metric", docDate: "2024-08-16",
			in: "1、某车企上半年公司权益持有人应占净亏损为21.5亿元。\n2、京东物流归属公司所有者盈利18.6亿元。\n3、典型房企累计融资总量2511.3亿元。",
			want: []ruleFact{{"2150000000", "*", "公司权益持有人应占净亏损", "2024-01..2024-06"}, {"1860000000", "京东物流", "归属公司所有者盈利", ""},
				{"251130000000", "*", "累计融资总量", ""}}},
		{name: "a quoted bond: its move in bp and its level are its yield, its move in % its price",
			in: "5年期“24附息国债09”下行1.35bp,10年期“24附息国债12”上行0.45bp报2.1835%。地产债多数上涨,“23万科07”涨超6%。在岸人民币对美元夜盘收报7.1020。",
			want: []ruleFact{{"-0.0135", "24附息国债09", "收益率", ""}, {"0.0045", "24附息国债12", "收益率", ""}, {"2.1835", "24附息国债12", "收益率", ""},
				{"6", "23万科07", "价格", ""}, {"7.1020", "在岸人民币对美元", "汇率", ""}}},
		{name: "own report: a date in 在…下 is a circumstance; 及 joins one thing; a leading action verb is no metric", clean: true,
			in: "华东测试科技股份有限公司\n2020年年度报告\n在下半年市场需求回落的环境下,化工板块实现销售收入12.5亿元。报告期内,公司新启动原料药及中间体研发项目9项,新增6个CDMO/CMO合作项目。",
			want: []ruleFact{{"1250000000", "化工板块", "销售收入", "2020"}, {"9", "华东测试科技股份有限公司", "原料药及中间体研发项目", "2020"},
				{"6", "华东测试科技股份有限公司", "CDMO/CMO合作项目", "2020"}}},
		{name: "累计 with the verb of a running total stays; an action verb does not", docDate: "2022-03-01",
			in:   "数字员工累计运行时长5120小时。已累计开立企业钱包900万个。",
			want: []ruleFact{{"5120", "*", "累计运行时长", "*"}, {"9000000", "*", "企业钱包", "*"}}},
		{name: "funds used are another measure than funds raised", clean: true,
			in:   "华东测试科技股份有限公司\n2020年年度报告\n本公司以前年度已使用募集资金 11,223,344.55 元;2020 年度实际使用募集资金 2,233,445.66 元(含永久性补充流动资金 1,122,334.45 元)。",
			want: []ruleFact{{"11223344.55", "*", "已使用募集资金", "*"}, {"2233445.66", "*", "实际使用募集资金", "2020"}, {"1122334.45", "*", "永久性补充流动资金", "2020"}}},
		{name: "a class of firms sized by a threshold is who", docDate: "2024-08-31",
			in:   "1-7月份,我国规模以上软件和信息技术服务企业完成业务收入71234亿元,同比增长11.2%。",
			want: []ruleFact{{"7123400000000", "规模以上软件和信息技术服务企业", "业务收入", "2024-01..2024-07"}, {"11.2", "规模以上软件和信息技术服务企业", "业务收入", "2024-01..2024-07"}}},
		{name: "a cut in bp is of the policy rate; a vintage after 年化环比 qualifies the noun before", docDate: "2024-11-20",
			in:   "墨西哥央行降息25个基点。\n日本第三季度实际GDP年化环比初值增0.9%。",
			want: []ruleFact{{"-0.25", "*", "政策利率", "*"}, {"0.9", "日本", "实际GDP", "2024-07..2024-09"}}},
		{name: "table set apart by blanks, header and corner cell run into the first row", clean: true,
			in:   "某公司2020年年度报告\n单位:元 币种:人民币\n主要会计数据 2020年 2019年 本期比上年同期增减(%) 2018年 营业收入 1,234,567.00 1,000,000.00 23.46 900,000.00 净利润 345,678.00 300,000.00 15.23 250,000.00",
			want: []ruleFact{{"23.46", "*", "营业收入", "2020"}, {"15.23", "*", "净利润", "2020"}}},
		{name: "a business named in capitals opening its sentence is who",
			in:   "阿里巴巴公布业绩。ICBU收入同比增长21%至188.5亿元。",
			want: []ruleFact{{"21", "ICBU", "收入", ""}, {"18850000000", "ICBU", "收入", ""}}},
		{name: "own report: a place named in the clause keeps industry figures its own", clean: true,
			in:   "华东测试科技股份有限公司\n2020年年度报告\n据统计,2020年末全国充电桩保有量1060万台,同比增长53%。\n公司营业收入12.3亿元。",
			want: []ruleFact{{"10600000", "全国", "充电桩保有量", "2020-12-31"}, {"53", "全国", "充电桩保有量", "2020-12-31"}, {"1230000000", "华东测试科技股份有限公司", "营业收入", "2020"}}},
		{name: "a span's words pass 间 and stop at 将", in: "预计未来8年间累计投资将超2万亿韩元。",
			want: []ruleFact{{"8", "*", "累计投资", ""}}},
		{name: "的 between nouns joins one thing", in: "2021年,我国云计算产品的市场规模达到312.5亿元。",
			want: []ruleFact{{"31250000000", "我国", "云计算产品的市场规模", "2021"}}},
		{name: "an amount with no words before it is named by what follows it",
			in:   "美国联邦通信委员会对该公司处以4500万美元的罚款。某集团发行9亿元永续资本债。",
			want: []ruleFact{{"45000000", "*", "罚款", ""}, {"900000000", "*", "永续资本债", ""}}},
	}
	ctx := context.Background()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var facts []Fact
			if tc.clean {
				facts = extractClean([]rune(tc.in), Options{DocumentDate: tc.docDate})
			} else {
				var err error
				if facts, err = Extract(ctx, text.New([]string{tc.in}), Options{DocumentDate: tc.docDate}); err != nil {
					t.Fatal(err)
				}
			}
			for _, w := range tc.want {
				f, ok := factWithValue(facts, w.value)
				if !ok {
					t.Errorf("no fact with value %s in %v", w.value, facts)
					continue
				}
				if w.entity != "*" && f.Entity != w.entity || f.Metric != w.metric || w.period != "*" && f.Period != w.period {
					t.Errorf("%s: entity/metric/period = %q/%q/%q, want %q/%q/%q", f.Text, f.Entity, f.Metric, f.Period, w.entity, w.metric, w.period)
				}
			}
		})
	}
}

// extractClean runs the steps of Extract on text taken as already clean.
func extractClean(clean []rune, opts Options) []Fact {
	sents := splitSentences(clean)
	cands := resolveOverlaps(scanNumeric(clean), scanDates(clean, sents, opts))
	if err := attribute(context.Background(), clean, sents, cands, opts); err != nil {
		panic(err) // a background context is never done
	}
	facts := make([]Fact, len(cands))
	for i, c := range cands {
		facts[i] = c.Fact
		facts[i].Text = string(clean[c.cs:c.ce])
	}
	return facts
}

func factWithValue(facts []Fact, v string) (Fact, bool) {
	for _, f := range facts {
		if f.Value == v {
			return f, true
		}
	}
	return Fact{}, false
}

func TestPreviousPeriod(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2024-07", "2024-06"},
		{"2024-01", "2023-12"},
		{"2024", "2023"},
		{"2024-04..2024-06", "2024-01..2024-03"},
		{"2024-01..2024-06", "2023-07..2023-12"},
		{"2019..2021", "2016..2018"},
		{"2024-08-03", ""},
		{"2024-Q3", "2024-Q3"},
		{"", ""},
	} {
		if got := previousPeriod(tc.in); got != tc.want {
			t.Errorf("previousPeriod(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestSegmentLexiconAtStart checks that a lexicon word is kept whole where
// it opens the text segmented, as it is in the middle of one.
func TestSegmentLexiconAtStart(t *testing.T) {
	sg, _, err := loadSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ in, word string }{
		{"季调后失业率为6%", "季调后"},
		{"金融科技资金投入合计", "金融科技资金投入"},
		{"德国季调后失业率", "季调后"},
	} {
		toks, err := segment(sg, tc.in)
		if err != nil {
			t.Fatal(err)
		}
		var words []string
		end := 0
		for _, tk := range toks {
			words = append(words, tk.text)
			end = tk.end
		}
		if !slices.Contains(words, tc.word) {
			t.Errorf("segment(%q) = %q, want %q whole", tc.in, words, tc.word)
		}
		if end != len([]rune(tc.in)) {
			t.Errorf("segment(%q): tokens end at %d, want %d", tc.in, end, len([]rune(tc.in)))
		}
	}
}

// TestLegalName checks which registered company names (…有限公司) are read
// whole as an entity, and that a name seen only in part is not.
func TestLegalName(t *testing.T) {
	cases := []struct{ in, want string }{
		{"2019年一品红药业股份有限公司营业收入为100亿元。", "一品红药业股份有限公司"},
		{"张家界旅游集团股份有限公司实现营业收入5亿元。", "张家界旅游集团股份有限公司"},
		{"四方（上海）食品机械有限公司营业收入为5亿元。", ""}, // the name goes on before the bracket
		{"南通四方节能科技有限公司营业收入为3亿元。", ""},   // a trade word does not start a name
		{"本公司与有限公司签订合同,金额为3亿元。", ""},    // a legal form alone is no name
	}
	for _, c := range cases {
		clean := []rune(c.in)
		a := newAttributor(clean, splitSentences(clean), nil)
		if a.lex == nil {
			t.Skip("segmenter lexicon not loaded")
		}
		toks := a.segmentSentence(0, nil)
		got := ""
		for i := range toks {
			if from := a.legalName(toks, i); from >= 0 {
				got = string(clean[toks[from].start:toks[i].end])
			}
		}
		if got != c.want {
			t.Errorf("%s: legal name %q, want %q", c.in, got, c.want)
		}
	}
}

// TestGivenName checks that a given name the segmenter tags as an
// organisation or place, after a one-character surname, names no entity,
// while a place after a function word still does.
func TestGivenName(t *testing.T) {
	cases := []struct{ in, want string }{
		{"朱国建副总经理2019年5月20日", ""},
		{"丁蓉蓉\n2019年5月20日", ""},
		{"公司在上海设立子公司。", "上海"},
	}
	for _, c := range cases {
		clean := []rune(c.in)
		a := newAttributor(clean, splitSentences(clean), nil)
		if a.lex == nil {
			t.Skip("segmenter lexicon not loaded")
		}
		toks := a.segmentSentence(0, nil)
		a.markEntities(toks)
		got := ""
		for _, tk := range toks {
			if tk.entity != "" && tk.entity != "公司" {
				got = tk.entity
			}
		}
		if got != c.want {
			t.Errorf("%q: entity %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTrimParty(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"2、某科技公司", "某科技公司"},
		{"3.某科技公司均", "某科技公司"},
		{"**某银行已", "某银行"},
		{"某银行", "某银行"},
	} {
		if got := trimParty(tt.in); got != tt.want {
			t.Errorf("trimParty(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
