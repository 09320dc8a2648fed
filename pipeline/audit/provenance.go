package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"reportfacts/pipeline/source"
	"reportfacts/pipeline/store"
)

// checkProvenance fails every fact whose text is not the raw text at its
// offsets, or whose page is not the page its start falls on.
func checkProvenance(df docFacts) []Finding {
	var out []Finding
	for _, f := range df.Facts {
		fail := func(format string, args ...interface{}) {
			out = append(out, Finding{
				Check: CheckProvenance, FactKeys: []string{f.Key}, Document: df.Doc.Path,
				Page: f.Page, Sentence: f.Sentence, Detail: fmt.Sprintf(format, args...),
				Figures: []Figure{{Role: "stored", Text: f.Text, Value: f.Value, Unit: f.Unit, Key: f.Key}},
			})
		}
		if f.Start < 0 || f.End < f.Start || f.End > len(df.Raw) {
			fail("offsets %d..%d lie outside the document's %d characters", f.Start, f.End, len(df.Raw))
			continue
		}
		if raw := string(df.Raw[f.Start:f.End]); raw != f.Text {
			fail("text %q differs from the source characters %d..%d %q", f.Text, f.Start, f.End, raw)
			continue
		}
		if page := pageOf(df.Raw, f.Start); f.Page != page {
			fail("page %d, but offset %d lies on page %d", f.Page, f.Start, page)
		}
	}
	return out
}

// pageOf is the 1-based page of offset in a raw text whose pages are
// joined by form feeds.
func pageOf(raw []rune, offset int) int {
	page := 1
	for _, r := range raw[:offset] {
		if r == '\f' {
			page++
		}
	}
	return page
}

// checkSource reports whether the document's file, where it still is,
// hashes to the stored SHA-256.
func checkSource(d store.DocumentRow, baseDir string) Finding {
	path := d.Path
	if baseDir != "" && !filepath.IsAbs(path) {
		path = filepath.Join(baseDir, path)
	}
	f := Finding{Check: CheckSource, Document: d.Path}
	sum, err := hashFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		f.Detail = fmt.Sprintf("source missing: %s is no longer there", store.ShowPath(path))
	case err != nil:
		f.Detail = fmt.Sprintf("source unreadable: %v", err)
	case !strings.EqualFold(sum, d.SHA256):
		f.Detail = fmt.Sprintf("source changed: %s now hashes to %s, stored %s", store.ShowPath(path), sum, d.SHA256)
	default:
		f.Passed = true
		f.Detail = "source unchanged"
	}
	return f
}

// hashFile is the SHA-256 of the file at path, opened as ingest opens it:
// what is no longer a regular file (replaced by a FIFO) is refused, not
// waited on.
func hashFile(path string) (string, error) {
	file, _, err := source.OpenRegular(path)
	if err != nil {
		return "", fmt.Errorf("open %s: %w", store.ShowPath(path), err)
	}
	defer func() { _ = file.Close() }() // read-only: a close error changes nothing
	h := sha256.New()
	if _, err := io.Copy(h, file); err != nil {
		return "", fmt.Errorf("read %s: %w", store.ShowPath(path), err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// containsFold says whether the path s holds sub, ignoring case. Where
// either is not UTF-8 only ASCII letters are folded: strings.ToLower
// would turn every invalid byte into U+FFFD, and "\xff" would then match
// any name that is not UTF-8.
func containsFold(s, sub string) bool {
	if utf8.ValidString(s) && utf8.ValidString(sub) {
		return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
	}
	return strings.Contains(store.ASCIILower(s), store.ASCIILower(sub))
}
