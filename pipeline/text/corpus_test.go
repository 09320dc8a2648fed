package text

import (
	"context"
	"strings"
	"testing"

	"reportfacts/internal/testenv"
	"reportfacts/pipeline/source"
)

// TestCorpus reads real reports with the source package and checks that
// their sentences come out whole, that page furniture is gone, and that
// the offset map holds.
func TestCorpus(t *testing.T) {
	tests := []struct {
		file  string
		slow  bool
		whole []string // sentences that must be in Clean, in one piece
		gone  []string // must not be in Clean
		once  []string // may be in Clean at most once
	}{
		{
			file:  "news_wind_lujiazui_20240831.txt",
			whole: []string{"全月净买入债券面值为1000亿元"},
		},
		{
			file:  "news_wind_lujiazui_20240816.txt",
			whole: []string{"3、**阿里巴巴2025财年第一财季实现营收2432.36亿元,同比增长4%;经营利润359.89亿元,同比下降15%;"},
		},
		{
			file: "ar2016_zhangjiajie_tourism_annual_report.html",
			whole: []string{
				"公司经本次董事会审议通过的利润分配预案为:以 320,835,149 为基数,向全体股东每 10 股派发现金红利 0.84 元(含税),送红股 0 股(含税),不以公积金转增股本。",
				"本报告中如有涉及未来的计划、业绩预测等方面的内容,均不构成本公司对任何投资者及相关人士的承诺,投资者及相关人士均应对此保持足够的风险认识,并且应当理解计划、预测与承诺之间的差异。",
			},
		},
		{
			file: "ar2019_haixiang_pharma_annual_report.html",
			whole: []string{
				"以1,555,709,365为基数,向全体股东每10股派发现金红利3元(含税)",
				"\n本公司、公司、海翔药业\t指\t浙江海翔药业股份有限公司\n", // a table row stays a row
			},
		},
		{
			file: "factor_lib_synthetic_ma.docx",
			whole: []string{
				"\n因子说明: 合成均线因子,用收益率对两日前的各日级均线回归,并预测后日的收益率\n",
				"\n回归系数:将每日收益率与2日前各日级均线数据线性回归,得到每日的回归系数\n",
			},
		},
		{
			file: "ar2020_jinyu_bio_annual_report.pdf",
			slow: true,
			whole: []string{
				"向全体股东每10股派送现金红利1.20元(含税)。",
				"本公司 2020年年度报告涉及的公司未来计划、发展战略等前瞻性描述不构成公司对投资者的实质承诺,敬请投资者注意投资风险。",
			},
			gone: []string{"/ 195", "\n年年度报告\n"},
			// The cover's own title stays; the running header of the
			// other 194 pages goes.
			once: []string{"\n2020年年度报告\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := testenv.CorpusFile(t, tt.file)
			if tt.slow && testing.Short() {
				t.Skip("reading a 195-page PDF is slow; skipped with -short")
			}
			doc, err := source.Read(context.Background(), path)
			if err != nil {
				t.Fatalf("read %s: %v", path, err)
			}
			txt := New(doc.Pages)
			checkMapping(t, txt)
			checkPages(t, txt)
			clean := "\n" + string(txt.Clean) + "\n"
			for _, w := range tt.whole {
				if !strings.Contains(clean, w) {
					t.Errorf("clean text lacks the whole sentence %q", w)
				}
			}
			for _, g := range tt.gone {
				if n := strings.Count(clean, g); n > 0 {
					t.Errorf("clean text still holds %q %d times", g, n)
				}
			}
			for _, g := range tt.once {
				if n := strings.Count(clean, g); n > 1 {
					t.Errorf("clean text holds %q %d times, want at most once", g, n)
				}
			}
		})
	}
}
