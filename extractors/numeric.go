package extractors

// scanNumeric finds the numeric facts of the clean text.
func scanNumeric(clean []rune) []candidate {
	return nil
}
