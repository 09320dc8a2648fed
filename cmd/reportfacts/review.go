package main

import (
	"bytes"
	"fmt"
	"os"
	"os/user"

	"github.com/spf13/cobra"

	"reportfacts/pipeline/audit"
	"reportfacts/pipeline/workbook"
)

func newReviewCommand() *cobra.Command {
	c := &cobra.Command{
		Use:   "review",
		Short: "Bring editors' reviews back into the database",
	}
	c.AddCommand(newReviewImportCommand())
	return c
}

func newReviewImportCommand() *cobra.Command {
	var dsn, reviewer string
	c := &cobra.Command{
		Use:   "import [--db DSN] [--reviewer NAME] FILE.xlsx",
		Short: "Import the review columns of an exported workbook",
		Long: `review import reads the Facts sheet of a workbook written by "reportfacts export"
and an editor filled in: review status (待审 pending, 正确 correct, 错误 wrong,
已更正 corrected), corrected value and note, matched to facts by key.

Only the rows the editor changed are taken: the workbook keeps, in a hidden sheet,
each fact's review as it was exported, and a row still as it was exported is no
review, so a row left at 待审 never undoes a verdict another editor gave since. A
changed row over a review that someone else changed after the export is a
conflict: it is named with who reviewed it, and the editor exports again to
review it over theirs.

It is all or nothing: an unknown key, an unknown status, a corrected value that
does not parse, columns moved or missing, or a conflict stop the import with
every bad row and its reason, and nothing is written. A valid import records
each review with the reviewer and the time, keeping the history.

An audit workbook ("reportfacts audit -o audit.xlsx") is read the same way: a
failed finding marked 已核实 in its 审核 column (a known misprint) is not raised
again by the next audit; set back to 待审, it is.`,
		Example: `  reportfacts review import --reviewer 王编辑 reviewed.xlsx`,
		Args:    usageArgs(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			data, err := os.ReadFile(args[0])
			if err != nil {
				return fmt.Errorf("review import: %w", err)
			}
			st, err := openExisting(c.Context(), "review import", dsn)
			if err != nil {
				return err
			}
			defer st.Close()
			imp := workbook.Import
			if audit.IsAuditWorkbook(data) {
				imp = audit.ImportReviews // an audit workbook: reviews of failed findings
			}
			n, err := imp(c.Context(), bytes.NewReader(data), st, reviewer)
			if err != nil {
				return fmt.Errorf("review import %s: %w", args[0], err)
			}
			fmt.Fprintf(c.OutOrStdout(), "imported %d review(s) from %s as %s\n", n, args[0], reviewer)
			return nil
		},
	}
	addDBFlag(c, &dsn)
	c.Flags().StringVar(&reviewer, "reviewer", defaultReviewer(), "who reviewed (default: the login name)")
	return c
}

func defaultReviewer() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "editor"
}
