package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"reportfacts/extractors"
	"reportfacts/pipeline/store"
)

// reviewStatuses maps the statuses a user may type to the stored ones.
var reviewStatuses = map[string]string{
	"pending": "pending", "待审": "pending",
	"correct": "correct", "正确": "correct",
	"wrong": "wrong", "错误": "wrong",
	"corrected": "corrected", "已更正": "corrected",
}

// addFilterFlags binds the fact filters shared by facts and export.
func addFilterFlags(c *cobra.Command, f *store.FactFilter) {
	c.Flags().StringVar(&f.Kind, "kind", "", "only facts of this kind ("+strings.Join(factKinds, ", ")+")")
	c.Flags().StringVar(&f.Entity, "entity", "", "only facts whose entity contains this")
	c.Flags().StringVar(&f.Metric, "metric", "", "only facts whose metric contains this")
	c.Flags().StringVar(&f.Period, "period", "", "only facts of exactly this period (2021, 2024-01..2024-07)")
	c.Flags().StringVar(&f.Document, "document", "", "only facts of documents whose path contains this")
	c.Flags().StringVar(&f.ReviewStatus, "review-status", "", "only facts with this review status: pending, correct, wrong, corrected (or 待审 正确 错误 已更正)")
}

func checkFilter(f *store.FactFilter) error {
	if err := checkKind(f.Kind); err != nil {
		return err
	}
	if f.ReviewStatus == "" {
		return nil
	}
	s, ok := reviewStatuses[f.ReviewStatus]
	if !ok {
		return fmt.Errorf("%w: unknown --review-status %q: use pending, correct, wrong or corrected (or 待审, 正确, 错误, 已更正)", errUsage, f.ReviewStatus)
	}
	f.ReviewStatus = s
	return nil
}

func newFactsCommand() *cobra.Command {
	var (
		dsn    string
		format string
		filter store.FactFilter
	)
	c := &cobra.Command{
		Use:   "facts [--db DSN] [--kind K] [--entity E] [--metric M] [--period P] [--document D] [--format table|jsonl]",
		Short: "List stored facts, filtered",
		Long: `facts lists the facts in the database, filtered by kind, entity, metric, period,
document or review status, as a table or as JSON lines (the fields of FACTS.md plus
document, key, the review, and entity_rule, metric_rule and period_rule: the rules
that chose the entity, metric and period; the table leaves those out).`,
		Example: `  reportfacts facts --kind money --entity 招商银行
  reportfacts facts --period 2021 --format jsonl > facts-2021.jsonl`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			if format != "jsonl" && format != "table" {
				return fmt.Errorf("%w: --format must be table or jsonl, not %q", errUsage, format)
			}
			if err := checkFilter(&filter); err != nil {
				return err
			}
			st, err := openExisting(c.Context(), "facts", dsn)
			if err != nil {
				return err
			}
			defer st.Close()
			out := bufio.NewWriter(c.OutOrStdout())
			defer out.Flush()
			if format == "jsonl" {
				enc := json.NewEncoder(out)
				enc.SetEscapeHTML(false)
				return st.EachFact(c.Context(), filter, func(r store.FactRow) error {
					return enc.Encode(storedFact{Document: store.ShowPath(r.DocumentPath), Key: r.Key, ReviewStatus: r.ReviewStatus,
						CorrectedValue: r.CorrectedValue, ReviewNote: r.ReviewNote, Fact: r.Fact})
				})
			}
			tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "KEY\tDOCUMENT\tPAGE\tKIND\tTEXT\tVALUE\tUNIT\tPERIOD\tENTITY\tMETRIC\tREVIEW")
			err = st.EachFact(c.Context(), filter, func(r store.FactRow) error {
				_, err := fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Key, store.ShowPath(r.DocumentPath), r.Page, r.Kind,
					oneLine(r.Text), r.Value, r.Unit, r.Period, r.Entity, r.Metric, r.ReviewStatus)
				return err
			})
			if err != nil {
				return err
			}
			return tw.Flush()
		},
	}
	addDBFlag(c, &dsn)
	addFilterFlags(c, &filter)
	c.Flags().StringVar(&format, "format", "table", "output format: table or jsonl")
	return c
}

// storedFact is a stored fact as facts prints it.
type storedFact struct {
	Document       string `json:"document"`
	Key            string `json:"key"`
	ReviewStatus   string `json:"review_status"`
	CorrectedValue string `json:"corrected_value,omitempty"`
	ReviewNote     string `json:"review_note,omitempty"`
	extractors.Fact
}
