package text

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
