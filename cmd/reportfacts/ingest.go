package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
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
		timeout time.Duration
	)
	c := &cobra.Command{
		Use:   "ingest [--db DSN] [--workers N] [--force] [--retry-failed=false] [--doc-timeout D] PATH...",
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
read. Every path given or found is accounted for: what is not a regular file
(a FIFO, a socket, a device, a dangling or looping link) or cannot be read is
recorded as failed with the reason, never waited on; a path given that does
not exist, or a folder that cannot be listed, is reported and the run goes on.
Symbolic links are followed, a folder once. Hidden files and folders inside a
folder are skipped.

A document may take --doc-timeout to be read and extracted, and may have up
to 2 Mi characters of text in a file of up to 256 MiB; one over its budget is
recorded as failed with the reason, and the run goes on. A document that takes
long shows what it is in: on the bar on a terminal, else in a line after 10s.

Ctrl-C (or SIGTERM) stops within a second and leaves no half-written
document: run the same command again to finish. A second Ctrl-C quits at once.

Any number of ingests may run at once on one database (on one machine or
many): each document is claimed before it is read, a run leaves a document
another is reading to the end and then waits for it, and a claim left by a
run that crashed is taken over when the claim's lease (--claim-timeout) runs
out, or at once when its process is gone from this machine.

Exit status: 0 when every document was read, 3 when some are failed (they are
recorded; files failed in an earlier run and not read again count too) or some
path given could not be read, 1 when the run itself could not go on, 130 when
it was interrupted.`,
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
			budget, err := docBudget(timeout)
			if err != nil {
				return err
			}
			ctx := c.Context()
			st, err := store.Open(ctx, dsn)
			if err != nil {
				return err
			}
			defer st.Close()

			stderr := c.ErrOrStderr()
			if !quiet {
				// Said at once: a first document may take a while.
				fmt.Fprintf(stderr, "ingest: %d path(s) given, %d worker(s)\n", len(args), pipeline.WorkerCount(workers))
			}
			prog := newProgress(stderr, quiet)
			cfg := pipeline.Config{Store: st, Workers: workers, Force: force, KeepFailed: !retry,
				ClaimLease: lease, Budget: budget, Progress: prog.update, Stage: prog.stage}
			sum, runErr := pipeline.Run(ctx, cfg, args)
			prog.finish()
			if sum.Total > 0 || runErr == nil {
				printSummary(c.OutOrStdout(), sum)
			}
			if runErr != nil {
				return runErr
			}
			var msgs []string
			if sum.Failed > 0 {
				msgs = append(msgs, fmt.Sprintf("%d document(s) failed; their reasons are recorded (reportfacts export shows them)", sum.Failed))
			}
			if n := problems(sum.Skipped); n > 0 {
				msgs = append(msgs, fmt.Sprintf("%d path(s) not read (listed above)", n))
			}
			if len(msgs) > 0 {
				return &exitError{code: exitDocumentFailed, msg: strings.Join(msgs, "; ")}
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
	addDocTimeoutFlag(c, &timeout)
	return c
}

// addDocTimeoutFlag adds --doc-timeout, the time one document may take.
func addDocTimeoutFlag(c *cobra.Command, timeout *time.Duration) {
	c.Flags().DurationVar(timeout, "doc-timeout", pipeline.DefaultDocTimeout,
		"how long one document may take to be read and extracted before it is recorded failed (0: no limit)")
}

// docBudget is the budget of one document with the --doc-timeout given.
func docBudget(timeout time.Duration) (pipeline.Budget, error) {
	switch {
	case timeout < 0:
		return pipeline.Budget{}, fmt.Errorf("%w: --doc-timeout must be 0 (no limit) or more, not %s", errUsage, timeout)
	case timeout == 0:
		timeout = -1 // no limit
	}
	return pipeline.Budget{Timeout: timeout}, nil
}

// problems counts the paths not read that should have been.
func problems(skipped []pipeline.Skip) int {
	n := 0
	for _, s := range skipped {
		if s.Problem {
			n++
		}
	}
	return n
}

// showPath is a path as printed (see store.ShowPath).
func showPath(p string) string { return store.ShowPath(p) }

// progress shows a bar on a terminal and one log line per document
// otherwise. A document that is long in one stage shows on the bar what it
// is in and for how long; in a log, a line says so once it has been in the
// stage for slowAfter, and again each time that time has doubled.
type progress struct {
	w     io.Writer
	quiet bool
	bar   *progressbar.ProgressBar
	start time.Time

	mu     sync.Mutex
	facts  int
	active map[string]*inStage // documents in a stage, by path
	stop   chan struct{}       // closed by finish: the ticker ends
	ticked sync.WaitGroup
}

// inStage is a document's stage and since when, and when a log line says
// so next.
type inStage struct {
	stage    pipeline.Stage
	since    time.Time
	nextLine time.Duration
}

// slowAfter is how long a document is in a stage before progress says so.
const slowAfter = 10 * time.Second

func newProgress(w io.Writer, quiet bool) *progress {
	p := &progress{w: w, quiet: quiet, start: time.Now(), active: map[string]*inStage{}, stop: make(chan struct{})}
	if quiet {
		return p
	}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("ingest"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetItsString("docs"),
			progressbar.OptionShowIts(),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSpinnerType(14),
		)
	}
	p.ticked.Add(1)
	go p.tick()
	return p
}

// stage records that the document at path entered stage s.
func (p *progress) stage(path string, s pipeline.Stage) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.active[path] = &inStage{stage: s, since: time.Now(), nextLine: slowAfter}
}

// tick shows, every second until finish, the documents long in a stage.
func (p *progress) tick() {
	defer p.ticked.Done()
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case now := <-t.C:
			p.show(now)
		}
	}
}

func (p *progress) show(now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		desc := fmt.Sprintf("ingest: %d facts", p.facts)
		var oldest string
		for path, a := range p.active {
			if oldest == "" || a.since.Before(p.active[oldest].since) {
				oldest = path
			}
		}
		if a := p.active[oldest]; a != nil && now.Sub(a.since) >= 2*time.Second {
			desc += fmt.Sprintf("; %s %s (%s)", a.stage, showPath(filepath.Base(oldest)), now.Sub(a.since).Round(time.Second))
		}
		p.bar.Describe(desc)
		_ = p.bar.RenderBlank() // the spinner turns while a long document is worked on
		return
	}
	paths := make([]string, 0, len(p.active))
	for path := range p.active {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	for _, path := range paths {
		a := p.active[path]
		if d := now.Sub(a.since); d >= a.nextLine {
			fmt.Fprintf(p.w, "  %s: %s for %s\n", showPath(path), a.stage, d.Round(time.Second))
			a.nextLine *= 2
		}
	}
}

func (p *progress) update(pr pipeline.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.active, pr.Result.Path)
	p.facts = pr.Facts
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
	line := fmt.Sprintf("[%d/%d] %s: %s", pr.Done, pr.Total, showPath(r.Path), describe(r))
	fmt.Fprintln(p.w, line)
}

func (p *progress) finish() {
	close(p.stop)
	p.ticked.Wait()
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
	if n := problems(s.Skipped); n > 0 {
		fmt.Fprintf(w, ", %d path(s) not read", n)
	}
	fmt.Fprintf(w, "; %d facts in %s (%.1f documents/s)\n", s.Facts, s.Elapsed.Round(time.Millisecond), rate)
	hidden := 0
	for _, sk := range s.Skipped {
		switch {
		case sk.Problem:
			fmt.Fprintf(w, "  not read: %s: %s\n", showPath(sk.Path), sk.Reason)
		case sk.Reason == "hidden":
			hidden++
		}
	}
	if n := hidden; n > 0 {
		fmt.Fprintf(w, "  %d hidden file(s) or folder(s) skipped\n", n)
	}
	for _, sk := range s.Skipped {
		if !sk.Problem && sk.Reason != "hidden" {
			fmt.Fprintf(w, "  skipped: %s: %s\n", showPath(sk.Path), sk.Reason)
		}
	}
	for _, r := range s.Results {
		if r.Outcome != pipeline.OutcomeError && r.Status == source.StatusFailed {
			note := ""
			switch {
			case r.Kept:
				note = " (the document stored ok is kept)"
			case r.Outcome != pipeline.OutcomeNew:
				note = " (failed in an earlier run, not read again)"
			}
			fmt.Fprintf(w, "  failed: %s: %s%s\n", showPath(r.Path), r.Error, note)
		}
		if n := len(r.OrphanedReviews); n > 0 {
			fmt.Fprintf(w, "  %s: %d reviewed fact(s) no longer extracted; their reviews are kept: %s\n",
				showPath(r.Path), n, strings.Join(r.OrphanedReviews, " "))
		}
	}
}
