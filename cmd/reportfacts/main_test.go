package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// runCmd runs the command line as a user would and returns its exit
// status and what it printed. Standard output and error are redirected to
// files because the commands write to os.Stdout and os.Stderr.
func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	dir := t.TempDir()
	outF, _ := os.Create(filepath.Join(dir, "out"))
	errF, _ := os.Create(filepath.Join(dir, "err"))
	inF, _ := os.CreateTemp(dir, "in")
	inF.WriteString(stdin)
	inF.Seek(0, 0)
	oldOut, oldErr, oldIn := os.Stdout, os.Stderr, os.Stdin
	os.Stdout, os.Stderr, os.Stdin = outF, errF, inF
	defer func() { os.Stdout, os.Stderr, os.Stdin = oldOut, oldErr, oldIn }()
	code = run(context.Background(), args)
	outF.Close()
	errF.Close()
	o, _ := os.ReadFile(outF.Name())
	e, _ := os.ReadFile(errF.Name())
	return code, string(o), string(e)
}

const sample = "据统计，2021年全年14家银行金融科技资金投入合计超过1500亿元，同比增长10.77%。\n" +
	"截至2022年2月25日，试点场景已超过350万个。\n"

// TestExtractOffsetsPointIntoText checks the promise of extract --help:
// start and end are code-point offsets into what text prints.
func TestExtractOffsetsPointIntoText(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "report.txt")
	// A BOM and CRLF line ends: the offsets count the text as read, not the bytes.
	if err := os.WriteFile(file, []byte("\ufeff"+strings.ReplaceAll(sample, "\n", "\r\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	code, raw, stderr := runCmd(t, "", "text", file)
	if code != 0 {
		t.Fatalf("text: exit %d: %s", code, stderr)
	}
	code, out, stderr := runCmd(t, "", "extract", "--format", "jsonl", file)
	if code != 0 {
		t.Fatalf("extract: exit %d: %s", code, stderr)
	}
	runes := []rune(raw)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 5 {
		t.Fatalf("extract printed %d facts, want at least 5:\n%s", len(lines), out)
	}
	kinds := map[string]bool{}
	for _, line := range lines {
		var f map[string]any
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("bad JSON line %q: %v", line, err)
		}
		for _, field := range []string{"kind", "text", "start", "end", "page", "value", "unit", "from", "to", "qualifier", "basis", "entity", "metric", "period", "sentence", "rule", "document"} {
			if _, ok := f[field]; !ok {
				t.Errorf("fact %s lacks field %q", line, field)
			}
		}
		start, end := int(f["start"].(float64)), int(f["end"].(float64))
		if start < 0 || end > len(runes) || start >= end || string(runes[start:end]) != f["text"] {
			t.Errorf("fact text %q is not text[%d:%d]", f["text"], start, end)
		}
		kinds[f["kind"].(string)] = true
	}
	for _, k := range []string{"money", "growth", "date", "count"} {
		if !kinds[k] {
			t.Errorf("no %s fact in %s", k, out)
		}
	}
}

func TestExtractStdinTable(t *testing.T) {
	code, out, stderr := runCmd(t, sample, "extract", "--format", "table", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "150000000000") || !strings.Contains(out, "KIND") {
		t.Errorf("table lacks the header or the 1500亿 value:\n%s", out)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"extract"},
		{"extract", "--format", "xml", "-"},
		{"ingest"},
		{"export", "--db", filepath.Join(t.TempDir(), "x.db")},
		{"facts", "--review-status", "maybe", "--db", filepath.Join(t.TempDir(), "x.db")},
		{"ingest", "--no-such-flag", "x"},
	} {
		code, _, stderr := runCmd(t, "", args...)
		if code != exitUsage || !strings.Contains(stderr, "reportfacts:") {
			t.Errorf("%v: exit %d, stderr %q; want exit %d with a message", args, code, stderr, exitUsage)
		}
	}
}

// TestIngestExportReviewAudit walks an editor's round: ingest a folder
// with a broken file, export, mark a fact wrong in the workbook, import
// the review, find it with facts, and audit.
func TestIngestExportReviewAudit(t *testing.T) {
	dir := t.TempDir()
	reports := filepath.Join(dir, "reports")
	os.MkdirAll(reports, 0o755)
	os.WriteFile(filepath.Join(reports, "a.txt"), []byte(sample), 0o644)
	os.WriteFile(filepath.Join(reports, "broken.pdf"), []byte("%PDF-1.4 garbage"), 0o644)
	db := filepath.Join(dir, "facts.db")

	code, out, stderr := runCmd(t, "", "ingest", "--db", db, reports)
	if code != exitDocumentFailed {
		t.Fatalf("ingest with a broken file: exit %d, want %d\n%s%s", code, exitDocumentFailed, out, stderr)
	}
	if !strings.Contains(out, "2 documents: 2 new, 0 unchanged, 1 failed") || !strings.Contains(out, "broken.pdf") {
		t.Errorf("summary does not account for both files:\n%s", out)
	}
	// The broken file is read again and is still failed: the rerun says
	// so, in its summary and its exit status.
	code, out, _ = runCmd(t, "", "ingest", "--db", db, reports)
	if code != exitDocumentFailed || !strings.Contains(out, "1 new, 1 unchanged, 1 failed") {
		t.Errorf("second ingest: exit %d, want %d with a.txt unchanged and broken.pdf still failed:\n%s", code, exitDocumentFailed, out)
	}

	xlsx := filepath.Join(dir, "facts.xlsx")
	if code, _, stderr := runCmd(t, "", "export", "--db", db, "-o", xlsx); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	wb, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := wb.GetRows("Facts")
	if err != nil || len(rows) < 3 {
		t.Fatalf("Facts sheet: %v, %d rows", err, len(rows))
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
	statusCol, noteCol, keyCol := col("review_status"), col("note"), col("key")
	key := rows[1][keyCol]
	cell := func(c, r int) string { name, _ := excelize.CoordinatesToCellName(c+1, r+1); return name }
	wb.SetCellValue("Facts", cell(statusCol, 1), "错误")
	wb.SetCellValue("Facts", cell(noteCol, 1), "看错了")
	if err := wb.SaveAs(xlsx); err != nil {
		t.Fatal(err)
	}
	code, out, stderr = runCmd(t, "", "review", "import", "--db", db, "--reviewer", "测试编辑", xlsx)
	if code != 0 || !strings.Contains(out, "imported 1 review") {
		t.Fatalf("review import: exit %d: %s%s", code, out, stderr)
	}
	code, out, _ = runCmd(t, "", "facts", "--db", db, "--review-status", "错误", "--format", "jsonl")
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(out, key) || !strings.Contains(out, "看错了") {
		t.Errorf("facts --review-status 错误: exit %d, want the one reviewed fact %s:\n%s", code, key, out)
	}

	// Every field set names the rule that chose it.
	code, out, _ = runCmd(t, "", "facts", "--db", db, "--format", "jsonl")
	traced := 0
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var f struct {
			Entity, Metric, Period string
			RawEntityRule          string `json:"entity_rule"`
			RawMetricRule          string `json:"metric_rule"`
			RawPeriodRule          string `json:"period_rule"`
		}
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("facts --format jsonl: %v in %s", err, line)
		}
		if (f.Entity == "") != (f.RawEntityRule == "") || (f.Metric == "") != (f.RawMetricRule == "") || (f.Period == "") != (f.RawPeriodRule == "") {
			t.Errorf("facts --format jsonl: fields and their rules do not go together: %s", line)
		}
		if f.RawEntityRule != "" || f.RawMetricRule != "" || f.RawPeriodRule != "" {
			traced++
		}
	}
	if code != 0 || traced == 0 || !strings.Contains(out, `"entity_rule":`) {
		t.Errorf("facts --format jsonl: exit %d, %d facts with rules, want the rules shown:\n%s", code, traced, out)
	}

	code, out, stderr = runCmd(t, "", "audit", "--db", db)
	if code != 0 {
		t.Errorf("audit of an untouched database: exit %d\n%s%s", code, out, stderr)
	}
	os.WriteFile(filepath.Join(reports, "a.txt"), []byte(sample+"又及。"), 0o644)
	code, out, _ = runCmd(t, "", "audit", "--db", db, "--failed")
	if code != exitAuditFailed || !strings.Contains(out, "a.txt") {
		t.Errorf("audit after the source changed: exit %d, want %d naming a.txt:\n%s", code, exitAuditFailed, out)
	}
	// Changed bytes give new fact keys: the review follows its fact,
	// still extracted from the same words, to its new key.
	code, out, _ = runCmd(t, "", "ingest", "--db", db, reports)
	if code != exitDocumentFailed || strings.Contains(out, "no longer extracted") {
		t.Errorf("re-ingest of the changed file: exit %d, want no review lost:\n%s", code, out)
	}
	code, out, _ = runCmd(t, "", "facts", "--db", db, "--review-status", "错误", "--format", "jsonl")
	var moved struct {
		Key  string `json:"key"`
		Note string `json:"review_note"`
	}
	if err := json.Unmarshal([]byte(out), &moved); code != 0 || err != nil || moved.Note != "看错了" || moved.Key == key {
		t.Fatalf("facts --review-status 错误 after the change: exit %d, %v, want the review under a new key:\n%s", code, err, out)
	}
	// A change that loses the reviewed fact reports its review, not
	// dropped silently.
	os.WriteFile(filepath.Join(reports, "a.txt"), []byte("又及。"), 0o644)
	code, out, _ = runCmd(t, "", "ingest", "--db", db, reports)
	if code != exitDocumentFailed || !strings.Contains(out, "1 reviewed fact(s) no longer extracted") || !strings.Contains(out, moved.Key) {
		t.Errorf("re-ingest of a file without the fact: exit %d, want the orphaned review %s reported:\n%s", code, moved.Key, out)
	}
}

func TestHelpHasExamples(t *testing.T) {
	for _, c := range newRootCommand().Commands() {
		if c.Name() == "help" || c.Name() == "completion" || c.HasSubCommands() {
			continue
		}
		if strings.TrimSpace(c.Example) == "" || strings.TrimSpace(c.Long) == "" {
			t.Errorf("%s --help has no example or no description", c.Name())
		}
	}
	var buf bytes.Buffer
	root := newRootCommand()
	root.SetOut(&buf)
	root.SetArgs([]string{"--help"})
	if err := root.Execute(); err != nil || !strings.Contains(buf.String(), "ingest") {
		t.Errorf("--help: %v\n%s", err, buf.String())
	}
}
