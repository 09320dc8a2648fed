package pipeline

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkExtractAnnualReport measures what `reportfacts extract` does
// with one annual report of the corpus once the process is up and the
// segmenter loaded: read the PDF, clean the text, extract the facts. The
// figures beside the stages say where a report's time goes: "read" alone,
// then the whole.
func BenchmarkExtractAnnualReport(b *testing.B) {
	files, err := filepath.Glob(filepath.Join(corpusDir(b), "ar20*.pdf"))
	if err != nil || len(files) == 0 {
		b.Skip("no annual reports in the corpus")
	}
	ctx := context.Background()
	var budget Budget
	// The segmenter's dictionary loads once per process, not per report.
	if doc, err := budget.Read(ctx, files[0]); err != nil {
		b.Fatal(err)
	} else if _, err := budget.Extract(ctx, doc); err != nil {
		b.Fatal(err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".pdf")
		b.Run(name+"/read", func(b *testing.B) {
			pages := 0
			for b.Loop() {
				doc, err := budget.Read(ctx, f)
				if err != nil {
					b.Fatal(err)
				}
				pages += len(doc.Pages)
			}
			b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
		})
		b.Run(name, func(b *testing.B) {
			pages, facts := 0, 0
			for b.Loop() {
				doc, err := budget.Read(ctx, f)
				if err != nil {
					b.Fatal(err)
				}
				fs, err := budget.Extract(ctx, doc)
				if err != nil {
					b.Fatal(err)
				}
				pages += len(doc.Pages)
				facts = len(fs)
			}
			b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(float64(facts), "facts")
		})
	}
}
