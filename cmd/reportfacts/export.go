package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"reportfacts/pipeline/store"
	"reportfacts/pipeline/workbook"
)

func newExportCommand() *cobra.Command {
	var (
		dsn    string
		output string
		filter store.FactFilter
	)
	c := &cobra.Command{
		Use:   "export [--db DSN] -o FILE.xlsx",
		Short: "Write the editors' workbook of stored facts",
		Long: `export writes an Excel workbook: sheet Facts has one row a fact, with its source
sentence, its key and review columns (status 待审/正确/错误/已更正, corrected value,
note) that "reportfacts review import" reads back; sheet Documents lists every
document with its status, engine, pages, facts and error. The file is written
beside its final name and renamed into place, so a failed export leaves no
half-written workbook.`,
		Example: `  reportfacts export -o facts.xlsx
  reportfacts export --kind money --review-status pending -o to-review.xlsx`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			if output == "" {
				return fmt.Errorf("%w: -o FILE.xlsx is required", errUsage)
			}
			if err := checkWorkbookPath("-o", output); err != nil {
				return err
			}
			if err := checkFilter(&filter); err != nil {
				return err
			}
			st, err := openExisting(c.Context(), "export", dsn)
			if err != nil {
				return err
			}
			defer st.Close()
			return writeAtomically(output, func(f *os.File) error {
				return workbook.ExportStore(c.Context(), f, st, filter)
			})
		},
	}
	addDBFlag(c, &dsn)
	addFilterFlags(c, &filter)
	c.Flags().StringVarP(&output, "output", "o", "", "the workbook to write (.xlsx)")
	return c
}

// writeAtomically writes a file through a temporary file beside it.
func writeAtomically(path string, write func(*os.File) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	// CreateTemp makes the file private; a workbook is for handing around.
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
