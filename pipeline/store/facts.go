package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"reportfacts/extractors"
)

// FactRow is a stored fact with its document and its current review.
type FactRow struct {
	extractors.Fact
	Key                          string
	DocumentID                   int64
	DocumentPath, DocumentSHA256 string
	// ReviewStatus is StatusPending when the fact was never reviewed, else
	// the status of its latest review.
	ReviewStatus                         string
	CorrectedValue, ReviewNote, Reviewer string
	ReviewedAt                           time.Time // when the current review was made, UTC; zero when never reviewed
}

// FactFilter selects facts. Empty fields select everything. Entity, Metric
// and Document (the document's path) match as substrings, ignoring ASCII
// case; Kind, Period and ReviewStatus match exactly.
type FactFilter struct {
	Kind, Entity, Metric, Period, Document, ReviewStatus string
	DocumentID                                           int64
}

const factSelect = `SELECT f.fact_key, f.document_id, d.path, d.sha256,
	f.kind, f.text, f.start_offset, f.end_offset, f.page, f.value, f.unit, f.from_date, f.to_date,
	f.qualifier, f.basis, f.entity, f.metric, f.period, f.sentence, f.rule,
	f.entity_rule, f.metric_rule, f.period_rule,
	COALESCE(r.status, 'pending'), COALESCE(r.corrected_value, ''), COALESCE(r.note, ''), COALESCE(r.reviewer, ''),
	r.reviewed_at
	FROM facts f
	JOIN documents d ON d.id = f.document_id
	LEFT JOIN reviews r ON r.fact_key = f.fact_key`

func scanFact(row scanner) (FactRow, error) {
	var r FactRow
	var reviewedAt sql.NullTime
	err := row.Scan(&r.Key, &r.DocumentID, &r.DocumentPath, &r.DocumentSHA256,
		&r.Kind, &r.Text, &r.Start, &r.End, &r.Page, &r.Value, &r.Unit, &r.From, &r.To,
		&r.Qualifier, &r.Basis, &r.Entity, &r.Metric, &r.Period, &r.Sentence, &r.Rule,
		&r.EntityRule, &r.MetricRule, &r.PeriodRule,
		&r.ReviewStatus, &r.CorrectedValue, &r.ReviewNote, &r.Reviewer, &reviewedAt)
	if err != nil {
		return r, err
	}
	if reviewedAt.Valid {
		r.ReviewedAt = reviewedAt.Time.UTC()
	}
	return r, decodePaths(&r.DocumentPath)
}

// where turns a filter into a WHERE clause with ? bindvars and its arguments.
func (f FactFilter) where() (string, []any) {
	var conds []string
	var args []any
	exact := func(column, v string) {
		if v != "" {
			conds = append(conds, column+" = ?")
			args = append(args, v)
		}
	}
	substring := func(column, v string) {
		if v != "" {
			conds = append(conds, `LOWER(`+column+`) LIKE LOWER(?) ESCAPE '\'`)
			args = append(args, "%"+likeEscaper.Replace(v)+"%")
		}
	}
	exact("f.kind", f.Kind)
	exact("f.period", f.Period)
	exact("COALESCE(r.status, 'pending')", f.ReviewStatus)
	substring("f.entity", f.Entity)
	substring("f.metric", f.Metric)
	if f.Document != "" {
		// A path stored in its marked form (not UTF-8) holds escapes
		// where the path has bytes: it is let through here and matched
		// on its exact bytes once decoded (see keeps). A search string
		// that is not storable text can only be in such a path.
		if encodePath(f.Document) == f.Document {
			conds = append(conds, `(LOWER(d.path) LIKE LOWER(?) ESCAPE '\' OR d.path LIKE ?)`)
			args = append(args, "%"+likeEscaper.Replace(f.Document)+"%", rawPathMarker+"%")
		} else {
			conds = append(conds, `d.path LIKE ?`)
			args = append(args, rawPathMarker+"%")
		}
	}
	if f.DocumentID != 0 {
		conds = append(conds, "f.document_id = ?")
		args = append(args, f.DocumentID)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// keeps says whether a fact of the document at path, which where let
// through, is selected: where matched a plain path already, and a path
// stored in its marked form is matched here, ignoring ASCII case as
// SQLite's LOWER does.
func (f FactFilter) keeps(path string) bool {
	if f.Document == "" || encodePath(path) == path {
		return true
	}
	return strings.Contains(ASCIILower(path), ASCIILower(f.Document))
}

// ASCIILower lowers ASCII letters only, leaving every other byte (and so
// bytes that are not UTF-8) as it is: a path's case folded as SQLite's
// LOWER folds it.
func ASCIILower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// likeEscaper makes LIKE's wildcards in a search string match themselves.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// Facts returns the facts the filter selects, ordered as EachFact orders
// them.
func (s *Store) Facts(ctx context.Context, f FactFilter) ([]FactRow, error) {
	var out []FactRow
	err := s.EachFact(ctx, f, func(r FactRow) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

// EachFact streams the facts the filter selects to fn, ordered by document
// then start, for exports too large to hold. An error from fn stops the
// stream and is returned. On SQLite the store's one connection is busy
// while fn runs, so fn must not call the Store.
func (s *Store) EachFact(ctx context.Context, f FactFilter, fn func(FactRow) error) error {
	where, args := f.where()
	query := factSelect + where + ` ORDER BY f.document_id, f.start_offset, f.end_offset, f.kind`
	rows, err := s.db.QueryxContext(ctx, s.q(query), args...)
	if err != nil {
		return fmt.Errorf("query facts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanFact(rows)
		if err != nil {
			return fmt.Errorf("read fact: %w", err)
		}
		if !f.keeps(r.DocumentPath) {
			continue
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read facts: %w", err)
	}
	return nil
}

// FactByKey finds one fact by its key.
func (s *Store) FactByKey(ctx context.Context, key string) (FactRow, bool, error) {
	r, err := scanFact(s.db.QueryRowxContext(ctx, s.q(factSelect+` WHERE f.fact_key = ?`), key))
	if errors.Is(err, sql.ErrNoRows) {
		return FactRow{}, false, nil
	}
	if err != nil {
		return FactRow{}, false, fmt.Errorf("find fact %s: %w", key, err)
	}
	return r, true, nil
}
