package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"
	"github.com/xuri/excelize/v2"

	"reportfacts/extractors"
	"reportfacts/pipeline/store"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

const sha = "5f1d7a3c0b9e2d4f6a8c1e3b5d7f9a0c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d0f"

func fact(kind, text, value, unit string, start int) extractors.Fact {
	return extractors.Fact{
		Kind: kind, Text: text, Value: value, Unit: unit, Qualifier: extractors.QualExact,
		Start: start, End: start + len([]rune(text)), Page: 1,
		Entity: "招商银行", Metric: "金融科技投入", Period: "2021",
		Sentence: "2021年招商银行金融科技投入1554.17亿元，同比增长9.10%。", Rule: "test." + kind,
		EntityRule: "entity.name_before", MetricRule: "metric.label_before+metric.change_word", PeriodRule: "period.sentence_date",
	}
}

// sampleRows are facts of every kind, with reviews in every state.
func sampleRows() []store.FactRow {
	fs := []extractors.Fact{
		fact(extractors.KindMoney, "1554.17亿\n元", "155417000000", "CNY", 15),
		fact(extractors.KindGrowth, "同比增长9.10%", "9.10", "%", 25),
		fact(extractors.KindCount, "1.4亿个", "140000000", "个", 40),
		fact(extractors.KindPercent, "2.76%", "2.76", "%", 50),
		fact(extractors.KindPPChange, "下降0.07个百分点", "-0.07", "pp", 60),
		fact(extractors.KindMultiple, "翻番", "2", "x", 70),
		// 17 significant digits: more than an Excel number holds.
		fact(extractors.KindMoney, "12345678901234567元", "12345678901234567", "CNY", 80),
	}
	date := fact(extractors.KindDate, "2021年7月", "", "", 0)
	date.From, date.To = "2021-07", "2021-07"
	fs = append(fs, date)
	rows := make([]store.FactRow, len(fs))
	for i, f := range fs {
		rows[i] = store.FactRow{
			Fact: f, Key: extractors.Key(sha, f), DocumentID: 1,
			DocumentPath: "reports/招商银行2021.pdf", DocumentSHA256: sha, ReviewStatus: "pending",
		}
	}
	rows[1].ReviewStatus, rows[1].Reviewer = "correct", "编辑甲"
	rows[1].ReviewedAt = time.Date(2026, 3, 1, 9, 30, 0, 123456000, time.UTC)
	rows[2].ReviewStatus, rows[2].ReviewNote = "wrong", "个 是 台"
	rows[3].ReviewStatus, rows[3].CorrectedValue = "corrected", "2.67"
	return rows
}

func sampleDocs() []store.DocumentRow {
	return []store.DocumentRow{
		{ID: 1, Path: "reports/招商银行2021.pdf", SHA256: sha, Format: "pdf", Engine: "ledongthuc", Status: "ok", Pages: 12, Facts: 8, Warning: "some characters may be wrong: 3 private-use characters in 9120"},
		{ID: 2, Path: "reports/scan.pdf", SHA256: strings.Repeat("ab", 32), Format: "pdf", Engine: "pdfium", Status: "no_text", Pages: 3, Error: "no text layer (needs OCR)"},
	}
}

func rowsSource(rows []store.FactRow) FactSource {
	return func(fn func(store.FactRow) error) error {
		for _, r := range rows {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}
}

func export(t *testing.T, rows []store.FactRow, docs []store.DocumentRow) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Export(context.Background(), &buf, docs, rowsSource(rows)); err != nil {
		t.Fatalf("Export: %v", err)
	}
	return buf.Bytes()
}

// sameNumber says whether two decimal texts are the same number; two empty
// texts are the same too.
func sameNumber(a, b string) bool {
	if a == "" || b == "" {
		return a == b
	}
	x, _, errx := apd.NewFromString(a)
	y, _, erry := apd.NewFromString(b)
	return errx == nil && erry == nil && x.Cmp(y) == 0
}

func open(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("open exported workbook: %v", err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

func cellName(t *testing.T, col, row int) string {
	t.Helper()
	name, err := excelize.CoordinatesToCellName(col+1, row)
	if err != nil {
		t.Fatal(err)
	}
	return name
}

func TestExportReadsBack(t *testing.T) {
	rows, docs := sampleRows(), sampleDocs()
	f := open(t, export(t, rows, docs))

	if got := f.GetSheetList(); len(got) != 3 || got[0] != FactsSheet || got[1] != DocumentsSheet || got[2] != ExportedSheet {
		t.Fatalf("sheets = %v, want [Facts Documents Exported]", got)
	}
	for _, sheet := range []string{FactsSheet, DocumentsSheet, ExportedSheet} {
		visible, err := f.GetSheetVisible(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if want := sheet != ExportedSheet; visible != want {
			t.Errorf("sheet %s visible = %v, want %v", sheet, visible, want)
		}
	}
	if active := f.GetSheetName(f.GetActiveSheetIndex()); active != FactsSheet {
		t.Errorf("active sheet = %s, want %s", active, FactsSheet)
	}
	got, err := f.GetRows(FactsSheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows)+1 {
		t.Fatalf("Facts has %d rows, want header + %d", len(got), len(rows))
	}
	for i, c := range factColumns {
		if got[0][i] != c.Header {
			t.Errorf("header %s = %q, want %q", colName(i), got[0][i], c.Header)
		}
	}
	for i, r := range rows {
		line := got[i+1]
		if cell(line, colKey) != r.Key || cell(line, colKind) != r.Kind || cell(line, 1) != strings.ReplaceAll(r.Text, "\n", "") {
			t.Errorf("row %d = %v, want key %s kind %s text %s", i+2, line, r.Key, r.Kind, r.Text)
		}
		if !sameNumber(cell(line, colValue), r.Value) {
			t.Errorf("row %d value = %q, want exactly %q", i+2, cell(line, colValue), r.Value)
		}
		if want := statusLabel[r.ReviewStatus]; cell(line, colReviewStatus) != want {
			t.Errorf("row %d status = %q, want %q", i+2, cell(line, colReviewStatus), want)
		}
		if cell(line, colCorrectedValue) != r.CorrectedValue || cell(line, colNote) != r.ReviewNote {
			t.Errorf("row %d review = %q %q, want %q %q", i+2, cell(line, colCorrectedValue), cell(line, colNote), r.CorrectedValue, r.ReviewNote)
		}
	}
	if yi := got[1][3]; yi != "1554.17" {
		t.Errorf("1554.17亿元 in 亿元 = %q, want 1554.17", yi)
	}

	// Values of up to 15 significant digits are number cells; longer ones
	// stay exact as text; dates have no value.
	for _, tc := range []struct {
		row     int
		numeric bool
	}{{2, true}, {3, true}, {4, true}, {5, true}, {6, true}, {7, true}, {8, false}} {
		typ, err := f.GetCellType(FactsSheet, cellName(t, colValue, tc.row))
		if err != nil {
			t.Fatal(err)
		}
		isNum := typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber
		if isNum != tc.numeric {
			t.Errorf("value on row %d: cell type %v, numeric = %v, want %v", tc.row, typ, isNum, tc.numeric)
		}
	}

	// The date's correction cell is formatted as text, so that a typed
	// 2021-07 stays as written.
	styleID, err := f.GetCellStyle(FactsSheet, cellName(t, colCorrectedValue, len(rows)+1))
	if err != nil {
		t.Fatal(err)
	}
	style, err := f.GetStyle(styleID)
	if err != nil || style.NumFmt != 49 {
		t.Errorf("date correction cell style = %+v, %v; want number format 49 (text)", style, err)
	}

	dvs, err := f.GetDataValidations(FactsSheet)
	if err != nil {
		t.Fatal(err)
	}
	statusCol := colName(colReviewStatus)
	if len(dvs) != 1 || dvs[0].Type != "list" || !strings.HasPrefix(dvs[0].Sqref, statusCol+"2:") ||
		!strings.Contains(dvs[0].Formula1, "待审,正确,错误,已更正") {
		t.Errorf("data validation = %+v, want one status dropdown on column %s", dvs, statusCol)
	}
	panes, err := f.GetPanes(FactsSheet)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes = %+v, want the header row frozen", panes)
	}
	filter := false
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" && dn.Scope == FactsSheet {
			filter = strings.HasSuffix(dn.RefersTo, fmt.Sprintf("$A$1:$%s$%d", colName(len(factColumns)-1), len(rows)+1))
		}
	}
	if !filter {
		t.Errorf("no autofilter over the used range of %s: %+v", FactsSheet, f.GetDefinedName())
	}
	w, err := f.GetColWidth(FactsSheet, colName(colSentence))
	if err != nil || w < 40 {
		t.Errorf("sentence column width = %v, %v; want a wide column", w, err)
	}

	drows, err := f.GetRows(DocumentsSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(drows) != len(docs)+1 {
		t.Fatalf("Documents has %d rows, want header + %d", len(drows), len(docs))
	}
	for i, d := range docs {
		want := []string{d.Path, d.Status, d.Format, d.Engine, fmt.Sprint(d.Pages), fmt.Sprint(d.Facts), d.Error, d.Warning, d.SHA256}
		for j, v := range want {
			if cell(drows[i+1], j) != v {
				t.Errorf("document row %d column %s = %q, want %q", i+2, colName(j), cell(drows[i+1], j), v)
			}
		}
	}
}

// dump renders every sheet's cells with their types, one row a line.
func dump(t *testing.T, f *excelize.File) string {
	t.Helper()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", sheet)
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				name := cellName(t, c, r+1)
				typ, err := f.GetCellType(sheet, name)
				if err != nil {
					t.Fatal(err)
				}
				kind := "s"
				if typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber {
					kind = "n"
				}
				fmt.Fprintf(&b, "%s %s %s\n", name, kind, v)
			}
		}
	}
	return b.String()
}

func TestExportGolden(t *testing.T) {
	got := dump(t, open(t, export(t, sampleRows(), sampleDocs())))
	path := filepath.Join("testdata", "export.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -update to create it): %v", err)
	}
	if got != string(want) {
		t.Errorf("exported cells differ from %s (run with -update if intended):\n%s", path, got)
	}
}

func TestExportEmpty(t *testing.T) {
	f := open(t, export(t, nil, nil))
	rows, err := f.GetRows(FactsSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || len(rows[0]) != len(factColumns) {
		t.Errorf("empty export: rows = %v, want the header alone", rows)
	}
}

func TestExportStopsOnSourceError(t *testing.T) {
	boom := errors.New("database gone")
	err := Export(context.Background(), &bytes.Buffer{}, nil, func(fn func(store.FactRow) error) error {
		if err := fn(sampleRows()[0]); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("Export error = %v, want it to wrap %v", err, boom)
	}
}

func TestExportCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Export(ctx, &bytes.Buffer{}, nil, rowsSource(sampleRows()))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Export on a cancelled context = %v, want context.Canceled", err)
	}
}

func TestNumberCell(t *testing.T) {
	st := styles{integer: 1, decimal: 2}
	for _, tc := range []struct {
		in, text string
		number   bool
	}{
		{"155417000000", "155417000000", true},
		{"9.10", "9.1", true},
		{"-0.07", "-0.07", true},
		{"0.1", "0.1", true},
		{"123456789012345", "123456789012345", true},
		{"1234567890123456", "1234567890123456", false},
		{"0.12345678901234567", "0.12345678901234567", false},
	} {
		got, err := numberCell(tc.in, st)
		if err != nil {
			t.Fatalf("numberCell(%q): %v", tc.in, err)
		}
		c, isNum := got.(excelize.Cell)
		if isNum != tc.number {
			t.Errorf("numberCell(%q) = %#v, number cell = %v, want %v", tc.in, got, isNum, tc.number)
			continue
		}
		var text string
		if isNum {
			text = strconv.FormatFloat(c.Value.(float64), 'f', -1, 64)
		} else {
			text = got.(string)
		}
		if text != tc.text {
			t.Errorf("numberCell(%q) writes %q, want %q", tc.in, text, tc.text)
		}
	}
	if _, err := numberCell("12亿", st); err == nil {
		t.Error("numberCell(\"12亿\") = nil error, want a parse error")
	}
}

func TestInYi(t *testing.T) {
	for in, want := range map[string]string{
		"155417000000": "1554.17",
		"100000000":    "1",
		"5":            "0.00000005",
		"-250000000":   "-2.5",
	} {
		got, err := inYi(in)
		if err != nil || got != want {
			t.Errorf("inYi(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// TestSheetXMLOrder guards against what makes Excel offer to repair a
// workbook: worksheet elements out of schema order and unsorted <col>s.
func TestSheetXMLOrder(t *testing.T) {
	b := export(t, sampleRows(), sampleDocs())
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	// The order CT_Worksheet prescribes, for the elements we write.
	order := []string{"sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "autoFilter", "dataValidations"}
	rank := map[string]int{}
	for i, n := range order {
		rank[n] = i
	}
	sheets := 0
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			continue
		}
		sheets++
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(rc)
		depth, last, lastCol := 0, -1, 0
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", zf.Name, err)
			}
			switch el := tok.(type) {
			case xml.StartElement:
				depth++
				if depth == 2 {
					r, ok := rank[el.Name.Local]
					if !ok {
						t.Errorf("%s: unexpected element <%s>", zf.Name, el.Name.Local)
					} else if r <= last {
						t.Errorf("%s: <%s> out of order", zf.Name, el.Name.Local)
					} else {
						last = r
					}
				}
				if el.Name.Local == "col" {
					for _, a := range el.Attr {
						if a.Name.Local == "min" {
							n, _ := strconv.Atoi(a.Value)
							if n <= lastCol {
								t.Errorf("%s: <col min=%d> after min=%d", zf.Name, n, lastCol)
							}
							lastCol = n
						}
					}
				}
			case xml.EndElement:
				depth--
			}
		}
		_ = rc.Close()
	}
	if sheets != 3 {
		t.Errorf("found %d worksheets, want 3", sheets)
	}
}
