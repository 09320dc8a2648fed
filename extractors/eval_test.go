package extractors

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cockroachdb/apd/v3"

	"reportfacts/internal/testenv"
	"reportfacts/pipeline/source"
	"reportfacts/pipeline/text"
)

// annDoc is a document with hand annotations under testdata/annotations/.
// corpus documents are looked up in the shared corpus; the others are paths
// relative to this package.
type annDoc struct {
	name   string // the annotation file is testdata/annotations/<name>.jsonl
	path   string
	corpus bool
	// floor is the figures measured when the annotations were made,
	// truncated to two decimals; raise it as the extractors improve, never
	// lower it.
	floor annFigures
}

// annFigures are the scores of one document or of all of them.
type annFigures struct {
	precision, recall      float64 // kind + value + unit (+ from/to)
	entity, metric, period float64 // accuracy over the correct facts
}

var annDocs = []annDoc{
	// 20240816 and 20240831 lost entity and metric when three rules written
	// for one sentence each (a product model, a country's one-character name
	// before an industry, a verb of gain as metric) were removed: they
	// changed no figure of any other document.
	{name: "news_wind_lujiazui_20240816", path: "news_wind_lujiazui_20240816.txt", corpus: true,
		floor: annFigures{precision: 0.99, recall: 0.99, entity: 0.92, metric: 0.9, period: 0.99}},
	{name: "news_wind_lujiazui_20240831", path: "news_wind_lujiazui_20240831.txt", corpus: true,
		floor: annFigures{precision: 0.99, recall: 0.99, entity: 0.92, metric: 0.9, period: 0.98}},
	{name: "news_wind_lujiazui_20240905", path: "news_wind_lujiazui_20240905.txt", corpus: true,
		floor: annFigures{precision: 0.97, recall: 0.95, entity: 0.95, metric: 0.89, period: 1.0}},
	{name: "news_wind_lujiazui_20240919", path: "news_wind_lujiazui_20240919.txt", corpus: true,
		floor: annFigures{precision: 0.93, recall: 0.89, entity: 0.90, metric: 0.8, period: 0.96}},
	{name: "ar2019_haixiang_pharma_annual_report", path: "ar2019_haixiang_pharma_annual_report.html", corpus: true,
		floor: annFigures{precision: 0.99, recall: 0.98, entity: 0.98, metric: 0.93, period: 0.98}},
	{name: "ar2020_jinyu_bio_annual_report", path: "ar2020_jinyu_bio_annual_report.pdf", corpus: true,
		floor: annFigures{precision: 0.98, recall: 0.96, entity: 0.95, metric: 0.92, period: 1.0}},
	{name: "ar2019_sifang_tech_annual_report", path: "ar2019_sifang_tech_annual_report.pdf", corpus: true,
		floor: annFigures{precision: 0.99, recall: 0.99, entity: 0.99, metric: 0.99, period: 0.99}},
	{name: "ar2016_zhangjiajie_tourism_annual_report_pdf", path: "ar2016_zhangjiajie_tourism_annual_report.pdf", corpus: true,
		floor: annFigures{precision: 0.99, recall: 0.99, entity: 0.99, metric: 0.98, period: 0.99}},
	{name: "ar2019_haixiang_pharma_annual_report_pdf", path: "ar2019_haixiang_pharma_annual_report.pdf", corpus: true,
		floor: annFigures{precision: 0.99, recall: 0.99, entity: 0.99, metric: 0.98, period: 0.99}},
	{name: "ar2020_jinyu_bio_annual_report_tables", path: "ar2020_jinyu_bio_annual_report.pdf", corpus: true,
		floor: annFigures{precision: 0.99, recall: 0.99, entity: 0.99, metric: 0.99, period: 0.99}},
	{name: "seed_000", path: "../seeds/000_dbf8deccee350033.txt",
		floor: annFigures{precision: 0.99, recall: 0.99, entity: 0.96, metric: 0.92, period: 0.96}},
}

// annOverallFloor is today's figures over all the documents present. It
// was lowered from {0.99, 0.99, 0.97, 0.95, 0.99} when the digests of
// 2024-09-05 and 2024-09-19, annotated before any tuning of the extractors
// to them, joined the documents; no other document's floor changed.
var annOverallFloor = annFigures{precision: 0.98, recall: 0.98, entity: 0.96, metric: 0.94, period: 0.99}

// annFact is one line of an annotation file: a fact as FACTS.md names its
// fields, located by its text and which occurrence of that text it is.
type annFact struct {
	Kind       string `json:"kind"`
	Text       string `json:"text"`
	Occurrence int    `json:"occurrence"`
	Value      string `json:"value"`
	Unit       string `json:"unit"`
	From       string `json:"from"`
	To         string `json:"to"`
	Qualifier  string `json:"qualifier"`
	Basis      string `json:"basis"`
	Entity     string `json:"entity"`
	Metric     string `json:"metric"`
	Period     string `json:"period"`

	ScopeStart string `json:"scope_start"`
	ScopeEnd   string `json:"scope_end"`

	line       int // in the annotation file
	start, end int // located in the raw text
}

// annSpan is a stretch [start, end) of the raw text.
type annSpan struct{ start, end int }

// readAnnotations reads an annotation file into its scopes (anchor pairs) and
// its facts.
func readAnnotations(path string) (scopes [][2]string, facts []annFact, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("open annotations: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var a annFact
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&a); err != nil {
			return nil, nil, fmt.Errorf("%s line %d: %w", path, n, err)
		}
		a.line = n
		if a.ScopeStart != "" || a.ScopeEnd != "" {
			scopes = append(scopes, [2]string{a.ScopeStart, a.ScopeEnd})
			continue
		}
		facts = append(facts, a)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	return scopes, facts, nil
}

// runeIndex returns the code-point offset of the n-th (0-based) occurrence
// of needle in hay at or after from, or -1.
func runeIndex(hay, needle []rune, from, n int) int {
	if len(needle) == 0 {
		return -1
	}
	for i := from; i+len(needle) <= len(hay); i++ {
		if hay[i] == needle[0] && string(hay[i:i+len(needle)]) == string(needle) {
			if n == 0 {
				return i
			}
			n--
		}
	}
	return -1
}

// locate resolves the scope anchors and the facts' occurrences into raw
// offsets.
func locate(raw []rune, scopes [][2]string, facts []annFact) ([]annSpan, error) {
	var spans []annSpan
	for _, s := range scopes {
		b := runeIndex(raw, []rune(s[0]), 0, 0)
		if b < 0 {
			return nil, fmt.Errorf("scope start %q not in the text", s[0])
		}
		e := runeIndex(raw, []rune(s[1]), b, 0)
		if e < 0 {
			return nil, fmt.Errorf("scope end %q not after its start %q", s[1], s[0])
		}
		spans = append(spans, annSpan{b, e + len([]rune(s[1]))})
	}
	if len(spans) == 0 {
		spans = []annSpan{{0, len(raw)}}
	}
	for i := range facts {
		a := &facts[i]
		at := runeIndex(raw, []rune(a.Text), 0, a.Occurrence)
		if at < 0 {
			return nil, fmt.Errorf("line %d: occurrence %d of %q not in the text", a.line, a.Occurrence, a.Text)
		}
		a.start, a.end = at, at+len([]rune(a.Text))
		if !inScope(spans, a.start, a.end) {
			return nil, fmt.Errorf("line %d: %q at %d lies outside every scope", a.line, a.Text, at)
		}
	}
	return spans, nil
}

func inScope(spans []annSpan, start, end int) bool {
	for _, s := range spans {
		if start >= s.start && end <= s.end {
			return true
		}
	}
	return false
}

// valueEqual compares two decimal strings numerically: 9.10 equals 9.1,
// since the fact's text keeps how the report wrote it and the value is the
// number. Two empty values are equal.
func valueEqual(a, b string) bool {
	if a == "" || b == "" {
		return a == b
	}
	x, _, err := apd.NewFromString(a)
	if err != nil {
		return false
	}
	y, _, err := apd.NewFromString(b)
	if err != nil {
		return false
	}
	return x.Cmp(y) == 0
}

// sameCore says whether an extracted fact has the annotation's kind, value,
// unit, from and to: what precision and recall count.
func sameCore(a annFact, f Fact) bool {
	return a.Kind == f.Kind && valueEqual(a.Value, f.Value) && a.Unit == f.Unit && a.From == f.From && a.To == f.To
}

// fieldMatches compares an attribution field; the annotation may list
// equally right readings separated by "|", or "*" where it leaves the field
// open (the entity and metric of a bare date or period).
func fieldMatches(want, got string) bool {
	if want == "*" {
		return true
	}
	for _, w := range strings.Split(want, "|") {
		if strings.TrimSpace(w) == strings.TrimSpace(got) {
			return true
		}
	}
	return false
}

// annScore is the outcome of one document.
type annScore struct {
	annotated, extracted, correct int
	entityOK, metricOK, periodOK  int
	issues                        []string
}

func (s annScore) figures() annFigures {
	ratio := func(n, d int) float64 {
		if d == 0 {
			return 1
		}
		return float64(n) / float64(d)
	}
	return annFigures{
		precision: ratio(s.correct, s.extracted),
		recall:    ratio(s.correct, s.annotated),
		entity:    ratio(s.entityOK, s.correct),
		metric:    ratio(s.metricOK, s.correct),
		period:    ratio(s.periodOK, s.correct),
	}
}

func (s *annScore) add(o annScore) {
	s.annotated += o.annotated
	s.extracted += o.extracted
	s.correct += o.correct
	s.entityOK += o.entityOK
	s.metricOK += o.metricOK
	s.periodOK += o.periodOK
}

func describeFact(f Fact) string {
	return fmt.Sprintf("%s %q@%d value=%s unit=%s from=%s to=%s entity=%q metric=%q period=%q rule=%s",
		f.Kind, f.Text, f.Start, f.Value, f.Unit, f.From, f.To, f.Entity, f.Metric, f.Period, f.Rule)
}

func describeAnn(a annFact) string {
	return fmt.Sprintf("%s %q@%d value=%s unit=%s from=%s to=%s entity=%q metric=%q period=%q (line %d)",
		a.Kind, a.Text, a.start, a.Value, a.Unit, a.From, a.To, a.Entity, a.Metric, a.Period, a.line)
}

// score matches the extracted facts in scope to the annotations. A pair
// must overlap in span and agree in kind; among those, one that also agrees
// in value, unit, from and to is preferred. Each fact serves at most one
// annotation.
func score(raw []rune, spans []annSpan, anns []annFact, facts []Fact) annScore {
	var s annScore
	var inside []Fact
	for _, f := range facts {
		if inScope(spans, f.Start, f.End) {
			inside = append(inside, f)
		}
	}
	s.annotated, s.extracted = len(anns), len(inside)
	used := make([]bool, len(inside))
	order := make([]int, len(anns))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return anns[order[i]].start < anns[order[j]].start })

	pick := func(a annFact, core bool) int {
		for j, f := range inside {
			if used[j] || f.Kind != a.Kind || f.Start >= a.end || a.start >= f.End {
				continue
			}
			if !core || sameCore(a, f) {
				return j
			}
		}
		return -1
	}
	matched := make([]int, len(anns))
	for _, i := range order {
		matched[i] = pick(anns[i], true)
		if matched[i] >= 0 {
			used[matched[i]] = true
		}
	}
	for _, i := range order {
		a := anns[i]
		if j := matched[i]; j >= 0 {
			f := inside[j]
			s.correct++
			var wrong []string
			if fieldMatches(a.Entity, f.Entity) {
				s.entityOK++
			} else {
				wrong = append(wrong, fmt.Sprintf("entity %q want %q (%s)", f.Entity, a.Entity, f.EntityRule))
			}
			if fieldMatches(a.Metric, f.Metric) {
				s.metricOK++
			} else {
				wrong = append(wrong, fmt.Sprintf("metric %q want %q", f.Metric, a.Metric))
			}
			if fieldMatches(a.Period, f.Period) {
				s.periodOK++
			} else {
				wrong = append(wrong, fmt.Sprintf("period %q want %q", f.Period, a.Period))
			}
			if len(wrong) > 0 {
				s.issues = append(s.issues, fmt.Sprintf("FIELD %s %q@%d: %s  …%s…", a.Kind, a.Text, a.start, strings.Join(wrong, "; "), snippet(raw, a.start, a.end)))
			}
			continue
		}
		if j := pick(a, false); j >= 0 {
			s.issues = append(s.issues, fmt.Sprintf("WRONG %s\n      got  %s", describeAnn(a), describeFact(inside[j])))
			continue
		}
		s.issues = append(s.issues, fmt.Sprintf("MISS  %s  …%s…", describeAnn(a), snippet(raw, a.start, a.end)))
	}
	for j, f := range inside {
		if !used[j] {
			s.issues = append(s.issues, fmt.Sprintf("FP    %s  …%s…", describeFact(f), snippet(raw, f.Start, f.End)))
		}
	}
	return s
}

// snippet shows a few characters around a span, on one line.
func snippet(raw []rune, start, end int) string {
	b, e := max(start-12, 0), min(end+8, len(raw))
	return strings.NewReplacer("\n", "⏎", "\f", "⏎").Replace(string(raw[b:e]))
}

// evalDocument extracts one annotated document and scores it.
func evalDocument(ctx context.Context, d annDoc, path string) (annScore, error) {
	scopes, anns, err := readAnnotations(filepath.Join("testdata", "annotations", d.name+".jsonl"))
	if err != nil {
		return annScore{}, err
	}
	doc, err := source.Read(ctx, path)
	if err != nil {
		return annScore{}, fmt.Errorf("read %s: %w", path, err)
	}
	txt := text.New(doc.Pages)
	spans, err := locate(txt.Raw, scopes, anns)
	if err != nil {
		return annScore{}, fmt.Errorf("locate annotations of %s: %w", d.name, err)
	}
	facts, err := Extract(ctx, txt, Options{DocumentDate: doc.Date, Tables: doc.Tables})
	if err != nil {
		return annScore{}, fmt.Errorf("extract %s: %w", path, err)
	}
	return score(txt.Raw, spans, anns, facts), nil
}

// TestAnnotations scores the extractors against the hand annotations of
// testdata/annotations/ and fails where a figure falls below its floor.
// With -v it logs the figures and every miss, false positive and wrong
// field.
func TestAnnotations(t *testing.T) {
	ctx := context.Background()
	var total annScore
	var table []string
	row := func(name string, s annScore) string {
		f := s.figures()
		return fmt.Sprintf("%-38s %5d %5d %5d   %.3f  %.3f   %.3f  %.3f  %.3f",
			name, s.annotated, s.extracted, s.correct, f.precision, f.recall, f.entity, f.metric, f.period)
	}
	for _, d := range annDocs {
		t.Run(d.name, func(t *testing.T) {
			path := d.path
			if d.corpus {
				path = testenv.CorpusFile(t, d.path)
			}
			s, err := evalDocument(ctx, d, path)
			if err != nil {
				t.Fatal(err)
			}
			for _, is := range s.issues {
				t.Log(is)
			}
			table = append(table, row(d.name, s))
			checkFloor(t, d.name, s.figures(), d.floor)
			total.add(s)
		})
	}
	if len(table) == 0 {
		t.Skip("no annotated document available")
	}
	t.Logf("\n%-38s %5s %5s %5s   %-5s  %-5s   %-5s  %-5s  %-5s\n%s\n%s",
		"document", "ann", "ext", "ok", "P", "R", "ent", "met", "per",
		strings.Join(table, "\n"), row("overall", total))
	if len(table) == len(annDocs) {
		checkFloor(t, "overall", total.figures(), annOverallFloor)
	}
}

// checkFloor fails where a figure is below its floor, allowing only for
// the rounding of the logged three decimals.
func checkFloor(t *testing.T, name string, got, floor annFigures) {
	t.Helper()
	for _, c := range []struct {
		what      string
		got, want float64
	}{
		{"precision", got.precision, floor.precision},
		{"recall", got.recall, floor.recall},
		{"entity", got.entity, floor.entity},
		{"metric", got.metric, floor.metric},
		{"period", got.period, floor.period},
	} {
		if c.got+5e-4 < c.want {
			t.Errorf("%s: %s %.3f fell below its floor %.3f", name, c.what, c.got, c.want)
		}
	}
}

// TestAnnotationsWellFormed checks what can be checked of the annotations
// without the extractors: known kinds, units and qualifiers, values that
// parse, dates in the FACTS.md forms.
func TestAnnotationsWellFormed(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "annotations", "*.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no annotation files under testdata/annotations")
	}
	kinds := map[string]bool{KindMoney: true, KindCount: true, KindPercent: true, KindGrowth: true,
		KindPPChange: true, KindMultiple: true, KindDate: true, KindPeriod: true}
	quals := map[string]bool{QualExact: true, QualApprox: true, QualOver: true, QualUnder: true}
	for _, file := range files {
		_, anns, err := readAnnotations(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range anns {
			where := fmt.Sprintf("%s line %d (%q)", filepath.Base(file), a.line, a.Text)
			if !kinds[a.Kind] {
				t.Errorf("%s: unknown kind %q", where, a.Kind)
			}
			if a.Qualifier != "" && !quals[a.Qualifier] {
				t.Errorf("%s: unknown qualifier %q", where, a.Qualifier)
			}
			switch a.Kind {
			case KindDate, KindPeriod:
				if a.Value != "" || a.From == "" || a.To == "" || !isPartialDate(a.From) || !isPartialDate(a.To) {
					t.Errorf("%s: a %s needs from and to dates and no value", where, a.Kind)
				}
				if a.Kind == KindDate && a.From != a.To {
					t.Errorf("%s: a date has from == to", where)
				}
			default:
				if _, _, err := apd.NewFromString(a.Value); err != nil {
					t.Errorf("%s: value %q: %v", where, a.Value, err)
				}
			}
			if a.Kind == KindGrowth && a.Basis == "" {
				t.Errorf("%s: a growth needs a basis", where)
			}
			for _, p := range strings.Split(a.Period, "|") {
				if p == "" {
					continue
				}
				for _, part := range strings.Split(p, "..") {
					if !isPartialDate(part) {
						t.Errorf("%s: period %q is not YYYY, YYYY-MM, YYYY-MM-DD or a span of them", where, a.Period)
					}
				}
			}
		}
	}
}

func isPartialDate(s string) bool {
	switch len(s) {
	case 4, 7, 10:
	default:
		return false
	}
	for i, r := range s {
		if i == 4 || i == 7 {
			if r != '-' {
				return false
			}
		} else if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// TestAnnotationScoring checks the scorer itself on a made-up text: which
// pairs count as correct, which as wrong, missed or false, and that values
// compare as numbers.
func TestAnnotationScoring(t *testing.T) {
	raw := []rune("甲公司收入9.10亿元，同比增长9.1%，利润1亿元。乙公司收入1亿元。")
	scopes := [][2]string{{"甲公司", "利润1亿元。"}}
	anns := []annFact{
		{Kind: KindMoney, Text: "9.10亿元", Value: "910000000", Unit: "CNY", Entity: "甲公司", Metric: "收入", Period: "*"},
		{Kind: KindGrowth, Text: "9.1%", Value: "9.10", Unit: "%", Entity: "甲公司|甲", Metric: "收入"},
		{Kind: KindMoney, Text: "1亿元", Value: "100000000", Unit: "CNY", Entity: "甲公司", Metric: "利润"},
	}
	spans, err := locate(raw, scopes, anns)
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string, n int) (int, int) {
		i := runeIndex(raw, []rune(s), 0, n)
		return i, i + len([]rune(s))
	}
	fact := func(kind, text string, n int, value, unit, entity, metric string) Fact {
		s, e := at(text, n)
		return Fact{Kind: kind, Text: text, Start: s, End: e, Value: value, Unit: unit, Entity: entity, Metric: metric}
	}
	facts := []Fact{
		fact(KindMoney, "9.10亿", 0, "910000000.0", "CNY", "甲公司", "收入"), // shorter span, same number
		fact(KindGrowth, "9.1%", 0, "9.1", "%", "甲", "增长"),             // right value, wrong metric
		fact(KindMoney, "1亿元", 0, "100000000", "USD", "甲公司", "利润"),     // wrong unit
		fact(KindCount, "同比", 0, "1", "", "", ""),                      // nothing there
		fact(KindMoney, "1亿元", 1, "100000000", "CNY", "乙公司", "收入"),     // outside the scope
	}
	got := score(raw, spans, anns, facts)
	want := annScore{annotated: 3, extracted: 4, correct: 2, entityOK: 2, metricOK: 1, periodOK: 2}
	got.issues, want.issues = nil, nil
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("score = %+v, want %+v", got, want)
	}
	f := got.figures()
	if f.precision != 0.5 || f.recall != 2.0/3 || f.metric != 0.5 {
		t.Errorf("figures = %+v", f)
	}
	for _, c := range []struct {
		a, b string
		eq   bool
	}{{"9.10", "9.1", true}, {"-0.07", "-0.070", true}, {"1e2", "100", true}, {"9.1", "9.11", false}, {"", "", true}, {"", "0", false}} {
		if valueEqual(c.a, c.b) != c.eq {
			t.Errorf("valueEqual(%q, %q) = %v, want %v", c.a, c.b, !c.eq, c.eq)
		}
	}
}
