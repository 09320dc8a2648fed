package extractors

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reportfacts/internal/testenv"
	"reportfacts/pipeline/source"
	"reportfacts/pipeline/text"
)

// traceFact is the rule ids expected of the fact whose text is text.
type traceFact struct {
	text                               string
	entityRule, metricRule, periodRule string
}

// TestFieldRules checks which rule chose each field of the facts of a set
// of sentences, one rule a step.
func TestFieldRules(t *testing.T) {
	cases := []struct {
		name, in, docDate string
		want              []traceFact
	}{
		{name: "a name and a label before the figure; a change inherits the figure's metric; a date is its own period",
			in: "2020年中国云计算市场规模达到2091亿元,较2019年增长56.6%。",
			want: []traceFact{
				{"2020年", "entity.name_after", "", "period.date_itself"},
				{"2091亿元", "entity.name_before", "metric.label_before", "period.sentence_date"},
				{"56.6%", "entity.name_before", "metric.previous_figure", "period.sentence_date"}}},
		{name: "a change verb amends the metric; a sentence naming no one takes the entity before", docDate: "2024-08-31",
			in: "7月,我国出口钢材环比减少91.8万吨,同比增加51.9万吨。上半年人民币贷款增加13.26万亿元。",
			want: []traceFact{
				{"91.8万吨", "entity.name_before", "metric.label_before+metric.change_word", "period.sentence_date"},
				{"51.9万吨", "entity.name_before", "metric.previous_figure+metric.change_word", "period.sentence_date"},
				{"13.26万亿元", "entity.previous_sentence", "metric.label_before+metric.change_word", "period.sentence_date"}}},
		{name: "own report: a place in the clause, carried to the next figures; the company's own figure; the paragraph's date",
			in: "华东旅游股份有限公司\n2020年年度报告\n根据文化和旅游部数据显示,2020年全国国内旅游人数28.79亿人次,同比下降52.1%,国内旅游收入2.23万亿元。公司营业收入为5亿元。",
			want: []traceFact{
				{"28.79亿人次", "entity.clause_place", "metric.label_before", "period.sentence_date"},
				{"52.1%", "entity.previous_place", "metric.previous_figure", "period.sentence_date"},
				{"2.23万亿元", "entity.previous_place", "metric.label_before", "period.sentence_date"},
				{"5亿元", "entity.report_self", "metric.label_before", "period.paragraph_date"}}},
		{name: "a market's turnover, an instrument's move, a span", docDate: "2024-08-31",
			in: "工商银行涨2.1%。市场成交额8804.2亿元,此前连续3日不足5000亿元。",
			want: []traceFact{
				{"2.1%", "entity.instrument", "metric.instrument_quote", ""},
				{"8804.2亿元", "entity.market_turnover", "metric.market_turnover", ""},
				{"3日", "entity.previous_market", "metric.span", ""},
				{"不足5000亿元", "entity.previous_market", "metric.previous_figure", ""}}},
		{name: "分别 pairs the listed entities with the values",
			in: "2020年我国公有云SaaS、PaaS、IaaS市场规模分别达到278亿元、100亿元和895亿元。",
			want: []traceFact{
				{"278亿元", "entity.list_item", "metric.list_shared", "period.sentence_date"},
				{"895亿元", "entity.list_item", "metric.list_shared", "period.sentence_date"}}},
		{name: "a book of loans and the changes of its balance", docDate: "2024-08-31",
			in: "央行统计,2024年二季度末,房地产开发贷款余额13.77万亿元,同比增长2.8%,增速比上年末高1.3个百分点,上半年增加6105亿元。",
			want: []traceFact{
				{"13.77万亿元", "entity.balance_book", "metric.label_before+metric.balance_of_book", "period.sentence_date"},
				{"2.8%", "entity.previous_actor", "metric.previous_figure", "period.sentence_date"},
				{"1.3个百分点", "entity.previous_balance_book", "metric.rate_of_previous+metric.balance_of_book", "period.sentence_date"},
				{"6105亿元", "entity.previous_balance_book", "metric.previous_figure+metric.change_word+metric.balance_of_book", "period.sentence_date"}}},
		{name: "what follows an amount names it",
			in: "美国联邦通信委员会对该公司处以4500万美元的罚款。某集团发行9亿元永续资本债。",
			want: []traceFact{
				{"4500万美元", "", "metric.counted_after", ""}, // 该公司 names no one before it; the body fining is not who
				{"9亿元", "entity.name_before", "metric.verb_object", ""}}},
		{name: "a quote per barrel", docDate: "2024-08-16",
			in: "布伦特原油收涨1.2%,报78.09美元/桶。",
			want: []traceFact{
				{"1.2%", "entity.instrument", "metric.instrument_quote", ""},
				{"78.09美元", "entity.instrument", "metric.instrument_quote", ""}}},
		{name: "an index's level: the index moves from the metric to the entity", docDate: "2024-08-16",
			in: "恒生指数盘中收复18000点。",
			want: []traceFact{
				{"18000点", "metric.metric_word_before+entity.index_name", "metric.index_level", ""}}},
		{name: "a span is not dated",
			in: "预计未来8年间累计投资将超2万亿韩元。",
			want: []traceFact{
				{"8年", "", "metric.span", ""},
				{"超2万亿韩元", "", "metric.label_before", ""}}},
	}
	ctx := context.Background()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			facts, err := Extract(ctx, text.New([]string{tc.in}), Options{DocumentDate: tc.docDate})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				var f *Fact
				for i := range facts {
					if facts[i].Text == w.text {
						f = &facts[i]
						break
					}
				}
				if f == nil {
					t.Errorf("no fact %q among %d facts", w.text, len(facts))
					continue
				}
				if f.EntityRule != w.entityRule || f.MetricRule != w.metricRule || f.PeriodRule != w.periodRule {
					t.Errorf("%s (%s/%s/%s): rules %q/%q/%q, want %q/%q/%q", f.Text, f.Entity, f.Metric, f.Period,
						f.EntityRule, f.MetricRule, f.PeriodRule, w.entityRule, w.metricRule, w.periodRule)
				}
			}
		})
	}
}

func TestTraceHelpers(t *testing.T) {
	var f Fact
	setMetric(&f, "贷款余额", "metric.label_before")
	amendMetric(&f, "贷款余额", "metric.same") // no change, no trace
	amendMetric(&f, "贷款余额增加", "metric.change_word")
	if f.MetricRule != "metric.label_before+metric.change_word" {
		t.Errorf("amended rule %q", f.MetricRule)
	}
	amendMetric(&f, "", "metric.cleared")
	setEntity(&f, "", "entity.name_before")
	setPeriod(&f, "2020", "period.report_year")
	setPeriod(&f, "", "")
	if f.MetricRule != "" || f.EntityRule != "" || f.PeriodRule != "" {
		t.Errorf("empty fields with rules: %+v", f)
	}
	amendPeriod(&f, "2019", "period.previous_value")
	if f.PeriodRule != "period.previous_value" {
		t.Errorf("amending no value: rule %q", f.PeriodRule)
	}
}

// TestCorpusFieldRules extracts every document of the shared corpus, read
// in place, and checks that a fact's entity, metric and period each have a
// rule id exactly when they are set.
func TestCorpusFieldRules(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole corpus is long to extract")
	}
	dir := testenv.SharedDir(t, "corpus")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	read := 0
	for _, e := range entries {
		if e.IsDir() || strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			doc, err := source.Read(ctx, filepath.Join(dir, e.Name()))
			if err != nil {
				t.Skipf("not read: %v", err)
			}
			read++
			facts, err := Extract(ctx, text.New(doc.Pages), Options{DocumentDate: doc.Date, Tables: doc.Tables})
			if err != nil {
				t.Fatal(err)
			}
			bad := 0
			for _, f := range facts {
				for _, fr := range [][3]string{{"entity", f.Entity, f.EntityRule}, {"metric", f.Metric, f.MetricRule}, {"period", f.Period, f.PeriodRule}} {
					if (fr[1] == "") != (fr[2] == "") || fr[2] != "" && !strings.HasPrefix(fr[2], fr[0]+".") && !strings.Contains(fr[2], "+"+fr[0]+".") {
						if bad++; bad <= 10 {
							t.Errorf("%q at %d: %s %q has rule %q", f.Text, f.Start, fr[0], fr[1], fr[2])
						}
					}
				}
			}
			if bad > 10 {
				t.Errorf("… and %d more", bad-10)
			}
		})
	}
	if read == 0 {
		t.Skipf("no document of %s could be read", dir)
	}
}
