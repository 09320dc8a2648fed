package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reportfacts/internal/testenv"
)

// TestIngestCountsStillFailed: the exit status and the summary count the
// documents that are still failed on a rerun, whether they were read
// again (the default) or kept (--retry-failed=false); a file fixed since
// is read again and the run ends 0. A file with the bytes of another is
// recorded under its own path.
func TestIngestCountsStillFailed(t *testing.T) {
	testenv.EachBackend(t, func(t *testing.T, b testenv.Backend) {
		dir := t.TempDir()
		write := func(name, data string) {
			t.Helper()
			if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write("a.txt", sample)
		write("copy.txt", sample)
		write("broken.txt", "\x00\x01\x02\x03\x00\x89PNG\x00\x00\x1a")
		ingest := func(wantCode int, wantSummary string, args ...string) string {
			t.Helper()
			code, out, stderr := runCmd(t, "", append([]string{"ingest", "--db", b.DSN}, append(args, dir)...)...)
			if code != wantCode || !strings.Contains(out, wantSummary) {
				t.Errorf("ingest %s: exit %d, want %d; summary want %q\n%s%s", strings.Join(args, " "), code, wantCode, wantSummary, out, stderr)
			}
			return out + stderr
		}
		out := ingest(3, "3 documents: 2 new, 0 unchanged, 1 same bytes as another path, 1 failed")
		// Workers read the two copies in either order; whichever comes
		// second is the copy.
		if !strings.Contains(out, "same bytes as "+filepath.Join(dir, "a.txt")) && !strings.Contains(out, "same bytes as "+filepath.Join(dir, "copy.txt")) {
			t.Errorf("first run does not say which file has the other's bytes:\n%s", out)
		}
		out = ingest(3, "3 documents: 0 new, 3 unchanged, 1 failed", "--retry-failed=false")
		if !strings.Contains(out, "broken.txt") || !strings.Contains(out, "not read again") {
			t.Errorf("rerun keeping failed does not name the failed file:\n%s", out)
		}
		ingest(3, "3 documents: 1 new, 2 unchanged, 1 failed")

		write("broken.txt", sample+"\n2021年营业收入1554.17亿元。") // fixed
		ingest(0, "3 documents: 1 new, 2 unchanged, 0 failed")
	})
}

// TestIngestClaimTimeoutChecked: a claim timeout that is not positive is
// a usage error.
func TestIngestClaimTimeoutChecked(t *testing.T) {
	code, _, stderr := runCmd(t, "", "ingest", "--db", filepath.Join(t.TempDir(), "x.db"), "--claim-timeout", "0s", ".")
	if code != 2 || !strings.Contains(stderr, "--claim-timeout") {
		t.Errorf("--claim-timeout 0s: exit %d, %q; want a usage error (2)", code, stderr)
	}
}
