package extractors

import (
	"bufio"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/cockroachdb/apd/v3"

	"reportfacts/pipeline/text"
)

// fuzzSeeds adds every line of testdata/fuzz/seeds.txt, and the whole file
// as one document, to a fuzz corpus.
func fuzzSeeds(f *testing.F) {
	f.Helper()
	b, err := os.ReadFile("testdata/fuzz/seeds.txt")
	if err != nil {
		f.Fatalf("read fuzz seeds: %v", err)
	}
	f.Add(string(b))
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		f.Add(sc.Text())
	}
}

func FuzzParseNumeral(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		rs := []rune(s)
		for i := range rs {
			v, n, ok := parseNumeral(rs[i:])
			if !ok {
				continue
			}
			if n <= 0 || n > len(rs)-i {
				t.Fatalf("parseNumeral(%q) read %d runes of %d", string(rs[i:]), n, len(rs)-i)
			}
			for _, keep := range []bool{true, false} {
				out := formatValue(v, keep)
				if strings.ContainsAny(out, "eE") {
					t.Fatalf("formatValue(%q) = %s has an exponent", string(rs[i:i+n]), out)
				}
				if _, _, err := apd.NewFromString(out); err != nil {
					t.Fatalf("formatValue(%q) = %s is not a decimal: %v", string(rs[i:i+n]), out, err)
				}
			}
		}
	})
}

func FuzzExtract(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		tx := text.New(strings.Split(s, "\f"))
		facts, err := Extract(context.Background(), tx, Options{DocumentDate: "2021"})
		if err != nil {
			t.Fatalf("Extract: %v", err)
		}
		for _, fa := range facts {
			if fa.Start < 0 || fa.End < fa.Start || fa.End > len(tx.Raw) {
				t.Fatalf("fact %+v: span [%d,%d) out of the raw text's %d runes", fa, fa.Start, fa.End, len(tx.Raw))
			}
			if got := string(tx.Raw[fa.Start:fa.End]); got != fa.Text {
				t.Fatalf("fact %+v: raw[%d:%d] = %q, text %q", fa, fa.Start, fa.End, got, fa.Text)
			}
			if fa.Value != "" {
				if _, _, err := apd.NewFromString(fa.Value); err != nil || strings.ContainsAny(fa.Value, "eE") {
					t.Fatalf("fact %+v: value %q is not a plain decimal", fa, fa.Value)
				}
			}
		}
	})
}
