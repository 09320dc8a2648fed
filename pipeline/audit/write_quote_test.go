package audit

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestWriteWorkbookQuotesFormulaText: texts of a finding that look like
// formulas are string cells with the quote prefix; values stay numbers.
func TestWriteWorkbookQuotesFormulaText(t *testing.T) {
	rep := &Report{Findings: []Finding{{
		Check: CheckGrowth, Document: "=cmd|' /C calc'!A0.txt", Page: 1, Sentence: "-2%的增长@SUM(A1)",
		Detail: "+3 不符", FactKeys: []string{"k1"},
		Figures: []Figure{{Role: "growth", Text: "=1+1", Value: "-2", Unit: "%"}},
	}}}
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, rep); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	for ref, want := range map[string]string{"H2": "+3 不符", "L2": "-2%的增长@SUM(A1)"} {
		got, err := f.GetCellValue(FindingsSheet, ref, excelize.Options{RawCellValue: true})
		if err != nil || got != want {
			t.Errorf("%s = %q, %v; want %q", ref, got, err, want)
		}
		if formula, _ := f.GetCellFormula(FindingsSheet, ref); formula != "" {
			t.Errorf("%s has formula %q", ref, formula)
		}
		if typ, _ := f.GetCellType(FindingsSheet, ref); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Errorf("%s is of type %v, not a string", ref, typ)
		}
		style, err := f.GetCellStyle(FindingsSheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.GetStyle(style); err != nil { // reads the style sheet in
			t.Fatal(err)
		}
		if qp := f.Styles.CellXfs.Xf[style].QuotePrefix; qp == nil || !*qp {
			t.Errorf("%s %q has no quote prefix", ref, want)
		}
	}
	// The document, formula-like, is a link's text, never a formula of its own.
	formula, err := f.GetCellFormula(FindingsSheet, "F2")
	if err != nil || !strings.HasPrefix(formula, "HYPERLINK(") || !strings.Contains(formula, `"=cmd|' /C calc'!A0.txt")`) {
		t.Errorf("F2 formula = %q, %v; want a link showing the path as text", formula, err)
	}
}

// TestWriteWorkbookPageLinks: a PDF's page links to the page.
func TestWriteWorkbookPageLinks(t *testing.T) {
	rep := &Report{Findings: []Finding{{Check: CheckTotal, Document: "reports/a.pdf", Page: 7, Detail: "x"}}}
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, rep); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	formula, err := f.GetCellFormula(FindingsSheet, "G2")
	if err != nil || !strings.HasPrefix(formula, `HYPERLINK("file:///`) || !strings.Contains(formula, `a.pdf#page=7","7")`) {
		t.Errorf("G2 formula = %q, %v; want a link to page 7", formula, err)
	}
}
