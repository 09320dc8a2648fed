package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"reportfacts/internal/testenv"
	"reportfacts/pipeline/audit"
	"reportfacts/pipeline/store"
	"reportfacts/pipeline/workbook"
)

// badName is a file name that is not UTF-8.
const badName = "rep\xff\xfe.txt"

// TestPathsKeptExactly ingests a file whose name is not UTF-8, then audits
// and ingests again: the stored path is the name byte for byte, so the
// audit finds the source where it is and unchanged, and the second run
// finds the document unchanged. What is printed shows the name quoted.
// On SQLite, and on PostgreSQL where testenv.PostgresEnv names a server.
func TestPathsKeptExactly(t *testing.T) {
	testenv.EachBackend(t, func(t *testing.T, b testenv.Backend) {
		dir := t.TempDir()
		path := filepath.Join(dir, badName)
		if err := os.WriteFile(path, []byte("2021年公司营业收入1554.17亿元，同比增长10.77%。\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		shown := store.ShowPath(path)
		code, out, stderr := runCmd(t, "", "ingest", "--db", b.DSN, dir)
		if code != 0 || !strings.Contains(out, "1 new") || !strings.Contains(stderr, shown) {
			t.Fatalf("ingest: exit %d, want 0, one new document, shown as %s:\n%s%s", code, shown, out, stderr)
		}

		st, err := store.Open(context.Background(), b.DSN)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		docs, err := st.Documents(context.Background())
		if err != nil || len(docs) != 1 || docs[0].Path != path || docs[0].Status != "ok" {
			t.Fatalf("documents = %+v, %v; want one ok at %q", docs, err, path)
		}

		code, out, stderr = runCmd(t, "", "audit", "--db", b.DSN, "--format", "jsonl", "--check", audit.CheckSource)
		if code != 0 {
			t.Errorf("audit: exit %d, want 0:\n%s%s", code, out, stderr)
		}
		var source []audit.Finding
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var f audit.Finding
			if err := json.Unmarshal([]byte(line), &f); err != nil {
				t.Fatalf("audit line %q: %v", line, err)
			}
			source = append(source, f)
		}
		if len(source) != 1 || !source[0].Passed || source[0].Detail != "source unchanged" || source[0].Document != shown {
			t.Errorf("audit of the source: %+v, want it unchanged, document shown as %s", source, shown)
		}

		code, out, stderr = runCmd(t, "", "ingest", "--db", b.DSN, dir)
		if code != 0 || !strings.Contains(out, "0 new, 1 unchanged") {
			t.Errorf("ingest again: exit %d, want 0 and the document unchanged:\n%s%s", code, out, stderr)
		}

		code, out, stderr = runCmd(t, "", "facts", "--db", b.DSN, "--document", "\xff\xfe")
		if code != 0 || !strings.Contains(out, shown) || !strings.Contains(out, "1554.17亿元") {
			t.Errorf("facts of the document: exit %d, want its facts, shown as %s:\n%s%s", code, shown, out, stderr)
		}

		xlsx := filepath.Join(t.TempDir(), "facts.xlsx")
		if code, out, stderr := runCmd(t, "", "export", "--db", b.DSN, "-o", xlsx); code != 0 {
			t.Fatalf("export: exit %d:\n%s%s", code, out, stderr)
		}
		wb, err := excelize.OpenFile(xlsx)
		if err != nil {
			t.Fatal(err)
		}
		defer wb.Close()
		if cell, err := wb.GetCellValue(workbook.DocumentsSheet, "A2"); err != nil || cell != shown {
			t.Errorf("Documents sheet A2 = %q, %v; want %s", cell, err, shown)
		}

		// The source changed: the audit fails it; marked reviewed in the
		// audit workbook, the review meets its finding again, whose key
		// hashes the exact path.
		if err := os.WriteFile(path, []byte("2021年公司营业收入1554.18亿元。\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		auditXLSX := filepath.Join(t.TempDir(), "audit.xlsx")
		code, out, stderr = runCmd(t, "", "audit", "--db", b.DSN, "--check", audit.CheckSource, "--document", "\xff\xfe", "-o", auditXLSX)
		if code != exitAuditFailed || !strings.Contains(out, "source changed") {
			t.Fatalf("audit of the changed source: exit %d, want %d and the source changed:\n%s%s", code, exitAuditFailed, out, stderr)
		}
		aw, err := excelize.OpenFile(auditXLSX)
		if err != nil {
			t.Fatal(err)
		}
		if cell, err := aw.GetCellValue(audit.FindingsSheet, "F2"); err != nil || cell != shown {
			t.Errorf("audit workbook's document = %q, %v; want %s", cell, err, shown)
		}
		aw.SetCellValue(audit.FindingsSheet, "D2", "已核实")
		if err := aw.SaveAs(auditXLSX); err != nil {
			t.Fatal(err)
		}
		aw.Close()
		if code, out, stderr := runCmd(t, "", "review", "import", "--db", b.DSN, auditXLSX); code != 0 {
			t.Fatalf("review import: exit %d:\n%s%s", code, out, stderr)
		}
		code, out, stderr = runCmd(t, "", "audit", "--db", b.DSN, "--check", audit.CheckSource, "--format", "jsonl")
		if code != 0 || !strings.Contains(out, `"status":"reviewed"`) {
			t.Errorf("audit after the review: exit %d, want 0 and the finding reviewed:\n%s%s", code, out, stderr)
		}
	})
}

// TestSourceReplacedByFIFO replaces an ingested report by a FIFO: the
// audit's re-hash of the source and a second ingest refuse it with the
// reason, and neither waits for a writer that never comes. The timeout
// only guards the test from hanging.
func TestSourceReplacedByFIFO(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.txt")
	if err := os.WriteFile(path, []byte("2021年公司营业收入1554.17亿元。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "facts.db")
	if code, out, stderr := runCmd(t, "", "ingest", "--db", db, dir); code != 0 {
		t.Fatalf("ingest: exit %d:\n%s%s", code, out, stderr)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	type ran struct {
		code        int
		out, stderr string
	}
	within := func(what string, args ...string) ran {
		t.Helper()
		done := make(chan ran, 1)
		go func() {
			code, out, stderr := runCmd(t, "", args...)
			done <- ran{code, out, stderr}
		}()
		select {
		case r := <-done:
			return r
		case <-time.After(time.Minute):
			t.Fatalf("%s waited on the FIFO for a minute", what)
			return ran{}
		}
	}
	r := within("audit", "audit", "--db", db, "--check", audit.CheckSource)
	if r.code != exitAuditFailed || !strings.Contains(r.out, "source unreadable") || !strings.Contains(r.out, "not a regular file: FIFO") {
		t.Errorf("audit: exit %d, want %d and the source refused as a FIFO:\n%s%s", r.code, exitAuditFailed, r.out, r.stderr)
	}
	r = within("ingest", "ingest", "--db", db, dir)
	if r.code != exitDocumentFailed || !strings.Contains(r.out, "not a regular file: FIFO") {
		t.Errorf("ingest again: exit %d, want %d and the FIFO recorded failed with its reason:\n%s%s", r.code, exitDocumentFailed, r.out, r.stderr)
	}
}
