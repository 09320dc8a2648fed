package workbook

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/cockroachdb/apd/v3"
	"github.com/xuri/excelize/v2"

	"reportfacts/pipeline/store"
)

// Problem is one reason a reviewed workbook was rejected. Row is the
// worksheet's row number as Excel shows it (1 is the header).
type Problem struct {
	Row    int
	Reason string
}

// ImportError lists every problem of a rejected workbook; nothing of it
// was taken.
type ImportError struct {
	Problems []Problem
}

func (e *ImportError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "reviewed workbook rejected, %d problem(s):", len(e.Problems))
	for _, p := range e.Problems {
		fmt.Fprintf(&b, "\n  row %d: %s", p.Row, p.Reason)
	}
	return b.String()
}

// FactLookup finds the stored fact of a key; store.Store.FactByKey fits it.
type FactLookup func(ctx context.Context, key string) (store.FactRow, bool, error)

// statusOf maps the workbook's review labels to the stored statuses.
var statusOf = map[string]string{
	"待审":  store.StatusPending,
	"正确":  store.StatusCorrect,
	"错误":  store.StatusWrong,
	"已更正": store.StatusCorrected,
}

// ReadReviews reads the edits an editor made in the Facts sheet of an
// exported workbook, signed by reviewer.
//
// Columns are found by their header and must stand where Export put them;
// columns added after the last are ignored. A corrected value goes with
// 已更正 and no other status, and must be a number for numeric kinds (a
// date or period for those kinds).
//
// Only the rows an editor changed count: a row whose status, corrected
// value and note are as the hidden Exported sheet says they were exported
// is left out, whatever the database holds now, so that a row left at 待审
// never undoes a verdict another editor gave since. A row set back to 待审
// from a verdict it was exported with resets the fact's review to pending.
// A workbook without the Exported sheet (written before it existed) counts
// every fact as exported pending. Each edit carries, as Seen, the review
// it was made over.
//
// With a lookup, every key must name a stored fact, the stored kind decides
// whether a correction must be numeric, rows that the database already
// holds as they stand are left out, and a row changed over a review that
// another reviewer has changed since the export is a conflict: the row is a
// problem saying who reviewed it and how, and the editor exports again to
// review it over theirs. A nil lookup skips all that; ApplyEdits checks the
// conflicts again when it writes.
//
// It is all or nothing: any problem fails the whole sheet with an
// *ImportError that names every problem with its row.
func ReadReviews(ctx context.Context, r io.Reader, lookup FactLookup, reviewer string) (edits []store.Edit, err error) {
	defer func() {
		if p := recover(); p != nil {
			edits, err = nil, fmt.Errorf("read reviews: excelize panicked: %v", p)
		}
	}()
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, fmt.Errorf("read reviews: open workbook: %w", err)
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("read reviews: close workbook: %w", cerr)
		}
	}()
	if idx, err := f.GetSheetIndex(FactsSheet); err != nil || idx < 0 {
		return nil, &ImportError{Problems: []Problem{{Row: 0, Reason: "no sheet named " + FactsSheet}}}
	}
	rd := reader{lookup: lookup, reviewer: reviewer, seen: map[string]int{}, at: time.Now().UTC()}
	if err := rd.readExported(ctx, f); err != nil {
		return nil, err
	}
	rows, err := f.Rows(FactsSheet)
	if err != nil {
		return nil, fmt.Errorf("read reviews: sheet %s: %w", FactsSheet, err)
	}
	defer func() {
		if cerr := rows.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("read reviews: close rows: %w", cerr)
		}
	}()

	row := 0
	for rows.Next() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		row++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("read reviews: row %d: %w", row, err)
		}
		if row == 1 {
			if !rd.header(cells) {
				return nil, &ImportError{Problems: rd.problems}
			}
			continue
		}
		if err := rd.row(ctx, row, cells); err != nil {
			return nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("read reviews: rows: %w", err)
	}
	if row == 0 {
		rd.problem(1, "the sheet is empty: no header row")
	}
	if len(rd.problems) > 0 {
		return nil, &ImportError{Problems: rd.problems}
	}
	return rd.edits, nil
}

// reader gathers the edits and problems of one sheet.
type reader struct {
	lookup   FactLookup
	reviewer string
	exported map[string]store.Review // key → review at export; nil without the Exported sheet
	seen     map[string]int          // key → first row
	at       time.Time
	edits    []store.Edit
	problems []Problem
}

func (rd *reader) problem(row int, format string, args ...interface{}) {
	rd.problems = append(rd.problems, Problem{Row: row, Reason: fmt.Sprintf(format, args...)})
}

// readExported reads the Exported sheet, where there is one, into
// rd.exported. Its problems are reported on row 0, naming the sheet's row.
func (rd *reader) readExported(ctx context.Context, f *excelize.File) (err error) {
	if idx, err := f.GetSheetIndex(ExportedSheet); err != nil || idx < 0 {
		return nil
	}
	rows, err := f.Rows(ExportedSheet)
	if err != nil {
		return fmt.Errorf("read reviews: sheet %s: %w", ExportedSheet, err)
	}
	defer func() {
		if cerr := rows.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("read reviews: close rows of %s: %w", ExportedSheet, cerr)
		}
	}()
	rd.exported = map[string]store.Review{}
	problem := func(row int, format string, args ...interface{}) {
		rd.problem(0, "hidden sheet %s, row %d: %s (it records what was exported and must not be edited: export again)",
			ExportedSheet, row, fmt.Sprintf(format, args...))
	}
	row := 0
	for rows.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		row++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return fmt.Errorf("read reviews: sheet %s, row %d: %w", ExportedSheet, row, err)
		}
		if row == 1 {
			for i, c := range exportedColumns {
				if got := cell(cells, i); got != c.Header {
					problem(row, "column %s is %q, want %q", colName(i), got, c.Header)
				}
			}
			continue
		}
		key := cell(cells, 0)
		if key == "" {
			if strings.Join(cells, "") != "" {
				problem(row, "the key is empty")
			}
			continue
		}
		if _, dup := rd.exported[key]; dup {
			problem(row, "key %s is there twice", key)
			continue
		}
		rv := store.Review{FactKey: key, Status: cell(cells, 1), CorrectedValue: cell(cells, 2),
			Note: cell(cells, 3), Reviewer: cell(cells, 4)}
		if !validStatus(rv.Status) {
			problem(row, "unknown review status %q", rv.Status)
			continue
		}
		if at := cell(cells, 5); at != "" {
			t, err := time.Parse(time.RFC3339Nano, at)
			if err != nil {
				problem(row, "review time %q is not RFC 3339", at)
				continue
			}
			rv.At = t.UTC()
		}
		rd.exported[key] = rv
	}
	if err := rows.Error(); err != nil {
		return fmt.Errorf("read reviews: rows of %s: %w", ExportedSheet, err)
	}
	return nil
}

func validStatus(s string) bool {
	_, ok := statusLabel[s]
	return ok
}

// header checks that every column stands where Export puts it.
func (rd *reader) header(cells []string) bool {
	at := map[string]int{}
	for i, c := range cells {
		c = strings.TrimSpace(c)
		if _, dup := at[c]; !dup && c != "" {
			at[c] = i
		}
	}
	for want, c := range factColumns {
		got, ok := at[c.Header]
		switch {
		case !ok && addedFactColumns[want]:
			// A workbook exported before the column was added.
		case !ok:
			rd.problem(1, "column %q is missing (expected in column %s)", c.Header, colName(want))
		case got != want:
			rd.problem(1, "column %q was moved to column %s (expected in column %s)", c.Header, colName(got), colName(want))
		}
	}
	return len(rd.problems) == 0
}

func colName(i int) string {
	name, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return strconv.Itoa(i + 1)
	}
	return name
}

func cell(cells []string, i int) string {
	if i < len(cells) {
		return strings.TrimSpace(cells[i])
	}
	return ""
}

// row reads one data row; only a failing lookup is an error, everything
// else about the row is a problem.
func (rd *reader) row(ctx context.Context, row int, cells []string) error {
	key := cell(cells, colKey)
	label := cell(cells, colReviewStatus)
	corrected := cell(cells, colCorrectedValue)
	note := cell(cells, colNote)
	kind := cell(cells, colKind)
	if key == "" && label == "" && corrected == "" && note == "" && kind == "" {
		return nil // a blank row: nothing there
	}
	if key == "" {
		rd.problem(row, "the key (键) is empty")
		return nil
	}
	if first, dup := rd.seen[key]; dup {
		rd.problem(row, "key %s is also on row %d", key, first)
		return nil
	}
	rd.seen[key] = row

	var stored store.FactRow
	found := false
	if rd.lookup != nil {
		var err error
		stored, found, err = rd.lookup(ctx, key)
		if err != nil {
			return fmt.Errorf("read reviews: row %d: look up key %s: %w", row, key, err)
		}
		if !found {
			rd.problem(row, "key %s names no stored fact", key)
			return nil
		}
		kind = stored.Kind
	}

	if label == "" {
		label = "待审"
	}
	status, ok := statusOf[label]
	if !ok {
		rd.problem(row, "unknown review status %q (use 待审, 正确, 错误 or 已更正)", label)
		return nil
	}
	if corrected != "" {
		norm, err := normaliseCorrection(kind, corrected)
		if err != nil {
			rd.problem(row, "corrected value %q: %v", corrected, err)
			return nil
		}
		corrected = norm
	}
	switch {
	case status == store.StatusCorrected && corrected == "":
		rd.problem(row, "status 已更正 needs a corrected value (更正值)")
		return nil
	case status != store.StatusCorrected && corrected != "":
		rd.problem(row, "a corrected value (更正值) needs status 已更正, not %s", label)
		return nil
	}

	rv := store.Review{FactKey: key, Status: status, CorrectedValue: corrected, Note: note,
		Reviewer: rd.reviewer, At: rd.at}
	// A fact the workbook has no record of was exported pending.
	seen := store.Review{FactKey: key, Status: store.StatusPending}
	if ex, ok := rd.exported[key]; ok {
		seen = ex
	}
	if store.SameVerdict(seen, rv) {
		return nil // not changed by the editor
	}
	if found {
		current := store.Review{FactKey: key, Status: stored.ReviewStatus, CorrectedValue: stored.CorrectedValue,
			Note: stored.ReviewNote, Reviewer: stored.Reviewer, At: stored.ReviewedAt}
		if store.SameVerdict(current, rv) {
			return nil // the database has it already
		}
		if store.ChangedSince(current, seen) && current.Reviewer != rd.reviewer {
			rd.problem(row, "conflict: since this workbook was exported, %s reviewed this fact as %s%s; "+
				"export again to review it over that", orSomeone(current.Reviewer), describe(current), atTime(current.At))
			return nil
		}
	}
	rd.edits = append(rd.edits, store.Edit{Review: rv, Seen: seen})
	return nil
}

func orSomeone(reviewer string) string {
	if reviewer == "" {
		return "someone"
	}
	return reviewer
}

// describe renders a review as the workbook shows it: 已更正 4.1 (note).
func describe(r store.Review) string {
	s := statusLabel[r.Status]
	if s == "" {
		s = r.Status
	}
	if r.CorrectedValue != "" {
		s += " " + r.CorrectedValue
	}
	if r.Note != "" {
		s += "（" + r.Note + "）"
	}
	return s
}

func atTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return " at " + t.UTC().Format("2006-01-02 15:04 UTC")
}

// partialDate is a date or period as FACTS.md writes them.
var partialDate = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?(\.\.\d{4}(-\d{2}(-\d{2})?)?)?$`)

// serialDate is how a date typed into a cell not formatted as text comes
// back: days since 1900.
var serialDate = regexp.MustCompile(`^\d{5}(\.\d+)?$`)

var errNotNumber = errors.New("not a number")

// normaliseCorrection checks an editor's corrected value against the fact's
// kind and returns it in stored form: for numeric kinds a plain decimal
// without exponent or grouping, cut to the 15 significant digits an Excel
// number holds (a typed 1554.18 can come back as 1554.1800000000001).
func normaliseCorrection(kind, s string) (string, error) {
	if !isNumericKind(kind) {
		if !partialDate.MatchString(s) {
			hint := ""
			if serialDate.MatchString(s) {
				hint = "; it looks like a spreadsheet date: format the cell as text and type e.g. 2021-07"
			}
			return "", fmt.Errorf("not a date or period (YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO) for a %s fact%s", kind, hint)
		}
		return s, nil
	}
	clean := strings.Map(func(r rune) rune {
		switch {
		case r == ',' || r == '，' || r == ' ' || r == '\u00a0':
			return -1
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '．':
			return '.'
		case r == '－':
			return '-'
		}
		return r
	}, s)
	d, _, err := apd.NewFromString(clean)
	if err != nil || d.Form != apd.Finite {
		return "", fmt.Errorf("%w for a %s fact", errNotNumber, kind)
	}
	if d.NumDigits() > maxExactDigits {
		ctx := apd.BaseContext.WithPrecision(maxExactDigits)
		if _, err := ctx.Round(d, d); err != nil {
			return "", fmt.Errorf("round: %w", err)
		}
	}
	d.Reduce(d)
	if d.IsZero() {
		d.Negative = false
	}
	return d.Text('f'), nil
}

// Import reads the edits of a reviewed workbook (see ReadReviews) and
// applies them to st in one transaction, signed by reviewer. It returns
// how many reviews it applied. Another import that reviews the same facts
// at the same moment makes it fail with a *store.ConflictError, nothing
// written.
func Import(ctx context.Context, r io.Reader, st *store.Store, reviewer string) (int, error) {
	edits, err := ReadReviews(ctx, r, st.FactByKey, reviewer)
	if err != nil {
		return 0, err
	}
	n, err := st.ApplyEdits(ctx, edits)
	if err != nil {
		return 0, fmt.Errorf("apply %d reviews: %w", len(edits), err)
	}
	return n, nil
}
