package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"reportfacts/extractors"
	"reportfacts/internal/testenv"
	"reportfacts/pipeline/source"
)

// backend is a database the store tests run on: a fresh one per test.
type backend struct {
	name   string
	newDSN func(t testing.TB) string
}

// backends lists SQLite always, and PostgreSQL where testenv.PostgresEnv
// names a server.
func backends() []backend {
	bs := []backend{{name: DriverSQLite, newDSN: func(t testing.TB) string {
		return filepath.Join(t.TempDir(), "store.db")
	}}}
	if base := os.Getenv(testenv.PostgresEnv); base != "" {
		bs = append(bs, backend{name: DriverPostgres, newDSN: func(t testing.TB) string {
			return testenv.PostgresSchema(t, base)
		}})
	}
	return bs
}

// eachBackend runs test as a subtest per backend, on a fresh database.
func eachBackend(t *testing.T, test func(t *testing.T, dsn string)) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) { test(t, b.newDSN(t)) })
	}
}

func openStore(t testing.TB, dsn string) *Store {
	t.Helper()
	s, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// testDoc is a read document whose SHA-256 is made from name and version.
func testDoc(path, version string, pages ...string) *source.Document {
	return &source.Document{
		Path: path, SHA256: fmt.Sprintf("%x", sha256.Sum256([]byte(path+"@"+version))),
		Size: 1234, Format: "text", Engine: "text", Encoding: "utf-8",
		Pages: pages, Title: "年度报告", Date: "2021", Status: source.StatusOK,
	}
}

func fact(kind, text string, start int, value string) extractors.Fact {
	return extractors.Fact{Kind: kind, Text: text, Start: start, End: start + len([]rune(text)), Page: 1,
		Value: value, Qualifier: extractors.QualExact, Rule: "test." + kind}
}

func mustSave(t *testing.T, s *Store, doc *source.Document, facts []extractors.Fact) SaveResult {
	t.Helper()
	res, err := s.SaveDocument(context.Background(), doc, facts)
	if err != nil {
		t.Fatalf("SaveDocument %s: %v", doc.Path, err)
	}
	return res
}

func mustFacts(t *testing.T, s *Store, f FactFilter) []FactRow {
	t.Helper()
	rows, err := s.Facts(context.Background(), f)
	if err != nil {
		t.Fatalf("Facts(%+v): %v", f, err)
	}
	return rows
}

func keysOf(sha string, facts []extractors.Fact) []string {
	var keys []string
	for _, f := range facts {
		keys = append(keys, extractors.Key(sha, f))
	}
	slices.Sort(keys)
	return keys
}

func rowKeys(rows []FactRow) []string {
	var keys []string
	for _, r := range rows {
		keys = append(keys, r.Key)
	}
	slices.Sort(keys)
	return keys
}

func TestOpenMigratesOnce(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		first := openStore(t, dsn)
		mustSave(t, first, testDoc("a.txt", "1", "一"), nil)
		if err := first.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
		s := openStore(t, dsn) // migrating again must change nothing
		var applied int
		if err := s.db.GetContext(ctx, &applied, `SELECT COUNT(*) FROM schema_migrations`); err != nil {
			t.Fatal(err)
		}
		files, err := fs.Glob(migrations, "migrations/*.sql")
		if err != nil {
			t.Fatal(err)
		}
		if applied != len(files) {
			t.Errorf("schema_migrations has %d rows, want one per migration (%d)", applied, len(files))
		}
		docs, err := s.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != 1 || docs[0].Path != "a.txt" {
			t.Errorf("after reopening, documents = %+v, want a.txt kept", docs)
		}
		if got := s.Driver(); got != filepath.Base(t.Name()) {
			t.Errorf("Driver() = %q, want %q", got, filepath.Base(t.Name()))
		}
		if s.Driver() == DriverSQLite {
			var mode string
			var fk int
			if err := s.db.GetContext(ctx, &mode, `PRAGMA journal_mode`); err != nil || mode != "wal" {
				t.Errorf("journal_mode = %q, %v; want wal", mode, err)
			}
			if err := s.db.GetContext(ctx, &fk, `PRAGMA foreign_keys`); err != nil || fk != 1 {
				t.Errorf("foreign_keys = %d, %v; want 1", fk, err)
			}
		}
	})
}

// TestOpenConcurrently: processes starting together on a new database
// migrate it once between them.
func TestOpenConcurrently(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		const n = 4
		errs := make(chan error, n)
		stores := make(chan *Store, n)
		for range n {
			go func() {
				s, err := Open(ctx, dsn)
				errs <- err
				stores <- s
			}()
		}
		for range n {
			if err := <-errs; err != nil {
				t.Errorf("concurrent Open: %v", err)
			}
			if s := <-stores; s != nil {
				t.Cleanup(func() { s.Close() })
			}
		}
		s := openStore(t, dsn)
		var versions []string
		if err := s.db.SelectContext(ctx, &versions, `SELECT version FROM schema_migrations ORDER BY version`); err != nil {
			t.Fatal(err)
		}
		files, err := fs.Glob(migrations, "migrations/*.sql")
		if err != nil {
			t.Fatal(err)
		}
		if len(versions) != len(files) {
			t.Errorf("schema_migrations = %v, want each of %v once", versions, files)
		}
	})
}

func TestSaveThenLookup(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		doc := testDoc("reports/年报.pdf", "1", "第一页 1554.17亿元", "第二页 2.76%")
		doc.Format, doc.Engine, doc.Encoding = "pdf", "pdfium", ""
		doc.Warning = "some characters may be wrong: 2 private-use characters in 24"
		facts := []extractors.Fact{fact(extractors.KindMoney, "1554.17亿元", 4, "155417000000"),
			fact(extractors.KindPercent, "2.76%", 18, "2.76")}
		before := time.Now().Add(-time.Second)
		res := mustSave(t, s, doc, facts)
		if res.Replaced || res.DocumentID == 0 || len(res.OrphanedReviews) != 0 {
			t.Errorf("first save = %+v, want a new row and no orphans", res)
		}

		got, ok, err := s.Lookup(ctx, doc.SHA256)
		if err != nil || !ok {
			t.Fatalf("Lookup = %v, %v", ok, err)
		}
		want := DocumentRow{ID: res.DocumentID, Path: doc.Path, SHA256: doc.SHA256, Format: "pdf",
			Engine: "pdfium", Title: doc.Title, Date: doc.Date, Status: "ok", Warning: doc.Warning,
			Pages: 2, Size: doc.Size, Facts: 2, IngestedAt: got.IngestedAt}
		if got != want {
			t.Errorf("Lookup =\n%+v, want\n%+v", got, want)
		}
		if got.IngestedAt.Before(before) || got.IngestedAt.After(time.Now().Add(time.Second)) {
			t.Errorf("IngestedAt = %v, want about now", got.IngestedAt)
		}

		full, err := s.Document(ctx, res.DocumentID)
		if err != nil {
			t.Fatal(err)
		}
		if full.Text != "第一页 1554.17亿元\f第二页 2.76%" {
			t.Errorf("Document text = %q, want pages joined by form feed", full.Text)
		}
		if _, ok, err := s.Lookup(ctx, strings.Repeat("0", 64)); ok || err != nil {
			t.Errorf("Lookup of unknown SHA-256 = %v, %v; want not found", ok, err)
		}
		if _, err := s.Document(ctx, res.DocumentID+100); !errors.Is(err, sql.ErrNoRows) {
			t.Errorf("Document of unknown ID: err = %v, want sql.ErrNoRows", err)
		}
	})
}

func TestSaveSameBytesTwice(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		doc := testDoc("a.txt", "1", "营收1554.17亿元，同比增长9.10%")
		facts := []extractors.Fact{fact(extractors.KindMoney, "1554.17亿元", 2, "155417000000"),
			fact(extractors.KindGrowth, "增长9.10%", 14, "9.10")}
		first := mustSave(t, s, doc, facts)
		rowsBefore := mustFacts(t, s, FactFilter{})
		docBefore, _, _ := s.Lookup(ctx, doc.SHA256)

		second := mustSave(t, s, doc, facts)
		if !second.Replaced || second.DocumentID != first.DocumentID {
			t.Errorf("second save = %+v, want the same row (%d) replaced", second, first.DocumentID)
		}
		docs, err := s.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != 1 || docs[0] != docBefore {
			t.Errorf("documents after saving twice = %+v, want only %+v", docs, docBefore)
		}
		if rowsAfter := mustFacts(t, s, FactFilter{}); !slices.Equal(rowsAfter, rowsBefore) {
			t.Errorf("facts after saving twice =\n%+v\nwant\n%+v", rowsAfter, rowsBefore)
		}
	})
}

func TestChangedBytesReplaceFacts(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		v1 := testDoc("a.txt", "1", "增长3%")
		v1Facts := []extractors.Fact{fact(extractors.KindGrowth, "增长3%", 0, "3")}
		mustSave(t, s, v1, v1Facts)
		mustSave(t, s, testDoc("b.txt", "1", "其他"), []extractors.Fact{fact(extractors.KindCount, "5家", 0, "5")})

		v2 := testDoc("a.txt", "2", "下降3%，2021年")
		v2Facts := []extractors.Fact{fact(extractors.KindGrowth, "下降3%", 0, "-3"),
			{Kind: extractors.KindDate, Text: "2021年", Start: 4, End: 9, Page: 1, From: "2021", To: "2021"}}
		res := mustSave(t, s, v2, v2Facts)
		if !res.Replaced {
			t.Errorf("saving changed bytes: Replaced = false")
		}
		if _, ok, _ := s.Lookup(ctx, v1.SHA256); ok {
			t.Errorf("old version still stored")
		}
		got, ok, err := s.Lookup(ctx, v2.SHA256)
		if err != nil || !ok || got.Path != "a.txt" || got.Facts != 2 {
			t.Errorf("new version = %+v, %v, %v; want a.txt with 2 facts", got, ok, err)
		}
		if keys := rowKeys(mustFacts(t, s, FactFilter{Document: "a.txt"})); !slices.Equal(keys, keysOf(v2.SHA256, v2Facts)) {
			t.Errorf("facts of a.txt = %v, want the new version's %v", keys, keysOf(v2.SHA256, v2Facts))
		}
		if n := len(mustFacts(t, s, FactFilter{Document: "b.txt"})); n != 1 {
			t.Errorf("other document has %d facts, want its 1 untouched", n)
		}
	})
}

// TestSameBytesMoved: a file saved again under another path is the same
// document; and where that path already held another document, that one
// is replaced too.
func TestSameBytesMoved(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		a := testDoc("a.txt", "1", "一")
		first := mustSave(t, s, a, []extractors.Fact{fact(extractors.KindCount, "一", 0, "1")})
		mustSave(t, s, testDoc("b.txt", "1", "二"), []extractors.Fact{fact(extractors.KindCount, "二", 0, "2")})

		moved := *a
		moved.Path = "b.txt"
		res := mustSave(t, s, &moved, []extractors.Fact{fact(extractors.KindCount, "一", 0, "1")})
		if res.DocumentID != first.DocumentID {
			t.Errorf("moved document got ID %d, want its own %d", res.DocumentID, first.DocumentID)
		}
		docs, err := s.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != 1 || docs[0].Path != "b.txt" || docs[0].SHA256 != a.SHA256 || docs[0].Facts != 1 {
			t.Errorf("documents = %+v, want one: a.txt's bytes at b.txt", docs)
		}
		var facts int
		if err := s.db.GetContext(ctx, &facts, `SELECT COUNT(*) FROM facts`); err != nil || facts != 1 {
			t.Errorf("facts table holds %d rows (%v), want the replaced document's gone with it", facts, err)
		}
	})
}

func TestFailedSaveWritesNothing(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	v2 := testDoc("a.txt", "2", "新")
	good := fact(extractors.KindCount, "5家", 0, "5")
	tests := []struct {
		name     string
		ctx      context.Context
		facts    []extractors.Fact
		rejected bool // the data, not the database, is at fault
	}{
		{"cancelled context", cancelled, []extractors.Fact{good}, false},
		{"unknown kind", context.Background(), []extractors.Fact{good, fact("rumour", "传闻", 3, "")}, true},
		{"duplicate fact key", context.Background(), []extractors.Fact{good, good}, true},
		{"end before start", context.Background(), []extractors.Fact{good, {Kind: extractors.KindCount, Start: 5, End: 2, Value: "1"}}, true},
		{"value with exponent", context.Background(), []extractors.Fact{fact(extractors.KindMoney, "1e5元", 0, "1e5")}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eachBackend(t, func(t *testing.T, dsn string) {
				ctx := context.Background()
				s := openStore(t, dsn)

				// A new document that fails leaves no row at all.
				fresh := testDoc("new.txt", "1", "新")
				_, err := s.SaveDocument(tt.ctx, fresh, tt.facts)
				if err == nil {
					t.Fatalf("SaveDocument succeeded, want an error")
				}
				if errors.Is(err, ErrRejected) != tt.rejected {
					t.Errorf("error %q: errors.Is(err, ErrRejected) = %v, want %v", err, !tt.rejected, tt.rejected)
				}
				if _, ok, err := s.Lookup(ctx, fresh.SHA256); ok || err != nil {
					t.Errorf("failed new document: Lookup = %v, %v; want nothing stored", ok, err)
				}

				// A replacement that fails leaves the old version whole.
				v1 := testDoc("a.txt", "1", "旧")
				v1Facts := []extractors.Fact{fact(extractors.KindPercent, "2.76%", 0, "2.76")}
				mustSave(t, s, v1, v1Facts)
				before := mustFacts(t, s, FactFilter{})
				if _, err := s.SaveDocument(tt.ctx, v2, tt.facts); err == nil {
					t.Fatalf("SaveDocument of replacement succeeded, want an error")
				}
				if _, ok, _ := s.Lookup(ctx, v2.SHA256); ok {
					t.Errorf("failed replacement was stored")
				}
				if d, ok, _ := s.Lookup(ctx, v1.SHA256); !ok || d.Facts != 1 {
					t.Errorf("old version after failed replacement = %+v, %v; want it whole", d, ok)
				}
				if after := mustFacts(t, s, FactFilter{}); !slices.Equal(after, before) {
					t.Errorf("facts after failed replacement = %+v, want %+v", after, before)
				}
			})
		})
	}
}

// TestRawTextKeepsOffsets: text that PostgreSQL cannot hold (NUL, invalid
// UTF-8, both seen in PDF text) is stored with U+FFFD in their place, one
// rune for one rune, so every fact's text still equals raw[start:end].
func TestRawTextKeepsOffsets(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		doc := testDoc("odd.pdf", "1", "营收\x00 1554.17亿元", "增长\xff\xfe9.10%")
		money := fact(extractors.KindMoney, "1554.17亿元", 4, "155417000000")
		money.Sentence = "营收\x00 1554.17亿元"
		growth := extractors.Fact{Kind: extractors.KindGrowth, Text: "增长\xff\xfe9.10%", Start: 14, End: 23,
			Page: 2, Value: "9.10", Unit: "%"}
		res := mustSave(t, s, doc, []extractors.Fact{money, growth})

		stored, err := s.Document(ctx, res.DocumentID)
		if err != nil {
			t.Fatal(err)
		}
		if want := "营收\ufffd 1554.17亿元\f增长\ufffd\ufffd9.10%"; stored.Text != want {
			t.Errorf("stored text = %q, want %q", stored.Text, want)
		}
		raw := []rune(stored.Text)
		rows := mustFacts(t, s, FactFilter{DocumentID: res.DocumentID})
		if len(rows) != 2 {
			t.Fatalf("stored %d facts, want 2", len(rows))
		}
		for _, r := range rows {
			if r.End > len(raw) {
				t.Fatalf("fact %q ends at %d, past the raw text's %d runes", r.Text, r.End, len(raw))
			}
			if got := string(raw[r.Start:r.End]); got != r.Text {
				t.Errorf("raw[%d:%d] = %q, fact text %q", r.Start, r.End, got, r.Text)
			}
		}
		if rows[0].Sentence != "营收\ufffd 1554.17亿元" {
			t.Errorf("sentence = %q, want NUL replaced", rows[0].Sentence)
		}
	})
}

func TestUnreadDocumentsHaveNoFacts(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		for _, status := range []source.Status{source.StatusFailed, source.StatusNoText, source.StatusUnsupported} {
			doc := testDoc(string(status)+".pdf", "1")
			doc.Status, doc.Error = status, "cannot read: "+string(status)
			mustSave(t, s, doc, []extractors.Fact{fact(extractors.KindCount, "5家", 0, "5")})
			got, ok, err := s.Lookup(ctx, doc.SHA256)
			if err != nil || !ok {
				t.Fatalf("Lookup %s: %v, %v", status, ok, err)
			}
			if got.Status != string(status) || got.Error != doc.Error || got.Facts != 0 {
				t.Errorf("%s document = %+v, want its status, error and no facts", status, got)
			}
		}
		bad := testDoc("odd.pdf", "1")
		bad.Status = "lost"
		if _, err := s.SaveDocument(ctx, bad, nil); !errors.Is(err, ErrRejected) {
			t.Errorf("saving a document with status %q: err = %v, want ErrRejected", bad.Status, err)
		}
	})
}

func TestFilters(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		withAttr := func(f extractors.Fact, entity, metric, period string) extractors.Fact {
			f.Entity, f.Metric, f.Period = entity, metric, period
			return f
		}
		bank := testDoc("2021/招商银行年报.PDF", "1", "x")
		bankFacts := []extractors.Fact{
			withAttr(fact(extractors.KindMoney, "132.78亿元", 0, "13278000000"), "招商银行", "金融科技投入", "2021"),
			withAttr(fact(extractors.KindGrowth, "增长33.20%", 10, "33.20"), "招商银行", "金融科技投入", "2021"),
			withAttr(fact(extractors.KindPercent, "3.60%", 20, "3.60"), "招商银行", "营业收入占比", "2021"),
			withAttr(fact(extractors.KindPercent, "100%", 30, "100"), "50%_Fund", "持股比例", "2021..2025"),
		}
		industry := testDoc("2021/行业报告.txt", "1", "y")
		industryFacts := []extractors.Fact{
			withAttr(fact(extractors.KindMoney, "超过1500亿", 0, "150000000000"), "银行业", "金融科技资金投入", "2021"),
			withAttr(fact(extractors.KindCount, "38,420项", 10, "38420"), "工商银行", "专利申请", "2020"),
		}
		bankID := mustSave(t, s, bank, bankFacts).DocumentID
		mustSave(t, s, industry, industryFacts)
		reviewed := extractors.Key(bank.SHA256, bankFacts[2])
		if err := s.ApplyReviews(ctx, []Review{{FactKey: reviewed, Status: StatusCorrect}}); err != nil {
			t.Fatal(err)
		}

		tests := []struct {
			name   string
			filter FactFilter
			want   []string // texts, in document then start order
		}{
			{"everything", FactFilter{}, []string{"132.78亿元", "增长33.20%", "3.60%", "100%", "超过1500亿", "38,420项"}},
			{"kind exactly", FactFilter{Kind: "money"}, []string{"132.78亿元", "超过1500亿"}},
			{"kind is not a substring", FactFilter{Kind: "mon"}, nil},
			{"entity substring", FactFilter{Entity: "银行"}, []string{"132.78亿元", "增长33.20%", "3.60%", "超过1500亿", "38,420项"}},
			{"entity fuller name", FactFilter{Entity: "招商"}, []string{"132.78亿元", "增长33.20%", "3.60%"}},
			{"percent sign is literal", FactFilter{Entity: "%"}, []string{"100%"}},
			{"underscore is literal", FactFilter{Entity: "_"}, []string{"100%"}},
			{"metric substring", FactFilter{Metric: "金融科技"}, []string{"132.78亿元", "增长33.20%", "超过1500亿"}},
			{"period exactly", FactFilter{Period: "2021"}, []string{"132.78亿元", "增长33.20%", "3.60%", "超过1500亿"}},
			{"span period", FactFilter{Period: "2021..2025"}, []string{"100%"}},
			{"document path substring", FactFilter{Document: "行业"}, []string{"超过1500亿", "38,420项"}},
			{"document path ignores ASCII case", FactFilter{Document: ".pdf"}, []string{"132.78亿元", "增长33.20%", "3.60%", "100%"}},
			{"document ID", FactFilter{DocumentID: bankID}, []string{"132.78亿元", "增长33.20%", "3.60%", "100%"}},
			{"reviewed", FactFilter{ReviewStatus: StatusCorrect}, []string{"3.60%"}},
			{"pending", FactFilter{ReviewStatus: StatusPending, Document: "招商"}, []string{"132.78亿元", "增长33.20%", "100%"}},
			{"combined", FactFilter{Kind: "money", Entity: "银行", Period: "2021", Metric: "投入"}, []string{"132.78亿元", "超过1500亿"}},
			{"nothing matches", FactFilter{Entity: "平安"}, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				var got []string
				for _, r := range mustFacts(t, s, tt.filter) {
					got = append(got, r.Text)
				}
				if !slices.Equal(got, tt.want) {
					t.Errorf("Facts(%+v) = %q, want %q", tt.filter, got, tt.want)
				}
			})
		}
	})
}

func TestFactRowsCarryEverything(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		doc := testDoc("a.txt", "1", "…")
		f := extractors.Fact{Kind: extractors.KindPeriod, Text: "2019-2021年", Start: 7, End: 17, Page: 3,
			From: "2019", To: "2021", Qualifier: extractors.QualExact, Basis: "", Entity: "工商银行",
			Metric: "研发投入", Period: "2019..2021", Sentence: "工商银行2019-2021年研发投入持续增长。", Rule: "period.year_range"}
		g := extractors.Fact{Kind: extractors.KindGrowth, Text: "年均复合增长率超过20%", Start: 20, End: 32, Page: 3,
			Value: "20", Unit: "%", Qualifier: extractors.QualOver, Basis: extractors.BasisCAGR, Rule: "growth.cagr"}
		res := mustSave(t, s, doc, []extractors.Fact{f, g})
		for _, want := range []extractors.Fact{f, g} {
			key := extractors.Key(doc.SHA256, want)
			got, ok, err := s.FactByKey(ctx, key)
			if err != nil || !ok {
				t.Fatalf("FactByKey(%s) = %v, %v", key, ok, err)
			}
			wantRow := FactRow{Fact: want, Key: key, DocumentID: res.DocumentID, DocumentPath: doc.Path,
				DocumentSHA256: doc.SHA256, ReviewStatus: StatusPending}
			if got != wantRow {
				t.Errorf("FactByKey =\n%+v, want\n%+v", got, wantRow)
			}
		}
		if _, ok, err := s.FactByKey(ctx, "nope"); ok || err != nil {
			t.Errorf("FactByKey of unknown key = %v, %v; want not found", ok, err)
		}
	})
}

func TestEachFactStopsOnError(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		s := openStore(t, dsn)
		mustSave(t, s, testDoc("a.txt", "1", "x"), []extractors.Fact{
			fact(extractors.KindCount, "1", 0, "1"), fact(extractors.KindCount, "2", 1, "2"), fact(extractors.KindCount, "3", 2, "3")})
		stop := errors.New("stop")
		var seen []string
		err := s.EachFact(context.Background(), FactFilter{}, func(r FactRow) error {
			seen = append(seen, r.Value)
			if len(seen) == 2 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || !slices.Equal(seen, []string{"1", "2"}) {
			t.Errorf("EachFact = %v after %v, want stop after the first two in order", err, seen)
		}
		// The connection is free again: the store still answers.
		if _, err := s.Documents(context.Background()); err != nil {
			t.Errorf("Documents after stopped stream: %v", err)
		}
	})
}

func TestDecimalsRoundTrip(t *testing.T) {
	values := []string{"155417000000", "0.07", "-3", "1640000000", "9.10", "-0.10", "0",
		"0.0001", "12345678901234567890.123456789"}
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		doc := testDoc("a.txt", "1", "x")
		var facts []extractors.Fact
		for i, v := range values {
			facts = append(facts, fact(extractors.KindMoney, v, i*40, v))
		}
		mustSave(t, s, doc, facts)
		for _, f := range facts {
			got, ok, err := s.FactByKey(ctx, extractors.Key(doc.SHA256, f))
			if err != nil || !ok {
				t.Fatalf("FactByKey for %s: %v, %v", f.Value, ok, err)
			}
			if got.Value != f.Value {
				t.Errorf("value %q came back as %q", f.Value, got.Value)
			}
		}
		// value_num orders numerically, unlike the text.
		var byNum []string
		if err := s.db.SelectContext(ctx, &byNum, `SELECT value FROM facts ORDER BY value_num`); err != nil {
			t.Fatal(err)
		}
		want := []string{"-3", "-0.10", "0", "0.0001", "0.07", "9.10", "1640000000", "155417000000",
			"12345678901234567890.123456789"}
		if !slices.Equal(byNum, want) {
			t.Errorf("ordered by value_num: %v, want %v", byNum, want)
		}
		if s.Driver() == DriverPostgres { // NUMERIC keeps every digit
			var differ int
			if err := s.db.GetContext(ctx, &differ, `SELECT COUNT(*) FROM facts WHERE CAST(value_num AS TEXT) <> value`); err != nil || differ != 0 {
				t.Errorf("%d values differ from their NUMERIC value_num (%v), want 0", differ, err)
			}
		}
		var dates int
		mustSave(t, s, testDoc("b.txt", "1", "x"), []extractors.Fact{{Kind: extractors.KindDate, Text: "2021年", End: 5, Page: 1, From: "2021", To: "2021"}})
		if err := s.db.GetContext(ctx, &dates, `SELECT COUNT(*) FROM facts WHERE value_num IS NULL`); err != nil || dates != 1 {
			t.Errorf("facts without value have value_num NULL: count %d, %v; want 1", dates, err)
		}
	})
}

func TestReviewsOutliveReextraction(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		doc := testDoc("a.txt", "1", "营收1554.17亿元，同比增长9.10%，占比2.76%")
		money := fact(extractors.KindMoney, "1554.17亿元", 2, "155417000000")
		growth := fact(extractors.KindGrowth, "增长9.10%", 14, "9.10")
		share := fact(extractors.KindPercent, "2.76%", 24, "2.76")
		mustSave(t, s, doc, []extractors.Fact{money, growth, share})
		mk, gk := extractors.Key(doc.SHA256, money), extractors.Key(doc.SHA256, growth)

		at := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
		first := Review{FactKey: mk, Status: StatusWrong, Note: "单位不对", Reviewer: "王", At: at}
		second := Review{FactKey: mk, Status: StatusCorrected, CorrectedValue: "155417000", Note: "应为万元", Reviewer: "李", At: at.Add(time.Hour)}
		third := Review{FactKey: gk, Status: StatusCorrect, Reviewer: "李", At: at.Add(time.Hour)}
		if err := s.ApplyReviews(ctx, []Review{first}); err != nil {
			t.Fatal(err)
		}
		if err := s.ApplyReviews(ctx, []Review{second, third}); err != nil {
			t.Fatal(err)
		}
		checkReview := func(when string, key string, want Review) {
			t.Helper()
			got, ok, err := s.FactByKey(ctx, key)
			if err != nil || !ok {
				t.Fatalf("%s: FactByKey(%s) = %v, %v", when, key, ok, err)
			}
			if got.ReviewStatus != want.Status || got.CorrectedValue != want.CorrectedValue ||
				got.ReviewNote != want.Note || got.Reviewer != want.Reviewer {
				t.Errorf("%s: review of %s = %q %q %q %q, want %+v", when, key,
					got.ReviewStatus, got.CorrectedValue, got.ReviewNote, got.Reviewer, want)
			}
		}
		checkReview("after reviews", mk, second)
		checkReview("after reviews", gk, third)
		history, err := s.ReviewHistory(ctx, mk)
		if err != nil {
			t.Fatal(err)
		}
		if want := []Review{first, second}; !slices.EqualFunc(history, want, sameReview) {
			t.Errorf("history = %+v, want %+v", history, want)
		}

		// Re-extracting the same bytes keeps every key, so every review.
		res := mustSave(t, s, doc, []extractors.Fact{money, growth, share})
		if len(res.OrphanedReviews) != 0 {
			t.Errorf("re-saving the same facts orphaned %v", res.OrphanedReviews)
		}
		checkReview("after re-saving", mk, second)

		// A re-extraction that loses a reviewed fact reports its review.
		res = mustSave(t, s, doc, []extractors.Fact{growth, share})
		if !slices.Equal(res.OrphanedReviews, []string{mk}) {
			t.Errorf("OrphanedReviews = %v, want [%s]", res.OrphanedReviews, mk)
		}
		orphans, err := s.OrphanReviews(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(orphans, []Review{second}, sameReview) {
			t.Errorf("OrphanReviews = %+v, want the current review of %s", orphans, mk)
		}

		// When the fact comes back, so does its review.
		mustSave(t, s, doc, []extractors.Fact{money, growth, share})
		checkReview("after the fact came back", mk, second)
		if orphans, err := s.OrphanReviews(ctx); err != nil || len(orphans) != 0 {
			t.Errorf("OrphanReviews = %+v, %v; want none", orphans, err)
		}

		// New bytes mean new keys: the review of a fact still there follows
		// it, the review of one gone is orphaned.
		changed := testDoc("a.txt", "2", "营收1554.17亿元")
		res = mustSave(t, s, changed, []extractors.Fact{money})
		if want := []string{gk}; !slices.Equal(res.OrphanedReviews, want) {
			t.Errorf("OrphanedReviews after bytes changed = %v, want %v", res.OrphanedReviews, want)
		}
		moved := extractors.Key(changed.SHA256, money)
		if want := []CarriedReview{{From: mk, To: moved}}; !slices.Equal(res.CarriedReviews, want) {
			t.Errorf("CarriedReviews after bytes changed = %v, want %v", res.CarriedReviews, want)
		}
		checkReview("after bytes changed", moved, second)
	})
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// sameReview compares reviews with times compared as instants.
func sameReview(a, b Review) bool {
	at, bt := a.At, b.At
	a.At, b.At = time.Time{}, time.Time{}
	return a == b && at.Equal(bt)
}

// TestManyFactsAndReviews crosses the size of one INSERT batch, and
// reviews one fact twice in one call.
func TestManyFactsAndReviews(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		doc := testDoc("big.txt", "1", "x")
		n := 2*batchRows + 17
		var facts []extractors.Fact
		for i := range n {
			facts = append(facts, fact(extractors.KindCount, fmt.Sprintf("%d项", i), i*10, fmt.Sprint(i)))
		}
		mustSave(t, s, doc, facts)
		rows := mustFacts(t, s, FactFilter{})
		if len(rows) != n {
			t.Fatalf("stored %d facts, want %d", len(rows), n)
		}
		for i, r := range rows {
			if r.Value != facts[i].Value || r.Key != extractors.Key(doc.SHA256, facts[i]) {
				t.Fatalf("fact %d came back as %+v, want %+v", i, r, facts[i])
			}
		}

		var reviews []Review
		for _, f := range facts {
			reviews = append(reviews, Review{FactKey: extractors.Key(doc.SHA256, f), Status: StatusWrong})
		}
		twice := reviews[0].FactKey
		reviews = append(reviews, Review{FactKey: twice, Status: StatusCorrected, CorrectedValue: "1"})
		if err := s.ApplyReviews(ctx, reviews); err != nil {
			t.Fatal(err)
		}
		wrong := mustFacts(t, s, FactFilter{ReviewStatus: StatusWrong})
		if len(wrong) != n-1 {
			t.Errorf("%d facts reviewed wrong, want %d", len(wrong), n-1)
		}
		got, _, err := s.FactByKey(ctx, twice)
		if err != nil || got.ReviewStatus != StatusCorrected || got.CorrectedValue != "1" {
			t.Errorf("fact reviewed twice = %q %q, %v; want the later review", got.ReviewStatus, got.CorrectedValue, err)
		}
		history, err := s.ReviewHistory(ctx, twice)
		if err != nil {
			t.Fatal(err)
		}
		var statuses []string
		for _, h := range history {
			statuses = append(statuses, h.Status)
		}
		if !slices.Equal(statuses, []string{StatusWrong, StatusCorrected}) {
			t.Errorf("history of fact reviewed twice = %v, want [wrong corrected]", statuses)
		}
	})
}

func TestApplyReviewsRejectsUnknown(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		doc := testDoc("a.txt", "1", "5家")
		f := fact(extractors.KindCount, "5家", 0, "5")
		mustSave(t, s, doc, []extractors.Fact{f})
		known := extractors.Key(doc.SHA256, f)

		tests := []struct {
			name    string
			reviews []Review
			mention string
		}{
			{"unknown key", []Review{{FactKey: known, Status: StatusCorrect}, {FactKey: "feedfacefeedface", Status: StatusWrong}}, "feedfacefeedface"},
			{"unknown status", []Review{{FactKey: known, Status: "正确"}}, "正确"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := s.ApplyReviews(ctx, tt.reviews)
				if err == nil || !strings.Contains(err.Error(), tt.mention) {
					t.Fatalf("ApplyReviews err = %v, want one naming %q", err, tt.mention)
				}
				if h, err := s.ReviewHistory(ctx, known); err != nil || len(h) != 0 {
					t.Errorf("history of %s = %+v, %v; want nothing written", known, h, err)
				}
				if got, _, _ := s.FactByKey(ctx, known); got.ReviewStatus != StatusPending {
					t.Errorf("review status = %q, want still pending", got.ReviewStatus)
				}
			})
		}
	})
}
