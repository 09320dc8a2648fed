package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// ErrNotRegular is the error of ReadFile and OpenRegular for a path that
// is no regular file: a FIFO, a socket, a device or a folder.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is the error of ReadFile for a file over the size asked for.
var ErrTooLarge = errors.New("file too large")

// ReadFile reads the regular file at path, following symbolic links, and
// never waits for a writer: it opens the file with OpenRegular, and a
// file of more than maxBytes bytes (when maxBytes > 0) is refused with
// ErrTooLarge before it is read. Errors say which file and why.
func ReadFile(path string, maxBytes int64) ([]byte, error) {
	f, info, err := OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }() // read-only: a close error changes nothing read
	if err := regular(path, info, maxBytes); err != nil {
		return nil, err
	}
	r := io.Reader(f)
	if maxBytes > 0 {
		r = io.LimitReader(f, maxBytes+1) // a file that grows while read
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if maxBytes > 0 && int64(len(data)) > maxBytes {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w: it grew past %s while read", ErrTooLarge, Bytes(maxBytes))}
	}
	return data, nil
}

// OpenRegular opens the regular file at path, its exact bytes, for
// reading, following symbolic links (a link to a report is read as the
// report), and never waits: a FIFO, socket, device or folder is refused
// with ErrNotRegular, named by path, before it is opened; and since the
// path may change between that look and the open (a file replaced by a
// FIFO), it is opened without blocking and what was opened is checked
// again and refused the same way. The caller closes the file.
func OpenRegular(path string) (*os.File, fs.FileInfo, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, err // *fs.PathError: missing, dangling link, link loop, permission
	}
	// Looking first keeps devices from being opened at all: opening
	// some (a tape, a terminal) does something.
	if err := regular(path, info, 0); err != nil {
		return nil, nil, err
	}
	if betweenLookAndOpen != nil {
		betweenLookAndOpen(path)
	}
	// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
	// writer; on a regular file it changes nothing.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	opened, err := f.Stat()
	if err != nil {
		_ = f.Close() // refused anyway: the stat's error says why
		return nil, nil, fmt.Errorf("stat %s: %w", path, err)
	}
	if err := regular(path, opened, 0); err != nil {
		_ = f.Close() // refused: not a regular file
		return nil, nil, err
	}
	return f, opened, nil
}

// betweenLookAndOpen, set by tests only, runs in OpenRegular between its
// look at the path and its open: the window in which a file listed as
// regular can be replaced by a FIFO.
var betweenLookAndOpen func(path string)

// regular checks that info is of a regular file of at most maxBytes.
func regular(path string, info fs.FileInfo, maxBytes int64) error {
	if !info.Mode().IsRegular() {
		return &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w: %s", ErrNotRegular, FileKind(info.Mode()))}
	}
	if maxBytes > 0 && info.Size() > maxBytes {
		return &fs.PathError{Op: "read", Path: path,
			Err: fmt.Errorf("%w: %s, over the %s one document may have", ErrTooLarge, Bytes(info.Size()), Bytes(maxBytes))}
	}
	return nil
}

// FileKind names the kind of file a mode is of, as a person would.
func FileKind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "regular file"
	case m.IsDir():
		return "folder"
	case m&fs.ModeSymlink != 0:
		return "symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "FIFO (named pipe)"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeCharDevice != 0:
		return "character device"
	case m&fs.ModeDevice != 0:
		return "block device"
	case m&fs.ModeIrregular != 0:
		return "irregular file"
	}
	return "file of mode " + m.String()
}

// Bytes formats a size for a person: 512 B, 3.2 MB, 1.5 GB (powers of
// 1024, as ls -h counts).
func Bytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "KMGTP"[exp])
}

// FormatOf is the format a file name's extension selects (pdf, text,
// docx, html), or "" when it is unsupported.
func FormatOf(name string) string {
	return formats[strings.ToLower(filepath.Ext(name))]
}
