package extractors

// The character classes of the extractors, in one place. Where two rules
// need classes of different breadth, the broader one is the narrower one
// and what it adds, so that they cannot drift apart.

// isDigit reports an ASCII decimal digit.
func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isNumeralDigit reports a digit an Arabic numeral may be written in: an
// ASCII or a full-width one. digitVal gives its value. The clean text has
// full-width forms folded already; the numeral reader also reads text
// that was not cleaned (table cells, tests).
func isNumeralDigit(r rune) bool { return isDigit(r) || (r >= '０' && r <= '９') }

// digitVal is the value of a digit isNumeralDigit accepts.
func digitVal(r rune) int64 {
	if r >= '０' && r <= '９' {
		return int64(r - '０')
	}
	return int64(r - '0')
}

// isASCIILetter reports a Latin letter a to z, either case.
func isASCIILetter(r rune) bool { return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') }

func isHexDigit(r rune) bool {
	return isDigit(r) || (r >= 'A' && r <= 'F') || (r >= 'a' && r <= 'f')
}

func isCJK(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

// isBlank reports a blank that may sit between a number and its unit
// (38,420 项): a space, an ideographic space or a no-break space. A tab is
// not one: it separates table cells.
func isBlank(r rune) bool { return r == ' ' || r == '\u3000' || r == '\u00a0' }

// isSpace reports the blanks that may pad a sentence: isBlank's and the
// tab, carriage return, form feed and vertical tab.
func isSpace(r rune) bool {
	switch r {
	case '\t', '\r', '\f', '\v':
		return true
	}
	return isBlank(r)
}

// cnForm is how a Chinese digit is written.
type cnForm int

const (
	cnPlain      cnForm = iota // 〇 零 一 二 两 三 … 九
	cnFormal                   // financial capitals and traditional forms: 壹 贰 貳 兩 參 陸
	cnColloquial               // 幺 俩 仨
	cnLatinZero                // O and o set for 〇 (二O二四年)
)

// cnDigitOf is the one table of Chinese digits: the value of r and how it
// is written, or -1 when r is no Chinese digit.
func cnDigitOf(r rune) (int, cnForm) {
	switch r {
	case '〇', '零', '○', 'Ｏ':
		return 0, cnPlain
	case 'O', 'o':
		return 0, cnLatinZero
	case '一':
		return 1, cnPlain
	case '壹':
		return 1, cnFormal
	case '幺':
		return 1, cnColloquial
	case '二', '两':
		return 2, cnPlain
	case '贰', '貳', '兩':
		return 2, cnFormal
	case '俩':
		return 2, cnColloquial
	case '三':
		return 3, cnPlain
	case '叁', '參':
		return 3, cnFormal
	case '仨':
		return 3, cnColloquial
	case '四':
		return 4, cnPlain
	case '肆':
		return 4, cnFormal
	case '五':
		return 5, cnPlain
	case '伍':
		return 5, cnFormal
	case '六':
		return 6, cnPlain
	case '陆', '陸':
		return 6, cnFormal
	case '七':
		return 7, cnPlain
	case '柒':
		return 7, cnFormal
	case '八':
		return 8, cnPlain
	case '捌':
		return 8, cnFormal
	case '九':
		return 9, cnPlain
	case '玖':
		return 9, cnFormal
	}
	return -1, cnPlain
}

// cnDigit is the value of a digit of a date written in Chinese (二〇二四年,
// 二O二四年, 三月): the plain digits and a Latin O for 〇; -1 for other runes.
func cnDigit(r rune) int {
	v, f := cnDigitOf(r)
	if f != cnPlain && f != cnLatinZero {
		return -1
	}
	return v
}

// cnDigitValue is the value of a digit of a Chinese numeral, in any form
// but a Latin letter; -1 for other runes.
func cnDigitValue(r rune) int64 {
	v, f := cnDigitOf(r)
	if f == cnLatinZero {
		return -1
	}
	return int64(v)
}
