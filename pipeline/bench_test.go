package pipeline

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"reportfacts/pipeline/source"
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

// BenchmarkReadCorpusPDF reads each text-layer corpus PDF with the source
// stage and, where poppler's pdftotext is installed, with pdftotext in the
// same run, reporting pages/s for both.
func BenchmarkReadCorpusPDF(b *testing.B) {
	dir := corpusDir(b)
	pdfs, err := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if err != nil || len(pdfs) == 0 {
		b.Skipf("no PDFs in %s", dir)
	}
	ctx := context.Background()
	for _, p := range pdfs {
		name := filepath.Base(p)
		doc, err := source.Read(ctx, p)
		if err != nil {
			b.Fatal(err)
		}
		if doc.Status != source.StatusOK {
			continue
		}
		pages := len(doc.Pages)
		b.Run(name+"/reportfacts", func(b *testing.B) {
			for b.Loop() {
				if _, err := source.Read(ctx, p); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
		})
		pdftotext, err := exec.LookPath("pdftotext")
		if err != nil {
			continue
		}
		b.Run(name+"/pdftotext", func(b *testing.B) {
			for b.Loop() {
				if out, err := exec.Command(pdftotext, "-q", p, os.DevNull).CombinedOutput(); err != nil {
					b.Fatalf("pdftotext %s: %v: %s", p, err, out)
				}
			}
			b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
