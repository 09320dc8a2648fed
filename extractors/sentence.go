package extractors

// sentence is a span of the clean text that attribution reads as one unit:
// it ends at 。！？；!?; or at a paragraph end ('\n'). paragraph counts the
// '\n'-separated paragraphs of the clean text from 0.
type sentence struct {
	start, end int // clean-text span, end exclusive; the terminator is included
	paragraph  int
}

// isSentenceEnd reports whether r closes a sentence inside a paragraph.
func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '!', '?', ';':
		return true
	}
	return false
}

// isClosingMark reports whether r, met right after a sentence end, still
// belongs to that sentence (a closing quote or bracket: 。” ends the quote).
func isClosingMark(r rune) bool {
	switch r {
	case '”', '’', '」', '』', '）', ')', '】', '》', '〉', '"', '\'', ']':
		return true
	}
	return false
}

// splitSentences cuts the clean text into sentences. Whitespace-only spans
// (blank paragraphs) produce no sentence; the spans are ordered and do not
// overlap, and every non-blank rune of clean lies in exactly one of them.
func splitSentences(clean []rune) []sentence {
	var out []sentence
	para := 0
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && isSpace(clean[s]) {
			s++
		}
		for e > s && isSpace(clean[e-1]) {
			e--
		}
		if e > s {
			out = append(out, sentence{start: s, end: e, paragraph: para})
		}
	}
	for i := 0; i < len(clean); i++ {
		r := clean[i]
		if r == '\n' {
			emit(i)
			para++
			start = i + 1
			continue
		}
		if isSentenceEnd(r) {
			j := i + 1
			for j < len(clean) && (isSentenceEnd(clean[j]) || isClosingMark(clean[j])) {
				j++
			}
			emit(j)
			start = j
			i = j - 1
		}
	}
	emit(len(clean))
	return out
}

// isSpace reports the blanks that may pad a sentence.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\r', '\f', '\v', '\u3000', '\u00a0':
		return true
	}
	return false
}

// sentenceText is the sentence's text with any line break removed.
func sentenceText(clean []rune, s sentence) string {
	buf := make([]rune, 0, s.end-s.start)
	for _, r := range clean[s.start:s.end] {
		if r == '\n' || r == '\r' {
			continue
		}
		buf = append(buf, r)
	}
	return string(buf)
}
