package text

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reportfacts/internal/testenv"
	"reportfacts/pipeline/source"
)

// BenchmarkNew cleans the seed report; MB/s counts the raw UTF-8 bytes.
func BenchmarkNew(b *testing.B) {
	pages := readSeed(b)
	b.SetBytes(int64(len(pages[0])))
	b.ReportAllocs()
	for b.Loop() {
		New(pages)
	}
}

// BenchmarkNewPaged cleans a 300-page document built from the paged
// sample, where page numbers and running headers are looked for.
func BenchmarkNewPaged(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "annual_report_pages.txt"))
	if err != nil {
		b.Fatalf("read sample: %v", err)
	}
	sample := strings.Split(string(raw), "\f")
	var pages []string
	size := 0
	for len(pages) < 300 {
		for _, p := range sample {
			pages = append(pages, p)
			size += len(p) + 1
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		New(pages)
	}
}

// BenchmarkNewAnnualReport cleans the 195 pages of a real annual report
// as the source package reads them.
func BenchmarkNewAnnualReport(b *testing.B) {
	path := testenv.CorpusFile(b, "ar2020_jinyu_bio_annual_report.pdf")
	doc, err := source.Read(context.Background(), path)
	if err != nil {
		b.Fatalf("read %s: %v", path, err)
	}
	size := 0
	for _, p := range doc.Pages {
		size += len(p) + 1
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		New(doc.Pages)
	}
}
