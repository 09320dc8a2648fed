package extractors

import (
	"context"
	"os"
	"strings"
	"testing"

	"reportfacts/internal/testenv"
	"reportfacts/pipeline/text"
)

const seedReport = "../seeds/000_dbf8deccee350033.txt"

func loadText(b *testing.B, path string) (*text.Text, int) {
	b.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("%s not available: %v", path, err)
	}
	return text.New(strings.Split(string(raw), "\f")), len(raw)
}

// BenchmarkScan measures the numeric scanner alone over the seed report's
// clean text; MB/s counts the bytes of the raw file.
func BenchmarkScan(b *testing.B) {
	tx, size := loadText(b, seedReport)
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		scanNumeric(tx.Clean)
	}
}

func benchmarkExtract(b *testing.B, path string) {
	tx, size := loadText(b, path)
	ctx := context.Background()
	if _, err := Extract(ctx, tx, Options{}); err != nil { // warm up the segmenter once
		b.Fatalf("Extract: %v", err)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Extract(ctx, tx, Options{}); err != nil {
			b.Fatalf("Extract: %v", err)
		}
	}
}

// BenchmarkExtract measures the whole extraction, attribution included.
func BenchmarkExtract(b *testing.B) {
	b.Run("seed", func(b *testing.B) { benchmarkExtract(b, seedReport) })
	b.Run("corpus", func(b *testing.B) {
		benchmarkExtract(b, testenv.CorpusFile(b, "news_wind_lujiazui_20240816.txt"))
	})
}
