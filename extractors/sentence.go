package extractors

import "sort"

// sentence is a span of the clean text that attribution reads as one unit:
// it ends at 。！？；!?; or at a paragraph end ('\n'). paragraph counts the
// '\n'-separated paragraphs of the clean text from 0.
type sentence struct {
	start, end int // clean-text span, end exclusive; the terminator is included
	paragraph  int
}

// The boundaries of sentences and clauses, each the one before it and
// more: a sentence ends inside a paragraph (isSentenceEnd) or at its end
// (isSentenceStop); a clause also ends at a comma or a colon
// (isClauseEnd).

// isSentenceEnd reports whether r closes a sentence inside a paragraph.
func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '!', '?', ';':
		return true
	}
	return false
}

// isSentenceStop reports a sentence's end or a paragraph's.
func isSentenceStop(r rune) bool { return r == '\n' || isSentenceEnd(r) }

// isClauseEnd reports runes that end a clause: basis cues and list
// inheritance do not cross them.
func isClauseEnd(r rune) bool {
	switch r {
	case ',', '，', ':', '：':
		return true
	}
	return isSentenceStop(r)
}

// sentenceBounds returns the sentence around i, at most 300 runes each
// way, for the numeric rules, which read before splitSentences's spans are
// at hand (its spans also take in closing marks and trim blanks).
func sentenceBounds(s []rune, i int) (lo, hi int) {
	lo = i
	for lo > 0 && i-lo < 300 && !isSentenceStop(s[lo-1]) {
		lo--
	}
	hi = i
	for hi < len(s) && hi-i < 300 && !isSentenceStop(s[hi]) {
		hi++
	}
	return lo, hi
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

// maxSentenceRunes bounds a sentence as attribution reads it. Attribution
// looks, for each figure, at the words of its sentence, so its cost grows
// with the square of a sentence's length: a text without sentence ends (a
// log, a dump, a table flattened onto one line) would take hours. No
// sentence of a report comes near the bound (the longest of the corpus's
// prose, a run-on list of a research report, has 2,564 runes); a longer one
// is read as pieces of at most this many runes, cut after a clause mark or
// a blank where one is near and never inside a candidate.
const maxSentenceRunes = 1024

// boundSentences returns sents with every sentence longer than
// maxSentenceRunes cut into pieces of its paragraph. cands are ordered by
// cs; a cut falls outside them. sents itself is returned when no sentence
// is too long.
func boundSentences(clean []rune, sents []sentence, cands []candidate) []sentence {
	var out []sentence
	for i, s := range sents {
		if s.end-s.start <= maxSentenceRunes {
			if out != nil {
				out = append(out, s)
			}
			continue
		}
		if out == nil {
			out = append(make([]sentence, 0, len(sents)+(s.end-s.start)/maxSentenceRunes*2), sents[:i]...)
		}
		for s.end-s.start > maxSentenceRunes {
			cut := sentenceCut(clean, s.start, s.start+maxSentenceRunes, cands)
			out = appendTrimmed(out, clean, sentence{start: s.start, end: cut, paragraph: s.paragraph})
			s.start = cut
		}
		out = appendTrimmed(out, clean, s)
	}
	if out == nil {
		return sents
	}
	return out
}

// appendTrimmed appends s without the blanks at its edges, unless it is
// blank.
func appendTrimmed(out []sentence, clean []rune, s sentence) []sentence {
	for s.start < s.end && isSpace(clean[s.start]) {
		s.start++
	}
	for s.end > s.start && isSpace(clean[s.end-1]) {
		s.end--
	}
	if s.end > s.start {
		out = append(out, s)
	}
	return out
}

// sentenceCut is where to cut the over-long sentence that starts at start,
// at most at limit and past start: after the last clause mark or blank in
// the second half of the piece, else at limit; moved back to the start of
// a candidate it would split (or on to its end when that candidate opens
// the piece).
func sentenceCut(clean []rune, start, limit int, cands []candidate) int {
	cut := limit
	for k := limit; k > start+(limit-start)/2; k-- {
		if isClauseMark(clean[k-1]) {
			cut = k
			break
		}
	}
	// The candidates that hold cut: those that start before it and end
	// after it. Candidates may overlap, so look back over those that start
	// within a bounded distance.
	i := sort.Search(len(cands), func(i int) bool { return cands[i].cs >= cut })
	for j := i - 1; j >= 0 && cut-cands[j].cs <= maxSentenceRunes; j-- {
		if cands[j].ce > cut {
			if cands[j].cs > start {
				cut = cands[j].cs
			} else {
				cut = min(cands[j].ce, limit+maxSentenceRunes)
			}
		}
	}
	return cut
}

// isClauseMark reports a mark after which a clause or a cell ends.
func isClauseMark(r rune) bool {
	switch r {
	case '，', ',', '、', '：', ':', '\t', ' ', '\u3000':
		return true
	}
	return false
}
