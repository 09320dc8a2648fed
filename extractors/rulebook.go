package extractors

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// The rulebook is one record per rule id a fact can carry (Rule,
// EntityRule, MetricRule, PeriodRule): what the rule's condition is and
// what it sets, and the made-up examples it was written for, those it must
// read and those it must leave alone. It is data beside the lexicon, not
// code, so that a rule is accountable the way Duckling's rules are to their
// corpus: TestRulebook runs every example through Extract. The format is
// described in lexicon/rules/README.md.
//
//go:embed lexicon/rules/*.txt
var rulebookFS embed.FS

// The fields a rule id is recorded in.
const (
	RuleFieldKind   = "rule"   // Fact.Rule
	RuleFieldEntity = "entity" // Fact.EntityRule
	RuleFieldMetric = "metric" // Fact.MetricRule
	RuleFieldPeriod = "period" // Fact.PeriodRule
)

// RuleRecord is one rule of the rulebook.
type RuleRecord struct {
	ID string
	// Field is where a fact records the id: RuleFieldKind and the others.
	Field string
	// Does is a line on the rule's condition and what it sets.
	Does string
	// Positive are the examples the rule was written for; Negative those
	// where it must not fire; Failing examples of the rule's intent that
	// the engine does not meet yet (known misfires).
	Positive, Negative, Failing []RuleExample
	// File and Line locate the record's header.
	File string
	Line int
}

// RuleExample is one made-up example of a rule.
type RuleExample struct {
	// From says which kind of document the shape comes from: digest,
	// annual report prose, annual report table, research report…
	From string
	// Doc is the document's text; Context and Rows, when there are rows,
	// a table laid out after it.
	Doc     string
	Context []string
	Rows    [][]string
	// Text is the fact's text; in a negative example it may be empty, for
	// "no fact of the document carries the rule".
	Text string
	// Date is the document's date (Options.DocumentDate), if the rule
	// needs one.
	Date string
	// Want are the expected fields of the fact: kind, value, unit, from,
	// to, qualifier, basis, entity, metric, period, in the order written.
	Want []RuleWant
	// Note is why the example is there, or for a failing one what goes
	// wrong.
	Note string
	File string
	Line int
}

// RuleWant is one expected field of an example's fact.
type RuleWant struct{ Key, Value string }

// ruleWantKeys are the fields an example may expect.
var ruleWantKeys = map[string]bool{
	"kind": true, "value": true, "unit": true, "from": true, "to": true, "qualifier": true,
	"basis": true, "entity": true, "metric": true, "period": true, "rule": true,
	"entity_rule": true, "metric_rule": true, "period_rule": true,
}

// Rulebook reads the embedded rulebook, every file of lexicon/rules in
// the order of their names, records in the order written.
func Rulebook() ([]RuleRecord, error) {
	names, err := fs.Glob(rulebookFS, "lexicon/rules/*.txt")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var all []RuleRecord
	seen := map[string]string{}
	for _, n := range names {
		data, err := rulebookFS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		recs, err := ParseRulebook(path.Join("rules", path.Base(n)), string(data))
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			if at, ok := seen[r.ID]; ok {
				return nil, fmt.Errorf("%s:%d: rule %s already recorded at %s", r.File, r.Line, r.ID, at)
			}
			seen[r.ID] = fmt.Sprintf("%s:%d", r.File, r.Line)
		}
		all = append(all, recs...)
	}
	return all, nil
}

// ParseRulebook parses one rulebook file; name is used in errors, which
// read name:line: message.
func ParseRulebook(name, data string) ([]RuleRecord, error) {
	var recs []RuleRecord
	var cur *RuleRecord
	var last *RuleExample // the example continuation lines add to
	errf := func(line int, format string, a ...any) error {
		return fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, a...))
	}
	finish := func() error {
		if cur == nil {
			return nil
		}
		if cur.Field == "" {
			return errf(cur.Line, "rule %s has no field: line", cur.ID)
		}
		if cur.Does == "" {
			return errf(cur.Line, "rule %s has no does: line", cur.ID)
		}
		recs = append(recs, *cur)
		return nil
	}
	for i, raw := range strings.Split(data, "\n") {
		n := i + 1
		line := strings.TrimRight(raw, " \t\r")
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		indented := line[0] == ' ' || line[0] == '\t'
		switch {
		case strings.HasPrefix(line, "["):
			if !strings.HasSuffix(line, "]") {
				return nil, errf(n, "a rule header is [id]: %q", line)
			}
			if err := finish(); err != nil {
				return nil, err
			}
			id := strings.TrimSpace(line[1 : len(line)-1])
			if !validRuleID(id) {
				return nil, errf(n, "bad rule id %q: want kind.step, lower case", id)
			}
			cur, last = &RuleRecord{ID: id, File: name, Line: n}, nil
		case cur == nil:
			return nil, errf(n, "%q before the first [rule] header", trimmed)
		case indented:
			if last == nil {
				return nil, errf(n, "continuation %q with no example before it", trimmed)
			}
			key, val, ok := strings.Cut(trimmed, ":")
			if !ok {
				return nil, errf(n, "continuation %q: want ctx: or row:", trimmed)
			}
			switch val = strings.TrimSpace(val); key {
			case "ctx":
				last.Context = append(last.Context, val)
			case "row":
				cells := strings.Split(val, ";")
				for j := range cells {
					cells[j] = strings.TrimSpace(cells[j])
				}
				last.Rows = append(last.Rows, cells)
			default:
				return nil, errf(n, "unknown continuation %q: want ctx: or row:", key)
			}
		case strings.HasPrefix(line, "field:"):
			f := strings.TrimSpace(strings.TrimPrefix(line, "field:"))
			switch f {
			case RuleFieldKind, RuleFieldEntity, RuleFieldMetric, RuleFieldPeriod:
			default:
				return nil, errf(n, "field %q: want rule, entity, metric or period", f)
			}
			if f != RuleFieldKind && !strings.HasPrefix(cur.ID, f+".") {
				return nil, errf(n, "rule %s is recorded in %s but is not named %s.…", cur.ID, f, f)
			}
			cur.Field = f
		case strings.HasPrefix(line, "does:"):
			cur.Does = strings.TrimSpace(strings.TrimPrefix(line, "does:"))
		case line[0] == '+' || line[0] == '-' || line[0] == '!':
			ex, err := parseRuleExample(line[1:])
			if err != nil {
				return nil, errf(n, "%v", err)
			}
			if ex.Text == "" && line[0] != '-' {
				return nil, errf(n, "a positive or failing example names the fact's text")
			}
			ex.File, ex.Line = name, n
			var list *[]RuleExample
			switch line[0] {
			case '+':
				list = &cur.Positive
			case '-':
				list = &cur.Negative
			default:
				list = &cur.Failing
			}
			*list = append(*list, ex)
			last = &(*list)[len(*list)-1]
		default:
			return nil, errf(n, "unknown line %q", trimmed)
		}
	}
	if err := finish(); err != nil {
		return nil, err
	}
	return recs, nil
}

// parseRuleExample reads "from | doc | text | key=value … | note".
func parseRuleExample(s string) (RuleExample, error) {
	parts := strings.Split(s, "|")
	if len(parts) < 3 || len(parts) > 5 {
		return RuleExample{}, fmt.Errorf("an example is from | document | fact text | key=value … | note, got %d fields", len(parts))
	}
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	ex := RuleExample{From: parts[0], Doc: strings.ReplaceAll(parts[1], `\n`, "\n"), Text: parts[2]}
	if ex.From == "" {
		return ex, fmt.Errorf("an example says which kind of document it is from")
	}
	if ex.Doc == "" {
		return ex, fmt.Errorf("an example has a document text")
	}
	if len(parts) > 3 {
		for _, kv := range strings.Fields(parts[3]) {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				return ex, fmt.Errorf("expected field %q is not key=value", kv)
			}
			if k == "date" {
				ex.Date = v
				continue
			}
			if !ruleWantKeys[k] {
				return ex, fmt.Errorf("unknown expected field %q", k)
			}
			ex.Want = append(ex.Want, RuleWant{k, v})
		}
	}
	if len(parts) > 4 {
		ex.Note = parts[4]
	}
	return ex, nil
}

// validRuleID is a dotted lower-case id: kind.step.
func validRuleID(id string) bool {
	head, tail, ok := strings.Cut(id, ".")
	if !ok || head == "" || tail == "" {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}
