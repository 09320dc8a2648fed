package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jmoiron/sqlx"

	"reportfacts/extractors"
	"reportfacts/pipeline/source"
)

// DocumentRow is a stored document.
type DocumentRow struct {
	ID                                     int64
	Path, SHA256, Format, Engine, Encoding string
	Title, Date, Status, Error             string // Date: the document's own date, as source found it
	Warning                                string // why an ok document's text may be imperfect
	Pages                                  int
	Size                                   int64
	Facts                                  int       // how many facts it has
	Text                                   string    // raw text, pages joined by '\f'; loaded by Document only
	Tables                                 string    // the reader's tables as JSON ([]table.Table); loaded by Document only
	IngestedAt                             time.Time // when these bytes were first saved, UTC
}

// documentColumns are the columns of a DocumentRow other than Text, in the
// order scanDocument reads them.
const documentColumns = `d.id, d.path, d.sha256, d.format, d.engine, d.encoding, d.title, d.doc_date,
	d.status, d.error, d.warning, d.pages, d.size,
	(SELECT COUNT(*) FROM facts f WHERE f.document_id = d.id), d.ingested_at`

type scanner interface{ Scan(dest ...any) error }

func scanDocument(row scanner, extra ...any) (DocumentRow, error) {
	var d DocumentRow
	dest := []any{&d.ID, &d.Path, &d.SHA256, &d.Format, &d.Engine, &d.Encoding, &d.Title, &d.Date,
		&d.Status, &d.Error, &d.Warning, &d.Pages, &d.Size, &d.Facts, &d.IngestedAt}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return d, err
	}
	d.IngestedAt = d.IngestedAt.UTC()
	return d, decodePaths(&d.Path)
}

// Lookup finds a document by SHA-256 (without its text).
func (s *Store) Lookup(ctx context.Context, sha256 string) (DocumentRow, bool, error) {
	row := s.db.QueryRowxContext(ctx, s.q(`SELECT `+documentColumns+` FROM documents d WHERE d.sha256 = ?`), sha256)
	d, err := scanDocument(row)
	if errors.Is(err, sql.ErrNoRows) {
		return DocumentRow{}, false, nil
	}
	if err != nil {
		return DocumentRow{}, false, fmt.Errorf("look up document %s: %w", sha256, err)
	}
	return d, true, nil
}

// Document loads one document by ID with its raw text.
func (s *Store) Document(ctx context.Context, id int64) (DocumentRow, error) {
	row := s.db.QueryRowxContext(ctx, s.q(`SELECT `+documentColumns+`, d.text, d.tables FROM documents d WHERE d.id = ?`), id)
	var raw, tables string
	d, err := scanDocument(row, &raw, &tables)
	if err != nil {
		return DocumentRow{}, fmt.Errorf("load document %d: %w", id, err)
	}
	d.Text, d.Tables = raw, tables
	return d, nil
}

// Documents lists every document, without its text, in the order they were
// first stored.
func (s *Store) Documents(ctx context.Context) ([]DocumentRow, error) {
	rows, err := s.db.QueryxContext(ctx, `SELECT `+documentColumns+` FROM documents d ORDER BY d.id`)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	defer rows.Close()
	var docs []DocumentRow
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, fmt.Errorf("list documents: %w", err)
		}
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	return docs, nil
}

// SaveResult says what SaveDocument did.
type SaveResult struct {
	DocumentID int64
	// Replaced is true when a stored document with the same SHA-256 or the
	// same path was replaced.
	Replaced bool
	// CarriedReviews are the reviews that followed their fact to new
	// offsets (the same kind, value, page and metric, see SaveDocument),
	// ordered by the old key.
	CarriedReviews []CarriedReview
	// OrphanedReviews are the keys of reviewed facts that the replaced
	// document had and the new one has not, and whose reviews could not be
	// carried over to a new fact, sorted. Their reviews and histories are
	// kept under the old key.
	OrphanedReviews []string
	// Kept is true when the document was not saved because that would
	// have put a document that is not ok in the place of a stored ok one
	// (see SaveDocument); DocumentID is then the stored document's.
	Kept bool
}

// SaveDocument writes a document and its facts in one transaction. A row
// with the same SHA-256 is replaced (its facts deleted and rewritten), and
// the document's path is recorded as one of its paths (see Paths). Where
// the path named another document (the file changed), the path moves to
// this one, and that document, if no other path names it, is replaced by
// this one too. Failed, no_text and unsupported documents are saved with
// no facts, whatever facts are given.
//
// A stored ok document is never downgraded: a document that is not ok is
// not saved over a stored ok one with the same bytes (a read that failed
// this time, say at a deadline), nor over the ok document at its path when
// its bytes could not be read at all (its SHA-256 is UnreadSHA of its
// path). The result then says Kept, and only the path is recorded.
//
// Saves are serialised across processes (SQLite's write lock, a
// transaction-scoped advisory lock on PostgreSQL), so concurrent runs
// saving the same bytes or the same path leave one consistent result.
//
// Reviews are kept. Reading a document again can move its facts' offsets,
// and so their keys: the review of a fact whose key is gone moves to a new
// fact with the same kind, value (with its unit, or a date's bounds), page
// and metric that has no review of its own; where several could take it,
// the one with the same text, then the nearest, in page order (see
// reattach). The review's history moves with it, and a history entry
// records the key it came from. Reviews that find no new fact stay under
// their old key and are returned as orphaned so the caller can report them.
func (s *Store) SaveDocument(ctx context.Context, doc *source.Document, facts []extractors.Fact) (SaveResult, error) {
	if doc == nil {
		return SaveResult{}, errors.New("save document: no document")
	}
	if doc.SHA256 == "" {
		return SaveResult{}, fmt.Errorf("save %s: document has no SHA-256", doc.Path)
	}
	if doc.Status != source.StatusOK {
		facts = nil
	}
	unread := doc.SHA256 == UnreadSHA(doc.Path)
	shown := ShowPath(doc.Path)
	doc, facts = storableDocument(doc), storableFacts(facts)
	keys, err := factKeys(doc.SHA256, facts)
	if err != nil {
		return SaveResult{}, fmt.Errorf("save %s: %w: %w", shown, ErrRejected, err)
	}
	var res SaveResult
	err = s.inTx(ctx, func(tx *sqlx.Tx) error {
		var err error
		res, err = s.saveDocument(ctx, tx, doc, facts, keys, unread)
		return err
	})
	if err != nil && isRejection(err) {
		return SaveResult{}, fmt.Errorf("save %s: %w: %w", shown, ErrRejected, err)
	}
	if err != nil {
		return SaveResult{}, fmt.Errorf("save %s: %w", shown, err)
	}
	return res, nil
}

// ErrRejected marks a save refused because the document or one of its facts
// breaks a rule of the schema: a value that is not a plain decimal, two
// facts with one key, an unknown kind or status, offsets out of order.
// Nothing was written and the database is fine, so a batch can record the
// document as failed and go on.
var ErrRejected = errors.New("rejected by the schema")

// isRejection says whether err is the database refusing data: SQLite's
// SQLITE_CONSTRAINT, or PostgreSQL's integrity (23) and data (22) errors.
func isRejection(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return strings.HasPrefix(pgErr.Code, "23") || strings.HasPrefix(pgErr.Code, "22")
	}
	var coded interface{ Code() int }
	const sqliteConstraint = 19
	return errors.As(err, &coded) && coded.Code()&0xff == sqliteConstraint
}

// match is a stored document that a save replaces.
type match struct {
	ID     int64  `db:"id"`
	SHA256 string `db:"sha256"`
}

func (s *Store) saveDocument(ctx context.Context, tx *sqlx.Tx, doc *source.Document, facts []extractors.Fact, keys []string, unread bool) (SaveResult, error) {
	if err := s.lockSaves(ctx, tx); err != nil {
		return SaveResult{}, err
	}
	same, err := s.storedBySHA(ctx, tx, doc.SHA256)
	if err != nil {
		return SaveResult{}, err
	}
	at, err := s.storedAtPath(ctx, tx, doc.Path)
	if err != nil {
		return SaveResult{}, err
	}
	t := now()
	if doc.Status != source.StatusOK {
		if same != nil && same.Status == string(source.StatusOK) {
			if err := s.pointPath(ctx, tx, doc.Path, same, at, t); err != nil {
				return SaveResult{}, err
			}
			return SaveResult{DocumentID: same.ID, Kept: true}, nil
		}
		if unread && at != nil && at.Status == string(source.StatusOK) {
			return SaveResult{DocumentID: at.ID, Kept: true}, nil
		}
	}

	// The rows this save replaces: the one with these bytes, and the one
	// the path named if no other path names it. A document that other
	// paths still name only loses this path.
	var matches []match
	if same != nil {
		matches = append(matches, same.match())
	}
	if at != nil && (same == nil || at.ID != same.ID) {
		if at.Paths <= 1 {
			matches = append(matches, at.match())
		} else if err := s.detachPath(ctx, tx, doc.Path, at); err != nil {
			return SaveResult{}, err
		}
	}
	sort.Slice(matches, func(i, j int) bool { return matches[i].ID < matches[j].ID })
	reviewed, err := s.reviewedFacts(ctx, tx, matches)
	if err != nil {
		return SaveResult{}, err
	}

	res := SaveResult{Replaced: len(matches) > 0}
	if len(matches) == 0 {
		res.DocumentID, err = s.insertDocument(ctx, tx, doc, t)
	} else {
		res.DocumentID, err = s.replaceDocument(ctx, tx, doc, matches, t)
	}
	if err != nil {
		return SaveResult{}, err
	}
	if err := s.recordPath(ctx, tx, doc.Path, res.DocumentID, t); err != nil {
		return SaveResult{}, err
	}

	if err := s.insertFacts(ctx, tx, res.DocumentID, facts, keys); err != nil {
		return SaveResult{}, err
	}

	kept := make(map[string]bool, len(keys))
	for _, k := range keys {
		kept[k] = true
	}
	var gone []reviewedFact
	current := map[string]Review{}
	for _, f := range reviewed {
		if !kept[f.Key] {
			gone = append(gone, f)
			current[f.Key] = f.Review
		}
	}
	if len(gone) == 0 {
		return res, nil
	}
	// A review stored under a key that is a fact again (an orphan whose
	// fact came back) is that fact's own: no other review may take it.
	taken, err := s.reviewedKeysOf(ctx, tx, res.DocumentID)
	if err != nil {
		return SaveResult{}, err
	}
	res.CarriedReviews = reattach(gone, facts, keys, taken)
	if err := s.carryReviews(ctx, tx, res.CarriedReviews, current, t); err != nil {
		return SaveResult{}, err
	}
	carried := make(map[string]bool, len(res.CarriedReviews))
	for _, c := range res.CarriedReviews {
		carried[c.From] = true
	}
	for _, f := range gone {
		if !carried[f.Key] {
			res.OrphanedReviews = append(res.OrphanedReviews, f.Key)
		}
	}
	sort.Strings(res.OrphanedReviews)
	return res, nil
}

// insertFacts writes the facts of a document, keys[i] being the key of
// facts[i].
func (s *Store) insertFacts(ctx context.Context, tx *sqlx.Tx, docID int64, facts []extractors.Fact, keys []string) error {
	err := s.insertRows(ctx, tx, `INSERT INTO facts (document_id, fact_key, kind, text,
		start_offset, end_offset, page, value, value_num, unit, from_date, to_date, qualifier, basis,
		entity, metric, period, sentence, rule, entity_rule, metric_rule, period_rule)`, "", len(facts), func(i int) []any {
		f := facts[i]
		// value_num gets the same decimal string: PostgreSQL parses it into
		// NUMERIC exactly, SQLite's REAL affinity makes it a double.
		var num any
		if f.Value != "" {
			num = f.Value
		}
		return []any{docID, keys[i], f.Kind, f.Text, f.Start, f.End, f.Page, f.Value, num,
			f.Unit, f.From, f.To, f.Qualifier, f.Basis, f.Entity, f.Metric, f.Period, f.Sentence, f.Rule,
			f.EntityRule, f.MetricRule, f.PeriodRule}
	})
	if err != nil {
		return fmt.Errorf("insert facts: %w", err)
	}
	return nil
}

func (s *Store) insertDocument(ctx context.Context, tx *sqlx.Tx, doc *source.Document, t time.Time) (int64, error) {
	var id int64
	tables, err := tablesJSON(doc)
	if err != nil {
		return 0, err
	}
	err = tx.QueryRowxContext(ctx, s.q(`INSERT INTO documents (path, sha256, format, pages, size, engine,
		encoding, title, doc_date, status, error, warning, text, tables, ingested_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		doc.Path, doc.SHA256, doc.Format, len(doc.Pages), doc.Size, doc.Engine,
		doc.Encoding, doc.Title, doc.Date, string(doc.Status), doc.Error, doc.Warning, rawText(doc), tables, t, t).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert document: %w", err)
	}
	return id, nil
}

// replaceDocument overwrites one of the matched rows (the one with the same
// SHA-256 if any, so its ID and ingestion time stay) and deletes the others
// and all their facts.
func (s *Store) replaceDocument(ctx context.Context, tx *sqlx.Tx, doc *source.Document, matches []match, t time.Time) (int64, error) {
	keep := matches[0]
	for _, m := range matches {
		if m.SHA256 == doc.SHA256 {
			keep = m
		}
	}
	for _, m := range matches {
		del := `DELETE FROM facts WHERE document_id = ?`
		if m.ID != keep.ID {
			del = `DELETE FROM documents WHERE id = ?` // its facts go by cascade
		}
		if _, err := tx.ExecContext(ctx, s.q(del), m.ID); err != nil {
			return 0, fmt.Errorf("delete stored version %d: %w", m.ID, err)
		}
	}
	// A document whose bytes changed is a new ingestion; the same bytes
	// saved again keep their first ingestion time.
	ingested := "ingested_at"
	tables, err := tablesJSON(doc)
	if err != nil {
		return 0, err
	}
	args := []any{doc.Path, doc.SHA256, doc.Format, len(doc.Pages), doc.Size, doc.Engine,
		doc.Encoding, doc.Title, doc.Date, string(doc.Status), doc.Error, doc.Warning, rawText(doc), tables, t}
	if keep.SHA256 != doc.SHA256 {
		ingested = "?"
		args = append(args, t)
	}
	args = append(args, keep.ID)
	_, err = tx.ExecContext(ctx, s.q(`UPDATE documents SET path = ?, sha256 = ?, format = ?, pages = ?,
		size = ?, engine = ?, encoding = ?, title = ?, doc_date = ?, status = ?, error = ?, warning = ?,
		text = ?, tables = ?, updated_at = ?, ingested_at = `+ingested+` WHERE id = ?`), args...)
	if err != nil {
		return 0, fmt.Errorf("update document %d: %w", keep.ID, err)
	}
	return keep.ID, nil
}

// storable makes s storable in both databases without moving any offset.
// PostgreSQL's text holds neither NUL nor invalid UTF-8, both of which a
// PDF's text can carry; each becomes U+FFFD, one rune for one rune, as Go
// counts them when it turns the raw text into runes, so facts' offsets and
// texts still agree with the stored raw text. SQLite gets the same, so the
// two databases hold the same text.
func storable(s string) string {
	if utf8.ValidString(s) && !strings.ContainsRune(s, 0) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s { // an invalid byte comes out as utf8.RuneError
		if r == 0 {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

// storableDocument is doc with its strings made storable: its path in
// the reversible form of a path column, the rest as storable makes them.
func storableDocument(doc *source.Document) *source.Document {
	d := *doc
	d.Path = encodePath(d.Path)
	for _, p := range []*string{&d.SHA256, &d.Format, &d.Engine, &d.Encoding, &d.Title, &d.Date, &d.Error, &d.Warning} {
		*p = storable(*p)
	}
	d.Pages = make([]string, len(doc.Pages))
	for i, p := range doc.Pages {
		d.Pages[i] = storable(p)
	}
	return &d
}

// storableFacts is facts with their strings made storable.
func storableFacts(facts []extractors.Fact) []extractors.Fact {
	out := make([]extractors.Fact, len(facts))
	for i, f := range facts {
		for _, p := range []*string{&f.Kind, &f.Text, &f.Value, &f.Unit, &f.From, &f.To, &f.Qualifier,
			&f.Basis, &f.Entity, &f.Metric, &f.Period, &f.Sentence, &f.Rule, &f.EntityRule, &f.MetricRule, &f.PeriodRule} {
			*p = storable(*p)
		}
		out[i] = f
	}
	return out
}

// pageBreak joins pages in the raw text, as text.PageBreak does.
const pageBreak = "\f"

// rawText is the document's raw text as the extractors' offsets count it.
func rawText(doc *source.Document) string {
	return strings.Join(doc.Pages, pageBreak)
}

// tablesJSON is the document's tables as stored: "" when it has none.
func tablesJSON(doc *source.Document) (string, error) {
	if len(doc.Tables) == 0 {
		return "", nil
	}
	b, err := json.Marshal(doc.Tables)
	if err != nil {
		return "", fmt.Errorf("encode tables of %s: %w", doc.Path, err)
	}
	return string(b), nil
}

// factKeys returns the key of each fact. It rejects, before anything is
// written, a value that is not a
// plain decimal (so that value_num, derived from it, means the same on both
// databases) and two facts with one key (an extractor that found the same
// span twice). The other rules of a fact are the schema's constraints.
func factKeys(sha string, facts []extractors.Fact) ([]string, error) {
	keys := make([]string, len(facts))
	seen := make(map[string]int, len(facts))
	for i, f := range facts {
		if f.Value != "" && !decimal.MatchString(f.Value) {
			return nil, fmt.Errorf("fact %d (%s %q at %d-%d): value %q is not a plain decimal",
				i, f.Kind, f.Text, f.Start, f.End, f.Value)
		}
		key := extractors.Key(sha, f)
		if j, dup := seen[key]; dup {
			return nil, fmt.Errorf("facts %d and %d are both %s at %d-%d (key %s)", j, i, f.Kind, f.Start, f.End, key)
		}
		seen[key] = i
		keys[i] = key
	}
	return keys, nil
}

// decimal is the form of a fact's value: a plain decimal, no exponent.
var decimal = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
