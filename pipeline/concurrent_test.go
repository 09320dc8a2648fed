package pipeline

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"reportfacts/internal/testenv"
	"reportfacts/pipeline/source"
	"reportfacts/pipeline/store"
)

// writeReports writes n small reports of their own bytes, each stating
// three facts a line, and one more file with the bytes of the first under
// another path; it returns the folder and the number of distinct bytes.
func writeReports(t testing.TB, n int) (dir string, distinct int) {
	t.Helper()
	dir = t.TempDir()
	for i := range n {
		body := strings.Repeat(fmt.Sprintf("2021年营业收入%d.17亿元，同比增长10.%02d%%，占总营收比例为2.76%%。\n", 1000+i, i), 3+i%4)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%03d.txt", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	first, err := os.ReadFile(filepath.Join(dir, "r000.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "copy"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "copy", "r000.txt"), first, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, n
}

// factLines lists every stored fact by what it is, not where it was read:
// key (of the bytes), kind, text and value.
func factLines(t testing.TB, st *store.Store) []string {
	t.Helper()
	rows, err := st.Facts(context.Background(), store.FactFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, r := range rows {
		lines = append(lines, strings.Join([]string{r.Key, r.Kind, r.Text, r.Value, r.Unit}, "|"))
	}
	sort.Strings(lines)
	return lines
}

// claimRows counts the claims left in the backend's database.
func claimRows(t testing.TB, b testenv.Backend) int {
	t.Helper()
	db, err := sql.Open(b.Driver, b.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM claims`).Scan(&n); err != nil {
		t.Fatalf("count claims: %v", err)
	}
	return n
}

// checkStored asserts that the store holds every file of dir: each path
// recorded, each of the distinct bytes once as an ok document, the facts
// those bytes give once each (as want lists them), no claim left.
func checkStored(t *testing.T, b testenv.Backend, st *store.Store, dir string, distinct int, want []string) {
	t.Helper()
	ctx := context.Background()
	docs, err := st.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != distinct {
		t.Errorf("%d documents stored, want %d", len(docs), distinct)
	}
	for _, d := range docs {
		if d.Status != string(source.StatusOK) {
			t.Errorf("%s: stored %s (%s), want ok", d.Path, d.Status, d.Error)
		}
	}
	files, err := Discover([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	paths, err := st.Paths(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var recorded []string
	for _, p := range paths {
		recorded = append(recorded, p.Path)
	}
	if !slices.Equal(recorded, files) {
		t.Errorf("paths recorded:\n%v\nwant every file:\n%v", recorded, files)
	}
	if got := factLines(t, st); !slices.Equal(got, want) {
		t.Errorf("%d facts stored, want the %d of one run, each once", len(got), len(want))
	}
	if n := claimRows(t, b); n != 0 {
		t.Errorf("%d claims left after the runs, want 0", n)
	}
}

// reference ingests dir alone into a fresh SQLite store and returns its
// facts: what concurrent runs must store, no more, no less.
func reference(t *testing.T, dir string) []string {
	t.Helper()
	st := openStore(t)
	if _, err := Run(context.Background(), Config{Store: st}, []string{dir}); err != nil {
		t.Fatalf("reference run: %v", err)
	}
	return factLines(t, st)
}

// TestConcurrentIngests runs two and four ingests of one folder at once
// into one database, each with its own connections as separate processes
// have, and checks that nothing is lost or doubled: every document ok
// once, every fact once, no failed row, every path recorded, and each
// document read by one run only. (On PostgreSQL, two runs used to leave
// documents failed with a unique violation on documents.sha256.)
func TestConcurrentIngests(t *testing.T) {
	dir, distinct := writeReports(t, 24)
	want := reference(t, dir)
	files, err := Discover([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, runs := range []int{2, 4} {
		t.Run(fmt.Sprintf("%d runs", runs), func(t *testing.T) {
			testenv.EachBackend(t, func(t *testing.T, b testenv.Backend) {
				sums := make([]Summary, runs)
				errs := make([]error, runs)
				stores := make([]*store.Store, runs)
				for i := range stores {
					stores[i] = openStoreAt(t, b.DSN)
				}
				var wg sync.WaitGroup
				for i := range runs {
					wg.Go(func() {
						sums[i], errs[i] = Run(context.Background(), Config{Store: stores[i], Workers: 2}, []string{dir})
					})
				}
				wg.Wait()
				read := 0
				for i, sum := range sums {
					if errs[i] != nil {
						t.Errorf("run %d: %v", i, errs[i])
					}
					if sum.Failed != 0 || sum.Errors != 0 || sum.OK != len(files) {
						t.Errorf("run %d: %d failed, %d not stored, %d ok of %d", i, sum.Failed, sum.Errors, sum.OK, len(files))
						for _, r := range sum.Results {
							if r.Status != source.StatusOK {
								t.Logf("  %s: %s %s %s", r.Path, r.Outcome, r.Status, r.Error)
							}
						}
					}
					if sum.New+sum.Unchanged+sum.Duplicates != len(files) {
						t.Errorf("run %d: %d new + %d unchanged + %d duplicates, want %d files", i, sum.New, sum.Unchanged, sum.Duplicates, len(files))
					}
					read += sum.New
				}
				if read != distinct {
					t.Errorf("%d runs read %d documents between them, want each of the %d once", runs, read, distinct)
				}
				t.Logf("%d runs, %d files (%d distinct): %d read, 0 lost", runs, len(files), distinct, read)
				checkStored(t, b, stores[0], dir, distinct, want)
			})
		})
	}
}

// TestCrashedClaimsTakenOver leaves claims as runs that crashed would:
// one on another machine whose lease has run out, one on another machine
// whose lease runs for a moment more. The next run takes the first over at
// once and waits for the second, and stores everything.
func TestCrashedClaimsTakenOver(t *testing.T) {
	testenv.EachBackend(t, func(t *testing.T, b testenv.Backend) {
		dir, distinct := writeReports(t, 6)
		want := reference(t, dir)
		st := openStoreAt(t, b.DSN)
		db, err := sql.Open(b.Driver, b.DSN)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		plant := func(file string, expires time.Time) {
			data, err := os.ReadFile(filepath.Join(dir, file))
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(data)
			q := `INSERT INTO claims (sha256, path, owner, host, pid, claimed_ms, expires_ms) VALUES (?, ?, ?, ?, ?, ?, ?)`
			if b.Name == "postgres" {
				q = `INSERT INTO claims (sha256, path, owner, host, pid, claimed_ms, expires_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)`
			}
			_, err = db.Exec(q, hex.EncodeToString(sum[:]), file, "crashed-"+file, "elsewhere#boot", 4242,
				expires.Add(-time.Minute).UnixMilli(), expires.UnixMilli())
			if err != nil {
				t.Fatalf("plant claim: %v", err)
			}
		}
		plant("r001.txt", time.Now().Add(-time.Second))
		plant("r002.txt", time.Now().Add(1500*time.Millisecond))

		start := time.Now()
		sum, err := Run(context.Background(), Config{Store: st, Workers: 2}, []string{dir})
		if err != nil {
			t.Fatalf("run: %v", err)
		}
		elapsed := time.Since(start)
		took := map[string]string{}
		for _, r := range sum.Results {
			if r.TookOver != "" {
				took[filepath.Base(r.Path)] = r.TookOver
			}
		}
		if len(took) != 2 || !strings.Contains(took["r001.txt"], "crashed-r001.txt") || !strings.Contains(took["r002.txt"], "crashed-r002.txt") {
			t.Errorf("claims taken over: %v, want r001.txt's and r002.txt's", took)
		}
		if elapsed < time.Second {
			t.Errorf("run took %s: it cannot have waited out r002.txt's lease of 1.5 s", elapsed)
		}
		if sum.Failed != 0 || sum.New != distinct {
			t.Errorf("run: %d new, %d failed; want %d new, 0 failed", sum.New, sum.Failed, distinct)
		}
		checkStored(t, b, st, dir, distinct, want)
	})
}

// crashDSN and crashDir pass a database and a folder to the child process
// of TestKilledRunTakenOver.
const (
	crashDSN = "REPORTFACTS_TEST_CRASH_DSN"
	crashDir = "REPORTFACTS_TEST_CRASH_DIR"
)

// TestKilledRunChild is the run TestKilledRunTakenOver kills: it stores
// three documents, says so, and stops its writer while its workers go on
// to claim and read more, until it is killed.
func TestKilledRunChild(t *testing.T) {
	dsn := os.Getenv(crashDSN)
	if dsn == "" {
		t.Skip("the child process of TestKilledRunTakenOver")
	}
	st := openStoreAt(t, dsn)
	_, err := Run(context.Background(), Config{Store: st, Workers: 2, ClaimLease: time.Hour, Progress: func(p Progress) {
		if p.Done == 3 {
			fmt.Println("stored 3")
			select {} // until killed
		}
	}}, []string{os.Getenv(crashDir)})
	t.Fatalf("run ended (%v); it was to be killed", err)
}

// TestKilledRunTakenOver kills (SIGKILL) a run part way, while it holds
// claims of documents it has read and not stored, and checks that the next
// run takes those claims over at once, without waiting out their lease of
// an hour (the owner's process is gone from this host), and stores
// everything.
func TestKilledRunTakenOver(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process that loads the segmenter; skipped in -short")
	}
	testenv.EachBackend(t, func(t *testing.T, b testenv.Backend) {
		dir, distinct := writeReports(t, 12)
		want := reference(t, dir)

		child := exec.Command(os.Args[0], "-test.run=^TestKilledRunChild$", "-test.count=1")
		child.Env = append(os.Environ(), crashDSN+"="+b.DSN, crashDir+"="+dir)
		child.Stderr = os.Stderr
		out, err := child.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := child.Start(); err != nil {
			t.Fatal(err)
		}
		ready := make(chan error, 1)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if sc.Text() == "stored 3" {
					ready <- nil
					return
				}
			}
			ready <- fmt.Errorf("child ended before it stored 3 documents: %v", sc.Err())
		}()
		select {
		case err := <-ready:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(2 * time.Minute):
			_ = child.Process.Kill()
			t.Fatal("child stored nothing in 2 minutes")
		}
		// Let its workers claim what they can, then kill it.
		deadline := time.Now().Add(10 * time.Second)
		for claimRows(t, b) == 0 && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(100 * time.Millisecond)
		if err := child.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		_ = child.Wait() // reaped: its pid is gone
		left := claimRows(t, b)
		if left == 0 {
			t.Fatal("the killed run left no claim: nothing to take over")
		}

		st := openStoreAt(t, b.DSN)
		start := time.Now()
		sum, err := Run(context.Background(), Config{Store: st, Workers: 2}, []string{dir})
		if err != nil {
			t.Fatalf("run after the kill: %v", err)
		}
		took := 0
		for _, r := range sum.Results {
			if r.TookOver != "" {
				took++
			}
		}
		if took != left {
			t.Errorf("%d claims taken over, want the %d the killed run left", took, left)
		}
		if elapsed := time.Since(start); elapsed > time.Minute {
			t.Errorf("run after the kill took %s: it waited for the dead run's claims", elapsed)
		}
		if sum.Failed != 0 || sum.Errors != 0 {
			t.Errorf("run after the kill: %d failed, %d not stored", sum.Failed, sum.Errors)
		}
		t.Logf("killed run left %d claims; the next run took them over and stored %d documents (%d unchanged)", left, sum.New, sum.Unchanged)
		checkStored(t, b, st, dir, distinct, want)
	})
}

// TestRerunRetriesFailed: a rerun reads failed documents again (unless
// told to keep them), the summary counts the documents still failed, and a
// file that was fixed is stored ok in place of its failure.
func TestRerunRetriesFailed(t *testing.T) {
	testenv.EachBackend(t, func(t *testing.T, b testenv.Backend) {
		ctx := context.Background()
		dir := t.TempDir()
		good := "截至2022年2月25日，试点场景已超过350万个。"
		write := func(name string, data []byte) {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write("good.txt", []byte(good))
		write("bad.txt", []byte{0x00, 0x01, 0x02, 0x03, 0x00, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a})
		st := openStoreAt(t, b.DSN)
		run := func(cfg Config) Summary {
			t.Helper()
			cfg.Store = st
			sum, err := Run(ctx, cfg, []string{dir})
			if err != nil {
				t.Fatalf("run: %v", err)
			}
			return sum
		}
		type counts struct{ New, Unchanged, Failed int }
		check := func(what string, sum Summary, want counts) {
			t.Helper()
			if got := (counts{sum.New, sum.Unchanged, sum.Failed}); got != want {
				t.Errorf("%s: %+v, want %+v", what, got, want)
			}
		}
		check("first run", run(Config{}), counts{2, 0, 1})
		kept := run(Config{KeepFailed: true})
		check("rerun keeping failed", kept, counts{0, 2, 1})
		for _, r := range kept.Results {
			if filepath.Base(r.Path) == "bad.txt" && (r.Status != source.StatusFailed || r.Error == "") {
				t.Errorf("kept failed document: %+v, want its status and reason", r)
			}
		}
		check("rerun", run(Config{}), counts{1, 1, 1})

		write("bad.txt", []byte(good+"\n2021年营业收入1554.17亿元。"))
		check("rerun after the fix", run(Config{}), counts{1, 1, 0})
		docs, err := st.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != 2 {
			t.Errorf("%d documents after the fix, want 2 (the failure replaced)", len(docs))
		}
		for _, d := range docs {
			if d.Status != string(source.StatusOK) {
				t.Errorf("%s: %s after the fix, want ok", d.Path, d.Status)
			}
		}

		// The same bytes stored failed (a reader since fixed, a deadline
		// met once) are read again too.
		write("later.txt", []byte("2021年营业收入1554.17亿元，同比增长10.77%。"))
		data, err := os.ReadFile(filepath.Join(dir, "later.txt"))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		failed := &source.Document{Path: filepath.Join(dir, "later.txt"), SHA256: hex.EncodeToString(sum[:]),
			Format: "txt", Status: source.StatusFailed, Error: "deadline exceeded"}
		if _, err := st.SaveDocument(ctx, failed, nil); err != nil {
			t.Fatal(err)
		}
		check("rerun keeping failed", run(Config{KeepFailed: true}), counts{0, 3, 1})
		check("rerun", run(Config{}), counts{1, 2, 0})
	})
}

// TestSameBytesEachPath: files with the bytes of another are recorded
// under their own paths (an empty zero.pdf beside an empty empty.txt, a
// copy in a subfolder), and reported as such.
func TestSameBytesEachPath(t *testing.T) {
	testenv.EachBackend(t, func(t *testing.T, b testenv.Backend) {
		ctx := context.Background()
		dir := t.TempDir()
		report := []byte("2021年营业收入1554.17亿元，同比增长10.77%。")
		for name, data := range map[string][]byte{"zero.pdf": nil, "empty.txt": nil, "a.txt": report, "sub/a-copy.txt": report} {
			p := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		st := openStoreAt(t, b.DSN)
		sum, err := Run(ctx, Config{Store: st, Workers: 1}, []string{dir})
		if err != nil {
			t.Fatal(err)
		}
		byName := map[string]Result{}
		for _, r := range sum.Results {
			rel, _ := filepath.Rel(dir, r.Path)
			byName[rel] = r
		}
		if r := byName["sub/a-copy.txt"]; r.Outcome != OutcomeDuplicate || r.DuplicateOf != filepath.Join(dir, "a.txt") || r.Status != source.StatusOK {
			t.Errorf("sub/a-copy.txt: %+v, want a duplicate of a.txt, ok", r)
		}
		if r := byName["zero.pdf"]; r.Outcome != OutcomeDuplicate || r.Status != source.StatusFailed || r.Error == "" {
			t.Errorf("zero.pdf: %+v, want a duplicate of empty.txt, failed with its reason", r)
		}
		if sum.Duplicates != 2 || sum.New != 2 || sum.Failed != 2 {
			t.Errorf("summary: %d new, %d duplicates, %d failed; want 2, 2, 2", sum.New, sum.Duplicates, sum.Failed)
		}
		paths, err := st.Paths(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(paths) != 4 {
			t.Errorf("%d paths recorded, want all 4: %+v", len(paths), paths)
		}
		kept, err := Run(ctx, Config{Store: st, KeepFailed: true}, []string{dir})
		if err != nil {
			t.Fatal(err)
		}
		if kept.Unchanged != 4 || kept.Failed != 2 {
			t.Errorf("rerun keeping failed: %d unchanged, %d failed; want 4 unchanged, the 2 empty files still failed", kept.Unchanged, kept.Failed)
		}
		// Read again, the failed bytes are read once, not once a path.
		again, err := Run(ctx, Config{Store: st, Workers: 1}, []string{dir})
		if err != nil {
			t.Fatal(err)
		}
		if again.New != 1 || again.Unchanged != 3 || again.Failed != 2 {
			t.Errorf("rerun: %d new, %d unchanged, %d failed; want the empty bytes read once, 3 unchanged, 2 failed", again.New, again.Unchanged, again.Failed)
		}
	})
}

// TestConcurrentIngestCorpus runs two ingests of the shared corpus at once
// into one database, as the issue that found the PostgreSQL race did, and
// checks that between them they read each file once and stored every
// document with the status and the facts its reading run reported.
func TestConcurrentIngestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus ingest is slow; skipped in -short")
	}
	dir := corpusDir(t)
	files, err := Discover([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	testenv.EachBackend(t, func(t *testing.T, b testenv.Backend) {
		ctx := context.Background()
		const runs = 2
		sums := make([]Summary, runs)
		errs := make([]error, runs)
		stores := make([]*store.Store, runs)
		for i := range stores {
			stores[i] = openStoreAt(t, b.DSN)
		}
		var wg sync.WaitGroup
		for i := range runs {
			wg.Go(func() { sums[i], errs[i] = Run(ctx, Config{Store: stores[i]}, []string{dir}) })
		}
		wg.Wait()
		read := map[string]Result{}
		for i, sum := range sums {
			if errs[i] != nil {
				t.Errorf("run %d: %v", i, errs[i])
			}
			for _, r := range sum.Results {
				if r.Outcome == OutcomeNew {
					if _, twice := read[r.Path]; twice {
						t.Errorf("%s read by both runs", r.Path)
					}
					read[r.Path] = r
				}
			}
		}
		if len(read) != len(files) {
			t.Errorf("the runs read %d files between them, want each of the %d once", len(read), len(files))
		}
		docs, err := stores[0].Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != len(files) {
			t.Errorf("%d documents stored, want %d", len(docs), len(files))
		}
		facts := 0
		for _, d := range docs {
			r := read[d.Path]
			if d.Status != string(r.Status) || d.Facts != r.Facts {
				t.Errorf("%s: stored %s with %d facts, its run read %s with %d", filepath.Base(d.Path), d.Status, d.Facts, r.Status, r.Facts)
			}
			facts += d.Facts
		}
		if n := claimRows(t, b); n != 0 {
			t.Errorf("%d claims left, want 0", n)
		}
		t.Logf("2 runs of %d corpus files: %d read once each (%d + %d), %d facts stored, 0 lost",
			len(files), len(read), sums[0].New, sums[1].New, facts)
	})
}
