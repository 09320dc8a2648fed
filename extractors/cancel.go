package extractors

import "context"

// checkEvery is how many runes a scan reads between two looks at its
// context: at the slowest shapes of text measured (a few µs a rune) that
// is well under a tenth of a second, and the look costs nothing beside it.
const checkEvery = 1 << 14

// canceller looks at a context once every checkEvery runes of a scan, so
// that a scan of a huge text stops soon after its context is done.
type canceller struct {
	ctx  context.Context
	next int // the offset at or after which to look again
}

// check returns the context's error when it is done, looking only when
// the scan at offset i has gone checkEvery runes on since the last look.
func (c *canceller) check(i int) error {
	if i < c.next {
		return nil
	}
	c.next = i + checkEvery
	return c.ctx.Err()
}
