package text

// headRunes returns up to n folded runes from the start of a line's content.
func headRunes(folded []rune, l *line, buf []rune) []rune {
	buf = buf[:0]
	for i := l.cs; i < l.ce && len(buf) < cap(buf); i++ {
		if f := folded[i]; f != deleted {
			buf = append(buf, f)
		}
	}
	return buf
}

// startsItem reports whether a line begins with a list marker or a
// numbered heading: 一、 (一) （1） 1、 1. 1.2 第一章 第三节 ① ■ • - and the
// like. Such a line starts a paragraph even when the line before it does
// not end a sentence.
func startsItem(folded []rune, l *line) bool {
	var arr [8]rune
	h := headRunes(folded, l, arr[:0:8])
	if len(h) == 0 {
		return false
	}
	r := h[0]
	switch {
	case isBullet(r):
		return true
	case r >= 0xE000 && r <= 0xF8FF: // a symbol font's bullet ( in Wingdings)
		return true
	case r >= 0x2460 && r <= 0x249B, r >= 0x2776 && r <= 0x2793: // ① ⑴ ⒈ ❶ ➀
		return true
	case r == '-' || r == '*' || r == '+' || r == '#':
		return len(h) > 1 && (h[1] == ' ' || r == '#' && h[1] == '#')
	case r == '(' || r == '〔' || r == '【':
		n := countWhile(h[1:], isNumeral)
		if n == 0 {
			n = countWhile(h[1:], isDigit)
		}
		return n > 0 && n <= 3 && 1+n < len(h) && (h[1+n] == ')' || h[1+n] == '〕' || h[1+n] == '】')
	case r == '第':
		n := countWhile(h[1:], func(r rune) bool { return isNumeral(r) || isDigit(r) })
		if n == 0 || 1+n >= len(h) {
			return false
		}
		switch h[1+n] {
		case '章', '节', '条', '部', '篇', '、', ',':
			return true
		}
		return false
	case isNumeral(r):
		n := countWhile(h, isNumeral)
		return n <= 3 && n < len(h) && h[n] == '、'
	case isDigit(r):
		return startsNumbered(h)
	}
	return false
}

// startsNumbered matches "1、", "1)", "1.X" (X not a digit) and
// multi-level "1.2 " / "1.2.3 " at the head of a line; "2.5亿" is a number.
func startsNumbered(h []rune) bool {
	n := countWhile(h, isDigit)
	if n > 3 || n >= len(h) {
		return false
	}
	switch h[n] {
	case '、', ')':
		return true
	case '.':
	default:
		return false
	}
	if n+1 >= len(h) {
		return false
	}
	if !isDigit(h[n+1]) {
		return h[n+1] != '.' && h[n+1] != '%'
	}
	// Multi-level: digits (.digits)+ then a space.
	i := n
	for i < len(h) && h[i] == '.' {
		d := countWhile(h[i+1:], isDigit)
		if d == 0 || d > 3 {
			return false
		}
		i += 1 + d
	}
	return i < len(h) && h[i] == ' '
}

func countWhile(h []rune, ok func(rune) bool) int {
	n := 0
	for n < len(h) && ok(h[n]) {
		n++
	}
	return n
}

func isNumeral(r rune) bool {
	switch r {
	case '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '零', '〇':
		return true
	}
	return false
}

func isBullet(r rune) bool {
	switch r {
	case '■', '□', '●', '○', '•', '◆', '◇', '▪', '▫', '►', '▶', '▷', '★', '☆', '√', '※', '◎', '➢', '➤', '✓', '✔', '·', '◼', '◻', '‣', '⚫':
		return true
	}
	return false
}
