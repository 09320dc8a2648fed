package text

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzNew checks the offset map on any input: pages are the input split
// at '\f'.
func FuzzNew(f *testing.F) {
	for _, s := range []string{
		"",
		"金融服务\n\n将为客户",
		"投入100.30亿\n\n元。\f第二页\n12\n",
		"Digital\nCompass\r\n１２．５％\u3000⼦\ufffd\u200b",
		"页眉\n正文。\n1\f页眉\n正文。\n2\f页眉\n正文。\n3",
		"\f\f\n \n\t\f",
		"- 1 -\f- 2 -\f- 3 -",
	} {
		f.Add(s)
	}
	// The inputs under testdata, and the head of the seed report (whole,
	// it slows the fuzzer's minimisation down to a crawl).
	inputs, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	for _, path := range append(inputs, seedPath) {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatalf("read fuzz seed %s: %v", path, err)
		}
		r := []rune(string(b))
		f.Add(string(r[:min(len(r), 800)]))
	}
	f.Fuzz(func(t *testing.T, s string) {
		pages := strings.Split(s, "\f")
		txt := New(pages)
		if want := []rune(strings.Join(pages, "\f")); string(txt.Raw) != string(want) {
			t.Fatalf("Raw is not the pages joined by a page break")
		}
		checkMapping(t, txt)
		checkSpans(t, txt)
		checkPages(t, txt)
		if len(pages) == 1 {
			checkNothingLost(t, txt)
		}
		clean := string(txt.Clean)
		if strings.Contains(clean, "\n\n") || strings.HasPrefix(clean, "\n") || strings.HasSuffix(clean, "\n") {
			t.Fatalf("clean text has an empty paragraph: %q", clean)
		}
	})
}

// checkSpans: every short clean span maps to a raw span in bounds whose
// runes, less the deleted ones and folded, are the clean span.
func checkSpans(t *testing.T, txt *Text) {
	t.Helper()
	mapped := make(map[int]bool, len(txt.rawOf))
	for _, ro := range txt.rawOf {
		mapped[ro] = true
	}
	for cs := range txt.Clean {
		for ce := cs + 1; ce <= min(cs+6, len(txt.Clean)); ce++ {
			rs, re := txt.RawSpan(cs, ce)
			if rs < 0 || re > len(txt.Raw) || rs >= re {
				t.Fatalf("RawSpan(%d, %d) = [%d, %d) out of [0, %d)", cs, ce, rs, re, len(txt.Raw))
			}
			var got []rune
			for i := rs; i < re; i++ {
				if mapped[i] {
					got = append(got, txt.Clean[len(got)+cs])
					if !cleanOf(txt.Raw[i], got[len(got)-1]) {
						t.Fatalf("raw %q at %d does not fold to %q", txt.Raw[i], i, got[len(got)-1])
					}
				}
			}
			if string(got) != string(txt.Clean[cs:ce]) {
				t.Fatalf("raw span [%d, %d) %q holds %q, want %q", rs, re, txt.RawString(rs, re), string(got), string(txt.Clean[cs:ce]))
			}
		}
	}
	prev := 0
	for cs := 0; cs <= len(txt.Clean); cs++ {
		ro := txt.RawOffset(cs)
		if ro < prev {
			t.Fatalf("RawOffset(%d) = %d falls below %d", cs, ro, prev)
		}
		prev = ro
	}
	if prev != len(txt.Raw) {
		t.Fatalf("RawOffset(len(Clean)) = %d, want %d", prev, len(txt.Raw))
	}
}

// checkPages: Page counts the page breaks before an offset.
func checkPages(t *testing.T, txt *Text) {
	t.Helper()
	page := 1
	for i := 0; i <= len(txt.Raw); i++ {
		if got := txt.Page(i); got != page {
			t.Fatalf("Page(%d) = %d, want %d", i, got, page)
		}
		if i < len(txt.Raw) && txt.Raw[i] == PageBreak {
			page++
		}
	}
}

// checkNothingLost: on a single page nothing but layout is deleted, so
// every raw rune that is not a break, a space or a deletable character
// reaches the clean text.
func checkNothingLost(t *testing.T, txt *Text) {
	t.Helper()
	mapped := make(map[int]bool, len(txt.rawOf))
	for _, ro := range txt.rawOf {
		mapped[ro] = true
	}
	for i, r := range txt.Raw {
		f := fold(r)
		if mapped[i] || f == deleted || isSpace(f) || r == '\n' || r == '\r' || r == '\f' {
			continue
		}
		t.Fatalf("raw %q at %d is lost", r, i)
	}
}
