package store

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"sync"
	"testing"
	"time"

	"reportfacts/extractors"
	"reportfacts/pipeline/source"
)

// startClaims starts claims on s for the test, closed when it ends.
func startClaims(t *testing.T, s *Store, lease time.Duration) *Claims {
	t.Helper()
	c, err := s.StartClaims(context.Background(), lease)
	if err != nil {
		t.Fatalf("StartClaims: %v", err)
	}
	t.Cleanup(func() {
		if err := c.Close(context.Background()); err != nil {
			t.Errorf("Claims.Close: %v", err)
		}
	})
	return c
}

func mustTry(t *testing.T, c *Claims, sha, path string) Claim {
	t.Helper()
	cl, err := c.Try(context.Background(), sha, path)
	if err != nil {
		t.Fatalf("Try %s: %v", path, err)
	}
	return cl
}

// claimRows counts the rows of the claims table.
func claimRows(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.db.GetContext(context.Background(), &n, `SELECT COUNT(*) FROM claims`); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestClaimsOneHolder: runs asking at once, each with its own connections
// as separate processes have, get one claim between them; it passes on
// when released, and Close releases the rest.
func TestClaimsOneHolder(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		const runs = 6
		claims := make([]*Claims, runs)
		for i := range claims {
			claims[i] = startClaims(t, openStore(t, dsn), time.Minute)
		}
		const sha = "c0ffee"
		held := make([]bool, runs)
		var wg sync.WaitGroup
		for i, c := range claims {
			wg.Go(func() {
				cl, err := c.Try(ctx, sha, fmt.Sprintf("run%d/a.pdf", i))
				if err != nil {
					t.Errorf("run %d: Try: %v", i, err)
				}
				held[i] = cl.Held
			})
		}
		wg.Wait()
		winner := slices.Index(held, true)
		if n := len(slices.DeleteFunc(slices.Clone(held), func(h bool) bool { return !h })); n != 1 {
			t.Fatalf("%d of %d runs hold the claim, want exactly 1", n, runs)
		}
		other := claims[(winner+1)%runs]
		cl := mustTry(t, other, sha, "b.pdf")
		if cl.Held || cl.Holder.Owner != claims[winner].Owner() || cl.Holder.PID == 0 {
			t.Errorf("while held: Try = %+v, want not held, holder %s", cl, claims[winner].Owner())
		}
		// The holder asking again (for the same bytes under another path)
		// is told it holds them already: one run reads them once.
		if cl := mustTry(t, claims[winner], sha, "a-copy.pdf"); cl.Held || cl.Holder.Owner != claims[winner].Owner() {
			t.Errorf("the holder asking again: Try = %+v, want not held again, held by itself", cl)
		}
		if err := claims[winner].Release(ctx, sha); err != nil {
			t.Fatal(err)
		}
		if cl := mustTry(t, other, sha, "b.pdf"); !cl.Held || cl.TookOver {
			t.Errorf("after release: Try = %+v, want held (not taken over)", cl)
		}
		mustTry(t, other, "beef", "c.pdf")
		if n := claimRows(t, other.s); n != 2 {
			t.Errorf("%d claim rows, want 2", n)
		}
		if err := other.Close(ctx); err != nil {
			t.Fatal(err)
		}
		if n := claimRows(t, other.s); n != 0 {
			t.Errorf("after Close: %d claim rows, want 0", n)
		}
	})
}

// deadPID returns the ID of a process of this host that has ended and
// been reaped.
func deadPID(t *testing.T) int64 {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skipf("cannot start a process to get a dead pid: %v", err)
	}
	pid := cmd.Process.Pid
	if processExists(pid) {
		t.Skipf("pid %d of an ended process exists again", pid)
	}
	return int64(pid)
}

// plantClaim leaves a claim row as a run that crashed would have.
func plantClaim(t *testing.T, s *Store, sha, host string, pid int64, expires time.Time) {
	t.Helper()
	_, err := s.db.ExecContext(context.Background(), s.q(`INSERT INTO claims
		(sha256, path, owner, host, pid, claimed_ms, expires_ms) VALUES (?, ?, ?, ?, ?, ?, ?)`),
		sha, "crashed/"+sha+".pdf", "crashed-"+sha, host, pid, expires.Add(-time.Minute).UnixMilli(), expires.UnixMilli())
	if err != nil {
		t.Fatalf("plant claim: %v", err)
	}
}

// TestClaimTakeover: a claim whose process is gone from this host is
// taken over at once; one from another host when its lease has run out,
// and waited for until then.
func TestClaimTakeover(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		c := startClaims(t, s, time.Minute)
		far := time.Now().Add(time.Hour)
		plantClaim(t, s, "dead", thisHost(), deadPID(t), far)
		plantClaim(t, s, "expired", "elsewhere#boot", 1, time.Now().Add(-time.Second))
		plantClaim(t, s, "alive-here", thisHost(), 1, far) // pid 1 exists
		plantClaim(t, s, "alive-there", "elsewhere#boot", 999999, far)

		for _, sha := range []string{"dead", "expired"} {
			cl := mustTry(t, c, sha, sha+".pdf")
			if !cl.Held || !cl.TookOver || cl.Holder.Owner != "crashed-"+sha {
				t.Errorf("%s claim: Try = %+v, want taken over from crashed-%s", sha, cl, sha)
			}
		}
		for _, sha := range []string{"alive-here", "alive-there"} {
			if cl := mustTry(t, c, sha, sha+".pdf"); cl.Held || cl.Holder.Owner != "crashed-"+sha {
				t.Errorf("%s claim: Try = %+v, want held by its owner still", sha, cl)
			}
		}
		short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
		defer cancel()
		if _, err := c.Wait(short, "alive-there", "x.pdf"); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Wait for a live claim with a deadline: err = %v, want DeadlineExceeded", err)
		}

		// A claim of another host whose lease ends soon is waited for.
		plantClaim(t, s, "ending", "elsewhere#boot", 999999, time.Now().Add(700*time.Millisecond))
		start := time.Now()
		cl, err := c.Wait(ctx, "ending", "ending.pdf")
		if err != nil || !cl.Held || !cl.TookOver {
			t.Fatalf("Wait for an ending claim = %+v, %v; want taken over", cl, err)
		}
		if waited := time.Since(start); waited < 500*time.Millisecond || waited > 5*time.Second {
			t.Errorf("waited %s for a claim with 0.7 s of lease left", waited)
		}
	})
}

// TestClaimsRenewed: a run's claims outlive their lease while it runs:
// the heartbeat renews them.
func TestClaimsRenewed(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		holder := startClaims(t, openStore(t, dsn), time.Second)
		other := startClaims(t, openStore(t, dsn), time.Second)
		if cl := mustTry(t, holder, "abc", "a.pdf"); !cl.Held {
			t.Fatalf("Try = %+v, want held", cl)
		}
		time.Sleep(2500 * time.Millisecond)
		if cl := mustTry(t, other, "abc", "a.pdf"); cl.Held {
			t.Errorf("after three leases of a live holder: Try = %+v, want still held by it", cl)
		}
	})
}

// TestConcurrentSavesLoseNothing: stores on one database (separate
// connections, as separate processes have) saving the same documents at
// once, in different orders, leave each document once with its facts once:
// concurrent inserts of one SHA-256 used to fail on PostgreSQL with a
// unique violation, and the document was then saved as failed.
func TestConcurrentSavesLoseNothing(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		const docs, runs = 20, 4
		type item struct {
			doc   *source.Document
			facts []extractors.Fact
		}
		var items []item
		for i := range docs {
			d := testDoc(fmt.Sprintf("d%02d.txt", i), "1", fmt.Sprintf("增长%d%%，%d家", i+1, i+2))
			items = append(items, item{d, []extractors.Fact{
				fact(extractors.KindGrowth, fmt.Sprintf("增长%d%%", i+1), 0, fmt.Sprint(i+1)),
				fact(extractors.KindCount, fmt.Sprintf("%d家", i+2), 6, fmt.Sprint(i+2)),
			}})
		}
		stores := make([]*Store, runs)
		for i := range stores {
			stores[i] = openStore(t, dsn)
		}
		var wg sync.WaitGroup
		for r, s := range stores {
			wg.Go(func() {
				for k := range docs {
					it := items[(k*(r+1)+r)%docs] // each run its own order
					if r%2 == 1 {
						it = items[docs-1-k]
					}
					// Each save gets its own copy: SaveDocument may not
					// keep the caller's document.
					d := *it.doc
					if _, err := s.SaveDocument(ctx, &d, it.facts); err != nil {
						t.Errorf("run %d: save %s: %v", r, d.Path, err)
					}
				}
			})
		}
		wg.Wait()
		s := stores[0]
		stored, err := s.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(stored) != docs {
			t.Errorf("%d documents stored, want %d", len(stored), docs)
		}
		for _, d := range stored {
			if d.Status != string(source.StatusOK) || d.Facts != 2 {
				t.Errorf("%s: %s with %d facts, want ok with 2", d.Path, d.Status, d.Facts)
			}
		}
		var want []string
		for _, it := range items {
			want = append(want, keysOf(it.doc.SHA256, it.facts)...)
		}
		slices.Sort(want)
		if got := rowKeys(mustFacts(t, s, FactFilter{})); !slices.Equal(got, want) {
			t.Errorf("stored %d facts, want each of %d once", len(got), len(want))
		}
	})
}

// TestNoDowngrade: a document stored ok stays ok when the same bytes fail
// to read later, or when its file cannot be read at all.
func TestNoDowngrade(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		doc := testDoc("a.txt", "1", "增长3%")
		facts := []extractors.Fact{fact(extractors.KindGrowth, "增长3%", 0, "3")}
		first := mustSave(t, s, doc, facts)

		failed := *doc
		failed.Status, failed.Error, failed.Pages = source.StatusFailed, "deadline exceeded", nil
		res := mustSave(t, s, &failed, nil)
		if !res.Kept || res.DocumentID != first.DocumentID {
			t.Errorf("saving the same bytes failed: %+v, want the ok document kept", res)
		}
		// Facts the schema rejects are saved as failed by the pipeline:
		// that is the same case.
		if _, err := s.SaveDocument(ctx, doc, []extractors.Fact{fact("rumour", "传闻", 0, "")}); !errors.Is(err, ErrRejected) {
			t.Errorf("rejected facts: err = %v, want ErrRejected", err)
		}
		// Elsewhere, the same bytes failing record the path, not the failure.
		elsewhere := failed
		elsewhere.Path = "copy/a.txt"
		if res := mustSave(t, s, &elsewhere, nil); !res.Kept {
			t.Errorf("the same bytes failing at another path: %+v, want kept", res)
		}
		unread := &source.Document{Path: "a.txt", SHA256: UnreadSHA("a.txt"), Status: source.StatusFailed,
			Error: "cannot read file: permission denied"}
		if res := mustSave(t, s, unread, nil); !res.Kept {
			t.Errorf("an unreadable file at the ok document's path: %+v, want kept", res)
		}
		got, ok, err := s.Lookup(ctx, doc.SHA256)
		if err != nil || !ok || got.Status != string(source.StatusOK) || got.Facts != 1 || got.Error != "" {
			t.Errorf("after failures: %+v, %v, %v; want ok with its fact", got, ok, err)
		}
		if _, ok, _ := s.Lookup(ctx, unread.SHA256); ok {
			t.Errorf("the unreadable file was stored over the ok document")
		}
		if paths := pathsOf(t, s); !slices.Equal(paths, []string{"a.txt", "copy/a.txt"}) {
			t.Errorf("paths = %v, want both", paths)
		}

		// A failed document is replaced by a good read, and an unreadable
		// file replaces a failed one.
		bad := testDoc("b.txt", "1")
		bad.Status, bad.Error = source.StatusFailed, "broken"
		mustSave(t, s, bad, nil)
		good := *bad
		good.Status, good.Error, good.Pages = source.StatusOK, "", []string{"5家"}
		if res := mustSave(t, s, &good, []extractors.Fact{fact(extractors.KindCount, "5家", 0, "5")}); res.Kept || !res.Replaced {
			t.Errorf("ok over failed: %+v, want replaced", res)
		}
		mustSave(t, s, &source.Document{Path: "c.txt", SHA256: testDoc("c.txt", "1").SHA256, Status: source.StatusFailed, Error: "x"}, nil)
		if res := mustSave(t, s, &source.Document{Path: "c.txt", SHA256: UnreadSHA("c.txt"), Status: source.StatusFailed, Error: "gone"}, nil); res.Kept {
			t.Errorf("unreadable over failed: %+v, want saved", res)
		}
	})
}

func pathsOf(t *testing.T, s *Store) []string {
	t.Helper()
	ps, err := s.Paths(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.Path)
	}
	return out
}

// TestSameBytesManyPaths: the same bytes under several paths are one
// document with each path recorded; a path whose file changes moves to
// its new document, and a document no path names any more is gone.
func TestSameBytesManyPaths(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		a := testDoc("a.txt", "1", "5家")
		first := mustSave(t, s, a, []extractors.Fact{fact(extractors.KindCount, "5家", 0, "5")})

		d, ok, err := s.RecordPath(ctx, a.SHA256, "b.txt")
		if err != nil || !ok || d.ID != first.DocumentID || d.Path != "a.txt" {
			t.Fatalf("RecordPath b.txt = %+v, %v, %v; want a.txt's document", d, ok, err)
		}
		if _, ok, err := s.RecordPath(ctx, "unknown", "c.txt"); ok || err != nil {
			t.Errorf("RecordPath of unknown bytes = %v, %v; want not found", ok, err)
		}
		for _, p := range []string{"a.txt", "b.txt"} {
			if _, found, at, err := s.LookupPath(ctx, a.SHA256, p); err != nil || !found || !at {
				t.Errorf("LookupPath %s = %v, %v, %v; want found there", p, found, at, err)
			}
		}
		if _, found, at, err := s.LookupPath(ctx, a.SHA256, "c.txt"); err != nil || !found || at {
			t.Errorf("LookupPath c.txt = %v, %v, %v; want found, not there", found, at, err)
		}
		if paths := pathsOf(t, s); !slices.Equal(paths, []string{"a.txt", "b.txt"}) {
			t.Errorf("paths = %v, want a.txt and b.txt", paths)
		}

		// a.txt changes: the old bytes stay, named by b.txt.
		a2 := testDoc("a.txt", "2", "6家")
		res := mustSave(t, s, a2, []extractors.Fact{fact(extractors.KindCount, "6家", 0, "6")})
		if res.Replaced {
			t.Errorf("a.txt changed while b.txt keeps its old bytes: %+v, want a new document", res)
		}
		old, ok, err := s.Lookup(ctx, a.SHA256)
		if err != nil || !ok || old.Path != "b.txt" || old.Facts != 1 {
			t.Errorf("the old bytes = %+v, %v, %v; want at b.txt with their fact", old, ok, err)
		}
		docs, err := s.Documents(ctx)
		if err != nil || len(docs) != 2 {
			t.Fatalf("documents = %+v, %v; want 2", docs, err)
		}

		// b.txt now holds a.txt's new bytes: the old bytes are named by
		// no path and go.
		if _, ok, err := s.RecordPath(ctx, a2.SHA256, "b.txt"); err != nil || !ok {
			t.Fatalf("RecordPath: %v, %v", ok, err)
		}
		if _, ok, _ := s.Lookup(ctx, a.SHA256); ok {
			t.Errorf("bytes no path names are still stored")
		}
		var ps []DocumentPath
		if ps, err = s.Paths(ctx); err != nil || len(ps) != 2 || ps[0].DocumentID != res.DocumentID || ps[1].DocumentID != res.DocumentID {
			t.Errorf("paths = %+v, %v; want a.txt and b.txt on document %d", ps, err, res.DocumentID)
		}
		var facts int
		if err := s.db.GetContext(ctx, &facts, `SELECT COUNT(*) FROM facts`); err != nil || facts != 1 {
			t.Errorf("facts table holds %d rows (%v), want the gone document's gone with it", facts, err)
		}
	})
}

// TestPathsMigrated: a database made before paths were recorded gets
// each document's path as its first.
func TestPathsMigrated(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		mustSave(t, s, testDoc("a.txt", "1", "一"), nil)
		mustSave(t, s, testDoc("b.txt", "1", "二"), nil)
		for _, q := range []string{`DROP TABLE claims`, `DROP TABLE document_paths`,
			`DELETE FROM schema_migrations WHERE version = '005_paths_and_claims'`} {
			if _, err := s.db.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		again := openStore(t, dsn)
		if paths := pathsOf(t, again); !slices.Equal(paths, []string{"a.txt", "b.txt"}) {
			t.Errorf("paths after migration = %v, want a.txt and b.txt", paths)
		}
	})
}

// TestZombieIsGone: a process killed and not yet reaped by its parent
// holds no claim.
func TestZombieIsGone(t *testing.T) {
	cmd := exec.Command("sleep", "60")
	if err := cmd.Start(); err != nil {
		t.Skipf("cannot start sleep: %v", err)
	}
	defer cmd.Wait()
	if !processExists(cmd.Process.Pid) {
		t.Fatalf("a running process does not exist")
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for processExists(cmd.Process.Pid) {
		if time.Now().After(deadline) {
			t.Fatalf("pid %d, killed and not reaped, still counts as a live process", cmd.Process.Pid)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
