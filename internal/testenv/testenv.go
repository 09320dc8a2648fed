// Package testenv finds what the tests need outside the repository: the
// shared folder of real reports and peer test suites beside it, and the
// databases the store-backed tests run against. It is imported by tests
// only.
package testenv

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the pgx driver for PostgreSQL schemas
)

// PostgresEnv names the variable holding the DSN of a PostgreSQL server
// that store-backed tests run against as well as SQLite.
const PostgresEnv = "REPORTFACTS_TEST_POSTGRES"

// SharedDir returns the folder name (corpus, peers, seeds) of the shared
// folder beside the repository: found by walking up from the working
// directory to a folder holding shared/name. $REPORTFACTS_CORPUS overrides
// the corpus folder. The test is skipped, with a message saying how to run
// it, where the folder is absent.
func SharedDir(tb testing.TB, name string) string {
	tb.Helper()
	if name == "corpus" {
		if dir := os.Getenv("REPORTFACTS_CORPUS"); dir != "" {
			if _, err := os.Stat(dir); err != nil {
				tb.Fatalf("REPORTFACTS_CORPUS=%s: %v", dir, err)
			}
			return dir
		}
	}
	dir, ok := findShared(name)
	if !ok {
		tb.Skipf("shared/%s not found above %s: tests on it skipped (place the shared folder beside the repository)", name, workingDir())
	}
	return dir
}

// CorpusFile returns the path of a file of the shared corpus, skipping
// the test where it is absent.
func CorpusFile(tb testing.TB, name string) string {
	tb.Helper()
	p := filepath.Join(SharedDir(tb, "corpus"), name)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("corpus file %s absent: %v", name, err)
	}
	return p
}

func workingDir() string {
	wd, _ := os.Getwd()
	return wd
}

func findShared(name string) (string, bool) {
	for dir := workingDir(); ; dir = filepath.Dir(dir) {
		c := filepath.Join(dir, "shared", name)
		if fi, err := os.Stat(c); err == nil && fi.IsDir() {
			return c, true
		}
		if filepath.Dir(dir) == dir {
			return "", false
		}
	}
}

// Backend is a fresh, empty database for one test.
type Backend struct {
	Name   string // "sqlite" or "postgres"
	DSN    string // what store.Open takes
	Driver string // database/sql driver name for raw access: "sqlite" or "pgx"
}

// EachBackend runs test as a subtest on a fresh SQLite file and, where
// PostgresEnv holds a DSN, on a schema of its own on that server, dropped
// when the subtest ends. A server that cannot be reached fails the test:
// the variable says one should be there.
func EachBackend(t *testing.T, test func(t *testing.T, b Backend)) {
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "facts.db")
		test(t, Backend{Name: "sqlite", DSN: path, Driver: "sqlite"})
	})
	base := os.Getenv(PostgresEnv)
	if base == "" {
		return
	}
	t.Run("postgres", func(t *testing.T) {
		test(t, Backend{Name: "postgres", DSN: PostgresSchema(t, base), Driver: "pgx"})
	})
}

// PostgresSchema creates a schema for one test on the server base names,
// drops it when the test ends, and returns base with its search_path set
// to the schema, so that parallel and repeated runs never meet.
func PostgresSchema(tb testing.TB, base string) string {
	tb.Helper()
	ctx := context.Background()
	db, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("open %s: %v", PostgresEnv, err)
	}
	tb.Cleanup(func() { db.Close() })
	buf := make([]byte, 8)
	if _, err := rand.Read(buf); err != nil {
		tb.Fatal(err)
	}
	schema := "rf_test_" + hex.EncodeToString(buf)
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("create schema on %s: %v", PostgresEnv, err)
	}
	tb.Cleanup(func() {
		if _, err := db.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			tb.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("parse %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
