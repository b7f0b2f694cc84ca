package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"rolefit/internal/importer"
	"rolefit/internal/store"
)

// importCmd loads a full O*NET and BLS release into the database, so that
// every rated occupation is browsable and matchable.
func importCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	onet := fs.String("onet", "", "folder of an O*NET text release, e.g. ../shared/reference/onet (required)")
	bls := fs.String("bls", "", "folder with the BLS OEWS national .xlsx and Employment Projections .csv (required)")
	db := fs.String("db", envOr(getenv, "ROLEFIT_DB", "var/rolefit.db"), dbUsage)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if *onet == "" || *bls == "" {
		fs.Usage()
		return errors.New("import: --onet and --bls are required")
	}
	start := time.Now()
	ds, err := importer.Load(*onet, *bls, func(file string, rows int) {
		fmt.Fprintf(stdout, "read %-50s %7d rows  %s\n", file, rows, time.Since(start).Round(time.Millisecond))
	})
	if err != nil {
		return err
	}
	s, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := syncEmbedded(ctx, s); err != nil {
		return err
	}
	if err := s.ImportOccupations(ctx, ds.Occupations); err != nil {
		return err
	}
	total, imported, err := s.CountOccupations(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported %d occupations (%d filled from a related occupation) into %s; %d occupations in the database, %d from imports; took %s\n",
		len(ds.Occupations), len(ds.Gaps)-ds.Unfilled(), store.Redact(*db), total, imported, time.Since(start).Round(time.Millisecond))
	return nil
}
