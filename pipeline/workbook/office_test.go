package workbook

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"

	"reportfacts/pipeline/store"
)

// TestSavedByLibreOffice opens an edited export in LibreOffice, saves it as
// .xlsx again, as an editor's spreadsheet program would, and reads the
// reviews back: the header, statuses, numbers and keys must survive a
// program other than excelize.
func TestSavedByLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not installed; apt-get install libreoffice-calc-nogui to run this test")
	}
	if testing.Short() {
		t.Skip("starts LibreOffice: skipped with -short")
	}
	rows := sampleRows()
	edited := edit(t, export(t, rows, sampleDocs()), func(f *excelize.File) {
		set(t, f, colReviewStatus, 2, "错误")
		set(t, f, colNote, 2, "应为1554.71亿元")
		set(t, f, colReviewStatus, 6, "已更正")
		set(t, f, colCorrectedValue, 6, -0.7)
	})
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "facts.xlsx")
	if err := os.MkdirAll(filepath.Dir(in), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, in)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice: %v\n%s", err, msg)
	}
	saved, err := os.ReadFile(filepath.Join(out, "facts.xlsx"))
	if err != nil {
		t.Fatalf("LibreOffice wrote nothing: %v", err)
	}
	got, err := ReadReviews(context.Background(), bytes.NewReader(saved), lookupOf(rows), "编辑甲")
	if err != nil {
		t.Fatalf("ReadReviews of the LibreOffice copy: %v", err)
	}
	want := []store.Review{
		{FactKey: rows[0].Key, Status: "wrong", Note: "应为1554.71亿元", Reviewer: "编辑甲"},
		{FactKey: rows[4].Key, Status: "corrected", CorrectedValue: "-0.7", Reviewer: "编辑甲"},
	}
	if g := stripTimes(t, got); !reflect.DeepEqual(g, want) {
		t.Errorf("reviews =\n%+v\nwant\n%+v", g, want)
	}
	f := open(t, saved)
	dvs, err := f.GetDataValidations(FactsSheet)
	if err != nil || len(dvs) != 1 {
		t.Errorf("the status dropdown did not survive LibreOffice: %+v, %v", dvs, err)
	}
}
