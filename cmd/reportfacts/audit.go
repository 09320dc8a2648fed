package main

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"reportfacts/pipeline/audit"
)

func newAuditCommand() *cobra.Command {
	var (
		dsn      string
		format   string
		output   string
		opts     audit.Options
		failures bool
	)
	c := &cobra.Command{
		Use:   "audit [--db DSN] [--format table|jsonl] [-o audit.xlsx]",
		Short: "Check stored facts against their sources and against each other",
		Long: `audit checks every stored fact: that its text is the source text at its offsets
and the source file still has the bytes that were read (provenance), that
extracting its span again gives the same kind, value and unit (value), and that
figures which must agree do, within the rounding of the figures as printed: a
total and its parts, shares of one whole, a growth rate and the two values it
relates, a percentage-point change and its two shares (arithmetic). Tables are
checked on their rows and columns: totals, shares, change columns, gross margins,
quarters against the year, the balance sheet, statements against the key data.
Passed checks are reported too, so an editor sees what was verified; a group whose
parts are not all stated is reported as incomplete, not failed.

The workbook (-o) has one sheet of findings, the failed first, with links to each
document and page. An editor marks a failed finding 已核实 in its 审核 column (a
known misprint) and imports it with "reportfacts review import": the next audit
reports it as reviewed, not failed.

Exit status: 0 when no check failed (reviewed ones aside), 4 when some did.`,
		Example: `  reportfacts audit
  reportfacts audit --failed --format jsonl > findings.jsonl
  reportfacts audit -o audit.xlsx`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			if format != "jsonl" && format != "table" {
				return fmt.Errorf("%w: --format must be table or jsonl, not %q", errUsage, format)
			}
			if output != "" {
				if err := checkWorkbookPath("-o", output); err != nil {
					return err
				}
			}
			for _, check := range opts.Checks {
				if !slices.Contains(audit.AllChecks, check) {
					return fmt.Errorf("%w: unknown --check %q: use one of %s", errUsage, check, strings.Join(audit.AllChecks, ", "))
				}
			}
			st, err := openExisting(c.Context(), "audit", dsn)
			if err != nil {
				return err
			}
			defer st.Close()
			report, err := audit.Run(c.Context(), st, opts)
			if err != nil {
				return err
			}
			if output != "" {
				if err := writeAtomically(output, func(f *os.File) error { return audit.WriteWorkbook(f, report) }); err != nil {
					return err
				}
			}
			shown := report
			if failures {
				shown = report.OnlyFailed()
			}
			out := bufio.NewWriter(c.OutOrStdout())
			if format == "jsonl" {
				err = audit.WriteJSONL(out, shown)
			} else {
				err = audit.WriteTable(out, shown)
			}
			if err != nil {
				return err
			}
			if err := out.Flush(); err != nil {
				return err
			}
			if n := len(report.Failed()); n > 0 {
				return &exitError{code: exitAuditFailed, msg: fmt.Sprintf("%d check(s) failed", n)}
			}
			return nil
		},
	}
	addDBFlag(c, &dsn)
	c.Flags().StringVar(&format, "format", "table", "output format: table or jsonl")
	c.Flags().StringVarP(&output, "output", "o", "", "also write the findings to this workbook (.xlsx), one sheet with links")
	c.Flags().StringSliceVar(&opts.Checks, "check", nil, "run only these checks (default all): "+fmt.Sprint(audit.AllChecks))
	c.Flags().StringVar(&opts.Document, "document", "", "only documents whose path contains this")
	c.Flags().BoolVar(&failures, "failed", false, "print only failed checks")
	return c
}
