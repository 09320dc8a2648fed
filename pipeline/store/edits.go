package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/cockroachdb/apd/v3"
	"github.com/jmoiron/sqlx"
)

// An Edit is a review made over the review its editor saw: the fact's
// current review when the workbook was exported.
type Edit struct {
	Review
	// Seen is the fact's current review as the editor saw it. A fact never
	// reviewed is seen as pending, with no reviewer and a zero At. A Seen
	// with a zero At is compared by its verdict alone.
	Seen Review
}

// Conflict is an edit refused because another reviewer changed the fact's
// review after the editor saw it.
type Conflict struct {
	Edit    Edit
	Current Review // the fact's review now
}

// ConflictError lists the conflicts of a refused ApplyEdits; nothing of it
// was written.
type ConflictError struct {
	Conflicts []Conflict
}

func (e *ConflictError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d fact(s) were reviewed by someone else since the review was made over them:", len(e.Conflicts))
	for _, c := range e.Conflicts {
		fmt.Fprintf(&b, "\n  %s: now %s by %s at %s", c.Edit.FactKey, describeVerdict(c.Current),
			c.Current.Reviewer, c.Current.At.Format(time.RFC3339))
	}
	return b.String()
}

func describeVerdict(r Review) string {
	s := r.Status
	if r.CorrectedValue != "" {
		s += " " + r.CorrectedValue
	}
	if r.Note != "" {
		s += fmt.Sprintf(" (%s)", r.Note)
	}
	return s
}

// SameVerdict says whether two reviews give the same verdict: status
// (empty counts as pending), note, and corrected value, compared as
// numbers where both are numbers (2.67 and 2.670 are one correction).
// Reviewer and time are not compared.
func SameVerdict(a, b Review) bool {
	sa, sb := a.Status, b.Status
	if sa == "" {
		sa = StatusPending
	}
	if sb == "" {
		sb = StatusPending
	}
	if sa != sb || a.Note != b.Note {
		return false
	}
	if a.CorrectedValue == b.CorrectedValue {
		return true
	}
	x, _, errx := apd.NewFromString(a.CorrectedValue)
	y, _, erry := apd.NewFromString(b.CorrectedValue)
	return errx == nil && erry == nil && x.Cmp(y) == 0
}

// ChangedSince says whether current, a fact's review now (a zero Review
// for none), is not the review seen: another verdict, or, where seen has a
// time, another reviewer or time.
func ChangedSince(current, seen Review) bool {
	if !SameVerdict(current, seen) {
		return true
	}
	if seen.At.IsZero() {
		return false
	}
	return current.Reviewer != seen.Reviewer || !current.At.Equal(seen.At)
}

// ApplyEdits records edits in one transaction, as ApplyReviews records
// reviews, and returns how many it recorded. Unlike ApplyReviews it
// compares each edit with the fact's current review, read under lock:
//   - an edit whose verdict the fact already has is left out: the work is
//     done (by this editor's earlier import, or another's);
//   - an edit over a review that someone other than its reviewer changed
//     after it was seen (ChangedSince) is a conflict: the whole call is
//     refused with a *ConflictError naming each, and nothing is written.
//
// Edits are compared with the reviews stored before the call, so a fact
// should have one edit at most.
func (s *Store) ApplyEdits(ctx context.Context, edits []Edit) (int, error) {
	if len(edits) == 0 {
		return 0, nil
	}
	keys := make([]string, 0, len(edits))
	var bad []string
	for _, e := range edits {
		if !validStatus(e.Status) {
			bad = append(bad, fmt.Sprintf("%s: %q", e.FactKey, e.Status))
		}
		keys = append(keys, e.FactKey)
	}
	if len(bad) > 0 {
		return 0, fmt.Errorf("apply edits: unknown status for %s", strings.Join(bad, ", "))
	}
	stamp := now()
	var applied []Review
	var conflicts []Conflict
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := s.checkKeys(ctx, tx, keys); err != nil {
			return err
		}
		current, err := s.currentReviews(ctx, tx, keys)
		if err != nil {
			return err
		}
		for _, e := range edits {
			cur := current[e.FactKey] // zero: never reviewed
			switch {
			case SameVerdict(cur, e.Review):
				continue
			case ChangedSince(cur, e.Seen) && cur.Reviewer != e.Reviewer:
				conflicts = append(conflicts, Conflict{Edit: e, Current: cur})
				continue
			}
			applied = append(applied, e.Review)
		}
		if len(conflicts) > 0 {
			return &ConflictError{Conflicts: conflicts}
		}
		return s.writeReviews(ctx, tx, applied, stamp)
	})
	if err != nil {
		return 0, fmt.Errorf("apply edits: %w", err)
	}
	return len(applied), nil
}

// currentReviews loads the current reviews of the given facts, by key.
func (s *Store) currentReviews(ctx context.Context, tx *sqlx.Tx, keys []string) (map[string]Review, error) {
	out := make(map[string]Review, len(keys))
	keys = distinctSorted(keys)
	const chunk = 500
	for i := 0; i < len(keys); i += chunk {
		query, args, err := sqlx.In(`SELECT `+reviewColumns+` FROM reviews WHERE fact_key IN (?)`,
			keys[i:min(i+chunk, len(keys))])
		if err != nil {
			return nil, fmt.Errorf("build current reviews query: %w", err)
		}
		rows, err := tx.QueryxContext(ctx, s.q(query), args...)
		if err != nil {
			return nil, fmt.Errorf("read current reviews: %w", err)
		}
		for rows.Next() {
			var r Review
			if err := rows.Scan(&r.FactKey, &r.Status, &r.CorrectedValue, &r.Note, &r.Reviewer, &r.At); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read current review: %w", err)
			}
			r.At = r.At.UTC()
			out[r.FactKey] = r
		}
		if err := rows.Err(); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read current reviews: %w", err)
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("read current reviews: %w", err)
		}
	}
	return out, nil
}
