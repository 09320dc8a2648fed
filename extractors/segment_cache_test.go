package extractors

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/go-ego/gse"

	"reportfacts/internal/cachedir"
)

// builtSegmenter builds the segmenter without the cache, once per test
// binary (it takes over a second).
var builtSegmenter = sync1(func() (*gse.Segmenter, error) {
	lx, err := readLexicon()
	if err != nil {
		return nil, err
	}
	return newSegmenter(lx)
})

func sync1[T any](f func() (T, error)) func(testing.TB) T {
	var (
		done bool
		v    T
		err  error
	)
	return func(tb testing.TB) T {
		tb.Helper()
		if !done {
			v, err = f()
			done = true
		}
		if err != nil {
			tb.Fatal(err)
		}
		return v
	}
}

// fakeModules gives the test binary, which records no module versions,
// versions of gse and cedar to key the cache on.
func fakeModules(tb testing.TB) {
	tb.Cleanup(cachedir.SetModules([]*debug.Module{
		{Path: "github.com/go-ego/gse", Version: "v0.0.0-test"},
		{Path: "github.com/vcaesar/cedar", Version: "v0.0.0-test"},
	}))
}

// sameSegmenter checks two segmenters alike: their encodings (every field
// the cache holds) and everything else but the dictionary, more cheaply
// than reflect.DeepEqual of the whole.
func sameSegmenter(tb testing.TB, a, b *gse.Segmenter) {
	tb.Helper()
	ea, err := encodeSegmenter(a)
	if err != nil {
		tb.Fatal(err)
	}
	eb, err := encodeSegmenter(b)
	if err != nil {
		tb.Fatal(err)
	}
	if !bytes.Equal(ea, eb) {
		tb.Error("the segmenters' dictionaries differ")
	}
	for _, s := range []*gse.Segmenter{a, b} {
		for i := range s.Dict.Tokens {
			if s.Dict.Tokens[i].Segments() != nil {
				tb.Fatalf("word %d keeps its search segments", i)
			}
		}
	}
	sa, sb := *a, *b
	sa.Dict, sb.Dict = nil, nil
	if !reflect.DeepEqual(sa, sb) {
		tb.Errorf("the segmenters differ: %+v and %+v", sa, sb)
	}
}

// TestSegmenterCacheExact: the dictionary read back from its cached form
// is the dictionary built, field by field, and cuts text the same way.
func TestSegmenterCacheExact(t *testing.T) {
	built := builtSegmenter(t)
	data, err := encodeSegmenter(built)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := decodeSegmenter(data)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("cached form: %d MiB, %d words", len(data)>>20, len(loaded.Dict.Tokens))
	if !reflect.DeepEqual(built, loaded) {
		t.Fatal("the segmenter read from the cache differs from the one built")
	}
	for _, text := range []string{
		"14家银行金融科技资金投入合计超过1500亿",
		"公司2019年实现营业收入15.54亿元，同比增长10.77%，归属于上市公司股东的净利润为2.1亿元。",
		"德国季调后失业率5.0%，工行、建行ETF规模上升",
	} {
		a, err := segment(built, text)
		if err != nil {
			t.Fatal(err)
		}
		b, err := segment(loaded, text)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: built %v, cached %v", text, a, b)
		}
	}
	// A second encoding of what was read is byte for byte the first.
	again, err := encodeSegmenter(loaded)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, again) {
		t.Error("encoding the cached segmenter again gives other bytes")
	}
}

// TestSegmenterCacheDamaged: damaged entries are errors, never panics or
// a wrong dictionary.
func TestSegmenterCacheDamaged(t *testing.T) {
	data, err := encodeSegmenter(builtSegmenter(t))
	if err != nil {
		t.Fatal(err)
	}
	head := segHead
	resum := func(b []byte) []byte {
		binary.LittleEndian.PutUint32(b[len(segMagic):], crc32.Checksum(b[head:], segCRC))
		return b
	}
	cases := map[string][]byte{
		"empty":     nil,
		"magic":     []byte("reportfacts gse\n"),
		"truncated": data[:len(data)/2],
		"flipped": func() []byte {
			b := bytes.Clone(data)
			b[len(b)/3] ^= 0x40
			return b
		}(),
		// Checksummed but wrong: counts past the end, and a part of speech
		// out of its table.
		"huge count": resum(func() []byte {
			b := bytes.Clone(data)
			for i := head + 16; i < head+24; i++ {
				b[i] = 0xff
			}
			return b
		}()),
		"cut, checksummed":  resum(bytes.Clone(data[:len(data)-100])),
		"tail, checksummed": resum(append(bytes.Clone(data), 1, 2, 3)),
	}
	for name, b := range cases {
		if s, err := decodeSegmenter(b); err == nil || s != nil {
			t.Errorf("%s: read without error", name)
		}
	}
}

// TestSegmenterCacheFile: the first load builds and writes the entry, the
// second reads it; a damaged entry is reported once and replaced; caches
// turned off build without writing anything.
func TestSegmenterCacheFile(t *testing.T) {
	var warnings bytes.Buffer
	defer cachedir.SetWarnings(&warnings)()
	root := t.TempDir()
	t.Setenv(cachedir.Env, root)
	fakeModules(t)
	lx, err := readLexicon()
	if err != nil {
		t.Fatal(err)
	}
	path, err := segCachePath(lx)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(path) != filepath.Join(root, segCacheName) {
		t.Errorf("entry %s outside %s", path, filepath.Join(root, segCacheName))
	}
	built := builtSegmenter(t)

	first, err := cachedSegmenter(lx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the first load wrote no entry: %v", err)
	}
	second, err := cachedSegmenter(lx)
	if err != nil {
		t.Fatal(err)
	}
	sameSegmenter(t, first, built)
	sameSegmenter(t, second, built)
	if warnings.Len() > 0 {
		t.Errorf("a good cache warned: %s", warnings.String())
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)-10] ^= 1
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		s, err := cachedSegmenter(lx)
		if err != nil {
			t.Fatal(err)
		}
		sameSegmenter(t, s, built)
	}
	if got := warnings.String(); strings.Count(got, "\n") != 1 || !strings.Contains(got, "checksum") {
		t.Errorf("a damaged entry should be reported once, got %q", got)
	}
	if fixed, err := os.ReadFile(path); err != nil || bytes.Equal(fixed, data) {
		t.Errorf("the damaged entry was not replaced (%v)", err)
	}

	warnings.Reset()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	t.Setenv(cachedir.Env, cachedir.Off)
	if _, err := cachedSegmenter(lx); err != nil {
		t.Fatal(err)
	}
	if warnings.Len() > 0 {
		t.Errorf("caches off warned: %s", warnings.String())
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("caches off wrote the entry")
	}
}

// BenchmarkSegmenterLoad measures getting the segmenter ready in a new
// process: "build" from gse's dictionary and the lexicon, "cached" from the
// entry the first build wrote.
func BenchmarkSegmenterLoad(b *testing.B) {
	lx, err := readLexicon()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := newSegmenter(lx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		b.Setenv(cachedir.Env, b.TempDir())
		fakeModules(b)
		if _, err := cachedSegmenter(lx); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := cachedSegmenter(lx); err != nil {
				b.Fatal(err)
			}
		}
	})
}
