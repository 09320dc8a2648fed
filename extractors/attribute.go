package extractors

// attribute fills Entity, Metric, Period and Sentence of every candidate.
func attribute(clean []rune, sents []sentence, cands []candidate, opts Options) {
	for i := range cands {
		for _, s := range sents {
			if cands[i].cs >= s.start && cands[i].cs < s.end {
				cands[i].Sentence = sentenceText(clean, s)
				break
			}
		}
	}
}
