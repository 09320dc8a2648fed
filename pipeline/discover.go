package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Discovery is what discovery made of the paths given: the files to read,
// and every other path given or found with the reason it is not read.
// Nothing given or found is left out of both.
type Discovery struct {
	// Files are the paths to read, sorted, without duplicates: regular
	// files, and what looks like a file but cannot be read as one (a FIFO,
	// a socket, a device, a dangling or looping symbolic link, a file
	// without read permission), whose reading fails without waiting and is
	// recorded with its reason.
	Files []string
	// Skipped are the paths given or found that are not read.
	Skipped []Skip
}

// Skip is a path given or found that is not read, and why.
type Skip struct {
	Path   string
	Reason string
	// Problem is set where something that should have been read was not:
	// a path given that does not exist, a folder that cannot be listed.
	// Hidden entries and folders read already under another path are no
	// problem.
	Problem bool
}

// Problems counts the skips that are problems.
func (d Discovery) Problems() int {
	n := 0
	for _, s := range d.Skipped {
		if s.Problem {
			n++
		}
	}
	return n
}

// maxFolderDepth bounds how deep folders are walked: a loop that links do
// not make (a bind mount of a folder into itself) still ends.
const maxFolderDepth = 256

// DiscoverPaths finds the files named by paths, walking folders
// recursively. Hidden files and folders (a name starting with ".") inside
// a folder are skipped; a path given is never hidden. Symbolic links are
// followed, each once: a link to a file is read as a file at the link's
// path, and a link to a folder is walked unless that folder was walked
// already (under its own path or another link: a loop, or the same folder
// twice), which is recorded as a skip. Names are kept byte for byte, valid
// UTF-8 or not. Discovery only looks at paths: it never opens a file, so
// it never waits on a FIFO or a device.
func DiscoverPaths(paths []string) Discovery {
	d := discoverer{seen: map[string]bool{}, walked: map[string]string{}}
	for _, root := range paths {
		info, err := os.Lstat(root)
		if err != nil {
			d.skip(root, describeErr(err), true)
			continue
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			if target, err := os.Stat(root); err == nil && target.IsDir() {
				d.walk(root, 0)
				continue
			}
			d.add(root) // to a file, or dangling, or looping: read, or recorded failed
			continue
		}
		if info.IsDir() {
			d.walk(root, 0)
			continue
		}
		d.add(root)
	}
	sort.Strings(d.out.Files)
	sort.SliceStable(d.out.Skipped, func(i, j int) bool { return d.out.Skipped[i].Path < d.out.Skipped[j].Path })
	return d.out
}

// Discover lists the files named by paths as DiscoverPaths does. The
// error joins the problems among the paths not read (a path that does
// not exist, a folder that cannot be listed); the files are listed all the
// same.
func Discover(paths []string) ([]string, error) {
	d := DiscoverPaths(paths)
	var errs []error
	for _, s := range d.Skipped {
		if s.Problem {
			errs = append(errs, fmt.Errorf("discover %s: %s", s.Path, s.Reason))
		}
	}
	return d.Files, errors.Join(errs...)
}

type discoverer struct {
	out  Discovery
	seen map[string]bool // paths listed, as files or skips
	// walked maps the real path of each folder walked to the path it was
	// walked under.
	walked map[string]string
}

func (d *discoverer) add(p string) {
	if !d.seen[p] {
		d.seen[p] = true
		d.out.Files = append(d.out.Files, p)
	}
}

func (d *discoverer) skip(p, reason string, problem bool) {
	if !d.seen[p] {
		d.seen[p] = true
		d.out.Skipped = append(d.out.Skipped, Skip{Path: p, Reason: reason, Problem: problem})
	}
}

// walk lists the folder dir (a folder, or a link to one) and what is in
// it, depth folders below a path given.
func (d *discoverer) walk(dir string, depth int) {
	real, err := filepath.EvalSymlinks(dir)
	if err == nil {
		real, err = filepath.Abs(real)
	}
	if err != nil {
		d.skip(dir, "cannot resolve folder: "+describeErr(err), true)
		return
	}
	if first, ok := d.walked[real]; ok {
		d.skip(dir, fmt.Sprintf("the folder %s, read already", first), false)
		return
	}
	if depth > maxFolderDepth {
		d.skip(dir, fmt.Sprintf("folders nested more than %d deep", maxFolderDepth), true)
		return
	}
	d.walked[real] = dir
	entries, err := os.ReadDir(dir)
	if err != nil && len(entries) == 0 {
		d.skip(dir, "cannot list folder: "+describeErr(err), true)
		return
	}
	if err != nil {
		// Some entries were read before the error: keep them, and say
		// the folder was not listed to its end.
		d.skip(dir, "folder listed only in part: "+describeErr(err), true)
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if strings.HasPrefix(e.Name(), ".") {
			d.skip(p, "hidden", false)
			continue
		}
		switch t := e.Type(); {
		case t.IsDir():
			d.walk(p, depth+1)
		case t&fs.ModeSymlink != 0:
			if target, err := os.Stat(p); err == nil && target.IsDir() {
				d.walk(p, depth+1)
				continue
			}
			d.add(p) // a file through the link, or a link that leads nowhere
		default:
			d.add(p) // a regular file, or a FIFO, socket or device: refused when read
		}
	}
}

// describeErr is the reason of a file system error without the operation
// and path that the caller names anyway.
func describeErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
