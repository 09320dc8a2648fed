package workbook

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"reportfacts/extractors"
	"reportfacts/pipeline/store"
)

// manyRows makes n facts cycling through the sample's kinds, each with a
// key of its own.
func manyRows(n int) []store.FactRow {
	base := sampleRows()
	rows := make([]store.FactRow, n)
	for i := range rows {
		r := base[i%len(base)]
		r.Start, r.End = i*20, i*20+len([]rune(r.Text))
		r.Key = extractors.Key(sha, r.Fact)
		rows[i] = r
	}
	return rows
}

func BenchmarkExport(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		rows := manyRows(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var size int
			for b.Loop() {
				var buf bytes.Buffer
				if err := Export(context.Background(), &buf, sampleDocs(), rowsSource(rows)); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "facts/s")
			b.ReportMetric(float64(size), "bytes")
		})
	}
}

func BenchmarkReadReviews(b *testing.B) {
	rows := manyRows(10000)
	var buf bytes.Buffer
	if err := Export(context.Background(), &buf, nil, rowsSource(rows)); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	lookup := lookupOf(rows)
	for b.Loop() {
		if _, err := ReadReviews(context.Background(), bytes.NewReader(data), lookup, "bench"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(rows))*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
