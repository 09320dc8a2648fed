// Package extractors turns cleaned report text into facts as FACTS.md
// defines them: money, counts, percentages, growth rates, percentage-point
// changes, multiples, dates and periods, each normalised, qualified,
// attributed to an entity, metric and period, and pointing at the exact raw
// characters it came from.
package extractors

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// The kinds of fact.
const (
	KindMoney    = "money"
	KindCount    = "count"
	KindPercent  = "percent"
	KindGrowth   = "growth"
	KindPPChange = "pp_change"
	KindMultiple = "multiple"
	KindDate     = "date"
	KindPeriod   = "period"
)

// The qualifiers of a value.
const (
	QualExact  = "exact"
	QualApprox = "approx"
	QualOver   = "over"
	QualUnder  = "under"
)

// The bases of a growth rate.
const (
	BasisYoY  = "yoy"
	BasisCAGR = "cagr"
	BasisQoQ  = "qoq"
	BasisNone = "none"
)

// Fact is one numeric statement of a report. Its JSON field names are those
// of FACTS.md.
type Fact struct {
	Kind      string `json:"kind"`
	Text      string `json:"text"`
	Start     int    `json:"start"` // code points into the raw text
	End       int    `json:"end"`   // exclusive
	Page      int    `json:"page"`  // 1-based page of Start
	Value     string `json:"value"` // exact decimal, no exponent; empty for dates and periods
	Unit      string `json:"unit"`
	From      string `json:"from"`
	To        string `json:"to"`
	Qualifier string `json:"qualifier"`
	Basis     string `json:"basis"`
	Entity    string `json:"entity"`
	Metric    string `json:"metric"`
	Period    string `json:"period"`
	Sentence  string `json:"sentence"`
	Rule      string `json:"rule"`
	// EntityRule, MetricRule and PeriodRule are the ids of the rules that
	// chose Entity, Metric and Period (entity.subject, metric.label_before,
	// period.table_column; "first+second" where a later rule amended an
	// earlier one's value); empty when the field is.
	EntityRule string `json:"entity_rule"`
	MetricRule string `json:"metric_rule"`
	PeriodRule string `json:"period_rule"`
}

// Key is the fact's stable key: it depends only on the document's bytes and
// on where and what the fact is, so that an editor's review of a fact
// survives re-extraction of the same document.
func Key(documentSHA256 string, f Fact) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s:%d:%d:%s", documentSHA256, f.Start, f.End, f.Kind)))
	return hex.EncodeToString(sum[:8])
}
