package extractors

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// lexiconFS holds every word list of the extractors, kept with the code as
// text files an editor can change without touching Go: see the comments at
// the head of each file for its format.
//
//go:embed lexicon/*.txt
var lexiconFS embed.FS

// lexicon is the parsed word lists, typed for the rules that read them.
type lexicon struct {
	// fullName maps every institution name, full or short, to its full name.
	fullName map[string]string
	// aliases lists each full name's short names.
	aliases map[string][]string
	// region holds countries, regions, cities and markets.
	region map[string]bool
	// metric holds metric words.
	metric map[string]bool
	// group holds kinds of institution (银行, 股份行, 券商).
	group map[string]bool

	// units are the words after a number (units.txt, and the currencies
	// written after it), by first rune, longest first.
	units map[rune][]unitWord
	// wholeUnits and spanUnits are the count units marked whole and span.
	wholeUnits, spanUnits map[string]bool
	// currencyPrefixes are the currencies written before a number.
	currencyPrefixes wordTable
	// qualifierPrefixes and qualifierSuffixes map qualifiers before the
	// number and after the unit to QualOver, QualUnder or QualApprox.
	qualifierPrefixes, qualifierSuffixes wordTable
	// changeVerbs, adjustVerbs, growthNouns and growthNounsAfter map words
	// of change to "+" or "-" (changes.txt).
	changeVerbs, adjustVerbs, adjustNouns, growthNouns, growthNounsAfter wordTable
	// basisCues map words to BasisYoY, BasisQoQ or BasisCAGR.
	basisCues wordTable
	// levelVerbs put a rate at a level (处于2%以上); their values are empty.
	levelVerbs wordTable
	// tableCaptions map the units of a caption 单位: to a power of ten
	// ("0" to "8").
	tableCaptions wordTable
	// The cue lists of cues.txt and tables.txt, one a section.
	moneyWords, priceWords, fxWords, indexWords, shareWords, nameWords [][]rune
	quoteWords, readingWords, indicatorWords, growthRateNouns          [][]rune
	declineNouns, spanBefore, spanAfter, concreteNouns, countingWords  [][]rune
	holdingWords, rowUnits                                             [][]rune
}

// vocab is the lexicon, read once when the program starts. The files are
// part of the binary, so an error in them is a build's error: a test
// (TestLexiconLoads) reads them before any release does.
var vocab = mustReadLexicon()

func mustReadLexicon() *lexicon {
	lx, err := readLexicon()
	if err != nil {
		panic(err)
	}
	return lx
}

// readLexicon parses the embedded word lists.
func readLexicon() (*lexicon, error) {
	return readLexiconFS(lexiconFS)
}

// readLexiconFS parses the word lists of fsys's lexicon folder. Its error
// lists every fault found, each as file:line: what.
func readLexiconFS(fsys fs.FS) (*lexicon, error) {
	r := &lexReader{fsys: fsys, files: map[string]*lexFile{}}
	lx := &lexicon{
		fullName: map[string]string{},
		aliases:  map[string][]string{},
	}
	for _, l := range r.section("institutions.txt", "") {
		full := l.fields[0]
		for i, w := range l.fields {
			if prev, ok := lx.fullName[w]; ok && prev != full {
				r.errorf(l, "%s names both %s and %s", w, prev, full)
			}
			lx.fullName[w] = full
			if i > 0 {
				lx.aliases[full] = append(lx.aliases[full], w)
			}
		}
	}
	lx.region = r.wordSet("regions.txt", "")
	lx.group = r.wordSet("groups.txt", "")
	lx.metric = r.wordSet("metrics.txt", "")
	r.readUnits(lx)

	signs := []string{"+", "-"}
	quals := []string{QualOver, QualUnder, QualApprox}
	lx.qualifierPrefixes = r.table("qualifiers.txt", "before the number", quals)
	lx.qualifierSuffixes = r.table("qualifiers.txt", "after the unit", quals)
	lx.changeVerbs = r.table("changes.txt", "change verbs", signs)
	lx.adjustVerbs = r.table("changes.txt", "adjust verbs", signs)
	lx.adjustNouns = r.table("changes.txt", "adjust nouns after", signs)
	lx.growthNouns = r.table("changes.txt", "growth nouns before", signs)
	lx.growthNounsAfter = r.table("changes.txt", "growth nouns after", signs)
	lx.basisCues = r.table("basis.txt", "", []string{BasisYoY, BasisQoQ, BasisCAGR})
	lx.tableCaptions = r.table("tables.txt", "caption units", []string{"0", "1", "2", "3", "4", "5", "6", "7", "8"})
	lx.rowUnits = r.words("tables.txt", "row units")

	for _, c := range []struct {
		sec string
		to  *[][]rune
	}{
		{"money words", &lx.moneyWords}, {"price words", &lx.priceWords},
		{"exchange-rate words", &lx.fxWords}, {"index words", &lx.indexWords},
		{"share words", &lx.shareWords}, {"name words", &lx.nameWords},
		{"quote words", &lx.quoteWords}, {"reading words", &lx.readingWords},
		{"indicator words", &lx.indicatorWords}, {"growth rate nouns", &lx.growthRateNouns},
		{"decline nouns", &lx.declineNouns}, {"span words before", &lx.spanBefore},
		{"span words after", &lx.spanAfter}, {"concrete nouns", &lx.concreteNouns},
		{"counting words", &lx.countingWords}, {"holding words", &lx.holdingWords},
	} {
		*c.to = r.words("cues.txt", c.sec)
	}
	var level []wordEntry
	for _, w := range r.words("cues.txt", "level verbs") {
		level = append(level, wordEntry{word: w})
	}
	lx.levelVerbs = sortedEntries(level)

	r.unread()
	if len(r.errs) > 0 {
		return nil, errors.Join(r.errs...)
	}
	return lx, nil
}

// unitClasses names the classes of units.txt.
var unitClasses = map[string]unitClass{
	"percent":  unitPercent,
	"permille": unitPermille,
	"pp":       unitPP,
	"bp":       unitBP,
	"times":    unitMultiple,
	"count":    unitCount,
}

// classUnits is the unit each class of units.txt gives its values; a
// count's unit is its word.
var classUnits = map[unitClass]string{
	unitPercent: "%", unitPermille: "%", unitPP: "pp", unitBP: "pp", unitMultiple: "x",
}

// readUnits reads units.txt and currencies.txt into lx.units,
// lx.wholeUnits, lx.spanUnits and lx.currencyPrefixes.
func (r *lexReader) readUnits(lx *lexicon) {
	var after, before []unitWord
	var lines []lexLine // of after, for duplicates
	lx.wholeUnits, lx.spanUnits = map[string]bool{}, map[string]bool{}
	for _, l := range r.section("units.txt", "") {
		if len(l.fields) < 2 {
			r.errorf(l, "want a word and its class")
			continue
		}
		class, ok := unitClasses[l.fields[1]]
		if !ok {
			r.errorf(l, "unknown class %q (want percent, permille, pp, bp, times or count)", l.fields[1])
			continue
		}
		u := unitWord{word: []rune(l.fields[0]), class: class, unit: classUnits[class]}
		if class == unitCount {
			u.unit = l.fields[0]
		}
		for _, opt := range l.fields[2:] {
			switch {
			case opt == "whole" && class == unitCount:
				lx.wholeUnits[u.unit] = true
			case opt == "span" && class == unitCount:
				lx.spanUnits[u.unit] = true
			default:
				r.unitOption(l, &u, opt)
			}
		}
		after, lines = append(after, u), append(lines, l)
	}
	for _, l := range r.section("currencies.txt", "") {
		if len(l.fields) < 3 {
			r.errorf(l, "want a word, its currency code and where it stands (after, before or both)")
			continue
		}
		code := l.fields[1]
		if len(code) != 3 || strings.ToUpper(code) != code || strings.ContainsAny(code, "0123456789") {
			r.errorf(l, "currency code %q is not three capital letters", code)
			continue
		}
		u := unitWord{word: []rune(l.fields[0]), class: unitMoney, unit: code}
		for _, opt := range l.fields[3:] {
			r.unitOption(l, &u, opt)
		}
		switch l.fields[2] {
		case "after":
			after, lines = append(after, u), append(lines, l)
		case "before":
			if u.notBefore != "" || u.pow != 0 || u.tight {
				r.errorf(l, "options are for a word after the number")
			}
			before = append(before, u)
		case "both":
			after, lines = append(after, u), append(lines, l)
			before = append(before, unitWord{word: u.word, class: unitMoney, unit: code})
		default:
			r.errorf(l, "where is %q: want after, before or both", l.fields[2])
		}
	}
	seen := map[string]lexLine{}
	for i, u := range after {
		if prev, ok := seen[string(u.word)]; ok {
			r.errorf(lines[i], "%s is already a unit (%s:%d)", string(u.word), prev.file, prev.n)
			continue
		}
		seen[string(u.word)] = lines[i]
	}
	lx.units = buildUnitIndex(after)
	var prefixes []wordEntry
	for _, u := range before {
		prefixes = append(prefixes, wordEntry{word: u.word, val: u.unit})
	}
	lx.currencyPrefixes = sortedEntries(prefixes)
}

// unitOption sets the option opt (notbefore=, pow=, tight) of u.
func (r *lexReader) unitOption(l lexLine, u *unitWord, opt string) {
	key, val, hasVal := strings.Cut(opt, "=")
	switch {
	case key == "notbefore" && hasVal && val != "":
		u.notBefore = val
	case key == "pow" && hasVal:
		n, err := strconv.Atoi(val)
		if err != nil || n < -8 || n > 8 {
			r.errorf(l, "pow=%s: want a whole number from -8 to 8", val)
		}
		u.pow = n
	case opt == "tight":
		u.tight = true
	default:
		r.errorf(l, "unknown option %q", opt)
	}
}

func buildUnitIndex(words []unitWord) map[rune][]unitWord {
	idx := make(map[rune][]unitWord)
	for _, w := range words {
		idx[w.word[0]] = append(idx[w.word[0]], w)
	}
	for _, ws := range idx {
		sort.SliceStable(ws, func(a, b int) bool { return len(ws[a].word) > len(ws[b].word) })
	}
	return idx
}

// lexFile is one parsed file: its lines by section, "" before the first
// section header.
type lexFile struct {
	sections map[string][]lexLine
	order    []string       // the sections as the file has them
	headers  map[string]int // the line of each section's header
	used     map[string]bool
}

// lexLine is a line of a lexicon file without its comment, cut at blanks.
type lexLine struct {
	file   string
	n      int
	fields []string
}

// lexReader reads the lexicon files and gathers their faults.
type lexReader struct {
	fsys  fs.FS
	files map[string]*lexFile
	errs  []error
}

func (r *lexReader) errorf(l lexLine, format string, args ...any) {
	r.errs = append(r.errs, fmt.Errorf("lexicon/%s:%d: %s", l.file, l.n, fmt.Sprintf(format, args...)))
}

// file reads and parses a lexicon file once. Lines are cut at blanks (tabs
// or spaces); # starts a comment; [name] on a line of its own starts a
// section.
func (r *lexReader) file(name string) *lexFile {
	if f, ok := r.files[name]; ok {
		return f
	}
	f := &lexFile{sections: map[string][]lexLine{}, headers: map[string]int{}, used: map[string]bool{}}
	r.files[name] = f
	b, err := fs.ReadFile(r.fsys, path.Join("lexicon", name))
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("read lexicon: %w", err))
		return f
	}
	if !utf8.Valid(b) {
		r.errs = append(r.errs, fmt.Errorf("lexicon/%s: not UTF-8", name))
		return f
	}
	sec := ""
	for i, text := range strings.Split(string(b), "\n") {
		l := lexLine{file: name, n: i + 1}
		if k := strings.Index(text, "#"); k >= 0 && (k == 0 || text[k-1] == ' ' || text[k-1] == '\t') {
			text = text[:k]
		}
		text = strings.TrimSpace(text)
		if strings.HasPrefix(text, "[") && strings.HasSuffix(text, "]") {
			sec = strings.TrimSpace(text[1 : len(text)-1])
			if _, ok := f.headers[sec]; ok || sec == "" {
				r.errorf(l, "section [%s] again", sec)
			}
			f.headers[sec] = l.n
			f.order = append(f.order, sec)
			continue
		}
		if l.fields = strings.Fields(text); len(l.fields) > 0 {
			f.sections[sec] = append(f.sections[sec], l)
		}
	}
	return f
}

// section returns the lines of a file's section ("" for a file without
// sections). A named section the file lacks is a fault.
func (r *lexReader) section(file, sec string) []lexLine {
	f := r.file(file)
	f.used[sec] = true
	if _, ok := f.headers[sec]; sec != "" && !ok {
		r.errorf(lexLine{file: file, n: 1}, "no section [%s]", sec)
	}
	return f.sections[sec]
}

// words returns the words of a section, any number a line, in their
// order. A word twice is a fault.
func (r *lexReader) words(file, sec string) [][]rune {
	var out [][]rune
	seen := map[string]int{}
	for _, l := range r.section(file, sec) {
		for _, w := range l.fields {
			if n, ok := seen[w]; ok {
				r.errorf(l, "%s is already in the list (line %d)", w, n)
				continue
			}
			seen[w] = l.n
			out = append(out, []rune(w))
		}
	}
	return out
}

// wordSet is words as a set.
func (r *lexReader) wordSet(file, sec string) map[string]bool {
	set := map[string]bool{}
	for _, w := range r.words(file, sec) {
		set[string(w)] = true
	}
	return set
}

// table reads a section of lines word value, value one of values.
func (r *lexReader) table(file, sec string, values []string) wordTable {
	var es []wordEntry
	seen := map[string]int{}
	for _, l := range r.section(file, sec) {
		if len(l.fields) != 2 {
			r.errorf(l, "want a word and its value (one of %s)", strings.Join(values, " "))
			continue
		}
		w, v := l.fields[0], l.fields[1]
		if !slices.Contains(values, v) {
			r.errorf(l, "%s: unknown value %q (want one of %s)", w, v, strings.Join(values, " "))
			continue
		}
		if n, ok := seen[w]; ok {
			r.errorf(l, "%s is already in the list (line %d)", w, n)
			continue
		}
		seen[w] = l.n
		es = append(es, wordEntry{word: []rune(w), val: v})
	}
	return sortedEntries(es)
}

// unread reports the files of the folder and the sections of the files
// that no list reads: a misspelt name would otherwise be ignored.
func (r *lexReader) unread() {
	names, err := fs.Glob(r.fsys, "lexicon/*.txt")
	if err != nil {
		r.errs = append(r.errs, err)
	}
	for _, n := range names {
		if _, ok := r.files[path.Base(n)]; !ok {
			r.errs = append(r.errs, fmt.Errorf("%s: no list reads this file", n))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(r.files)) {
		f := r.files[name]
		for _, sec := range f.order {
			if !f.used[sec] {
				r.errorf(lexLine{file: name, n: f.headers[sec]}, "unknown section [%s]", sec)
			}
		}
		if len(f.sections[""]) > 0 && !f.used[""] {
			r.errorf(f.sections[""][0], "words before the first section")
		}
	}
}
