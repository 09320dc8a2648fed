package extractors

// Every write of a fact's Entity, Metric or Period goes through the helpers
// below, which set the value and the id of the rule that chose it together
// (EntityRule, MetricRule, PeriodRule), so that a wrong field leads to one
// rule. A rule id names the step in a dotted form: entity.headline,
// metric.label_before, period.table_column. A step that amends a value an
// earlier one chose (appends to it, trims it) records both, the first's id
// then the second's: metric.label_before+metric.change_word. An empty value
// has no rule.

// setEntity sets the fact's entity as rule chose it.
func setEntity(f *Fact, v, rule string) { f.Entity, f.EntityRule = v, ruleOf(v, rule) }

// setMetric sets the fact's metric as rule chose it.
func setMetric(f *Fact, v, rule string) { f.Metric, f.MetricRule = v, ruleOf(v, rule) }

// setPeriod sets the fact's period as rule chose it.
func setPeriod(f *Fact, v, rule string) { f.Period, f.PeriodRule = v, ruleOf(v, rule) }

// amendMetric replaces the fact's metric with v, a change rule made to the
// metric an earlier rule chose. Nothing changes when v is the same.
func amendMetric(f *Fact, v, rule string) {
	if v != f.Metric {
		f.Metric, f.MetricRule = v, amendedRule(v, f.MetricRule, rule)
	}
}

// amendPeriod replaces the fact's period with v, a change rule made to the
// period an earlier rule chose. Nothing changes when v is the same.
func amendPeriod(f *Fact, v, rule string) {
	if v != f.Period {
		f.Period, f.PeriodRule = v, amendedRule(v, f.PeriodRule, rule)
	}
}

// ruleOf is rule for a value, none for no value.
func ruleOf(v, rule string) string {
	if v == "" {
		return ""
	}
	return rule
}

// amendedRule is the rule of a value that rule made of one that first
// chose: "first+rule", or rule alone if there was none before.
func amendedRule(v, first, rule string) string {
	switch {
	case v == "":
		return ""
	case first == "":
		return rule
	}
	return first + "+" + rule
}
