package extractors

import (
	"context"
	"os"
	"strings"
	"testing"

	"reportfacts/pipeline/text"
)

// wantFact is what one numeric candidate must hold. An empty Qualifier
// means exact; an empty Basis is not checked for kinds other than growth.
type wantFact struct {
	text, kind, value, unit, qual, basis, rule string
}

func findCandidate(clean []rune, cands []candidate, text string) (candidate, bool) {
	for _, c := range cands {
		if string(clean[c.cs:c.ce]) == text {
			return c, true
		}
	}
	return candidate{}, false
}

func describe(clean []rune, cands []candidate) string {
	var b strings.Builder
	for _, c := range cands {
		b.WriteString("\n\t" + string(clean[c.cs:c.ce]) + " " + c.Kind + " " + c.Value + " " + c.Unit + " " + c.Qualifier + " " + c.Basis + " " + c.Rule)
	}
	return b.String()
}

func TestScanNumericRules(t *testing.T) {
	tests := []struct {
		in   string
		want []wantFact
	}{
		// money
		// A count that sizes the subject of the sentence's figure is part
		// of who the figure is about (annotation convention 13).
		{"2021年14家银行金融科技资金投入合计1554.17亿元。", []wantFact{
			{"1554.17亿元", KindMoney, "155417000000", "CNY", "", "", "money.cn_unit"}}},
		{"14家银行金融科技资金投入合计超过1500亿。", []wantFact{
			{"超过1500亿", KindMoney, "150000000000", "CNY", QualOver, "", "money.no_currency"}}},
		{"1554.17亿元中，6家国有大行占据主导地位，投入合计1074.93亿元。", []wantFact{
			{"1554.17亿元", KindMoney, "155417000000", "CNY", "", "", "money.cn_unit"},
			{"1074.93亿元", KindMoney, "107493000000", "CNY", "", "", "money.cn_unit"}}},
		{"较2020年增加0.06个百分点；余下的5家按投入排序，分别为235.76亿元。", []wantFact{
			{"0.06个百分点", KindPPChange, "0.06", "pp", "", "", "pp.points"},
			{"235.76亿元", KindMoney, "23576000000", "CNY", "", "", "money.cn_unit"}}},
		{"今年7月，65家典型房企融资总量为523.46亿元。", []wantFact{
			{"523.46亿元", KindMoney, "52346000000", "CNY", "", "", "money.cn_unit"}}},
		{"沪深北三市共有5130家公司召开了说明会，约占96.1%。", []wantFact{
			{"5130家", KindCount, "5130", "家", "", "", "count.measure"},
			{"96.1%", KindPercent, "96.1", "%", "", "", "percent.sign"}}},
		{"251家上市公司中210家实现归母净利润为正，盈利面约为83.67%。", []wantFact{
			{"251家", KindCount, "251", "家", "", "", "count.measure"},
			{"210家", KindCount, "210", "家", "", "", "count.measure"},
			{"约为83.67%", KindPercent, "83.67", "%", QualApprox, "", "percent.sign"}}},
		// Currencies of lexicon/currencies.txt that held-out digests
		// showed missing.
		{"该公司在毛里求斯的子公司实现营收3.2亿毛里求斯卢比。", []wantFact{
			{"3.2亿毛里求斯卢比", KindMoney, "320000000", "MUR", "", "", "money.cn_unit"}}},
		{"当地分行贷款余额增至45亿巴基斯坦卢比，存款为12亿斯里兰卡卢比，另有8亿尼泊尔卢比。", []wantFact{
			{"45亿巴基斯坦卢比", KindMoney, "4500000000", "PKR", "", "", "money.cn_unit"},
			{"12亿斯里兰卡卢比", KindMoney, "1200000000", "LKR", "", "", "money.cn_unit"},
			{"8亿尼泊尔卢比", KindMoney, "800000000", "NPR", "", "", "money.cn_unit"}}},
		{"该项目总投资约120亿里拉。", []wantFact{
			{"约120亿里拉", KindMoney, "12000000000", "TRY", QualApprox, "", "money.cn_unit"}}},
		{"阿根廷子公司收入达900亿阿根廷比索，智利业务收入3亿智利比索，哥伦比亚业务收入5000亿哥伦比亚比索。", []wantFact{
			{"900亿阿根廷比索", KindMoney, "90000000000", "ARS", "", "", "money.cn_unit"},
			{"3亿智利比索", KindMoney, "300000000", "CLP", "", "", "money.cn_unit"},
			{"5000亿哥伦比亚比索", KindMoney, "500000000000", "COP", "", "", "money.cn_unit"}}},
		{"南非业务营收为18亿南非兰特，马来西亚业务营收为6亿马来西亚林吉特。", []wantFact{
			{"18亿南非兰特", KindMoney, "1800000000", "ZAR", "", "", "money.cn_unit"},
			{"6亿马来西亚林吉特", KindMoney, "600000000", "MYR", "", "", "money.cn_unit"}}},
		{"俄罗斯业务收入20亿俄罗斯卢布，巴西业务收入7亿巴西雷亚尔。", []wantFact{
			{"20亿俄罗斯卢布", KindMoney, "2000000000", "RUB", "", "", "money.cn_unit"},
			{"7亿巴西雷亚尔", KindMoney, "700000000", "BRL", "", "", "money.cn_unit"}}},
		{"该行在迪拜募资30亿阿联酋迪拉姆，在多哈募资10亿卡塔尔里亚尔，在开罗募资50亿埃及镑。", []wantFact{
			{"30亿阿联酋迪拉姆", KindMoney, "3000000000", "AED", "", "", "money.cn_unit"},
			{"10亿卡塔尔里亚尔", KindMoney, "1000000000", "QAR", "", "", "money.cn_unit"},
			{"50亿埃及镑", KindMoney, "5000000000", "EGP", "", "", "money.cn_unit"}}},
		{"哈萨克斯坦项目投资1000亿坚戈。", []wantFact{
			{"1000亿坚戈", KindMoney, "100000000000", "KZT", "", "", "money.cn_unit"}}},
		{"发行2只离岸人民币地方政府债券，共计25亿元。", []wantFact{
			{"2只", KindCount, "2", "只", "", "", "count.measure"},
			{"25亿元", KindMoney, "2500000000", "CNY", "", "", "money.cn_unit"}}},
		{"收购的美国钢铁公司拥有的2家钢铁厂，将追加投资约13亿美元。", []wantFact{
			{"2家", KindCount, "2", "家", "", "", "count.measure"},
			{"约13亿美元", KindMoney, "1300000000", "USD", QualApprox, "", "money.cn_unit"}}},
		{"法院判决被告向五名原告赔偿损失。", []wantFact{{"五名", KindCount, "5", "名", "", "", "count.measure"}}},
		{"公司董事会设有三名独立董事。", []wantFact{{"三名", KindCount, "3", "名", "", "", "count.measure"}}},
		{"4家中介机构已向投保基金公司交齐承诺金。", []wantFact{{"4家", KindCount, "4", "家", "", "", "count.measure"}}},
		{"7月份，70个大中城市中，各线城市商品住宅销售价格环比下降，其中一线城市降幅收窄。", nil},
		{"二季度，淡马锡在美股11家大型科技公司的持股价值增加了33亿美元。", []wantFact{
			{"33亿美元", KindMoney, "3300000000", "USD", "", "", "money.cn_unit"}}},
		{"其中约32亿美元进入了其中的六家公司：微软、苹果。", []wantFact{
			{"约32亿美元", KindMoney, "3200000000", "USD", QualApprox, "", "money.cn_unit"}}},
		{"公司获得融资100万美元。", []wantFact{{"100万美元", KindMoney, "1000000", "USD", "", "", "money.cn_unit"}}},
		{"本轮融资3.5亿人民币。", []wantFact{{"3.5亿人民币", KindMoney, "350000000", "CNY", "", "", "money.cn_unit"}}},
		{"注册资本为人民币3.5亿元。", []wantFact{{"人民币3.5亿元", KindMoney, "350000000", "CNY", "", "", "money.cn_unit"}}},
		{"售价¥99，约US$14。", []wantFact{
			{"¥99", KindMoney, "99", "CNY", "", "", "money.symbol"},
			{"约US$14", KindMoney, "14", "USD", QualApprox, "", "money.symbol"}}},
		{"大市成交879.35亿港元。", []wantFact{{"879.35亿港元", KindMoney, "87935000000", "HKD", "", "", "money.cn_unit"}}},
		{"发行2000亿日元的债券。", []wantFact{{"2000亿日元", KindMoney, "200000000000", "JPY", "", "", "money.cn_unit"}}},
		{"逆差188.94亿英镑。", []wantFact{{"188.94亿英镑", KindMoney, "18894000000", "GBP", "", "", "money.cn_unit"}}},
		{"规模约5亿欧元。", []wantFact{{"约5亿欧元", KindMoney, "500000000", "EUR", QualApprox, "", "money.cn_unit"}}},
		{"总收入16.4亿元。", []wantFact{{"16.4亿元", KindMoney, "1640000000", "CNY", "", "", "money.cn_unit"}}},
		{"每股派发0.36元/股。", []wantFact{{"0.36元", KindMoney, "0.36", "CNY", "", "", "money.cn_unit"}}},
		{"美油报78.09美元/桶。", []wantFact{{"78.09美元", KindMoney, "78.09", "USD", "", "", "money.cn_unit"}}},
		{"金额82,225.00元。", []wantFact{{"82,225.00元", KindMoney, "82225", "CNY", "", "", "money.cn_unit"}}},
		{"预计市场规模达1500亿元左右。", []wantFact{{"1500亿元左右", KindMoney, "150000000000", "CNY", QualApprox, "", "money.cn_unit"}}},
		{"交易额接近620亿元。", []wantFact{{"接近620亿元", KindMoney, "62000000000", "CNY", QualApprox, "", "money.cn_unit"}}},
		{"营收3000多万元。", []wantFact{{"3000多万元", KindMoney, "30000000", "CNY", QualOver, "", "money.cn_unit"}}},
		{"总额一千五百亿元。", []wantFact{{"一千五百亿元", KindMoney, "150000000000", "CNY", "", "", "money.cn_unit"}}},
		{"市场规模1.5万亿元。", []wantFact{{"1.5万亿元", KindMoney, "1500000000000", "CNY", "", "", "money.cn_unit"}}},
		{"信息技术投入尚无破20亿元者，10亿元以上的券商共有4家。", []wantFact{
			{"破20亿元", KindMoney, "2000000000", "CNY", QualOver, "", "money.cn_unit"},
			{"10亿元以上", KindMoney, "1000000000", "CNY", QualOver, "", "money.cn_unit"},
			{"4家", KindCount, "4", "家", "", "", "count.measure"}}},
		// signed sums: a minus run on from the sum's name signs it; after a
		// unit or a bracket it is a dash
		{"北向资金流出金额-37亿。", []wantFact{{"-37亿", KindMoney, "-3700000000", "CNY", "", "", "money.no_currency"}}},
		{"加上期初未分配利润-81,656,445.00元。", []wantFact{{"-81,656,445.00元", KindMoney, "-81656445", "CNY", "", "", "money.cn_unit"}}},
		{"净利润：人民币-1,907,142.03元。", []wantFact{{"人民币-1,907,142.03元", KindMoney, "-1907142.03", "CNY", "", "", "money.cn_unit"}}},
		{"亏损额负3亿元。", []wantFact{{"负3亿元", KindMoney, "-300000000", "CNY", "", "", "money.cn_unit"}}},
		{"投资金额1万(含)-5万元。", []wantFact{
			{"1万", KindMoney, "10000", "CNY", "", "", "money.no_currency"},
			{"5万元", KindMoney, "50000", "CNY", "", "", "money.cn_unit"}}},
		// counts
		{"已累计开立个人钱包1.4亿个，交易额。", []wantFact{{"1.4亿个", KindCount, "140000000", "个", "", "", "count.measure"}}},
		{"累计达38,420 项。", []wantFact{{"38,420 项", KindCount, "38420", "项", "", "", "count.measure"}}},
		{"使用人数达8000余人，将460多项审批流程。", []wantFact{
			{"8000余人", KindCount, "8000", "人", QualOver, "", "count.measure"},
			{"460多项", KindCount, "460", "项", QualOver, "", "count.measure"}}},
		{"累计运行时长6361小时，累计折算人力3578人/天。", []wantFact{
			{"6361小时", KindCount, "6361", "小时", "", "", "count.measure"},
			{"3578人/天", KindCount, "3578", "人/天", "", "", "count.measure"}}},
		{"上证指数涨0.94%报2877.36点。", []wantFact{
			{"0.94%", KindGrowth, "0.94", "%", "", BasisNone, "growth.verb"},
			{"2877.36点", KindCount, "2877.36", "点", "", "", "count.measure"}}},
		{"出口钢材782.7万吨。", []wantFact{{"782.7万吨", KindCount, "7827000", "吨", "", "", "count.measure"}}},
		{"专利申请数量已超61万件。", []wantFact{{"超61万件", KindCount, "610000", "件", QualOver, "", "count.measure"}}},
		{"涉及项目近120个。", []wantFact{{"近120个", KindCount, "120", "个", QualApprox, "", "count.measure"}}},
		{"共有三十余家机构。", []wantFact{{"三十余家", KindCount, "30", "家", QualOver, "", "count.measure"}}},
		{"人均就诊2.5次，每10股转增4.8股。", []wantFact{
			{"2.5次", KindCount, "2.5", "次", "", "", "count.measure"},
			{"4.8股", KindCount, "4.8", "股", "", "", "count.measure"}}},
		{"发行 300 张债券，董事会由 3 名董事组成。", []wantFact{
			{"300 张", KindCount, "300", "张", "", "", "count.measure"},
			{"3 名", KindCount, "3", "名", "", "", "count.measure"}}},
		// percent
		{"占总营收比例为2.76%。", []wantFact{{"2.76%", KindPercent, "2.76", "%", "", "", "percent.sign"}}},
		{"占比２．５％。", []wantFact{{"２．５％", KindPercent, "2.5", "%", "", "", "percent.sign"}}},
		{"约有百分之二十的企业。", []wantFact{{"百分之二十", KindPercent, "20", "%", "", "", "percent.fraction"}}},
		{"约四分之一的用户。", []wantFact{{"约四分之一", KindPercent, "25", "%", QualApprox, "", "percent.fraction"}}},
		{"九成用户选择线上。", []wantFact{{"九成", KindPercent, "90", "%", "", "", "percent.cheng"}}},
		{"科技人才占比近一半，超过半数的企业亏损，半数以上的券商。", []wantFact{
			{"近一半", KindPercent, "50", "%", QualApprox, "", "percent.half"},
			{"超过半数", KindPercent, "50", "%", QualOver, "", "percent.half"},
			{"半数以上", KindPercent, "50", "%", QualOver, "", "percent.half"}}},
		{"收入占比已过半，不到一半的客户，占比未过半。", []wantFact{
			{"过半", KindPercent, "50", "%", QualOver, "", "percent.half"},
			{"不到一半", KindPercent, "50", "%", QualUnder, "", "percent.half"},
			{"未过半", KindPercent, "50", "%", QualUnder, "", "percent.half"}}},
		{"回购总金额不超过人民币50,000万元（含50,000万元）。", []wantFact{
			{"不超过人民币50,000万元", KindMoney, "500000000", "CNY", QualUnder, "", "money.cn_unit"},
			{"50,000万元", KindMoney, "500000000", "CNY", "", "", "money.cn_unit"}}},
		{"占比20%或以上。", []wantFact{{"20%或以上", KindPercent, "20", "%", QualOver, "", "percent.sign"}}},
		{"不良率为7.5‰。", []wantFact{{"7.5‰", KindPercent, "0.75", "%", "", "", "percent.permille"}}},
		{"贡献接近20%。", []wantFact{{"接近20%", KindPercent, "20", "%", QualApprox, "", "percent.sign"}}},
		{"比重在10%以上。", []wantFact{{"10%以上", KindPercent, "10", "%", QualOver, "", "percent.sign"}}},
		{"占比不足5%。", []wantFact{{"不足5%", KindPercent, "5", "%", QualUnder, "", "percent.sign"}}},
		{"占比分别为31.02%，30.23%和26.39%。", []wantFact{
			{"31.02%", KindPercent, "31.02", "%", "", "", "percent.sign"},
			{"30.23%", KindPercent, "30.23", "%", "", "", "percent.sign"},
			{"26.39%", KindPercent, "26.39", "%", "", "", "percent.sign"}}},
		// growth
		{"工行投入259.87亿元，同比增长9.10%。", []wantFact{
			{"259.87亿元", KindMoney, "25987000000", "CNY", "", "", "money.cn_unit"},
			{"9.10%", KindGrowth, "9.10", "%", "", BasisYoY, "growth.verb"}}},
		{"房地产开发投资下降10.2%。", []wantFact{{"10.2%", KindGrowth, "-10.2", "%", "", BasisNone, "growth.verb"}}},
		{"市场规模较2019年增长56.6%。", []wantFact{{"56.6%", KindGrowth, "56.6", "%", "", BasisYoY, "growth.verb"}}},
		{"预算相比2020年增加约30%。", []wantFact{{"约30%", KindGrowth, "30", "%", QualApprox, BasisYoY, "growth.verb"}}},
		{"复合增长率为24%。", []wantFact{{"24%", KindGrowth, "24", "%", "", BasisCAGR, "growth.noun"}}},
		{"年均复合增长率将达到54.6%。", []wantFact{{"54.6%", KindGrowth, "54.6", "%", "", BasisCAGR, "growth.noun"}}},
		{"汽车出口环比下降3.2%，同比增长19.6%。", []wantFact{
			{"3.2%", KindGrowth, "-3.2", "%", "", BasisQoQ, "growth.verb"},
			{"19.6%", KindGrowth, "19.6", "%", "", BasisYoY, "growth.verb"}}},
		{"增速为5%，增幅达12%，增长率为3%。", []wantFact{
			{"5%", KindGrowth, "5", "%", "", BasisNone, "growth.noun"},
			{"12%", KindGrowth, "12", "%", "", BasisNone, "growth.noun"},
			{"3%", KindGrowth, "3", "%", "", BasisNone, "growth.noun"}}},
		{"实现了高达233.49%的增速。", []wantFact{{"233.49%", KindGrowth, "233.49", "%", "", BasisNone, "growth.noun_after"}}},
		{"增速分别为6.64%、12.20%、11.44%。", []wantFact{
			{"6.64%", KindGrowth, "6.64", "%", "", BasisNone, "growth.noun"},
			{"12.20%", KindGrowth, "12.20", "%", "", BasisNone, "growth.list"},
			{"11.44%", KindGrowth, "11.44", "%", "", BasisNone, "growth.list"}}},
		{"营收同比分别下降5%、6%。", []wantFact{
			{"5%", KindGrowth, "-5", "%", "", BasisYoY, "growth.verb"},
			{"6%", KindGrowth, "-6", "%", "", BasisYoY, "growth.list"}}},
		{"预计未来两年增速保持15%以上。", []wantFact{{"15%以上", KindGrowth, "15", "%", QualOver, BasisNone, "growth.noun"}}},
		{"收入与上年持平。", []wantFact{{"持平", KindGrowth, "0", "%", "", BasisNone, "growth.flat"}}},
		// a rate without a cue of its own takes the base the paragraph named
		{"1-7月份，固定资产投资同比增长3.6%，房地产开发投资下降10.2%。", []wantFact{
			{"3.6%", KindGrowth, "3.6", "%", "", BasisYoY, "growth.verb"},
			{"10.2%", KindGrowth, "-10.2", "%", "", BasisYoY, "growth.verb"}}},
		{"投入合计1074.93亿元，同比增长10.77%。其中增速分别为6.64%、12.20%。", []wantFact{
			{"1074.93亿元", KindMoney, "107493000000", "CNY", "", "", "money.cn_unit"},
			{"10.77%", KindGrowth, "10.77", "%", "", BasisYoY, "growth.verb"},
			{"6.64%", KindGrowth, "6.64", "%", "", BasisYoY, "growth.noun"},
			{"12.20%", KindGrowth, "12.20", "%", "", BasisYoY, "growth.list"}}},
		{"零售销售环比升1.0%，预期升0.3%，前值持平。", []wantFact{
			{"1.0%", KindGrowth, "1.0", "%", "", BasisQoQ, "growth.verb"},
			{"0.3%", KindGrowth, "0.3", "%", "", BasisQoQ, "growth.verb"},
			{"持平", KindGrowth, "0", "%", "", BasisQoQ, "growth.flat"}}},
		{"收入同比增长5%。\n道指涨1.39%。", []wantFact{
			{"5%", KindGrowth, "5", "%", "", BasisYoY, "growth.verb"},
			{"1.39%", KindGrowth, "1.39", "%", "", BasisNone, "growth.verb"}}},
		{"同比增长5%，复合增长率为24%，增速保持15%以上。", []wantFact{
			{"5%", KindGrowth, "5", "%", "", BasisYoY, "growth.verb"},
			{"24%", KindGrowth, "24", "%", "", BasisCAGR, "growth.noun"},
			{"15%以上", KindGrowth, "15", "%", QualOver, BasisNone, "growth.noun"}}},
		{"接待82.13万人,较上年同期减少9.99万人,减幅10.84%；收入减少118.48万元，减幅1.54%。", []wantFact{
			{"82.13万人", KindCount, "821300", "人", "", "", "count.measure"},
			{"9.99万人", KindCount, "99900", "人", "", "", "count.measure"},
			{"10.84%", KindGrowth, "-10.84", "%", "", BasisYoY, "growth.noun"},
			{"118.48万元", KindMoney, "1184800", "CNY", "", "", "money.cn_unit"},
			{"1.54%", KindGrowth, "-1.54", "%", "", BasisYoY, "growth.noun"}}},
		{"增速为-3.2%。", []wantFact{{"-3.2%", KindGrowth, "-3.2", "%", "", BasisNone, "growth.noun"}}},
		// percentage points
		{"较2020年增加0.06个百分点。", []wantFact{{"0.06个百分点", KindPPChange, "0.06", "pp", "", "", "pp.points"}}},
		{"较2020年下降0.07个百分点。", []wantFact{{"0.07个百分点", KindPPChange, "-0.07", "pp", "", "", "pp.points"}}},
		{"占比提高2个百分点。", []wantFact{{"2个百分点", KindPPChange, "2", "pp", "", "", "pp.points"}}},
		{"贷款利率下调10个基点。", []wantFact{{"10个基点", KindPPChange, "-0.10", "pp", "", "", "pp.bp"}}},
		{"5年期国债下行1.15bp，7年期上行0.4bp。", []wantFact{
			{"1.15bp", KindPPChange, "-0.0115", "pp", "", "", "pp.bp"},
			{"0.4bp", KindPPChange, "0.004", "pp", "", "", "pp.bp"}}},
		{"央行下调7天逆回购利率10个基点。", []wantFact{{"10个基点", KindPPChange, "-0.10", "pp", "", "", "pp.bp"}}},
		{"该行9月下调关键利率25基点至4.25%。", []wantFact{{"25基点", KindPPChange, "-0.25", "pp", "", "", "pp.bp"}, {"4.25%", KindPercent, "4.25", "%", "", "", "percent.sign"}}},
		{"央行宣布上调存款准备金率0.5个百分点。", []wantFact{{"0.5个百分点", KindPPChange, "0.5", "pp", "", "", "pp.points"}}},
		{"降低存款准备金率0.5个百分点，释放资金1万亿元。", []wantFact{{"0.5个百分点", KindPPChange, "-0.5", "pp", "", "", "pp.points"}, {"1万亿元", KindMoney, "1000000000000", "CNY", "", "", "money.cn_unit"}}},
		{"下调利率，同时收益率为3%，变动10个基点。", []wantFact{{"3%", KindPercent, "3", "%", "", "", "percent.sign"}, {"10个基点", KindPPChange, "0.10", "pp", "", "", "pp.bp"}}},
		{"市场预计美联储将实施50个基点的降息。", []wantFact{{"50个基点", KindPPChange, "-0.50", "pp", "", "", "pp.bp"}}},
		{"这是一次25个基点的鹰派加息。", []wantFact{{"25个基点", KindPPChange, "0.25", "pp", "", "", "pp.bp"}}},
		{"央行宣布0.5个百分点的降准。", []wantFact{{"0.5个百分点", KindPPChange, "-0.5", "pp", "", "", "pp.points"}}},
		{"两者相差25个基点的水平，市场预期降息。", []wantFact{{"25个基点", KindPPChange, "0.25", "pp", "", "", "pp.bp"}}},
		{"收益率上行5个基点的幅度不大，降息预期升温。", []wantFact{{"5个基点", KindPPChange, "0.05", "pp", "", "", "pp.bp"}}},
		{"菲律宾央行降息25个基点。", []wantFact{{"25个基点", KindPPChange, "-0.25", "pp", "", "", "pp.bp"}}},
		{"人民币兑美元中间价调升175个基点。", []wantFact{{"175个基点", KindCount, "175", "个基点", "", "", "count.pips"}}},
		{"占比分别较2020年下降0.07个百分点、增加0.12个百分点、持平、增加1.18个百分点。", []wantFact{
			{"0.07个百分点", KindPPChange, "-0.07", "pp", "", "", "pp.points"},
			{"0.12个百分点", KindPPChange, "0.12", "pp", "", "", "pp.points"},
			{"持平", KindPPChange, "0", "pp", "", "", "pp.flat"},
			{"1.18个百分点", KindPPChange, "1.18", "pp", "", "", "pp.points"}}},
		{"增速比全部工业高7.5个和4.5个百分点。", []wantFact{
			{"7.5个", KindPPChange, "7.5", "pp", "", "", "pp.points"},
			{"4.5个百分点", KindPPChange, "4.5", "pp", "", "", "pp.points"}}},
		{"不良率下降至1.2%，降幅达0.3个百分点。", []wantFact{
			{"1.2%", KindPercent, "1.2", "%", "", "", "percent.sign"},
			{"0.3个百分点", KindPPChange, "-0.3", "pp", "", "", "pp.points"}}},
		{"销售面积同比下降18.6%，降幅比1-6月份收窄0.4个百分点；降幅扩大0.7个百分点。", []wantFact{
			{"18.6%", KindGrowth, "-18.6", "%", "", BasisYoY, "growth.verb"},
			{"0.4个百分点", KindPPChange, "0.4", "pp", "", "", "pp.points"},
			{"0.7个百分点", KindPPChange, "-0.7", "pp", "", "", "pp.points"}}},
		{"大豆期货跌0.08%报967.75美分/蒲式耳，天然气产量200亿立方米。", []wantFact{
			{"0.08%", KindGrowth, "-0.08", "%", "", BasisNone, "growth.verb"},
			{"967.75美分", KindMoney, "9.6775", "USD", "", "", "money.cn_unit"},
			{"200亿立方米", KindCount, "20000000000", "立方米", "", "", "count.measure"}}},
		{"欧元兑美元跌0.37%报1.0971，富时马来西亚综指涨1.53%报1678.8点。", []wantFact{
			{"0.37%", KindGrowth, "-0.37", "%", "", BasisNone, "growth.verb"},
			{"1.0971", KindCount, "1.0971", "", "", "", "count.quote"},
			{"1.53%", KindGrowth, "1.53", "%", "", BasisNone, "growth.verb"},
			{"1678.8点", KindCount, "1678.8", "点", "", "", "count.measure"}}},
		{"美国8月芝加哥PMI为46.1，预期45.5，前值45.3。纽约联储制造业指数-4.7，预期-6。", []wantFact{
			{"46.1", KindCount, "46.1", "", "", "", "count.quote"},
			{"45.5", KindCount, "45.5", "", "", "", "count.quote"},
			{"45.3", KindCount, "45.3", "", "", "", "count.quote"},
			{"-4.7", KindCount, "-4.7", "", "", "", "count.quote"},
			{"-6", KindCount, "-6", "", "", "", "count.quote"}}},
		{"上交所共对29起证券异常交易行为采取监管措施。", []wantFact{
			{"29起", KindCount, "29", "起", "", "", "count.measure"}}},
		{"此前连续3日不足5000亿元，连跌4日，近5日累计跌4860元，已经连续5个月上涨，成立20年来。", []wantFact{
			{"3日", KindCount, "3", "日", "", "", "count.measure"},
			{"不足5000亿元", KindMoney, "500000000000", "CNY", QualUnder, "", "money.cn_unit"},
			{"4日", KindCount, "4", "日", "", "", "count.measure"},
			{"5日", KindCount, "5", "日", "", "", "count.measure"},
			{"4860元", KindMoney, "4860", "CNY", "", "", "money.cn_unit"},
			{"5个月", KindCount, "5", "个月", "", "", "count.measure"},
			{"20年", KindCount, "20", "年", "", "", "count.measure"}}},
		{"先后实施了三次调整，发布三件指引，两只证券调入，六家公司。", []wantFact{
			{"三次", KindCount, "3", "次", "", "", "count.measure"},
			{"三件", KindCount, "3", "件", "", "", "count.measure"},
			{"两只", KindCount, "2", "只", "", "", "count.measure"},
			{"六家", KindCount, "6", "家", "", "", "count.measure"}}},
		{"ROE较上年提升1.2pct。", []wantFact{{"1.2pct", KindPPChange, "1.2", "pp", "", "", "pp.points"}}},
		{"营业收入同比下降-5.2%。", []wantFact{{"-5.2%", KindGrowth, "-5.2", "%", "", BasisYoY, "growth.verb"}}},
		{"同比增长超过20%。", []wantFact{{"超过20%", KindGrowth, "20", "%", QualOver, BasisYoY, "growth.verb"}}},
		{"年均增长12%。", []wantFact{{"12%", KindGrowth, "12", "%", "", BasisCAGR, "growth.verb"}}},
		{"上证指数收于3500点。", []wantFact{{"3500点", KindCount, "3500", "点", "", "", "count.measure"}}},
		// multiples
		{"中金公司投入翻番。", []wantFact{{"翻番", KindMultiple, "2", "x", "", "", "multiple.fanfan"}}},
		{"收入翻两番。", []wantFact{{"翻两番", KindMultiple, "4", "x", "", "", "multiple.fanfan"}}},
		{"用户数增长1.4倍。", []wantFact{{"1.4倍", KindMultiple, "1.4", "x", "", "", "multiple.times"}}},
		{"增速达到总体市场增速4倍以上。", []wantFact{{"4倍以上", KindMultiple, "4", "x", QualOver, "", "multiple.times"}}},
		{"IT投入激增近三倍。", []wantFact{{"近三倍", KindMultiple, "3", "x", QualApprox, "", "multiple.times"}}},
		// measure words and currencies the annotations read
		{"商务部等5部门联合出台方案，加强国际合作等5方面。", []wantFact{
			{"5部门", KindCount, "5", "部门", "", "", "count.measure"},
			{"5方面", KindCount, "5", "方面", "", "", "count.measure"}}},
		{"批准在北京、上海等10省(市)开展试点。", []wantFact{{"10省", KindCount, "10", "省", "", "", "count.measure"}}},
		{"石油钻井总数483口，深圳华强斩获11板。", []wantFact{
			{"483口", KindCount, "483", "口", "", "", "count.measure"},
			{"11板", KindCount, "11", "板", "", "", "count.measure"}}},
		{"权益持有人应佔溢利2.43亿元美元。", []wantFact{{"2.43亿元美元", KindMoney, "243000000", "USD", "", "", "money.cn_unit"}}},
		{"成本是原运费险的9折以下，原先5折。", []wantFact{
			{"9折以下", KindPercent, "90", "%", QualUnder, "", "percent.zhe"},
			{"5折", KindPercent, "50", "%", "", "", "percent.zhe"}}},
		// spans of time the annotations count (convention 14)
		{"明确了未来5年乃至到2035年的路线图，力争用5年时间建成。", []wantFact{
			{"5年", KindCount, "5", "年", "", "", "count.measure"},
			{"5年", KindCount, "5", "年", "", "", "count.measure"}}},
		{"拟在五年内完成上市目标，结束两日连涨，创一个月新高。", []wantFact{
			{"五年", KindCount, "5", "年", "", "", "count.measure"},
			{"两日", KindCount, "2", "日", "", "", "count.measure"},
			{"一个月", KindCount, "1", "个月", "", "", "count.measure"}}},
		{"渡过其56年历史上最困难的时期，10年间累计金额将超3万亿韩元。", []wantFact{
			{"56年", KindCount, "56", "年", "", "", "count.measure"},
			{"10年", KindCount, "10", "年", "", "", "count.measure"},
			{"超3万亿韩元", KindMoney, "3000000000000", "KRW", QualOver, "", "money.cn_unit"}}},
		{"构建上海、北京、济南三个研发中心，海翔药业和台州前进两个省级企业研究院。", []wantFact{
			{"三个", KindCount, "3", "个", "", "", "count.measure"},
			{"两个", KindCount, "2", "个", "", "", "count.measure"}}},
		{"提高贷款最高额度、降低首付款比例等五项措施，宣布阿里巴巴集团完成三年整改。", []wantFact{
			{"五项", KindCount, "5", "项", "", "", "count.measure"},
			{"三年", KindCount, "3", "年", "", "", "count.measure"}}},
		{"主要经济体增速分化明显，美国处于2%以上，而日欧明显疲弱。", []wantFact{
			{"2%以上", KindGrowth, "2", "%", QualOver, BasisNone, "growth.level"}}},
		{"卫健委等六部门批准试点。", []wantFact{{"六部门", KindCount, "6", "部门", "", "", "count.measure"}}},
		{"计划2024年在美团入驻2.5万家电专卖店。", []wantFact{{"2.5万", KindCount, "25000", "", "", "", "count.bare_scaled"}}},
		{"美元兑加元涨0.07%报1.3494。", []wantFact{
			{"0.07%", KindGrowth, "0.07", "%", "", BasisNone, "growth.verb"},
			{"1.3494", KindCount, "1.3494", "", "", "", "count.quote"}}},
		// coins: 角 and 毛 are tenths of 元, 分 hundredths, 块 is 元.
		{"开销123元1角1分。", []wantFact{
			{"123元1角1分", KindMoney, "123.11", "CNY", "", "", "money.coins"}}},
		{"这个手机壳五元三毛", []wantFact{
			{"五元三毛", KindMoney, "5.3", "CNY", "", "", "money.coins"}}},
		{"单价两毛五", []wantFact{{"两毛五", KindMoney, "0.25", "CNY", "", "", "money.coins"}}},
		{"2角", []wantFact{{"2角", KindMoney, "0.2", "CNY", "", "", "money.coins"}}},
		{"一百三十五块六角七分钱", []wantFact{
			{"一百三十五块六角七分钱", KindMoney, "135.67", "CNY", "", "", "money.coins"}}},
		{"至少三块零四", []wantFact{{"至少三块零四", KindMoney, "3.04", "CNY", QualOver, "", "money.coins"}}},
		{"打印费十块钱。", []wantFact{{"十块钱", KindMoney, "10", "CNY", "", "", "money.coins"}}},
		{"最多一块二", []wantFact{{"最多一块二", KindMoney, "1.2", "CNY", QualUnder, "", "money.coins"}}},
		{"单笔至多5000元。", []wantFact{{"至多5000元", KindMoney, "5000", "CNY", QualUnder, "", "money.cn_unit"}}},
		{"这台电脑两美元又三美分", []wantFact{{"两美元又三美分", KindMoney, "2.03", "USD", "", "", "money.coins"}}},
		{"五分钱", []wantFact{{"五分钱", KindMoney, "0.05", "CNY", "", "", "money.coins"}}},
		{"五块六到五块七毛八", []wantFact{
			{"五块六", KindMoney, "5.6", "CNY", "", "", "money.coins"},
			{"五块七毛八", KindMoney, "5.78", "CNY", "", "", "money.coins"}}},
		{"花费你五美元和花费我三块", []wantFact{
			{"五美元", KindMoney, "5", "USD", "", "", "money.cn_unit"},
			{"三块", KindMoney, "3", "CNY", "", "", "money.coins"}}},
		// 分 alone, and 块, 角, 毛 as words of their own, are no money.
		{"得了五分。", nil},
		{"分为三块。", nil},
		{"取得3块土地。", nil},
		{"土地分为3块，", nil},
		{"单价7块。", []wantFact{{"7块", KindMoney, "7", "CNY", "", "", "money.coins"}}},
		{"化解三角债。", nil},
		{"只是冰山一角。", nil},
		{"分布在长三角、珠三角。", nil},
		{"一毛不拔。", nil},
		{"每股收益0.5元3月", []wantFact{{"0.5元", KindMoney, "0.5", "CNY", "", "", "money.cn_unit"}}},
		// ranges
		{"预计增长3%-4.5%。", []wantFact{
			{"3%", KindGrowth, "3", "%", "", BasisNone, "growth.verb"},
			{"4.5%", KindGrowth, "4.5", "%", "", BasisNone, "growth.list"}}},
		{"占比在15%至20%之间。", []wantFact{
			{"15%", KindPercent, "15", "%", "", "", "percent.sign"},
			{"20%", KindPercent, "20", "%", "", "", "percent.sign"}}},
		{"每股派息0.51-0.52美元。", []wantFact{
			{"0.51", KindMoney, "0.51", "USD", "", "", "money.cn_unit"},
			{"0.52美元", KindMoney, "0.52", "USD", "", "", "money.cn_unit"}}},
		{"投资规模3-5亿元。", []wantFact{
			{"3", KindMoney, "300000000", "CNY", "", "", "money.cn_unit"},
			{"5亿元", KindMoney, "500000000", "CNY", "", "", "money.cn_unit"}}},
		{"规模在100~200亿元。", []wantFact{
			{"100", KindMoney, "10000000000", "CNY", "", "", "money.cn_unit"},
			{"200亿元", KindMoney, "20000000000", "CNY", "", "", "money.cn_unit"}}},
	}
	for _, tt := range tests {
		clean := []rune(tt.in)
		cands := scanNumeric(clean)
		if len(cands) != len(tt.want) {
			t.Errorf("scanNumeric(%q): %d facts, want %d:%s", tt.in, len(cands), len(tt.want), describe(clean, cands))
		}
		for _, w := range tt.want {
			c, ok := findCandidate(clean, cands, w.text)
			if !ok {
				t.Errorf("scanNumeric(%q): no fact with text %q:%s", tt.in, w.text, describe(clean, cands))
				continue
			}
			qual := w.qual
			if qual == "" {
				qual = QualExact
			}
			if c.Kind != w.kind || c.Value != w.value || c.Unit != w.unit || c.Qualifier != qual || c.Basis != w.basis || c.Rule != w.rule {
				t.Errorf("scanNumeric(%q) %q = %s %s %s %s %q %s; want %s %s %s %s %q %s", tt.in, w.text,
					c.Kind, c.Value, c.Unit, c.Qualifier, c.Basis, c.Rule, w.kind, w.value, w.unit, qual, w.basis, w.rule)
			}
		}
	}
}

func TestScanNumericPerUnit(t *testing.T) {
	clean := []rune("美油报78.09美元/桶，每股0.36元/股。")
	cands := scanNumeric(clean)
	got := []string{}
	for _, c := range cands {
		got = append(got, c.per)
	}
	if strings.Join(got, ",") != "桶,股" {
		t.Errorf("per = %v, want [桶 股]:%s", got, describe(clean, cands))
	}
}

// TestScanNumericNotFacts lists what FACTS.md says is not a fact: none of
// these sentences may yield a numeric fact.
func TestScanNumericNotFacts(t *testing.T) {
	for _, in := range []string{
		"在金融科技4.0时代，金融与科技高度融合发展。",
		"华泰证券发布融券通3.0，推动业务创新。",
		"Web3.0和V2.1版本。",
		"中国金融50人论坛成立了区块链工作小组。",
		"排名前10头部券商的市场份额继续提升。",
		"全市已建成3片区，节能改造完成5节点。",
		"欧盟发布“2030数字罗盘”计划。",
		"随着5G商用的全面推进，4G用户减少。",
		"218个“数字员工”7x24小时不间断工作。"[len("218个“数字员工”"):],
		"360公司发布公告。",
		"金宇生物（600201）发布年报。",
		"一是互联网金融快速兴起。二是非金融企业进入金融行业。",
		"二、国内金融科技发展现状",
		"（三）监管科技",
		"居于全球第2位，位列第一。",
		"1. 引言",
		"(1)数据来源",
		"数字人民币应用场景逐步拓展，人民币国际化稳步推进。",
		"联系电话：010-12345678。",
		"2021年7月，人民银行发布白皮书。",
		"2019-2021年，产业规模快速增长。",
		"随着“十四五”时期的到来。",
		"该计划一共包括了五方面的内容。",
		"我们保持平稳发展，千家万户受益。",
		"一成不变的模式。",
		"最近3年发展迅速。",
		"<img style=\"max-width: 100%;\">",
		"一项重要举措，围绕财务规划、会计核算、资产管理六个模块，“数字生态、数字基因”五个维度。",
		"实现“30分钟万物到家”。",
		"决策树是一一种基本的分类方法。",
		"投入数十亿元，覆盖几十万家企业。",
		"详见 http://example.com/a?q=12%2F34&r=5%20x 页面。",
		"深南大道2008号中国凤凰大厦。",
		"持股5%以上的股东，其他持股在百分之十以上的法人股东，持有半数或以下表决权，持有20%或以上表决权。",
		"人民币普通股 2,569,133 张蔼然 2,100,000",
		"租赁期占租赁资产使用寿命的75%以上（含75%），公允价值90%以上（含 90%）。",
		"无形资产 44,018,013.70 款 合计 15,434,495.34 个税手续费返还",
		"人民币对美元16:30收盘，夜盘23：30收报。",
		"指数成分股代码报600201，报2024年。",
		"自2024年起实施，从那时起，预期2025年。",
		"央行15日以固定利率操作，5年期国债，每年分红，3年以上账龄，创下2024年以来新高。",
		"账龄超过1年的应收股利，未来12个月内预期信用损失，逾期超过90天。",
		"部署未来五年的重大改革举措，一年来，在一年内到期。",
		"七、近三年主要会计数据，对未来12个月现金流量的滚动预测，未来12个月预期信用损失。",
		"其他收益 1,600,000.00 省商务发展专项资金 序号 1 口蹄疫疫苗制备方法",
		"坚持两个维护，一项重要举措，一次性支付，陆家嘴。",
		"九届四次董事会，连续两次未亲自出席，下列两项金额，二次项系数，三位一体，获得前三名，第二名。",
		"上半年半导体行业，近半年来，一年半以后，多半是，另一半，过半个月。",
		"折合人民币，打折促销，折旧费用，3折叠屏。",
	} {
		clean := []rune(in)
		if cands := scanNumeric(clean); len(cands) != 0 {
			t.Errorf("scanNumeric(%q) found facts, want none:%s", in, describe(clean, cands))
		}
	}
}

func TestResolveOverlaps(t *testing.T) {
	count := candidate{Fact: Fact{Kind: KindCount, Value: "2021"}, cs: 0, ce: 5}
	date := candidate{Fact: Fact{Kind: KindDate, From: "2021", To: "2021"}, cs: 0, ce: 5}
	money := candidate{Fact: Fact{Kind: KindMoney, Value: "2000"}, cs: 10, ce: 15}
	badDate := candidate{Fact: Fact{Kind: KindDate, From: "2000", To: "2000"}, cs: 10, ce: 14}
	later := candidate{Fact: Fact{Kind: KindPercent, Value: "5"}, cs: 20, ce: 22}
	got := resolveOverlaps([]candidate{later, count, money}, []candidate{badDate, date})
	var kinds []string
	for _, c := range got {
		kinds = append(kinds, c.Kind)
	}
	if want := "date,money,percent"; strings.Join(kinds, ",") != want {
		t.Errorf("resolveOverlaps kinds = %v, want %s", kinds, want)
	}
}

func TestScanNumericTables(t *testing.T) {
	in := "八、分季度主要财务指标\n单位:万元\n\t第一季度\t第二季度\n营业收入\t831,903.72\t-900.50\n" +
		"分产品\t营业收入\t毛利率\t营业收入比上年同期增减\t毛利率比上年同期增减\n染料\t1,316,830.67\t64.63%\t5.40%\t-6.34%\n" +
		"公司在报告期内持续加大研发投入，研发人员数量保持稳定，研发投入的金额与上年相比有所增加，具体如下所示。\n年份\t2019\t1,234.00\n"
	clean := []rune(in)
	cands := scanNumeric(clean)
	want := []wantFact{
		{"831,903.72", KindMoney, "8319037200", "CNY", "", "", "money.table_unit"},
		{"-900.50", KindMoney, "-9005000", "CNY", "", "", "money.table_unit"},
		{"1,316,830.67", KindMoney, "13168306700", "CNY", "", "", "money.table_unit"},
		{"64.63%", KindPercent, "64.63", "%", "", "", "percent.sign"},
		{"5.40%", KindGrowth, "5.40", "%", "", BasisYoY, "growth.table"},
		{"-6.34%", KindPPChange, "-6.34", "pp", "", "", "pp.table"},
	}
	if len(cands) != len(want) {
		t.Errorf("%d facts, want %d:%s", len(cands), len(want), describe(clean, cands))
	}
	for _, w := range want {
		c, ok := findCandidate(clean, cands, w.text)
		if !ok {
			t.Errorf("no fact %q:%s", w.text, describe(clean, cands))
			continue
		}
		if c.Kind != w.kind || c.Value != w.value || c.Unit != w.unit || c.Basis != w.basis || c.Rule != w.rule {
			t.Errorf("%q = %s %s %s %q %s; want %s %s %s %q %s", w.text, c.Kind, c.Value, c.Unit, c.Basis, c.Rule,
				w.kind, w.value, w.unit, w.basis, w.rule)
		}
	}
}

func TestScanNumericBlanks(t *testing.T) {
	for _, tt := range []struct {
		in, text string // text "" means no fact
	}{
		{"累计达38,420 项。", "38,420 项"},
		{"发行价为每股人民币 10.28 元,共计募集资金", "人民币 10.28 元"},
		{"2.1 人工智能产业规模", ""},
		{"3 家庭消费", ""},
	} {
		clean := []rune(tt.in)
		cands := scanNumeric(clean)
		switch {
		case tt.text == "" && len(cands) != 0:
			t.Errorf("scanNumeric(%q) found facts, want none:%s", tt.in, describe(clean, cands))
		case tt.text != "":
			if _, ok := findCandidate(clean, cands, tt.text); !ok || len(cands) != 1 {
				t.Errorf("scanNumeric(%q): want one fact %q:%s", tt.in, tt.text, describe(clean, cands))
			}
		}
	}
}

func TestScanNumericSpacedText(t *testing.T) {
	in := "回购股份的资金总额不低于人民币 3 亿元，本承诺函第 2 项承诺。"
	clean := []rune(in)
	cands := scanNumeric(clean)
	if len(cands) != 1 {
		t.Fatalf("want one fact:%s", describe(clean, cands))
	}
	c := cands[0]
	if got := string(clean[c.cs:c.ce]); got != "不低于人民币 3 亿元" || c.Value != "300000000" || c.Qualifier != QualOver {
		t.Errorf("got %q %s %s, want 不低于人民币 3 亿元 300000000 over", got, c.Value, c.Qualifier)
	}
}

func TestScanNumericSpacedScale(t *testing.T) {
	in := "资金总额不超过人民币 5 亿。"
	clean := []rune(in)
	cands := scanNumeric(clean)
	if len(cands) != 1 || string(clean[cands[0].cs:cands[0].ce]) != "不超过人民币 5 亿" || cands[0].Value != "500000000" {
		t.Errorf("want 不超过人民币 5 亿 500000000:%s", describe(clean, cands))
	}
}

func TestScanNumericBareScaled(t *testing.T) {
	tests := []struct {
		in   string
		want []wantFact
	}{
		{"截至年末，平台用户数达2.5亿，交易规模超过1500亿。", []wantFact{
			{"2.5亿", KindCount, "250000000", "", "", "", "count.bare_scaled"},
			{"超过1500亿", KindMoney, "150000000000", "CNY", QualOver, "", "money.no_currency"}}},
		{"市场规模覆盖2.5亿用户。", nil},
	}
	for _, tt := range tests {
		clean := []rune(tt.in)
		cands := scanNumeric(clean)
		if len(cands) != len(tt.want) {
			t.Errorf("scanNumeric(%q): %d facts, want %d:%s", tt.in, len(cands), len(tt.want), describe(clean, cands))
			continue
		}
		for _, w := range tt.want {
			c, ok := findCandidate(clean, cands, w.text)
			if !ok || c.Kind != w.kind || c.Value != w.value || c.Unit != w.unit || c.Rule != w.rule {
				t.Errorf("scanNumeric(%q) %q: got%s", tt.in, w.text, describe(clean, cands))
			}
		}
	}
}

func TestScanNumericSpacedGrowth(t *testing.T) {
	clean := []rune("市场从 2000 点涨到 4000 点,涨幅为 100%。而跌回 2000点,只需下跌 50%。")
	cands := scanNumeric(clean)
	for _, w := range []wantFact{
		{"100%", KindGrowth, "100", "%", "", BasisNone, "growth.noun"},
		{"50%", KindGrowth, "-50", "%", "", BasisNone, "growth.verb"},
	} {
		c, ok := findCandidate(clean, cands, w.text)
		if !ok || c.Kind != w.kind || c.Value != w.value || c.Rule != w.rule {
			t.Errorf("%q: got%s", w.text, describe(clean, cands))
		}
	}
}

func TestScanNumericTablePercentColumns(t *testing.T) {
	// A PDF table with one cell a line: a (%) column makes bare 40.39 a
	// percent of unknown kind, so only amounts with separators are money.
	in := "主要会计数据\n单位：\n元\n主要会计数据\n2020\n年\n本期\n比上\n年同\n期增\n减\n(%)\n营业收入\n1,581,905,632.48\n1,126,782,253.35\n40.39\n"
	clean := []rune(in)
	cands := scanNumeric(clean)
	if len(cands) != 2 || cands[0].Value != "1581905632.48" || cands[1].Value != "1126782253.35" || cands[0].Rule != "money.table_unit" {
		t.Errorf("want the two amounts only:%s", describe(clean, cands))
	}
}

func TestScanNumericTableRowOfBlanks(t *testing.T) {
	in := "主要会计数据 单位:元 币种:人民币\n主要会计数据 2020年 2019年 本期比上年同期增减(%) 2018年 营业收入 1,581,905,632.48 1,126,782,253.35 40.39 1,896,608,630.19 归属于上市公司股东的净利润\n"
	clean := []rune(in)
	var money []string
	for _, c := range scanNumeric(clean) {
		if c.Rule == "money.table_unit" {
			money = append(money, c.Value)
		}
	}
	if got := strings.Join(money, " "); got != "1581905632.48 1126782253.35 1896608630.19" {
		t.Errorf("table money = %s", got)
	}
}

// TestExtractNumericSpans runs whole documents through Extract: every
// numeric fact's text is the raw text between its offsets, and a value
// split by a layout line break is one fact whose text spans the break.
func TestExtractNumericSpans(t *testing.T) {
	raw := "余下的5家分别为235.76亿元、205.32亿元、186.18亿元、100.30亿\n元、87.50亿元，增速分别为6.64%、12.20%。"
	tx := text.New([]string{raw})
	facts, err := Extract(context.Background(), tx, Options{DocumentDate: "2021"})
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	var split *Fact
	for i, f := range facts {
		if got := string(tx.Raw[f.Start:f.End]); got != f.Text {
			t.Errorf("fact %q: raw[%d:%d] = %q", f.Text, f.Start, f.End, got)
		}
		if f.Value == "10030000000" {
			split = &facts[i]
		}
	}
	if split == nil || split.Text != "100.30亿\n元" || split.Kind != KindMoney || split.Unit != "CNY" {
		t.Errorf("100.30亿/元 across the line break: got %+v", split)
	}

	seed, err := os.ReadFile(seedReport)
	if err != nil {
		t.Skipf("seed report: %v", err)
	}
	tx = text.New(strings.Split(string(seed), "\f"))
	facts, err = Extract(context.Background(), tx, Options{})
	if err != nil {
		t.Fatalf("Extract seed: %v", err)
	}
	numeric := 0
	for _, f := range facts {
		if string(tx.Raw[f.Start:f.End]) != f.Text {
			t.Errorf("seed fact %q: text is not raw[%d:%d]", f.Text, f.Start, f.End)
		}
		if f.Value != "" {
			numeric++
		}
	}
	if numeric < 100 {
		t.Errorf("seed: %d numeric facts, want the report's 100 and more", numeric)
	}
}

func TestScanNumericCellLines(t *testing.T) {
	in := "单位：元\n2016 年\n2015 年\n本年比上年增减\n2014 年\n营业收入（元）\n592,183,264.90\n674,880,017.98\n-12.25%\n484,009,427.87\n" +
		"单位：元\n项目\n金额\n占营业收入比重\n同比增减\n染料\n1,316,830.67\n45.98%\n5.35%\n"
	in += "单位:元\n2016 年\n2015 年\n行业分类\n项目\n同比增减\n金额\n占营业成本比重\n金额\n占营业成本比重\n" +
		"旅游客运行业\n职工薪酬\n36,988,379.82\n40.39%\n32,393,484.10\n39.05%\n14.18%\n"
	clean := []rune(in)
	cands := scanNumeric(clean)
	for _, w := range []wantFact{
		{"14.18%", KindGrowth, "14.18", "%", "", BasisYoY, "growth.table"},
		{"39.05%", KindPercent, "39.05", "%", "", "", "percent.sign"},
		{"-12.25%", KindGrowth, "-12.25", "%", "", BasisYoY, "growth.table"},
		{"45.98%", KindPercent, "45.98", "%", "", "", "percent.sign"},
		{"5.35%", KindPercent, "5.35", "%", "", "", "percent.sign"},
	} {
		c, ok := findCandidate(clean, cands, w.text)
		if !ok || c.Kind != w.kind || c.Value != w.value || c.Rule != w.rule || c.Basis != w.basis {
			t.Errorf("%q: got%s", w.text, describe(clean, cands))
		}
	}
}

func TestScanNumericTableRowUnits(t *testing.T) {
	in := "单位:万元\n项目\t2016年\n营业收入\t1,234.50\n当期领取薪酬员工总人数(人)\t1,274\n基本每股收益(元/股)\t0.84\n"
	clean := []rune(in)
	cands := scanNumeric(clean)
	if len(cands) != 1 || cands[0].Value != "12345000" {
		t.Errorf("want only 营业收入 12345000:%s", describe(clean, cands))
	}
}

// TestScanNumericTableHeaderAlignment: the text drops a row's empty edge
// cells (the corner cell over the row labels, a merged row-group label),
// so a change column is found from the right where a row and its header
// differ in cells; a second header row keeps the change columns above it;
// a rate's change is in percentage points.
func TestScanNumericTableHeaderAlignment(t *testing.T) {
	in := "单位：元\n" +
		"2019 年\t2018 年\t本年比上年增减\t2017 年\n" +
		"营业收入（元）\t2,941,412,770.30\t2,718,608,796.51\t8.20%\t2,308,922,170.29\n" +
		"加权平均净资产收益率\t14.07%\t11.35%\t2.72%\t6.90%\n" +
		"2019 年\t2018 年\t同比增减\n" +
		"金额\t占营业收入比重\t金额\t占营业收入比重\n" +
		"其他\t15,723,864.16\t0.53%\t27,076,798.44\t1.00%\t-41.93%\n" +
		"产品分类\t项目\t2019 年\t2018 年\t同比增减\n" +
		"金额\t占营业成本比重\t金额\t占营业成本比重\n" +
		"医药\t\t652,198,278.33\t44.57%\t694,525,290.09\t45.94%\t-1.37%\n" +
		"原料药\t\t652,198,278.33\t44.57%\t694,525,290.09\t18.05%\n" +
		"行业分类\t项目\t单位\t2019 年\t2018 年\t同比增减\n" +
		"生产量\t吨\t12,911.47\t13,832.98\t-6.66%\n" +
		"（2）占公司营业收入或营业利润10%以上的行业\n"
	clean := []rune(in)
	cands := scanNumeric(clean)
	for _, w := range []wantFact{
		{"8.20%", KindGrowth, "8.20", "%", "", BasisYoY, "growth.table"},
		{"11.35%", KindPercent, "11.35", "%", "", "", "percent.sign"},
		{"2.72%", KindPPChange, "2.72", "pp", "", "", "pp.table"},
		{"1.00%", KindPercent, "1.00", "%", "", "", "percent.sign"},
		{"-41.93%", KindGrowth, "-41.93", "%", "", BasisYoY, "growth.table"},
		{"-6.66%", KindGrowth, "-6.66", "%", "", BasisYoY, "growth.table"},
		{"-1.37%", KindGrowth, "-1.37", "%", "", BasisYoY, "growth.table"},
		{"18.05%", KindPercent, "18.05", "%", "", "", "percent.sign"},
		{"10%以上", KindPercent, "10", "%", QualOver, "", "percent.sign"},
	} {
		c, ok := findCandidate(clean, cands, w.text)
		if !ok || c.Kind != w.kind || c.Value != w.value || c.Rule != w.rule || c.Basis != w.basis {
			t.Errorf("%q: want %s %s %s:%s", w.text, w.kind, w.value, w.rule, describe(clean, cands))
		}
	}
}

// TestScanNumericBlankTable: a PDF table whose cells are set apart by
// blanks, one paragraph a table. A bare cell under 本期比上年同期增减(%)
// is year-on-year growth where its row has as many cells as the header
// has columns; a row label (%) makes its cells percents; the caption's
// unit holds across the table's paragraphs; a column named 单位 ends it.
func TestScanNumericBlankTable(t *testing.T) {
	in := "(一) 主要会计数据 单位:元 币种:人民币 主要会计数据 2019年 2018年 本期比上年同期增减(%) 2017年 " +
		"营业收入 1,175,301,034.32 1,230,537,181.80 -4.49 1,008,714,515.86 经营活动产生的现金流量净额 369,100,908.49 22,934,667.53 1,509.36 234,116,848.19\n" +
		"2019年末 2018年末 本期末比上年同期末增减(%) 2017年末 总资产 2,464,948,703.85 2,051,223,456.86 20.17 1,814,418,072.20\n" +
		"加权平均净资产收益率(%) 7.64 11.71 减少4.07个百分点 11.81 稀释每股收益(元/股) 0.61 0.86\n" +
		"主要产品 单位 生产量 销售量 库存量 罐式集装箱 台 7,490 6,942 2,712\n"
	clean := []rune(in)
	cands := scanNumeric(clean)
	for _, w := range []wantFact{
		{"1,175,301,034.32", KindMoney, "1175301034.32", "CNY", "", "", "money.table_unit"},
		{"-4.49", KindGrowth, "-4.49", "%", "", BasisYoY, "growth.table"},
		{"1,509.36", KindGrowth, "1509.36", "%", "", BasisYoY, "growth.table"},
		{"2,464,948,703.85", KindMoney, "2464948703.85", "CNY", "", "", "money.table_unit"},
		{"20.17", KindGrowth, "20.17", "%", "", BasisYoY, "growth.table"},
		{"7.64", KindPercent, "7.64", "%", "", "", "percent.table"},
		{"11.71", KindPercent, "11.71", "%", "", "", "percent.table"},
		{"4.07个百分点", KindPPChange, "-4.07", "pp", "", "", "pp.points"},
	} {
		c, ok := findCandidate(clean, cands, w.text)
		if !ok || c.Kind != w.kind || c.Value != w.value || c.Unit != w.unit || c.Rule != w.rule || c.Basis != w.basis {
			t.Errorf("%q: want %s %s %s %s:%s", w.text, w.kind, w.value, w.unit, w.rule, describe(clean, cands))
		}
	}
	for _, not := range []string{"0.61", "0.86", "7,490", "6,942", "2,712"} {
		if c, ok := findCandidate(clean, cands, not); ok {
			t.Errorf("%q is no fact here, got %s %s %s", not, c.Kind, c.Value, c.Rule)
		}
	}
}

// TestScanNumericCellLinesLastChange: a table laid out one cell a line
// whose change column (同比增减) is the last: the last cell of a full row
// is growth; a row short of a cell, or a change column followed by a
// year, gives none.
// TestScanNumericBlankTableSplitHeader reads a table row whose change
// header the layout split around the next year column (本期末比上年2018年末
// 同期末增减(%)), with that header's (%) run on before the row label.
func TestScanNumericBlankTableSplitHeader(t *testing.T) {
	in := "主要会计数据 单位:元 币种:人民币\n" +
		"2020年末 2019年末 本期末比上年2018年末 同期末增减(%) 归属于上市公司股东的净资产 4,981,663,905.19 4,647,275,880.19 7.20 5,031,440,737.47 " +
		"总资产 6,278,282,683.24 5,585,879,172.02 12.40 6,313,213,299.08\n"
	clean := []rune(in)
	cands := scanNumeric(clean)
	for _, w := range []wantFact{
		{"4,981,663,905.19", KindMoney, "4981663905.19", "CNY", "", "", "money.table_unit"},
		{"7.20", KindGrowth, "7.20", "%", "", BasisYoY, "growth.table"},
		{"5,031,440,737.47", KindMoney, "5031440737.47", "CNY", "", "", "money.table_unit"},
		{"12.40", KindGrowth, "12.40", "%", "", BasisYoY, "growth.table"},
	} {
		c, ok := findCandidate(clean, cands, w.text)
		if !ok || c.Kind != w.kind || c.Value != w.value || c.Unit != w.unit || c.Rule != w.rule || c.Basis != w.basis {
			t.Errorf("%q: want %s %s %s %s:%s", w.text, w.kind, w.value, w.unit, w.rule, describe(clean, cands))
		}
	}
}

func TestScanNumericCellLinesLastChange(t *testing.T) {
	in := "单位：元\n2016 年\n2015 年\n同比增减\n金额\n占营业收入比重\n金额\n占营业收入比重\n" +
		"营业收入合计\n592,183,264.90\n100%\n674,880,017.98\n100%\n-12.25%\n" +
		"旅行社服务业\n202,358,241.85\n34.17%\n228,114,530.37\n33.80%\n-11.29%\n" +
		"销售服务业\n65,502.19\n0.01%\n0.00\n0.00%\n" +
		"内部抵销\n-38,314,617.26\n-6.47%\n-41,449,963.00\n-6.14%\n-7.56%\n"
	clean := []rune(in)
	cands := scanNumeric(clean)
	for _, w := range []wantFact{
		{"-12.25%", KindGrowth, "-12.25", "%", "", BasisYoY, "growth.table"},
		{"34.17%", KindPercent, "34.17", "%", "", "", "percent.sign"},
		{"-11.29%", KindGrowth, "-11.29", "%", "", BasisYoY, "growth.table"},
		{"0.00%", KindPercent, "0.00", "%", "", "", "percent.sign"},
		{"-6.14%", KindPercent, "-6.14", "%", "", "", "percent.sign"},
		{"-7.56%", KindGrowth, "-7.56", "%", "", BasisYoY, "growth.table"},
	} {
		c, ok := findCandidate(clean, cands, w.text)
		if !ok || c.Kind != w.kind || c.Value != w.value || c.Rule != w.rule || c.Basis != w.basis {
			t.Errorf("%q: want %s %s %s:%s", w.text, w.kind, w.value, w.rule, describe(clean, cands))
		}
	}
}

// TestScanNumericSplitCells: a converter split amounts with blanks inside
// cells of a row of tabs; the cell joined is the amount, and no part of it
// is one. A row label naming its own unit keeps its cells from the money.
func TestScanNumericSplitCells(t *testing.T) {
	in := "单位：元\n项目\t注册资本\t总资产\t净利润\n" +
		"海翔川南\t30,000,000.0 0\t1,905,943,80 5.66\t-1,190,555.1 0\n" +
		"四、本期期末余 额\t1,618 ,715, 253.0 0\t12 34\n" +
		"主要子公司在职员工的数量（人）\n1,217\n"
	clean := []rune(in)
	cands := scanNumeric(clean)
	want := map[string]string{
		"30,000,000.0 0":      "30000000",
		"1,905,943,80 5.66":   "1905943805.66",
		"-1,190,555.1 0":      "-1190555.10",
		"1,618 ,715, 253.0 0": "1618715253",
	}
	if len(cands) != len(want) {
		t.Errorf("%d facts, want %d:%s", len(cands), len(want), describe(clean, cands))
	}
	for text, value := range want {
		c, ok := findCandidate(clean, cands, text)
		if !ok || c.Value != value || c.Kind != KindMoney || c.Rule != "money.table_unit" {
			t.Errorf("%q: want money %s:%s", text, value, describe(clean, cands))
		}
	}
}
