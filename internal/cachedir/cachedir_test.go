package cachedir

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDir(t *testing.T) {
	root := t.TempDir()
	t.Setenv(Env, root)
	dir, err := Dir("x")
	if err != nil || dir != filepath.Join(root, "x") {
		t.Fatalf("Dir: %q, %v", dir, err)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		t.Errorf("Dir did not make %s: %v", dir, err)
	}
	if err := Writable(dir); err != nil {
		t.Error(err)
	}
	t.Setenv(Env, Off)
	if _, err := Dir("x"); !errors.Is(err, ErrOff) {
		t.Errorf("off: %v", err)
	}
	file := filepath.Join(root, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(Env, file)
	if _, err := Dir("x"); err == nil {
		t.Error("a cache under a file: no error")
	}
}

func TestWarnOnce(t *testing.T) {
	var buf bytes.Buffer
	defer SetWarnings(&buf)()
	Warn("k", errors.New("one"))
	Warn("k", errors.New("two"))
	Warn("k2", ErrOff)
	Warn("k3", ErrNoVersion)
	if got := buf.String(); got != "reportfacts: k cache: one; going on without it\n" {
		t.Errorf("warnings: %q", got)
	}
}

func TestWriteUsedPrune(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"e-old.bin", "e-new.bin", "e-keep.bin", "other-old"} {
		if err := WriteFile(dir, name, []byte(name)); err != nil {
			t.Fatal(err)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "e-new.bin")); err != nil || string(b) != "e-new.bin" {
		t.Fatalf("WriteFile: %q, %v", b, err)
	}
	old := time.Now().Add(-40 * 24 * time.Hour)
	for _, name := range []string{"e-old.bin", "e-keep.bin", "other-old", "e-new.bin"} {
		if err := os.Chtimes(filepath.Join(dir, name), old, old); err != nil {
			t.Fatal(err)
		}
	}
	// e-new.bin was used again: it stays.
	if err := Used(filepath.Join(dir, "e-new.bin")); err != nil {
		t.Fatal(err)
	}
	if err := Prune(dir, "e-*.bin", "e-keep.bin"); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "e-keep.bin e-new.bin other-old" {
		t.Errorf("after Prune: %s", got)
	}
}

func TestMap(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f")
	if err := os.WriteFile(path, []byte("contents"), 0o600); err != nil {
		t.Fatal(err)
	}
	data, release, err := Map(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != "contents" {
		t.Errorf("Map: %q", data)
	}
	if err := release(); err != nil {
		t.Error(err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if data, release, err := Map(empty); err != nil || len(data) != 0 || release() != nil {
		t.Errorf("Map of an empty file: %q, %v", data, err)
	}
	if _, _, err := Map(filepath.Join(dir, "absent")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Map of an absent file: %v", err)
	}
}
