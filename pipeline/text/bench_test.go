package text

import "testing"

// BenchmarkNew cleans the seed report; MB/s counts the raw UTF-8 bytes.
func BenchmarkNew(b *testing.B) {
	pages := readSeed(b)
	b.SetBytes(int64(len(pages[0])))
	b.ReportAllocs()
	for b.Loop() {
		New(pages)
	}
}
