package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"reportfacts/extractors"
	"reportfacts/pipeline/store"
)

// factKinds are the kinds --kind accepts, in the order FACTS.md lists them.
var factKinds = []string{
	extractors.KindMoney, extractors.KindCount, extractors.KindPercent, extractors.KindGrowth,
	extractors.KindPPChange, extractors.KindMultiple, extractors.KindDate, extractors.KindPeriod,
}

// checkKind checks a --kind value; empty is no filter.
func checkKind(kind string) error {
	if kind == "" || slices.Contains(factKinds, kind) {
		return nil
	}
	return fmt.Errorf("%w: unknown --kind %q: use one of %s", errUsage, kind, strings.Join(factKinds, ", "))
}

// checkWorkbookPath checks that a file a command writes a workbook to is
// named .xlsx: what is written is an Excel workbook, and a .csv or .xls name
// would hand its reader a file that is not what it says.
func checkWorkbookPath(flag, path string) error {
	ext := filepath.Ext(path)
	if strings.EqualFold(ext, ".xlsx") {
		return nil
	}
	got := "it has no extension"
	if ext != "" {
		got = "not " + ext
	}
	return fmt.Errorf("%w: %s %s: the workbook is an Excel .xlsx file, so its name must end in .xlsx (%s)",
		errUsage, flag, path, got)
}

// openExisting opens the database of a command that reads it (or adds
// reviews to it) and must not create it: a SQLite file that does not exist
// is an error naming it, not an empty database.
func openExisting(ctx context.Context, command, dsn string) (*store.Store, error) {
	st, err := store.OpenExisting(ctx, dsn)
	if errors.Is(err, store.ErrNoDatabase) {
		return nil, fmt.Errorf("%s: %w (check --db or $REPORTFACTS_DB; reportfacts ingest creates a database)", command, err)
	}
	return st, err
}
