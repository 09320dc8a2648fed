package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// A document is its bytes: it is read once, under the path it was first
// found at, and every other path at which the same bytes are found is
// recorded as a path of it (migration 005). Each path names one document.

// DocumentPath is a path at which a stored document's bytes were found.
type DocumentPath struct {
	Path       string
	DocumentID int64
	SeenAt     time.Time // when the path was last recorded, UTC
}

// UnreadSHA stands in for the SHA-256 of a file whose bytes could not be
// read, so that its failure can still be recorded once per path. A save
// with it never replaces an ok document stored at the path (see
// SaveDocument).
func UnreadSHA(path string) string {
	sum := sha256.Sum256([]byte("unreadable:" + path))
	return hex.EncodeToString(sum[:])
}

// saveLock is the PostgreSQL advisory lock that serialises the saves of
// documents and paths, as SQLite's write lock does.
const saveLock = 7305871005

// lockSaves takes, for the rest of tx, the lock that saves of documents
// and paths hold: a save reads what is stored for its bytes and its path
// and then writes, which two concurrent saves must not interleave. SQLite
// holds its one write lock from the start of every transaction already.
func (s *Store) lockSaves(ctx context.Context, tx *sqlx.Tx) error {
	if s.driver != DriverPostgres {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(saveLock)); err != nil {
		return fmt.Errorf("lock for saving: %w", err)
	}
	return nil
}

// The paths that storedAtPath, recordPath, detachPath and pointPath take,
// and storedDoc.Path, are in their stored form (encodePath): they only
// meet the database and each other.

// storedDoc is what a save needs to know of a stored document.
type storedDoc struct {
	ID     int64  `db:"id"`
	SHA256 string `db:"sha256"`
	Path   string `db:"path"`
	Status string `db:"status"`
	Paths  int    `db:"paths"` // how many paths name it
}

func (d *storedDoc) match() match { return match{ID: d.ID, SHA256: d.SHA256} }

const storedDocSelect = `SELECT d.id, d.sha256, d.path, d.status,
	(SELECT COUNT(*) FROM document_paths p WHERE p.document_id = d.id) AS paths
	FROM documents d `

// storedBySHA finds the document stored with these bytes, or nil.
func (s *Store) storedBySHA(ctx context.Context, tx *sqlx.Tx, sha string) (*storedDoc, error) {
	var d storedDoc
	err := tx.GetContext(ctx, &d, s.q(storedDocSelect+`WHERE d.sha256 = ?`), sha)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find the document stored with SHA-256 %s: %w", sha, err)
	}
	return &d, nil
}

// storedAtPath finds the document the path names, or nil.
func (s *Store) storedAtPath(ctx context.Context, tx *sqlx.Tx, path string) (*storedDoc, error) {
	var d storedDoc
	err := tx.GetContext(ctx, &d, s.q(storedDocSelect+
		`WHERE d.id = (SELECT document_id FROM document_paths WHERE path = ?)`), path)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find the document stored at %s: %w", path, err)
	}
	return &d, nil
}

// recordPath records path as a path of document id, moving it from any
// other document.
func (s *Store) recordPath(ctx context.Context, tx *sqlx.Tx, path string, id int64, t time.Time) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO document_paths (path, document_id, seen_at) VALUES (?, ?, ?)
		ON CONFLICT (path) DO UPDATE SET document_id = excluded.document_id, seen_at = excluded.seen_at`), path, id, t)
	if err != nil {
		return fmt.Errorf("record path %s of document %d: %w", path, id, err)
	}
	return nil
}

// detachPath takes path from the document from, which it names: the
// document is deleted with its facts when no other path names it, and
// otherwise takes another of its paths as its own. Reviews of deleted
// facts are kept (and reported as orphaned by OrphanReviews).
func (s *Store) detachPath(ctx context.Context, tx *sqlx.Tx, path string, from *storedDoc) error {
	if from.Paths <= 1 {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM documents WHERE id = ?`), from.ID); err != nil {
			return fmt.Errorf("delete document %d, no longer at %s: %w", from.ID, path, err)
		}
		return nil
	}
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM document_paths WHERE path = ?`), path); err != nil {
		return fmt.Errorf("take path %s from document %d: %w", path, from.ID, err)
	}
	if from.Path == path {
		_, err := tx.ExecContext(ctx, s.q(`UPDATE documents SET path =
			(SELECT MIN(path) FROM document_paths WHERE document_id = ?) WHERE id = ?`), from.ID, from.ID)
		if err != nil {
			return fmt.Errorf("give document %d another path than %s: %w", from.ID, path, err)
		}
	}
	return nil
}

// pointPath makes path name the document to, taking it from at, the
// document it named before (nil if none).
func (s *Store) pointPath(ctx context.Context, tx *sqlx.Tx, path string, to, at *storedDoc, t time.Time) error {
	if at != nil && at.ID != to.ID {
		if err := s.detachPath(ctx, tx, path, at); err != nil {
			return err
		}
	}
	return s.recordPath(ctx, tx, path, to.ID, t)
}

// RecordPath records path as a path of the document stored with the bytes
// sha, without reading it again: a file with the same bytes as another is
// recorded under its own path. The document the path named before, if it
// was another, loses the path (and is deleted if no other path names it).
// It returns the document and true, or false when no document has these
// bytes.
func (s *Store) RecordPath(ctx context.Context, sha, path string) (DocumentRow, bool, error) {
	shown := ShowPath(path)
	path = encodePath(path)
	var found bool
	var id int64
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := s.lockSaves(ctx, tx); err != nil {
			return err
		}
		same, err := s.storedBySHA(ctx, tx, sha)
		if err != nil || same == nil {
			return err
		}
		at, err := s.storedAtPath(ctx, tx, path)
		if err != nil {
			return err
		}
		found, id = true, same.ID
		return s.pointPath(ctx, tx, path, same, at, now())
	})
	if err != nil {
		return DocumentRow{}, false, fmt.Errorf("record path %s: %w", shown, err)
	}
	if !found {
		return DocumentRow{}, false, nil
	}
	d, err := scanDocument(s.db.QueryRowxContext(ctx, s.q(`SELECT `+documentColumns+` FROM documents d WHERE d.id = ?`), id))
	if err != nil {
		return DocumentRow{}, false, fmt.Errorf("record path %s: load document %d: %w", shown, id, err)
	}
	return d, true, nil
}

// LookupPath finds the document stored with the bytes sha, as Lookup
// does, and says whether path is recorded as one of its paths.
func (s *Store) LookupPath(ctx context.Context, sha, path string) (doc DocumentRow, found, atPath bool, err error) {
	var at int
	row := s.db.QueryRowxContext(ctx, s.q(`SELECT `+documentColumns+`,
		CASE WHEN EXISTS (SELECT 1 FROM document_paths p WHERE p.document_id = d.id AND p.path = ?) THEN 1 ELSE 0 END
		FROM documents d WHERE d.sha256 = ?`), encodePath(path), sha)
	doc, err = scanDocument(row, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return DocumentRow{}, false, false, nil
	}
	if err != nil {
		return DocumentRow{}, false, false, fmt.Errorf("look up document %s at %s: %w", sha, ShowPath(path), err)
	}
	return doc, true, at == 1, nil
}

// Paths lists every recorded path with its document, by path.
func (s *Store) Paths(ctx context.Context) ([]DocumentPath, error) {
	rows, err := s.db.QueryxContext(ctx, `SELECT path, document_id, seen_at FROM document_paths ORDER BY path`)
	if err != nil {
		return nil, fmt.Errorf("list paths: %w", err)
	}
	defer rows.Close()
	var out []DocumentPath
	for rows.Next() {
		var p DocumentPath
		if err := rows.Scan(&p.Path, &p.DocumentID, &p.SeenAt); err != nil {
			return nil, fmt.Errorf("list paths: %w", err)
		}
		if err := decodePaths(&p.Path); err != nil {
			return nil, fmt.Errorf("list paths: %w", err)
		}
		p.SeenAt = p.SeenAt.UTC()
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list paths: %w", err)
	}
	return out, nil
}
