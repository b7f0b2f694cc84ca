package importer

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// The Employment Projections release the importer reads.
const (
	fileProjections    = "Employment Projections.csv"
	projectionsName    = "BLS Employment Projections"
	projectionsRelease = "2024–2034"
	projectionsFrom    = 2024
	projectionsTo      = 2034
)

// projectionRow is one EP occupation; employment figures are in thousands.
type projectionRow struct {
	title                string
	base, target, change float64
	openings             float64
	education            string
	experience           string // work experience in a related occupation
	training             string // typical on-the-job training
}

var projectionColumns = []string{
	"Occupation Title",
	"Occupation Code",
	"Employment 2024",
	"Employment 2034",
	"Employment Percent Change, 2024-2034",
	"Occupational Openings, 2024-2034 Annual Average",
	"Typical Entry-Level Education",
	"Work Experience in a Related Occupation",
	"Typical on-the-job Training",
}

// readProjections reads the EP table, keyed by SOC code. EP publishes a few
// broad groups (e.g. 31-1120) where OEWS has detailed rows, and the
// reverse.
func readProjections(path string) (map[string]projectionRow, int, error) {
	name := filepath.Base(path)
	f, err := os.Open(path) // #nosec G304 -- reading the release the operator names is this package's job
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()

	r := csv.NewReader(bufio.NewReader(f))
	r.ReuseRecord = true
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, 0, fmt.Errorf("%s: empty file, want a header row", name)
	}
	if err != nil {
		return nil, 0, csvError(name, err)
	}
	header[0] = strings.TrimPrefix(header[0], "\ufeff")
	idx, err := columnIndex(header, projectionColumns)
	if err != nil {
		return nil, 0, fmt.Errorf("%s:1: %w", name, err)
	}

	out := map[string]projectionRow{}
	n := 0
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, 0, csvError(name, err)
		}
		n++
		line, _ := r.FieldPos(0)
		get := func(i int) string { return strings.TrimSpace(rec[idx[i]]) }
		code := get(1)
		if _, dup := out[code]; dup {
			return nil, 0, fmt.Errorf("%s:%d: Occupation Code %s appears twice", name, line, code)
		}
		row := projectionRow{title: projectionTitle(get(0)), education: get(6), experience: get(7), training: get(8)}
		for i, dst := range []*float64{&row.base, &row.target, &row.change, &row.openings} {
			if *dst, err = parseNumber(projectionColumns[2+i], get(2+i)); err != nil {
				return nil, 0, fmt.Errorf("%s:%d: %w", name, line, err)
			}
		}
		out[code] = row
	}
	return out, n, nil
}

// projectionTitle drops the alternate titles EP appends to its title,
// as in "Web developers    * Intranet Developer* Web Architect".
func projectionTitle(s string) string {
	title, _, _ := strings.Cut(s, "*")
	return strings.TrimSpace(title)
}

// csvError puts a CSV syntax error in the file:line form of the other
// readers.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d: %w", name, pe.Line, pe.Err)
	}
	return fmt.Errorf("%s: %w", name, err)
}
