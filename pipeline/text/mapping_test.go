package text

import "testing"

// checkMapping verifies the invariants every Text must keep: rawOf is
// strictly increasing and in bounds, and each clean rune is the fold of
// its raw rune, a break becoming '\n' or ' ' only.
func checkMapping(t *testing.T, txt *Text) {
	t.Helper()
	if len(txt.rawOf) != len(txt.Clean) {
		t.Fatalf("rawOf has %d entries for %d clean runes", len(txt.rawOf), len(txt.Clean))
	}
	last := -1
	for i, c := range txt.Clean {
		ro := txt.rawOf[i]
		if ro <= last || ro >= len(txt.Raw) {
			t.Fatalf("clean %d maps to raw %d after raw %d (len %d)", i, ro, last, len(txt.Raw))
		}
		last = ro
		r := txt.Raw[ro]
		if !cleanOf(r, c) {
			t.Fatalf("clean %d is %q but raw %d is %q", i, c, ro, r)
		}
	}
}

// cleanOf reports whether clean rune c may stand for raw rune r.
func cleanOf(r, c rune) bool {
	switch r {
	case '\n', '\f', '\r':
		return c == '\n' || c == ' '
	}
	f := fold(r)
	return f != deleted && f == c && c != '\n' && c != '\f'
}
