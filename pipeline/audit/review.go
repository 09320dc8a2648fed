package audit

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"reportfacts/pipeline/store"
	"reportfacts/pipeline/workbook"
)

// IsAuditWorkbook says whether an .xlsx is an audit workbook (it has the
// Findings sheet), which review import reads with ImportReviews, not as
// the facts workbook.
func IsAuditWorkbook(data []byte) bool {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return false
	}
	defer func() { _ = f.Close() }()
	idx, err := f.GetSheetIndex(FindingsSheet)
	return err == nil && idx >= 0
}

// ReadReviews reads the reviews an editor made in the Findings sheet of
// an audit workbook, signed by reviewer: a failed finding (不符) whose 审核
// cell says 已核实 is marked reviewed, with the 备注 as its note; a
// reviewed finding (已核实) set back to 待审 is reopened. Rows left as they
// were written are no reviews. Columns are found by their header.
//
// It is all or nothing: an unknown review label, a finding that did not
// fail marked reviewed, a row without its key or a key twice make a
// *workbook.ImportError naming every problem with its row.
func ReadReviews(ctx context.Context, r io.Reader, reviewer string) (reviews []store.FindingReview, err error) {
	defer func() {
		if p := recover(); p != nil {
			reviews, err = nil, fmt.Errorf("read finding reviews: excelize panicked: %v", p)
		}
	}()
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, fmt.Errorf("read finding reviews: open workbook: %w", err)
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("read finding reviews: close workbook: %w", cerr)
		}
	}()
	if idx, err := f.GetSheetIndex(FindingsSheet); err != nil || idx < 0 {
		return nil, &workbook.ImportError{Problems: []workbook.Problem{{Row: 0, Reason: "no sheet named " + FindingsSheet}}}
	}
	rows, err := f.GetRows(FindingsSheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("read finding reviews: sheet %s: %w", FindingsSheet, err)
	}
	var problems []workbook.Problem
	problem := func(row int, format string, args ...interface{}) {
		problems = append(problems, workbook.Problem{Row: row, Reason: fmt.Sprintf(format, args...)})
	}
	if len(rows) == 0 {
		return nil, &workbook.ImportError{Problems: []workbook.Problem{{Row: 1, Reason: "the sheet is empty: no header row"}}}
	}
	at := map[string]int{}
	for i, h := range rows[0] {
		if _, dup := at[strings.TrimSpace(h)]; !dup {
			at[strings.TrimSpace(h)] = i
		}
	}
	for _, c := range []string{colFindingKey, colCheck, colStatus, colReview, colNote, colDocument} {
		if _, ok := at[c]; !ok {
			problem(1, "column %q is missing", c)
		}
	}
	if len(problems) > 0 {
		return nil, &workbook.ImportError{Problems: problems}
	}
	get := func(cells []string, col string) string {
		if i := at[col]; i < len(cells) {
			return strings.TrimSpace(cells[i])
		}
		return ""
	}
	seen := map[string]int{}
	stamp := time.Now().UTC()
	for n, cells := range rows[1:] {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		row := n + 2
		key, status, review := get(cells, colFindingKey), get(cells, colStatus), get(cells, colReview)
		if key == "" {
			if strings.Join(cells, "") != "" {
				problem(row, "the key (键) is empty")
			}
			continue
		}
		if first, dup := seen[key]; dup {
			problem(row, "finding %s is also on row %d", key, first)
			continue
		}
		seen[key] = row
		rv := store.FindingReview{FindingKey: key, Check: get(cells, colCheck), Document: get(cells, colDocument),
			Note: get(cells, colNote), Reviewer: reviewer, At: stamp}
		switch {
		case review == reviewReviewed && status == statusLabel[StatusFailed]:
			rv.Status = store.FindingReviewed
		case review == reviewReviewed && status == statusLabel[StatusReviewed]:
			continue // reviewed already
		case review == reviewReviewed:
			problem(row, "only a failed finding (%s) can be marked %s, not one that is %s", statusLabel[StatusFailed], reviewReviewed, status)
			continue
		case (review == reviewPending || review == "") && status == statusLabel[StatusReviewed]:
			rv.Status = store.FindingPending // reopened
		case review == reviewPending || review == "":
			continue
		default:
			problem(row, "unknown review %q (use %s or %s)", review, reviewPending, reviewReviewed)
			continue
		}
		reviews = append(reviews, rv)
	}
	if len(problems) > 0 {
		return nil, &workbook.ImportError{Problems: problems}
	}
	return reviews, nil
}

// ImportReviews reads the reviews of an audit workbook (see ReadReviews)
// and records them in st in one transaction. It returns how many it
// recorded.
func ImportReviews(ctx context.Context, r io.Reader, st *store.Store, reviewer string) (int, error) {
	reviews, err := ReadReviews(ctx, r, reviewer)
	if err != nil {
		return 0, err
	}
	if err := st.ApplyFindingReviews(ctx, reviews); err != nil {
		return 0, err
	}
	return len(reviews), nil
}
