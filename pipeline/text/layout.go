package text

// A line is one layout line of the raw text, ended by '\n', '\f', a lone
// '\r' or the end of the text.
type line struct {
	start, end int  // raw offsets; end is the terminator's offset
	cs, ce     int  // content: the line without edge spaces and deleted runes
	indent     int  // leading spaces and tabs before the content
	width      int  // content width in half-em cells (see runeWidth)
	page       int  // 0-based
	tabs       bool // a tab inside the content: a table row, never wrapped
	dropped    bool
}

func (l *line) blank() bool { return l.cs == l.ce }

// splitLines folds every raw rune (deleted where it has no clean rune)
// and cuts the text into lines, measuring each one's content, in one pass.
func splitLines(raw []rune) (folded []rune, lines []line) {
	folded = make([]rune, len(raw))
	n := 1
	for _, r := range raw {
		if r == '\n' || r == PageBreak || r == '\r' {
			n++
		}
	}
	lines = make([]line, 0, n)
	l := line{}
	content, spaces := false, 0 // spaces since the last content rune
	for i, r := range raw {
		if r == '\n' || r == PageBreak || r == '\r' && (i+1 == len(raw) || raw[i+1] != '\n') {
			folded[i] = r
			if r == '\r' {
				folded[i] = '\n'
			}
			l.end = i
			if !content {
				l.cs, l.ce = i, i
			}
			lines = append(lines, l)
			page := l.page
			if r == PageBreak {
				page++
			}
			l = line{start: i + 1, page: page}
			content, spaces = false, 0
			continue
		}
		f := r
		if r < 0x20 || r >= 0x7F && (r <= 0x3000 || r >= compatIdeoLo) {
			f = fold(r) // ASCII and the CJK blocks fold to themselves
		}
		folded[i] = f
		switch {
		case f == deleted:
		case isSpace(f):
			if content {
				spaces++
				l.tabs = l.tabs || f == '\t'
			} else {
				l.indent++
			}
		default:
			if !content {
				l.cs, content = i, true
			}
			l.ce = i + 1
			l.width += spaces + runeWidth(f)
			spaces = 0
		}
	}
	l.end = len(raw)
	if !content {
		l.cs, l.ce = len(raw), len(raw)
	}
	lines = append(lines, l)
	return folded, lines
}

// layout holds what New measured about a document's lines.
type layout struct {
	// short is the width below which a line is a heading or a label, not a
	// line of running text that wraps; 0 when lines are fragments.
	short int
	// fragments is true when the lines are pieces of lines (as some PDF
	// engines emit one text run per line): then blank lines, not line
	// width, separate paragraphs and table cells, and breaks between
	// digits join them without a space.
	fragments bool
	// unwrapped is true when every line is a paragraph: no line width
	// recurs, so nothing was wrapped.
	unwrapped bool
	// usualBlanks is how many blank lines normally follow a layout line:
	// 1 for PDF-to-text tools that double every line break, else 0. More
	// blank lines than that end a paragraph.
	usualBlanks int
}

// measure finds the typical full line width and the spacing style.
func measure(raw []rune, lines []line) layout {
	const maxWidth = 512
	var hist [maxWidth + 1]int
	n, spaced, transitions, forbidden := 0, 0, 0, 0
	prev, blanks := -1, 0
	for i := range lines {
		l := &lines[i]
		if l.dropped {
			continue
		}
		if l.blank() {
			blanks++
			continue
		}
		hist[min(l.width, maxWidth)]++
		n++
		if isLineStartForbidden(raw[l.cs]) {
			forbidden++
		}
		if prev >= 0 && lines[prev].page == l.page {
			transitions++
			if blanks > 0 {
				spaced++
			}
		}
		prev, blanks = i, 0
	}
	var lay layout
	if transitions > 0 && spaced*5 >= transitions*3 {
		lay.usualBlanks = 1
	}
	// Typeset lines never start with a comma or a full stop; text runs cut
	// out of lines do, often.
	if forbidden >= 5 && forbidden*50 >= n {
		lay.fragments = true
		return lay
	}
	typical := typicalWidth(hist[:])
	lay.short = typical * 7 / 10
	// Wrapped text has most of its long lines at the full width and few
	// beyond it; text with a paragraph per line (HTML, Word, Markdown) has
	// them spread, many far longer. Too few long lines to tell: take the
	// text as wrapped.
	near, long, over := 0, 0, 0
	for w := lay.short; w < len(hist); w++ {
		long += hist[w]
		switch {
		case w >= typical-4 && w <= typical+4:
			near += hist[w]
		case w*10 > typical*13:
			over += hist[w]
		}
	}
	lay.unwrapped = typical > 0 && long >= 4 && (near*10 < long*3 || over*5 >= long)
	return lay
}

// typicalWidth is the width of a full line of running text: the width
// around which most text lies (lines weighted by their width, so that the
// many short lines of tables and headings do not win), ignoring lines
// shorter than minFull.
func typicalWidth(hist []int) int {
	const minFull, window = 16, 3
	best, typical := 0, 0
	for w := minFull; w < len(hist); w++ {
		score := 0
		for v := max(w-window, minFull); v <= min(w+window, len(hist)-1); v++ {
			score += hist[v] * v
		}
		if score > best {
			best, typical = score, w
		}
	}
	return typical
}

// isLineStartForbidden reports whether raw rune r is Chinese punctuation
// that typesetting never puts at the start of a line. ASCII marks do not
// count: symbol fonts of formulas decode to lines of "!" and ")".
func isLineStartForbidden(r rune) bool {
	switch r {
	case '，', '。', '、', '）', '；', '：', '．', '％', '！', '？', '」', '』', '】', '》', '”':
		return true
	}
	return false
}

// emit writes the clean text: each kept line's content, folded, and
// between two lines either one '\n' (a paragraph break), one ' ' (a
// wrapped line between two Latin words) or nothing.
func (lay layout) emit(folded []rune, lines []line) ([]rune, []int) {
	clean := make([]rune, 0, len(folded))
	rawOf := make([]int, 0, len(folded))
	var prev *line
	// blanks counts the blank lines right after prev, up to a page break
	// or a dropped line: the blank lines around a page's furniture say
	// nothing about the text.
	blanks, sealed := 0, false
	for i := range lines {
		l := &lines[i]
		if l.dropped || prev != nil && l.page != prev.page {
			sealed = true
		}
		if l.dropped {
			continue
		}
		if l.blank() {
			if !sealed {
				blanks++
			}
			continue
		}
		if prev != nil {
			// The break's rune is the terminator of the line before.
			sep := prev.end
			switch lay.joint(folded, prev, l, blanks) {
			case jointParagraph:
				clean = append(clean, '\n')
				rawOf = append(rawOf, sep)
			case jointSpace:
				clean = append(clean, ' ')
				rawOf = append(rawOf, sep)
			}
		}
		for j := l.cs; j < l.ce; j++ {
			if f := folded[j]; f != deleted {
				clean = append(clean, f)
				rawOf = append(rawOf, j)
			}
		}
		prev, blanks, sealed = l, 0, false
	}
	return clean, rawOf
}

// A joint is what the break between two lines becomes.
type joint int

const (
	jointNone      joint = iota // a wrapped line: the break is deleted
	jointSpace                  // a wrapped line between Latin words
	jointParagraph              // a paragraph break
)

// joint decides the break between line a and the next non-blank line b,
// with blanks blank lines right after a.
func (lay layout) joint(folded []rune, a, b *line, blanks int) joint {
	if endsSentence(folded, a) {
		return jointParagraph
	}
	if lay.fragments {
		// One blank line is the space between two runs of a line or two
		// cells of a row ("本公司 2020年年度报告"); more end a paragraph.
		// Fragments start with "3)" mid-sentence, so only a list marker
		// after a blank line counts, and line widths say nothing.
		switch {
		case blanks > 1 || blanks == 1 && startsItem(folded, b):
			return jointParagraph
		case blanks == 1:
			return jointSpace
		}
	} else if lay.endsParagraph(folded, a, b, blanks) || blanks > 0 && numeralOrDigit(folded[a.ce-1]) && numeralOrDigit(folded[b.cs]) {
		// A blank line between two numerals ends a paragraph: joining
		// them would make one number of two (百分之五 / 十家银行).
		return jointParagraph
	}
	x, y := folded[a.ce-1], folded[b.cs]
	if isLatin(x) && isLatin(y) || isLatin(x) && isDigit(y) || isDigit(x) && isLatin(y) ||
		!lay.fragments && isDigit(x) && isDigit(y) {
		return jointSpace
	}
	return jointNone
}

// endsParagraph reports whether whole lines a and b, a not ending a
// sentence, belong to two paragraphs.
func (lay layout) endsParagraph(folded []rune, a, b *line, blanks int) bool {
	// Lines closer than the text's usual spacing wrap inside a narrow
	// column (a table cell, a two-line heading): short, yet not ended,
	// unless the next one is indented.
	tight := blanks < lay.usualBlanks
	switch {
	case lay.unwrapped: // every line is a paragraph
	case blanks > lay.usualBlanks: // an extra blank line
	case startsItem(folded, b): // a list item or a numbered heading
	case a.tabs || b.tabs: // table rows
	case b.indent > a.indent, tight && b.indent > 0: // an indented first line
	case a.width < lay.short && !tight: // a heading, a label, a paragraph's end
	default:
		return false
	}
	return true
}

func isLatin(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }
func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func numeralOrDigit(r rune) bool { return isDigit(r) || isNumeral(r) }

// endsSentence reports whether a line ends with sentence-ending
// punctuation, closing quotes and brackets after it allowed.
func endsSentence(folded []rune, l *line) bool {
	for i := l.ce - 1; i >= l.cs; i-- {
		r := folded[i]
		switch r {
		case deleted, '”', '’', '」', '』', ')', '】', '》', '"', '\'', ']', '〕':
			continue
		case '。', '!', '?', ';', '…', '｡':
			return true
		case '.':
			// "1." ends a fragment of "1.67", not a sentence.
			return i > l.cs && !isDigit(folded[i-1])
		}
		return false
	}
	return false
}
