// Package audit owns the checks of stored facts: against their sources
// (each fact's text is the raw text at its offsets, each source file still
// hashes as stored, extracting the text again gives the same values) and
// against each other, within the rounding of the figures as printed: in
// prose, totals and their parts (in one sentence, or linked across
// sentences by a group and its members, 其中 and a narrowed metric: see
// groups.go), shares of one whole, growth rates, multiples and
// percentage-point changes and the figures they relate (arithmetic.go);
// in tables, read on the stored table model, totals, shares, change
// columns, gross margins, quarters, the balance sheet and the statements
// against the key data (tables.go). Findings carry a stable key; an
// editor's review of a failed one (review.go) keeps it from being raised
// again.
package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"

	"reportfacts/pipeline/store"
)

// The checks, as Finding.Check names them.
const (
	CheckProvenance = "provenance" // a fact's text is the raw text at its offsets
	CheckSource     = "source"     // the source file still hashes as stored
	CheckValue      = "value"      // extracting again gives the same kind, value and unit
	CheckTotal      = "total"      // a total and its parts
	CheckShares     = "shares"     // shares of one whole add up to 100%
	CheckGrowth     = "growth"     // a growth rate or multiple and the two values it relates
	CheckPPChange   = "pp_change"  // a percentage-point change and the two shares it relates
	CheckMargin     = "margin"     // a gross margin and the revenue and cost it comes from
	CheckQuarters   = "quarters"   // the four quarters add up to the year
	CheckBalance    = "balance"    // the balance sheet balances
	CheckKeyData    = "key_data"   // the statements' totals are the key-data table's figures
)

// AllChecks lists every check in the order the report shows them.
var AllChecks = []string{CheckProvenance, CheckSource, CheckValue, CheckTotal, CheckShares, CheckGrowth,
	CheckPPChange, CheckMargin, CheckQuarters, CheckBalance, CheckKeyData}

// The outcomes of a finding, as Finding.Status names them.
const (
	StatusPassed     = "passed"     // the figures agree within the rounding of their printing
	StatusFailed     = "failed"     // they do not
	StatusIncomplete = "incomplete" // a group whose parts are not all stated: not checked
	StatusReviewed   = "reviewed"   // failed, and an editor marked it a known misprint
)

// Options select what an audit checks.
type Options struct {
	// Checks names the checks to run (see AllChecks); empty runs all.
	Checks []string
	// Document keeps only documents whose path contains it.
	Document string
	// BaseDir resolves relative document paths for the source check;
	// empty means the working directory.
	BaseDir string
}

// Report is what an audit found.
type Report struct {
	Findings []Finding `json:"findings"`
	// Checked counts what each check examined (facts, documents or
	// groups of figures), so that a clean report still says how much
	// was looked at.
	Checked map[string]int `json:"checked"`
	// Incomplete and Reviewed count, by check, the findings of those
	// statuses, so that a report cut down to its failures still says
	// how many there were.
	Incomplete map[string]int `json:"incomplete,omitempty"`
	Reviewed   map[string]int `json:"reviewed,omitempty"`
	// BaseDir resolves relative document paths for the workbook's links.
	BaseDir string `json:"-"`
}

// OnlyFailed returns the report cut down to its failed findings, with its
// counts.
func (r *Report) OnlyFailed() *Report {
	return &Report{Findings: r.Failed(), Checked: r.Checked, Incomplete: r.Incomplete, Reviewed: r.Reviewed, BaseDir: r.BaseDir}
}

// Failed returns the findings that failed and no editor has marked as
// reviewed.
func (r *Report) Failed() []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.IsFailed() {
			out = append(out, f)
		}
	}
	return out
}

// IsFailed says whether a finding is a failed check an editor has still
// to look at.
func (f Finding) IsFailed() bool {
	return !f.Passed && (f.Status == "" || f.Status == StatusFailed)
}

// status is the finding's outcome, also where Status was left empty.
func (f Finding) status() string {
	switch {
	case f.Status != "":
		return f.Status
	case f.Passed:
		return StatusPassed
	}
	return StatusFailed
}

// Finding is the outcome of one check on one fact, document or group of
// figures. Provenance and value checks report failures only; the others
// report consistent groups too.
type Finding struct {
	// Key names the finding across runs: its check, document and facts
	// (see FindingKey). A review of a failed finding is kept by it.
	Key   string `json:"key,omitempty"`
	Check string `json:"check"`
	// Status is passed, failed, incomplete or reviewed; Passed is true
	// for passed only.
	Status   string   `json:"status,omitempty"`
	Passed   bool     `json:"passed"`
	FactKeys []string `json:"fact_keys,omitempty"`
	Document string   `json:"document"`
	Page     int      `json:"page,omitempty"`
	Sentence string   `json:"sentence,omitempty"`
	Detail   string   `json:"detail"`
	// Expected is what the other figures give, Found what the report
	// prints, each as a number with its unit and the range the rounding
	// of the printing allows.
	Expected string `json:"expected,omitempty"`
	Found    string `json:"found,omitempty"`
	// Figures are the figures the check compared, in the order the
	// detail names them.
	Figures []Figure `json:"figures,omitempty"`
	// Review is the editor's note on a reviewed finding, with who made
	// it.
	Review string `json:"review,omitempty"`
}

// Figure is one figure a finding compared.
type Figure struct {
	Role  string `json:"role"` // total, part, share, from, to, growth, multiple, pp_change, stored, extracted
	Text  string `json:"text"`
	Value string `json:"value"`
	Unit  string `json:"unit,omitempty"`
	Page  int    `json:"page,omitempty"`
	Key   string `json:"key,omitempty"`
	// Label says where a table's figure stands: its row and column.
	Label string `json:"label,omitempty"`
}

// database is what the audit reads; *store.Store has it.
type database interface {
	Documents(ctx context.Context) ([]store.DocumentRow, error)
	Document(ctx context.Context, id int64) (store.DocumentRow, error)
	Facts(ctx context.Context, f store.FactFilter) ([]store.FactRow, error)
	FindingReviews(ctx context.Context) (map[string]store.FindingReview, error)
}

// docFacts is one document with its raw text and its facts by Start.
type docFacts struct {
	Doc   store.DocumentRow
	Raw   []rune
	Facts []store.FactRow
}

// Run audits the documents and facts of st.
func Run(ctx context.Context, st *store.Store, opts Options) (*Report, error) {
	return run(ctx, st, opts)
}

func run(ctx context.Context, db database, opts Options) (*Report, error) {
	want := map[string]bool{}
	for _, c := range opts.Checks {
		if !isCheck(c) {
			return nil, fmt.Errorf("audit: unknown check %q (known: %v)", c, AllChecks)
		}
		want[c] = true
	}
	on := func(c string) bool { return len(want) == 0 || want[c] }

	list, err := db.Documents(ctx)
	if err != nil {
		return nil, fmt.Errorf("audit: list documents: %w", err)
	}
	rep := &Report{Checked: map[string]int{}, BaseDir: opts.BaseDir}
	sums := []string{CheckTotal, CheckShares, CheckGrowth, CheckPPChange, CheckMargin, CheckQuarters, CheckBalance, CheckKeyData}
	var sumsOn []string
	for _, c := range sums {
		if on(c) {
			sumsOn = append(sumsOn, c)
		}
	}
	ar := newArith(sumsOn)
	for _, d := range list {
		if opts.Document != "" && !containsFold(d.Path, opts.Document) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if on(CheckSource) {
			rep.add(CheckSource, checkSource(d, opts.BaseDir))
		}
		if d.Status != "ok" {
			continue
		}
		doc, err := db.Document(ctx, d.ID)
		if err != nil {
			return nil, fmt.Errorf("audit: load document %s: %w", d.Path, err)
		}
		facts, err := db.Facts(ctx, store.FactFilter{DocumentID: d.ID})
		if err != nil {
			return nil, fmt.Errorf("audit: facts of %s: %w", d.Path, err)
		}
		sort.SliceStable(facts, func(i, j int) bool { return facts[i].Start < facts[j].Start })
		df := docFacts{Doc: doc, Raw: []rune(doc.Text), Facts: facts}
		if on(CheckProvenance) {
			rep.add(CheckProvenance, checkProvenance(df)...)
			rep.Checked[CheckProvenance] += len(facts)
		}
		if on(CheckValue) {
			found, err := checkValues(ctx, df)
			if err != nil {
				return nil, err
			}
			rep.add(CheckValue, found...)
			rep.Checked[CheckValue] += len(facts)
		}
		ar.addDoc(df)
	}
	for _, c := range sumsOn {
		found := ar.finish(c)
		rep.Checked[c] += len(found)
		rep.Findings = append(rep.Findings, found...)
	}
	reviews, err := db.FindingReviews(ctx)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	rep.finish(reviews)
	return rep, nil
}

// finish gives every finding its key and status, marks the failed ones
// an editor reviewed, and counts the statuses.
func (r *Report) finish(reviews map[string]store.FindingReview) {
	r.Incomplete, r.Reviewed = map[string]int{}, map[string]int{}
	for i := range r.Findings {
		f := &r.Findings[i]
		f.Key = FindingKey(*f)
		f.Status = f.status()
		if rv, ok := reviews[f.Key]; ok && f.Status == StatusFailed && rv.Status == store.FindingReviewed {
			f.Status = StatusReviewed
			f.Review = describeReview(rv)
		}
		switch f.Status {
		case StatusIncomplete:
			r.Incomplete[f.Check]++
		case StatusReviewed:
			r.Reviewed[f.Check]++
		}
	}
}

// describeReview renders a finding's review for the report: the note,
// who and when.
func describeReview(rv store.FindingReview) string {
	s := "reviewed"
	if rv.Reviewer != "" {
		s += " by " + rv.Reviewer
	}
	if !rv.At.IsZero() {
		s += " on " + rv.At.UTC().Format("2006-01-02")
	}
	if rv.Note != "" {
		s += ": " + rv.Note
	}
	return s
}

// FindingKey names a finding across runs: a hash of its check and its
// facts' keys (which name the document's bytes and the facts' places), or
// of its check and document where it relates no facts.
func FindingKey(f Finding) string {
	h := sha256.New()
	h.Write([]byte(f.Check))
	if len(f.FactKeys) == 0 {
		h.Write([]byte{0})
		h.Write([]byte(f.Document))
	}
	keys := append([]string(nil), f.FactKeys...)
	sort.Strings(keys)
	for _, k := range keys {
		h.Write([]byte{0})
		h.Write([]byte(k))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// add appends findings of check c and counts them as checked, except for
// the per-fact checks, which count facts.
func (r *Report) add(c string, fs ...Finding) {
	if c == CheckSource {
		r.Checked[c] += len(fs)
	}
	r.Findings = append(r.Findings, fs...)
}

func isCheck(c string) bool {
	for _, k := range AllChecks {
		if k == c {
			return true
		}
	}
	return false
}
