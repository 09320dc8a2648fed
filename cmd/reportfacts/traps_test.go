package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ingestSample stores sample in a new SQLite database and returns its path.
func ingestSample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(file, []byte(sample), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "facts.db")
	if code, out, stderr := runCmd(t, "", "ingest", "-q", "--db", db, file); code != 0 {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, stderr)
	}
	return db
}

// TestReadOnlyCommandsNeedDatabase: --db naming a SQLite file that does not
// exist (a typo) is an error for the commands that read a database, and
// leaves no empty database behind; ingest creates it.
func TestReadOnlyCommandsNeedDatabase(t *testing.T) {
	dir := t.TempDir()
	typo := filepath.Join(dir, "typo.db")
	reviewed := filepath.Join(dir, "reviewed.xlsx")
	if err := os.WriteFile(reviewed, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"facts", "--db", typo},
		{"facts", "--db", typo, "--kind", "money", "--format", "jsonl"},
		{"export", "--db", typo, "-o", filepath.Join(dir, "out.xlsx")},
		{"audit", "--db", typo},
		{"review", "import", "--db", typo, "--reviewer", "编辑", reviewed},
	} {
		code, out, stderr := runCmd(t, "", args...)
		if code != exitRunFailed || !strings.Contains(stderr, typo) || !strings.Contains(stderr, "no such database file") ||
			!strings.Contains(stderr, "ingest creates") {
			t.Errorf("%v: exit %d, stderr %q; want exit %d naming the missing database", args, code, stderr, exitRunFailed)
		}
		if out != "" {
			t.Errorf("%v printed %q", args, out)
		}
		if _, err := os.Stat(typo); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("%v created the database it was to read: %v", args, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out.xlsx")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("export wrote a workbook of a database that does not exist: %v", err)
	}

	// $REPORTFACTS_DB is checked the same way.
	t.Setenv("REPORTFACTS_DB", typo)
	if code, _, stderr := runCmd(t, "", "facts"); code != exitRunFailed || !strings.Contains(stderr, typo) {
		t.Errorf("facts with $REPORTFACTS_DB missing: exit %d, stderr %q", code, stderr)
	}

	// ingest creates the database, and then facts reads it.
	file := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(file, []byte(sample), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, stderr := runCmd(t, "", "ingest", "-q", "--db", typo, file); code != 0 {
		t.Fatalf("ingest into a new database: exit %d\n%s%s", code, out, stderr)
	}
	if code, out, stderr := runCmd(t, "", "facts", "--db", typo); code != 0 || !strings.Contains(out, "a.txt") {
		t.Errorf("facts after ingest: exit %d\n%s%s", code, out, stderr)
	}
}

// TestWorkbookMustBeNamedXLSX: export and audit write .xlsx workbooks and
// refuse to write them under another extension.
func TestWorkbookMustBeNamedXLSX(t *testing.T) {
	db := ingestSample(t)
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		out  string
	}{
		{[]string{"export", "--db", db, "-o"}, "out.csv"},
		{[]string{"export", "--db", db, "-o"}, "out.xls"},
		{[]string{"export", "--db", db, "-o"}, "out"},
		{[]string{"export", "--db", db, "-o"}, "out.xlsx.csv"},
		{[]string{"audit", "--db", db, "-o"}, "audit.csv"},
		{[]string{"audit", "--db", db, "--format", "jsonl", "-o"}, "audit.json"},
	} {
		out := filepath.Join(dir, c.out)
		args := append(c.args, out)
		code, stdout, stderr := runCmd(t, "", args...)
		if code != exitUsage || !strings.Contains(stderr, "must end in .xlsx") || !strings.Contains(stderr, out) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d asking for .xlsx", args, code, stderr, exitUsage)
		}
		if stdout != "" {
			t.Errorf("%v printed %q before refusing", args, stdout)
		}
		if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%v wrote %s: %v", args, out, err)
		}
	}
	for _, args := range [][]string{
		{"export", "--db", db, "-o", filepath.Join(dir, "Facts.XLSX")},
		{"audit", "--db", db, "-o", filepath.Join(dir, "audit.xlsx")},
	} {
		if code, _, stderr := runCmd(t, "", args...); code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, stderr)
		}
		if _, err := os.Stat(args[len(args)-1]); err != nil {
			t.Errorf("%v wrote no workbook: %v", args, err)
		}
	}
}

// TestFlagValuesChecked: a value a flag does not know is a usage error
// that lists the values it does know, before any work is done.
func TestFlagValuesChecked(t *testing.T) {
	db := ingestSample(t)
	file := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(file, []byte(sample), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"facts", "--db", db, "--kind", "bogus"},
			[]string{`"bogus"`, "money, count, percent, growth, pp_change, multiple, date, period"}},
		{[]string{"facts", "--db", db, "--kind", "Money"}, []string{`"Money"`, "money"}},
		{[]string{"export", "--db", db, "--kind", "bogus", "-o", filepath.Join(t.TempDir(), "x.xlsx")},
			[]string{`"bogus"`, "pp_change"}},
		{[]string{"facts", "--db", db, "--review-status", "maybe"},
			[]string{`"maybe"`, "pending, correct, wrong or corrected", "待审"}},
		{[]string{"audit", "--db", db, "--check", "provenance,bogus"}, []string{`"bogus"`, "provenance"}},
		{[]string{"ingest", "--db", db, "--workers", "0", file}, []string{"--workers must be at least 1, not 0", "one per CPU"}},
		{[]string{"ingest", "--db", db, "--workers", "-3", file}, []string{"--workers must be at least 1, not -3"}},
	} {
		code, out, stderr := runCmd(t, "", c.args...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d\n%s%s", c.args, code, exitUsage, out, stderr)
		}
		for _, w := range c.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%v: stderr %q lacks %q", c.args, stderr, w)
			}
		}
		if out != "" {
			t.Errorf("%v printed %q", c.args, out)
		}
	}
	for _, args := range [][]string{
		{"facts", "--db", db, "--kind", "growth"},
		{"facts", "--db", db, "--review-status", "待审"},
		{"ingest", "-q", "--db", db, "--workers", "1", file},
	} {
		if code, out, stderr := runCmd(t, "", args...); code != 0 {
			t.Errorf("%v: exit %d\n%s%s", args, code, out, stderr)
		}
	}
}
