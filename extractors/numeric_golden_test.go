package extractors

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reportfacts/pipeline/text"
)

var updateNumeric = flag.Bool("update", false, "rewrite the numeric golden files under testdata/numeric/")

// TestNumericGolden runs scanNumeric over whole real documents and compares
// every numeric candidate with the golden file, so that any change in what
// the scanner finds shows up in review. Offsets are left out: they move
// whenever cleaning changes. Run with -update to accept.
func TestNumericGolden(t *testing.T) {
	docs := []struct{ name, path string }{
		{"seed", seedReport},
		{"news_wind_lujiazui_20240816", corpusText},
		{"news_wind_lujiazui_20240831", filepath.Join("..", "..", "shared", "corpus", "news_wind_lujiazui_20240831.txt")},
	}
	for _, d := range docs {
		t.Run(d.name, func(t *testing.T) {
			raw, err := os.ReadFile(d.path)
			if err != nil {
				t.Skipf("%s not available: %v", d.path, err)
			}
			tx := text.New(strings.Split(string(raw), "\f"))
			var b strings.Builder
			for _, c := range scanNumeric(tx.Clean) {
				fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Kind, c.Value, c.Unit,
					c.Qualifier, c.Basis, c.Rule, strings.ReplaceAll(string(tx.Clean[c.cs:c.ce]), "\n", "⏎"))
			}
			golden := filepath.Join("testdata", "numeric", d.name+".golden")
			if *updateNumeric {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatalf("write %s: %v", golden, err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read %s (run with -update to create): %v", golden, err)
			}
			if got := b.String(); got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := 0; i < len(gl) || i < len(wl); i++ {
					var g, w string
					if i < len(gl) {
						g = gl[i]
					}
					if i < len(wl) {
						w = wl[i]
					}
					if g != w {
						t.Fatalf("%s differs from %s at line %d:\n got  %s\n want %s\n(run with -update to accept)", d.name, golden, i+1, g, w)
					}
				}
			}
		})
	}
}
