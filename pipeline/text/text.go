// Package text turns a document's raw extracted pages into the clean text
// that the extractors read, and keeps a map from every clean character back
// to the raw character it came from, so that a span found in the clean text
// names exact characters of the raw text.
//
// The raw text is the pages joined by '\f'. Offsets are in Unicode code
// points. Cleaning only deletes raw characters or replaces one character by
// one other, so every clean rune has exactly one raw rune behind it.
//
// The package owns the layout rules: which line breaks are paragraph
// breaks and which only wrap a sentence, which lines are page numbers and
// running headers, and which characters fold or disappear.
package text

import (
	"sort"
	"unicode/utf8"
)

// PageBreak joins the pages of a document's raw text.
const PageBreak = '\f'

// Text is a document's raw text and its cleaned form.
type Text struct {
	// Raw is the document's extracted text, pages joined by PageBreak.
	Raw []rune
	// Clean is the text the extractors read: layout line breaks inside
	// sentences removed, full-width forms and Kangxi radicals folded,
	// page numbers and running headers dropped. A '\n' in Clean ends a
	// paragraph.
	Clean []rune
	// rawOf[i] is the offset in Raw of the rune behind Clean[i].
	rawOf []int
	// pageStart[p] is the offset in Raw where page p+1 starts.
	pageStart []int
}

// New cleans a document's raw pages. Raw is strings.Join(pages, "\f") as runes.
func New(pages []string) *Text {
	t := &Text{}
	t.Raw, t.pageStart = joinPages(pages)
	folded, lines := splitLines(t.Raw)
	dropEdgeLines(folded, lines, len(t.pageStart))
	l := measure(t.Raw, lines)
	t.Clean, t.rawOf = l.emit(folded, lines)
	return t
}

// joinPages decodes the pages into one rune slice joined by PageBreak and
// records where each page starts.
func joinPages(pages []string) ([]rune, []int) {
	n := 0
	for i, p := range pages {
		if i > 0 {
			n++
		}
		n += utf8.RuneCountInString(p)
	}
	raw := make([]rune, n)
	starts := make([]int, 0, max(len(pages), 1))
	k := 0
	for i, p := range pages {
		if i > 0 {
			raw[k] = PageBreak
			k++
		}
		starts = append(starts, k)
		for _, r := range p {
			raw[k] = r
			k++
		}
	}
	if len(starts) == 0 {
		starts = append(starts, 0)
	}
	return raw, starts
}

// RawSpan maps a clean span [cs, ce) (ce > cs) to the raw span [rs, re)
// that covers exactly the raw runes behind Clean[cs:ce] and whatever was
// deleted between them (so a value split by a layout break spans the
// break). Offsets out of range are clamped; an empty span maps to the
// empty raw span at RawOffset(cs).
func (t *Text) RawSpan(cs, ce int) (rs, re int) {
	cs = clamp(cs, 0, len(t.Clean))
	ce = clamp(ce, 0, len(t.Clean))
	if ce <= cs {
		rs = t.RawOffset(cs)
		return rs, rs
	}
	return t.rawOf[cs], t.rawOf[ce-1] + 1
}

// RawOffset maps one clean offset to its raw offset (cs == len(Clean) maps
// to len(Raw)). Offsets out of range are clamped.
func (t *Text) RawOffset(cs int) int {
	if cs >= len(t.Clean) {
		return len(t.Raw)
	}
	if cs < 0 {
		cs = 0
	}
	return t.rawOf[cs]
}

// Page returns the 1-based page of a raw offset. A page break belongs to
// the page it ends.
func (t *Text) Page(rawOffset int) int {
	// The first page start greater than the offset is one past its page.
	p := sort.SearchInts(t.pageStart, rawOffset+1)
	return max(p, 1)
}

// RawString returns string(t.Raw[rs:re]), clamped to the raw text.
func (t *Text) RawString(rs, re int) string {
	rs = clamp(rs, 0, len(t.Raw))
	re = clamp(re, rs, len(t.Raw))
	return string(t.Raw[rs:re])
}

func clamp(v, lo, hi int) int {
	return min(max(v, lo), hi)
}
