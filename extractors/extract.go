package extractors

import (
	"context"
	"sort"

	"reportfacts/pipeline/text"
)

// Options tune an extraction.
type Options struct {
	// DocumentDate is the document's own date (YYYY, YYYY-MM or
	// YYYY-MM-DD), used for dates that omit their year when the paragraph
	// names none. Empty when unknown.
	DocumentDate string
}

// candidate is a fact found in the clean text, before its span is mapped
// back to the raw text. Fact.Text, Start, End, Page and Sentence are filled
// by Extract from cs and ce.
type candidate struct {
	Fact
	cs, ce int // span in the clean text, end exclusive
	// per is what a price is per (桶 in 78.09美元/桶, 股 in 0.36元/股),
	// left out of the value's text; attribution puts it into Metric.
	per string
}

// Extract returns the facts of a cleaned text, ordered by Start, with
// offsets, Text and Page taken from t.Raw.
func Extract(ctx context.Context, t *text.Text, opts Options) ([]Fact, error) {
	clean := t.Clean
	sents := splitSentences(clean)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cands := scanNumeric(clean)
	cands = resolveOverlaps(cands, scanDates(clean, sents, opts))
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	attribute(clean, sents, cands, opts)

	facts := make([]Fact, 0, len(cands))
	for _, c := range cands {
		f := c.Fact
		f.Start, f.End = t.RawSpan(c.cs, c.ce)
		f.Text = t.RawString(f.Start, f.End)
		f.Page = t.Page(f.Start)
		facts = append(facts, f)
	}
	sort.SliceStable(facts, func(i, j int) bool {
		if facts[i].Start != facts[j].Start {
			return facts[i].Start < facts[j].Start
		}
		return facts[i].End < facts[j].End
	})
	return facts, nil
}
