package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"reportfacts/internal/cachedir"
)

// pdfiumCacheName is the cache (under cachedir's root) holding PDFium's
// WebAssembly module compiled to machine code by wazero: compiling takes
// seconds, loading the compiled form a fraction of that, so PDFium is
// compiled once per machine rather than once per process.
const pdfiumCacheName = "wazero"

// pdfiumCacheDir returns the directory of PDFium's compilation cache, or
// "" (having said why, once) when there is none to use.
//
// wazero keys its entries on its own version, read from the build's module
// list; a build without one (a test binary) would share entries across
// wazero versions, so it uses no cache.
func pdfiumCacheDir() string {
	_, err := cachedir.Module("github.com/tetratelabs/wazero")
	var dir string
	if err == nil {
		dir, err = cachedir.Dir(pdfiumCacheName)
	}
	if err == nil {
		err = cachedir.Writable(dir)
	}
	if err != nil {
		cachedir.Warn("PDFium compilation", err)
		return ""
	}
	return dir
}

// startPDFium starts a pool of PDFium instances, with wazero's compilation
// cache in dir (none where dir is ""). A cache that fails the start (a
// corrupt or unreadable entry, an entry that cannot be written) is reported
// once and left: the pool is started again without it, and the cache's
// entries are removed so that the next process writes a good one.
func startPDFium(dir string) (pdfium.Pool, error) {
	if dir == "" {
		return initPDFium(nil)
	}
	cache, err := wazero.NewCompilationCacheWithDir(dir)
	if err != nil {
		cachedir.Warn("PDFium compilation", fmt.Errorf("open %s: %w", dir, err))
		return initPDFium(nil)
	}
	pool, err := initPDFium(cache)
	if err == nil {
		return pool, nil
	}
	// The pool is not started: the cache has no other user.
	if cerr := cache.Close(context.Background()); cerr != nil {
		err = errors.Join(err, fmt.Errorf("close: %w", cerr))
	}
	if rerr := clearPDFiumCache(dir); rerr != nil {
		err = errors.Join(err, rerr)
	}
	cachedir.Warn("PDFium compilation", fmt.Errorf("%s: %w", dir, err))
	return initPDFium(nil)
}

// initPDFium starts the pool: one instance, fed bytes, no file system.
func initPDFium(cache wazero.CompilationCache) (pool pdfium.Pool, err error) {
	defer func() {
		if r := recover(); r != nil {
			pool, err = nil, fmt.Errorf("start PDFium: %v", r)
		}
	}()
	// The features go-pdfium asks for when it makes the configuration
	// itself: its PDFium build lowers setjmp/longjmp to WebAssembly
	// exception handling.
	rc := wazero.NewRuntimeConfig().WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
	if cache != nil {
		rc = rc.WithCompilationCache(cache)
	}
	pool, err = webassembly.Init(webassembly.Config{
		MinIdle: 1,
		MaxIdle: 1,
		// One instance: each holds its own WebAssembly memory (hundreds
		// of MB on a large report), and PDFium is only the fallback.
		MaxTotal: 1,
		// PDFium gets the bytes, never the file system.
		FSConfig:      wazero.NewFSConfig(),
		RuntimeConfig: rc,
		Stdout:        io.Discard,
		Stderr:        io.Discard,
	})
	if err != nil {
		return nil, fmt.Errorf("start PDFium: %w", err)
	}
	return pool, nil
}

// clearPDFiumCache removes the entries wazero wrote in dir: files in its
// version folders (wazero-<version>-<arch>-<os>). Nothing else in dir is
// touched.
func clearPDFiumCache(dir string) error {
	folders, err := filepath.Glob(filepath.Join(dir, "wazero-*"))
	if err != nil {
		return fmt.Errorf("clear %s: %w", dir, err)
	}
	var errs []error
	for _, folder := range folders {
		entries, err := os.ReadDir(folder)
		if err != nil {
			errs = append(errs, fmt.Errorf("clear %s: %w", folder, err))
			continue
		}
		for _, e := range entries {
			if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			if err := os.Remove(filepath.Join(folder, e.Name())); err != nil && !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, fmt.Errorf("clear cache entry: %w", err))
			}
		}
	}
	return errors.Join(errs...)
}
