package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"reportfacts/extractors"
)

// TestApplyEdits: an edit over a review someone else changed since it was
// seen is refused whole; an edit the fact already has is not recorded
// again.
func TestApplyEdits(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		const body = "营收1554.17亿元，同比增长9.10%"
		doc := testDoc("a.txt", "1", body)
		money := placed(t, body, extractors.KindMoney, "1554.17亿元", "155417000000", "营收", 0)
		growth := placed(t, body, extractors.KindGrowth, "增长9.10%", "9.10", "营收", 0)
		mustSave(t, s, doc, []extractors.Fact{money, growth})
		mk, gk := extractors.Key(doc.SHA256, money), extractors.Key(doc.SHA256, growth)
		pending := func(key string) Review { return Review{FactKey: key, Status: StatusPending} }

		// Both seen pending; 甲 reviews the money fact first.
		n, err := s.ApplyEdits(ctx, []Edit{{Review: Review{FactKey: mk, Status: StatusCorrect, Reviewer: "甲"}, Seen: pending(mk)}})
		if err != nil || n != 1 {
			t.Fatalf("ApplyEdits = %d, %v; want 1 applied", n, err)
		}
		byJia := reviewOf(t, s, mk)

		// 乙 saw it pending too and calls it wrong: a conflict, and 乙's
		// review of the growth fact in the same call is not written either.
		_, err = s.ApplyEdits(ctx, []Edit{
			{Review: Review{FactKey: gk, Status: StatusCorrect, Reviewer: "乙"}, Seen: pending(gk)},
			{Review: Review{FactKey: mk, Status: StatusWrong, Reviewer: "乙"}, Seen: pending(mk)},
		})
		var ce *ConflictError
		if !errors.As(err, &ce) || len(ce.Conflicts) != 1 || ce.Conflicts[0].Edit.FactKey != mk ||
			ce.Conflicts[0].Current.Reviewer != "甲" || !strings.Contains(err.Error(), "甲") {
			t.Fatalf("ApplyEdits over 甲's review = %v, want a conflict on %s naming 甲", err, mk)
		}
		if got := reviewOf(t, s, mk); !sameReview(got, byJia) {
			t.Errorf("after the conflict the money fact has %+v, want 甲's review kept", got)
		}
		if got := reviewOf(t, s, gk); got.Status != StatusPending || len(history(t, s, gk)) != 0 {
			t.Errorf("after the conflict the growth fact has %+v, want nothing written", got)
		}

		// 乙 agreeing with 甲 is no conflict and records nothing: 甲 keeps
		// the credit.
		n, err = s.ApplyEdits(ctx, []Edit{{Review: Review{FactKey: mk, Status: StatusCorrect, Reviewer: "乙"}, Seen: pending(mk)}})
		if err != nil || n != 0 {
			t.Errorf("ApplyEdits of the stored verdict = %d, %v; want 0, nil", n, err)
		}
		if got := reviewOf(t, s, mk); got.Reviewer != "甲" || len(history(t, s, mk)) != 1 {
			t.Errorf("the money fact's review = %+v with %d history entries, want 甲's alone", got, len(history(t, s, mk)))
		}

		// 甲 changing 甲's own review is no conflict.
		n, err = s.ApplyEdits(ctx, []Edit{{Review: Review{FactKey: mk, Status: StatusWrong, Note: "看错了", Reviewer: "甲"}, Seen: pending(mk)}})
		if err != nil || n != 1 {
			t.Errorf("ApplyEdits of 甲 over 甲's review = %d, %v; want 1 applied", n, err)
		}

		// 乙, having seen 甲's latest review, may change it.
		seen := reviewOf(t, s, mk)
		n, err = s.ApplyEdits(ctx, []Edit{{Review: Review{FactKey: mk, Status: StatusCorrect, Reviewer: "乙"}, Seen: seen}})
		if err != nil || n != 1 {
			t.Errorf("ApplyEdits over the review seen = %d, %v; want 1 applied", n, err)
		}
		if got := reviewOf(t, s, mk); got.Reviewer != "乙" || got.Status != StatusCorrect {
			t.Errorf("review = %+v, want 乙's", got)
		}
		// The same verdict given again by 甲 over an older view: seen has
		// a time, and 乙's review since is another one.
		_, err = s.ApplyEdits(ctx, []Edit{{Review: Review{FactKey: mk, Status: StatusWrong, Reviewer: "甲"}, Seen: seen}})
		if !errors.As(err, &ce) {
			t.Errorf("ApplyEdits over a review seen before 乙's = %v, want a conflict", err)
		}
	})
}

// TestApplyEditsConcurrently: two editors' imports of the same fact at
// the same moment, through two connections: one is applied, the other is
// a conflict, and the history holds exactly the one applied.
func TestApplyEditsConcurrently(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		const body = "员工5000人"
		doc := testDoc("a.txt", "1", body)
		f := placed(t, body, extractors.KindCount, "5000人", "5000", "员工", 0)
		mustSave(t, s, doc, []extractors.Fact{f})
		key := extractors.Key(doc.SHA256, f)
		stores := []*Store{s, openStore(t, dsn)}
		for round := range 5 {
			seen := reviewOf(t, s, key)
			seen.At = seen.At.UTC()
			errs := make([]error, 2)
			var wg sync.WaitGroup
			for i, who := range []string{"甲", "乙"} {
				wg.Go(func() {
					note := fmt.Sprintf("%s, round %d", who, round) // unlike any review before
					_, errs[i] = stores[i].ApplyEdits(ctx, []Edit{{Review: Review{FactKey: key, Status: StatusWrong, Note: note, Reviewer: who}, Seen: seen}})
				})
			}
			wg.Wait()
			var ce *ConflictError
			ok, conflicts := 0, 0
			for _, err := range errs {
				switch {
				case err == nil:
					ok++
				case errors.As(err, &ce):
					conflicts++
				default:
					t.Fatalf("round %d: ApplyEdits: %v", round, err)
				}
			}
			if ok != 1 || conflicts != 1 {
				t.Fatalf("round %d: %d applied and %d conflicts, want one of each", round, ok, conflicts)
			}
			if h := history(t, s, key); len(h) != round+1 {
				t.Fatalf("round %d: history has %d entries, want %d", round, len(h), round+1)
			}
		}
	})
}
