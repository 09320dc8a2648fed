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

// segmenterLoaded waits until the segmenter's dictionary is loaded, or
// until ctx is done. The first load takes a second or more and cannot be
// stopped midway: it goes on in its goroutine, which ends when the load
// does, while a cancelled extraction returns at once.
func segmenterLoaded(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		defer close(done)
		loadSegmenter() // its error is asked for again, and handled, where the segmenter is used
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
