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

// reviewIs checks the current review of a fact in the store.
func reviewIs(t *testing.T, st *store.Store, key, status, note, reviewer string) {
	t.Helper()
	got, ok, err := st.FactByKey(context.Background(), key)
	if err != nil || !ok {
		t.Fatalf("FactByKey %s: %v, %v", key, ok, err)
	}
	if got.ReviewStatus != status || got.ReviewNote != note || got.Reviewer != reviewer {
		t.Errorf("review of %s = %s %q by %q, want %s %q by %q", key, got.ReviewStatus, got.ReviewNote, got.Reviewer,
			status, note, reviewer)
	}
}

func historyLen(t *testing.T, st *store.Store, key string) int {
	t.Helper()
	h, err := st.ReviewHistory(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	return len(h)
}

func mustImport(t *testing.T, st *store.Store, b []byte, reviewer string, want int) {
	t.Helper()
	n, err := Import(context.Background(), bytes.NewReader(b), st, reviewer)
	if err != nil {
		t.Fatalf("Import by %s: %v", reviewer, err)
	}
	if n != want {
		t.Errorf("Import by %s applied %d reviews, want %d", reviewer, n, want)
	}
}

// TestTwoEditorsOneExport: two editors export the same workbook; 甲 marks
// one row 正确, 乙 another 错误. Each import keeps the other's review.
func TestTwoEditorsOneExport(t *testing.T) { testenv.EachBackend(t, testTwoEditorsOneExport) }

func testTwoEditorsOneExport(t *testing.T, be testenv.Backend) {
	st, rows := savedStore(t, be)
	money, pct, cnt := kindRow(rows, extractors.KindMoney), kindRow(rows, extractors.KindPercent), kindRow(rows, extractors.KindCount)
	exported := exportStore(t, st)
	byJia := edit(t, exported, func(f *excelize.File) {
		set(t, f, colReviewStatus, rowOf(t, f, money.Key), "正确")
	})
	byYi := edit(t, exported, func(f *excelize.File) {
		set(t, f, colReviewStatus, rowOf(t, f, pct.Key), "错误")
		set(t, f, colNote, rowOf(t, f, pct.Key), "应为4.10%")
	})

	mustImport(t, st, byJia, "编辑甲", 1)
	mustImport(t, st, byYi, "编辑乙", 1)

	// 甲's row is still 正确 and 甲's; 乙's row at 待审 in 乙's workbook
	// was pending at export, so it is no verdict.
	reviewIs(t, st, money.Key, store.StatusCorrect, "", "编辑甲")
	reviewIs(t, st, pct.Key, store.StatusWrong, "应为4.10%", "编辑乙")
	reviewIs(t, st, cnt.Key, store.StatusPending, "", "")
	if n := historyLen(t, st, money.Key); n != 1 {
		t.Errorf("history of 甲's fact has %d entries, want 甲's alone", n)
	}

	// The next export shows both.
	f := open(t, exportStore(t, st))
	for key, want := range map[string]string{money.Key: "正确", pct.Key: "错误", cnt.Key: "待审"} {
		got, err := f.GetCellValue(FactsSheet, cellName(t, colReviewStatus, rowOf(t, f, key)))
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("re-export shows %s for %s, want %s", got, key, want)
		}
	}
}

// TestTwoEditorsOneRow: both editors change the same row of one export.
// The second import is refused whole, naming the row and the first
// editor; the same verdict twice is no conflict and keeps the credit; an
// editor may change their own review.
func TestTwoEditorsOneRow(t *testing.T) { testenv.EachBackend(t, testTwoEditorsOneRow) }

func testTwoEditorsOneRow(t *testing.T, be testenv.Backend) {
	ctx := context.Background()
	st, rows := savedStore(t, be)
	money, pct, cnt := kindRow(rows, extractors.KindMoney), kindRow(rows, extractors.KindPercent), kindRow(rows, extractors.KindCount)
	exported := exportStore(t, st)
	byJia := edit(t, exported, func(f *excelize.File) {
		set(t, f, colReviewStatus, rowOf(t, f, money.Key), "正确")
		set(t, f, colReviewStatus, rowOf(t, f, cnt.Key), "正确")
	})
	byYi := edit(t, exported, func(f *excelize.File) {
		set(t, f, colReviewStatus, rowOf(t, f, money.Key), "错误")
		set(t, f, colReviewStatus, rowOf(t, f, pct.Key), "正确")
	})
	byBing := edit(t, exported, func(f *excelize.File) {
		set(t, f, colReviewStatus, rowOf(t, f, cnt.Key), "正确") // as 甲 says
	})
	mustImport(t, st, byJia, "编辑甲", 2)

	_, err := Import(ctx, bytes.NewReader(byYi), st, "编辑乙")
	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("Import of a row 甲 reviewed since the export = %v, want an *ImportError", err)
	}
	moneyRow := rowOf(t, open(t, byYi), money.Key)
	if len(ie.Problems) != 1 || !hasProblem(ie.Problems, moneyRow, "conflict") || !hasProblem(ie.Problems, moneyRow, "编辑甲") {
		t.Errorf("problems = %+v, want one conflict on row %d naming 编辑甲", ie.Problems, moneyRow)
	}
	reviewIs(t, st, money.Key, store.StatusCorrect, "", "编辑甲")
	reviewIs(t, st, pct.Key, store.StatusPending, "", "")

	// 丙 agrees with 甲: nothing to record, 甲 keeps the credit.
	mustImport(t, st, byBing, "编辑丙", 0)
	reviewIs(t, st, cnt.Key, store.StatusCorrect, "", "编辑甲")
	if n := historyLen(t, st, cnt.Key); n != 1 {
		t.Errorf("history of the row both called 正确 has %d entries, want 1", n)
	}

	// 甲 changes their mind in their workbook: over their own review, no
	// conflict; the row imported before is not recorded again.
	mind := edit(t, byJia, func(f *excelize.File) {
		set(t, f, colReviewStatus, rowOf(t, f, cnt.Key), "错误")
	})
	mustImport(t, st, mind, "编辑甲", 1)
	reviewIs(t, st, cnt.Key, store.StatusWrong, "", "编辑甲")
	reviewIs(t, st, money.Key, store.StatusCorrect, "", "编辑甲")

	// 乙 exports again, sees 甲's verdict, and overrules it.
	again := edit(t, exportStore(t, st), func(f *excelize.File) {
		set(t, f, colReviewStatus, rowOf(t, f, money.Key), "错误")
		set(t, f, colReviewStatus, rowOf(t, f, pct.Key), "正确")
	})
	mustImport(t, st, again, "编辑乙", 2)
	reviewIs(t, st, money.Key, store.StatusWrong, "", "编辑乙")
	reviewIs(t, st, pct.Key, store.StatusCorrect, "", "编辑乙")
	reviewIs(t, st, cnt.Key, store.StatusWrong, "", "编辑甲")
	if n := historyLen(t, st, money.Key); n != 2 {
		t.Errorf("history of the overruled row has %d entries, want 甲's and 乙's", n)
	}
}

// TestImportWithoutExportedSheet: a workbook written before the Exported
// sheet existed cannot tell what it was exported with. Its rows at 待审
// undo nothing, and its verdicts over another editor's newer one are
// conflicts.
func TestImportWithoutExportedSheet(t *testing.T) {
	testenv.EachBackend(t, testImportWithoutExportedSheet)
}

func testImportWithoutExportedSheet(t *testing.T, be testenv.Backend) {
	ctx := context.Background()
	st, rows := savedStore(t, be)
	money, pct := kindRow(rows, extractors.KindMoney), kindRow(rows, extractors.KindPercent)
	old := edit(t, exportStore(t, st), func(f *excelize.File) {
		if err := f.DeleteSheet(ExportedSheet); err != nil {
			t.Fatal(err)
		}
	})
	mustImport(t, st, edit(t, exportStore(t, st), func(f *excelize.File) {
		set(t, f, colReviewStatus, rowOf(t, f, money.Key), "正确")
	}), "编辑甲", 1)

	byYi := edit(t, old, func(f *excelize.File) {
		set(t, f, colReviewStatus, rowOf(t, f, pct.Key), "错误")
	})
	mustImport(t, st, byYi, "编辑乙", 1)
	reviewIs(t, st, money.Key, store.StatusCorrect, "", "编辑甲")
	reviewIs(t, st, pct.Key, store.StatusWrong, "", "编辑乙")

	over := edit(t, old, func(f *excelize.File) {
		set(t, f, colReviewStatus, rowOf(t, f, money.Key), "错误")
	})
	_, err := Import(ctx, bytes.NewReader(over), st, "编辑丙")
	var ie *ImportError
	if !errors.As(err, &ie) || !hasProblem(ie.Problems, rowOf(t, open(t, over), money.Key), "conflict") {
		t.Errorf("Import of an old workbook over 甲's verdict = %v, want a conflict", err)
	}
	reviewIs(t, st, money.Key, store.StatusCorrect, "", "编辑甲")
}
