package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"reportfacts/pipeline/store"
)

// buildBinary builds the command into a temporary folder once per test.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "reportfacts")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// signalFolder is a folder with one text that takes seconds to extract
// (a megabyte of figures on one line: its name sorts it first) and a few
// short reports.
func signalFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	const unit = "2021年营业收入1554.17亿元，同比增长10.77%，市场成交额8804.2亿元，"
	files := map[string]string{"a_huge.txt": strings.Repeat(unit, (2<<20)/len(unit))}
	for _, n := range []string{"b", "c", "d"} {
		files[n+"_short.txt"] = n + "公司2021年营业收入15.5亿元，同比增长10.7%。\n"
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// startIngest starts the binary ingesting dir into db and returns it with
// its standard error, once the command has said it started: a signal sent
// before then would find the process still starting up, its handler not
// yet set.
func startIngest(t *testing.T, bin, db, dir string) (*exec.Cmd, *lockedBuffer) {
	t.Helper()
	cmd := exec.Command(bin, "ingest", "--workers", "1", "--db", db, dir)
	stderr := &lockedBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Minute)
	for !strings.Contains(stderr.String(), "ingest: ") {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("ingest did not say it started within a minute; stderr:\n%s", stderr)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return cmd, stderr
}

// lockedBuffer is a buffer the process's output is copied into while the
// test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitExit waits for cmd to end, at most limit, and returns its status and
// how long it took; the test fails if it does not end.
func waitExit(t *testing.T, cmd *exec.Cmd, limit time.Duration) (int, time.Duration) {
	t.Helper()
	start := time.Now()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatalf("wait: %v", err)
		}
		return cmd.ProcessState.ExitCode(), time.Since(start)
	case <-time.After(limit):
		cmd.Process.Kill()
		<-done
		t.Fatalf("the process did not end within %s of the signal", limit)
	}
	return 0, 0
}

// TestSignalStopsIngest sends SIGINT or SIGTERM to an ingest while it
// loads the segmenter's dictionary and while it extracts a long document:
// the process ends within a second with status 130, what it stored is
// whole (each document with all its facts, their spans in its text), and
// the same command run again finishes the job.
func TestSignalStopsIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and ingests a 2 MB text")
	}
	bin := buildBinary(t)
	for _, c := range []struct {
		name  string
		sig   syscall.Signal
		after time.Duration
		again bool // run the command again to the end
	}{
		{"SIGINT while loading", syscall.SIGINT, 300 * time.Millisecond, false},
		{"SIGINT while extracting", syscall.SIGINT, 2500 * time.Millisecond, true},
		{"SIGTERM while extracting", syscall.SIGTERM, 2500 * time.Millisecond, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			sig := c.sig
			dir := signalFolder(t)
			db := filepath.Join(t.TempDir(), "facts.db")
			cmd, stderr := startIngest(t, bin, db, dir)
			time.Sleep(c.after)
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			code, took := waitExit(t, cmd, 10*time.Second)
			t.Logf("%v: exit %d after %s", sig, code, took)
			if took > time.Second {
				t.Errorf("ended %s after %v, want within a second", took, sig)
			}
			if code != exitInterrupted {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitInterrupted, stderr)
			}
			if !strings.Contains(stderr.String(), "stopping") {
				t.Errorf("stderr does not say it is stopping:\n%s", stderr)
			}
			checkStoreWhole(t, db)
			if !c.again {
				return
			}
			cmd, stderr = startIngest(t, bin, db, dir)
			if code, _ := waitExit(t, cmd, 5*time.Minute); code != exitOK {
				t.Errorf("the run again: exit %d, want 0; stderr:\n%s", code, stderr)
			}
			if docs := checkStoreWhole(t, db); docs != 4 {
				t.Errorf("after the run again %d documents stored, want 4", docs)
			}
		})
	}
}

// TestSecondSignalQuits sends SIGINT twice: the second ends the process
// at once, with status 130, and leaves the database readable.
func TestSecondSignalQuits(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	dir := signalFolder(t)
	db := filepath.Join(t.TempDir(), "facts.db")
	cmd, stderr := startIngest(t, bin, db, dir)
	time.Sleep(2500 * time.Millisecond)
	for range 2 {
		if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	code, took := waitExit(t, cmd, 10*time.Second)
	t.Logf("exit %d after %s", code, took)
	if code != exitInterrupted {
		t.Errorf("exit %d, want %d; stderr:\n%s", code, exitInterrupted, stderr)
	}
	checkStoreWhole(t, db)
}

// checkStoreWhole opens the database and checks that every stored ok
// document has facts whose texts are exactly the raw text at their
// offsets. It returns how many documents are stored.
func checkStoreWhole(t *testing.T, db string) int {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatalf("open the store after the signal: %v", err)
	}
	defer st.Close()
	docs, err := st.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		full, err := st.Document(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		raw := []rune(full.Text)
		rows, err := st.Facts(ctx, store.FactFilter{DocumentID: d.ID})
		if err != nil {
			t.Fatal(err)
		}
		if d.Status == "ok" && len(rows) == 0 {
			t.Errorf("%s: stored ok without facts", d.Path)
		}
		for _, f := range rows {
			if f.Start < 0 || f.End > len(raw) || string(raw[f.Start:f.End]) != f.Text {
				t.Errorf("%s: fact %q at %d..%d is not the text there", d.Path, f.Text, f.Start, f.End)
				break
			}
		}
	}
	return len(docs)
}
