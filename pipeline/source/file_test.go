package source

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOpenRegularRefusesWhatIsNotAFile checks that OpenRegular opens a
// regular file (by a name that is not UTF-8 too, and through a link) and
// refuses, naming the path, a FIFO, a folder and a dangling link, without
// waiting on the FIFO.
func TestOpenRegularRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "rep\xff\xfe.txt")
	if err := os.WriteFile(file, []byte("营业收入1554.17亿元"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.txt")
	if err := os.Symlink(file, link); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{file, link} {
		f, info, err := OpenRegular(p)
		if err != nil || !info.Mode().IsRegular() {
			t.Errorf("OpenRegular(%q) = %v, %v; want the file", p, info, err)
			continue
		}
		f.Close()
	}
	fifo := filepath.Join(dir, "fifo.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "dangling.txt")
	if err := os.Symlink(filepath.Join(dir, "nowhere"), dangling); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{fifo: "FIFO", dir: "folder", dangling: "no such file"} {
		err := guard(t, func() error {
			f, _, err := OpenRegular(p)
			if err == nil {
				f.Close()
			}
			return err
		})
		if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), want) {
			t.Errorf("OpenRegular(%q) = %v, want an error naming it and saying %q", p, err, want)
		}
	}
}

// TestOpenRegularRefusesFIFOSwappedIn replaces a regular file by a FIFO
// after OpenRegular has looked at it and before it opens it: what it
// opened is refused as not a regular file, at once.
func TestOpenRegularRefusesFIFOSwappedIn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.txt")
	if err := os.WriteFile(path, []byte("营业收入1554.17亿元"), 0o644); err != nil {
		t.Fatal(err)
	}
	betweenLookAndOpen = func(p string) {
		if err := os.Remove(p); err != nil {
			t.Error(err)
		}
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Error(err)
		}
	}
	t.Cleanup(func() { betweenLookAndOpen = nil })
	err := guard(t, func() error {
		f, _, err := OpenRegular(path)
		if err == nil {
			f.Close()
		}
		return err
	})
	if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "FIFO") {
		t.Errorf("OpenRegular of a file swapped for a FIFO = %v, want %v naming it and saying FIFO", err, ErrNotRegular)
	}
}

// guard runs fn and returns its error, failing the test if it takes a
// minute: a guard against hanging, not the assertion.
func guard(t *testing.T, fn func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Minute):
		t.Fatal("waited a minute: it waits on what is not a regular file")
		return nil
	}
}
