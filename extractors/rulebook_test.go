package extractors

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"reportfacts/pipeline/table"
	"reportfacts/pipeline/text"
)

// rulebookUncovered lists the rule ids the code can produce that have no
// rulebook record yet, each with why; the team shrinks it.
const rulebookUncovered = "testdata/rulebook_uncovered.txt"

// TestRulebook runs every example of every rule: a positive one must give
// a fact of the text with the expected fields, the rule recorded where the
// rule's field says; a negative one must not record the rule for a fact of
// the text (any fact, if it names none). Failing examples, the known
// misfires, are run and reported, not failed.
func TestRulebook(t *testing.T) {
	recs, err := Rulebook()
	if err != nil {
		t.Fatal(err)
	}
	var failing []string
	for _, r := range recs {
		t.Run(r.ID, func(t *testing.T) {
			for _, ex := range r.Positive {
				if msg := runRuleExample(r, ex); msg != "" {
					t.Errorf("%s:%d: %s (%s): %s", ex.File, ex.Line, ex.Text, ex.From, msg)
				}
			}
			for _, ex := range r.Negative {
				for _, f := range extractExample(t, ex) {
					if (ex.Text == "" || f.Text == ex.Text) && ruleIn(fieldRule(f, r.Field), r.ID) {
						t.Errorf("%s:%d: %s (%s): must not fire, fired on %s", ex.File, ex.Line, r.ID, ex.From, rulebookFact(f))
					}
				}
			}
			for _, ex := range r.Failing {
				if msg := runRuleExample(r, ex); msg != "" {
					failing = append(failing, fmt.Sprintf("%s:%d: %s %q: %s [%s]", ex.File, ex.Line, r.ID, ex.Text, msg, ex.Note))
				} else {
					t.Logf("%s:%d: known failing example of %s now passes: make it a positive one", ex.File, ex.Line, r.ID)
				}
			}
		})
	}
	if len(failing) > 0 {
		t.Logf("%d known failing examples (misfires recorded with !, not fixed here):\n%s", len(failing), strings.Join(failing, "\n"))
	}
}

// runRuleExample runs a positive (or failing) example, saying what is
// wrong, or "" if it holds.
func runRuleExample(r RuleRecord, ex RuleExample) string {
	facts, err := extractRuleExample(ex)
	if err != nil {
		return err.Error()
	}
	var seen []string
	for _, f := range facts {
		if f.Text != ex.Text {
			continue
		}
		miss := ""
		if !ruleIn(fieldRule(f, r.Field), r.ID) {
			miss = fmt.Sprintf("%s rule %q", r.Field, fieldRule(f, r.Field))
		}
		for _, w := range ex.Want {
			if got := factField(f, w.Key); got != w.Value {
				miss += fmt.Sprintf(" %s=%q want %q", w.Key, got, w.Value)
			}
		}
		if miss == "" {
			return ""
		}
		seen = append(seen, strings.TrimSpace(miss)+" on "+rulebookFact(f))
	}
	if len(seen) == 0 {
		var all []string
		for _, f := range facts {
			all = append(all, f.Text)
		}
		return fmt.Sprintf("no fact of that text; facts: %q", all)
	}
	return strings.Join(seen, "; ")
}

func extractExample(t *testing.T, ex RuleExample) []Fact {
	t.Helper()
	facts, err := extractRuleExample(ex)
	if err != nil {
		t.Fatalf("%s:%d: %v", ex.File, ex.Line, err)
	}
	return facts
}

// extractRuleExample extracts an example's document, its table, if any,
// laid out after its text as the readers lay tables out: each row on a
// line, its cells separated by tabs. A cell written "2>text" spans two
// grid columns.
func extractRuleExample(ex RuleExample) ([]Fact, error) {
	opts := Options{DocumentDate: ex.Date}
	doc := ex.Doc
	if len(ex.Rows) > 0 {
		var b strings.Builder
		n := 0
		write := func(s string) {
			b.WriteString(s)
			n += utf8.RuneCountInString(s)
		}
		write(doc + "\n\n")
		tb := table.Table{Page: 1, Ruled: true}
		for _, l := range ex.Context {
			tb.Context = append(tb.Context, table.Line{Text: l, Start: n, End: n + utf8.RuneCountInString(l)})
			write(l + "\n")
		}
		write("\n")
		for _, cells := range ex.Rows {
			row := table.Row{Page: 1}
			col := 0
			for i, c := range cells {
				if i > 0 {
					write("\t")
				}
				span := 1
				if len(c) > 2 && c[1] == '>' && c[0] >= '1' && c[0] <= '9' {
					span, c = int(c[0]-'0'), c[2:]
				}
				if c != "" {
					row.Cells = append(row.Cells, table.Cell{Text: c, Start: n, End: n + utf8.RuneCountInString(c), Col: col, ColSpan: span, RowSpan: 1})
				}
				write(c)
				col += span
			}
			tb.Cols = max(tb.Cols, col)
			tb.Rows = append(tb.Rows, row)
			write("\n")
		}
		write("\n表后的说明。")
		doc = b.String()
		opts.Tables = []table.Table{tb}
	}
	return Extract(context.Background(), text.New([]string{doc}), opts)
}

// fieldRule is the rule id a fact records in field.
func fieldRule(f Fact, field string) string {
	switch field {
	case RuleFieldEntity:
		return f.EntityRule
	case RuleFieldMetric:
		return f.MetricRule
	case RuleFieldPeriod:
		return f.PeriodRule
	}
	return f.Rule
}

// ruleIn says whether id is one of the steps of a recorded rule, which is
// "first+second" where a later rule amended an earlier one's value.
func ruleIn(recorded, id string) bool {
	for _, r := range strings.Split(recorded, "+") {
		if r == id {
			return true
		}
	}
	return false
}

// factField is a fact's field by its rulebook key.
func factField(f Fact, key string) string {
	switch key {
	case "kind":
		return f.Kind
	case "value":
		return f.Value
	case "unit":
		return f.Unit
	case "from":
		return f.From
	case "to":
		return f.To
	case "qualifier":
		return f.Qualifier
	case "basis":
		return f.Basis
	case "entity":
		return f.Entity
	case "metric":
		return f.Metric
	case "period":
		return f.Period
	case "rule":
		return f.Rule
	case "entity_rule":
		return f.EntityRule
	case "metric_rule":
		return f.MetricRule
	case "period_rule":
		return f.PeriodRule
	}
	return "?" + key
}

func rulebookFact(f Fact) string {
	return fmt.Sprintf("{%s %s value=%s unit=%s %s..%s rule=%s entity=%s[%s] metric=%s[%s] period=%s[%s]}",
		f.Text, f.Kind, f.Value, f.Unit, f.From, f.To, f.Rule, f.Entity, f.EntityRule, f.Metric, f.MetricRule, f.Period, f.PeriodRule)
}

// ruleIDLiteral is a string literal that names a rule id in the source.
var ruleIDLiteral = regexp.MustCompile(`"((?:entity|metric|period|date|growth|money|count|percent|pp|multiple|table)\.[a-z0-9_]+)"`)

// codeRuleIDs collects the rule ids written in the package's source: every
// string literal of the form kind.step outside the tests.
func codeRuleIDs(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			code, _, _ := strings.Cut(line, "// ")
			for _, m := range ruleIDLiteral.FindAllStringSubmatch(code, -1) {
				if _, ok := ids[m[1]]; !ok {
					ids[m[1]] = fmt.Sprintf("%s:%d", name, i+1)
				}
			}
		}
	}
	return ids
}

// readUncovered reads the list of ids with no record yet: "id  reason".
func readUncovered(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open(rulebookUncovered)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, reason, _ := strings.Cut(line, " ")
		if reason = strings.TrimSpace(reason); reason == "" {
			t.Errorf("%s:%d: %s is listed without a reason", rulebookUncovered, n, id)
		}
		if _, dup := out[id]; dup {
			t.Errorf("%s:%d: %s listed twice", rulebookUncovered, n, id)
		}
		out[id] = reason
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRulebookCovers checks that every rule id the code can produce has a
// record with at least two positive examples from two kinds of document,
// or is listed, with a reason, as not covered yet; and that neither the
// rulebook nor the list names an id the code no longer has.
func TestRulebookCovers(t *testing.T) {
	recs, err := Rulebook()
	if err != nil {
		t.Fatal(err)
	}
	code := codeRuleIDs(t)
	uncovered := readUncovered(t)
	byID := map[string]RuleRecord{}
	for _, r := range recs {
		byID[r.ID] = r
		if _, ok := code[r.ID]; !ok {
			t.Errorf("%s:%d: rule %s is not in the code", r.File, r.Line, r.ID)
		}
	}
	ids := make([]string, 0, len(code))
	for id := range code {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	covered := 0
	for _, id := range ids {
		r, recorded := byID[id]
		froms := map[string]bool{}
		for _, ex := range r.Positive {
			froms[ex.From] = true
		}
		ok := recorded && len(r.Positive) >= 2 && len(froms) >= 2
		_, listed := uncovered[id]
		switch {
		case ok && listed:
			t.Errorf("%s is covered by %s:%d: take it off %s", id, r.File, r.Line, rulebookUncovered)
		case ok:
			covered++
		case listed:
		case recorded:
			t.Errorf("%s:%d: rule %s has %d positive examples from %d kinds of document, want 2 from 2", r.File, r.Line, id, len(r.Positive), len(froms))
		default:
			t.Errorf("rule %s (%s) has no rulebook record and is not listed in %s", id, code[id], rulebookUncovered)
		}
	}
	for id := range uncovered {
		if _, ok := code[id]; !ok {
			t.Errorf("%s lists %s, which the code does not produce", rulebookUncovered, id)
		}
	}
	t.Logf("rulebook: %d of %d rule ids covered, %d listed as not covered yet", covered, len(ids), len(uncovered))
}

func TestParseRulebookErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"field: rule", "x.txt:1: "},
		{"[growth.verb]\nfield: rule\n", "x.txt:1: rule growth.verb has no does: line"},
		{"[growth.verb]\nfield: kind\n", "x.txt:2: field \"kind\""},
		{"[entity.x]\nfield: metric\n", "x.txt:2: rule entity.x is recorded in metric"},
		{"[Growth]\n", "x.txt:1: bad rule id"},
		{"[a.b]\nfield: rule\ndoes: d\n+ digest | 文 | \n", "x.txt:4: a positive or failing example names"},
		{"[a.b]\nfield: rule\ndoes: d\n+ digest | 文 | 5% | colour=red\n", "x.txt:4: unknown expected field"},
		{"[a.b]\nfield: rule\ndoes: d\n+ digest | 文\n", "x.txt:4: an example is"},
		{"[a.b]\nfield: rule\ndoes: d\n  row: a ; b\n", "x.txt:4: continuation"},
	} {
		_, err := ParseRulebook("x.txt", tc.in)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q…", tc.in, err, tc.want)
		}
	}
	recs, err := ParseRulebook("x.txt", "# c\n[a.b]\nfield: rule\ndoes: d\n+ digest | 文\\n字 | 5% | kind=percent date=2024 | n\n  ctx: 单位：元\n  row: 项目 ; 2>2019年\n- table | 文 | \n")
	if err != nil {
		t.Fatal(err)
	}
	ex := recs[0].Positive[0]
	if ex.Doc != "文\n字" || ex.Date != "2024" || ex.Note != "n" || len(ex.Rows) != 1 || ex.Rows[0][1] != "2>2019年" || ex.Line != 5 || len(recs[0].Negative) != 1 {
		t.Errorf("parsed %+v", recs[0])
	}
}
