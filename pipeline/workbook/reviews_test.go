package workbook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"reportfacts/pipeline/store"
)

// edit opens an exported workbook, lets change edit it as an editor would
// in Excel, and returns the saved bytes.
func edit(t *testing.T, b []byte, change func(f *excelize.File)) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	change(f)
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func set(t *testing.T, f *excelize.File, col, row int, v interface{}) {
	t.Helper()
	if err := f.SetCellValue(FactsSheet, cellName(t, col, row), v); err != nil {
		t.Fatal(err)
	}
}

// lookupOf serves the rows as a store would from FactByKey.
func lookupOf(rows []store.FactRow) FactLookup {
	byKey := map[string]store.FactRow{}
	for _, r := range rows {
		byKey[r.Key] = r
	}
	return func(_ context.Context, key string) (store.FactRow, bool, error) {
		r, ok := byKey[key]
		return r, ok, nil
	}
}

// stripTimes drops the edits' review times, checking that each has one,
// and returns the reviews alone.
func stripTimes(t *testing.T, es []store.Edit) []store.Review {
	t.Helper()
	out := make([]store.Review, len(es))
	for i, e := range es {
		r := e.Review
		if r.At.IsZero() {
			t.Errorf("review of %s has no time", r.FactKey)
		}
		r.At = time.Time{}
		out[i] = r
	}
	return out
}

// seenStatuses lists the status each edit was made over.
func seenStatuses(es []store.Edit) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Seen.Status)
	}
	return out
}

func TestReadReviewsUnchangedIsEmpty(t *testing.T) {
	rows := sampleRows()
	b := export(t, rows, sampleDocs())
	got, err := ReadReviews(context.Background(), bytes.NewReader(b), lookupOf(rows), "编辑甲")
	if err != nil {
		t.Fatalf("ReadReviews: %v", err)
	}
	if len(got) != 0 {
		t.Errorf("an unedited export gave reviews %+v, want none", got)
	}
}

func TestReadReviewsEdits(t *testing.T) {
	rows := sampleRows()
	b := edit(t, export(t, rows, sampleDocs()), func(f *excelize.File) {
		set(t, f, colReviewStatus, 2, "错误")
		set(t, f, colNote, 2, "应为1554.71亿元")
		set(t, f, colReviewStatus, 6, "已更正")
		set(t, f, colCorrectedValue, 6, -0.7) // typed as a number
		set(t, f, colReviewStatus, 7, "已更正")
		set(t, f, colCorrectedValue, 7, "４")    // typed as full-width text
		set(t, f, colReviewStatus, 3, "待审")     // was 正确: reset
		set(t, f, colNote, 9, "日期待核对")          // a note alone is kept
		set(t, f, colCorrectedValue, 5, 2.6700) // same as stored: unchanged
	})
	got, err := ReadReviews(context.Background(), bytes.NewReader(b), lookupOf(rows), "编辑甲")
	if err != nil {
		t.Fatalf("ReadReviews: %v", err)
	}
	want := []store.Review{
		{FactKey: rows[0].Key, Status: "wrong", Note: "应为1554.71亿元", Reviewer: "编辑甲"},
		{FactKey: rows[1].Key, Status: "pending", Reviewer: "编辑甲"},
		{FactKey: rows[4].Key, Status: "corrected", CorrectedValue: "-0.7", Reviewer: "编辑甲"},
		{FactKey: rows[5].Key, Status: "corrected", CorrectedValue: "4", Reviewer: "编辑甲"},
		{FactKey: rows[7].Key, Status: "pending", Note: "日期待核对", Reviewer: "编辑甲"},
	}
	if g := stripTimes(t, got); !reflect.DeepEqual(g, want) {
		t.Errorf("reviews =\n%+v\nwant\n%+v", g, want)
	}
	// Each edit says what it was made over: the reset one a verdict.
	if g, w := seenStatuses(got), []string{"pending", "correct", "pending", "pending", "pending"}; !reflect.DeepEqual(g, w) {
		t.Errorf("edits were made over %v, want %v", g, w)
	}
}

func TestReadReviewsWithoutLookup(t *testing.T) {
	rows := sampleRows()
	exported := export(t, rows, sampleDocs())
	b := edit(t, exported, func(f *excelize.File) {
		set(t, f, colReviewStatus, 3, "错误") // was 正确
		set(t, f, colReviewStatus, 6, "正确") // was 待审
	})
	got, err := ReadReviews(context.Background(), bytes.NewReader(b), nil, "编辑甲")
	if err != nil {
		t.Fatalf("ReadReviews: %v", err)
	}
	// Without the store, the Exported sheet alone says what changed.
	want := []store.Review{
		{FactKey: rows[1].Key, Status: "wrong", Reviewer: "编辑甲"},
		{FactKey: rows[4].Key, Status: "correct", Reviewer: "编辑甲"},
	}
	if g := stripTimes(t, got); !reflect.DeepEqual(g, want) {
		t.Errorf("reviews =\n%+v\nwant\n%+v", g, want)
	}

	// A workbook without the Exported sheet (an older export) counts every
	// fact as exported pending: its verdicts are read as they stand, and a
	// row at 待审 is no review.
	legacy := edit(t, exported, func(f *excelize.File) {
		if err := f.DeleteSheet(ExportedSheet); err != nil {
			t.Fatal(err)
		}
	})
	got, err = ReadReviews(context.Background(), bytes.NewReader(legacy), nil, "编辑甲")
	if err != nil {
		t.Fatalf("ReadReviews of a workbook without %s: %v", ExportedSheet, err)
	}
	want = []store.Review{
		{FactKey: rows[1].Key, Status: "correct", Reviewer: "编辑甲"},
		{FactKey: rows[2].Key, Status: "wrong", Note: "个 是 台", Reviewer: "编辑甲"},
		{FactKey: rows[3].Key, Status: "corrected", CorrectedValue: "2.67", Reviewer: "编辑甲"},
	}
	if g := stripTimes(t, got); !reflect.DeepEqual(g, want) {
		t.Errorf("reviews of a workbook without %s =\n%+v\nwant\n%+v", ExportedSheet, g, want)
	}
}

// problems returns the rejection's problems, failing the test when the
// error is not an *ImportError.
func problems(t *testing.T, err error) []Problem {
	t.Helper()
	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("error = %v, want an *ImportError", err)
	}
	return ie.Problems
}

func hasProblem(ps []Problem, row int, reason string) bool {
	for _, p := range ps {
		if p.Row == row && strings.Contains(p.Reason, reason) {
			return true
		}
	}
	return false
}

func TestReadReviewsRejectsBadRows(t *testing.T) {
	rows := sampleRows()
	b := edit(t, export(t, rows, sampleDocs()), func(f *excelize.File) {
		set(t, f, colReviewStatus, 2, "对")                     // unknown status
		set(t, f, colReviewStatus, 4, "已更正")                   // corrected, no value
		set(t, f, colCorrectedValue, 4, "")                    //
		set(t, f, colReviewStatus, 5, "已更正")                   //
		set(t, f, colCorrectedValue, 5, "2.6七")                // not a number
		set(t, f, colKey, 6, "0000000000000000")               // unknown key
		set(t, f, colKey, 7, "")                               // empty key
		set(t, f, colCorrectedValue, 8, "3")                   // value without 已更正
		set(t, f, colKey, 3, rows[0].Key)                      // duplicate of row 2
		set(t, f, colReviewStatus, 9, "已更正")                   // a date fact
		set(t, f, colCorrectedValue, 9, "2021年8月")             // not ISO
		set(t, f, colNote, 12, "a stray note below the facts") // row with no key
	})
	got, err := ReadReviews(context.Background(), bytes.NewReader(b), lookupOf(rows), "编辑甲")
	if got != nil {
		t.Errorf("a rejected workbook gave reviews %+v, want none", got)
	}
	ps := problems(t, err)
	for _, want := range []Problem{
		{2, `unknown review status "对"`},
		{3, "also on row 2"},
		{4, "needs a corrected value"},
		{5, "not a number"},
		{6, "names no stored fact"},
		{7, "key (键) is empty"},
		{8, "needs status 已更正"},
		{9, "not a date or period"},
		{12, "key (键) is empty"},
	} {
		if !hasProblem(ps, want.Row, want.Reason) {
			t.Errorf("no problem %q on row %d in %+v", want.Reason, want.Row, ps)
		}
	}
	if len(ps) != 9 {
		t.Errorf("%d problems, want 9: %+v", len(ps), ps)
	}
	if !hasProblem(ps, 9, "not a date or period") {
		t.Errorf("no date problem on row 9")
	}
	msg := err.Error()
	if !strings.Contains(msg, "row 6: key 0000000000000000 names no stored fact") {
		t.Errorf("error message does not name the row and reason:\n%s", msg)
	}
}

func TestReadReviewsRejectsColumns(t *testing.T) {
	rows := sampleRows()
	exported := export(t, rows, sampleDocs())
	for _, tc := range []struct {
		name   string
		change func(f *excelize.File)
		want   []string
	}{
		{"missing note", func(f *excelize.File) {
			if err := f.RemoveCol(FactsSheet, colName(colNote)); err != nil {
				t.Fatal(err)
			}
		}, []string{`column "备注 (note)" is missing`, `column "键 (key)" was moved to column U`}},
		{"status moved to the end", func(f *excelize.File) {
			if err := f.RemoveCol(FactsSheet, colName(colReviewStatus)); err != nil {
				t.Fatal(err)
			}
			set(t, f, len(factColumns)-1, 1, factColumns[colReviewStatus].Header)
		}, []string{`column "审核状态 (review_status)" was moved to column ` + colName(len(factColumns)-1) + ` (expected in column S)`}},
		{"renamed key", func(f *excelize.File) {
			set(t, f, colKey, 1, "key")
		}, []string{`column "键 (key)" is missing`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := edit(t, exported, tc.change)
			_, err := ReadReviews(context.Background(), bytes.NewReader(b), lookupOf(rows), "编辑甲")
			ps := problems(t, err)
			for _, want := range tc.want {
				if !hasProblem(ps, 1, want) {
					t.Errorf("no header problem %q in %+v", want, ps)
				}
			}
		})
	}
}

func TestReadReviewsNotAWorkbook(t *testing.T) {
	_, err := ReadReviews(context.Background(), strings.NewReader("key,status\n"), nil, "编辑甲")
	if err == nil {
		t.Fatal("ReadReviews of a CSV = nil error")
	}
	f := excelize.NewFile()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	_, err = ReadReviews(context.Background(), &buf, nil, "编辑甲")
	if ps := problems(t, err); !hasProblem(ps, 0, "no sheet named Facts") {
		t.Errorf("problems = %+v, want the missing Facts sheet", ps)
	}
}

func TestReadReviewsLookupError(t *testing.T) {
	boom := errors.New("connection reset")
	lookup := func(context.Context, string) (store.FactRow, bool, error) { return store.FactRow{}, false, boom }
	_, err := ReadReviews(context.Background(), bytes.NewReader(export(t, sampleRows(), nil)), lookup, "编辑甲")
	if !errors.Is(err, boom) {
		t.Errorf("error = %v, want it to wrap the lookup's", err)
	}
}

func TestNormaliseCorrection(t *testing.T) {
	for _, tc := range []struct {
		kind, in, want string
		ok             bool
	}{
		{"money", "1554.18", "1554.18", true},
		{"money", "1,554.18", "1554.18", true},
		{"money", "1554.1800000000001", "1554.18", true},
		{"money", "155,417,000,000", "155417000000", true},
		{"growth", "-3.0", "-3", true},
		{"growth", "-0", "0", true},
		{"percent", "２．５", "2.5", true},
		{"percent", "1e2", "100", true},
		{"percent", "2.5%", "", false},
		{"money", "十亿", "", false},
		{"money", "Infinity", "", false},
		{"date", "2021-07", "2021-07", true},
		{"period", "2021..2025", "2021..2025", true},
		{"period", "2021-2025", "", false},
		{"date", "44378", "", false},
	} {
		got, err := normaliseCorrection(tc.kind, tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("normaliseCorrection(%s, %q) = %q, %v; want %q, ok=%v", tc.kind, tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func ExampleImportError() {
	err := &ImportError{Problems: []Problem{{Row: 4, Reason: `unknown review status "对"`}, {Row: 9, Reason: "the key (键) is empty"}}}
	fmt.Println(err)
	// Output:
	// reviewed workbook rejected, 2 problem(s):
	//   row 4: unknown review status "对"
	//   row 9: the key (键) is empty
}

// TestReadReviewsRuleColumns: the rule columns after the key may be hidden,
// or missing from a workbook exported before they were added; the columns
// editors work in are read where they always stood.
func TestReadReviewsRuleColumns(t *testing.T) {
	rows := sampleRows()
	exported := export(t, rows, sampleDocs())
	if colKey != 21 || colEntityRule != colKey+1 || len(factColumns) != colPeriodRule+1 {
		t.Fatalf("the rule columns must follow the key, the last of the columns before them")
	}
	for _, tc := range []struct {
		name   string
		change func(f *excelize.File)
	}{
		{"hidden", func(f *excelize.File) {
			if err := f.SetColVisible(FactsSheet, colName(colEntityRule)+":"+colName(colPeriodRule), false); err != nil {
				t.Fatal(err)
			}
		}},
		{"exported before they were added", func(f *excelize.File) {
			for range 3 {
				if err := f.RemoveCol(FactsSheet, colName(colEntityRule)); err != nil {
					t.Fatal(err)
				}
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := edit(t, exported, func(f *excelize.File) {
				tc.change(f)
				set(t, f, colReviewStatus, 2, "错误")
			})
			got, err := ReadReviews(context.Background(), bytes.NewReader(b), lookupOf(rows), "编辑甲")
			if err != nil {
				t.Fatalf("ReadReviews: %v", err)
			}
			want := []store.Review{{FactKey: rows[0].Key, Status: "wrong", Reviewer: "编辑甲"}}
			if g := stripTimes(t, got); !reflect.DeepEqual(g, want) {
				t.Errorf("reviews =\n%+v\nwant\n%+v", g, want)
			}
		})
	}
	// Present but moved is still a moved column.
	b := edit(t, exported, func(f *excelize.File) {
		set(t, f, colEntityRule, 1, factColumns[colMetricRule].Header)
		set(t, f, colMetricRule, 1, factColumns[colEntityRule].Header)
	})
	_, err := ReadReviews(context.Background(), bytes.NewReader(b), lookupOf(rows), "编辑甲")
	if ps := problems(t, err); !hasProblem(ps, 1, `column "主体规则 (entity_rule)" was moved to column X (expected in column W)`) {
		t.Errorf("swapped rule columns: problems %+v", ps)
	}
}
