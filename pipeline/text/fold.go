package text

import "golang.org/x/text/unicode/norm"

// deleted marks a raw rune that has no clean rune.
const deleted rune = -1

// radicalLo and radicalHi bound the CJK radical blocks (CJK Radicals
// Supplement U+2E80–U+2EF3, Kangxi Radicals U+2F00–U+2FD5) and
// compatIdeoLo/Hi the CJK compatibility ideographs: PDF fonts map glyphs
// to these code points, which look like ordinary ideographs but do not
// compare equal to them.
const (
	radicalLo    = 0x2E80
	radicalHi    = 0x2FD5
	compatIdeoLo = 0xF900
	compatIdeoHi = 0xFAFF
)

var (
	// radicalFold[r-radicalLo] is the unified ideograph for a radical, or 0.
	radicalFold [radicalHi - radicalLo + 1]rune
	// compatFold[r-compatIdeoLo] is the unified ideograph, or 0.
	compatFold [compatIdeoHi - compatIdeoLo + 1]rune
)

// radicalSupplement folds the radicals of the CJK Radicals Supplement
// that stand for whole characters: NFKC maps only two of that block, but
// Chinese PDF fonts map common simplified characters (门 马 长 见 页) to
// these code points. From Unicode's EquivalentUnifiedIdeograph.txt.
var radicalSupplement = map[rune]rune{
	'⺁': '厂', '⺇': '几', '⺊': '卜', '⺠': '民', '⺩': '王', '⺬': '示',
	'⻁': '虎', '⻄': '西', '⻅': '见', '⻆': '角', '⻉': '贝', '⻋': '车',
	'⻑': '長', '⻓': '长', '⻔': '门', '⻘': '青', '⻙': '韦', '⻚': '页',
	'⻛': '风', '⻜': '飞', '⻝': '食', '⻢': '马', '⻣': '骨', '⻤': '鬼',
	'⻥': '鱼', '⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻪': '黾',
	'⻬': '齐', '⻮': '齿', '⻰': '龙',
}

func init() {
	for r := rune(radicalLo); r <= radicalHi; r++ {
		radicalFold[r-radicalLo] = nfkcSingle(r)
		if f, ok := radicalSupplement[r]; ok && radicalFold[r-radicalLo] == 0 {
			radicalFold[r-radicalLo] = f
		}
	}
	for r := rune(compatIdeoLo); r <= compatIdeoHi; r++ {
		compatFold[r-compatIdeoLo] = nfkcSingle(r)
	}
}

// nfkcSingle returns the NFKC form of r when it is a single rune other
// than r itself, else 0.
func nfkcSingle(r rune) rune {
	s := norm.NFKC.String(string(r))
	var out rune
	n := 0
	for _, c := range s {
		out = c
		n++
	}
	if n != 1 || out == r {
		return 0
	}
	return out
}

// fold returns the clean rune for a raw rune inside a line, or deleted.
// Line and page breaks are not handled here: the layout pass decides them.
func fold(r rune) rune {
	if r >= 0x20 && r < 0x7F {
		return r
	}
	switch {
	case r < 0x20:
		if r == '\t' || r == '\n' || r == '\f' {
			return r
		}
		return deleted
	case r < 0xA0: // DEL and C1 controls
		return deleted
	case r == 0xA0: // no-break space, as HTML's &nbsp; yields
		return ' '
	case r < radicalLo:
		if r >= 0x200B && r <= 0x200D {
			return deleted
		}
		return r
	case r <= radicalHi:
		if f := radicalFold[r-radicalLo]; f != 0 {
			return f
		}
		return r
	case r == 0x3000:
		return ' '
	case r < compatIdeoLo:
		return r
	case r <= compatIdeoHi:
		if f := compatFold[r-compatIdeoLo]; f != 0 {
			return f
		}
		return r
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0xFEFF || r == 0xFFFD:
		return deleted
	}
	return r
}

// isSpace reports whether a folded rune is layout space at a line's edge.
func isSpace(r rune) bool {
	return r == ' ' || r == '\t'
}

// runeWidth is the rune's width in half-em cells, roughly as a PDF lays
// it out: ideographs, CJK punctuation and the general punctuation Chinese
// fonts set full-width (“” … ⸺) take two, Latin letters and digits one.
func runeWidth(r rune) int {
	if r >= 0x2000 {
		return 2
	}
	return 1
}
