package source

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
)

// TestPageList: the one walk finds every corpus PDF's pages where
// Reader.Page does, in nested trees too, and gives up on trees that do not
// add up.
func TestPageList(t *testing.T) {
	same := func(t *testing.T, data []byte) int {
		t.Helper()
		r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		n := r.NumPage()
		list := pageList(r, n)
		if list == nil {
			t.Fatalf("no list of %d pages", n)
		}
		for i, p := range list {
			if !reflect.DeepEqual(p.V, r.Page(i+1).V) {
				t.Fatalf("page %d is not Reader.Page's", i+1)
			}
		}
		return n
	}

	// Two levels: the root holds a page, a node of two pages, a page.
	nested := testPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R 7 0 R] /Count 4 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>",
		"<< /Type /Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 4 0 R /MediaBox [0 0 20 20] >>",
		"<< /Type /Page /Parent 4 0 R /MediaBox [0 0 30 30] >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 40 40] >>",
	}, "")
	if n := same(t, nested); n != 4 {
		t.Errorf("nested tree: %d pages, want 4", n)
	}
	if n := same(t, imagePDF(3)); n != 3 {
		t.Errorf("image PDF: %d pages, want 3", n)
	}

	for name, data := range map[string][]byte{
		// A node that is its own kid.
		"cycle": testPDF([]string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [2 0 R 2 0 R 3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R >>",
		}, ""),
		// A count that promises more pages than the tree holds.
		"count": testPDF([]string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 2 >>",
			"<< /Type /Page /Parent 2 0 R >>",
		}, ""),
	} {
		r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if list := pageList(r, r.NumPage()); list != nil {
			t.Errorf("%s: a list of %d pages", name, len(list))
		}
	}

	dir := corpusDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".pdf"), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if n := same(t, data); n == 0 {
				t.Errorf("%s: no pages", f)
			}
		})
	}
}

// BenchmarkPageList finds every page of an annual report: "Reader.Page"
// one page at a time, as the reader does now, "pageList" in one walk.
func BenchmarkPageList(b *testing.B) {
	f := filepath.Join(corpusDir(b), "ar2020_jinyu_bio_annual_report.pdf")
	data, err := os.ReadFile(f)
	if err != nil {
		b.Skip(err)
	}
	open := func(b *testing.B) (*pdf.Reader, int) {
		r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			b.Fatal(err)
		}
		return r, r.NumPage()
	}
	b.Run("Reader.Page", func(b *testing.B) {
		for b.Loop() {
			r, n := open(b)
			for i := 1; i <= n; i++ {
				if r.Page(i).V.IsNull() {
					b.Fatalf("no page %d", i)
				}
			}
		}
	})
	b.Run("pageList", func(b *testing.B) {
		for b.Loop() {
			r, n := open(b)
			if pageList(r, n) == nil {
				b.Fatal("no page list")
			}
		}
	})
}
