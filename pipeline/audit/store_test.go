package audit

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite" // the raw connection that tampers with the database

	"github.com/jmoiron/sqlx"

	"reportfacts/extractors"
	"reportfacts/internal/testenv"
	"reportfacts/pipeline/source"
	"reportfacts/pipeline/store"
	"reportfacts/pipeline/text"
)

// ingest writes content to a file, reads and extracts it as the pipeline
// does, and saves it to st.
func ingest(t *testing.T, st *store.Store, path, content string) []extractors.Fact {
	t.Helper()
	ctx := context.Background()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(content))
	pages := strings.Split(content, "\f")
	doc := &source.Document{Path: path, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(content)),
		Format: "text", Engine: "text", Encoding: "utf-8", Pages: pages, Date: "2021", Status: source.StatusOK}
	facts, err := extractors.Extract(ctx, text.New(pages), extractors.Options{DocumentDate: doc.Date})
	if err != nil {
		t.Fatalf("extract %s: %v", path, err)
	}
	if _, err := st.SaveDocument(ctx, doc, facts); err != nil {
		t.Fatalf("save %s: %v", path, err)
	}
	return facts
}

func openStore(t *testing.T, dsn string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return st
}

// TestRunTamperedStore saves real extractions, then edits a value in the
// database by hand and changes a source file's bytes: the audit must name
// both, and a fact's text edited too.
func TestRunTamperedStore(t *testing.T) {
	testenv.EachBackend(t, testRunTamperedStore)
}

func testRunTamperedStore(t *testing.T, be testenv.Backend) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openStore(t, be.DSN)
	a := filepath.Join(dir, "a.txt")
	b := filepath.Join(dir, "b.txt")
	factsA := ingest(t, st, a, "2021年招商银行营业收入3313亿元，同比增长14.04%。")
	ingest(t, st, b, "不良贷款率由1.50%降至1.30%，下降0.20个百分点。")
	ingest(t, st, filepath.Join(dir, "c.txt"), "中金公司投入翻番，由2020年的6.41亿元增至13.46亿元。一线、二线、三线城市占比分别为50.2%、30.1%、19.7%。")

	rep, err := Run(ctx, st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if failed := rep.Failed(); len(failed) != 0 {
		t.Fatalf("a fresh store fails:%s", describe(failed))
	}
	if rep.Checked[CheckProvenance] == 0 || rep.Checked[CheckValue] != rep.Checked[CheckProvenance] || rep.Checked[CheckSource] != 3 {
		t.Fatalf("checked = %v, want every fact and the three sources", rep.Checked)
	}
	// The arithmetic of real extractions: 1.50% to 1.30%, 翻番 from 6.41
	// to 13.46亿元, and three shares of 100%.
	for _, c := range []string{CheckPPChange, CheckGrowth, CheckShares} {
		if len(findings(rep, c, true)) != 1 {
			t.Errorf("no passed %s finding:%s", c, describe(rep.Findings))
		}
	}

	var money, rate extractors.Fact
	for _, f := range factsA {
		switch f.Kind {
		case extractors.KindMoney:
			money = f
		case extractors.KindGrowth:
			rate = f
		}
	}
	if money.Value != "331300000000" {
		t.Fatalf("the extractors no longer read 3313亿元 as 331300000000: %+v", factsA)
	}
	sumA := sha256.Sum256([]byte("2021年招商银行营业收入3313亿元，同比增长14.04%。"))
	key := extractors.Key(hex.EncodeToString(sumA[:]), money)
	db, err := sql.Open(be.Driver, be.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	res, err := db.ExecContext(ctx, sqlx.Rebind(sqlx.BindType(be.Driver), "UPDATE facts SET value = '331400000000' WHERE fact_key = ?"), key)
	if err != nil {
		t.Fatalf("tamper with the value: %v", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		t.Fatalf("tamper with the value: %d rows, %v", n, err)
	}
	rateKey := extractors.Key(hex.EncodeToString(sumA[:]), rate)
	if _, err := db.ExecContext(ctx, sqlx.Rebind(sqlx.BindType(be.Driver), "UPDATE facts SET text = '14.05%' WHERE fact_key = ?"), rateKey); err != nil {
		t.Fatalf("tamper with the text: %v", err)
	}
	if err := os.WriteFile(b, []byte("不良贷款率由1.50%降至1.20%，下降0.20个百分点。"), 0o644); err != nil {
		t.Fatal(err)
	}

	rep, err = Run(ctx, st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	failed := rep.Failed()
	if len(failed) != 3 {
		t.Fatalf("failed findings:%s\nwant the value, the text and the source", describe(failed))
	}
	p := findings(rep, CheckProvenance, false)
	if len(p) != 1 || p[0].FactKeys[0] != rateKey || !strings.Contains(p[0].Detail, `text "14.05%" differs`) {
		t.Errorf("provenance findings:%s\nwant %s of %s", describe(p), rateKey, a)
	}
	v := findings(rep, CheckValue, false)
	if len(v) != 1 || v[0].FactKeys[0] != key || v[0].Document != a ||
		!strings.Contains(v[0].Detail, "value 331400000000, extracted 331300000000") {
		t.Errorf("value findings:%s\nwant %s of %s", describe(v), key, a)
	}
	s := findings(rep, CheckSource, false)
	if len(s) != 1 || s[0].Document != b || !strings.Contains(s[0].Detail, "source changed") {
		t.Errorf("source findings:%s\nwant %s changed", describe(s), b)
	}
}
