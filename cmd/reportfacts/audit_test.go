package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"reportfacts/pipeline/audit"
)

// TestAuditReviewedMisprint: the seed's discrepancy fails the audit (exit
// 4); marked 已核实 in the audit workbook and imported with review import,
// it is reviewed, and the audit passes.
func TestAuditReviewedMisprint(t *testing.T) {
	dir := t.TempDir()
	reports := filepath.Join(dir, "reports")
	if err := os.MkdirAll(reports, 0o755); err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile(filepath.Join("..", "..", "seeds", "000_dbf8deccee350033.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(reports, "seed.txt"), seed, 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "facts.db")
	if code, out, stderr := runCmd(t, "", "ingest", "--db", db, reports); code != 0 {
		t.Fatalf("ingest: exit %d: %s%s", code, out, stderr)
	}
	xlsx := filepath.Join(dir, "audit.xlsx")
	code, out, stderr := runCmd(t, "", "audit", "--db", db, "-o", xlsx)
	if code != exitAuditFailed || !strings.Contains(out, "1 failed:") || !strings.Contains(out, "1277亿元") {
		t.Fatalf("audit of the seed: exit %d, want %d and the one failed breakdown:\n%s%s", code, exitAuditFailed, out, stderr)
	}
	wb, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := wb.GetRows(audit.FindingsSheet)
	if err != nil || len(rows) < 2 || rows[1][2] != "不符" || rows[1][3] != "待审" {
		t.Fatalf("audit workbook: %v, want the failed finding first, 待审: %q", err, rows)
	}
	wb.SetCellValue(audit.FindingsSheet, "D2", "已核实")
	wb.SetCellValue(audit.FindingsSheet, "E2", "原文如此")
	if err := wb.SaveAs(xlsx); err != nil {
		t.Fatal(err)
	}
	if err := wb.Close(); err != nil {
		t.Fatal(err)
	}
	code, out, stderr = runCmd(t, "", "review", "import", "--db", db, "--reviewer", "测试编辑", xlsx)
	if code != 0 || !strings.Contains(out, "imported 1 review") {
		t.Fatalf("review import of the audit workbook: exit %d: %s%s", code, out, stderr)
	}
	code, out, stderr = runCmd(t, "", "audit", "--db", db, "--format", "jsonl")
	if code != 0 || !strings.Contains(out, `"status":"reviewed"`) || !strings.Contains(out, "原文如此") {
		t.Errorf("audit after the review: exit %d, want 0 and the finding reviewed:\n%s%s", code, out, stderr)
	}
}
