package extractors

import (
	"fmt"
	"maps"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// token is one word of a segmented sentence, with its part of speech as gse
// (or the lexicon) tags it. start and end are rune offsets into the text
// that was segmented.
type token struct {
	text       string
	pos        string
	start, end int
}

var (
	segOnce sync.Once
	seg     *gse.Segmenter
	segErr  error
)

// gseDict names gse's embedded dictionary the segmenter starts from.
const gseDict = "zh_s"

// lexFreq is the frequency lexicon words are added with: high, so that the
// segmenter keeps them whole (金融科技资金投入 is one metric, 工商银行 one
// bank).
const lexFreq = 100000

// lexWord is a lexicon word as it is added to the segmenter.
type lexWord struct {
	text, pos string
}

// lexiconWords lists the words added to gse's dictionary, in the order they
// are added: institutions (nt), regions (ns), metrics and kinds of
// institution (n), each list sorted. A word gse already knows, or that an
// earlier list added, keeps its first entry.
func lexiconWords(lx *lexicon) []lexWord {
	var words []lexWord
	for _, list := range []struct {
		words map[string]bool
		pos   string
	}{
		{keysOf(lx.fullName), "nt"},
		{lx.region, "ns"},
		{lx.metric, "n"},
		{lx.group, "n"},
	} {
		for _, w := range slices.Sorted(maps.Keys(list.words)) {
			words = append(words, lexWord{w, list.pos})
		}
	}
	return words
}

func keysOf(m map[string]string) map[string]bool {
	k := make(map[string]bool, len(m))
	for w := range m {
		k[w] = true
	}
	return k
}

// loadSegmenter loads gse's embedded simplified-Chinese dictionary and the
// lexicon, once per process. gse's LoadDict would read files beside its
// source code, which a deployed binary does not have. Building the
// dictionary takes over a second, so the built form is kept on disk
// (segment_cache.go) and later processes load that instead.
func loadSegmenter() (*gse.Segmenter, *lexicon, error) {
	segOnce.Do(func() {
		seg, segErr = cachedSegmenter(vocab)
	})
	return seg, vocab, segErr
}

// newSegmenter builds the segmenter from gse's dictionary and the lexicon.
func newSegmenter(lx *lexicon) (s *gse.Segmenter, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, fmt.Errorf("load gse dictionary: %v", r)
		}
	}()
	s = new(gse.Segmenter)
	if err := s.LoadDictEmbed(gseDict); err != nil {
		return nil, fmt.Errorf("load gse dictionary: %w", err)
	}
	for _, w := range lexiconWords(lx) {
		if err := s.AddToken(w.text, lexFreq, w.pos); err != nil {
			return nil, fmt.Errorf("add lexicon word %q: %w", w.text, err)
		}
	}
	dropSearchSegments(s)
	return s, nil
}

// segLead is put before a text to segment: gse does not match a word
// added to its dictionary at the very start of a text (季调后失业率 starts
// with 季/调/后, yet 德国季调后失业率 holds 季调后), so the text never starts
// there.
const segLead = "。"

// segment cuts text into tagged words. A panic inside gse on odd input is
// turned into an error.
func segment(s *gse.Segmenter, text string) (toks []token, err error) {
	defer func() {
		if r := recover(); r != nil {
			toks, err = nil, fmt.Errorf("segment %q: %v", truncate(text, 40), r)
		}
	}()
	led := segLead + text
	segs := s.Segment([]byte(led))
	toks = make([]token, 0, len(segs))
	// gse lowercases Latin letters in its tokens: the words are taken from
	// the text itself, by their byte offsets.
	pos := 0
	for i, sg := range segs {
		if sg.Start() < 0 || sg.End() > len(led) || sg.Start() > sg.End() {
			return nil, fmt.Errorf("segment %q: token [%d,%d) outside the text", truncate(text, 40), sg.Start(), sg.End())
		}
		if i == 0 {
			if sg.End() != len(segLead) {
				return nil, fmt.Errorf("segment %q: leading mark joined to the text", truncate(text, 40))
			}
			continue
		}
		w := led[sg.Start():sg.End()]
		n := utf8.RuneCountInString(w)
		toks = append(toks, token{text: w, pos: sg.Token().Pos(), start: pos, end: pos + n})
		pos += n
	}
	return toks, nil
}

// truncate shortens s to at most n runes for error messages.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
