package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cockroachdb/apd/v3"

	"reportfacts/extractors"
	"reportfacts/pipeline/store"
	"reportfacts/pipeline/table"
	"reportfacts/pipeline/text"
)

// extract is the extraction the value check repeats.
var extract = extractors.Extract

// reextract runs the extractors on a stored document's raw text, turning a
// panic into an error: the audit reports a broken extractor, it does not
// die of it.
func reextract(ctx context.Context, doc store.DocumentRow) (facts []extractors.Fact, err error) {
	defer func() {
		if r := recover(); r != nil {
			facts, err = nil, fmt.Errorf("extractors panicked: %v", r)
		}
	}()
	t := text.New(strings.Split(doc.Text, string(text.PageBreak)))
	var tables []table.Table
	if doc.Tables != "" {
		if err := json.Unmarshal([]byte(doc.Tables), &tables); err != nil {
			return nil, fmt.Errorf("decode the stored tables of %s: %w", doc.Path, err)
		}
	}
	return extract(ctx, t, extractors.Options{DocumentDate: doc.Date, Tables: tables})
}

// checkValues extracts the document again and fails every stored fact
// whose kind, value or unit differs from what the extractors now find at
// its span, or that they no longer find: a database edited by hand, or
// extractors that drifted since the facts were stored.
func checkValues(ctx context.Context, df docFacts) ([]Finding, error) {
	if len(df.Facts) == 0 {
		return nil, nil
	}
	fresh, err := reextract(ctx, df.Doc)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return []Finding{{
			Check: CheckValue, Document: df.Doc.Path,
			Detail: fmt.Sprintf("could not extract the stored text again: %v", err),
		}}, nil
	}
	byKey := make(map[string]extractors.Fact, len(fresh))
	bySpan := make(map[[2]int]extractors.Fact, len(fresh))
	for _, f := range fresh {
		byKey[extractors.Key(df.Doc.SHA256, f)] = f
		bySpan[[2]int{f.Start, f.End}] = f
	}
	var out []Finding
	for _, st := range df.Facts {
		now, ok := byKey[st.Key]
		if !ok {
			now, ok = bySpan[[2]int{st.Start, st.End}]
		}
		finding := Finding{
			Check: CheckValue, FactKeys: []string{st.Key}, Document: df.Doc.Path,
			Page: st.Page, Sentence: st.Sentence,
			Figures: []Figure{{Role: "stored", Text: st.Text, Value: st.Value, Unit: st.Unit, Key: st.Key}},
		}
		if !ok {
			finding.Detail = fmt.Sprintf("the extractors no longer find a fact at %d..%d %q (stored %s)",
				st.Start, st.End, st.Text, describeFact(st.Fact))
			out = append(out, finding)
			continue
		}
		var diffs []string
		if now.Kind != st.Kind {
			diffs = append(diffs, fmt.Sprintf("kind %s, extracted %s", st.Kind, now.Kind))
		}
		if !sameValue(st.Value, now.Value) {
			diffs = append(diffs, fmt.Sprintf("value %s, extracted %s", orNone(st.Value), orNone(now.Value)))
		}
		if now.Unit != st.Unit {
			diffs = append(diffs, fmt.Sprintf("unit %s, extracted %s", orNone(st.Unit), orNone(now.Unit)))
		}
		if len(diffs) == 0 {
			continue
		}
		finding.Detail = fmt.Sprintf("stored %q: %s", st.Text, strings.Join(diffs, "; "))
		finding.Figures = append(finding.Figures, Figure{Role: "extracted", Text: now.Text, Value: now.Value, Unit: now.Unit})
		out = append(out, finding)
	}
	return out, nil
}

// describeFact names a fact's kind and what it says: value and unit, or
// the dates of a date or period.
func describeFact(f extractors.Fact) string {
	if f.Value == "" {
		return strings.TrimSpace(fmt.Sprintf("%s %s..%s", f.Kind, f.From, f.To))
	}
	return strings.TrimSpace(fmt.Sprintf("%s %s %s", f.Kind, f.Value, f.Unit))
}

// sameValue compares two decimal texts as numbers (9.10 is 9.1), and
// anything else as text.
func sameValue(a, b string) bool {
	if a == b {
		return true
	}
	x, _, errx := apd.NewFromString(a)
	y, _, erry := apd.NewFromString(b)
	return errx == nil && erry == nil && x.Cmp(y) == 0
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
