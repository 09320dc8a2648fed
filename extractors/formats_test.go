package extractors

import (
	"context"
	"testing"

	"reportfacts/internal/testenv"
	"reportfacts/pipeline/source"
	"reportfacts/pipeline/text"
)

// TestTablesAgreeAcrossFormats reads one annual report twice, from its PDF
// (tables from the page's layout) and from its HTML (tables from markup),
// and checks that the table rule finds the same figures with the same
// metric and period in both: what the layout reader rebuilds is what the
// markup says. The floor is today's share; it may only rise.
func TestTablesAgreeAcrossFormats(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 204-page PDF; skipped with -short")
	}
	const floor = 0.95
	ctx := context.Background()
	read := func(name string) map[[5]string]int {
		doc, err := source.Read(ctx, testenv.CorpusFile(t, name))
		if err != nil {
			t.Fatal(err)
		}
		facts, err := Extract(ctx, text.New(doc.Pages), Options{DocumentDate: doc.Date, Tables: doc.Tables})
		if err != nil {
			t.Fatal(err)
		}
		out := map[[5]string]int{}
		for _, f := range facts {
			switch f.Rule {
			case "table.header_date", "table.header_period":
			default:
				if len(f.Rule) > 6 && f.Rule[:6] == "table." {
					out[[5]string{f.Kind, f.Value, f.Unit, f.Metric, f.Period}]++
				}
			}
		}
		return out
	}
	html := read("ar2019_haixiang_pharma_annual_report.html")
	pdf := read("ar2019_haixiang_pharma_annual_report.pdf")
	total, same := 0, 0
	for k, n := range html {
		total += n
		same += min(n, pdf[k])
	}
	if total < 2000 {
		t.Fatalf("the HTML's tables gave %d figures; the report's tables hold thousands", total)
	}
	share := float64(same) / float64(total)
	t.Logf("%d of the HTML's %d table figures found alike in the PDF (%.3f)", same, total, share)
	if share < floor {
		t.Errorf("only %.3f of the HTML's table figures agree with the PDF's, below the floor %.2f", share, floor)
	}
}
