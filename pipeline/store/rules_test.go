package store

import (
	"context"
	"testing"

	"reportfacts/extractors"
)

// ruledFact is a fact with the rules of its fields set.
func ruledFact(text string, start int, value string) extractors.Fact {
	f := fact(extractors.KindMoney, text, start, value)
	f.Entity, f.Metric, f.Period = "公司", "营业收入增加", "2021"
	f.EntityRule, f.MetricRule, f.PeriodRule = "entity.report_self", "metric.label_before+metric.change_word", "period.report_year"
	return f
}

// TestFieldRulesStored: the rules of a fact's fields are written and read
// back on both backends.
func TestFieldRulesStored(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		s := openStore(t, dsn)
		want := ruledFact("1554.17亿元", 0, "155417000000")
		mustSave(t, s, testDoc("a.txt", "1", "1554.17亿元"), []extractors.Fact{want})
		rows := mustFacts(t, s, FactFilter{})
		if len(rows) != 1 {
			t.Fatalf("%d facts, want 1", len(rows))
		}
		if got := rows[0]; got.EntityRule != want.EntityRule || got.MetricRule != want.MetricRule || got.PeriodRule != want.PeriodRule {
			t.Errorf("rules read back %q/%q/%q, want %q/%q/%q", got.EntityRule, got.MetricRule, got.PeriodRule,
				want.EntityRule, want.MetricRule, want.PeriodRule)
		}
	})
}

// TestFieldRulesMigrated: a database at the schema before the rules'
// columns (006) migrates, keeps its facts with no rules, and stores the
// rules of facts saved after.
func TestFieldRulesMigrated(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		old := fact(extractors.KindMoney, "5亿元", 0, "500000000")
		old.Entity, old.Metric, old.Period = "公司", "营业收入", "2020"
		mustSave(t, s, testDoc("a.txt", "1", "5亿元"), []extractors.Fact{old})
		// Back to schema 006: the columns and the migration's record gone.
		for _, q := range []string{`ALTER TABLE facts DROP COLUMN entity_rule`, `ALTER TABLE facts DROP COLUMN metric_rule`,
			`ALTER TABLE facts DROP COLUMN period_rule`, `DELETE FROM schema_migrations WHERE version = '007_fact_field_rules'`} {
			if _, err := s.db.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		again := openStore(t, dsn)
		rows := mustFacts(t, again, FactFilter{})
		if len(rows) != 1 {
			t.Fatalf("%d facts after migration, want 1", len(rows))
		}
		if r := rows[0]; r.Entity != "公司" || r.Metric != "营业收入" || r.Period != "2020" || r.Value != "500000000" ||
			r.EntityRule != "" || r.MetricRule != "" || r.PeriodRule != "" {
			t.Errorf("fact after migration = %+v, want its fields kept and no rules", r.Fact)
		}
		mustSave(t, again, testDoc("b.txt", "1", "7亿元"), []extractors.Fact{ruledFact("7亿元", 0, "700000000")})
		rows = mustFacts(t, again, FactFilter{Document: "b.txt"})
		if len(rows) != 1 || rows[0].MetricRule != "metric.label_before+metric.change_word" {
			t.Errorf("facts of b.txt after migration = %+v, want one with its rules", rows)
		}
	})
}
