package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
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

// TestExportQuotesFormulaText: sentences and fact texts that begin with
// =, -, @ or + are exported as text cells with the quote prefix, shown as
// they are; an editor's formula-like note goes into the database as text
// and comes back out the same.
func TestExportQuotesFormulaText(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "hostile.txt")
	text := "=1+1，2021年营业收入100亿元。\n-2021年净利润增长10%。\n@SUM(A1)研发投入5亿元。\n+3个百分点，占比提高到20%。\n"
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "facts.db")
	if code, out, stderr := runCmd(t, "", "ingest", "-q", "--db", db, file); code != 0 {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, stderr)
	}
	xlsx := filepath.Join(dir, "facts.xlsx")
	if code, _, stderr := runCmd(t, "", "export", "--db", db, "-o", xlsx); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	wb, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = wb.Close() }()
	rows, err := wb.GetRows("Facts", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int {
		for i, h := range rows[0] {
			if strings.Contains(h, "("+name+")") {
				return i
			}
		}
		t.Fatalf("no %s column in %v", name, rows[0])
		return -1
	}
	textCol, sentenceCol, statusCol, noteCol, keyCol := col("text"), col("sentence"), col("review_status"), col("note"), col("key")
	ref := func(c, r int) string { name, _ := excelize.CoordinatesToCellName(c+1, r+1); return name }
	quoted := func(c, r int) bool {
		style, err := wb.GetCellStyle("Facts", ref(c, r))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := wb.GetStyle(style); err != nil { // reads the style sheet in
			t.Fatal(err)
		}
		qp := wb.Styles.CellXfs.Xf[style].QuotePrefix
		return qp != nil && *qp
	}
	leads := map[string]bool{}
	for r := 1; r < len(rows); r++ {
		for _, c := range []int{textCol, sentenceCol} {
			v := rows[r][c]
			if v == "" || !strings.ContainsAny(v[:1], "=-@+") {
				if quoted(c, r) {
					t.Errorf("%s %q has the quote prefix; only formula-like text needs it", ref(c, r), v)
				}
				continue
			}
			leads[v[:1]] = true
			if f, _ := wb.GetCellFormula("Facts", ref(c, r)); f != "" || !quoted(c, r) {
				t.Errorf("%s %q: formula %q, quote prefix %v; want text with the prefix", ref(c, r), v, f, quoted(c, r))
			}
		}
	}
	if len(leads) != 4 {
		t.Fatalf("formula-like cells begin with %v, want all of =-@+; rows:\n%q", leads, rows)
	}

	// An editor's note that looks like a formula is stored as written and
	// exported again with the prefix; handing that export back is no review.
	key := rows[1][keyCol]
	wb.SetCellValue("Facts", ref(statusCol, 1), "错误")
	wb.SetCellValue("Facts", ref(noteCol, 1), "=SUM(A1) 应为 -2")
	if err := wb.SaveAs(xlsx); err != nil {
		t.Fatal(err)
	}
	if code, out, stderr := runCmd(t, "", "review", "import", "--db", db, "--reviewer", "@编辑", xlsx); code != 0 || !strings.Contains(out, "imported 1 review") {
		t.Fatalf("review import: exit %d: %s%s", code, out, stderr)
	}
	code, out, _ := runCmd(t, "", "facts", "--db", db, "--review-status", "wrong", "--format", "jsonl")
	if code != 0 || !strings.Contains(out, key) || !strings.Contains(out, `"review_note":"=SUM(A1) 应为 -2"`) {
		t.Errorf("facts after the review: exit %d, want %s with its note as written:\n%s", code, key, out)
	}
	again := filepath.Join(dir, "again.xlsx")
	if code, _, stderr := runCmd(t, "", "export", "--db", db, "-o", again); code != 0 {
		t.Fatalf("export again: exit %d: %s", code, stderr)
	}
	if code, out, stderr := runCmd(t, "", "review", "import", "--db", db, "--reviewer", "乙", again); code != 0 || !strings.Contains(out, "imported 0 review") {
		t.Errorf("importing an unchanged export: exit %d, want 0 reviews: %s%s", code, out, stderr)
	}
}
