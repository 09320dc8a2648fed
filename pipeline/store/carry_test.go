package store

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"reportfacts/extractors"
	"reportfacts/pipeline/source"
)

// placed is a fact with its metric, at the place of its text in a page.
func placed(t *testing.T, page, kind, text, value, metric string, nth int) extractors.Fact {
	t.Helper()
	runes := []rune(page)
	want := []rune(text)
	for i, seen := 0, 0; i+len(want) <= len(runes); i++ {
		if string(runes[i:i+len(want)]) == text {
			if seen == nth {
				f := fact(kind, text, i, value)
				f.Metric = metric
				return f
			}
			seen++
		}
	}
	t.Fatalf("%q (occurrence %d) not in %q", text, nth, page)
	return extractors.Fact{}
}

func mustReview(t *testing.T, s *Store, rs ...Review) {
	t.Helper()
	if err := s.ApplyReviews(context.Background(), rs); err != nil {
		t.Fatalf("ApplyReviews: %v", err)
	}
}

// reviewOf is the current review of a fact, as FactByKey shows it.
func reviewOf(t *testing.T, s *Store, key string) Review {
	t.Helper()
	got, ok, err := s.FactByKey(context.Background(), key)
	if err != nil || !ok {
		t.Fatalf("FactByKey(%s) = %v, %v", key, ok, err)
	}
	return Review{FactKey: key, Status: got.ReviewStatus, CorrectedValue: got.CorrectedValue,
		Note: got.ReviewNote, Reviewer: got.Reviewer, At: got.ReviewedAt}
}

func history(t *testing.T, s *Store, key string) []Review {
	t.Helper()
	h, err := s.ReviewHistory(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestReviewsFollowMovedFacts reads a document again with a line added at
// the top (as ingest --force with a new reader does): every reviewed fact
// is still extracted, at other offsets, so under another key.
func TestReviewsFollowMovedFacts(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		const body = "营收1554.17亿元，同比增长9.10%，占比2.76%"
		before := testDoc("a.txt", "1", body)
		v1 := func(page string) []extractors.Fact {
			return []extractors.Fact{
				placed(t, page, extractors.KindMoney, "1554.17亿元", "155417000000", "营收", 0),
				placed(t, page, extractors.KindGrowth, "增长9.10%", "9.10", "营收", 0),
				placed(t, page, extractors.KindPercent, "2.76%", "2.76", "占比", 0),
			}
		}
		old := v1(body)
		mustSave(t, s, before, old)
		mk, gk := extractors.Key(before.SHA256, old[0]), extractors.Key(before.SHA256, old[1])
		at := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
		first := Review{FactKey: mk, Status: StatusWrong, Note: "单位不对", Reviewer: "王", At: at}
		second := Review{FactKey: mk, Status: StatusCorrected, CorrectedValue: "155417000", Note: "应为万元", Reviewer: "李", At: at.Add(time.Hour)}
		growth := Review{FactKey: gk, Status: StatusCorrect, Reviewer: "李", At: at.Add(2 * time.Hour)}
		mustReview(t, s, first)
		mustReview(t, s, second, growth)

		// The same bytes read again, by a reader that puts a title line
		// first: every offset moves by four.
		page := "年度报告\n" + body
		after := *before
		after.Pages = []string{page}
		now := v1(page)
		res := mustSave(t, s, &after, now)
		nmk, ngk := extractors.Key(before.SHA256, now[0]), extractors.Key(before.SHA256, now[1])
		if nmk == mk || ngk == gk {
			t.Fatal("the moved facts kept their keys: the test moves nothing")
		}
		if len(res.OrphanedReviews) != 0 {
			t.Errorf("OrphanedReviews = %v, want none", res.OrphanedReviews)
		}
		wantCarried := []CarriedReview{{From: mk, To: nmk}, {From: gk, To: ngk}}
		slices.SortFunc(wantCarried, func(a, b CarriedReview) int { return strings.Compare(a.From, b.From) })
		if !slices.Equal(res.CarriedReviews, wantCarried) {
			t.Errorf("CarriedReviews = %v, want %v", res.CarriedReviews, wantCarried)
		}

		// Who reviewed and when is unchanged; only the key moved.
		moved := second
		moved.FactKey = nmk
		if got := reviewOf(t, s, nmk); !sameReview(got, moved) {
			t.Errorf("review of the moved money fact = %+v, want %+v", got, moved)
		}
		movedGrowth := growth
		movedGrowth.FactKey = ngk
		if got := reviewOf(t, s, ngk); !sameReview(got, movedGrowth) {
			t.Errorf("review of the moved growth fact = %+v, want %+v", got, movedGrowth)
		}
		if got := reviewOf(t, s, extractors.Key(before.SHA256, now[2])); got.Status != StatusPending || got.Reviewer != "" {
			t.Errorf("the unreviewed fact got review %+v", got)
		}

		// The history came along, with an entry saying from where.
		h := history(t, s, nmk)
		if len(h) != 3 {
			t.Fatalf("history of the moved fact = %+v, want the two reviews and the move", h)
		}
		for i, want := range []Review{first, second} {
			want.FactKey = nmk
			if !sameReview(h[i], want) {
				t.Errorf("history[%d] = %+v, want %+v", i, h[i], want)
			}
		}
		carry := h[2]
		if carry.CarriedFrom != mk || carry.CarriedAt.IsZero() || carry.Status != StatusCorrected ||
			carry.CorrectedValue != "155417000" || carry.Reviewer != "李" || !carry.At.Equal(second.At) {
			t.Errorf("history entry of the move = %+v, want %s's verdict of %s carried from %s", carry, "李", second.At, mk)
		}
		if old := history(t, s, mk); len(old) != 0 {
			t.Errorf("history under the old key = %+v, want it moved", old)
		}
		if orphans, err := s.OrphanReviews(ctx); err != nil || len(orphans) != 0 {
			t.Errorf("OrphanReviews = %+v, %v; want none", orphans, err)
		}

		// Read again the same way: nothing moves, nothing is recorded.
		res = mustSave(t, s, &after, now)
		if len(res.CarriedReviews) != 0 || len(res.OrphanedReviews) != 0 {
			t.Errorf("saving the same facts again carried %v and orphaned %v", res.CarriedReviews, res.OrphanedReviews)
		}
		if h := history(t, s, nmk); len(h) != 3 {
			t.Errorf("history after saving the same facts again has %d entries, want 3", len(h))
		}
	})
}

// TestReviewsNotCarriedToOtherFacts: a fact whose value, page or metric
// changed is another fact; its review is kept under the old key and
// reported.
func TestReviewsNotCarriedToOtherFacts(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		const body = "营收1554.17亿元，利润20亿元，员工5000人"
		doc := testDoc("a.txt", "1", body)
		money := placed(t, body, extractors.KindMoney, "1554.17亿元", "155417000000", "营收", 0)
		profit := placed(t, body, extractors.KindMoney, "20亿元", "2000000000", "利润", 0)
		staff := placed(t, body, extractors.KindCount, "5000人", "5000", "员工", 0)
		mustSave(t, s, doc, []extractors.Fact{money, profit, staff})
		var keys []string
		for _, f := range []extractors.Fact{money, profit, staff} {
			k := extractors.Key(doc.SHA256, f)
			keys = append(keys, k)
			mustReview(t, s, Review{FactKey: k, Status: StatusCorrect, Reviewer: "王"})
		}

		page := "年度报告\n" + body
		moved := func(f extractors.Fact) extractors.Fact { f.Start += 5; f.End += 5; return f }
		m, p, c := moved(money), moved(profit), moved(staff)
		m.Value = "155418000000" // read otherwise
		p.Metric = "净利润"         // attributed otherwise
		c.Page = 2               // on another page
		again := *doc
		again.Pages = []string{page}
		res := mustSave(t, s, &again, []extractors.Fact{m, p, c})
		if len(res.CarriedReviews) != 0 {
			t.Errorf("CarriedReviews = %v, want none", res.CarriedReviews)
		}
		if !slices.Equal(res.OrphanedReviews, sorted(keys)) {
			t.Errorf("OrphanedReviews = %v, want %v", res.OrphanedReviews, sorted(keys))
		}
		orphans, err := s.OrphanReviews(ctx)
		if err != nil || len(orphans) != 3 {
			t.Errorf("OrphanReviews = %+v, %v; want the three reviews kept", orphans, err)
		}
		for _, k := range keys {
			if h := history(t, s, k); len(h) != 1 || h[0].Reviewer != "王" {
				t.Errorf("history of orphaned %s = %+v, want 王's review kept", k, h)
			}
		}
		for _, f := range []extractors.Fact{m, p, c} {
			if got := reviewOf(t, s, extractors.Key(doc.SHA256, f)); got.Status != StatusPending {
				t.Errorf("fact %s %q took review %+v", f.Kind, f.Text, got)
			}
		}
	})
}

// TestReviewsCarriedOneToOne: where several old and new facts look alike,
// the same text wins, then the order on the page; no new fact takes two
// reviews, and none takes a review when it has its own.
func TestReviewsCarriedOneToOne(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		s := openStore(t, dsn)
		// save reads document path again: the same bytes, so the same
		// SHA-256, but other text from a new reader.
		save := func(path, page string, facts ...extractors.Fact) (*source.Document, SaveResult) {
			doc := testDoc(path, "1", page)
			return doc, mustSave(t, s, doc, facts)
		}

		t.Run("order kept", func(t *testing.T) {
			// Two equal figures 20 apart; the new reader adds 25 characters
			// above them. Nearest-first would swap their reviews.
			body := "一季度增长5%，" + strings.Repeat("。", 10) + "二季度增长5%。"
			a := placed(t, body, extractors.KindGrowth, "增长5%", "5", "增长", 0)
			b := placed(t, body, extractors.KindGrowth, "增长5%", "5", "增长", 1)
			doc, _ := save("order.txt", body, a, b)
			ka, kb := extractors.Key(doc.SHA256, a), extractors.Key(doc.SHA256, b)
			mustReview(t, s, Review{FactKey: ka, Status: StatusCorrect, Reviewer: "甲"},
				Review{FactKey: kb, Status: StatusWrong, Reviewer: "乙"})
			page := strings.Repeat("前", b.Start-a.Start+5) + body
			na := placed(t, page, extractors.KindGrowth, "增长5%", "5", "增长", 0)
			nb := placed(t, page, extractors.KindGrowth, "增长5%", "5", "增长", 1)
			doc, res := save("order.txt", page, na, nb)
			if len(res.CarriedReviews) != 2 || len(res.OrphanedReviews) != 0 {
				t.Fatalf("carried %v, orphaned %v; want both carried", res.CarriedReviews, res.OrphanedReviews)
			}
			if got := reviewOf(t, s, extractors.Key(doc.SHA256, na)); got.Reviewer != "甲" {
				t.Errorf("the first figure has %s's review, want 甲's", got.Reviewer)
			}
			if got := reviewOf(t, s, extractors.Key(doc.SHA256, nb)); got.Reviewer != "乙" {
				t.Errorf("the second figure has %s's review, want 乙's", got.Reviewer)
			}
		})

		t.Run("same text first", func(t *testing.T) {
			body := "投入1.5亿元。"
			old := placed(t, body, extractors.KindMoney, "1.5亿元", "150000000", "投入", 0)
			doc, _ := save("text.txt", body, old)
			mustReview(t, s, Review{FactKey: extractors.Key(doc.SHA256, old), Status: StatusCorrect, Reviewer: "甲"})
			// Now the reader finds the figure written another way right
			// where it was, and the same text further on.
			page := "投入15000万元。" + strings.Repeat("。", 40) + "投入1.5亿元。"
			near := placed(t, page, extractors.KindMoney, "15000万元", "150000000", "投入", 0)
			same := placed(t, page, extractors.KindMoney, "1.5亿元", "150000000", "投入", 0)
			doc, res := save("text.txt", page, near, same)
			if len(res.CarriedReviews) != 1 {
				t.Fatalf("carried %v, want one", res.CarriedReviews)
			}
			if got := reviewOf(t, s, extractors.Key(doc.SHA256, same)); got.Reviewer != "甲" {
				t.Errorf("the fact with the same text has review %+v, want 甲's", got)
			}
			if got := reviewOf(t, s, extractors.Key(doc.SHA256, near)); got.Status != StatusPending {
				t.Errorf("the nearer fact with other text took review %+v", got)
			}
		})

		t.Run("one review a fact", func(t *testing.T) {
			// Two reviewed equal figures; the new reading finds one of them
			// where it was (same key, its own review) and one elsewhere.
			body := "达到3家，" + strings.Repeat("。", 10) + "达到3家，" + strings.Repeat("。", 10) + "达到3家。"
			f0 := placed(t, body, extractors.KindCount, "3家", "3", "达到", 0)
			f1 := placed(t, body, extractors.KindCount, "3家", "3", "达到", 1)
			f2 := placed(t, body, extractors.KindCount, "3家", "3", "达到", 2)
			doc, _ := save("one.txt", body, f0, f1, f2)
			k0, k1, k2 := extractors.Key(doc.SHA256, f0), extractors.Key(doc.SHA256, f1), extractors.Key(doc.SHA256, f2)
			mustReview(t, s, Review{FactKey: k0, Status: StatusCorrect, Reviewer: "甲"},
				Review{FactKey: k1, Status: StatusWrong, Reviewer: "乙"},
				Review{FactKey: k2, Status: StatusWrong, Reviewer: "丙"})
			// Three characters more before the last; the reader misses the
			// middle one.
			page := "达到3家，" + strings.Repeat("。", 10) + "达到3家，" + strings.Repeat("。", 13) + "达到3家。"
			moved := placed(t, page, extractors.KindCount, "3家", "3", "达到", 2)
			if f0 != placed(t, page, extractors.KindCount, "3家", "3", "达到", 0) {
				t.Fatal("the first figure moved: the test means it to stay")
			}
			_, res := save("one.txt", page, f0, moved)
			if got := reviewOf(t, s, k0); got.Reviewer != "甲" {
				t.Errorf("the fact that stayed has review %+v, want its own (甲's)", got)
			}
			// f1 and f2 are gone; one new fact can take one review: the
			// nearer, f2's.
			if want := []CarriedReview{{From: k2, To: extractors.Key(doc.SHA256, moved)}}; !slices.Equal(res.CarriedReviews, want) {
				t.Errorf("CarriedReviews = %v, want %v", res.CarriedReviews, want)
			}
			if want := []string{k1}; !slices.Equal(res.OrphanedReviews, want) {
				t.Errorf("OrphanedReviews = %v, want %v", res.OrphanedReviews, want)
			}
			if h := history(t, s, k1); len(h) != 1 || h[0].Reviewer != "乙" {
				t.Errorf("history of the orphaned review = %+v, want 乙's review kept", h)
			}
		})
	})
}
