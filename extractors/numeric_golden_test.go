package extractors

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reportfacts/internal/testenv"
	"reportfacts/pipeline/text"
)

// TestNumericGolden runs scanNumeric over whole real documents and compares
// every numeric candidate with the golden file, so that any change in what
// the scanner finds shows up in review. Offsets are left out: they move
// whenever cleaning changes. Run with -update to accept.
func TestNumericGolden(t *testing.T) {
	docs := []struct {
		name, path string
		corpus     bool
	}{
		{"seed", seedReport, false},
		{"news_wind_lujiazui_20240816", "news_wind_lujiazui_20240816.txt", true},
		{"news_wind_lujiazui_20240831", "news_wind_lujiazui_20240831.txt", true},
	}
	for _, d := range docs {
		t.Run(d.name, func(t *testing.T) {
			path := d.path
			if d.corpus {
				path = testenv.CorpusFile(t, d.path)
			}
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read %s: %v", path, err)
			}
			tx := text.New(strings.Split(string(raw), "\f"))
			var b strings.Builder
			for _, c := range scanNumeric(tx.Clean) {
				fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Kind, c.Value, c.Unit,
					c.Qualifier, c.Basis, c.Rule, strings.ReplaceAll(string(tx.Clean[c.cs:c.ce]), "\n", "⏎"))
			}
			checkGolden(t, filepath.Join("testdata", "numeric", d.name+".golden"), []byte(b.String()))
		})
	}
}
