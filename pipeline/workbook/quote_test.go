package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"reportfacts/extractors"
	"reportfacts/internal/testenv"
	"reportfacts/pipeline/source"
	"reportfacts/pipeline/store"
)

func TestFormulaLike(t *testing.T) {
	for s, want := range map[string]bool{
		"=1+1": true, "+3": true, "-2": true, "@SUM(A1)": true, "\t=1": true, "\r=1": true,
		"＝1+1": true, "－2": true, "": false, "1554.17亿元": false, " =1": false, "招商银行": false,
		"2021-07": false, "'=1": false,
	} {
		if got := FormulaLike(s); got != want {
			t.Errorf("FormulaLike(%q) = %v, want %v", s, got, want)
		}
	}
}

// hostileLines are a report's lines, each a fact's text and sentence,
// that a spreadsheet would take for formulas.
var hostileLines = []struct{ kind, text, value, unit string }{
	{extractors.KindMoney, "=1+1亿元", "200000000", "CNY"},
	{extractors.KindGrowth, "-2%", "-2", "%"},
	{extractors.KindCount, "@SUM(A1)", "1", "个"},
	{extractors.KindCount, "+3个", "3", "个"},
}

// hostileStore is a store on be holding one document whose facts' texts
// and sentences begin with =, -, @ and +, with formula-like entities,
// metrics, path, review note and reviewer.
func hostileStore(t *testing.T, be testenv.Backend) (*store.Store, []store.FactRow) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, be.DSN)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	var lines []string
	for _, l := range hostileLines {
		lines = append(lines, l.text)
	}
	page := strings.Join(lines, "\n")
	doc := &source.Document{Path: "-reports/=cmd|' /C calc'!A0.txt", SHA256: sha, Size: int64(len(page)),
		Format: "text", Engine: "text", Encoding: "utf-8", Pages: []string{page}, Status: source.StatusOK}
	var facts []extractors.Fact
	start := 0
	for i, l := range hostileLines {
		n := len([]rune(l.text))
		facts = append(facts, extractors.Fact{Kind: l.kind, Text: l.text, Start: start, End: start + n, Page: 1,
			Value: l.value, Unit: l.unit, Qualifier: extractors.QualExact,
			Entity: []string{`=HYPERLINK("http://x.invalid","点")`, "\t=2+3", "招商银行", "+招商银行"}[i],
			Metric: []string{"-cmd|' /C calc'!A0", "@metric", "金融科技投入", "=A1"}[i],
			Period: "2021", Sentence: l.text, Rule: "test"})
		start += n + 1
	}
	if _, err := st.SaveDocument(ctx, doc, facts); err != nil {
		t.Fatalf("save: %v", err)
	}
	rows, err := st.Facts(ctx, store.FactFilter{})
	if err != nil || len(rows) != len(facts) {
		t.Fatalf("stored %d facts, %v; want %d", len(rows), err, len(facts))
	}
	if err := st.ApplyReviews(ctx, []store.Review{{FactKey: rows[0].Key, Status: store.StatusWrong,
		Note: "=1+1 备注", Reviewer: "@审核", At: time.Now().UTC()}}); err != nil {
		t.Fatalf("review: %v", err)
	}
	if rows, err = st.Facts(ctx, store.FactFilter{}); err != nil {
		t.Fatal(err)
	}
	return st, rows
}

// quotedStyles reads which cell formats of an .xlsx have quotePrefix set,
// from its styles part as a spreadsheet program reads it.
func quotedStyles(t *testing.T, b []byte) map[int]bool {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open("xl/styles.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var ss struct {
		Xfs []struct {
			QuotePrefix string `xml:"quotePrefix,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.NewDecoder(rc).Decode(&ss); err != nil {
		t.Fatalf("styles.xml: %v", err)
	}
	quoted := map[int]bool{}
	for i, xf := range ss.Xfs {
		quoted[i] = xf.QuotePrefix == "1" || xf.QuotePrefix == "true"
	}
	return quoted
}

// checkTextCell checks that a cell holds want as a string, not a formula,
// with the quote prefix exactly when want is formula-like.
func checkTextCell(t *testing.T, f *excelize.File, quoted map[int]bool, sheet, ref, want string) {
	t.Helper()
	checkStringCell(t, f, sheet, ref, want)
	style, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	if quoted[style] != FormulaLike(want) {
		t.Errorf("%s!%s %q: quote prefix %v, want %v", sheet, ref, want, quoted[style], FormulaLike(want))
	}
}

// checkStringCell checks that a cell holds want as a string, not a formula.
func checkStringCell(t *testing.T, f *excelize.File, sheet, ref, want string) {
	t.Helper()
	got, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("%s!%s = %q, want %q", sheet, ref, got, want)
	}
	if formula, err := f.GetCellFormula(sheet, ref); err != nil || formula != "" {
		t.Errorf("%s!%s has formula %q (%v)", sheet, ref, formula, err)
	}
	typ, err := f.GetCellType(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	if typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
		t.Errorf("%s!%s %q is of type %v, not a string", sheet, ref, want, typ)
	}
}

// TestFormulaTextQuoted exports facts whose text, sentence, entity and
// metric, document path, review note and reviewer look like formulas: each
// is a string cell with the quote prefix, shows its text as it is, numbers
// stay numbers, and an editor's import reads the texts back unchanged.
func TestFormulaTextQuoted(t *testing.T) { testenv.EachBackend(t, testFormulaTextQuoted) }

func testFormulaTextQuoted(t *testing.T, be testenv.Backend) {
	ctx := context.Background()
	st, rows := hostileStore(t, be)
	b := exportStore(t, st)
	quoted := quotedStyles(t, b)
	f := open(t, b)
	for _, fr := range rows {
		r := rowOf(t, f, fr.Key)
		for col, want := range map[int]string{1: fr.Text, 9: fr.Entity, 10: fr.Metric, colSentence: fr.Sentence,
			17: fr.DocumentPath, colKey: fr.Key} {
			checkTextCell(t, f, quoted, FactsSheet, cellName(t, col, r), want)
		}
		if fr.ReviewNote != "" {
			checkTextCell(t, f, quoted, FactsSheet, cellName(t, colNote, r), fr.ReviewNote)
			checkTextCell(t, f, quoted, ExportedSheet, cellName(t, 3, r), fr.ReviewNote)
			checkTextCell(t, f, quoted, ExportedSheet, cellName(t, 4, r), fr.Reviewer)
		}
		// The value stays a number, -2 among them.
		ref := cellName(t, colValue, r)
		if typ, _ := f.GetCellType(FactsSheet, ref); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
			t.Errorf("value %s of %q is a string cell", ref, fr.Text)
		}
		if got, _ := f.GetCellValue(FactsSheet, ref, excelize.Options{RawCellValue: true}); !sameNumber(got, fr.Value) {
			t.Errorf("value %s of %q = %q, want %s", ref, fr.Text, got, fr.Value)
		}
	}
	checkTextCell(t, f, quoted, DocumentsSheet, "A2", rows[0].DocumentPath)

	// Handed back unchanged, the workbook is no review: the formula-like
	// note reads back as it was exported.
	if n, err := Import(ctx, bytes.NewReader(b), st, "编辑乙"); err != nil || n != 0 {
		t.Fatalf("importing an unchanged export applied %d reviews, %v; want 0", n, err)
	}
	// An editor marks the reviewed row correct and leaves its note, and
	// writes a formula-like note on another: both notes are stored as text.
	reviewed := edit(t, b, func(f *excelize.File) {
		set(t, f, colReviewStatus, rowOf(t, f, rows[0].Key), "正确")
		set(t, f, colReviewStatus, rowOf(t, f, rows[1].Key), "错误")
		set(t, f, colNote, rowOf(t, f, rows[1].Key), "-2 不是 +3")
	})
	if n, err := Import(ctx, bytes.NewReader(reviewed), st, "@编辑乙"); err != nil || n != 2 {
		t.Fatalf("Import: %d reviews, %v; want 2", n, err)
	}
	reviewIs(t, st, rows[0].Key, store.StatusCorrect, "=1+1 备注", "@编辑乙")
	reviewIs(t, st, rows[1].Key, store.StatusWrong, "-2 不是 +3", "@编辑乙")
}

// TestFormulaTextInLibreOffice has LibreOffice read an export with
// formula-like texts and save it as CSV, and as .xlsx again: no text is
// evaluated, and the quote prefix survives its save.
func TestFormulaTextInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not installed; apt-get install libreoffice-calc-nogui to run this test")
	}
	if testing.Short() {
		t.Skip("starts LibreOffice: skipped with -short")
	}
	st, rows := hostileStore(t, testenv.Backend{Name: "sqlite", DSN: filepath.Join(t.TempDir(), "facts.db"), Driver: "sqlite"})
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "facts.xlsx")
	if err := os.MkdirAll(filepath.Dir(in), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, exportStore(t, st), 0o644); err != nil {
		t.Fatal(err)
	}
	convert := func(to string) []byte {
		t.Helper()
		out := filepath.Join(dir, "out")
		cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
			"--convert-to", to, "--outdir", out, in)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("LibreOffice --convert-to %s: %v\n%s", to, err, msg)
		}
		ext, _, _ := strings.Cut(to, ":")
		b, err := os.ReadFile(filepath.Join(out, "facts."+ext))
		if err != nil {
			t.Fatalf("LibreOffice wrote no %s: %v", ext, err)
		}
		return b
	}

	// CSV of the Facts sheet, UTF-8, comma-separated, quoted text.
	b := convert("csv:Text - txt - csv (StarCalc):44,34,76,1")
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("LibreOffice's CSV: %v\n%s", err, b)
	}
	byKey := map[string][]string{}
	for _, rec := range recs {
		if len(rec) > colKey {
			byKey[rec[colKey]] = rec
		}
	}
	for _, fr := range rows {
		rec, ok := byKey[fr.Key]
		if !ok {
			t.Errorf("fact %s (%q) not in LibreOffice's CSV:\n%s", fr.Key, fr.Text, b)
			continue
		}
		for col, want := range map[int]string{1: fr.Text, 9: fr.Entity, 10: fr.Metric, colSentence: fr.Sentence, 17: fr.DocumentPath} {
			if rec[col] != want {
				t.Errorf("CSV column %s of %q = %q, want the text %q (evaluated?)", colName(col), fr.Text, rec[col], want)
			}
		}
	}

	// Saved again as .xlsx, the texts are still strings, never formulas.
	// (LibreOffice 7.4 writes no quotePrefix of its own: after its save
	// the prefix is gone, which is logged, not failed.)
	saved := convert("xlsx:Calc MS Excel 2007 XML")
	quoted := quotedStyles(t, saved)
	f := open(t, saved)
	kept := 0
	for _, fr := range rows {
		r := rowOf(t, f, fr.Key)
		for col, want := range map[int]string{1: fr.Text, 9: fr.Entity, 10: fr.Metric, colSentence: fr.Sentence} {
			ref := cellName(t, col, r)
			checkStringCell(t, f, FactsSheet, ref, want)
			if style, err := f.GetCellStyle(FactsSheet, ref); err == nil && quoted[style] {
				kept++
			}
		}
	}
	t.Logf("quote prefix on %d formula-like cells after LibreOffice saved the workbook again", kept)
}
