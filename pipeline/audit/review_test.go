package audit

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"reportfacts/internal/testenv"
	"reportfacts/pipeline/workbook"
)

// cloudText holds, over three sentences, a total that its parts add up
// to and a breakdown that does not: 278 + 100 + 895 is 1273, not 1277.
const cloudText = "2020年中国云计算市场规模达到2091亿元，较2019年增长56.6%。其中，公有云市场规模达1277亿元，同比增长85.2%；" +
	"私有云市场规模达814亿元，同比增长26.1%。从公有云细分市场看，2020年我国公有云SaaS、PaaS、IaaS市场规模分别达到278亿元、100亿元和895亿元。"

// markReview sets the 审核 and 备注 cells of the row of finding key in an
// audit workbook.
func markReview(t *testing.T, book []byte, key, review, note string) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	rows, err := f.GetRows(FindingsSheet)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for i, r := range rows {
		if len(r) > 0 && r[0] == key {
			found = true
			for col, v := range map[string]string{"D": review, "E": note} {
				if err := f.SetCellValue(FindingsSheet, col+strconv.Itoa(i+1), v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if !found {
		t.Fatalf("no row of finding %s", key)
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestReviewedFindings: a failed finding marked 已核实 in the audit
// workbook and imported is reported as reviewed, not failed, by the next
// audit; set back to 待审 and imported, it fails again.
func TestReviewedFindings(t *testing.T) {
	testenv.EachBackend(t, func(t *testing.T, be testenv.Backend) {
		ctx := context.Background()
		st := openStore(t, be.DSN)
		ingest(t, st, filepath.Join(t.TempDir(), "cloud.txt"), cloudText)
		audit := func() *Report {
			t.Helper()
			rep, err := Run(ctx, st, Options{Checks: []string{CheckTotal}})
			if err != nil {
				t.Fatal(err)
			}
			return rep
		}
		book := func(rep *Report) []byte {
			t.Helper()
			var buf bytes.Buffer
			if err := WriteWorkbook(&buf, rep); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}
		rep := audit()
		failed := rep.Failed()
		if len(failed) != 1 || !strings.Contains(failed[0].Detail, "add up to 127300000000, but the total is 1277亿元") {
			t.Fatalf("failed = %s, want the breakdown of 1277亿元", describe(failed))
		}
		key := failed[0].Key

		// A passed finding cannot be marked reviewed: nothing is taken.
		var passedKey string
		for _, f := range rep.Findings {
			if f.Passed {
				passedKey = f.Key
			}
		}
		bad := markReview(t, markReview(t, book(rep), key, reviewReviewed, ""), passedKey, reviewReviewed, "")
		var ie *workbook.ImportError
		if _, err := ImportReviews(ctx, bytes.NewReader(bad), st, "王编辑"); !errors.As(err, &ie) || len(ie.Problems) != 1 {
			t.Fatalf("import marking a passed finding: %v, want one problem", err)
		}
		if len(audit().Failed()) != 1 {
			t.Fatal("a rejected import changed the audit")
		}

		n, err := ImportReviews(ctx, bytes.NewReader(markReview(t, book(rep), key, reviewReviewed, "原报告误印")), st, "王编辑")
		if err != nil || n != 1 {
			t.Fatalf("import: %d, %v; want 1 review", n, err)
		}
		rep = audit()
		if f := rep.Failed(); len(f) != 0 {
			t.Fatalf("after the review, failed = %s", describe(f))
		}
		var reviewed *Finding
		for i := range rep.Findings {
			if rep.Findings[i].Key == key {
				reviewed = &rep.Findings[i]
			}
		}
		if reviewed == nil || reviewed.Status != StatusReviewed || !strings.Contains(reviewed.Review, "王编辑") ||
			!strings.Contains(reviewed.Review, "原报告误印") || rep.Reviewed[CheckTotal] != 1 {
			t.Fatalf("reviewed finding = %+v, counts %v", reviewed, rep.Reviewed)
		}
		var out bytes.Buffer
		if err := WriteTable(&out, rep); err != nil || !strings.Contains(out.String(), "no failed checks") {
			t.Errorf("table after the review: %v\n%s", err, out.String())
		}

		// Importing the same workbook again changes nothing; reopening does.
		if n, err := ImportReviews(ctx, bytes.NewReader(book(rep)), st, "王编辑"); err != nil || n != 0 {
			t.Fatalf("import as exported: %d, %v; want nothing", n, err)
		}
		if n, err := ImportReviews(ctx, bytes.NewReader(markReview(t, book(rep), key, reviewPending, "")), st, "李编辑"); err != nil || n != 1 {
			t.Fatalf("reopen: %d, %v", n, err)
		}
		if f := audit().Failed(); len(f) != 1 || f[0].Key != key {
			t.Fatalf("after reopening, failed = %s", describe(f))
		}
	})
}

// TestIsAuditWorkbook tells the audit workbook from others.
func TestIsAuditWorkbook(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, &Report{}); err != nil {
		t.Fatal(err)
	}
	if !IsAuditWorkbook(buf.Bytes()) {
		t.Error("the audit workbook is not recognised")
	}
	f := excelize.NewFile()
	var other bytes.Buffer
	if err := f.Write(&other); err != nil {
		t.Fatal(err)
	}
	if IsAuditWorkbook(other.Bytes()) || IsAuditWorkbook([]byte("not a workbook")) {
		t.Error("another file taken for an audit workbook")
	}
}
