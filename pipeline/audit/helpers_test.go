package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"reportfacts/extractors"
	"reportfacts/pipeline/store"
)

// spec is a fact a test states by hand: its text is found in the document
// after the previous spec's.
type spec struct {
	text, kind, value, unit string
	set                     func(f *extractors.Fact)
}

func fact(text, kind, value, unit string) spec {
	return spec{text: text, kind: kind, value: value, unit: unit}
}

// with adds a setter to those the spec already has.
func (s spec) with(set func(f *extractors.Fact)) spec {
	prev := s.set
	s.set = func(f *extractors.Fact) {
		if prev != nil {
			prev(f)
		}
		set(f)
	}
	return s
}

// attr sets entity, metric and period.
func (s spec) attr(entity, metric, period string) spec {
	return s.with(func(f *extractors.Fact) { f.Entity, f.Metric, f.Period = entity, metric, period })
}

func (s spec) basis(b string) spec { return s.with(func(f *extractors.Fact) { f.Basis = b }) }

func (s spec) period(p string) spec { return s.with(func(f *extractors.Fact) { f.Period = p }) }

// makeDoc lays out raw (pages joined by \f) with the specs' facts, as the
// store would give them to the audit.
func makeDoc(t *testing.T, id int64, path, raw string, specs ...spec) docFacts {
	t.Helper()
	sum := sha256.Sum256([]byte(raw))
	d := store.DocumentRow{ID: id, Path: path, SHA256: hex.EncodeToString(sum[:]), Status: "ok", Text: raw}
	runes := []rune(raw)
	df := docFacts{Doc: d, Raw: runes}
	from := 0
	for _, sp := range specs {
		i := strings.Index(string(runes[from:]), sp.text)
		if i < 0 {
			t.Fatalf("spec %q not found in %q after offset %d", sp.text, raw, from)
		}
		start := from + len([]rune(string(runes[from:])[:i]))
		end := start + len([]rune(sp.text))
		f := extractors.Fact{Kind: sp.kind, Text: sp.text, Start: start, End: end, Page: pageOf(runes, start),
			Value: sp.value, Unit: sp.unit, Qualifier: extractors.QualExact, Sentence: sentenceAt(runes, start),
			Rule: "test"}
		if sp.set != nil {
			sp.set(&f)
		}
		df.Facts = append(df.Facts, store.FactRow{Fact: f, Key: extractors.Key(d.SHA256, f), DocumentID: id,
			DocumentPath: path, DocumentSHA256: d.SHA256, ReviewStatus: "pending"})
		from = end
	}
	df.Doc.Facts = len(df.Facts)
	return df
}

func sentenceAt(raw []rune, at int) string {
	a, b := at, at
	for a > 0 && raw[a-1] != '。' {
		a--
	}
	for b < len(raw) && raw[b] != '。' {
		b++
	}
	if b < len(raw) {
		b++
	}
	return strings.TrimSpace(string(raw[a:b]))
}

// fakeDB serves documents and facts as the store does.
type fakeDB struct{ docs []docFacts }

func (db fakeDB) Documents(context.Context) ([]store.DocumentRow, error) {
	var out []store.DocumentRow
	for _, d := range db.docs {
		row := d.Doc
		row.Text = ""
		out = append(out, row)
	}
	return out, nil
}

func (db fakeDB) Document(_ context.Context, id int64) (store.DocumentRow, error) {
	for _, d := range db.docs {
		if d.Doc.ID == id {
			return d.Doc, nil
		}
	}
	return store.DocumentRow{}, fmt.Errorf("no document %d", id)
}

func (db fakeDB) Facts(_ context.Context, f store.FactFilter) ([]store.FactRow, error) {
	for _, d := range db.docs {
		if d.Doc.ID == f.DocumentID {
			return append([]store.FactRow(nil), d.Facts...), nil
		}
	}
	return nil, nil
}

func (db fakeDB) FindingReviews(context.Context) (map[string]store.FindingReview, error) {
	return nil, nil
}

func describe(found []Finding) string {
	var b strings.Builder
	for _, f := range found {
		fmt.Fprintf(&b, "\n  %s passed=%v %s", f.Check, f.Passed, f.Detail)
	}
	return b.String()
}
