package extractors

import (
	"context"
	"sort"
	"strings"

	"reportfacts/pipeline/table"
	"reportfacts/pipeline/text"
)

// Options tune an extraction.
type Options struct {
	// DocumentDate is the document's own date (YYYY, YYYY-MM or
	// YYYY-MM-DD), used for dates that omit their year when the paragraph
	// names none. Empty when unknown.
	DocumentDate string
	// Tables are the document's tables as its reader found them; their
	// numeric cells become facts by the table rule.
	Tables []table.Table
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
	cands, err := scanNumericContext(ctx, clean)
	if err != nil {
		return nil, err
	}
	dates, err := scanDatesContext(ctx, clean, sents, opts)
	if err != nil {
		return nil, err
	}
	cands = resolveOverlaps(cands, dates)
	if err := attribute(ctx, clean, sents, cands, opts); err != nil {
		return nil, err
	}

	var cells []Fact
	var labels []span
	if len(opts.Tables) > 0 {
		doc := tableDoc{self: (&attributor{clean: clean}).selfName(), reportYear: titleYear(clean, sents)}
		if doc.reportYear == 0 {
			doc.reportYear = documentYear(opts.DocumentDate)
		}
		cells, labels = tableFacts(t, opts.Tables, doc)
		sort.Slice(cells, func(i, j int) bool { return cells[i].Start < cells[j].Start })
		sort.Slice(labels, func(i, j int) bool { return labels[i].start < labels[j].start })
	}
	facts := make([]Fact, 0, len(cands)+len(cells))
	for _, c := range cands {
		f := c.Fact
		f.Start, f.End = t.RawSpan(c.cs, c.ce)
		f.Text = t.RawString(f.Start, f.End)
		f.Page = t.Page(f.Start)
		if inTable(f, cells, labels) {
			continue
		}
		facts = append(facts, f)
	}
	facts = append(facts, headerTimesUnread(facts, cells)...)
	sort.SliceStable(facts, func(i, j int) bool {
		if facts[i].Start != facts[j].Start {
			return facts[i].Start < facts[j].Start
		}
		return facts[i].End < facts[j].End
	})
	return facts, nil
}

// headerTimesUnread keeps the table rule's facts but for the header times
// that overlap a date or period the prose rules read: theirs is kept.
// facts are in order of Start, and so are cells.
func headerTimesUnread(facts, cells []Fact) []Fact {
	out := cells[:0:0]
	for _, c := range cells {
		if c.Rule == "table.header_date" || c.Rule == "table.header_period" {
			i := sort.Search(len(facts), func(i int) bool { return facts[i].End > c.Start })
			if i < len(facts) && facts[i].Start < c.End {
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// inTable reports a fact the prose rules found where the table rule
// speaks: in a numeric cell, or, unless it is a date, in a label or a
// header.
func inTable(f Fact, cells []Fact, labels []span) bool {
	// cells and labels are few beside the facts of a long report, but
	// both come in document order: a binary search keeps this linear.
	i := sort.Search(len(cells), func(i int) bool { return cells[i].End > f.Start })
	if i < len(cells) && cells[i].Start < f.End {
		return true
	}
	j := sort.Search(len(labels), func(j int) bool { return labels[j].end > f.Start })
	if j >= len(labels) || labels[j].start >= f.End {
		return false
	}
	// A header's year is a date (2019年, 2019年末); its relative words
	// (本期, 上年同期) only say which column is which.
	return f.Kind != KindDate && f.Kind != KindPeriod || !strings.ContainsAny(f.Text, "0123456789")
}
