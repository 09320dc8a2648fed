package audit

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"reportfacts/extractors"
	"reportfacts/pipeline/text"
)

const sampleText = "营业收入由100亿元增至120亿元，同比增长25%。\f第二页：不良贷款率由1.50%降至1.30%，下降0.20个百分点。"

func sampleDoc(t *testing.T, path string) docFacts {
	return makeDoc(t, 1, path, sampleText,
		fact("100亿元", money, "10000000000", "CNY"), fact("120亿元", money, "12000000000", "CNY"),
		fact("同比增长25%", growth, "25", "%"),
		fact("1.50%", percent, "1.50", "%"), fact("1.30%", percent, "1.30", "%"),
		fact("0.20个百分点", pp, "-0.20", "pp"))
}

// withExtract makes the value check extract with fn for one test.
func withExtract(t *testing.T, fn func(context.Context, *text.Text, extractors.Options) ([]extractors.Fact, error)) {
	t.Helper()
	saved := extract
	extract = fn
	t.Cleanup(func() { extract = saved })
}

// echo extracts exactly the given facts.
func echo(facts []extractors.Fact) func(context.Context, *text.Text, extractors.Options) ([]extractors.Fact, error) {
	return func(context.Context, *text.Text, extractors.Options) ([]extractors.Fact, error) {
		return append([]extractors.Fact(nil), facts...), nil
	}
}

func storedFacts(df docFacts) []extractors.Fact {
	var out []extractors.Fact
	for _, f := range df.Facts {
		out = append(out, f.Fact)
	}
	return out
}

func findings(r *Report, check string, passed bool) []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Check == check && f.Passed == passed {
			out = append(out, f)
		}
	}
	return out
}

func writeSource(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "report.txt")
	if err := os.WriteFile(path, []byte(sampleText), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunCleanDocument(t *testing.T) {
	path := writeSource(t, t.TempDir())
	df := sampleDoc(t, path)
	withExtract(t, echo(storedFacts(df)))
	rep, err := run(context.Background(), fakeDB{[]docFacts{df}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if failed := rep.Failed(); len(failed) != 1 || failed[0].Check != CheckGrowth {
		t.Errorf("failed findings = %s, want only the growth rate of 25%%", describe(failed))
	}
	for _, c := range []string{CheckSource, CheckPPChange} {
		if len(findings(rep, c, true)) != 1 {
			t.Errorf("no passed %s finding in %s", c, describe(rep.Findings))
		}
	}
	want := map[string]int{CheckProvenance: 6, CheckValue: 6, CheckSource: 1, CheckTotal: 0, CheckShares: 0, CheckGrowth: 1, CheckPPChange: 1,
		CheckMargin: 0, CheckQuarters: 0, CheckBalance: 0, CheckKeyData: 0}
	if !reflect.DeepEqual(rep.Checked, want) {
		t.Errorf("checked = %v, want %v", rep.Checked, want)
	}
}

func TestRunProvenance(t *testing.T) {
	df := sampleDoc(t, "gone.txt")
	withExtract(t, echo(storedFacts(df)))
	df.Facts[0].Text = "101亿元"                        // edited text
	df.Facts[3].Page = 1                              // on page 2 in truth
	df.Facts[4].Start, df.Facts[4].End = 10000, 10005 // past the end
	rep, err := run(context.Background(), fakeDB{[]docFacts{df}}, Options{Checks: []string{CheckProvenance, CheckSource}})
	if err != nil {
		t.Fatal(err)
	}
	got := findings(rep, CheckProvenance, false)
	if len(got) != 3 {
		t.Fatalf("provenance findings:%s\nwant 3", describe(got))
	}
	for i, want := range []struct {
		key, detail string
	}{
		{df.Facts[0].Key, `text "101亿元" differs from the source characters`},
		{df.Facts[3].Key, "page 1, but offset"},
		{df.Facts[4].Key, "lie outside the document"},
	} {
		if got[i].FactKeys[0] != want.key || !strings.Contains(got[i].Detail, want.detail) {
			t.Errorf("finding %d = %v %q, want %s %q", i, got[i].FactKeys, got[i].Detail, want.key, want.detail)
		}
	}
	src := findings(rep, CheckSource, false)
	if len(src) != 1 || !strings.Contains(src[0].Detail, "source missing") {
		t.Errorf("source findings:%s\nwant the file reported missing", describe(src))
	}
	if len(findings(rep, CheckValue, false))+len(findings(rep, CheckTotal, true)) != 0 {
		t.Errorf("checks that were not asked for ran:%s", describe(rep.Findings))
	}
}

func TestRunSourceChanged(t *testing.T) {
	dir := t.TempDir()
	path := writeSource(t, dir)
	df := sampleDoc(t, "report.txt") // relative to BaseDir
	if err := os.WriteFile(path, []byte(strings.Replace(sampleText, "120", "130", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := run(context.Background(), fakeDB{[]docFacts{df}}, Options{Checks: []string{CheckSource}, BaseDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	got := findings(rep, CheckSource, false)
	if len(got) != 1 || !strings.Contains(got[0].Detail, "source changed") || got[0].Document != "report.txt" {
		t.Errorf("source findings:%s\nwant report.txt reported changed", describe(rep.Findings))
	}
}

func TestRunValueDrift(t *testing.T) {
	df := sampleDoc(t, "report.txt")
	fresh := storedFacts(df)
	fresh[1].Value = "12000000001" // the extractors now read 120亿元 otherwise
	fresh[2].Unit = "pp"
	fresh = append(fresh[:5], fresh[6:]...) // and no longer find 0.20个百分点
	withExtract(t, echo(fresh))
	rep, err := run(context.Background(), fakeDB{[]docFacts{df}}, Options{Checks: []string{CheckValue}})
	if err != nil {
		t.Fatal(err)
	}
	got := findings(rep, CheckValue, false)
	if len(got) != 3 {
		t.Fatalf("value findings:%s\nwant 3", describe(got))
	}
	for i, want := range []struct {
		key, detail string
	}{
		{df.Facts[1].Key, "value 12000000000, extracted 12000000001"},
		{df.Facts[2].Key, "unit %, extracted pp"},
		{df.Facts[5].Key, "no longer find a fact"},
	} {
		if got[i].FactKeys[0] != want.key || !strings.Contains(got[i].Detail, want.detail) {
			t.Errorf("finding %d = %v %q, want %s %q", i, got[i].FactKeys, got[i].Detail, want.key, want.detail)
		}
	}
}

func TestRunExtractorFailure(t *testing.T) {
	df := sampleDoc(t, "report.txt")
	withExtract(t, func(context.Context, *text.Text, extractors.Options) ([]extractors.Fact, error) {
		panic("index out of range")
	})
	rep, err := run(context.Background(), fakeDB{[]docFacts{df}}, Options{Checks: []string{CheckValue}})
	if err != nil {
		t.Fatal(err)
	}
	got := findings(rep, CheckValue, false)
	if len(got) != 1 || !strings.Contains(got[0].Detail, "panicked: index out of range") {
		t.Errorf("value findings:%s\nwant the panic reported", describe(rep.Findings))
	}
}

func TestRunOptions(t *testing.T) {
	df := sampleDoc(t, "report.txt")
	if _, err := run(context.Background(), fakeDB{[]docFacts{df}}, Options{Checks: []string{"spelling"}}); err == nil {
		t.Error("an unknown check ran without error")
	}
	rep, err := run(context.Background(), fakeDB{[]docFacts{df}}, Options{Document: "other"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 0 {
		t.Errorf("a document filter that selects nothing found:%s", describe(rep.Findings))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := run(ctx, fakeDB{[]docFacts{df}}, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("run on a cancelled context = %v, want context.Canceled", err)
	}
}

func sampleReport(t *testing.T) *Report {
	df := sampleDoc(t, "report.txt")
	withExtract(t, echo(storedFacts(df)))
	df.Facts[0].Text = "101亿元"
	rep, err := run(context.Background(), fakeDB{[]docFacts{df}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestWriteTable(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTable(&buf, sampleReport(t)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"provenance  6        5       1       0           0",
		"source      1        0       1       0           0",
		"growth      1        0       1       0           0",
		"pp_change   1        1       0       0           0",
		"3 failed:",
		"source missing",
		`text "101亿元" differs`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestWriteJSONL(t *testing.T) {
	rep := sampleReport(t)
	var buf bytes.Buffer
	if err := WriteJSONL(&buf, rep); err != nil {
		t.Fatal(err)
	}
	var back []Finding
	sc := bufio.NewScanner(&buf)
	for sc.Scan() {
		var f Finding
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		back = append(back, f)
	}
	if !reflect.DeepEqual(back, rep.Findings) {
		t.Errorf("JSONL read back differs:\n%+v\nwant\n%+v", back, rep.Findings)
	}
}

func TestWriteWorkbook(t *testing.T) {
	rep := sampleReport(t)
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, rep); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	if got, want := f.GetSheetList(), []string{FindingsSheet}; !reflect.DeepEqual(got, want) {
		t.Fatalf("sheets = %v, want %v", got, want)
	}
	rows, err := f.GetRows(FindingsSheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(rep.Findings) {
		t.Fatalf("%d rows, want a header and %d findings", len(rows), len(rep.Findings))
	}
	if !reflect.DeepEqual(rows[0], findingColumns) {
		t.Errorf("header = %q, want %q", rows[0], findingColumns)
	}
	// The failed first; the growth rate's row has its figures, expected
	// and found values, and keys.
	var growthRow []string
	for i, r := range rows[1:] {
		if i < 3 && r[2] != "不符" {
			t.Errorf("row %d is %q, want the three failed findings first", i+2, r[2])
		}
		if r[1] == CheckGrowth {
			growthRow = r
		}
	}
	if growthRow == nil {
		t.Fatal("no growth row")
	}
	g := findings(rep, CheckGrowth, false)[0]
	for col, want := range map[int]string{0: g.Key, 2: "不符", 3: "待审", 5: "report.txt", 6: "1", 8: g.Expected, 9: g.Found,
		12: strings.Join(g.FactKeys, ",")} {
		if growthRow[col] != want {
			t.Errorf("growth row column %d = %q, want %q", col+1, growthRow[col], want)
		}
	}
	if !strings.Contains(growthRow[10], "from: 101亿元 = 10000000000 CNY (p.1)") {
		t.Errorf("figures = %q", growthRow[10])
	}
	// The document links to the file (and the page, in a PDF).
	for _, ref := range []string{"F"} {
		cell := ref + strconv.Itoa(growthIndex(rows)+1)
		formula, err := f.GetCellFormula(FindingsSheet, cell)
		if err != nil || !strings.HasPrefix(formula, `HYPERLINK("file:///`) {
			t.Errorf("%s formula = %q, %v; want a link to the file", cell, formula, err)
		}
	}
}

func growthIndex(rows [][]string) int {
	for i, r := range rows {
		if len(r) > 1 && r[1] == CheckGrowth {
			return i
		}
	}
	return -1
}

func TestWriteTableOfFailuresOnly(t *testing.T) {
	rep := sampleReport(t)
	cut := &Report{Findings: rep.Failed(), Checked: rep.Checked}
	var full, failed bytes.Buffer
	if err := WriteTable(&full, rep); err != nil {
		t.Fatal(err)
	}
	if err := WriteTable(&failed, cut); err != nil {
		t.Fatal(err)
	}
	if full.String() != failed.String() {
		t.Errorf("a report cut to its failures reads differently:\n%s\nwant\n%s", failed.String(), full.String())
	}
}
