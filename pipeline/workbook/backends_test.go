package workbook

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

// postgresEnv names the PostgreSQL server to run the store-backed tests
// against as well as SQLite, as the store's own tests do.
const postgresEnv = "REPORTFACTS_TEST_POSTGRES"

// backend is a fresh database for one test.
type backend struct {
	name, dsn string
}

// eachBackend runs test on a fresh SQLite file, and on a schema of its own
// on PostgreSQL when postgresEnv names a server.
func eachBackend(t *testing.T, test func(t *testing.T, b backend)) {
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "facts.db")
		test(t, backend{name: "sqlite", dsn: path})
	})
	base := os.Getenv(postgresEnv)
	if base == "" {
		return
	}
	t.Run("postgres", func(t *testing.T) {
		test(t, backend{name: "postgres", dsn: postgresSchema(t, base)})
	})
}

// postgresSchema creates a schema for one test, dropped when it ends, and
// returns base with its search_path set to it.
func postgresSchema(t *testing.T, base string) string {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open %s: %v", postgresEnv, err)
	}
	t.Cleanup(func() { _ = db.Close() })
	buf := make([]byte, 8)
	if _, err := rand.Read(buf); err != nil {
		t.Fatal(err)
	}
	schema := "rf_workbook_" + hex.EncodeToString(buf)
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema on %s: %v", postgresEnv, err)
	}
	t.Cleanup(func() {
		if _, err := db.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", postgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
