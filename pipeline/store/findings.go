package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// The statuses of a review of an audit finding.
const (
	FindingPending  = "pending"  // raised again by the next audit
	FindingReviewed = "reviewed" // a known misprint: the audit reports it as reviewed, not failed
)

// FindingReview is an editor's verdict on one failed finding of the audit.
type FindingReview struct {
	FindingKey string
	Check      string // the check that failed, for the record
	Document   string // the document's path, for the record
	Status     string // FindingPending or FindingReviewed
	Note       string
	Reviewer   string
	At         time.Time // when reviewed; zero means now
}

// ApplyFindingReviews records reviews of audit findings in one
// transaction: each is appended to the history and becomes its finding's
// current review. An unknown status or an empty key is an error naming
// it, and nothing is written.
func (s *Store) ApplyFindingReviews(ctx context.Context, reviews []FindingReview) error {
	if len(reviews) == 0 {
		return nil
	}
	for _, r := range reviews {
		if r.FindingKey == "" {
			return fmt.Errorf("apply finding reviews: a review without a finding key")
		}
		if r.Status != FindingPending && r.Status != FindingReviewed {
			return fmt.Errorf("apply finding reviews: %s: unknown status %q", r.FindingKey, r.Status)
		}
	}
	stamp := now()
	at := func(r FindingReview) time.Time {
		if r.At.IsZero() {
			return stamp
		}
		return r.At.UTC()
	}
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		err := s.insertRows(ctx, tx, `INSERT INTO finding_review_history
			(finding_key, status, note, reviewer, reviewed_at)`, "", len(reviews),
			func(i int) []any {
				r := reviews[i]
				return []any{r.FindingKey, r.Status, r.Note, r.Reviewer, at(r)}
			})
		if err != nil {
			return fmt.Errorf("record finding reviews: %w", err)
		}
		// The last review of a finding is its current one.
		last := map[string]int{}
		var order []string
		for i, r := range reviews {
			if _, ok := last[r.FindingKey]; !ok {
				order = append(order, r.FindingKey)
			}
			last[r.FindingKey] = i
		}
		err = s.insertRows(ctx, tx, `INSERT INTO finding_reviews
			(finding_key, check_name, document, status, note, reviewer, reviewed_at)`,
			`ON CONFLICT (finding_key) DO UPDATE SET check_name = excluded.check_name,
			document = excluded.document, status = excluded.status, note = excluded.note,
			reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at`, len(order),
			func(i int) []any {
				r := reviews[last[order[i]]]
				return []any{r.FindingKey, r.Check, encodePath(r.Document), r.Status, r.Note, r.Reviewer, at(r)}
			})
		if err != nil {
			return fmt.Errorf("set current finding reviews: %w", err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("apply finding reviews: %w", err)
	}
	return nil
}

// FindingReviews returns the current review of every reviewed finding, by
// finding key.
func (s *Store) FindingReviews(ctx context.Context) (map[string]FindingReview, error) {
	rows, err := s.db.QueryxContext(ctx, `SELECT finding_key, check_name, document, status, note, reviewer, reviewed_at
		FROM finding_reviews`)
	if err != nil {
		return nil, fmt.Errorf("read finding reviews: %w", err)
	}
	defer rows.Close()
	out := map[string]FindingReview{}
	for rows.Next() {
		var r FindingReview
		if err := rows.Scan(&r.FindingKey, &r.Check, &r.Document, &r.Status, &r.Note, &r.Reviewer, &r.At); err != nil {
			return nil, fmt.Errorf("read finding reviews: %w", err)
		}
		if err := decodePaths(&r.Document); err != nil {
			return nil, fmt.Errorf("read finding reviews: %s: %w", r.FindingKey, err)
		}
		r.At = r.At.UTC()
		out[r.FindingKey] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read finding reviews: %w", err)
	}
	return out, nil
}
