// Command eval runs the matching evaluation harness on the embedded catalog
// and question bank and prints the report. With -write-calibration it also
// rewrites internal/matching/calibration.go from the measured medians.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"

	"rolefit/data"
	"rolefit/internal/assessment"
	"rolefit/internal/catalog"
	"rolefit/internal/eval"
	"rolefit/internal/matching"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "eval:", err)
		os.Exit(1)
	}
}

func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := eval.DefaultConfig()
	w := matching.DefaultWeights()
	fl := flag.NewFlagSet("eval", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.IntVar(&cfg.PerRole, "n", 30, "respondents per role and condition")
	fl.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "random seed")
	dir := fl.String("data", "", "read the catalog from this folder instead of the embedded data (for development)")
	write := fl.String("write-calibration", "", "write the measured calibration to this Go file (internal/matching/calibration.go)")
	fl.Float64Var(&w.Direct, "direct", w.Direct, "share of the score straight from the likelihood")
	fl.Float64Var(&w.Doubt, "doubt", w.Doubt, "how much the posterior's doubt about the best role raises the direct share")
	fl.Float64Var(&w.MinNoise, "min-noise", w.MinNoise, "least per-statement noise variance the posterior assumes")
	if err := fl.Parse(args); err != nil {
		return err
	}

	var fsys fs.FS = data.FS
	if *dir != "" {
		fsys = os.DirFS(*dir)
	}
	cat, err := catalog.Load(fsys)
	if err != nil {
		return err
	}
	bank, err := assessment.LoadBank(fsys, "questions.yaml")
	if err != nil {
		return err
	}
	src := matching.Source{Roles: cat.Roles, Occupations: cat.Occupations, Elements: cat.Elements, Norms: cat.Norms}
	ix, err := matching.BuildWith(bank, src, w, matching.DefaultCalibration())
	if err != nil {
		return err
	}
	rep, err := eval.Run(bank, ix, src, cfg)
	if err != nil {
		return err
	}
	if err := rep.Write(stdout); err != nil {
		return err
	}
	if *write != "" {
		if err := os.WriteFile(*write, eval.CalibrationSource(rep.Measured), 0o644); err != nil { // #nosec G306 -- writes a Go source file into the repository
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\n", *write)
	}
	return nil
}
