// Package text turns a document's raw extracted pages into the clean text
// that the extractors read, and keeps a map from every clean character back
// to the raw character it came from, so that a span found in the clean text
// names exact characters of the raw text.
//
// The raw text is the pages joined by '\f'. Offsets are in Unicode code
// points. Cleaning only deletes raw characters or replaces one character by
// one other, so every clean rune has exactly one raw rune behind it.
package text

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
