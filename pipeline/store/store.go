// Package store owns the database: its schema and migrations, and the
// reading and writing of documents, their facts and the editors' reviews of
// facts, on SQLite (the embedded default) and PostgreSQL alike.
//
// Each document is written with its facts in one transaction, so a batch
// that stops half-way leaves every document either fully old or fully new.
// Reviews are keyed by the fact's stable key, not by a row id, so that they
// outlive re-extraction; when a document read again moves a fact's offsets
// (so its key), its review follows it to the same fact at its new place,
// and a review whose fact disappears is kept and reported as orphaned.
// Editors' imports apply as edits over the review they saw, refused when
// another editor changed it since.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/jmoiron/sqlx"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// The drivers a Store can run on, as Driver reports them.
const (
	DriverSQLite   = "sqlite"
	DriverPostgres = "postgres"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is an open database of documents, facts and reviews. It is safe for
// concurrent use.
type Store struct {
	db     *sqlx.DB
	driver string
	bind   int // sqlx bindvar type of the driver
}

// Open opens (creating if needed) and migrates the database named by dsn: a
// postgres:// or postgresql:// URL selects PostgreSQL; anything else is a
// SQLite file path.
func Open(ctx context.Context, dsn string) (*Store, error) {
	s := &Store{driver: DriverSQLite, bind: sqlx.QUESTION}
	driverName, source := "sqlite", sqliteDSN(dsn)
	if isPostgres(dsn) {
		s.driver, s.bind = DriverPostgres, sqlx.DOLLAR
		driverName, source = "pgx", dsn
	}
	db, err := sqlx.Open(driverName, source)
	if err != nil {
		return nil, fmt.Errorf("open %s database %s: %w", s.driver, redact(dsn), err)
	}
	if s.driver == DriverSQLite {
		// SQLite has one writer: a single connection serialises writes in
		// this process instead of failing them with SQLITE_BUSY.
		db.SetMaxOpenConns(1)
	}
	s.db = db
	if err := db.PingContext(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("connect to %s database %s: %w", s.driver, redact(dsn), err), db.Close())
	}
	if s.driver == DriverSQLite {
		if err := s.useWAL(ctx); err != nil {
			return nil, errors.Join(err, db.Close())
		}
	}
	if err := s.migrate(ctx); err != nil {
		return nil, errors.Join(err, db.Close())
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close %s database: %w", s.driver, err)
	}
	return nil
}

// Driver says which database the store runs on: "sqlite" or "postgres".
func (s *Store) Driver() string { return s.driver }

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// sqliteDSN adds to a SQLite file path the settings every connection needs:
// a busy timeout so that another process holding the write lock makes us
// wait rather than fail, foreign keys (off by default in SQLite) for ON
// DELETE CASCADE, immediate transactions so a writer takes its lock up
// front, and a time format that reads back as time.Time. (WAL mode is kept
// in the file; useWAL sets it once.)
func sqliteDSN(file string) string {
	params := "_busy_timeout=10000&_foreign_keys=1" +
		"&_synchronous=NORMAL&_txlock=immediate&_time_format=sqlite"
	sep := "?"
	if strings.Contains(file, "?") {
		sep = "&"
	}
	return file + sep + params
}

// useWAL puts a SQLite database in write-ahead-log mode, so that readers
// do not block the writer. The mode is stored in the file. Switching to it
// needs a moment's exclusive lock, for which SQLite does not wait (a busy
// timeout does not apply): when processes open a new database together,
// all but one get SQLITE_BUSY, so this retries for a while.
func (s *Store) useWAL(ctx context.Context) error {
	const giveUp = 10 * time.Second
	deadline := time.Now().Add(giveUp)
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		var mode string
		err := s.db.GetContext(ctx, &mode, `PRAGMA journal_mode=WAL`)
		if err == nil {
			// An in-memory database has no log to keep; it says "memory".
			if !strings.EqualFold(mode, "wal") && !strings.EqualFold(mode, "memory") {
				return fmt.Errorf("set WAL journal mode: database stays in %q mode", mode)
			}
			return nil
		}
		if !isBusy(err) || time.Now().After(deadline) {
			return fmt.Errorf("set WAL journal mode: %w", err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("set WAL journal mode: %w", ctx.Err())
		case <-time.After(wait):
		}
	}
}

// isBusy says whether err is SQLite's SQLITE_BUSY.
func isBusy(err error) bool {
	var coded interface{ Code() int }
	const sqliteBusy = 5
	return errors.As(err, &coded) && coded.Code()&0xff == sqliteBusy
}

// columnTypes fills the placeholders of the migrations: the only types that
// differ between the two databases.
var columnTypes = map[string]*strings.Replacer{
	DriverSQLite: strings.NewReplacer(
		"{{ID}}", "INTEGER PRIMARY KEY",
		"{{DECIMAL}}", "REAL",
		"{{TIMESTAMP}}", "TIMESTAMP",
	),
	DriverPostgres: strings.NewReplacer(
		"{{ID}}", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
		"{{DECIMAL}}", "NUMERIC",
		"{{TIMESTAMP}}", "TIMESTAMPTZ",
	),
}

// migrate applies, in name order, each embedded migration not yet recorded
// in schema_migrations, all in one transaction. Another process may be
// opening the same new database: on PostgreSQL an advisory lock makes it
// wait, on SQLite the immediate transaction's write lock does.
func (s *Store) migrate(ctx context.Context) error {
	// The usual case, a database already up to date, needs no write lock.
	// Any error here (the table missing in a new database) leaves the work,
	// and the reporting of real errors, to the transaction below.
	if pending, err := s.pendingMigrations(ctx, s.db); err == nil && len(pending) == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		if s.driver == DriverPostgres {
			if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7305871004)`); err != nil {
				return fmt.Errorf("lock for migration: %w", err)
			}
		}
		const create = `CREATE TABLE IF NOT EXISTS schema_migrations (
			version    TEXT PRIMARY KEY,
			applied_at {{TIMESTAMP}} NOT NULL
		)`
		if _, err := tx.ExecContext(ctx, columnTypes[s.driver].Replace(create)); err != nil {
			return fmt.Errorf("create schema_migrations: %w", err)
		}
		pending, err := s.pendingMigrations(ctx, tx)
		if err != nil {
			return err
		}
		for _, name := range pending {
			version := migrationVersion(name)
			body, err := migrations.ReadFile(name)
			if err != nil {
				return fmt.Errorf("read migration %s: %w", version, err)
			}
			if _, err := tx.ExecContext(ctx, columnTypes[s.driver].Replace(string(body))); err != nil {
				return fmt.Errorf("apply migration %s: %w", version, err)
			}
			_, err = tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`),
				version, now())
			if err != nil {
				return fmt.Errorf("record migration %s: %w", version, err)
			}
		}
		return nil
	})
}

// pendingMigrations lists the embedded migration files not yet recorded in
// schema_migrations, in name order.
func (s *Store) pendingMigrations(ctx context.Context, q sqlx.QueryerContext) ([]string, error) {
	var applied []string
	if err := sqlx.SelectContext(ctx, q, &applied, `SELECT version FROM schema_migrations`); err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)
	var pending []string
	for _, name := range names {
		if !slices.Contains(applied, migrationVersion(name)) {
			pending = append(pending, name)
		}
	}
	return pending, nil
}

// migrationVersion names a migration by its file name: 001_init.sql is 001_init.
func migrationVersion(name string) string { return strings.TrimSuffix(path.Base(name), ".sql") }

// q rewrites a query written with ? bindvars for the store's driver.
func (s *Store) q(query string) string { return sqlx.Rebind(s.bind, query) }

// inTx runs fn in a transaction, committing when it returns nil and rolling
// back otherwise.
func (s *Store) inTx(ctx context.Context, fn func(tx *sqlx.Tx) error) (err error) {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer func() {
		if err == nil {
			return
		}
		if rbErr := tx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
			err = errors.Join(err, fmt.Errorf("roll back: %w", rbErr))
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// batchRows is how many rows one INSERT writes: a statement per row costs
// a round trip each, which on PostgreSQL dominates the time of a save. 100
// rows of up to 22 values stay far below both databases' parameter limits.
const batchRows = 100

// insertRows runs "head VALUES (…), (…) tail" over n rows, batchRows at a
// time; row(i) gives the values of row i, the same number for every row.
func (s *Store) insertRows(ctx context.Context, tx *sqlx.Tx, head, tail string, n int, row func(i int) []any) error {
	for from := 0; from < n; from += batchRows {
		to := min(from+batchRows, n)
		var args []any
		tuples := make([]string, 0, to-from)
		for i := from; i < to; i++ {
			values := row(i)
			args = append(args, values...)
			tuples = append(tuples, "("+strings.Repeat("?, ", len(values)-1)+"?)")
		}
		query := head + " VALUES " + strings.Join(tuples, ", ") + " " + tail
		if _, err := tx.ExecContext(ctx, s.q(query), args...); err != nil {
			return fmt.Errorf("rows %d to %d: %w", from, to-1, err)
		}
	}
	return nil
}

// now is the time stamped on rows, in UTC and to the microsecond, the
// precision both databases keep.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// redact names a database for an error message without its password.
func redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		return u.Redacted()
	}
	return dsn
}
