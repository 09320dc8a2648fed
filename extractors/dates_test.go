package extractors

import (
	"fmt"
	"strings"
	"testing"
)

// dateCase lists the date and period facts expected in a text, each as
// "text|from|to".
type dateCase struct {
	in      string
	docDate string
	want    []string
}

func TestScanDates(t *testing.T) {
	cases := []dateCase{
		{in: "2021年7月，人民银行发布白皮书。", want: []string{"2021年7月|2021-07|2021-07"}},
		{in: "2022年2月25日，中国人寿召开会议。", want: []string{"2022年2月25日|2022-02-25|2022-02-25"}},
		{in: "于2021-07-15发布，2021/7/15生效。", want: []string{"2021-07-15|2021-07-15|2021-07-15", "2021/7/15|2021-07-15|2021-07-15"}},
		{in: "营收为2021.07亿元。", want: nil},
		{in: "2021年，中国金融科技产业稳步发展。", want: []string{"2021年|2021|2021"}},
		{in: "截至2021年年底，全国已有10家。", want: []string{"2021年年底|2021-12-31|2021-12-31"}},
		{in: "2021年末余额增长，2021年底完成，至2021 年12月末达到。", want: []string{"2021年末|2021-12-31|2021-12-31", "2021年底|2021-12-31|2021-12-31", "2021 年12月末|2021-12-31|2021-12-31"}},
		{in: "已由2020年初的54.62%提升。", want: []string{"2020年初|2020-01-01|2020-01-01"}},
		{in: "2019-2021年、2019年至2021年、2019~2021年、2019—2021年", want: []string{"2019-2021年|2019|2021", "2019年至2021年|2019|2021", "2019~2021年|2019|2021", "2019—2021年|2019|2021"}},
		{in: "行动方案(2021- 2023年)》鼓励", want: []string{"2021- 2023年|2021|2023"}},
		{in: "发展规划(2018年-2022年)", want: []string{"2018年-2022年|2018|2022"}},
		{in: "2021年上半年营收增长，下半年回落。", want: []string{"2021年上半年|2021-01|2021-06", "下半年|2021-07|2021-12"}},
		{in: "一季度、第二季度、三季度和第四季度", docDate: "2024-08-16", want: []string{"一季度|2024-01|2024-03", "第二季度|2024-04|2024-06", "三季度|2024-07|2024-09", "第四季度|2024-10|2024-12"}},
		{in: "前三季度收入增长。2021Q1营收，2022年Q3利润。", docDate: "2023", want: []string{"前三季度|2023-01|2023-09", "2021Q1|2021-01|2021-03", "2022年Q3|2022-07|2022-09"}},
		{in: "国家统计局公布数据显示，1-7月份，固定资产投资增长。", docDate: "2024-08-16", want: []string{"1-7月份|2024-01|2024-07"}},
		{in: "2024年1-7月，汽车出口增长。", want: []string{"2024年1-7月|2024-01|2024-07"}},
		{in: "随着“十四五”时期，“十三五”期间，十二五规划，十五五", want: []string{"十四五|2021|2025", "十三五|2016|2020", "十二五|2011|2015", "十五五|2026|2030"}},
		{in: "2020年全年营收", want: []string{"2020年全年|2020|2020"}},
		{in: "二〇二一年三月，二零二二年", want: []string{"二〇二一年三月|2021-03|2021-03", "二零二二年|2022|2022"}},
		{in: "2021年5月，韩国发布计划。首尔市政府11月公布，7月份实施。", want: []string{"2021年5月|2021-05|2021-05", "11月|2021-11|2021-11", "7月份|2021-07|2021-07"}},
		{in: "首尔市政府11月公布。", want: nil},
		{in: "首尔市政府11月公布。", docDate: "2022-03-01", want: []string{"11月|2022-11|2022-11"}},
		{in: "今年以来，去年同期，明年", docDate: "2024-08-16", want: []string{"今年|2024|2024", "去年同期|2023|2023", "明年|2025|2025"}},
		{in: "今年以来增长。", want: nil},
		{in: "美油9月合约涨1.44%", docDate: "2024", want: nil},
		{in: "是否追溯调整以前年度会计数据", docDate: "2020", want: nil},
		{in: "2020年4月启动。今年2月,首个项目。", want: []string{"2020年4月|2020-04|2020-04"}},
		{in: "2021年,工行提到今年发布了规划。", want: []string{"2021年|2021|2021"}},
		{in: "![img](2024-8-16-wind-1.png)", want: nil},
		{in: "同比增长较去年提高", docDate: "2024", want: nil},
		{in: "某公司2020年年度报告\n营业收入10亿元，较上年同期增加5%。", docDate: "2021-04-20", want: []string{"2020年年度|2020|2020", "上年同期|2019|2019"}},
		{in: "营业收入10亿元，比上年同期增加5%。", docDate: "2021", want: nil},
		{in: strings.Repeat("。", datelineLimit) + "2021年7月发布规划。2022年2月25日召开会议，今年将推进。", want: []string{"2021年7月|2021-07|2021-07", "2022年2月25日|2022-02-25|2022-02-25", "今年|2022|2022"}},
		{in: strings.Repeat("。", datelineLimit) + "2021年7月发布规划，今年将推进。", want: []string{"2021年7月|2021-07|2021-07"}},
		{in: "实验室主体结构年底已完成封顶。", docDate: "2020", want: []string{"年底|2020-12-31|2020-12-31"}},
		{in: "每年底盘点一次，当年末结算，上半年末余额", docDate: "2020", want: []string{"上半年末|2020-06-30|2020-06-30"}},
		{in: "2021年度报告显示", want: []string{"2021年度|2021|2021"}},
		{in: "2030数字罗盘，5G，3年，五年，10年期国债，近几年，3个月", want: nil},
		{in: "2021年7月至2022年6月，2021年7月至9月", want: []string{"2021年7月至2022年6月|2021-07|2022-06", "2021年7月至9月|2021-07|2021-09"}},
		{in: "截至7月底，我国充电桩达", docDate: "2024-08-16", want: []string{"7月底|2024-07-31|2024-07-31"}},
		{in: "今年前7月，65家典型房企", docDate: "2024-08-16", want: []string{"今年前7月|2024-01|2024-07"}},
		{in: "2021年中国人工智能核心产业规模", want: []string{"2021年|2021|2021"}},
		{in: "营收12021年", want: nil},
		{in: "为2020年以来最低,7月终值2.9%。", docDate: "2024-08-31", want: []string{"2020年|2020|2020", "7月|2024-07|2024-07"}},
		{in: "康熙20年9月,21年9月", docDate: "2024", want: nil},
		{in: "看,2020年我国公有云,2021-2025年复合增长率,共1,2021个", want: []string{"2020年|2020|2020", "2021-2025年|2021|2025"}},
		{in: "陆家嘴财经早餐2024年8月16日星期五\n7月份,社会消费品零售总额增长。", want: []string{"2024年8月16日|2024-08-16|2024-08-16", "7月份|2024-07|2024-07"}},
		{in: "海翔药业2019年年度报告\n第一季度\t第二季度", want: []string{"2019年年度|2019|2019", "第一季度|2019-01|2019-03", "第二季度|2019-04|2019-06"}},
		{in: "张家界旅游2016 年年度报告\n第一季度\t第二季度", docDate: "2017-04-20", want: []string{"2016 年年度|2016|2016", "第一季度|2016-01|2016-03", "第二季度|2016-04|2016-06"}},
		{in: "2024年二季度末,8月21日至23日,7月30日至8月28日,今年上半年末", docDate: "2024-08-31", want: []string{"2024年二季度末|2024-06-30|2024-06-30", "8月21日至23日|2024-08-21|2024-08-23", "7月30日至8月28日|2024-07-30|2024-08-28", "今年上半年末|2024-06-30|2024-06-30"}},
		{in: "营业收入 2020A 2021E 2022E,2021A股", want: []string{"2020A|2020|2020", "2021E|2021|2021", "2022E|2022|2022"}},
		{in: "上半年,净利润22.64亿元,上年同期亏损6.37亿元;增速比上年同期高1.3个百分点。", docDate: "2024-08-16", want: []string{"上半年|2024-01|2024-06", "上年同期|2023-01|2023-06"}},
		{in: "2020年2月30日", want: []string{"2020年2月|2020-02|2020-02"}},
		{in: "公司于 2016 年 9 月 1 日公告,截至 2019 年 12 月 31 日,2018 年 8 月", want: []string{"2016 年 9 月 1 日|2016-09-01|2016-09-01", "2019 年 12 月 31 日|2019-12-31|2019-12-31", "2018 年 8 月|2018-08|2018-08"}},
		{in: "“十四五”前三年,十三五前两年,“十四五”期间", want: []string{"十四五”前三年|2021|2023", "十三五前两年|2016|2017", "十四五|2021|2025"}},
		{in: "专利申请数较年初增加7,008项,年末达到。今年年初,上年末", docDate: "2021-12-31", want: []string{"年初|2021-01-01|2021-01-01", "年末|2021-12-31|2021-12-31", "今年年初|2021-01-01|2021-01-01", "上年末|2020-12-31|2020-12-31"}},
		{in: "根据《保险科技“十四五”发展规划》,“十四五”期间;《2024年上半年中国货币政策执行报告》显示,2024年6月末", want: []string{"十四五|2021|2025", "2024年6月末|2024-06-30|2024-06-30"}},
		{in: "根据公司 2019 年 3 月 11 日 2018 年度股东大会决议,在工行2021年度业绩发布会上,2021年度营收增长", want: []string{"2019 年 3 月 11 日|2019-03-11|2019-03-11", "2021年度|2021|2021"}},
		{in: "今年以来，5130家公司召开了2023年度业绩说明会。", want: nil},
		{in: "近年初见成效,新年初始,每年末", docDate: "2021", want: nil},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			clean := []rune(tc.in)
			got := describeDates(clean, scanDates(clean, splitSentences(clean), Options{DocumentDate: tc.docDate}))
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("scanDates(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

// describeDates renders candidates as "text|from|to" and checks that each
// one's kind agrees with its span.
func describeDates(clean []rune, cands []candidate) []string {
	var out []string
	for _, c := range cands {
		kind := KindPeriod
		if c.From == c.To {
			kind = KindDate
		}
		s := fmt.Sprintf("%s|%s|%s", string(clean[c.cs:c.ce]), c.From, c.To)
		if c.Kind != kind || c.Rule == "" {
			s += fmt.Sprintf(" (kind %s, rule %q)", c.Kind, c.Rule)
		}
		out = append(out, s)
	}
	return out
}

func TestScanDatesRunningHeader(t *testing.T) {
	// A header printed on every page dates nothing; the same date in the
	// text still does.
	header := "某公司 2016 年年度报告全文\n"
	clean := []rune(header + "2016年营收增长。\n" + header + "正文。\n" + header)
	got := describeDates(clean, scanDates(clean, splitSentences(clean), Options{}))
	want := []string{"2016年|2016|2016"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestScanDatesParagraphYear(t *testing.T) {
	// The year of a month without one comes from its own paragraph only.
	clean := []rune("2021年3月，欧盟发布计划。\n11月，新加坡发布报告。")
	got := describeDates(clean, scanDates(clean, splitSentences(clean), Options{}))
	want := []string{"2021年3月|2021-03|2021-03"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q, want %q", got, want)
	}
}
