package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"reportfacts/internal/testenv"
	"reportfacts/pipeline/source"
	"reportfacts/pipeline/store"
)

// corpusDir finds the shared corpus of real reports, or skips the test.
func corpusDir(tb testing.TB) string { return testenv.SharedDir(tb, "corpus") }

func openStore(t testing.TB) *store.Store {
	t.Helper()
	return openStoreAt(t, filepath.Join(t.TempDir(), "facts.db"))
}

func openStoreAt(t testing.TB, dsn string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

const seedDir = "../seeds"

// TestIngestSeedSpansExact ingests the seed and checks that every stored
// fact's text is exactly the raw text between its offsets.
func TestIngestSeedSpansExact(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	sum, err := Run(ctx, Config{Store: st}, []string{seedDir})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if sum.New != sum.Total || sum.OK != sum.Total || sum.Total == 0 {
		t.Fatalf("summary %+v: want every seed new and ok", sum)
	}
	docs, err := st.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	facts := 0
	for _, d := range docs {
		full, err := st.Document(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		raw := []rune(full.Text)
		rows, err := st.Facts(ctx, store.FactFilter{DocumentID: d.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range rows {
			if f.Start < 0 || f.End > len(raw) || f.Start >= f.End {
				t.Errorf("%s: fact %q has span %d..%d outside the text (%d runes)", d.Path, f.Text, f.Start, f.End, len(raw))
				continue
			}
			if got := string(raw[f.Start:f.End]); got != f.Text {
				t.Errorf("%s: fact text %q but raw[%d:%d] = %q", d.Path, f.Text, f.Start, f.End, got)
			}
		}
		facts += len(rows)
	}
	if facts != sum.Facts || facts < 50 {
		t.Errorf("stored %d facts, summary says %d; the seed has well over 50", facts, sum.Facts)
	}
}

// TestIngestTwiceSameRows checks that a second run skips everything and
// leaves the same rows.
func TestIngestTwiceSameRows(t *testing.T) {
	testenv.EachBackend(t, testIngestTwiceSameRows)
}

func testIngestTwiceSameRows(t *testing.T, b testenv.Backend) {
	ctx := context.Background()
	st := openStoreAt(t, b.DSN)
	first, err := Run(ctx, Config{Store: st}, []string{seedDir})
	if err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, st)
	second, err := Run(ctx, Config{Store: st}, []string{seedDir})
	if err != nil {
		t.Fatal(err)
	}
	if second.New != 0 || second.Unchanged != first.Total {
		t.Errorf("second run: %d new, %d unchanged; want 0 new, %d unchanged", second.New, second.Unchanged, first.Total)
	}
	forced, err := Run(ctx, Config{Store: st, Force: true}, []string{seedDir})
	if err != nil {
		t.Fatal(err)
	}
	if forced.New != first.Total {
		t.Errorf("forced run re-read %d documents, want %d", forced.New, first.Total)
	}
	if after := snapshot(t, st); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Errorf("rows changed between runs: %d facts before, %d after", len(before), len(after))
	}
}

// snapshot lists every stored fact as one comparable line.
func snapshot(t testing.TB, st *store.Store) []string {
	t.Helper()
	rows, err := st.Facts(context.Background(), store.FactFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, r := range rows {
		lines = append(lines, strings.Join([]string{r.Key, r.DocumentPath, r.Kind, r.Text, r.Value, r.Unit, r.From, r.To, r.Entity, r.Metric, r.Period}, "|"))
	}
	sort.Strings(lines)
	return lines
}

// TestIngestBadInputs makes broken files and checks that each is recorded
// with a reason while the good one beside them is read.
func TestIngestBadInputs(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"good.txt":        []byte("2021年全年14家银行金融科技资金投入合计超过1500亿元。"),
		"empty.pdf":       nil,
		"random.pdf":      []byte("\x00\x01\x02 not a pdf at all \xff\xfe"),
		"truncated.pdf":   []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pa"),
		"binary.txt":      {0x00, 0x01, 0x02, 0x03, 0x00, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a},
		"notazip.docx":    []byte("PK\x03\x04 this is not really a zip"),
		"sheet.xls":       []byte("whatever"),
		"nested/deep.txt": []byte("截至2022年2月25日，试点场景已超过350万个。"),
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]source.Status{
		"good.txt": source.StatusOK, "nested/deep.txt": source.StatusOK,
		"empty.pdf": source.StatusFailed, "random.pdf": source.StatusFailed, "truncated.pdf": source.StatusFailed,
		"binary.txt": source.StatusFailed, "notazip.docx": source.StatusFailed, "sheet.xls": source.StatusUnsupported,
	}
	st := openStore(t)
	sum, err := Run(context.Background(), Config{Store: st, Workers: 3}, []string{dir})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if sum.Total != len(files) || sum.New != len(files) {
		t.Fatalf("summary %+v: want all %d files new", sum, len(files))
	}
	for _, r := range sum.Results {
		rel, _ := filepath.Rel(dir, r.Path)
		if r.Status != want[rel] {
			t.Errorf("%s: status %q (%s), want %q", rel, r.Status, r.Error, want[rel])
		}
		if r.Status != source.StatusOK && strings.TrimSpace(r.Error) == "" {
			t.Errorf("%s: status %s without a reason", rel, r.Status)
		}
		if r.Status == source.StatusOK && r.Facts == 0 {
			t.Errorf("%s: read but no facts", rel)
		}
	}
	docs, err := st.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != len(files) {
		t.Errorf("%d documents stored, want %d", len(docs), len(files))
	}
}

// TestIngestCancelled cancels a run part way and checks that no document
// is half written and that a second run finishes the rest.
func TestIngestCancelled(t *testing.T) {
	testenv.EachBackend(t, testIngestCancelled)
}

func testIngestCancelled(t *testing.T, b testenv.Backend) {
	dir := t.TempDir()
	const n = 30
	for i := range n {
		body := strings.Repeat("2021年营业收入1554.17亿元，同比增长10.77%，占总营收比例为2.76%。\n", 50+i)
		if err := os.WriteFile(filepath.Join(dir, "r"+string(rune('a'+i%26))+strings.Repeat("x", i/26)+".txt"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st := openStoreAt(t, b.DSN)
	ctx, cancel := context.WithCancel(context.Background())
	done := 0
	_, err := Run(ctx, Config{Store: st, Workers: 2, Progress: func(p Progress) {
		done = p.Done
		if p.Done == 5 {
			cancel()
		}
	}}, []string{dir})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run returned %v, want context.Canceled", err)
	}
	if done >= n {
		t.Fatalf("run went on to the end (%d files) after cancellation", done)
	}
	checkConsistent(t, st)

	sum, err := Run(context.Background(), Config{Store: st}, []string{dir})
	if err != nil {
		t.Fatalf("rerun: %v", err)
	}
	if sum.New+sum.Unchanged != n || sum.New == 0 {
		t.Errorf("rerun: %d new + %d unchanged, want %d in all with some new", sum.New, sum.Unchanged, n)
	}
	checkConsistent(t, st)
	docs, _ := st.Documents(context.Background())
	if len(docs) != n {
		t.Errorf("%d documents after rerun, want %d", len(docs), n)
	}
}

// checkConsistent asserts that every stored ok document has all its facts:
// each file here states three facts a line, so a half-written document
// shows as a count that is not a multiple of three.
func checkConsistent(t *testing.T, st *store.Store) {
	t.Helper()
	docs, err := st.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		full, err := st.Document(context.Background(), d.ID)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Count(full.Text, "\n")
		if d.Facts == 0 || d.Facts%lines != 0 {
			t.Errorf("%s: %d facts for %d lines: document half written", d.Path, d.Facts, lines)
		}
	}
}

// TestIngestCorpus ingests every file of the shared corpus and checks
// that each is accounted for with a status.
func TestIngestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus ingest is slow; skipped in -short")
	}
	dir := corpusDir(t)
	files, err := Discover([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	sum, err := Run(context.Background(), Config{Store: st}, []string{dir})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if sum.Total != len(files) || sum.New != len(files) {
		t.Fatalf("summary %+v: want all %d corpus files new", sum, len(files))
	}
	for _, r := range sum.Results {
		base := filepath.Base(r.Path)
		var want source.Status
		switch {
		case strings.HasPrefix(base, "scanned_"):
			want = source.StatusNoText
		case strings.HasSuffix(base, ".xlsx"), strings.HasSuffix(base, ".md"):
			want = r.Status // the manifest and the spreadsheet: any recorded status
		default:
			want = source.StatusOK
		}
		if r.Status == "" || r.Status != want {
			t.Errorf("%s: status %q (%s), want %q", base, r.Status, r.Error, want)
		}
		t.Logf("%-55s %-11s %-10s %5d facts", base, r.Status, r.Engine, r.Facts)
	}
}
