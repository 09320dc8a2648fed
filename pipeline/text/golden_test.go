package text

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "write golden files under testdata/")

// seedPath is the project's seed report, relative to this package.
const seedPath = "../../seeds/000_dbf8deccee350033.txt"

func readSeed(tb testing.TB) []string {
	tb.Helper()
	b, err := os.ReadFile(seedPath)
	if err != nil {
		tb.Fatalf("read seed: %v", err)
	}
	return []string{string(b)}
}

// TestGoldenSeed cleans the seed report and compares the result with
// testdata/seed.clean.golden; -update rewrites the golden file.
func TestGoldenSeed(t *testing.T) {
	txt := New(readSeed(t))
	checkMapping(t, txt)
	got := []byte(string(txt.Clean))
	golden := filepath.Join("testdata", "seed.clean.golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatalf("write %s: %v", golden, err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read %s (run with -update to create it): %v", golden, err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("clean seed differs from %s; run go test -run TestGoldenSeed -update and read the diff", golden)
	}
}
