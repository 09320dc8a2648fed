package source

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"reportfacts/internal/testenv"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ledongthuc/pdf"
)

// corpusDir finds the shared corpus of real reports, or skips the test.
func corpusDir(tb testing.TB) string { return testenv.SharedDir(tb, "corpus") }

// manifestRow matches a row of MANIFEST.md's "CJK plain / raw" table:
// | name | plain / raw | …
var manifestRow = regexp.MustCompile(`^\|\s*([a-z0-9_]+)[^|]*\|\s*(\d+)\s*/\s*(\d+)\s*\|`)

// popplerHan reads, for each corpus PDF, the count of Han characters that
// poppler's pdftotext gives ("raw" in the MANIFEST table). Keys are name
// stems; a PDF's file name starts with its stem.
func popplerHan(t *testing.T, dir string) map[string]int {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "MANIFEST.md"))
	if err != nil {
		t.Fatalf("corpus without MANIFEST.md: %v", err)
	}
	defer f.Close()
	counts := map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		m := manifestRow.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		raw, err := strconv.Atoi(m[3])
		if err != nil {
			t.Fatalf("MANIFEST row %q: %v", sc.Text(), err)
		}
		counts[m[1]] = raw
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(counts) == 0 {
		t.Fatal("MANIFEST.md has no \"CJK plain / raw\" rows")
	}
	return counts
}

// stemFor finds the MANIFEST stem that names file.
func stemFor(counts map[string]int, file string) (string, bool) {
	best := ""
	for stem := range counts {
		if strings.HasPrefix(file, stem) && len(stem) > len(best) {
			best = stem
		}
	}
	return best, best != ""
}

func hanCount(pages []string) (han, replacement int) {
	for _, p := range pages {
		for _, r := range p {
			switch {
			case r >= 0x4E00 && r <= 0x9FFF:
				han++
			case r == '\uFFFD':
				replacement++
			}
		}
	}
	return han, replacement
}

// TestCorpus reads every corpus file. Each text-layer PDF must yield at
// least 98% of the Han characters poppler yields and no U+FFFD (poppler
// gives none for these files); the scanned PDF must come out no_text; every
// file gets a status.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test reads 20 MB of PDFs with two engines; skipped in -short")
	}
	dir := corpusDir(t)
	counts := popplerHan(t, dir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	seenPDF := map[string]bool{}
	for _, e := range entries {
		if e.IsDir() || e.Name() == "MANIFEST.md" {
			continue
		}
		name := e.Name()
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			doc, err := Read(context.Background(), filepath.Join(dir, name))
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			han, fffd := hanCount(doc.Pages)
			t.Logf("%s: %s engine=%s pages=%d han=%d in %v %s", name, doc.Status, doc.Engine, len(doc.Pages), han, time.Since(start).Round(time.Millisecond), doc.Warning)
			if doc.SHA256 == "" || doc.Size != fileSize(t, filepath.Join(dir, name)) {
				t.Errorf("SHA256/Size not filled: %q/%d", doc.SHA256, doc.Size)
			}
			ext := strings.ToLower(filepath.Ext(name))
			switch ext {
			case ".pdf":
				stem, ok := stemFor(counts, name)
				if !ok {
					t.Fatalf("%s has no row in MANIFEST's CJK plain / raw table", name)
				}
				seenPDF[stem] = true
				raw := counts[stem]
				if raw == 0 {
					if doc.Status != StatusNoText || doc.Error == "" || len(doc.Pages) == 0 {
						t.Errorf("Status/Error/pages = %s/%q/%d; want no_text with a reason and pages counted", doc.Status, doc.Error, len(doc.Pages))
					}
					return
				}
				if doc.Status != StatusOK {
					t.Fatalf("Status = %s (%s), want ok", doc.Status, doc.Error)
				}
				if han*100 < raw*98 {
					t.Errorf("%d Han characters, want at least 98%% of poppler's %d", han, raw)
				}
				if fffd > 0 {
					t.Errorf("%d U+FFFD in the text; poppler has none", fffd)
				}
			case ".txt", ".html", ".htm", ".docx", ".md":
				if doc.Status != StatusOK || han == 0 {
					t.Errorf("Status = %s (%s), Han = %d; want ok with Chinese text", doc.Status, doc.Error, han)
				}
			default:
				if doc.Status != StatusUnsupported || doc.Error == "" {
					t.Errorf("Status = %s (%s), want unsupported with a reason", doc.Status, doc.Error)
				}
			}
		})
	}
	for stem := range counts {
		if !seenPDF[stem] {
			t.Errorf("MANIFEST names %s but no such PDF is in %s", stem, dir)
		}
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// BenchmarkReadPDF reads each corpus PDF and reports pages per second.
// PDFium is started before timing: it costs seconds once per process.
//
// poppler's pdftotext reads the same file first, in the same run, where it
// is installed: its reading order ("pdftotext") and its -layout mode. The
// reader's sub-benchmark then reports "x-pdftotext", its time per page over
// pdftotext's (2 is half pdftotext's pace), and the benchmark ends with a
// line per file: pages/s of the reader and of pdftotext, and that ratio.
func BenchmarkReadPDF(b *testing.B) {
	dir := corpusDir(b)
	files, err := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if err != nil || len(files) == 0 {
		b.Skipf("no PDFs in %s", dir)
	}
	ctx := context.Background()
	inst, err := pdfiumInstance(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if err := inst.Close(); err != nil {
		b.Fatal(err)
	}
	pdftotext, lookErr := exec.LookPath("pdftotext")
	type pace struct{ reader, poppler float64 } // pages/s
	paces := map[string]*pace{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".pdf")
		p := &pace{}
		paces[name] = p
		if lookErr == nil {
			pages, err := pdfPages(f)
			if err != nil {
				b.Fatal(err)
			}
			for _, mode := range []struct {
				name string
				args []string
			}{{"/pdftotext", nil}, {"/pdftotext-layout", []string{"-layout"}}} {
				b.Run(name+mode.name, func(b *testing.B) {
					b.SetBytes(int64(len(data)))
					args := append(append([]string{"-q"}, mode.args...), f, os.DevNull)
					for b.Loop() {
						if out, err := exec.Command(pdftotext, args...).CombinedOutput(); err != nil {
							b.Fatalf("pdftotext %s: %v: %s", strings.Join(args, " "), err, out)
						}
					}
					rate := float64(pages*b.N) / b.Elapsed().Seconds()
					b.ReportMetric(rate, "pages/s")
					if mode.args == nil {
						p.poppler = rate
					}
				})
			}
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			pages := 0
			for b.Loop() {
				doc, err := ReadBytes(ctx, f, data)
				if err != nil {
					b.Fatal(err)
				}
				pages += len(doc.Pages)
			}
			p.reader = float64(pages) / b.Elapsed().Seconds()
			b.ReportMetric(p.reader, "pages/s")
			if p.poppler > 0 && p.reader > 0 {
				b.ReportMetric(p.poppler/p.reader, "x-pdftotext")
			}
		})
		// The page text in drawing order alone, as the reader read PDFs
		// before it read their layout: what the layout costs beside it.
		b.Run(name+"/plain", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			pages := 0
			for b.Loop() {
				n, err := plainPages(data)
				if err != nil {
					b.Fatal(err)
				}
				pages += n
			}
			b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
		})
	}
	if lookErr != nil {
		b.Logf("pdftotext not installed (%v): no ratios", lookErr)
		return
	}
	var sum strings.Builder
	fmt.Fprintf(&sum, "reading pace beside pdftotext (same run):\n%-50s %12s %12s %8s\n", "file", "reportfacts", "pdftotext", "ratio")
	names := make([]string, 0, len(paces))
	for n := range paces {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p := paces[n]
		if p.reader == 0 || p.poppler == 0 {
			continue // a filtered-out sub-benchmark
		}
		fmt.Fprintf(&sum, "%-50s %8.0f p/s %8.0f p/s %7.2fx\n", n, p.reader, p.poppler, p.poppler/p.reader)
	}
	// Printed, not logged: a benchmark with sub-benchmarks shows no log.
	fmt.Print(sum.String())
}

// pdfPages counts a PDF's pages as this package reads them.
func pdfPages(path string) (int, error) {
	doc, err := Read(context.Background(), path)
	if err != nil {
		return 0, err
	}
	return len(doc.Pages), nil
}

// plainPages reads every page's text in drawing order with ledongthuc, as
// the reader did before it read the page's layout, and counts the pages.
func plainPages(data []byte) (int, error) {
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return 0, err
	}
	for i := 1; i <= r.NumPage(); i++ {
		if _, err := r.Page(i).GetPlainText(nil); err != nil {
			return 0, fmt.Errorf("page %d: %w", i, err)
		}
	}
	return r.NumPage(), nil
}

// TestReadConcurrent reads a PDF that needs PDFium from several goroutines
// at once, as the pipeline's read stage does: the lazily started pool must
// serve them all the same text.
func TestReadConcurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PDFium; skipped in -short")
	}
	// Chrome's Type 3 fonts read as mojibake without PDFium.
	path := filepath.Join(corpusDir(t), "slides_tianchi_smp2023_finllm_chrome_type3.pdf")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("corpus lacks the Type 3 slides: %v", err)
	}
	const readers = 4
	docs := make([]*Document, readers)
	errs := make([]error, readers)
	var wg sync.WaitGroup
	for i := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			docs[i], errs[i] = Read(context.Background(), path)
		}()
	}
	wg.Wait()
	for i := range readers {
		if errs[i] != nil {
			t.Fatalf("reader %d: %v", i, errs[i])
		}
		if docs[i].Engine != "pdfium" || docs[i].Status != StatusOK {
			t.Fatalf("reader %d: engine %s, status %s (%s)", i, docs[i].Engine, docs[i].Status, docs[i].Error)
		}
		if strings.Join(docs[i].Pages, "\f") != strings.Join(docs[0].Pages, "\f") {
			t.Errorf("reader %d got different text from reader 0", i)
		}
	}
}
