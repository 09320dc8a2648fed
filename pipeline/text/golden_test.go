package text

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
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

// TestGolden cleans the seed report and the inputs under testdata (pages
// split at '\f') and compares each result with its .clean.golden file;
// -update rewrites the golden files.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string][]string{"seed": readSeed(t)}
	for _, path := range inputs {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("read %s: %v", path, err)
		}
		cases[strings.TrimSuffix(filepath.Base(path), ".txt")] = strings.Split(string(b), "\f")
	}
	for name, pages := range cases {
		t.Run(name, func(t *testing.T) {
			txt := New(pages)
			checkMapping(t, txt)
			got := []byte(string(txt.Clean) + "\n")
			golden := filepath.Join("testdata", name+".clean.golden")
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
				t.Errorf("clean %s differs from %s; run go test -run TestGolden -update and read the diff", name, golden)
			}
		})
	}
}
