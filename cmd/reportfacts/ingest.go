package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"reportfacts/pipeline"
	"reportfacts/pipeline/source"
	"reportfacts/pipeline/store"
)

func newIngestCommand() *cobra.Command {
	var (
		dsn     string
		workers int
		force   bool
		quiet   bool
		retry   bool
		lease   time.Duration
	)
	c := &cobra.Command{
		Use:   "ingest [--db DSN] [--workers N] [--force] [--retry-failed=false] PATH...",
		Short: "Read reports into the database, with their facts",
		Long: `ingest reads every file named, and every file under each folder named (recursively,
hidden files skipped), extracts its facts and stores the document and its facts
in one transaction per document.

A file already stored with the same bytes is skipped (use --force to read it
again), unless it is stored as failed: failed documents are read again
(--retry-failed=false leaves them). A file with the same bytes as one stored
under another path is recorded under its own path too, without reading it
again. A file whose bytes changed replaces its earlier facts. Files that cannot
be read are recorded with status failed and the reason; unsupported formats are
recorded as unsupported. A document stored ok is never made failed by a later
read. Ctrl-C stops promptly and leaves no half-written document: run the same
command again to finish.

Any number of ingests may run at once on one database (on one machine or
many): each document is claimed before it is read, a run leaves a document
another is reading to the end and then waits for it, and a claim left by a
run that crashed is taken over when the claim's lease (--claim-timeout) runs
out, or at once when its process is gone from this machine.

Exit status: 0 when every document was read, 3 when some are failed (they are
recorded; files failed in an earlier run and not read again count too), 1 when
the run itself could not go on.`,
		Example: `  reportfacts ingest seeds/
  reportfacts ingest --db postgres://user@localhost/reports --workers 4 reports/2024/`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			if c.Flags().Changed("workers") && workers < 1 {
				return fmt.Errorf("%w: --workers must be at least 1, not %d (leave it out for one per CPU)", errUsage, workers)
			}
			if lease <= 0 {
				return fmt.Errorf("%w: --claim-timeout must be more than 0, not %s", errUsage, lease)
			}
			ctx := c.Context()
			st, err := store.Open(ctx, dsn)
			if err != nil {
				return err
			}
			defer st.Close()

			stderr := c.ErrOrStderr()
			prog := newProgress(stderr, quiet)
			cfg := pipeline.Config{Store: st, Workers: workers, Force: force, KeepFailed: !retry,
				ClaimLease: lease, Progress: prog.update}
			sum, runErr := pipeline.Run(ctx, cfg, args)
			prog.finish()
			if sum.Total > 0 || runErr == nil {
				printSummary(c.OutOrStdout(), sum)
			}
			if runErr != nil {
				return runErr
			}
			if sum.Failed > 0 {
				return &exitError{code: exitDocumentFailed, msg: fmt.Sprintf("%d document(s) failed; their reasons are recorded (reportfacts export shows them)", sum.Failed)}
			}
			return nil
		},
	}
	addDBFlag(c, &dsn)
	c.Flags().IntVar(&workers, "workers", 0, "documents read at once, 1 or more (default: one per CPU)")
	c.Flags().BoolVar(&force, "force", false, "read again documents already stored with the same bytes")
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress output")
	c.Flags().BoolVar(&retry, "retry-failed", true, "read again documents stored as failed")
	c.Flags().DurationVar(&lease, "claim-timeout", store.DefaultLease,
		"how long another run waits for a document this run was reading if this run dies")
	return c
}

// progress shows a bar on a terminal and one log line per document
// otherwise.
type progress struct {
	w     io.Writer
	quiet bool
	bar   *progressbar.ProgressBar
	start time.Time
}

func newProgress(w io.Writer, quiet bool) *progress {
	p := &progress{w: w, quiet: quiet, start: time.Now()}
	if f, ok := w.(*os.File); ok && !quiet && term.IsTerminal(int(f.Fd())) {
		p.bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("ingest"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetItsString("docs"),
			progressbar.OptionShowIts(),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond),
		)
	}
	return p
}

func (p *progress) update(pr pipeline.Progress) {
	if p.quiet {
		return
	}
	if p.bar != nil {
		p.bar.ChangeMax(pr.Total)
		p.bar.Describe(fmt.Sprintf("ingest: %d facts", pr.Facts))
		_ = p.bar.Set(pr.Done)
		return
	}
	r := pr.Result
	line := fmt.Sprintf("[%d/%d] %s: %s", pr.Done, pr.Total, r.Path, describe(r))
	fmt.Fprintln(p.w, line)
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}

func describe(r pipeline.Result) string {
	switch r.Outcome {
	case pipeline.OutcomeUnchanged, pipeline.OutcomeDuplicate:
		s := "unchanged"
		if r.Outcome == pipeline.OutcomeDuplicate {
			s = "same bytes as " + r.DuplicateOf + ", recorded under this path too"
		}
		if r.Status == source.StatusFailed {
			s += " (failed: " + r.Error + "; not read again)"
		}
		return s
	case pipeline.OutcomeError:
		return "error: " + r.Error
	}
	s := string(r.Status)
	switch r.Status {
	case source.StatusOK:
		s = fmt.Sprintf("ok (%s), %d facts", r.Engine, r.Facts)
		if r.Warning != "" {
			s += "; warning: " + r.Warning
		}
	case source.StatusFailed, source.StatusNoText, source.StatusUnsupported:
		s += ": " + r.Error
	}
	if r.Kept {
		s += "; the document stored ok is kept"
	}
	if r.TookOver != "" {
		s += "; taken over from " + r.TookOver
	}
	if n := len(r.OrphanedReviews); n > 0 {
		s += fmt.Sprintf("; %d reviewed fact(s) no longer extracted", n)
	}
	return s
}

func printSummary(w io.Writer, s pipeline.Summary) {
	rate := 0.0
	if secs := s.Elapsed.Seconds(); secs > 0 {
		rate = float64(s.New) / secs
	}
	fmt.Fprintf(w, "%d documents: %d new, %d unchanged", s.Total, s.New, s.Unchanged)
	if s.Duplicates > 0 {
		fmt.Fprintf(w, ", %d same bytes as another path", s.Duplicates)
	}
	fmt.Fprintf(w, ", %d failed", s.Failed)
	if s.NoText > 0 {
		fmt.Fprintf(w, ", %d without text (need OCR)", s.NoText)
	}
	if s.Unsupported > 0 {
		fmt.Fprintf(w, ", %d unsupported", s.Unsupported)
	}
	if s.Errors > 0 {
		fmt.Fprintf(w, ", %d not stored", s.Errors)
	}
	fmt.Fprintf(w, "; %d facts in %s (%.1f documents/s)\n", s.Facts, s.Elapsed.Round(time.Millisecond), rate)
	for _, r := range s.Results {
		if r.Outcome != pipeline.OutcomeError && r.Status == source.StatusFailed {
			note := ""
			switch {
			case r.Kept:
				note = " (the document stored ok is kept)"
			case r.Outcome != pipeline.OutcomeNew:
				note = " (failed in an earlier run, not read again)"
			}
			fmt.Fprintf(w, "  failed: %s: %s%s\n", r.Path, r.Error, note)
		}
		if n := len(r.OrphanedReviews); n > 0 {
			fmt.Fprintf(w, "  %s: %d reviewed fact(s) no longer extracted; their reviews are kept: %s\n",
				r.Path, n, strings.Join(r.OrphanedReviews, " "))
		}
	}
}
