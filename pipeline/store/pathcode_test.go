package store

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"reportfacts/extractors"
)

// TestPathEncodingRoundTrips checks that every byte string comes back
// exactly from its stored form, that the stored form is text both
// databases take (valid UTF-8, no NUL), and that a plain name is stored
// as it is.
func TestPathEncodingRoundTrips(t *testing.T) {
	for _, c := range []struct {
		name, path string
		plain      bool // stored as it is
	}{
		{"empty", "", true},
		{"ascii", "seeds/report.txt", true},
		{"chinese", "年报/2021年度报告.pdf", true},
		{"percent in a valid name", "增长 10%.txt", true},
		{"escape-like in a valid name", "a%FFb.txt", true},
		{"replacement char is valid", "a\uFFFDb.txt", true},
		{"invalid byte", "rep\xff\xfe.txt", false},
		{"gbk name", "gbk_\xc4\xea\xb1\xa8.txt", false},
		{"nul", "a\x00b", false},
		{"percent beside invalid", "10%\xff", false},
		{"escape-like beside invalid", "%FF\xff", false},
		{"marker as a valid name", rawPathMarker + "x.txt", false},
		{"marker alone", rawPathMarker, false},
		{"marker inside a name", "a" + rawPathMarker + "b", true},
		{"truncated utf-8", "年"[:2], false},
		{"surrogate bytes", "\xed\xa0\x80", false},
		{"all bytes", allBytes(), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkRoundTrip(t, c.path)
			if got := encodePath(c.path); (got == c.path) != c.plain {
				t.Errorf("encodePath(%q) = %q: stored as it is %v, want %v", c.path, got, got == c.path, c.plain)
			}
		})
	}
	const pool = "%\x00\xef\xbf\xberaw:F0\xff\xc4\xea年"
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		b := make([]byte, rng.IntN(24))
		for i := range b {
			// Bytes that make escapes, the marker and UTF-8 likelier.
			b[i] = pool[rng.IntN(len(pool))]
		}
		checkRoundTrip(t, string(b))
	}
}

func checkRoundTrip(t *testing.T, path string) {
	t.Helper()
	stored := encodePath(path)
	if !utf8.ValidString(stored) || strings.ContainsRune(stored, 0) {
		t.Errorf("encodePath(%q) = %q: not storable text", path, stored)
	}
	back, err := decodePath(stored)
	if err != nil || back != path {
		t.Errorf("decodePath(encodePath(%q)) = %q, %v; want the path back", path, back, err)
	}
}

func allBytes() string {
	b := make([]byte, 256)
	for i := range b {
		b[i] = byte(i)
	}
	return string(b)
}

// TestDecodePathRefusesBrokenEscapes checks that a marked form encodePath
// could not have written is an error, not another name.
func TestDecodePathRefusesBrokenEscapes(t *testing.T) {
	for _, stored := range []string{rawPathMarker + "a%", rawPathMarker + "a%F", rawPathMarker + "a%GG"} {
		if got, err := decodePath(stored); err == nil {
			t.Errorf("decodePath(%q) = %q, want an error", stored, got)
		}
	}
}

func TestShowPath(t *testing.T) {
	for path, want := range map[string]string{
		"seeds/年报.txt":    "seeds/年报.txt",
		"rep\xff\xfe.txt": `"rep\xff\xfe.txt"`,
		"a\nb":            `"a\nb"`,
	} {
		if got := ShowPath(path); got != want {
			t.Errorf("ShowPath(%q) = %s, want %s", path, got, want)
		}
	}
}

// TestStoredPathsExact saves documents under names that are not UTF-8,
// hold NUL or begin with the marker, beside the valid name the lossy
// storage of old made of the first, and checks that every read gives each
// path back byte for byte, that each names its own document, and that the
// path columns of claims and finding reviews keep theirs too.
func TestStoredPathsExact(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		paths := []string{
			"rep\xff\xfe.txt",
			"rep\uFFFD\uFFFD.txt", // what rep\xff\xfe.txt used to be stored as
			"gbk_\xc4\xea\xb1\xa8 10%.txt",
			"a\x00b.txt",
			rawPathMarker + "c.txt",
		}
		ids := map[string]int64{}
		for i, p := range paths {
			doc := testDoc(p, "1", "营业收入1554.17亿元")
			res := mustSave(t, s, doc, []extractors.Fact{fact(extractors.KindMoney, "1554.17亿元", 4, "155417000000")})
			if res.Replaced {
				t.Errorf("save %d (%q) replaced another document", i, p)
			}
			ids[p] = res.DocumentID
			got, found, atPath, err := s.LookupPath(ctx, doc.SHA256, p)
			if err != nil || !found || !atPath || got.Path != p {
				t.Errorf("LookupPath(%q) = %q, found %v, at path %v, %v; want it at its exact path", p, got.Path, found, atPath, err)
			}
		}
		docs, err := s.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			if ids[d.Path] != d.ID {
				t.Errorf("document %d listed at %q, saved at another path", d.ID, d.Path)
			}
		}
		if len(docs) != len(paths) {
			t.Errorf("%d documents, want %d", len(docs), len(paths))
		}
		recorded, err := s.Paths(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range recorded {
			if ids[p.Path] != p.DocumentID {
				t.Errorf("path %q recorded for document %d", p.Path, p.DocumentID)
			}
		}
		for _, p := range paths {
			rows := mustFacts(t, s, FactFilter{DocumentID: ids[p]})
			if len(rows) != 1 || rows[0].DocumentPath != p {
				t.Errorf("facts of %q: %d, first at %q", p, len(rows), firstPath(rows))
			}
		}
		for filter, want := range map[string][]string{
			"\xff\xfe":     {paths[0]},
			"REP":          {paths[0], paths[1]},
			"\xb1\xa8 10%": {paths[2]},
			"\x00":         {paths[3]},
			"c.txt":        {paths[4]},
		} {
			var got []string
			for _, r := range mustFacts(t, s, FactFilter{Document: filter}) {
				got = append(got, r.DocumentPath)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("facts of documents at %q: %q, want %q", filter, got, want)
			}
		}

		// A second path of the same bytes, recorded without reading.
		second := "copy \xff.txt"
		d, found, err := s.RecordPath(ctx, testDoc(paths[0], "1").SHA256, second)
		if err != nil || !found || d.ID != ids[paths[0]] {
			t.Errorf("RecordPath(%q) = %d, %v, %v; want document %d", second, d.ID, found, err, ids[paths[0]])
		}
		if _, _, atPath, err := s.LookupPath(ctx, testDoc(paths[0], "1").SHA256, second); err != nil || !atPath {
			t.Errorf("LookupPath(%q) after RecordPath: at path %v, %v", second, atPath, err)
		}

		review := FindingReview{FindingKey: "k1", Check: "source", Document: paths[0], Status: FindingReviewed}
		if err := s.ApplyFindingReviews(ctx, []FindingReview{review}); err != nil {
			t.Fatal(err)
		}
		reviews, err := s.FindingReviews(ctx)
		if err != nil || reviews["k1"].Document != paths[0] {
			t.Errorf("finding review's document = %q, %v; want %q", reviews["k1"].Document, err, paths[0])
		}

		one, err := s.StartClaims(ctx, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		defer one.Close(ctx)
		other, err := s.StartClaims(ctx, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close(ctx)
		if cl, err := one.Try(ctx, "sha-of-claim", paths[2]); err != nil || !cl.Held {
			t.Fatalf("Try = %+v, %v; want the claim", cl, err)
		}
		if cl, err := other.Try(ctx, "sha-of-claim", paths[0]); err != nil || cl.Held || cl.Holder.Path != paths[2] {
			t.Errorf("Try by another run = %+v, %v; want held by the first, for %q", cl, err, paths[2])
		}
	})
}

func firstPath(rows []FactRow) string {
	if len(rows) == 0 {
		return ""
	}
	return rows[0].DocumentPath
}
