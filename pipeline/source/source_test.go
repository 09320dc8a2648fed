package source

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFile puts data in a temporary file named name and returns its path.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// zipOf builds a zip archive of name → content.
func zipOf(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, content := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestReadBadInputs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	good := textPDF("T", "D:20210415", "Hello")
	binary := append([]byte("MZ\x90\x00\x03\x00\x00\x00"), random[:512]...)
	controls := bytes.Repeat([]byte{0x01, 0x02, 'a', 0x1F}, 64)

	tests := []struct {
		name   string
		file   string
		data   []byte
		status Status
		reason string // a word the Error must hold
	}{
		{"empty pdf", "a.pdf", nil, StatusFailed, "empty"},
		{"empty txt", "a.txt", nil, StatusFailed, "empty"},
		{"truncated pdf", "a.pdf", good[:len(good)/2], StatusFailed, "truncated"},
		{"random bytes pdf", "a.pdf", random, StatusFailed, "not a PDF"},
		{"pdf header then garbage", "a.pdf", append([]byte("%PDF-1.4\n"), append(random, "\n%%EOF\n"...)...), StatusFailed, "PDF"},
		{"encrypted pdf", "a.pdf", encryptedPDF(), StatusFailed, "password"},
		{"binary txt with NUL", "a.txt", binary, StatusFailed, "binary"},
		{"txt of control bytes", "a.txt", controls, StatusFailed, "binary"},
		{"latin-1 txt", "a.txt", []byte("caf\xe9 na\xefve \xe0 la carte r\xe9sum\xe9"), StatusFailed, "encoding"},
		{"zip that is not docx", "a.docx", zipOf(t, map[string]string{"hello.txt": "hi"}), StatusFailed, "word/document.xml"},
		{"random bytes docx", "a.docx", random, StatusFailed, "zip"},
		{"old .doc named docx", "a.docx", append(append([]byte{}, oleMagic...), random[:100]...), StatusFailed, "OLE2"},
		{"docx with broken xml", "a.docx", zipOf(t, map[string]string{"word/document.xml": "<w:document><w:body><w:p>"}), StatusFailed, "parse"},
		{"binary html", "a.html", binary, StatusFailed, "binary"},
		{"unsupported xls", "a.xls", random, StatusUnsupported, ".xls"},
		{"no extension", "README", []byte("hi"), StatusUnsupported, "extension"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, tt.file, tt.data)
			doc, err := Read(context.Background(), path)
			if err != nil {
				t.Fatalf("Read returned error %v; want a %s Document", err, tt.status)
			}
			if doc.Status != tt.status {
				t.Errorf("Status = %q (Error %q), want %q", doc.Status, doc.Error, tt.status)
			}
			if doc.Error == "" || !strings.Contains(doc.Error, tt.reason) {
				t.Errorf("Error = %q, want it to mention %q", doc.Error, tt.reason)
			}
			sum := sha256.Sum256(tt.data)
			if doc.SHA256 != hex.EncodeToString(sum[:]) || doc.Size != int64(len(tt.data)) || doc.Path != path {
				t.Errorf("SHA256/Size/Path = %s/%d/%s, want them filled", doc.SHA256, doc.Size, doc.Path)
			}
			if doc.Status == StatusFailed && len(doc.Pages) > 0 {
				t.Errorf("failed document carries %d pages", len(doc.Pages))
			}
		})
	}
}

func TestReadMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gone.pdf")
	doc, err := Read(context.Background(), path)
	if err == nil {
		t.Fatalf("Read of a missing file: no error, Document %+v", doc)
	}
	if !errors.Is(err, os.ErrNotExist) || doc == nil || doc.Path != path {
		t.Errorf("Read = %+v, %v; want Path filled and an os.ErrNotExist error", doc, err)
	}
}

func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	path := writeFile(t, "a.pdf", textPDF("T", "D:2021", "Hello"))
	if _, err := Read(ctx, path); !errors.Is(err, context.Canceled) {
		t.Errorf("Read with a cancelled context: err = %v, want context.Canceled", err)
	}
	if _, err := ReadBytes(ctx, "a.txt", []byte("x")); !errors.Is(err, context.Canceled) {
		t.Errorf("ReadBytes with a cancelled context: err = %v, want context.Canceled", err)
	}
}

func TestReadPDFText(t *testing.T) {
	data := textPDF("Annual report", "D:20210415093000+08'00'", "Revenue 1,554.17 million", "Growth 12.5%")
	doc, err := ReadBytes(context.Background(), "report.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Status != StatusOK || doc.Engine != "ledongthuc" || doc.Format != "pdf" {
		t.Fatalf("Status/Engine/Format = %s/%s/%s (Error %q), want ok/ledongthuc/pdf", doc.Status, doc.Engine, doc.Format, doc.Error)
	}
	if len(doc.Pages) != 1 {
		t.Fatalf("got %d pages, want 1", len(doc.Pages))
	}
	for _, want := range []string{"Revenue 1,554.17 million", "Growth 12.5%"} {
		if !strings.Contains(doc.Pages[0], want) {
			t.Errorf("page text %q lacks %q", doc.Pages[0], want)
		}
	}
	if doc.Title != "Annual report" || doc.Date != "2021-04-15" {
		t.Errorf("Title/Date = %q/%q, want %q/%q", doc.Title, doc.Date, "Annual report", "2021-04-15")
	}
}

func TestReadPDFNoTextLayer(t *testing.T) {
	doc, err := ReadBytes(context.Background(), "scan.pdf", imagePDF(3))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Status != StatusNoText || !strings.Contains(doc.Error, "OCR") {
		t.Errorf("Status/Error = %s/%q, want no_text and a word on OCR", doc.Status, doc.Error)
	}
	if len(doc.Pages) != 3 {
		t.Errorf("got %d pages, want 3 counted", len(doc.Pages))
	}
}

func TestPDFDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"D:20210415093000+08'00'", "2021-04-15"},
		{"D:20210415", "2021-04-15"},
		{"20210415", "2021-04-15"},
		{"D:202104", "2021-04"},
		{"D:2021", "2021"},
		{"D:20211345", "2021"}, // month 13: only the year is sure
		{"D:20210432", "2021-04"},
		{"", ""},
		{"yesterday", ""},
	}
	for _, tt := range tests {
		if got := pdfDate(tt.in); got != tt.want {
			t.Errorf("pdfDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCleanTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Microsoft Word - 2020年年度报告.docx", "2020年年度报告"},
		{"  年度报告  ", "年度报告"},
		{"report.PDF", "report"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := cleanTitle(tt.in); got != tt.want {
			t.Errorf("cleanTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSupported(t *testing.T) {
	for _, ext := range Formats() {
		if !Supported("dir/report" + strings.ToUpper(ext)) {
			t.Errorf("Supported(%q) = false", "report"+strings.ToUpper(ext))
		}
	}
	for _, p := range []string{"a.xlsx", "a.xls", "a.doc", "a", "a.pdf.bak"} {
		if Supported(p) {
			t.Errorf("Supported(%q) = true", p)
		}
	}
}

func TestReadBytesEmptyNameIsText(t *testing.T) {
	doc, err := ReadBytes(context.Background(), "", []byte("营业收入16.4亿元\r\n同比增长12%"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != "text" || doc.Status != StatusOK || doc.Path != "" {
		t.Fatalf("Format/Status/Path = %s/%s/%q, want text/ok/\"\"", doc.Format, doc.Status, doc.Path)
	}
	if want := "营业收入16.4亿元\n同比增长12%"; doc.Pages[0] != want {
		t.Errorf("text = %q, want %q", doc.Pages[0], want)
	}
}

func TestDateInTitle(t *testing.T) {
	for _, tt := range []struct{ title, want string }{
		{"陆家嘴财经早餐2024年8月16日星期五", "2024-08-16"},
		{"张家界旅游集团股份有限公司2016年年度报告", "2016"},
		{"2021年7月金融科技行业信息汇编", "2021-07"},
		{"2021 年 12 月 31 日", "2021-12-31"},
		{"2021年13月", "2021"},
		{"金融科技行业信息汇编", ""},
		{"第3000年", ""},
		{"", ""},
	} {
		if got := dateInTitle(tt.title); got != tt.want {
			t.Errorf("dateInTitle(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}
