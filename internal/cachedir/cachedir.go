// Package cachedir finds where reportfacts keeps what it builds once per
// machine rather than once per process: PDFium's compiled WebAssembly
// module and the segmenter's prebuilt dictionary.
//
// The root is $REPORTFACTS_CACHE_DIR, else the user's cache directory
// (os.UserCacheDir, e.g. ~/.cache) joined with "reportfacts". The value
// "off" turns every cache off. A cache is only ever a shortcut: one that
// cannot be found, written or read is reported once on standard error and
// the run goes on without it.
package cachedir

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"
)

// Env names the variable that moves the caches, or turns them off with
// the value Off.
const Env = "REPORTFACTS_CACHE_DIR"

// Off as the value of Env turns the caches off.
const Off = "off"

// ErrOff is returned by Dir when the caches are turned off.
var ErrOff = errors.New("caches turned off (" + Env + "=" + Off + ")")

// Dir returns the directory of the named cache (e.g. "wazero"), creating
// it. It returns ErrOff when the caches are turned off, and an error saying
// why when there is no usable directory.
func Dir(name string) (string, error) {
	root := os.Getenv(Env)
	switch {
	case root == Off:
		return "", ErrOff
	case root == "":
		base, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("no cache directory (set %s): %w", Env, err)
		}
		root = filepath.Join(base, "reportfacts")
	}
	dir, err := filepath.Abs(filepath.Join(root, name))
	if err != nil {
		return "", fmt.Errorf("cache directory %s: %w", root, err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create cache directory: %w", err)
	}
	return dir, nil
}

// Writable checks that files can be created in dir.
func Writable(dir string) error {
	f, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return fmt.Errorf("cache directory %s is not writable: %w", dir, err)
	}
	name := f.Name()
	cerr := f.Close()
	rerr := os.Remove(name)
	if cerr != nil {
		return fmt.Errorf("cache directory %s: %w", dir, cerr)
	}
	if rerr != nil {
		return fmt.Errorf("cache directory %s: %w", dir, rerr)
	}
	return nil
}

// ErrNoVersion is returned by Module for a build that does not record its
// modules' versions (test binaries, golang.org/issue/33976): a cache keyed
// on them cannot be used, and that is no fault to report.
var ErrNoVersion = errors.New("this build does not record module versions")

// buildDeps returns the modules this binary was built with; tests replace
// it.
var buildDeps = func() []*debug.Module {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return nil
	}
	return info.Deps
}

// Module returns "path version sum" of a module this binary was built
// with (its replacement where it is replaced), for cache keys.
func Module(path string) (string, error) {
	for _, dep := range buildDeps() {
		if dep.Path != path {
			continue
		}
		if dep.Replace != nil {
			dep = dep.Replace
		}
		if dep.Version == "" || dep.Version == "(devel)" {
			return "", fmt.Errorf("%s: %w", path, ErrNoVersion)
		}
		return dep.Path + " " + dep.Version + " " + dep.Sum, nil
	}
	return "", fmt.Errorf("%s: %w", path, ErrNoVersion)
}

// SetModules makes Module answer from mods, for tests; it returns a
// function that restores the build's own list.
func SetModules(mods []*debug.Module) (restore func()) {
	old := buildDeps
	buildDeps = func() []*debug.Module { return mods }
	return func() { buildDeps = old }
}

var (
	warnMu  sync.Mutex
	warnOut io.Writer = os.Stderr
	warned            = map[string]bool{}
)

// Warn reports, once per process and key, that a cache is not used and
// why (unless caches are off or the build records no versions). It goes to standard error: a cache problem never fails a run.
func Warn(key string, err error) {
	if err == nil || errors.Is(err, ErrOff) || errors.Is(err, ErrNoVersion) {
		return
	}
	warnMu.Lock()
	defer warnMu.Unlock()
	if warned[key] {
		return
	}
	warned[key] = true
	fmt.Fprintf(warnOut, "reportfacts: %s cache: %v; going on without it\n", key, err)
}

// SetWarnings sends warnings to w and forgets which were given, for tests;
// it returns a function that restores the previous state.
func SetWarnings(w io.Writer) (restore func()) {
	warnMu.Lock()
	defer warnMu.Unlock()
	oldOut, oldWarned := warnOut, warned
	warnOut, warned = w, map[string]bool{}
	return func() {
		warnMu.Lock()
		defer warnMu.Unlock()
		warnOut, warned = oldOut, oldWarned
	}
}

// WriteFile writes data to dir/name through a temporary file renamed into
// place, so that a reader never sees half a file and processes writing the
// same entry at once do not mix their bytes.
func WriteFile(dir, name string, data []byte) (err error) {
	f, err := os.CreateTemp(dir, name+".*.tmp")
	if err != nil {
		return fmt.Errorf("write cache entry %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("write cache entry %s: %w", name, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("write cache entry %s: %w", name, err)
	}
	if err = os.Rename(f.Name(), filepath.Join(dir, name)); err != nil {
		return fmt.Errorf("write cache entry %s: %w", name, err)
	}
	return nil
}

// staleAfter is how long an entry nobody has used stays in a cache.
const staleAfter = 30 * 24 * time.Hour

// Used marks the entry at path as used now, so that Prune keeps it. Its
// modification time is only moved once a day.
func Used(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	now := time.Now()
	if now.Sub(st.ModTime()) < 24*time.Hour {
		return nil
	}
	if err := os.Chtimes(path, now, now); err != nil {
		return fmt.Errorf("mark cache entry used: %w", err)
	}
	return nil
}

// Prune removes the entries of dir matching pattern, other than keep, that
// have not been used (Used) for 30 days: those of earlier versions of the
// program or of its dependencies.
func Prune(dir, pattern, keep string) error {
	matches, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		return fmt.Errorf("prune cache %s: %w", dir, err)
	}
	var errs []error
	for _, m := range matches {
		if filepath.Base(m) == keep {
			continue
		}
		st, err := os.Stat(m)
		if err != nil {
			if !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, err)
			}
			continue
		}
		if time.Since(st.ModTime()) < staleAfter {
			continue
		}
		if err := os.Remove(m); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, fmt.Errorf("prune cache: %w", err))
		}
	}
	return errors.Join(errs...)
}
