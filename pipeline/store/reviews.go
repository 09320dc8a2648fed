package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// The review statuses, stored in English (the workbook shows 待审 正确 错误 已更正).
const (
	StatusPending   = "pending"   // never reviewed, or sent back for review
	StatusCorrect   = "correct"   // the fact is right as extracted
	StatusWrong     = "wrong"     // the fact is wrong and has no correction
	StatusCorrected = "corrected" // the fact's value is replaced by CorrectedValue
)

// Review is an editor's verdict on one fact.
type Review struct {
	FactKey, Status, CorrectedValue, Note, Reviewer string
	At                                              time.Time // when reviewed; zero means now
	// CarriedFrom and CarriedAt are set on a history entry that records the
	// review moving to this fact from the fact key CarriedFrom, when the
	// document was read again and the fact's offsets moved (see
	// SaveDocument). Verdict, reviewer and At are the review's own.
	CarriedFrom string
	CarriedAt   time.Time
}

func validStatus(s string) bool {
	switch s {
	case StatusPending, StatusCorrect, StatusWrong, StatusCorrected:
		return true
	}
	return false
}

// ApplyReviews records reviews in one transaction: each is appended to the
// history and becomes its fact's current review. A fact key that names no
// stored fact, or an unknown status, is an error naming them, and nothing
// is written. Reviews of one fact apply in the order given.
func (s *Store) ApplyReviews(ctx context.Context, reviews []Review) error {
	if len(reviews) == 0 {
		return nil
	}
	keys := make([]string, 0, len(reviews))
	var bad []string
	for _, r := range reviews {
		if !validStatus(r.Status) {
			bad = append(bad, fmt.Sprintf("%s: %q", r.FactKey, r.Status))
		}
		keys = append(keys, r.FactKey)
	}
	if len(bad) > 0 {
		return fmt.Errorf("apply reviews: unknown status for %s", strings.Join(bad, ", "))
	}
	stamp := now()
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := s.checkKeys(ctx, tx, keys); err != nil {
			return err
		}
		return s.writeReviews(ctx, tx, reviews, stamp)
	})
	if err != nil {
		return fmt.Errorf("apply reviews: %w", err)
	}
	return nil
}

// writeReviews appends reviews to the history and makes each its fact's
// current review; a review with no time gets stamp.
func (s *Store) writeReviews(ctx context.Context, tx *sqlx.Tx, reviews []Review, stamp time.Time) error {
	values := func(r Review) []any {
		at := r.At.UTC()
		if r.At.IsZero() {
			at = stamp
		}
		return []any{r.FactKey, r.Status, r.CorrectedValue, r.Note, r.Reviewer, at}
	}
	err := s.insertRows(ctx, tx, `INSERT INTO review_history
		(fact_key, status, corrected_value, note, reviewer, reviewed_at)`, "", len(reviews),
		func(i int) []any { return values(reviews[i]) })
	if err != nil {
		return fmt.Errorf("record reviews: %w", err)
	}
	// One statement may not update a row twice: of several reviews of one
	// fact, the last is its current review.
	current := latestPerFact(reviews)
	err = s.insertRows(ctx, tx, `INSERT INTO reviews
		(fact_key, status, corrected_value, note, reviewer, reviewed_at)`,
		`ON CONFLICT (fact_key) DO UPDATE SET status = excluded.status,
		corrected_value = excluded.corrected_value, note = excluded.note,
		reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at`, len(current),
		func(i int) []any { return values(current[i]) })
	if err != nil {
		return fmt.Errorf("set current reviews: %w", err)
	}
	return nil
}

// latestPerFact keeps the last review of each fact, in the order of their
// first appearance.
func latestPerFact(reviews []Review) []Review {
	index := make(map[string]int, len(reviews))
	var out []Review
	for _, r := range reviews {
		if i, ok := index[r.FactKey]; ok {
			out[i] = r
			continue
		}
		index[r.FactKey] = len(out)
		out = append(out, r)
	}
	return out
}

// checkKeys fails naming every key that is not a stored fact. On
// PostgreSQL it locks the facts until the transaction ends, in key order
// (as SaveDocument locks a document's facts), so that a document being
// read again at the same moment either waits for these reviews or has
// replaced the facts already, and the keys are then unknown here.
func (s *Store) checkKeys(ctx context.Context, tx *sqlx.Tx, keys []string) error {
	known := make(map[string]bool, len(keys))
	keys = distinctSorted(keys)
	lock := ""
	if s.driver == DriverPostgres {
		lock = " ORDER BY fact_key FOR UPDATE"
	}
	// In chunks, to stay under the databases' limits on bound parameters.
	const chunk = 500
	for i := 0; i < len(keys); i += chunk {
		part := keys[i:min(i+chunk, len(keys))]
		query, args, err := sqlx.In(`SELECT fact_key FROM facts WHERE fact_key IN (?)`+lock, part)
		if err != nil {
			return fmt.Errorf("build fact key query: %w", err)
		}
		var found []string
		if err := tx.SelectContext(ctx, &found, s.q(query), args...); err != nil {
			return fmt.Errorf("look up fact keys: %w", err)
		}
		for _, k := range found {
			known[k] = true
		}
	}
	var unknown []string
	seen := map[string]bool{}
	for _, k := range keys {
		if !known[k] && !seen[k] {
			unknown = append(unknown, k)
			seen[k] = true
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fmt.Errorf("unknown fact keys: %s", strings.Join(unknown, ", "))
	}
	return nil
}

const reviewColumns = `fact_key, status, corrected_value, note, reviewer, reviewed_at`

func (s *Store) selectReviews(ctx context.Context, query string, args ...any) ([]Review, error) {
	rows, err := s.db.QueryxContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Review
	for rows.Next() {
		var r Review
		if err := rows.Scan(&r.FactKey, &r.Status, &r.CorrectedValue, &r.Note, &r.Reviewer, &r.At); err != nil {
			return nil, err
		}
		r.At = r.At.UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReviewHistory lists every review ever applied to a fact, oldest first,
// with the history it brought along when it was carried over from another
// key, and an entry for each such move.
func (s *Store) ReviewHistory(ctx context.Context, factKey string) ([]Review, error) {
	rows, err := s.db.QueryxContext(ctx, s.q(`SELECT `+reviewColumns+`, carried_from, carried_at
		FROM review_history WHERE fact_key = ? ORDER BY id`), factKey)
	if err != nil {
		return nil, fmt.Errorf("review history of %s: %w", factKey, err)
	}
	defer rows.Close()
	var out []Review
	for rows.Next() {
		var r Review
		var carriedAt sql.NullTime
		if err := rows.Scan(&r.FactKey, &r.Status, &r.CorrectedValue, &r.Note, &r.Reviewer, &r.At,
			&r.CarriedFrom, &carriedAt); err != nil {
			return nil, fmt.Errorf("review history of %s: %w", factKey, err)
		}
		r.At = r.At.UTC()
		if carriedAt.Valid {
			r.CarriedAt = carriedAt.Time.UTC()
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("review history of %s: %w", factKey, err)
	}
	return out, nil
}

// OrphanReviews lists current reviews whose fact key no longer exists,
// ordered by key.
func (s *Store) OrphanReviews(ctx context.Context) ([]Review, error) {
	out, err := s.selectReviews(ctx, `SELECT `+reviewColumns+` FROM reviews r
		WHERE NOT EXISTS (SELECT 1 FROM facts f WHERE f.fact_key = r.fact_key) ORDER BY fact_key`)
	if err != nil {
		return nil, fmt.Errorf("orphaned reviews: %w", err)
	}
	return out, nil
}

// distinctSorted returns the distinct strings of s in order.
func distinctSorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}
