// Package source reads report files into Documents: the format, the pages of
// raw text, and which engine read them. One reader per format sits behind
// Read; a library that panics on a bad file is recovered into that file's
// error.
//
// The package owns format detection, text-encoding detection, and the PDF
// quality gate that decides when ledongthuc/pdf's text is not good enough
// and PDFium (WebAssembly) must read the file again.
package source

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"reportfacts/pipeline/table"
)

// Status says what became of a document.
type Status string

// The statuses a document can have.
const (
	StatusOK          Status = "ok"          // text was read
	StatusNoText      Status = "no_text"     // readable, but holds no text layer (needs OCR)
	StatusFailed      Status = "failed"      // could not be read; Error says why
	StatusUnsupported Status = "unsupported" // a format reportfacts does not read
)

// Document is one source file as read.
type Document struct {
	Path   string // as given by the user
	SHA256 string // hex digest of the file's bytes
	Size   int64  // bytes
	Format string // "pdf", "text", "docx", "html", or the extension when unsupported
	Engine string // what read the text: "ledongthuc", "pdfium", "text", "docx", "html"
	// Encoding is the text encoding detected for text files ("utf-8", "utf-16le", "gb18030", …).
	Encoding string
	Pages    []string // raw text per page; one page for non-paged formats
	Title    string   // from metadata or the first heading, when known
	// Date is the document's own date (YYYY, YYYY-MM or YYYY-MM-DD) from
	// metadata or title, when known; the extractors use it for dates that
	// omit their year.
	Date   string
	Status Status
	Error  string // why the document failed, or why it has no text
	// Warning says why text that was read may be incomplete (for example a
	// PDF whose text failed the quality gate and could not be read again).
	// Empty for a clean read.
	Warning string
	// Tables are the document's tables, cells pointing into the raw text
	// (Pages joined by '\f').
	Tables []table.Table
}

// The formats, by extension.
var formats = map[string]string{
	".pdf":  "pdf",
	".txt":  "text",
	".md":   "text",
	".docx": "docx",
	".html": "html",
	".htm":  "html",
}

// Formats lists the supported extensions.
func Formats() []string {
	return []string{".pdf", ".txt", ".md", ".docx", ".html", ".htm"}
}

// Supported reports whether Read has a reader for path's extension.
func Supported(path string) bool {
	_, ok := formats[strings.ToLower(filepath.Ext(path))]
	return ok
}

// Read reads the file at path into a Document. It never panics. A file that
// cannot be read as its format is returned as a Document with Status failed
// and Error saying why (err == nil); err != nil only for ctx cancellation or
// a file that cannot be opened at all (then Path is still filled).
// Unsupported extensions get Status unsupported. SHA256 and Size are filled
// whenever the file could be read.
func Read(ctx context.Context, path string) (*Document, error) {
	doc := &Document{Path: path}
	if err := ctx.Err(); err != nil {
		return doc, err
	}
	data, err := ReadFile(path, 0)
	if err != nil {
		return doc, fmt.Errorf("read %s: %w", path, err)
	}
	return read(ctx, doc, path, data)
}

// ReadBytes is Read for bytes already in memory (stdin, for one): name
// decides the format, and an empty name means text.
func ReadBytes(ctx context.Context, name string, data []byte) (*Document, error) {
	doc := &Document{Path: name}
	if err := ctx.Err(); err != nil {
		return doc, err
	}
	if name == "" {
		name = "stdin.txt"
	}
	return read(ctx, doc, name, data)
}

// read fills doc from data; name gives the format.
func read(ctx context.Context, doc *Document, name string, data []byte) (d *Document, err error) {
	sum := sha256.Sum256(data)
	doc.SHA256 = hex.EncodeToString(sum[:])
	doc.Size = int64(len(data))

	ext := strings.ToLower(filepath.Ext(name))
	format, ok := formats[ext]
	if !ok {
		doc.Format = strings.TrimPrefix(ext, ".")
		doc.Status = StatusUnsupported
		if ext == "" {
			doc.Error = "no file extension; supported: " + strings.Join(Formats(), " ")
		} else {
			doc.Error = fmt.Sprintf("unsupported format %s; supported: %s", ext, strings.Join(Formats(), " "))
		}
		return doc, nil
	}
	doc.Format = format

	// A reader bug must cost one document, not the batch.
	defer func() {
		if r := recover(); r != nil {
			d, err = doc, nil
			doc.Pages = nil
			doc.fail(fmt.Sprintf("internal error reading %s: %v", format, r))
		}
	}()

	if len(data) == 0 {
		doc.fail("empty file (0 bytes)")
		return doc, nil
	}
	switch format {
	case "pdf":
		err = readPDF(ctx, doc, data)
	case "text":
		readText(doc, data)
	case "docx":
		readDOCX(doc, data)
	case "html":
		readHTML(doc, data)
	}
	if err != nil {
		return doc, err
	}
	if doc.Status == "" {
		doc.Status = StatusOK
	}
	if d := dateInTitle(doc.Title); d != "" {
		doc.Date = d
	}
	return doc, nil
}

// titleDate matches the date a title names: 陆家嘴财经早餐2024年8月16日星期五,
// 2016年年度报告, 2021年7月行业汇编.
var titleDate = regexp.MustCompile(`((?:19|20)\d\d)\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?`)

// dateInTitle returns the date a document's title names (YYYY, YYYY-MM or
// YYYY-MM-DD), or "" when it names none. A metadata date is when the file
// was made; a title's date is what the report is about, so the title wins
// where it names one.
func dateInTitle(title string) string {
	m := titleDate.FindStringSubmatch(title)
	if m == nil {
		return ""
	}
	date := m[1]
	for i, limit := range []int{12, 31} {
		n, err := strconv.Atoi(m[2+i])
		if err != nil || n < 1 || n > limit {
			break
		}
		date += fmt.Sprintf("-%02d", n)
	}
	return date
}

// fail marks doc failed with a reason a person can act on.
func (doc *Document) fail(reason string) {
	doc.Status = StatusFailed
	doc.Error = reason
}
