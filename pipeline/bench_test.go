package pipeline

import (
	"context"
	"os"
	"testing"
)

// BenchmarkIngestSeed measures whole ingests of the seeds (read, clean,
// extract, store): documents/s and MB/s of text.
func BenchmarkIngestSeed(b *testing.B) {
	files, err := Discover([]string{seedDir})
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			b.Fatal(err)
		}
		size += st.Size()
	}
	b.SetBytes(size)
	ctx := context.Background()
	st := openStore(b)
	run := func() {
		sum, err := Run(ctx, Config{Store: st, Force: true}, []string{seedDir})
		if err != nil || sum.OK != len(files) {
			b.Fatalf("run: %v (%+v)", err, sum)
		}
	}
	run() // the segmenter's dictionary loads once per process, not per document
	for b.Loop() {
		run()
	}
	b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "docs/s")
}
