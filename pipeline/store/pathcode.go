package store

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A file name is bytes, not text: it may hold bytes that are not UTF-8
// (a GBK name), which PostgreSQL's text refuses and which a lossy
// replacement would turn into another name. Every path column (documents,
// document_paths, claims, finding_reviews.document) therefore holds
// encodePath of the path, and every read gives back decodePath of it: the
// exact bytes.
//
// A path that is valid UTF-8 without NUL is stored as it is, so stored
// paths stay readable and a database made before this encoding still
// reads the same. Any other path, and one that happens to begin with the
// marker, is stored as the marker followed by the path with '%', NUL and
// each byte that is not part of valid UTF-8 written as %XX. U+FFFE is a
// noncharacter no real file name begins with, so the marker cannot be
// mistaken for the start of a plain path.
const rawPathMarker = "\uFFFEraw:"

// encodePath is the form of path stored in a path column.
func encodePath(path string) string {
	if utf8.ValidString(path) && !strings.ContainsRune(path, 0) && !strings.HasPrefix(path, rawPathMarker) {
		return path
	}
	var b strings.Builder
	b.Grow(len(rawPathMarker) + len(path) + 8)
	b.WriteString(rawPathMarker)
	for i := 0; i < len(path); {
		r, size := utf8.DecodeRuneInString(path[i:])
		if (r == utf8.RuneError && size == 1) || r == 0 || r == '%' {
			fmt.Fprintf(&b, "%%%02X", path[i])
			i++
			continue
		}
		b.WriteString(path[i : i+size])
		i += size
	}
	return b.String()
}

// decodePath is the exact path a stored path column holds. A marked form
// whose escapes are broken was not written by encodePath, and is an error
// rather than a guess at a name.
func decodePath(stored string) (string, error) {
	rest, ok := strings.CutPrefix(stored, rawPathMarker)
	if !ok {
		return stored, nil
	}
	var b strings.Builder
	b.Grow(len(rest))
	for i := 0; i < len(rest); i++ {
		if rest[i] != '%' {
			b.WriteByte(rest[i])
			continue
		}
		if i+2 >= len(rest) {
			return "", fmt.Errorf("stored path %q: escape %q cut short", stored, rest[i:])
		}
		v, err := strconv.ParseUint(rest[i+1:i+3], 16, 8)
		if err != nil {
			return "", fmt.Errorf("stored path %q: bad escape %q", stored, rest[i:i+3])
		}
		b.WriteByte(byte(v))
		i += 2
	}
	return b.String(), nil
}

// decodePaths decodes each stored path in place, stopping at the first
// that is broken.
func decodePaths(paths ...*string) error {
	for _, p := range paths {
		d, err := decodePath(*p)
		if err != nil {
			return err
		}
		*p = d
	}
	return nil
}

// ShowPath is a path as printed to a person (a terminal, a log line, a
// workbook cell, JSON): as it is when it is valid UTF-8 without control
// characters, else Go-quoted with its odd bytes escaped ("rep\xff.txt"),
// since those would garble a terminal or break a workbook's XML. It is
// for reading only: compare and open the path itself.
func ShowPath(p string) string {
	if utf8.ValidString(p) && strings.IndexFunc(p, unicode.IsControl) < 0 {
		return p
	}
	return strconv.Quote(p)
}
