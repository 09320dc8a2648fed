package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reportfacts/extractors"
	"reportfacts/pipeline/store"
	"reportfacts/pipeline/text"
)

// seedDoc is the seed report with the facts the extractors find in it, as
// the store would hand them to the audit.
func seedDoc(b *testing.B) docFacts {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "seeds", "000_dbf8deccee350033.txt"))
	if err != nil {
		b.Skipf("seed report not found: %v", err)
	}
	raw := string(data)
	sum := sha256.Sum256(data)
	doc := store.DocumentRow{ID: 1, Path: "seed.txt", SHA256: hex.EncodeToString(sum[:]), Status: "ok", Text: raw}
	facts, err := extractors.Extract(context.Background(), text.New(strings.Split(raw, "\f")), extractors.Options{})
	if err != nil {
		b.Fatal(err)
	}
	df := docFacts{Doc: doc, Raw: []rune(raw)}
	for _, f := range facts {
		df.Facts = append(df.Facts, store.FactRow{Fact: f, Key: extractors.Key(doc.SHA256, f), DocumentID: 1, DocumentPath: doc.Path})
	}
	return df
}

// BenchmarkArithmetic runs the four arithmetic checks over the seed's
// facts, repeated as documents.
func BenchmarkArithmetic(b *testing.B) {
	seed := seedDoc(b)
	docs := make([]docFacts, 20)
	for i := range docs {
		docs[i] = seed
		docs[i].Doc.ID = int64(i + 1)
	}
	facts := len(seed.Facts) * len(docs)
	checks := []string{CheckTotal, CheckShares, CheckGrowth, CheckPPChange}
	for b.Loop() {
		a := newArith(checks)
		for _, df := range docs {
			a.addDoc(df)
		}
		for _, c := range checks {
			a.finish(c)
		}
	}
	b.ReportMetric(float64(facts)*float64(b.N)/b.Elapsed().Seconds(), "facts/s")
}

// BenchmarkRunSeed audits the seed end to end (without its source file),
// extraction again included.
func BenchmarkRunSeed(b *testing.B) {
	seed := seedDoc(b)
	db := fakeDB{[]docFacts{seed}}
	opts := Options{Checks: []string{CheckProvenance, CheckValue, CheckTotal, CheckShares, CheckGrowth, CheckPPChange}}
	for b.Loop() {
		rep, err := run(context.Background(), db, opts)
		if err != nil {
			b.Fatal(err)
		}
		if len(rep.Failed()) != 0 {
			b.Fatalf("the seed fails its audit:%s", describe(rep.Failed()))
		}
	}
	b.ReportMetric(float64(len(seed.Facts))*float64(b.N)/b.Elapsed().Seconds(), "facts/s")
}
