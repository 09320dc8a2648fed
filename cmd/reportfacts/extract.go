package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"reportfacts/extractors"
	"reportfacts/pipeline"
	"reportfacts/pipeline/source"
	"reportfacts/pipeline/text"
)

func newExtractCommand() *cobra.Command {
	var (
		format  string
		timeout time.Duration
	)
	c := &cobra.Command{
		Use:   "extract [--format jsonl|table] FILE...|-",
		Short: "Print the facts of files, without a database",
		Long: `extract reads the given files (or standard input, as text, when the file is "-")
and prints their facts. jsonl writes one JSON object per fact with the field
names of FACTS.md plus "document" (the path); start and end are code-point
offsets into the text that "reportfacts text" prints for the same file.

A file that cannot be read, or that takes longer than --doc-timeout, is
reported and the others are read; the exit status is then 3.`,
		Example: `  reportfacts extract seeds/000_dbf8deccee350033.txt
  echo '2021年营业收入1554.17亿元，同比增长10.77%。' | reportfacts extract --format table -`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			if format != "jsonl" && format != "table" {
				return fmt.Errorf("%w: --format must be jsonl or table, not %q", errUsage, format)
			}
			budget, err := docBudget(timeout)
			if err != nil {
				return err
			}
			out := bufio.NewWriter(c.OutOrStdout())
			defer out.Flush()
			var tw *tabwriter.Writer
			if format == "table" {
				tw = tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "DOCUMENT\tPAGE\tKIND\tTEXT\tVALUE\tUNIT\tFROM\tTO\tQUALIFIER\tBASIS\tENTITY\tMETRIC\tPERIOD\tRULE")
			}
			enc := json.NewEncoder(out)
			enc.SetEscapeHTML(false)
			failed := 0
			for _, name := range args {
				doc, err := readArg(c.Context(), c.InOrStdin(), name, budget)
				if err != nil {
					return err
				}
				if doc.Status != source.StatusOK {
					fmt.Fprintf(c.ErrOrStderr(), "reportfacts: %s: %s: %s\n", showPath(name), doc.Status, doc.Error)
					failed++
					continue
				}
				facts, err := budget.Extract(c.Context(), doc)
				if err != nil {
					if c.Context().Err() != nil {
						return err
					}
					fmt.Fprintf(c.ErrOrStderr(), "reportfacts: %s: failed: %v\n", showPath(name), err)
					failed++
					continue
				}
				for _, f := range facts {
					if tw != nil {
						fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", showPath(name), f.Page, f.Kind,
							oneLine(f.Text), f.Value, f.Unit, f.From, f.To, f.Qualifier, f.Basis, f.Entity, f.Metric, f.Period, f.Rule)
						continue
					}
					if err := enc.Encode(jsonFact{Document: showPath(name), Fact: f}); err != nil {
						return fmt.Errorf("write facts of %s: %w", showPath(name), err)
					}
				}
			}
			if tw != nil {
				if err := tw.Flush(); err != nil {
					return err
				}
			}
			if failed > 0 {
				return &exitError{code: exitDocumentFailed, msg: fmt.Sprintf("%d of %d file(s) could not be read or extracted", failed, len(args))}
			}
			return nil
		},
	}
	c.Flags().StringVar(&format, "format", "jsonl", "output format: jsonl or table")
	addDocTimeoutFlag(c, &timeout)
	return c
}

// jsonFact is a fact as extract and facts print it.
type jsonFact struct {
	Document string `json:"document"`
	extractors.Fact
}

func oneLine(s string) string {
	return strings.NewReplacer("\n", "⏎", "\f", "⏎", "\t", " ").Replace(s)
}

// readArg reads a file argument, or standard input as text for "-",
// within budget: a file that cannot be read or is over the budget comes
// back as a failed Document with the reason.
func readArg(ctx context.Context, stdin io.Reader, name string, budget pipeline.Budget) (*source.Document, error) {
	if name != "-" {
		return budget.Read(ctx, name)
	}
	data, err := io.ReadAll(io.LimitReader(stdin, pipeline.DefaultMaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read standard input: %w", err)
	}
	if len(data) > pipeline.DefaultMaxBytes {
		return &source.Document{Path: name, Status: source.StatusFailed,
			Error: fmt.Sprintf("standard input is longer than the %s one document may have", source.Bytes(pipeline.DefaultMaxBytes))}, nil
	}
	return source.ReadBytes(ctx, "", data)
}

func newTextCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "text FILE|-",
		Short: "Print a document's extracted raw text, pages joined by form feeds",
		Long: `text prints the raw text that reportfacts extracts from a file, pages joined by
a form feed (\f). The offsets of "extract" and of the database count code points
into exactly this text.`,
		Example: `  reportfacts text report.pdf | less`,
		Args:    usageArgs(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			doc, err := readArg(c.Context(), c.InOrStdin(), args[0], pipeline.Budget{})
			if err != nil {
				return err
			}
			if doc.Status != source.StatusOK {
				return &exitError{code: exitDocumentFailed, msg: fmt.Sprintf("%s: %s: %s", showPath(args[0]), doc.Status, doc.Error)}
			}
			w := bufio.NewWriter(c.OutOrStdout())
			if _, err := w.WriteString(strings.Join(doc.Pages, string(text.PageBreak))); err != nil {
				return err
			}
			return w.Flush()
		},
	}
}
