package audit

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"reportfacts/internal/testenv"
	"reportfacts/pipeline"
	"reportfacts/pipeline/store"
)

// ingestPaths reads files as `reportfacts ingest` does into a new SQLite
// store.
func ingestPaths(t *testing.T, paths ...string) *store.Store {
	t.Helper()
	st := openStore(t, filepath.Join(t.TempDir(), "facts.db"))
	if _, err := pipeline.Run(context.Background(), pipeline.Config{Store: st}, paths); err != nil {
		t.Fatalf("ingest %v: %v", paths, err)
	}
	return st
}

// TestSeedAcrossSentences audits the seed report: of its totals stated
// over several sentences, the breakdown of the public cloud market (278 +
// 100 + 895 = 1273, printed as 1277亿元) is the one that does not add up;
// the cloud market's 其中 parts, the six and the eight banks with their
// members, the fourteen banks as those two groups, and the shares of data
// centres' capital spending (69% + 11% + 9% + 6% + 5%) do.
func TestSeedAcrossSentences(t *testing.T) {
	st := ingestPaths(t, filepath.Join("..", "..", "seeds", "000_dbf8deccee350033.txt"))
	rep, err := Run(context.Background(), st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	failed := rep.Failed()
	if len(failed) != 1 || failed[0].Check != CheckTotal ||
		!strings.Contains(failed[0].Detail, "the parts add up to 127300000000, but the total is 1277亿元") {
		t.Fatalf("failed = %s\nwant only the breakdown of the public cloud market", describe(failed))
	}
	if texts := figureTexts(failed[0]); texts != "1277亿元 278亿元 100亿元 895亿元" {
		t.Errorf("the failed finding's figures are %s", texts)
	}
	for _, want := range []struct{ check, figures string }{
		{CheckTotal, "2091亿元 1277亿元 814亿元"},
		{CheckTotal, "1074.93亿元 259.87亿元 235.76亿元 205.32亿元 186.18亿元 100.30亿\n\n元 87.50亿元"},
		{CheckTotal, "479.24亿元 132.91亿元 75.37亿元 73.83亿元 63.64亿元 57.86亿元 45.07亿元 21.11亿元 9.45亿元"},
		{CheckTotal, "1554.17亿元 1074.93亿元 479.24亿元"},
		{CheckShares, "69% 11% 9% 6% 5%"},
	} {
		found := false
		for _, f := range findings(rep, want.check, true) {
			if figureTexts(f) == want.figures {
				found = true
			}
		}
		if !found {
			t.Errorf("no passed %s finding of %q in:%s", want.check, want.figures, describe(rep.Findings))
		}
	}
}

func figureTexts(f Finding) string {
	var texts []string
	for _, g := range f.Figures {
		texts = append(texts, g.Text)
	}
	return strings.Join(texts, " ")
}

// corpusDiscrepancies are the real discrepancies of the shared corpus's
// reports that the audit fails, each checked by hand against the printed
// figures: document, check, and words of the finding's detail, with how
// many findings say it (a table printed twice, the same report as PDF and
// HTML).
var corpusDiscrepancies = []struct {
	doc, check, detail string
	n                  int
}{
	// 海翔药业 2019: 应收股利 7,222,088,153.34 printed as a 其中 part of
	// 其他应收款 1,043,055,918.72 in the parent's balance sheet at
	// 2018-12-31 (and in the restated one of 2019-01-01).
	{"haixiang_pharma_annual_report.pdf", CheckTotal, "the 其中 parts of 其他应收款 add up to 7222088153.34", 2},
	{"haixiang_pharma_annual_report.html", CheckTotal, "the 其中 parts of 其他应收款 add up to 7222088153.34", 2},
	// 海翔药业: 营业成本构成 2018, by industry 1,511,944,676.19, by
	// product 1,511,944,676.18 (医药 970,799,031.48 against 原料药 + 医药中间体
	// + 制剂 970,799,031.47).
	{"haixiang_pharma_annual_report.pdf", CheckTotal, "the 分产品 rows add up to 1511944676.18, the 分行业 rows to 1511944676.19", 1},
	{"haixiang_pharma_annual_report.html", CheckTotal, "the 分产品 rows add up to 1511944676.18, the 分行业 rows to 1511944676.19", 1},
	// 海翔药业: GeneVida 3,913,444.51 is 0.83% of 其他应收款, printed 0.84%.
	{"haixiang_pharma_annual_report.pdf", CheckShares, "GeneVidaGmbH 往来款", 1},
	{"haixiang_pharma_annual_report.html", CheckShares, "GeneVidaGmbH 往来款", 1},
	// 海翔药业: 投资活动现金流量净额 −1,097,420,702.58 to 736,595,319.02 is
	// +167.12% (−167.12% dividing by the signed prior), printed −167.10%.
	{"haixiang_pharma_annual_report.pdf", CheckGrowth, "is a growth of 167.121 %, but the table prints -167.10%", 1},
	{"haixiang_pharma_annual_report.html", CheckGrowth, "is a growth of 167.121 %, but the table prints -167.10%", 1},
	// 海翔药业: 财务费用, 筹资活动现金流量净额, 现金及现金等价物净增加额
	// printed with the sign of (cur − prev) / prev, prev negative.
	{"haixiang_pharma_annual_report.pdf", CheckGrowth, "the opposite sign", 3},
	{"haixiang_pharma_annual_report.html", CheckGrowth, "the opposite sign", 3},
	// 四方科技 2019: 财务费用, 投资活动 and 筹资活动现金流量净额 with the
	// opposite sign, each in two tables.
	{"sifang_tech_annual_report.pdf", CheckGrowth, "the opposite sign", 6},
	// 四方科技: 政府补助 上期 小计 printed 14,730,495.34; its rows add up to
	// 14,795,495.34, the figure of 非经常性损益.
	{"sifang_tech_annual_report.pdf", CheckTotal, "add up to 14795495.34, but 小计 prints 14,730,495.34", 1},
	// 四方科技: 货币资金 905,402,299.44 is 36.73% of 总资产, printed 36.74.
	{"sifang_tech_annual_report.pdf", CheckShares, "is 36.7311%, but the table prints 36.74", 1},
	// 金宇生物 2020: 生物制药 成本 小计 printed 562,220,894.56, its rows
	// 562,220,894.55 (分行业 and 分产品).
	{"jinyu_bio_annual_report.pdf", CheckTotal, "add up to 562220894.55, but 小计 prints 562,220,894.56", 2},
	// 金宇生物: 毛利率 change of 生物制药 printed −2.07 (three tables) and of
	// 其他收入 −16.43 (two), −1.33 and −2.90 from revenue, cost and their
	// growth rates.
	{"jinyu_bio_annual_report.pdf", CheckPPChange, "changed by -1.33103 points", 3},
	{"jinyu_bio_annual_report.pdf", CheckPPChange, "changed by -2.90457 points", 2},
	// 金宇生物: the quarters of 扣除非经常性损益后的净利润 add up to
	// 392,188,209.83, the year's is 392,188,209.82.
	{"jinyu_bio_annual_report.pdf", CheckQuarters, "add up to 392188209.83", 1},
	// 张家界 2016: 张国际酒店 cost shares of a wrong base, 113.40% (2016)
	// and 108.01% (2015).
	{"zhangjiajie_tourism_annual_report.pdf", CheckShares, "the shares of 张国际酒店 add up to", 2},
	// 张家界: 大庸古城 335,008,435.51 is 54.23% of 其他应收款, printed
	// 54.61%, so the five shares add up to 99.68%, not the 99.30% printed.
	{"zhangjiajie_tourism_annual_report.pdf", CheckShares, "but the table prints 54.61%", 1},
	{"zhangjiajie_tourism_annual_report.pdf", CheckTotal, "add up to 99.68, but 合计 prints 99.30%", 1},
	// 张家界: 内部抵销 (two sections) and 投资活动现金流量净额 with the
	// opposite sign.
	{"zhangjiajie_tourism_annual_report.pdf", CheckGrowth, "the opposite sign", 3},
}

// TestCorpusDiscrepancies audits the shared corpus: every failed check
// is one of the real discrepancies its reports hold, and every one of
// them is found.
func TestCorpusDiscrepancies(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus ingest is slow; skipped in -short")
	}
	dir := testenv.SharedDir(t, "corpus")
	st := ingestPaths(t, dir)
	rep, err := Run(context.Background(), st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	left := rep.Failed()
	want := 0
	for _, d := range corpusDiscrepancies {
		want += d.n
		var rest []Finding
		got := 0
		for _, f := range left {
			if f.Check == d.check && strings.HasSuffix(f.Document, d.doc) && strings.Contains(f.Detail, d.detail) {
				got++
				continue
			}
			rest = append(rest, f)
		}
		if got != d.n {
			t.Errorf("%s %s %q: %d findings, want %d", d.doc, d.check, d.detail, got, d.n)
		}
		left = rest
	}
	sort.Slice(left, func(i, j int) bool { return left[i].Document < left[j].Document })
	for _, f := range left {
		t.Errorf("a failed check that is no known discrepancy: %s %s p.%d %s", filepath.Base(f.Document), f.Check, f.Page, f.Detail)
	}
	if n := len(rep.Failed()); n != want {
		t.Errorf("%d failed checks, want the %d known discrepancies", n, want)
	}
	var summary []string
	for _, c := range AllChecks {
		summary = append(summary, fmt.Sprintf("%s %d", c, rep.Checked[c]))
	}
	t.Logf("checked: %s", strings.Join(summary, ", "))
}
