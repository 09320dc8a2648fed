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

// ReadReviews reads the Facts sheet of a reviewed workbook into reviews.
//
// Columns are found by their header and must stand where Export put them;
// columns added after the last are ignored. A row is a review when its
// status is not 待审 or it carries a corrected value or a note. A
// corrected value goes with 已更正 and no other status, and must be a
// number for numeric kinds (a date or period for those kinds).
//
// With a lookup, every key must name a stored fact, the stored kind decides
// whether a correction must be numeric, rows that repeat the stored review
// unchanged are left out, and a row set back to 待审 with nothing in it
// resets a stored review to pending. A nil lookup skips all that.
//
// It is all or nothing: any problem fails the whole sheet with an
// *ImportError that names every problem with its row.
func ReadReviews(ctx context.Context, r io.Reader, lookup FactLookup) (reviews []store.Review, err error) {
	defer func() {
		if p := recover(); p != nil {
			reviews, err = nil, fmt.Errorf("read reviews: excelize panicked: %v", p)
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
	rows, err := f.Rows(FactsSheet)
	if err != nil {
		return nil, fmt.Errorf("read reviews: sheet %s: %w", FactsSheet, err)
	}
	defer func() {
		if cerr := rows.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("read reviews: close rows: %w", cerr)
		}
	}()

	rd := reader{lookup: lookup, seen: map[string]int{}, at: time.Now().UTC()}
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
	return rd.reviews, nil
}

// reader gathers the reviews and problems of one sheet.
type reader struct {
	lookup   FactLookup
	seen     map[string]int // key → first row
	at       time.Time
	reviews  []store.Review
	problems []Problem
}

func (rd *reader) problem(row int, format string, args ...interface{}) {
	rd.problems = append(rd.problems, Problem{Row: row, Reason: fmt.Sprintf(format, args...)})
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

	rv := store.Review{FactKey: key, Status: status, CorrectedValue: corrected, Note: note, At: rd.at}
	if found {
		prev := store.Review{FactKey: key, Status: stored.ReviewStatus, CorrectedValue: stored.CorrectedValue, Note: stored.ReviewNote}
		if prev.Status == "" {
			prev.Status = store.StatusPending
		}
		if sameReview(prev, rv) {
			return nil // unchanged since export
		}
	} else if status == store.StatusPending && note == "" {
		return nil // not reviewed
	}
	rd.reviews = append(rd.reviews, rv)
	return nil
}

func sameReview(a, b store.Review) bool {
	if a.Status != b.Status || a.Note != b.Note {
		return false
	}
	if a.CorrectedValue == b.CorrectedValue {
		return true
	}
	x, _, errx := apd.NewFromString(a.CorrectedValue)
	y, _, erry := apd.NewFromString(b.CorrectedValue)
	return errx == nil && erry == nil && x.Cmp(y) == 0
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

// Import reads a reviewed workbook and applies its reviews to st in one
// transaction, signed by reviewer. It returns how many reviews it applied.
func Import(ctx context.Context, r io.Reader, st *store.Store, reviewer string) (int, error) {
	reviews, err := ReadReviews(ctx, r, st.FactByKey)
	if err != nil {
		return 0, err
	}
	for i := range reviews {
		reviews[i].Reviewer = reviewer
	}
	if len(reviews) == 0 {
		return 0, nil
	}
	if err := st.ApplyReviews(ctx, reviews); err != nil {
		return 0, fmt.Errorf("apply %d reviews: %w", len(reviews), err)
	}
	return len(reviews), nil
}
