package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestOpenExistingRefusesMissingFile: a mistyped SQLite path is an error
// and leaves no file behind; an existing database opens, on every backend.
func TestOpenExistingRefusesMissingFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, dsn := range []string{
		filepath.Join(dir, "typo.db"),
		filepath.Join(dir, "typo.db") + "?_busy_timeout=1",
		"file:" + filepath.Join(dir, "typo.db"),
		"file://" + filepath.Join(dir, "typo.db") + "?mode=rw",
	} {
		s, err := OpenExisting(ctx, dsn)
		if err == nil {
			s.Close()
			t.Errorf("OpenExisting(%q) opened a database that does not exist", dsn)
			continue
		}
		if !errors.Is(err, ErrNoDatabase) {
			t.Errorf("OpenExisting(%q) = %v, want ErrNoDatabase", dsn, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "typo.db")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("OpenExisting created the missing file: %v", err)
	}

	eachBackend(t, func(t *testing.T, dsn string) {
		openStore(t, dsn).Close()
		s, err := OpenExisting(ctx, dsn)
		if err != nil {
			t.Fatalf("OpenExisting of a database Open made: %v", err)
		}
		s.Close()
	})

	s, err := OpenExisting(ctx, ":memory:")
	if err != nil {
		t.Fatalf("OpenExisting(:memory:): %v", err)
	}
	s.Close()
}

func TestSQLiteFile(t *testing.T) {
	for _, c := range []struct {
		dsn, file string
		ok        bool
	}{
		{"facts.db", "facts.db", true},
		{"/a/b.db?_busy_timeout=5", "/a/b.db", true},
		{"file:facts.db", "facts.db", true},
		{"file:/a/b%20c.db?mode=ro", "/a/b c.db", true},
		{"file:///a/b.db", "/a/b.db", true},
		{"file://localhost/a/b.db#x", "/a/b.db", true},
		{":memory:", "", false},
		{"", "", false},
		{"file::memory:", "", false},
		{"file:x?mode=memory&cache=shared", "", false},
	} {
		file, ok := sqliteFile(c.dsn)
		if file != c.file || ok != c.ok {
			t.Errorf("sqliteFile(%q) = %q, %v; want %q, %v", c.dsn, file, ok, c.file, c.ok)
		}
	}
}
