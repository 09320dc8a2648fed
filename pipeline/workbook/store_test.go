package workbook

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/xuri/excelize/v2"

	"reportfacts/extractors"
	"reportfacts/internal/testenv"
	"reportfacts/pipeline/source"
	"reportfacts/pipeline/store"
)

const reportText = "2021年招商银行金融科技投入132.78亿元，占营业收入的4.01%，研发人员10,043人。"

// savedStore is a store on backend be holding one document with four
// facts.
func savedStore(t *testing.T, be testenv.Backend) (*store.Store, []store.FactRow) {
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
	doc := &source.Document{Path: "reports/招商银行2021.txt", SHA256: sha, Size: int64(len(reportText)),
		Format: "text", Engine: "text", Encoding: "utf-8", Pages: []string{reportText}, Status: source.StatusOK}
	at := func(text string) (int, int) {
		r := []rune(reportText)
		for i := range r {
			if string(r[i:min(len(r), i+len([]rune(text)))]) == text {
				return i, i + len([]rune(text))
			}
		}
		t.Fatalf("%q not in the report", text)
		return 0, 0
	}
	mk := func(kind, text, value, unit string) extractors.Fact {
		s, e := at(text)
		return extractors.Fact{Kind: kind, Text: text, Start: s, End: e, Page: 1, Value: value, Unit: unit,
			Qualifier: extractors.QualExact, Entity: "招商银行", Period: "2021", Sentence: reportText, Rule: "test"}
	}
	date := mk(extractors.KindDate, "2021年", "", "")
	date.From, date.To = "2021", "2021"
	facts := []extractors.Fact{
		date,
		mk(extractors.KindMoney, "132.78亿元", "13278000000", "CNY"),
		mk(extractors.KindPercent, "4.01%", "4.01", "%"),
		mk(extractors.KindCount, "10,043人", "10043", "人"),
	}
	if _, err := st.SaveDocument(ctx, doc, facts); err != nil {
		t.Fatalf("save: %v", err)
	}
	rows, err := st.Facts(ctx, store.FactFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(facts) {
		t.Fatalf("stored %d facts, want %d", len(rows), len(facts))
	}
	return st, rows
}

func exportStore(t *testing.T, st *store.Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := ExportStore(context.Background(), &buf, st, store.FactFilter{}); err != nil {
		t.Fatalf("ExportStore: %v", err)
	}
	return buf.Bytes()
}

// rowOf is the worksheet row of a fact key.
func rowOf(t *testing.T, f *excelize.File, key string) int {
	t.Helper()
	rows, err := f.GetRows(FactsSheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if cell(r, colKey) == key {
			return i + 1
		}
	}
	t.Fatalf("key %s not in the workbook", key)
	return 0
}

func kindRow(rows []store.FactRow, kind string) store.FactRow {
	for _, r := range rows {
		if r.Kind == kind {
			return r
		}
	}
	return store.FactRow{}
}

func TestReviewRoundTrip(t *testing.T) { testenv.EachBackend(t, testReviewRoundTrip) }

func testReviewRoundTrip(t *testing.T, be testenv.Backend) {
	ctx := context.Background()
	st, rows := savedStore(t, be)
	money, pct, cnt := kindRow(rows, extractors.KindMoney), kindRow(rows, extractors.KindPercent), kindRow(rows, extractors.KindCount)

	reviewed := edit(t, exportStore(t, st), func(f *excelize.File) {
		set(t, f, colReviewStatus, rowOf(t, f, money.Key), "错误")
		set(t, f, colNote, rowOf(t, f, money.Key), "应为132.87亿元")
		set(t, f, colReviewStatus, rowOf(t, f, pct.Key), "已更正")
		set(t, f, colCorrectedValue, rowOf(t, f, pct.Key), 4.1)
		set(t, f, colReviewStatus, rowOf(t, f, cnt.Key), "正确")
	})
	n, err := Import(ctx, bytes.NewReader(reviewed), st, "编辑甲")
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if n != 3 {
		t.Errorf("Import applied %d reviews, want 3", n)
	}
	for _, want := range []store.FactRow{
		{Key: money.Key, ReviewStatus: "wrong", ReviewNote: "应为132.87亿元", Reviewer: "编辑甲"},
		{Key: pct.Key, ReviewStatus: "corrected", CorrectedValue: "4.1", Reviewer: "编辑甲"},
		{Key: cnt.Key, ReviewStatus: "correct", Reviewer: "编辑甲"},
	} {
		got, ok, err := st.FactByKey(ctx, want.Key)
		if err != nil || !ok {
			t.Fatalf("FactByKey %s: %v, %v", want.Key, ok, err)
		}
		if got.ReviewStatus != want.ReviewStatus || got.CorrectedValue != want.CorrectedValue ||
			got.ReviewNote != want.ReviewNote || got.Reviewer != want.Reviewer {
			t.Errorf("review of %s = %q %q %q %q, want %q %q %q %q", want.Key, got.ReviewStatus, got.CorrectedValue,
				got.ReviewNote, got.Reviewer, want.ReviewStatus, want.CorrectedValue, want.ReviewNote, want.Reviewer)
		}
	}

	// The next export shows the reviews, and handing it back unchanged
	// records nothing new.
	again := exportStore(t, st)
	f := open(t, again)
	for key, want := range map[string][3]string{
		money.Key: {"错误", "", "应为132.87亿元"},
		pct.Key:   {"已更正", "4.1", ""},
		cnt.Key:   {"正确", "", ""},
	} {
		r := rowOf(t, f, key)
		for i, col := range []int{colReviewStatus, colCorrectedValue, colNote} {
			got, err := f.GetCellValue(FactsSheet, cellName(t, col, r), excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			if got != want[i] {
				t.Errorf("re-export row %d column %s = %q, want %q", r, colName(col), got, want[i])
			}
		}
	}
	n, err = Import(ctx, bytes.NewReader(again), st, "编辑乙")
	if err != nil || n != 0 {
		t.Errorf("importing an unchanged export applied %d reviews, %v; want 0", n, err)
	}
	hist, err := st.ReviewHistory(ctx, pct.Key)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 1 {
		t.Errorf("history of %s has %d reviews, want 1: %+v", pct.Key, len(hist), hist)
	}
}

func TestImportRejectsWhole(t *testing.T) { testenv.EachBackend(t, testImportRejectsWhole) }

func testImportRejectsWhole(t *testing.T, be testenv.Backend) {
	ctx := context.Background()
	st, rows := savedStore(t, be)
	money, pct := kindRow(rows, extractors.KindMoney), kindRow(rows, extractors.KindPercent)
	exported := exportStore(t, st)

	// Good edits next to bad ones: none may be taken.
	bad := edit(t, exported, func(f *excelize.File) {
		set(t, f, colReviewStatus, rowOf(t, f, money.Key), "错误")
		set(t, f, colReviewStatus, rowOf(t, f, pct.Key), "待定")
		r := rowOf(t, f, kindRow(rows, extractors.KindCount).Key)
		set(t, f, colKey, r, "ffffffffffffffff")
		set(t, f, colReviewStatus, r, "正确")
	})
	_, err := Import(ctx, bytes.NewReader(bad), st, "编辑甲")
	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("Import of bad rows = %v, want an *ImportError", err)
	}
	f := open(t, bad)
	if !hasProblem(ie.Problems, rowOf(t, f, pct.Key), `unknown review status "待定"`) ||
		!hasProblem(ie.Problems, rowOf(t, f, "ffffffffffffffff"), "names no stored fact") || len(ie.Problems) != 2 {
		t.Errorf("problems = %+v, want the bad status and the unknown key with their rows", ie.Problems)
	}

	moved := edit(t, exported, func(f *excelize.File) {
		set(t, f, colReviewStatus, rowOf(t, f, money.Key), "错误")
		if err := f.RemoveCol(FactsSheet, colName(colCorrectedValue)); err != nil {
			t.Fatal(err)
		}
		set(t, f, len(factColumns)-1, 1, factColumns[colCorrectedValue].Header)
	})
	_, err = Import(ctx, bytes.NewReader(moved), st, "编辑甲")
	if !errors.As(err, &ie) || !hasProblem(ie.Problems, 1, "更正值 (corrected_value)\" was moved") {
		t.Errorf("Import of a moved column = %v, want a header problem", err)
	}

	for _, r := range rows {
		got, _, err := st.FactByKey(ctx, r.Key)
		if err != nil {
			t.Fatal(err)
		}
		if got.ReviewStatus != "pending" {
			t.Errorf("fact %s was reviewed (%s) from a rejected workbook", r.Key, got.ReviewStatus)
		}
	}
}
