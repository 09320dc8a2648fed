package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"reportfacts/extractors"
	"reportfacts/pipeline/source"
	"reportfacts/pipeline/store"
	"reportfacts/pipeline/text"
)

// hugeLine is a text of about n bytes on one line without a sentence end:
// figures and commas, the shape whose extraction once grew with the
// square of its length.
func hugeLine(n int) string {
	const unit = "2021年营业收入1554.17亿元，同比增长10.77%，市场成交额8804.2亿元，"
	return strings.Repeat(unit, n/len(unit)+1)
}

// warmSegmenter loads the segmenter's dictionary (over a second, once per
// process) so that it is not counted in a document's time.
func warmSegmenter(t *testing.T) {
	t.Helper()
	if _, err := extractors.Extract(context.Background(), text.New([]string{"营业收入1554.17亿元。"}), extractors.Options{}); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// storedAt is the document stored at path, with its text.
func storedAt(t *testing.T, st *store.Store, path string) (store.DocumentRow, bool) {
	t.Helper()
	ctx := context.Background()
	paths, err := st.Paths(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		if p.Path == path {
			doc, err := st.Document(ctx, p.DocumentID)
			if err != nil {
				t.Fatal(err)
			}
			return doc, true
		}
	}
	return store.DocumentRow{}, false
}

// resultsByPath indexes a run's results by base name.
func resultsByPath(sum Summary) map[string]Result {
	out := map[string]Result{}
	for _, r := range sum.Results {
		out[filepath.Base(r.Path)] = r
	}
	return out
}

// TestDocumentOverTimeBudget ingests a text whose extraction takes many
// times the budget (some 4 MB on one line: seconds) beside a short one
// (a millisecond): the long one is recorded failed with the reason, the
// short one is read, and the run goes on to the end.
func TestDocumentOverTimeBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts a 4 MB text")
	}
	warmSegmenter(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a_huge.txt"), hugeLine(4<<20))
	writeFile(t, filepath.Join(dir, "b_short.txt"), "2021年营业收入1554.17亿元，同比增长10.77%。\n")
	st := openStore(t)
	cfg := Config{Store: st, Workers: 1, Budget: Budget{Timeout: 200 * time.Millisecond, MaxRunes: 8 << 20}}
	sum, err := Run(context.Background(), cfg, []string{dir})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	byPath := resultsByPath(sum)
	huge, short := byPath["a_huge.txt"], byPath["b_short.txt"]
	if huge.Status != source.StatusFailed || !strings.Contains(huge.Error, "--doc-timeout") {
		t.Errorf("huge document: %s %q, want failed for its time", huge.Status, huge.Error)
	}
	if short.Status != source.StatusOK || short.Facts != 3 {
		t.Errorf("short document: %s %q with %d facts, want ok with 3 (a year, an amount, a growth)", short.Status, short.Error, short.Facts)
	}
	if sum.Failed != 1 || sum.OK != 1 {
		t.Errorf("summary: %d failed, %d ok; want 1 and 1", sum.Failed, sum.OK)
	}
	doc, found := storedAt(t, st, filepath.Join(dir, "a_huge.txt"))
	if !found {
		t.Fatal("the huge document is not stored")
	}
	if doc.Status != string(source.StatusFailed) || !strings.Contains(doc.Error, "--doc-timeout") {
		t.Errorf("stored huge document: %s %q, want failed for its time", doc.Status, doc.Error)
	}
}

// TestDocumentOverSizeBudget checks the limits on a file's bytes and on
// its text's length: a document over either is recorded failed, with the
// reason, and its text is not kept; the others are read.
func TestDocumentOverSizeBudget(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("营业收入", 300)                // 1,200 runes, 3,600 bytes
	writeFile(t, filepath.Join(dir, "long.txt"), long) // over 4 × MaxRunes bytes: refused unread
	writeFile(t, filepath.Join(dir, "long.html"), "<p>"+long+"</p>")
	writeFile(t, filepath.Join(dir, "big.docx"), strings.Repeat("x", 9000))
	writeFile(t, filepath.Join(dir, "short.txt"), "2021年营业收入1554.17亿元。\n")
	st := openStore(t)
	cfg := Config{Store: st, Budget: Budget{MaxBytes: 8000, MaxRunes: 800}}
	sum, err := Run(context.Background(), cfg, []string{dir})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	byPath := resultsByPath(sum)
	for name, want := range map[string]string{
		"long.txt":  "file too large",
		"long.html": "longer than the 800",
		"big.docx":  "file too large: 8.8 KB, over the 7.8 KB",
	} {
		r := byPath[name]
		if r.Status != source.StatusFailed || !strings.Contains(r.Error, want) {
			t.Errorf("%s: %s %q, want failed with %q", name, r.Status, r.Error, want)
		}
		doc, found := storedAt(t, st, filepath.Join(dir, name))
		if !found {
			t.Errorf("%s is not stored", name)
		} else if doc.Text != "" {
			t.Errorf("%s: stored text of %d bytes, want none", name, len(doc.Text))
		}
	}
	if r := byPath["short.txt"]; r.Status != source.StatusOK {
		t.Errorf("short.txt: %s %q, want ok", r.Status, r.Error)
	}
}
