package extractors

// scanDates finds the date and period facts of the clean text.
func scanDates(clean []rune, sents []sentence, opts Options) []candidate {
	return nil
}
