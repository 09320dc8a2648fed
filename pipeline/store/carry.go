package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"reportfacts/extractors"
)

// CarriedReview is a review that followed its fact to new offsets when the
// fact's document was read again.
type CarriedReview struct {
	From, To string // the fact's key before and after
}

// reviewedFact is a stored fact that has a current review.
type reviewedFact struct {
	Key, Kind, Value, Unit, From, To, Metric, Text string
	Page, Start                                    int
	Review                                         Review
}

// reviewedFacts loads the reviewed facts of the given documents with their
// current reviews. On PostgreSQL it first locks every fact of the
// documents, in key order as ApplyEdits locks them, so that a review
// applied at the same moment is either seen here or refused there for its
// fact being gone, never lost between the two.
func (s *Store) reviewedFacts(ctx context.Context, tx *sqlx.Tx, docs []match) ([]reviewedFact, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	if s.driver == DriverPostgres {
		query, args, err := sqlx.In(`SELECT fact_key FROM facts WHERE document_id IN (?) ORDER BY fact_key FOR UPDATE`, ids)
		if err != nil {
			return nil, fmt.Errorf("build fact lock query: %w", err)
		}
		if _, err := tx.ExecContext(ctx, s.q(query), args...); err != nil {
			return nil, fmt.Errorf("lock stored facts: %w", err)
		}
	}
	query, args, err := sqlx.In(`SELECT f.fact_key, f.kind, f.value, f.unit, f.from_date, f.to_date,
		f.metric, f.text, f.page, f.start_offset,
		r.status, r.corrected_value, r.note, r.reviewer, r.reviewed_at
		FROM reviews r JOIN facts f ON f.fact_key = r.fact_key
		WHERE f.document_id IN (?) ORDER BY f.fact_key`, ids)
	if err != nil {
		return nil, fmt.Errorf("build reviewed facts query: %w", err)
	}
	rows, err := tx.QueryxContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("find reviewed facts: %w", err)
	}
	defer rows.Close()
	var out []reviewedFact
	for rows.Next() {
		var f reviewedFact
		r := &f.Review
		if err := rows.Scan(&f.Key, &f.Kind, &f.Value, &f.Unit, &f.From, &f.To, &f.Metric, &f.Text, &f.Page, &f.Start,
			&r.Status, &r.CorrectedValue, &r.Note, &r.Reviewer, &r.At); err != nil {
			return nil, fmt.Errorf("read reviewed fact: %w", err)
		}
		r.FactKey, r.At = f.Key, r.At.UTC()
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read reviewed facts: %w", err)
	}
	return out, nil
}

// reviewedKeysOf lists the keys of a document's facts that have a current
// review.
func (s *Store) reviewedKeysOf(ctx context.Context, tx *sqlx.Tx, docID int64) (map[string]bool, error) {
	var keys []string
	err := tx.SelectContext(ctx, &keys, s.q(`SELECT r.fact_key FROM reviews r
		JOIN facts f ON f.fact_key = r.fact_key WHERE f.document_id = ?`), docID)
	if err != nil {
		return nil, fmt.Errorf("find reviewed facts of document %d: %w", docID, err)
	}
	set := make(map[string]bool, len(keys))
	for _, k := range keys {
		set[k] = true
	}
	return set, nil
}

// sameFact is what must be unchanged for a review to follow its fact to new
// offsets: the kind, the value as the editor judged it (the number and its
// unit, or a date's or period's bounds), the page and the metric.
type sameFact struct {
	kind, value, unit, from, to, metric string
	page                                int
}

// candidate is one side of a re-attachment: an old reviewed fact or a new
// fact, by index.
type candidate struct {
	i     int
	text  string
	start int
}

// reattach decides which reviews of gone facts move to which new facts.
// A review goes to a new fact with the same kind, value, unit, page and
// metric that has no review of its own. Where several could take it, the
// one with the same text is preferred, then the nearest start; the choice
// is made for all of a kind, value, page and metric at once, keeping the
// facts in their order on the page and minimising how far they moved in
// all (so that a sentence added above two equal figures shifts both rather
// than swapping their reviews). No new fact takes two reviews. It returns
// the chosen pairs, ordered by the old key.
func reattach(gone []reviewedFact, facts []extractors.Fact, keys []string, reviewed map[string]bool) []CarriedReview {
	olds := map[sameFact][]candidate{}
	for i, g := range gone {
		id := sameFact{g.Kind, g.Value, g.Unit, g.From, g.To, g.Metric, g.Page}
		olds[id] = append(olds[id], candidate{i, g.Text, g.Start})
	}
	news := map[sameFact][]candidate{}
	for i, f := range facts {
		if reviewed[keys[i]] {
			continue
		}
		id := sameFact{f.Kind, f.Value, f.Unit, f.From, f.To, f.Metric, f.Page}
		if _, ok := olds[id]; ok {
			news[id] = append(news[id], candidate{i, f.Text, f.Start})
		}
	}
	var out []CarriedReview
	pair := func(o, n candidate) { out = append(out, CarriedReview{From: gone[o.i].Key, To: keys[n.i]}) }
	for id, was := range olds {
		ns := news[id]
		if len(ns) == 0 {
			continue
		}
		// First the facts whose text is the same, then the rest.
		texts := map[string]bool{}
		for _, o := range was {
			texts[o.text] = true
		}
		usedOld, usedNew := map[int]bool{}, map[int]bool{}
		for _, text := range sortedKeys(texts) {
			var a, b []candidate
			for _, o := range was {
				if o.text == text {
					a = append(a, o)
				}
			}
			for _, n := range ns {
				if n.text == text && !usedNew[n.i] {
					b = append(b, n)
				}
			}
			for _, p := range align(a, b) {
				usedOld[p[0].i], usedNew[p[1].i] = true, true
				pair(p[0], p[1])
			}
		}
		var a, b []candidate
		for _, o := range was {
			if !usedOld[o.i] {
				a = append(a, o)
			}
		}
		for _, n := range ns {
			if !usedNew[n.i] {
				b = append(b, n)
			}
		}
		for _, p := range align(a, b) {
			pair(p[0], p[1])
		}
	}
	slices.SortFunc(out, func(x, y CarriedReview) int { return strings.Compare(x.From, y.From) })
	return out
}

func sortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// alignLimit bounds the work of align's exact matching; beyond it (more
// than a thousand equal figures on one page with one metric) the two sides
// are paired in order.
const alignLimit = 1 << 20

// align pairs as many of a with b as it can, each at most once, keeping
// their order by start and with the least total distance between paired
// starts.
func align(a, b []candidate) [][2]candidate {
	if len(a) == 0 || len(b) == 0 {
		return nil
	}
	byStart := func(x, y candidate) int { return cmp.Or(cmp.Compare(x.start, y.start), cmp.Compare(x.i, y.i)) }
	a, b = slices.Clone(a), slices.Clone(b)
	slices.SortFunc(a, byStart)
	slices.SortFunc(b, byStart)
	swapped := len(a) > len(b)
	if swapped {
		a, b = b, a
	}
	var idx [][2]int
	if len(a)*len(b) > alignLimit {
		for i := range a {
			idx = append(idx, [2]int{i, i})
		}
	} else {
		idx = alignShorter(a, b)
	}
	out := make([][2]candidate, len(idx))
	for k, p := range idx {
		if swapped {
			out[k] = [2]candidate{b[p[1]], a[p[0]]}
		} else {
			out[k] = [2]candidate{a[p[0]], b[p[1]]}
		}
	}
	return out
}

// alignShorter pairs every element of a with one of b, len(a) <= len(b),
// in order, minimising the sum of |a.start - b.start|: cost[i][j] is the
// least cost of pairing a[:i] within b[:j].
func alignShorter(a, b []candidate) [][2]int {
	n, m := len(a), len(b)
	const inf = int(^uint(0) >> 2)
	cost := make([][]int, n+1)
	for i := range cost {
		cost[i] = make([]int, m+1)
		for j := range cost[i] {
			if j < i {
				cost[i][j] = inf
			}
		}
	}
	for i := 1; i <= n; i++ {
		for j := i; j <= m; j++ {
			skip := cost[i][j-1]
			take := cost[i-1][j-1]
			if take < inf {
				take += abs(a[i-1].start - b[j-1].start)
			}
			cost[i][j] = min(skip, take)
		}
	}
	var out [][2]int
	for i, j := n, m; i > 0; j-- {
		// Pair a[i-1] with b[j-1] unless leaving b[j-1] out costs no more.
		if j > i && cost[i][j-1] <= cost[i][j] {
			continue
		}
		out = append(out, [2]int{i - 1, j - 1})
		i--
	}
	slices.Reverse(out)
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// carryReviews moves each review, with its history, from its old fact key
// to its new one, and appends to the history an entry saying so: the same
// verdict, reviewer and review time, with the key it came from and when it
// was carried.
func (s *Store) carryReviews(ctx context.Context, tx *sqlx.Tx, moves []CarriedReview, current map[string]Review, t time.Time) error {
	if len(moves) == 0 {
		return nil
	}
	for from := 0; from < len(moves); from += batchRows {
		part := moves[from:min(from+batchRows, len(moves))]
		var args []any
		tuples := make([]string, len(part))
		for i, m := range part {
			tuples[i] = "(?, ?)"
			args = append(args, m.From, m.To)
		}
		with := `WITH moved (old_key, new_key) AS (VALUES ` + strings.Join(tuples, ", ") + `) `
		for _, table := range []string{"reviews", "review_history"} {
			_, err := tx.ExecContext(ctx, s.q(with+`UPDATE `+table+` SET fact_key =
				(SELECT new_key FROM moved WHERE moved.old_key = `+table+`.fact_key)
				WHERE fact_key IN (SELECT old_key FROM moved)`), args...)
			if err != nil {
				return fmt.Errorf("carry reviews over: move %s: %w", table, err)
			}
		}
	}
	err := s.insertRows(ctx, tx, `INSERT INTO review_history
		(fact_key, status, corrected_value, note, reviewer, reviewed_at, carried_from, carried_at)`, "",
		len(moves), func(i int) []any {
			m := moves[i]
			r := current[m.From]
			return []any{m.To, r.Status, r.CorrectedValue, r.Note, r.Reviewer, r.At, m.From, t}
		})
	if err != nil {
		return fmt.Errorf("carry reviews over: record in history: %w", err)
	}
	return nil
}
