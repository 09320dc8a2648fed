package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
)

// ErrNoDatabase is the error OpenExisting wraps when the SQLite file it is
// given does not exist.
var ErrNoDatabase = errors.New("no such database file")

// OpenExisting opens the database named by dsn as Open does, but never
// creates one: a SQLite file that does not exist is an error wrapping
// ErrNoDatabase, and nothing is written. It is for commands that read a
// database an ingest made, where a mistyped path must not pass for an empty
// database. In-memory SQLite databases have no file to check. PostgreSQL
// is opened as by Open: the server says whether the database exists.
//
// The file is checked before it is opened: one removed in between is
// created empty, as Open would.
func OpenExisting(ctx context.Context, dsn string) (*Store, error) {
	if !isPostgres(dsn) {
		if file, ok := sqliteFile(dsn); ok {
			if _, err := os.Stat(file); err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil, fmt.Errorf("open sqlite database %s: %w", dsn, ErrNoDatabase)
				}
				return nil, fmt.Errorf("open sqlite database %s: %w", dsn, err)
			}
		}
	}
	return Open(ctx, dsn)
}

// sqliteFile returns the file a SQLite DSN names, as the driver reads it: a
// plain path up to its query, or the path of a file: URI (percent-decoded,
// after an empty or localhost authority). It returns false for a database
// that has no file: :memory:, an empty name (a temporary database) and
// mode=memory URIs.
func sqliteFile(dsn string) (string, bool) {
	if !strings.HasPrefix(dsn, "file:") {
		// The driver cuts a query off a plain name only after its first
		// character.
		if i := strings.IndexByte(dsn, '?'); i >= 1 {
			dsn = dsn[:i]
		}
		if dsn == "" || dsn == ":memory:" {
			return "", false
		}
		return dsn, true
	}
	rest := strings.TrimPrefix(dsn, "file:")
	query := ""
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		if rest[i] == '?' {
			query, _, _ = strings.Cut(rest[i+1:], "#")
		}
		rest = rest[:i]
	}
	if q, err := url.ParseQuery(query); err == nil && q.Get("mode") == "memory" {
		return "", false
	}
	if auth, ok := strings.CutPrefix(rest, "//"); ok {
		host, path, _ := strings.Cut(auth, "/")
		if host != "" && host != "localhost" {
			return "", false // SQLite refuses it when it opens
		}
		rest = "/" + path
	}
	file, err := url.PathUnescape(rest)
	if err != nil {
		file = rest
	}
	if file == "" || file == ":memory:" {
		return "", false
	}
	return file, true
}
