package source

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// pdfFont is what the geometry reader needs of a font: how to cut a shown
// string into codes, what text and width each code has.
type pdfFont struct {
	// codeLen gives the byte length of the code that starts a string;
	// nil means one byte a code.
	codeLen func(s string) int
	// toUnicode maps a code to its text, from the font's ToUnicode CMap.
	toUnicode map[uint32]string
	// decode gives the text of a code the CMap does not map (nil: none).
	decode func(code string) string
	// widths are glyph widths in thousandths of text space, by code.
	widths       map[uint32]float64
	defaultWidth float64
	// scale turns a width into text space: 1/1000, or a Type 3 font's
	// FontMatrix.
	scale float64
	// multiByte says codes are of two bytes or more (a Type 0 font): word
	// spacing then never applies.
	multiByte bool
}

// text returns the text of one code.
func (f *pdfFont) text(code string) string {
	if f.toUnicode != nil {
		if s, ok := f.toUnicode[codeValue(code)]; ok {
			return s
		}
	}
	if f.decode != nil {
		return f.decode(code)
	}
	return string(noGlyph)
}

// noGlyph stands for a code whose text the PDF does not say.
const noGlyph = '\uFFFD'

// width returns the width of a code in text space units before font size.
func (f *pdfFont) width(code string) float64 {
	if w, ok := f.widths[codeValue(code)]; ok {
		return w * f.scale
	}
	return f.defaultWidth * f.scale
}

// codeValue is a code's bytes as a big-endian number.
func codeValue(code string) uint32 {
	var v uint32
	for i := 0; i < len(code) && i < 4; i++ {
		v = v<<8 | uint32(code[i])
	}
	return v
}

// fontCache keeps the fonts of one document by object number: pages share
// fonts, and ledongthuc parses an object anew at every look-up.
type fontCache map[uint64]*pdfFont

// objectID returns the object number behind a value reached through an
// indirect reference, or 0 for a direct object. ledongthuc does not
// export it; reading the unexported field is read-only reflection.
func objectID(v pdf.Value) uint64 {
	f := reflect.ValueOf(v).FieldByName("ptr")
	if !f.IsValid() || f.NumField() < 2 {
		return 0
	}
	return f.Field(0).Uint()<<16 | f.Field(1).Uint()
}

// font returns the font of a font dictionary, from the cache when the
// dictionary is an indirect object already seen.
func (c fontCache) font(v pdf.Value) *pdfFont {
	id := objectID(v)
	if id != 0 {
		if f, ok := c[id]; ok {
			return f
		}
	}
	f := loadFont(v)
	if id != 0 {
		c[id] = f
	}
	return f
}

// loadFont reads a font dictionary.
func loadFont(v pdf.Value) *pdfFont {
	f := &pdfFont{scale: 0.001, defaultWidth: 0}
	subtype := v.Key("Subtype").Name()
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		f.toUnicode, f.codeLen = readToUnicode(tu)
	}
	if subtype == "Type0" {
		f.multiByte = true
		enc := v.Key("Encoding")
		encName := enc.Name()
		switch {
		case strings.Contains(encName, "GBK-EUC"), strings.Contains(encName, "GB-EUC"), strings.Contains(encName, "GBpc-EUC"):
			f.codeLen = gbkCodeLen
			f.decode = decodeGBK
		case strings.Contains(encName, "UCS2"), strings.Contains(encName, "UTF16"):
			f.codeLen = utf16CodeLen
			f.decode = decodeUTF16
		default:
			// Identity-H/V and embedded CMaps: two bytes a code, unless
			// the ToUnicode CMap's code space said otherwise.
			if f.codeLen == nil || enc.Kind() == pdf.Name {
				f.codeLen = twoBytes
			}
		}
		desc := v.Key("DescendantFonts").Index(0)
		f.defaultWidth = 1000
		if dw := desc.Key("DW"); !dw.IsNull() {
			f.defaultWidth = dw.Float64()
		}
		f.widths = cidWidths(desc.Key("W"))
		return f
	}

	// A simple font: one byte a code.
	f.codeLen = nil
	if f.decode == nil {
		// ledongthuc's encoder reads the font's Encoding and parses its
		// ToUnicode again: made on the first code the map lacks, not
		// before.
		font := pdf.Font{V: v}
		var enc pdf.TextEncoding
		f.decode = func(code string) string {
			if enc == nil {
				enc = font.Encoder()
			}
			return enc.Decode(code)
		}
	}
	first := int(v.Key("FirstChar").Int64())
	ws := v.Key("Widths")
	f.widths = make(map[uint32]float64, ws.Len())
	for i := 0; i < ws.Len(); i++ {
		f.widths[uint32(first+i)] = ws.Index(i).Float64()
	}
	f.defaultWidth = v.Key("FontDescriptor").Key("MissingWidth").Float64()
	if ws.Len() == 0 {
		// A standard font without widths: a typical Latin advance.
		f.defaultWidth = 500
		if strings.Contains(v.Key("BaseFont").Name(), "Courier") {
			f.defaultWidth = 600
		}
	}
	if subtype == "Type3" {
		if m := v.Key("FontMatrix"); m.Len() >= 1 {
			f.scale = m.Index(0).Float64()
		}
	}
	return f
}

// cidWidths reads a CIDFont's W array: c [w1 w2 …] or cfirst clast w.
func cidWidths(w pdf.Value) map[uint32]float64 {
	out := map[uint32]float64{}
	n := w.Len()
	for i := 0; i < n; {
		first := w.Index(i)
		if i+1 >= n {
			break
		}
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			c := uint32(first.Int64())
			for j := 0; j < next.Len(); j++ {
				out[c+uint32(j)] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		lo, hi, width := first.Int64(), next.Int64(), w.Index(i+2).Float64()
		// A damaged range must not make a map of billions.
		if hi >= lo && hi-lo < 1<<16 {
			for c := lo; c <= hi; c++ {
				out[uint32(c)] = width
			}
		}
		i += 3
	}
	return out
}

func twoBytes(string) int { return 2 }

func utf16CodeLen(s string) int {
	if len(s) >= 4 && s[0] >= 0xD8 && s[0] <= 0xDB {
		return 4
	}
	return 2
}

func gbkCodeLen(s string) int {
	if s[0] >= 0x81 && s[0] <= 0xFE {
		return 2
	}
	return 1
}

func decodeGBK(code string) string {
	b, err := simplifiedchinese.GBK.NewDecoder().String(code)
	if err != nil {
		return string(noGlyph)
	}
	return b
}

func decodeUTF16(code string) string {
	u := make([]uint16, 0, len(code)/2)
	for i := 0; i+1 < len(code); i += 2 {
		u = append(u, uint16(code[i])<<8|uint16(code[i+1]))
	}
	return string(utf16.Decode(u))
}

// readToUnicode parses a ToUnicode CMap into a map from codes to text, and
// a code-length function from its code space ranges (nil when it has none).
// CMaps are PostScript that ledongthuc's interpreter only half runs, so
// the few operators that matter are read here from the stream's tokens.
func readToUnicode(strm pdf.Value) (m map[uint32]string, codeLen func(string) int) {
	defer func() {
		if recover() != nil { // a damaged stream maps nothing
			m, codeLen = nil, nil
		}
	}()
	rd := strm.Reader()
	data, err := io.ReadAll(io.LimitReader(rd, 16<<20))
	rd.Close()
	if err != nil {
		return nil, nil
	}
	m = map[uint32]string{}
	var spaces [5][][2]string // by byte length: low, high
	var operands []cmapToken
	sc := cmapScanner{data: data}
	for {
		tok, ok := sc.next()
		if !ok {
			break
		}
		if tok.kind != cmapOperator {
			operands = append(operands, tok)
			continue
		}
		switch tok.text {
		case "endcodespacerange":
			for i := 0; i+1 < len(operands); i += 2 {
				lo, hi := operands[i].text, operands[i+1].text
				if l := len(lo); l >= 1 && l <= 4 && l == len(hi) {
					spaces[l] = append(spaces[l], [2]string{lo, hi})
				}
			}
		case "endbfchar":
			for i := 0; i+1 < len(operands); i += 2 {
				m[codeValue(operands[i].text)] = utf16BE(operands[i+1].text)
			}
		case "endbfrange":
			for i := 0; i+2 < len(operands); {
				lo, hi := codeValue(operands[i].text), codeValue(operands[i+1].text)
				dst := operands[i+2]
				i += 3
				if dst.kind == cmapArrayStart {
					var items []string
					for i < len(operands) && operands[i].kind != cmapArrayEnd {
						items = append(items, operands[i].text)
						i++
					}
					i++ // past ]
					for c := lo; c <= hi && int(c-lo) < len(items); c++ {
						m[c] = utf16BE(items[c-lo])
					}
					continue
				}
				if hi < lo || hi-lo > 1<<16 {
					continue
				}
				for c := lo; c <= hi; c++ {
					m[c] = utf16BE(addToLast(dst.text, int(c-lo)))
				}
			}
		}
		operands = operands[:0]
	}
	var lens []int
	for l := 1; l <= 4; l++ {
		if len(spaces[l]) > 0 {
			lens = append(lens, l)
		}
	}
	switch len(lens) {
	case 0:
		return m, nil
	case 1:
		l := lens[0]
		return m, func(string) int { return l }
	}
	return m, func(s string) int {
		for _, l := range lens {
			if l > len(s) {
				break
			}
			for _, r := range spaces[l] {
				if r[0] <= s[:l] && s[:l] <= r[1] {
					return l
				}
			}
		}
		return lens[0]
	}
}

// The kinds of CMap token that matter.
const (
	cmapString = iota // a hex or literal string, decoded
	cmapOperator
	cmapArrayStart
	cmapArrayEnd
	cmapOther // numbers, names, dictionaries
)

type cmapToken struct {
	kind int
	text string
}

// cmapScanner cuts a CMap stream into tokens.
type cmapScanner struct {
	data []byte
	pos  int
}

func (s *cmapScanner) next() (cmapToken, bool) {
	d := s.data
	for s.pos < len(d) {
		c := d[s.pos]
		switch {
		case c == '%':
			for s.pos < len(d) && d[s.pos] != '\n' && d[s.pos] != '\r' {
				s.pos++
			}
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0:
			s.pos++
		case c == '<' && s.pos+1 < len(d) && d[s.pos+1] == '<', c == '>' && s.pos+1 < len(d) && d[s.pos+1] == '>':
			s.pos += 2
			return cmapToken{kind: cmapOther}, true
		case c == '<':
			end := bytes.IndexByte(d[s.pos:], '>')
			if end < 0 {
				return cmapToken{}, false
			}
			hex := d[s.pos+1 : s.pos+end]
			s.pos += end + 1
			return cmapToken{kind: cmapString, text: decodeHex(hex)}, true
		case c == '(':
			return s.literal(), true
		case c == '[':
			s.pos++
			return cmapToken{kind: cmapArrayStart}, true
		case c == ']':
			s.pos++
			return cmapToken{kind: cmapArrayEnd}, true
		default:
			start := s.pos
			for s.pos < len(d) && !isCMapDelimiter(d[s.pos]) {
				s.pos++
			}
			if s.pos == start {
				s.pos++ // a stray delimiter: { } ) >
				continue
			}
			word := string(d[start:s.pos])
			if c == '/' || c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9') {
				return cmapToken{kind: cmapOther, text: word}, true
			}
			return cmapToken{kind: cmapOperator, text: word}, true
		}
	}
	return cmapToken{}, false
}

func isCMapDelimiter(c byte) bool {
	switch c {
	case ' ', '\n', '\r', '\t', '\f', 0, '<', '>', '[', ']', '(', ')', '{', '}', '%':
		return true
	}
	return false
}

// literal reads a (…) string with its escapes.
func (s *cmapScanner) literal() cmapToken {
	d := s.data
	s.pos++ // (
	var b []byte
	depth := 1
	for s.pos < len(d) {
		c := d[s.pos]
		s.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return cmapToken{kind: cmapString, text: string(b)}
			}
		case '\\':
			if s.pos >= len(d) {
				break
			}
			e := d[s.pos]
			s.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v := int(e - '0')
				for k := 0; k < 2 && s.pos < len(d) && d[s.pos] >= '0' && d[s.pos] <= '7'; k++ {
					v = v*8 + int(d[s.pos]-'0')
					s.pos++
				}
				c = byte(v)
			default:
				c = e
			}
		}
		b = append(b, c)
	}
	return cmapToken{kind: cmapString, text: string(b)}
}

// decodeHex decodes the digits of a <…> string, ignoring blanks; an odd
// last digit is followed by 0.
func decodeHex(h []byte) string {
	out := make([]byte, 0, len(h)/2)
	var cur byte
	half := false
	for _, c := range h {
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			continue
		}
		if half {
			out = append(out, cur<<4|v)
			half = false
		} else {
			cur, half = v, true
		}
	}
	if half {
		out = append(out, cur<<4)
	}
	return string(out)
}

// addToLast adds k to a big-endian UTF-16 string's last code unit, as a
// bfrange with a string destination asks.
func addToLast(s string, k int) string {
	if k == 0 || len(s) < 2 {
		return s
	}
	b := []byte(s)
	v := int(b[len(b)-2])<<8 | int(b[len(b)-1])
	v += k
	b[len(b)-2], b[len(b)-1] = byte(v>>8), byte(v)
	return string(b)
}

// utf16BE decodes a CMap destination: big-endian UTF-16.
func utf16BE(s string) string {
	if len(s)%2 == 1 {
		s += "\x00"
	}
	u := make([]uint16, len(s)/2)
	for i := range u {
		u[i] = uint16(s[2*i])<<8 | uint16(s[2*i+1])
	}
	return string(utf16.Decode(u))
}
