package text

import (
	"regexp"
	"strconv"
	"strings"
)

// Page furniture is looked for among a page's first and last edgeLines
// non-blank lines; at most edgeKept lines that are not furniture may stand
// between it and the page's edge.
const (
	edgeLines = 5
	edgeKept  = 3
)

// pageNumberRe matches the decorated page-number forms that need no
// corroboration: "- 12 -", "第 12 页", "第12页 共195页", "12 / 195", "Page 12 of 195".
var pageNumberRe = regexp.MustCompile(`^(?:[-–—‒]\d{1,4}[-–—‒]|第\d{1,4}页(?:[,/]?共\d{1,4}页)?|共\d{1,4}页[,/]?第\d{1,4}页|\d{1,4}/\d{1,4}|(?i:page)\d{1,4}(?:(?i:of)\d{1,4})?)$`)

// edgeLine is one line near a page's top or bottom.
type edgeLine struct {
	idx     int    // index in lines
	text    string // folded content without spaces
	key     string // text with every digit replaced by 0
	number  int    // the value of a bare number, else -1
	fromTop bool
}

// dropEdgeLines marks page numbers and running headers and footers as
// dropped. Single-page documents keep every line.
func dropEdgeLines(raw []rune, lines []line, pages int) {
	if pages < 2 {
		return
	}
	edges := make([][]edgeLine, pages)
	for p, first := 0, 0; p < pages && first < len(lines); p++ {
		last := first
		for last < len(lines) && lines[last].page == p {
			last++
		}
		edges[p] = pageEdges(raw, lines, first, last)
		first = last
	}

	// A text repeated near the edge of a third of the pages (at least 3)
	// is a running header or footer; so is a digit pattern that holds a
	// letter or ideograph ("2020年年度报告", "第0页").
	need := max(3, (pages+2)/3)
	textPages := map[string]int{}
	keyPages := map[string]int{}
	offsets := map[int]int{} // bare number minus page index → pages
	for p, es := range edges {
		seenText, seenKey, seenOff := map[string]bool{}, map[string]bool{}, map[int]bool{}
		for _, e := range es {
			if !seenText[e.text] {
				seenText[e.text] = true
				textPages[e.text]++
			}
			if !seenKey[e.key] {
				seenKey[e.key] = true
				keyPages[e.key]++
			}
			if e.number >= 0 && !seenOff[e.number-p] {
				seenOff[e.number-p] = true
				offsets[e.number-p]++
			}
		}
	}
	// A bare number is a page number when it steps with the pages: its
	// offset from the page index recurs on a fifth of the pages (at least 2).
	needOffset := max(2, (pages+4)/5)

	furniture := func(p int, e edgeLine) bool {
		switch {
		case pageNumberRe.MatchString(e.text):
			return true
		case e.number >= 0:
			return offsets[e.number-p] >= needOffset || textPages[e.text] >= need
		case strings.Contains(e.text, "单位") || strings.Contains(e.text, "币种"):
			return false // a table's unit caption, repeated with the table
		case pages >= 3 && textPages[e.text] >= need:
			return !numeric(e.text)
		case pages >= 3 && keyPages[e.key] >= need:
			return hasWord(e.key)
		}
		return false
	}
	for p, es := range edges {
		var kept [2]int
		for _, e := range es {
			side := 0
			if !e.fromTop {
				side = 1
			}
			if kept[side] >= edgeKept {
				continue
			}
			if furniture(p, e) {
				lines[e.idx].dropped = true
			} else {
				kept[side]++
			}
		}
	}
}

// pageEdges returns the page's first edgeLines non-blank lines in order
// from the top, then its last edgeLines in order from the bottom; a line
// may be in both.
func pageEdges(raw []rune, lines []line, first, last int) []edgeLine {
	var es []edgeLine
	for i, n := first, 0; i < last && n < edgeLines; i++ {
		if !lines[i].blank() {
			es = append(es, newEdgeLine(raw, lines, i, true))
			n++
		}
	}
	for i, n := last-1, 0; i >= first && n < edgeLines; i-- {
		if !lines[i].blank() {
			es = append(es, newEdgeLine(raw, lines, i, false))
			n++
		}
	}
	return es
}

func newEdgeLine(raw []rune, lines []line, i int, fromTop bool) edgeLine {
	l := &lines[i]
	var text, key strings.Builder
	for j := l.cs; j < l.ce; j++ {
		f := fold(raw[j])
		if f == deleted || isSpace(f) {
			continue
		}
		text.WriteRune(f)
		if isDigit(f) {
			f = '0'
		}
		key.WriteRune(f)
	}
	e := edgeLine{idx: i, text: text.String(), key: key.String(), number: -1, fromTop: fromTop}
	if len(e.text) <= 4 && numeric(e.text) && !strings.ContainsAny(e.text, ".,%-+/") {
		e.number, _ = strconv.Atoi(e.text)
	}
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
