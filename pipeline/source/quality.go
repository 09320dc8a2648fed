package source

import (
	"fmt"
	"strings"
	"unicode"
)

// quality measures how trustworthy a PDF's extracted text is. The same
// measure gates ledongthuc's text and chooses between the two engines.
type quality struct {
	pages        int // pages in the document
	chars        int // non-space runes
	han          int // CJK unified ideographs U+4E00–U+9FFF
	replacement  int // U+FFFD: glyphs the font could not map to Unicode
	control      int // C0/C1 controls other than line ends and tabs
	privateUse   int // private-use code points: unmapped glyphs
	kangxi       int // Kangxi radicals U+2F00–U+2FDF (and CJK radicals supplement)
	latin1       int // Latin-1 letters U+00C0–U+00FF and C1-range symbols: mojibake where CJK was drawn
	emptyContent int // pages with fonts (text drawn) but no text out
	pageErrors   int // pages the engine could not read
	type3        int // pages that draw with Type 3 fonts
}

// measure adds the text of one page.
func (q *quality) measure(s string) {
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			continue
		case r == '\uFFFD':
			q.replacement++
		case r < 0x20 || (r >= 0x7F && r < 0xA0):
			q.control++
		case r >= 0xE000 && r <= 0xF8FF, r >= 0xF0000:
			q.privateUse++
		case r >= 0x2E80 && r <= 0x2FDF:
			q.kangxi++
		case r >= 0xA1 && r <= 0xFF && !isCommonCJK(r):
			q.latin1++
		case r >= 0x4E00 && r <= 0x9FFF:
			q.han++
		}
		q.chars++
	}
}

// Thresholds of the gate, as shares of the non-space characters. U+FFFD
// has none: a lost glyph in a financial table is usually a digit.
const (
	maxOddShare    = 0.005 // controls, private use and Kangxi radicals together
	maxLatin1Share = 0.01  // Latin-1 letters where CJK was drawn
)

// problems lists why the text fails the gate; empty means it passes.
func (q quality) problems() []string {
	var p []string
	if q.pageErrors > 0 {
		p = append(p, fmt.Sprintf("%d pages could not be read", q.pageErrors))
	}
	if q.emptyContent > 0 {
		p = append(p, fmt.Sprintf("%d pages draw text but gave none", q.emptyContent))
	}
	if q.replacement > 0 {
		p = append(p, fmt.Sprintf("%d unmapped glyphs (U+FFFD)", q.replacement))
	}
	if odd := q.control + q.privateUse + q.kangxi; float64(odd) > maxOddShare*float64(q.chars) {
		p = append(p, fmt.Sprintf("%d control, private-use or radical characters in %d", odd, q.chars))
	}
	if q.latin1 > 0 && (float64(q.latin1) > maxLatin1Share*float64(q.chars) || q.type3 > 0) {
		p = append(p, fmt.Sprintf("%d Latin-1 letters, likely mojibake", q.latin1))
	}
	return p
}

// add sums the measure of another page into q.
func (q *quality) add(p quality) {
	q.chars += p.chars
	q.han += p.han
	q.replacement += p.replacement
	q.control += p.control
	q.privateUse += p.privateUse
	q.kangxi += p.kangxi
	q.latin1 += p.latin1
	q.emptyContent += p.emptyContent
	q.pageErrors += p.pageErrors
	q.type3 += p.type3
}

// score ranks two readings of one document or page: good characters
// count, each odd one costs two good ones, a lost one four. Kangxi radicals are half right (they stand
// for the ideograph they resemble) and count for nothing. Text with a fifth
// of its glyphs unmapped still outranks no text at all.
func (q quality) score() int {
	bad := q.replacement + q.control + q.privateUse + q.latin1
	good := q.chars - bad - q.kangxi
	// A glyph lost (U+FFFD) is worse than one in private use, which at
	// least keeps which glyph it was.
	return good - 2*bad - 2*q.replacement
}

// String summarises the measure for messages.
func (q quality) String() string {
	if p := q.problems(); len(p) > 0 {
		return strings.Join(p, "; ")
	}
	return fmt.Sprintf("%d characters, %d Han", q.chars, q.han)
}
