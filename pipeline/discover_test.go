package pipeline

import (
	"context"
	"crypto/rand"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"reportfacts/pipeline/source"
)

// hostileFolder makes a folder of what a batch meets besides reports, and
// returns it with what discovery should make of each path in it: "file"
// (read, whatever comes of it) or the words of a skip's reason.
func hostileFolder(t *testing.T) (dir string, want map[string]string) {
	t.Helper()
	dir = t.TempDir()
	want = map[string]string{}
	file := func(name string, data []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		want[name] = "file"
	}
	link := func(name, target, what string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
		want[name] = what
	}
	random := func() []byte {
		b := make([]byte, 4096)
		if _, err := rand.Read(b); err != nil {
			t.Fatal(err)
		}
		return b
	}
	report := []byte("2021年营业收入1554.17亿元，同比增长10.77%。\n")
	file("empty.txt", nil)
	file("truncated.txt", []byte("2021年营业收入1554.17亿元，同比增"[:40]))
	file("random.pdf", random())
	file("random.txt", random())
	file("huge.txt", []byte(hugeLine(1<<20)))
	file("report.txt", report)
	file("same bytes.txt", report)
	file("odd name \x01 & *?.txt", report)
	file("名字 with spaces.md", report)
	file("gbk_\xc4\xea\xb1\xa8.txt", report) // 年报 in GBK: not UTF-8
	file(strings.Repeat("长", 80)+".txt", report)
	file("no extension", []byte("营业收入1554.17亿元"))
	file(".hidden.txt", report)
	want[".hidden.txt"] = "hidden"
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	want["fifo.txt"] = "file"
	if l, err := net.Listen("unix", filepath.Join(dir, "socket.txt")); err == nil {
		t.Cleanup(func() { l.Close() })
		want["socket.txt"] = "file"
	}
	link("valid link.txt", "report.txt", "file")
	link("dangling.txt", "nowhere.txt", "file")
	link("loop_a.txt", "loop_b.txt", "file")
	link("loop_b.txt", "loop_a.txt", "file")
	if err := os.MkdirAll(filepath.Join(dir, "sub", "deeper"), 0o755); err != nil {
		t.Fatal(err)
	}
	want["sub"] = "folder"
	want["sub/deeper"] = "folder"
	if err := os.WriteFile(filepath.Join(dir, "sub", "deeper", "copy.txt"), report, 0o644); err != nil {
		t.Fatal(err)
	}
	want["sub/deeper/copy.txt"] = "file"
	link("sub/up", "..", "read already")         // a loop back to the folder given
	link("sub link", "sub", "read already")      // the same folder twice
	link("sub/deeper/self", ".", "read already") // a folder that holds itself
	if err := os.Mkdir(filepath.Join(dir, "empty folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	want["empty folder"] = "folder"
	return dir, want
}

// TestDiscoverHostileFolder checks that every path of a hostile folder is
// listed as a file or a skip, once, with names kept byte for byte, and
// that a path given that does not exist is a problem that stops nothing.
func TestDiscoverHostileFolder(t *testing.T) {
	dir, want := hostileFolder(t)
	missing := filepath.Join(dir, "missing.txt")
	d := DiscoverPaths([]string{dir, missing, filepath.Join(dir, "report.txt")})
	got := map[string]string{}
	for _, f := range d.Files {
		rel, err := filepath.Rel(dir, f)
		if err != nil {
			t.Fatal(err)
		}
		if _, dup := got[rel]; dup {
			t.Errorf("%q listed twice", rel)
		}
		got[rel] = "file"
	}
	for _, s := range d.Skipped {
		if s.Path == missing {
			if !s.Problem || !strings.Contains(s.Reason, "no such file") {
				t.Errorf("missing path: %+v, want a problem saying it does not exist", s)
			}
			continue
		}
		rel, err := filepath.Rel(dir, s.Path)
		if err != nil {
			t.Fatal(err)
		}
		got[rel] = s.Reason
		if s.Problem {
			t.Errorf("%q: a problem (%s), want none", rel, s.Reason)
		}
	}
	for name, w := range want {
		g, ok := got[name]
		switch {
		case w == "folder":
			if ok {
				t.Errorf("folder %q listed as %q, want it walked", name, g)
			}
		case !ok:
			t.Errorf("%q: not listed, want %s", name, w)
		case w == "file" && g != "file", w != "file" && !strings.Contains(g, w):
			t.Errorf("%q: %q, want %q", name, g, w)
		}
		delete(got, name)
	}
	for name, g := range got {
		t.Errorf("%q listed as %q, not made by the test", name, g)
	}
	if d.Problems() != 1 {
		t.Errorf("%d problems, want 1 (the missing path)", d.Problems())
	}
	if !slices.IsSorted(d.Files) {
		t.Error("files are not sorted")
	}
}

// TestIngestHostileFolder ingests a hostile folder and a missing path:
// the run ends (nothing waits on the FIFO), every file gets a result and
// a stored document, each failure with its reason, the missing path is
// reported, and the report beside them all is read.
func TestIngestHostileFolder(t *testing.T) {
	dir, _ := hostileFolder(t)
	warmSegmenter(t)
	missing := filepath.Join(dir, "missing.txt")
	st := openStore(t)
	type ran struct {
		sum Summary
		err error
	}
	done := make(chan ran, 1)
	go func() {
		sum, err := Run(context.Background(), Config{Store: st, Workers: 2}, []string{dir, missing})
		done <- ran{sum, err}
	}()
	var r ran
	select {
	case r = <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("the run over a hostile folder did not end in two minutes")
	}
	if r.err != nil {
		t.Fatalf("run: %v", r.err)
	}
	found := DiscoverPaths([]string{dir})
	if len(r.sum.Results) != len(found.Files) || r.sum.Total != len(found.Files) {
		t.Fatalf("%d results of %d files (%d discovered)", len(r.sum.Results), r.sum.Total, len(found.Files))
	}
	results := map[string]Result{}
	for _, res := range r.sum.Results {
		results[res.Path] = res
		if res.Outcome == OutcomeError {
			t.Errorf("%q: not stored: %s", res.Path, res.Error)
		}
		if res.Status == "" {
			t.Errorf("%q: no status", res.Path)
		}
	}
	for _, f := range found.Files {
		if _, ok := results[f]; !ok {
			t.Errorf("%q: no result", f)
		}
	}
	for name, want := range map[string]string{
		"fifo.txt":      "not a regular file: FIFO",
		"dangling.txt":  "no such file",
		"loop_a.txt":    "too many levels of symbolic links",
		"empty.txt":     "empty file",
		"random.pdf":    "not a PDF",
		"random.txt":    "binary content",
		"no extension":  "no file extension",
		"socket.txt":    "not a regular file: socket",
		"truncated.txt": "", // read, up to its last whole character
		"report.txt":    "",
		"huge.txt":      "",
	} {
		res, ok := results[filepath.Join(dir, name)]
		if !ok {
			if name != "socket.txt" { // where no socket could be made
				t.Errorf("%s: no result", name)
			}
			continue
		}
		if want == "" && res.Status != source.StatusOK || want != "" && !strings.Contains(res.Error, want) {
			t.Errorf("%s: %s %q, want %q", name, res.Status, res.Error, want)
		}
	}
	gbk := filepath.Join(dir, "gbk_\xc4\xea\xb1\xa8.txt")
	if _, ok := results[gbk]; !ok {
		t.Errorf("the file with a name that is not UTF-8 has no result under its exact name")
	}
	problems := 0
	for _, s := range r.sum.Skipped {
		if s.Problem {
			problems++
			if s.Path != missing {
				t.Errorf("skipped %q as a problem (%s)", s.Path, s.Reason)
			}
		}
	}
	if problems != 1 {
		t.Errorf("%d problems among the skipped, want 1: the missing path", problems)
	}
	// The store keeps a name that is not UTF-8 byte for byte, so that
	// the stored path still names the file.
	paths, err := st.Paths(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	exact := false
	for _, p := range paths {
		exact = exact || p.Path == gbk
	}
	if !exact {
		t.Errorf("the store does not keep the name %q byte for byte", gbk)
	}
}
