package extractors

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLexiconLoads reads the embedded word lists: vocab panics at start
// on a fault in them, so this test names the faults first.
func TestLexiconLoads(t *testing.T) {
	lx, err := readLexicon()
	if err != nil {
		t.Fatalf("lexicon files have faults:\n%v", err)
	}
	if len(lx.units) == 0 || len(lx.changeVerbs.list) == 0 || len(lx.fullName) == 0 {
		t.Fatal("lexicon read empty")
	}
}

// TestLexiconFaults feeds the reader faulty files: each fault is named
// with its file and line, and none stops the others from being found.
func TestLexiconFaults(t *testing.T) {
	fsys := fstest.MapFS{}
	names, err := fs.Glob(lexiconFS, "lexicon/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := fs.ReadFile(lexiconFS, n)
		if err != nil {
			t.Fatal(err)
		}
		fsys[n] = &fstest.MapFile{Data: b}
	}
	fsys["lexicon/units.txt"] = &fstest.MapFile{Data: []byte("# a comment\n件 count whole\n条 counts\n件 count\n折 percent pow=x\n")}
	fsys["lexicon/currencies.txt"] = &fstest.MapFile{Data: []byte("元 CNY after\n卢比 inr after\n$ USD before notbefore=x\n美元 USD sideways\n")}
	fsys["lexicon/basis.txt"] = &fstest.MapFile{Data: []byte("同比 yoy\n环比 mom\n")}
	fsys["lexicon/extra.txt"] = &fstest.MapFile{Data: []byte("词\n")}
	b := fsys["lexicon/cues.txt"].Data
	fsys["lexicon/cues.txt"] = &fstest.MapFile{Data: append(append([]byte{}, b...), "\n[money word]\n钱\n"...)}
	_, err = readLexiconFS(fsys)
	if err == nil {
		t.Fatal("faulty files read without error")
	}
	for _, want := range []string{
		`lexicon/units.txt:3: unknown class "counts"`,
		`lexicon/units.txt:4: 件 is already a unit (units.txt:2)`,
		`lexicon/units.txt:5: pow=x: want a whole number`,
		`lexicon/currencies.txt:2: currency code "inr" is not three capital letters`,
		`lexicon/currencies.txt:3: options are for a word after the number`,
		`lexicon/currencies.txt:4: where is "sideways"`,
		`lexicon/basis.txt:2: 环比: unknown value "mom"`,
		`lexicon/extra.txt: no list reads this file`,
		`unknown section [money word]`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}
