package pipeline

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"
	"unicode/utf8"

	"reportfacts/extractors"
	"reportfacts/pipeline/source"
	"reportfacts/pipeline/text"
)

// The limits of one document when a Budget leaves them zero.
const (
	// DefaultDocTimeout is how long one document may take to be read,
	// cleaned and extracted: the corpus's longest, a 204-page annual
	// report read with PDFium, takes under 10 s.
	DefaultDocTimeout = 2 * time.Minute
	// DefaultMaxBytes is the largest file read. A scanned report of a few
	// hundred pages stays under it; a PDF reader holds the whole file.
	DefaultMaxBytes = 256 << 20
	// DefaultMaxRunes is the most text one document may have: 2 Mi code
	// points, twelve times the longest annual report of the corpus (174k).
	// The densest text of figures that long (380,000 facts) is extracted
	// in 5 s with a peak of 370 MB resident, dictionary included; twice as
	// long, it takes 19 s and 530 MB.
	DefaultMaxRunes = 2 << 20
)

// Budget bounds what one document may cost: its time from reading to its
// facts, the size of its file and the length of its text, which bound the
// memory it holds. A document over its budget is recorded as failed with
// the reason, and the run goes on.
type Budget struct {
	// Timeout is how long a document may take to be read and extracted;
	// 0 means DefaultDocTimeout, a negative value no limit.
	Timeout time.Duration
	// MaxBytes is the largest file that is read; 0 means DefaultMaxBytes.
	MaxBytes int64
	// MaxRunes is the most text, in code points over all pages, whose
	// facts are extracted; 0 means DefaultMaxRunes.
	MaxRunes int
}

func (b Budget) timeout() time.Duration {
	if b.Timeout == 0 {
		return DefaultDocTimeout
	}
	return b.Timeout
}

func (b Budget) maxBytes() int64 {
	if b.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return b.MaxBytes
}

func (b Budget) maxRunes() int {
	if b.MaxRunes <= 0 {
		return DefaultMaxRunes
	}
	return b.MaxRunes
}

// errDocTimeout is the cause of a document context whose time ran out.
var errDocTimeout = errors.New("document timeout")

// context is the context one document is read and extracted under: ctx,
// with the budget's timeout.
func (b Budget) context(ctx context.Context) (context.Context, context.CancelFunc) {
	if b.timeout() < 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeoutCause(ctx, b.timeout(), errDocTimeout)
}

// overTime reports a document context (from Budget.context under ctx)
// whose time ran out, as against ctx itself being done.
func overTime(ctx, doc context.Context) bool {
	return ctx.Err() == nil && errors.Is(context.Cause(doc), errDocTimeout)
}

// timeoutReason is the recorded reason of a document that ran out of time
// while stage (reading, extracting) went on.
func (b Budget) timeoutReason(stage string) string {
	return fmt.Sprintf("gave up %s after %s, the time one document may take (--doc-timeout)", stage, b.timeout())
}

// readFile reads the file at path within the budget: never waiting on
// what is not a regular file, and refusing one larger than the budget
// allows. A text file longer in bytes than four times the most runes is
// longer in runes too, whatever its encoding, and is refused unread.
func (b Budget) readFile(path string) ([]byte, error) {
	limit := b.maxBytes()
	if source.FormatOf(path) == "text" {
		limit = min(limit, 4*int64(b.maxRunes()))
	}
	return source.ReadFile(path, limit)
}

// Read reads the file at path into a Document within the budget (see
// source.Read). A file that cannot be read, is no regular file or is over
// the budget comes back as a failed Document with the reason; err is only
// the context's.
func (b Budget) Read(ctx context.Context, path string) (*source.Document, error) {
	data, err := b.readFile(path)
	if err != nil {
		doc := &source.Document{Path: path, Format: source.FormatOf(path), Status: source.StatusFailed,
			Error: fmt.Sprintf("cannot read file: %v", err)}
		return doc, ctx.Err()
	}
	dctx, cancel := b.context(ctx)
	defer cancel()
	doc, err := source.ReadBytes(dctx, path, data)
	if err != nil && overTime(ctx, dctx) {
		doc.Pages, doc.Tables = nil, nil
		doc.Status, doc.Error = source.StatusFailed, b.timeoutReason("reading")
		return doc, nil
	}
	doc.Path = path
	return doc, err
}

// checkText refuses a document whose text is longer than the budget's
// most runes.
func (b Budget) checkText(doc *source.Document) error {
	n := 0
	for _, p := range doc.Pages {
		n += utf8.RuneCountInString(p)
	}
	if n > b.maxRunes() {
		return fmt.Errorf("text of %d characters is longer than the %d one document may have; its facts were not extracted", n, b.maxRunes())
	}
	return nil
}

// Extract cleans a document's text and extracts its facts within the
// budget: a text over the most runes is refused, and extraction stops
// when the document's time (counted from now) runs out. The error says
// why; when ctx itself is done it wraps ctx's error. A panic in a rule
// becomes this document's error rather than the batch's end.
func (b Budget) Extract(ctx context.Context, doc *source.Document) ([]extractors.Fact, error) {
	dctx, cancel := b.context(ctx)
	defer cancel()
	return b.extract(ctx, dctx, doc)
}

// extract is Extract under a document context dctx made under ctx.
func (b Budget) extract(ctx, dctx context.Context, doc *source.Document) (facts []extractors.Fact, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extract %s: internal error: %v\n%s", doc.Path, r, debug.Stack())
		}
	}()
	if err := b.checkText(doc); err != nil {
		doc.Pages, doc.Tables = nil, nil // nor is such a text kept
		return nil, err
	}
	t := text.New(doc.Pages)
	facts, err = extractors.Extract(dctx, t, extractors.Options{DocumentDate: doc.Date, Tables: doc.Tables})
	if err != nil {
		if overTime(ctx, dctx) {
			return nil, errors.New(b.timeoutReason("extracting"))
		}
		return nil, fmt.Errorf("extract %s: %w", doc.Path, err)
	}
	return facts, nil
}
