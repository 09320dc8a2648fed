package store

import (
	"context"
	"fmt"
	"testing"

	"reportfacts/extractors"
)

// benchFacts makes n facts shaped like an annual report's: a money amount
// with its attribution and sentence.
func benchFacts(n int) []extractors.Fact {
	facts := make([]extractors.Fact, n)
	for i := range facts {
		f := fact(extractors.KindMoney, "1554.17亿元", i*20, fmt.Sprintf("%d00000000", 155417+i))
		f.Unit, f.Entity, f.Metric, f.Period = "CNY", "招商银行", "金融科技资金投入", "2021"
		f.Sentence = "2021年，招商银行金融科技资金投入1554.17亿元，同比增长9.10%，占营业收入的3.60%。"
		facts[i] = f
	}
	return facts
}

// BenchmarkSaveDocument measures one document of 2,000 facts saved again
// and again (each save replaces the last), per backend.
func BenchmarkSaveDocument(b *testing.B) {
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) {
			s := openStore(b, be.newDSN(b))
			doc := testDoc("bench.txt", "1", "x")
			facts := benchFacts(2000)
			ctx := context.Background()
			for b.Loop() {
				if _, err := s.SaveDocument(ctx, doc, facts); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(facts)), "ns/fact")
		})
	}
}

// BenchmarkEachFact measures streaming 20,000 stored facts.
func BenchmarkEachFact(b *testing.B) {
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) {
			s := openStore(b, be.newDSN(b))
			ctx := context.Background()
			for d := range 10 {
				if _, err := s.SaveDocument(ctx, testDoc(fmt.Sprintf("doc%d.txt", d), "1", "x"), benchFacts(2000)); err != nil {
					b.Fatal(err)
				}
			}
			for b.Loop() {
				n := 0
				if err := s.EachFact(ctx, FactFilter{}, func(FactRow) error { n++; return nil }); err != nil {
					b.Fatal(err)
				}
				if n != 20000 {
					b.Fatalf("streamed %d facts, want 20000", n)
				}
			}
		})
	}
}

// BenchmarkApplyReviews measures a reviewed workbook of 2,000 verdicts
// applied at once.
func BenchmarkApplyReviews(b *testing.B) {
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) {
			s := openStore(b, be.newDSN(b))
			ctx := context.Background()
			doc := testDoc("bench.txt", "1", "x")
			facts := benchFacts(2000)
			if _, err := s.SaveDocument(ctx, doc, facts); err != nil {
				b.Fatal(err)
			}
			reviews := make([]Review, len(facts))
			for i, f := range facts {
				reviews[i] = Review{FactKey: extractors.Key(doc.SHA256, f), Status: StatusCorrect, Reviewer: "bench"}
			}
			for b.Loop() {
				if err := s.ApplyReviews(ctx, reviews); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
