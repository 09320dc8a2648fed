package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"reportfacts/internal/testenv"
	"reportfacts/pipeline/store"
)

// TestReviewsSurviveAddedLine reviews every fact of the seed, adds a line
// without figures at the top of the report and ingests it again: every
// fact is still extracted, at other offsets and so under other keys, and
// every review must follow its fact.
func TestReviewsSurviveAddedLine(t *testing.T) {
	testenv.EachBackend(t, testReviewsSurviveAddedLine)
}

func testReviewsSurviveAddedLine(t *testing.T, b testenv.Backend) {
	ctx := context.Background()
	st := openStoreAt(t, b.DSN)
	seeds, err := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	if err != nil || len(seeds) == 0 {
		t.Fatalf("no seed report in %s: %v", seedDir, err)
	}
	seed, err := os.ReadFile(seeds[0])
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "report.txt")
	if err := os.WriteFile(path, seed, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, Config{Store: st}, []string{path}); err != nil {
		t.Fatal(err)
	}
	before, err := st.Facts(ctx, store.FactFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(before) < 100 {
		t.Fatalf("the seed gave %d facts, want its hundreds", len(before))
	}
	// Each fact gets a note naming what it was, to find it again.
	type was struct{ kind, value, text, metric string }
	byNote := map[string]was{}
	var reviews []store.Review
	for _, f := range before {
		note := f.Key
		byNote[note] = was{f.Kind, f.Value, f.Text, f.Metric}
		reviews = append(reviews, store.Review{FactKey: f.Key, Status: store.StatusCorrect, Note: note, Reviewer: "编辑甲"})
	}
	if err := st.ApplyReviews(ctx, reviews); err != nil {
		t.Fatal(err)
	}

	if err := os.WriteFile(path, append([]byte("内部资料，仅供参考\n\n"), seed...), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := Run(ctx, Config{Store: st}, []string{path})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Results) != 1 || sum.New != 1 {
		t.Fatalf("second run: %+v, want the changed report read again", sum)
	}
	res := sum.Results[0]
	if len(res.OrphanedReviews) != 0 || len(res.CarriedReviews) != len(before) {
		t.Errorf("%d reviews carried over and %d orphaned (%v), want all %d carried", len(res.CarriedReviews),
			len(res.OrphanedReviews), res.OrphanedReviews, len(before))
	}
	after, err := st.Facts(ctx, store.FactFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range after {
		w, ok := byNote[f.ReviewNote]
		switch {
		case f.ReviewStatus != store.StatusCorrect || f.Reviewer != "编辑甲" || !ok:
			t.Errorf("fact %s %q lost its review: %s by %q", f.Kind, f.Text, f.ReviewStatus, f.Reviewer)
		case w != (was{f.Kind, f.Value, f.Text, f.Metric}):
			t.Errorf("fact %s %q %s (%s) took the review of %s %q %s (%s)", f.Kind, f.Text, f.Value, f.Metric,
				w.kind, w.text, w.value, w.metric)
		}
		delete(byNote, f.ReviewNote)
	}
	if len(byNote) != 0 {
		t.Errorf("%d reviews are on no fact", len(byNote))
	}
}
