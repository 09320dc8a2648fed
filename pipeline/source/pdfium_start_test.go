package source

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/requests"

	"reportfacts/internal/cachedir"
)

// pdfiumPageCount starts nothing: it uses a started pool to count the
// pages of a small PDF, to show that the pool works.
func pdfiumPageCount(tb testing.TB, pool pdfium.Pool) int {
	tb.Helper()
	inst, err := pool.GetInstance(0)
	if err != nil {
		tb.Fatalf("get instance: %v", err)
	}
	defer func() {
		if err := inst.Close(); err != nil {
			tb.Errorf("close instance: %v", err)
		}
	}()
	data := textPDF("t", "", "2019年营业收入为1,554.17亿元", "第二行")
	opened, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	defer func() {
		if _, err := inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: opened.Document}); err != nil {
			tb.Errorf("close document: %v", err)
		}
	}()
	n, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: opened.Document})
	if err != nil {
		tb.Fatalf("count pages: %v", err)
	}
	return n.PageCount
}

func closePool(tb testing.TB, pool pdfium.Pool) {
	tb.Helper()
	if err := pool.Close(); err != nil {
		tb.Errorf("close pool: %v", err)
	}
}

// cacheEntries lists the files wazero wrote under dir.
func cacheEntries(tb testing.TB, dir string) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "wazero-*", "*"))
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// TestPDFiumCompilationCache starts PDFium twice on one cache directory:
// the first start writes the compiled module, the second reads it. Then
// the entry is corrupted: the third start says so once, compiles without
// the cache, works, and leaves the cache clean for the next process.
func TestPDFiumCompilationCache(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles PDFium twice (seconds)")
	}
	var warnings bytes.Buffer
	defer cachedir.SetWarnings(&warnings)()
	dir := t.TempDir()

	pool, err := startPDFium(dir)
	if err != nil {
		t.Fatal(err)
	}
	if n := pdfiumPageCount(t, pool); n != 1 {
		t.Errorf("first start: %d pages, want 1", n)
	}
	closePool(t, pool)
	entries := cacheEntries(t, dir)
	if len(entries) != 1 {
		t.Fatalf("after the first start the cache holds %q, want one entry", entries)
	}

	pool, err = startPDFium(dir)
	if err != nil {
		t.Fatal(err)
	}
	if n := pdfiumPageCount(t, pool); n != 1 {
		t.Errorf("cached start: %d pages, want 1", n)
	}
	closePool(t, pool)
	if warnings.Len() > 0 {
		t.Errorf("a good cache warned: %s", warnings.String())
	}

	// Flip bytes in the machine code: wazero's checksum catches it.
	data, err := os.ReadFile(entries[0])
	if err != nil {
		t.Fatal(err)
	}
	for i := len(data) / 2; i < len(data)/2+64; i++ {
		data[i] ^= 0xff
	}
	if err := os.WriteFile(entries[0], data, 0o600); err != nil {
		t.Fatal(err)
	}
	pool, err = startPDFium(dir)
	if err != nil {
		t.Fatalf("a corrupt cache failed the start: %v", err)
	}
	if n := pdfiumPageCount(t, pool); n != 1 {
		t.Errorf("start past a corrupt cache: %d pages, want 1", n)
	}
	closePool(t, pool)
	if got := warnings.String(); strings.Count(got, "\n") != 1 || !strings.Contains(got, "PDFium compilation cache") {
		t.Errorf("a corrupt cache should be reported once, got %q", got)
	}
	if left := cacheEntries(t, dir); len(left) != 0 {
		t.Errorf("the corrupt entry was left: %q", left)
	}
}

// TestPDFiumCacheUnusable: a build that records no wazero version (a test
// binary), a cache directory that cannot be made, and caches turned off
// start PDFium without a cache; only the second says why, once.
func TestPDFiumCacheUnusable(t *testing.T) {
	var warnings bytes.Buffer
	defer cachedir.SetWarnings(&warnings)()
	t.Setenv(cachedir.Env, t.TempDir())
	if dir := pdfiumCacheDir(); dir != "" {
		t.Errorf("a build without wazero's version: got directory %s", dir)
	}
	defer cachedir.SetModules([]*debug.Module{{Path: "github.com/tetratelabs/wazero", Version: "v0.0.0-test"}})()

	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(cachedir.Env, file)
	for range 2 {
		if dir := pdfiumCacheDir(); dir != "" {
			t.Errorf("cache under a file: got directory %s", dir)
		}
	}
	if got := warnings.String(); strings.Count(got, "\n") != 1 || !strings.Contains(got, "PDFium compilation cache") {
		t.Errorf("an unusable cache should be reported once, got %q", got)
	}

	warnings.Reset()
	t.Setenv(cachedir.Env, cachedir.Off)
	if dir := pdfiumCacheDir(); dir != "" {
		t.Errorf("caches off: got directory %s", dir)
	}
	if warnings.Len() > 0 {
		t.Errorf("caches off warned: %s", warnings.String())
	}

	moved := t.TempDir()
	t.Setenv(cachedir.Env, moved)
	if dir, want := pdfiumCacheDir(), filepath.Join(moved, pdfiumCacheName); dir != want {
		t.Errorf("moved cache: got %s, want %s", dir, want)
	}
}

// BenchmarkPDFiumStart measures starting a fresh PDFium pool (as a new
// process does) and reading a one-page PDF with it: "compile" with an empty
// cache directory each time, "cached" on a directory a first start filled.
func BenchmarkPDFiumStart(b *testing.B) {
	b.Run("compile", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			dir := b.TempDir()
			b.StartTimer()
			pool, err := startPDFium(dir)
			if err != nil {
				b.Fatal(err)
			}
			pdfiumPageCount(b, pool)
			closePool(b, pool)
		}
	})
	b.Run("cached", func(b *testing.B) {
		dir := b.TempDir()
		pool, err := startPDFium(dir)
		if err != nil {
			b.Fatal(err)
		}
		closePool(b, pool)
		for b.Loop() {
			pool, err := startPDFium(dir)
			if err != nil {
				b.Fatal(err)
			}
			pdfiumPageCount(b, pool)
			closePool(b, pool)
		}
	})
}
