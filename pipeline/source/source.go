// Package source reads report files into Documents: the format, the pages of
// raw text, and which engine read them. One reader per format sits behind
// Read; a library that panics on a bad file is recovered into that file's
// error.
package source

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
}
