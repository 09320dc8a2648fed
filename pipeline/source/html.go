package source

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// readHTML reads the visible text of an HTML page: <br> and block ends
// break lines, table cells are joined by tabs. Markup need not be standard:
// converted reports use unknown tags such as <h>, which count as blocks.
func readHTML(doc *Document, data []byte) {
	doc.Engine = "html"
	s, enc, reason := decodeHTML(data)
	if reason != "" {
		doc.fail(reason)
		return
	}
	doc.Encoding = enc
	text, title := htmlText(s)
	doc.Title = title
	doc.Pages = []string{cleanPageText(text)}
}

// decodeHTML finds the encoding from a byte-order mark, valid UTF-8, a
// <meta> charset, or failing those GB18030.
func decodeHTML(data []byte) (text, enc, reason string) {
	switch {
	case bytes.HasPrefix(data, bomUTF8), bytes.HasPrefix(data, bomUTF16LE), bytes.HasPrefix(data, bomUTF16BE):
		return decodeText(data)
	case utf8.Valid(data):
		if r := binaryBytesReason(data); r != "" {
			return "", "", r
		}
		return string(data), "utf-8", ""
	}
	if r := binaryBytesReason(data); r != "" {
		return "", "", r
	}
	if m := metaCharset.FindSubmatch(data[:min(len(data), 4096)]); m != nil {
		if e, name := charset.Lookup(string(m[1])); e != nil && name != "utf-8" {
			if b, err := e.NewDecoder().Bytes(data); err == nil {
				return string(b), name, ""
			}
		}
	}
	if b, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data); err == nil && plausibleChinese(string(b)) {
		return string(b), "gb18030", ""
	}
	return "", "", "unknown text encoding: neither UTF-8, a declared <meta> charset, nor GB18030 (convert the file to UTF-8)"
}

// metaCharset finds a declared charset: <meta charset=…> or the
// http-equiv Content-Type form.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?([a-z0-9_.:-]+)`)

// Inline elements do not break lines; every other element, known or not,
// is a block.
var inlineTags = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true, atom.Big: true,
	atom.Cite: true, atom.Code: true, atom.Data: true, atom.Dfn: true, atom.Em: true, atom.Font: true,
	atom.I: true, atom.Img: true, atom.Kbd: true, atom.Label: true, atom.Mark: true, atom.Nobr: true,
	atom.Q: true, atom.S: true, atom.Samp: true, atom.Small: true, atom.Span: true, atom.Strike: true,
	atom.Strong: true, atom.Sub: true, atom.Sup: true, atom.Time: true, atom.Tt: true, atom.U: true,
	atom.Var: true, atom.Wbr: true, atom.Ins: true, atom.Del: true, atom.Input: true,
}

// Elements whose content is not shown.
var hiddenTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Head: true, atom.Title: true, atom.Template: true,
	atom.Noscript: true, atom.Iframe: true, atom.Object: true, atom.Svg: true, atom.Textarea: true,
	atom.Select: true,
}

// htmlWriter builds the visible text, collapsing white space as a browser
// would.
type htmlWriter struct {
	b       strings.Builder
	space   bool  // a collapsed space is pending
	cells   []int // cells seen in the open row of each open table
	pre     int   // depth inside <pre>
	newline bool  // the last thing written is a line break (or nothing yet)
}

func (w *htmlWriter) text(s string) {
	if w.pre > 0 {
		w.b.WriteString(s)
		w.newline = strings.HasSuffix(s, "\n")
		w.space = false
		return
	}
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\u00A0':
			w.space = true
			continue
		}
		if w.space && !w.newline {
			w.b.WriteByte(' ')
		}
		w.space = false
		w.b.WriteRune(r)
		w.newline = false
	}
}

func (w *htmlWriter) lineBreak() {
	w.b.WriteByte('\n')
	w.space = false
	w.newline = true
}

// blockBreak ends the current line unless it is already ended.
func (w *htmlWriter) blockBreak() {
	if !w.newline {
		w.lineBreak()
	}
}

func (w *htmlWriter) cell() {
	n := len(w.cells)
	if n == 0 {
		w.text(" ")
		return
	}
	if w.cells[n-1] > 0 {
		w.b.WriteByte('\t')
		w.newline = false
	}
	w.space = false
	w.cells[n-1]++
}

// htmlText returns the visible text of s and its <title>.
func htmlText(s string) (text, title string) {
	z := html.NewTokenizer(strings.NewReader(s))
	w := &htmlWriter{newline: true}
	hidden := 0 // depth inside hidden elements
	inTitle := false
	var tb strings.Builder
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			// io.EOF, or a read error that a string reader cannot give.
			return finishHTMLText(w.b.String()), strings.Join(strings.Fields(tb.String()), " ")
		case html.TextToken:
			if inTitle {
				tb.Write(z.Text())
			}
			if hidden == 0 {
				w.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Body {
				// An unclosed <head> must not hide the page.
				hidden, inTitle = 0, false
			}
			if hiddenTags[a] {
				if a == atom.Title {
					inTitle = true
				}
				if tt == html.StartTagToken {
					hidden++
				}
				continue
			}
			if hidden > 0 {
				continue
			}
			switch a {
			case atom.Br:
				w.lineBreak()
			case atom.Td, atom.Th:
				w.cell()
			case atom.Tr:
				w.blockBreak()
				if n := len(w.cells); n > 0 {
					w.cells[n-1] = 0
				}
			case atom.Table:
				w.blockBreak()
				if tt == html.StartTagToken {
					w.cells = append(w.cells, 0)
				}
			case atom.Pre:
				w.blockBreak()
				if tt == html.StartTagToken {
					w.pre++
				}
			default:
				if !inlineTags[a] {
					w.blockBreak()
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if hiddenTags[a] {
				if a == atom.Title {
					inTitle = false
				}
				if hidden > 0 {
					hidden--
				}
				continue
			}
			if hidden > 0 {
				continue
			}
			switch a {
			case atom.Td, atom.Th, atom.Br:
			case atom.Table:
				if n := len(w.cells); n > 0 {
					w.cells = w.cells[:n-1]
				}
				w.blockBreak()
			case atom.Pre:
				if w.pre > 0 {
					w.pre--
				}
				w.blockBreak()
			default:
				if !inlineTags[a] {
					w.blockBreak()
				}
			}
		}
	}
}

var blankRuns = regexp.MustCompile(`\n{3,}`)

// finishHTMLText trims each line's trailing spaces and collapses runs of
// blank lines into one.
func finishHTMLText(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	s = strings.Join(lines, "\n")
	s = blankRuns.ReplaceAllString(s, "\n\n")
	return strings.Trim(s, "\n")
}
