package extractors

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reportfacts/internal/testenv"
	"reportfacts/pipeline/source"
	"reportfacts/pipeline/text"
)

// update rewrites the package's golden files (testdata/golden/ and
// testdata/numeric/) instead of comparing with them: run it, then read the
// diff.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// checkGolden compares got with the golden file, or rewrites the file under
// -update, naming the first line that differs.
func checkGolden(t *testing.T, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("read golden %s: %v (run with -update to create it)", file, err)
	}
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Fatalf("%s differs from the extraction at line %d:\n got %s\nwant %s\n(check by hand, then -update)", file, i+1, g, w)
		}
	}
}

// goldenDocs are whole documents whose extraction is kept under
// testdata/golden/, one fact a line. Corpus documents are read from the
// shared corpus beside the repository and skipped where it is absent; their
// goldens keep no sentences, so that the repository holds no copy of a
// document it may not redistribute.
var goldenDocs = []struct {
	name, path string
	corpus     bool
}{
	{"seed_000", "../seeds/000_dbf8deccee350033.txt", false},
	{"news_wind_lujiazui_20240816", "news_wind_lujiazui_20240816.txt", true},
	{"news_wind_lujiazui_20240831", "news_wind_lujiazui_20240831.txt", true},
}

func TestGolden(t *testing.T) {
	for _, g := range goldenDocs {
		t.Run(g.name, func(t *testing.T) {
			path := g.path
			if g.corpus {
				path = testenv.CorpusFile(t, g.path)
			}
			got := extractJSONL(t, path, !g.corpus)
			checkGolden(t, filepath.Join("testdata", "golden", g.name+".jsonl"), got)
		})
	}
}

// extractJSONL reads a document as the command line does and renders its
// facts one JSON object a line, checking on the way that every fact's text
// is the raw text between its offsets; withSentences false leaves out each
// fact's sentence.
func extractJSONL(t testing.TB, path string, withSentences bool) []byte {
	t.Helper()
	ctx := context.Background()
	doc, err := source.Read(ctx, path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	txt := text.New(doc.Pages)
	facts, err := Extract(ctx, txt, Options{DocumentDate: doc.Date})
	if err != nil {
		t.Fatalf("extract %s: %v", path, err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, f := range facts {
		if got := string(txt.Raw[f.Start:f.End]); got != f.Text {
			t.Errorf("fact %q at [%d,%d) has raw text %q", f.Text, f.Start, f.End, got)
		}
		if !withSentences {
			f.Sentence = ""
		}
		if err := enc.Encode(f); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}
