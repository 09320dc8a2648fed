// Command reportfacts turns Chinese financial and industry reports into
// numeric facts: it reads PDF, text, Word and HTML files, extracts money
// amounts, counts, shares, growth rates, percentage-point changes,
// multiples, dates and periods, stores them in SQLite or PostgreSQL, and
// exports them to an Excel workbook for editors to review and audit.
//
// The command line is kept thin: each subcommand parses its flags and calls
// the pipeline packages.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/spf13/cobra"
)

// Exit statuses a script can gate on.
const (
	exitOK             = 0
	exitRunFailed      = 1 // the run itself could not go on
	exitUsage          = 2
	exitDocumentFailed = 3 // some documents failed and were recorded
	exitAuditFailed    = 4 // the audit found failed checks
	exitInterrupted    = 130
)

// exitError carries an exit status other than 1 out of a command.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// defaultMemoryLimit is the Go heap's soft limit when GOMEMLIMIT is unset.
// Without it a large report (a segmenter dictionary, a PDF's pages, and
// PDFium's WebAssembly memory beside the heap) lets the heap goal double
// past what the work needs; with it an ingest of the corpus stays near
// 480 MB of resident memory instead of 600.
const defaultMemoryLimit = 350 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	ctx, stop := stopOnSignal(context.Background(), os.Stderr)
	code := run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// stopGrace is how long a signalled command may take to stop by itself
// before it is ended: a signal stops a run within a second.
const stopGrace = 700 * time.Millisecond

// errInterrupted is the cause of the context of a command that SIGINT or
// SIGTERM stopped.
var errInterrupted = errors.New("interrupted")

// stopOnSignal returns a context that SIGINT or SIGTERM cancels: the
// command stops at once, leaving what it stored whole (a document is
// stored in one transaction, or not at all). A second signal ends the
// process there and then, with status 130. stop undoes the handling.
func stopOnSignal(parent context.Context, stderr io.Writer) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(parent)
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			fmt.Fprintf(stderr, "\nreportfacts: %v: stopping; what is stored is kept (again to quit at once)\n", sig)
			cancel(fmt.Errorf("%w by %v", errInterrupted, sig))
		case <-done:
			return
		}
		select {
		case sig := <-sigs:
			fmt.Fprintf(stderr, "reportfacts: %v again: quitting now\n", sig)
			os.Exit(exitInterrupted)
		case <-time.After(stopGrace):
			// A stage deep in one step has not looked at its context yet.
			// A document is stored in one transaction or not at all, so
			// ending here keeps the store whole, as a second signal does.
			fmt.Fprintf(stderr, "reportfacts: still stopping after %v: quitting now\n", stopGrace)
			os.Exit(exitInterrupted)
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel(nil)
	}
}

func run(ctx context.Context, args []string) int {
	root := newRootCommand()
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	if cause := context.Cause(ctx); errors.Is(cause, errInterrupted) {
		fmt.Fprintf(os.Stderr, "reportfacts: %v: stopped; run the same command again to finish\n", cause)
		return exitInterrupted
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(os.Stderr, "reportfacts:", ee.msg)
		}
		return ee.code
	}
	fmt.Fprintln(os.Stderr, "reportfacts:", err)
	if errors.Is(err, errUsage) {
		return exitUsage
	}
	return exitRunFailed
}

var errUsage = errors.New("usage")

func newRootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "reportfacts",
		Short: "Turn Chinese financial reports into numeric facts an editor can trust",
		Long: `reportfacts reads Chinese financial and industry reports (PDF, text, Word, HTML),
extracts every numeric fact (money, counts, shares, growth rates, percentage-point
changes, multiples, dates and periods), attributes each to its entity, metric and
period, and stores them in a database (SQLite by default, PostgreSQL with a
postgres:// DSN) and an Excel workbook for editors.

The database is --db, else $REPORTFACTS_DB, else reportfacts.db.`,
		Example: `  reportfacts ingest reports/
  reportfacts export -o facts.xlsx
  reportfacts extract --format table seeds/000_dbf8deccee350033.txt`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%w: %v (see %s --help)", errUsage, err, c.CommandPath())
	})
	root.AddCommand(
		newIngestCommand(),
		newExtractCommand(),
		newTextCommand(),
		newExportCommand(),
		newFactsCommand(),
		newAuditCommand(),
		newReviewCommand(),
	)
	return root
}

// defaultDSN is the database used when --db is not given.
func defaultDSN() string {
	if v := os.Getenv("REPORTFACTS_DB"); v != "" {
		return v
	}
	return "reportfacts.db"
}

func addDBFlag(c *cobra.Command, dsn *string) {
	c.Flags().StringVar(dsn, "db", defaultDSN(), "database: a SQLite file path, or a postgres:// DSN (default from $REPORTFACTS_DB)")
}

// usageArgs wraps a cobra argument check so its failure exits with exitUsage.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if err := check(c, args); err != nil {
			return fmt.Errorf("%w: %v (see %s --help)", errUsage, err, c.CommandPath())
		}
		return nil
	}
}
