package text

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Page furniture is looked for among a page's first and last edgeLines
// non-blank lines; at most edgeKept lines that are not furniture may stand
// between it and the page's edge.
const (
	edgeLines = 8
	edgeKept  = 3
)

// pageNumberRe matches the decorated page-number forms, spaces removed:
// "- 12 -", "第 12 页", "第12页 共195页", "12 / 195", "Page 12 of 195". Near a
// page's edge they need no corroboration; elsewhere on the page their
// number must step with the pages. The first non-empty group is the number.
var pageNumberRe = regexp.MustCompile(`^(?:[-–—‒](\d{1,4})[-–—‒]|第(\d{1,4})页(?:[,/]?共\d{1,4}页)?|共\d{1,4}页[,/]?第(\d{1,4})页|(\d{1,4})/\d{1,4}|(?i:page)(\d{1,4})(?:(?i:of)\d{1,4})?)$`)

// decoratedNumber returns the page number a decorated page-number line
// states, or -1. A cheap scan of the runes keeps the regexp off ordinary lines.
func decoratedNumber(text string) int {
	if len(text) > 40 {
		return -1
	}
	bare := true
	for _, r := range text {
		if !isDigit(r) {
			if !isPageNumberChar(r) {
				return -1
			}
			bare = false
		}
	}
	if bare {
		return -1
	}
	m := pageNumberRe.FindStringSubmatch(text)
	for _, g := range m[min(len(m), 1):] {
		if g != "" {
			n, _ := strconv.Atoi(g)
			return n
		}
	}
	return -1
}

// edgeLine is a candidate for page furniture: a line near a page's top or
// bottom, or a decorated page number anywhere on the page (some engines
// emit the footer in the middle of the page's text).
type edgeLine struct {
	idx       int    // index in lines
	text      string // folded content without spaces
	key       string // text with every digit replaced by 0
	number    int    // the value of a bare number, else -1
	decorated int    // the number of a decorated page number, else -1
	fromTop   bool
	slot      int  // non-blank lines between it and its edge
	edge      bool // among the page's first or last edgeLines lines
}

// place is where a text stands near a page's edge.
type place struct {
	text    string
	fromTop bool
	slot    int
}

// dropEdgeLines marks page numbers and running headers and footers as
// dropped. Single-page documents keep every line.
func dropEdgeLines(folded []rune, lines []line, pages int) {
	if pages < 2 {
		return
	}
	cands := make([][]edgeLine, pages)
	for p, first := 0, 0; p < pages && first < len(lines); p++ {
		last := first
		for last < len(lines) && lines[last].page == p {
			last++
		}
		cands[p] = pageCandidates(folded, lines, first, last)
		first = last
	}

	// A text repeated at the same place near the edge (give or take a
	// line) of a third of the pages, at least 3, is a running header or
	// footer; so is a digit pattern that holds a letter or ideograph
	// ("2020年年度报告", "第0页"). A label repeated in the body moves about.
	need := max(3, (pages+2)/3)
	texts := map[place]int{} // by text
	keys := map[place]int{}  // by key
	offsets := map[int]int{} // page number minus page index → pages
	for p, es := range cands {
		for j, e := range es {
			if e.edge {
				texts[place{e.text, e.fromTop, e.slot}]++
				if e.key != e.text {
					keys[place{e.key, e.fromTop, e.slot}]++
				}
			}
			// Count each offset once per page; a page has few
			// candidates, so looking back beats a map.
			n := max(e.number, e.decorated)
			newOff := n >= 0
			for _, o := range es[:j] {
				if max(o.number, o.decorated) == n {
					newOff = false
				}
			}
			if newOff {
				offsets[n-p]++
			}
		}
	}
	repeats := func(m map[place]int, s string, e edgeLine) bool {
		n := 0
		for d := -1; d <= 1; d++ {
			n += m[place{s, e.fromTop, e.slot + d}]
		}
		return n >= need
	}
	// A number is a page number when it steps with the pages: its offset
	// from the page index recurs on a fifth of the pages (at least 2).
	needOffset := max(2, (pages+4)/5)

	steps := func(n, p int) bool { return n >= 0 && offsets[n-p] >= needOffset }
	furniture := func(p int, e edgeLine) bool {
		switch {
		case e.decorated >= 0:
			return e.edge || steps(e.decorated, p)
		case !e.edge:
			return false
		case e.number >= 0:
			// A page count ("195" of "10 / 195") repeats as it is.
			return steps(e.number, p) || repeats(texts, e.text, e)
		case strings.Contains(e.text, "单位") || strings.Contains(e.text, "币种"):
			return false // a table's unit caption, repeated with the table
		case !hasWord(e.text) && strings.Trim(e.text, "/|-—·") != "":
			return false // punctuation such as "、" repeats by chance
		case repeats(texts, e.text, e):
			return true
		case e.key != e.text && repeats(keys, e.key, e):
			return true
		}
		return false
	}
	for p, es := range cands {
		var kept [2]int
		for _, e := range es {
			side := 0
			if !e.fromTop {
				side = 1
			}
			if e.edge && kept[side] >= edgeKept && !steps(e.decorated, p) {
				continue
			}
			if furniture(p, e) {
				lines[e.idx].dropped = true
			} else if e.edge {
				kept[side]++
			}
		}
	}
}

// pageCandidates returns the page's first edgeLines non-blank lines in
// order from the top, then its last edgeLines in order from the bottom (a
// line may be in both), then the decorated page numbers between them.
func pageCandidates(folded []rune, lines []line, first, last int) []edgeLine {
	es := make([]edgeLine, 0, 2*edgeLines+1)
	top, bottom := last, first
	// A table row is never furniture, though a table's header repeats at
	// the top of the pages it runs over.
	for i, n := first, 0; i < last && n < edgeLines; i++ {
		if !lines[i].blank() && !lines[i].tabs {
			es = append(es, newEdgeLine(folded, &lines[i], i, true, n))
			n++
			top = i + 1
		}
	}
	for i, n := last-1, 0; i >= first && n < edgeLines; i-- {
		if !lines[i].blank() && !lines[i].tabs {
			es = append(es, newEdgeLine(folded, &lines[i], i, false, n))
			n++
			bottom = i
		}
	}
	for i := top; i < bottom; i++ {
		if !lines[i].blank() && mayBePageNumber(folded, &lines[i]) {
			e := newEdgeLine(folded, &lines[i], i, true, -1)
			if e.decorated >= 0 {
				e.edge = false
				es = append(es, e)
			}
		}
	}
	return es
}

// mayBePageNumber is a quick test that a line holds only what a decorated
// page number can hold, and more than digits.
func mayBePageNumber(folded []rune, l *line) bool {
	if l.ce-l.cs > 40 {
		return false
	}
	decorated := false
	for _, f := range folded[l.cs:l.ce] {
		switch {
		case f == deleted || isSpace(f) || isDigit(f):
		case isPageNumberChar(f):
			decorated = true
		default:
			return false
		}
	}
	return decorated
}

// isPageNumberChar reports whether r is a character besides digits and
// spaces that pageNumberRe can match.
func isPageNumberChar(r rune) bool {
	switch r {
	case '-', '–', '—', '‒', '/', ',', '第', '页', '共', 'P', 'p', 'A', 'a', 'G', 'g', 'E', 'e', 'O', 'o', 'F', 'f':
		return true
	}
	return false
}

func newEdgeLine(folded []rune, l *line, i int, fromTop bool, slot int) edgeLine {
	var arr [128]byte
	buf := arr[:0]
	digits := false
	for _, f := range folded[l.cs:l.ce] {
		if f != deleted && !isSpace(f) {
			buf = utf8.AppendRune(buf, f)
			digits = digits || isDigit(f)
		}
	}
	e := edgeLine{idx: i, text: string(buf), number: -1, fromTop: fromTop, slot: slot, edge: true}
	e.key = e.text
	if digits {
		for j, c := range buf {
			if c >= '0' && c <= '9' {
				buf[j] = '0'
			}
		}
		e.key = string(buf)
	}
	if len(e.text) <= 4 && numeric(e.text) && !strings.ContainsAny(e.text, ".,%-+/()") {
		e.number, _ = strconv.Atoi(e.text)
	}
	e.decorated = decoratedNumber(e.text)
	return e
}

// numeric reports whether s holds only digits and number punctuation, as
// a table cell does; such lines repeat by chance, not as headers.
func numeric(s string) bool {
	digits := false
	for _, r := range s {
		switch {
		case isDigit(r):
			digits = true
		case strings.ContainsRune(".,%-+/()", r):
		default:
			return false
		}
	}
	return digits
}

// hasWord reports whether s holds a letter or an ideograph.
func hasWord(s string) bool {
	for _, r := range s {
		if isLatin(r) || r >= 0x3400 {
			return true
		}
	}
	return false
}
