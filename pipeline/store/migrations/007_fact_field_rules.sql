-- The ids of the rules that chose a fact's entity, metric and period
-- (entity.subject, metric.label_before+metric.change_word), so that a wrong
-- field leads to one rule. Facts stored before have none until their
-- document is extracted again.
ALTER TABLE facts ADD COLUMN entity_rule TEXT NOT NULL DEFAULT '';
ALTER TABLE facts ADD COLUMN metric_rule TEXT NOT NULL DEFAULT '';
ALTER TABLE facts ADD COLUMN period_rule TEXT NOT NULL DEFAULT '';
