// Command datagen writes data/occupations.json, the O*NET and BLS figures
// for the occupations the hand-written roles in data/roles refer to, and
// data/onet_titles.json, their O*NET alternate and reported titles:
//
//	go run ./cmd/datagen -onet DIR -bls DIR -roles data/roles -out data/occupations.json -titles data/onet_titles.json
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"gopkg.in/yaml.v3"

	"rolefit/internal/importer"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "datagen:", err)
		os.Exit(1)
	}
}

// run parses flags, loads the releases and writes the figures file.
func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("datagen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	onetDir := fs.String("onet", "", "folder of the O*NET text database (required)")
	blsDir := fs.String("bls", "", "folder of the BLS OEWS sheet and Employment Projections CSV (required)")
	rolesDir := fs.String("roles", "data/roles", "folder of role YAML files")
	out := fs.String("out", "data/occupations.json", "figures file to write")
	titlesOut := fs.String("titles", "data/onet_titles.json", "search titles file to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *onetDir == "" || *blsDir == "" {
		fs.Usage()
		return errors.New("-onet and -bls are required")
	}

	codes, err := roleCodes(*rolesDir)
	if err != nil {
		return err
	}
	ds, err := importer.Load(*onetDir, *blsDir, nil)
	if err != nil {
		return err
	}
	data, err := importer.Generate(ds, codes)
	if err != nil {
		return err
	}
	if err := writeFile(*out, data); err != nil {
		return err
	}
	titles, err := importer.GenerateTitles(ds, codes)
	if err != nil {
		return err
	}
	if err := writeFile(*titlesOut, titles); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %d occupations of %d, %d elements (%s; %d unrated occupations filled from related ones, %d left out)\n",
		*out, len(codes), len(ds.Occupations), len(ds.Elements), ds.Release, len(ds.Gaps)-ds.Unfilled(), ds.Unfilled())
	return nil
}

// roleCodes returns the distinct O*NET-SOC codes of every *.yaml in dir,
// sorted. A role without an onet_code is an error: it could never be shown.
func roleCodes(dir string) ([]string, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("read roles: %w", err)
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("read roles: %w", err)
	}
	var codes []string
	for _, p := range paths {
		raw, err := os.ReadFile(p) // #nosec G304 -- reads the role files the developer points it at
		if err != nil {
			return nil, fmt.Errorf("read role: %w", err)
		}
		var role struct {
			ONetCode string `yaml:"onet_code"`
		}
		if err := yaml.Unmarshal(raw, &role); err != nil {
			return nil, fmt.Errorf("read role %s: %w", p, err)
		}
		if role.ONetCode == "" {
			return nil, fmt.Errorf("read role %s: no onet_code", p)
		}
		codes = append(codes, role.ONetCode)
	}
	slices.Sort(codes)
	return slices.Compact(codes), nil
}

// writeFile replaces path only when the content changed, via a temporary
// file and a rename so a failed run never leaves half a file.
func writeFile(path string, data []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) { // #nosec G304 -- the output path the developer chose
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil { // #nosec G302 -- the generated catalog is a source file, readable by all like the rest of the repository
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
