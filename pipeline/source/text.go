package source

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// readText reads a plain-text or Markdown file: the encoding is found from
// the bytes, line ends become '\n', and '\f' splits pages.
func readText(doc *Document, data []byte) {
	doc.Engine = "text"
	data, cut := cutShortRune(data)
	s, enc, reason := decodeText(data)
	if reason != "" {
		doc.fail(reason)
		return
	}
	if cut > 0 {
		doc.Warning = fmt.Sprintf("the file ends in the middle of a character (cut short?): its last %d byte(s) are left out", cut)
	}
	doc.Encoding = enc
	s = normaliseNewlines(s)
	doc.Title, doc.Date = frontMatter(s)
	if doc.Title == "" {
		doc.Title = firstHeading(s)
	}
	doc.Pages = strings.Split(s, "\f")
}

// cutShortRune drops the start of a UTF-8 character that a file cut
// short ends with (a download or a copy that stopped midway), when that
// is all that keeps it from being valid UTF-8: the text before it is read.
// cut is how many bytes were dropped.
func cutShortRune(data []byte) (out []byte, cut int) {
	if utf8.Valid(data) || bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) {
		return data, 0
	}
	for k := 1; k < utf8.UTFMax && k < len(data); k++ {
		head, tail := data[:len(data)-k], data[len(data)-k:]
		if utf8.RuneStart(tail[0]) && !utf8.FullRune(tail) && utf8.Valid(head) {
			return head, k
		}
	}
	return data, 0
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decodeText turns bytes into a string and names their encoding; reason is
// set when the bytes are not text in an encoding we know.
func decodeText(data []byte) (text, enc, reason string) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		data = data[len(bomUTF8):]
		if !utf8.Valid(data) {
			return "", "", "starts with a UTF-8 byte-order mark but is not valid UTF-8"
		}
		return string(data), "utf-8", binaryReason(string(data))
	case bytes.HasPrefix(data, bomUTF16LE):
		return decodeWith(xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), data, "utf-16le")
	case bytes.HasPrefix(data, bomUTF16BE):
		return decodeWith(xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM), data, "utf-16be")
	}
	if r := binaryBytesReason(data); r != "" {
		return "", "", r
	}
	if utf8.Valid(data) {
		return string(data), "utf-8", ""
	}
	s, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err == nil && plausibleChinese(string(s)) {
		return string(s), "gb18030", ""
	}
	return "", "", "unknown text encoding: neither UTF-8 nor GB18030/GBK (convert the file to UTF-8)"
}

// decodeWith decodes data with a BOM-aware decoder.
func decodeWith(e encoding.Encoding, data []byte, name string) (text, enc, reason string) {
	b, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Sprintf("starts with a %s byte-order mark but does not decode: %v", name, err)
	}
	s := string(b)
	if strings.Count(s, "\uFFFD") > len(s)/100 {
		return "", "", fmt.Sprintf("starts with a %s byte-order mark but much of it does not decode", name)
	}
	return s, name, binaryReason(s)
}

// binaryBytesReason says why raw bytes are not text: NUL bytes or many
// control bytes. Only called for files without a UTF-16 byte-order mark.
func binaryBytesReason(data []byte) string {
	if bytes.IndexByte(data, 0) >= 0 {
		return "binary content, not text (holds NUL bytes)"
	}
	controls := 0
	for _, b := range data {
		if isBinaryControl(rune(b)) {
			controls++
		}
	}
	if controls > 0 && controls*100 > len(data) {
		return fmt.Sprintf("binary content, not text (%d control bytes in %d)", controls, len(data))
	}
	return ""
}

// binaryReason is binaryBytesReason for decoded text.
func binaryReason(s string) string {
	n, controls := 0, 0
	for _, r := range s {
		n++
		if r == 0 {
			return "binary content, not text (holds NUL characters)"
		}
		if isBinaryControl(r) {
			controls++
		}
	}
	if controls > 0 && controls*100 > n {
		return fmt.Sprintf("binary content, not text (%d control characters in %d)", controls, n)
	}
	return ""
}

// isBinaryControl reports a C0 control character that text files do not
// hold (tab, line ends, form feed and escape are allowed).
func isBinaryControl(r rune) bool {
	switch r {
	case '\t', '\n', '\r', '\f', '\v', 0x1B:
		return false
	}
	return r < 0x20 || r == 0x7F
}

// plausibleChinese reports whether text decoded as GB18030 looks like
// Chinese text rather than bytes of another encoding forced through the
// decoder: no replacement characters, and nearly all non-ASCII runes are
// Han, CJK punctuation, full-width forms or common punctuation.
func plausibleChinese(s string) bool {
	nonASCII, good := 0, 0
	for _, r := range s {
		if r < 0x80 {
			continue
		}
		nonASCII++
		if r == utf8.RuneError {
			return false
		}
		if isCommonCJK(r) {
			good++
		}
	}
	return nonASCII > 0 && good*100 >= nonASCII*95
}

// isCommonCJK reports runes that ordinary Chinese text is made of beyond
// ASCII.
func isCommonCJK(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0x3400 && r <= 0x4DBF, // extension A
		r >= 0x3000 && r <= 0x303F, // CJK symbols and punctuation
		r >= 0xFF00 && r <= 0xFFEF, // full-width forms
		r >= 0x2010 && r <= 0x206F, // general punctuation
		r >= 0x2150 && r <= 0x218F, // number forms (Ⅰ, Ⅱ)
		r >= 0x2460 && r <= 0x24FF, // enclosed numerals (①)
		r >= 0x25A0 && r <= 0x25FF, // geometric shapes (■, ○)
		r >= 0x2190 && r <= 0x21FF, // arrows
		r >= 0x2200 && r <= 0x22FF, // maths (≥, ≤, ×)
		r >= 0x3200 && r <= 0x33FF, // enclosed CJK, units (㎡)
		r >= 0x0391 && r <= 0x03C9, // Greek (α, β, Σ)
		r == 0x00A0, r == 0x00B7, r == 0x00D7, r == 0x00F7, r == 0x00B0, r == 0x00B1, r == 0x00A7, r == 0x00A5:
		return true
	}
	return false
}

// normaliseNewlines turns CRLF and lone CR into LF.
func normaliseNewlines(s string) string {
	if !strings.ContainsRune(s, '\r') {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

var (
	frontMatterRe = regexp.MustCompile(`\A---\n((?:.*\n)*?)---\n`)
	fmTitleRe     = regexp.MustCompile(`(?m)^title:\s*["']?(.*?)["']?\s*$`)
	fmDateRe      = regexp.MustCompile(`(?m)^date:\s*["']?(\d{4}-\d{2}-\d{2})`)
)

// frontMatter reads title and date from a Markdown front-matter block
// (--- … --- at the start), which is the file's own metadata.
func frontMatter(s string) (title, date string) {
	m := frontMatterRe.FindStringSubmatch(s)
	if m == nil {
		return "", ""
	}
	if t := fmTitleRe.FindStringSubmatch(m[1]); t != nil {
		title = t[1]
	}
	if d := fmDateRe.FindStringSubmatch(m[1]); d != nil {
		date = d[1]
	}
	return title, date
}

// firstHeading returns the text of the first Markdown "# " heading within
// the first lines, if any.
func firstHeading(s string) string {
	for i, line := range strings.SplitN(s, "\n", 60) {
		if i == 59 {
			break
		}
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "#") {
			h := strings.TrimSpace(strings.TrimLeft(line, "#"))
			if h != "" && strings.IndexFunc(h, unicode.IsGraphic) >= 0 {
				return h
			}
		}
	}
	return ""
}
