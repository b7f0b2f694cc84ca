package importer

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// readTSV streams one O*NET text file (tab-separated, header row, CRLF) and
// calls row with the fields named in want, in that order. Errors raised by
// row are reported with the file name and line number. It returns the
// number of data rows.
func readTSV(path string, want []string, row func(f []string) error) (int, error) {
	name := filepath.Base(path)
	file, err := os.Open(path) // #nosec G304 -- reading the release the operator names is this package's job
	if err != nil {
		return 0, err // *PathError already names the file
	}
	defer file.Close()

	sc := bufio.NewScanner(file)
	// Occupation descriptions run to a few KiB; leave generous room.
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	var (
		line   int
		idx    []int
		width  int
		picked = make([]string, len(want))
	)
	for sc.Scan() {
		line++
		text := strings.TrimSuffix(sc.Text(), "\r")
		if line == 1 {
			header := strings.Split(strings.TrimPrefix(text, "\ufeff"), "\t")
			width = len(header)
			if idx, err = columnIndex(header, want); err != nil {
				return 0, fmt.Errorf("%s:1: %w", name, err)
			}
			continue
		}
		fields := strings.Split(text, "\t")
		if len(fields) != width {
			return 0, fmt.Errorf("%s:%d: want %d fields, got %d", name, line, width, len(fields))
		}
		for i, j := range idx {
			picked[i] = fields[j]
		}
		if err := row(picked); err != nil {
			return 0, fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return 0, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	if line == 0 {
		return 0, fmt.Errorf("%s: empty file, want a header row", name)
	}
	return line - 1, nil
}

// columnIndex finds each wanted column in a header row, so that a release
// which reorders or renames columns fails loudly instead of misreading.
func columnIndex(header, want []string) ([]int, error) {
	pos := make(map[string]int, len(header))
	for i, h := range header {
		pos[strings.TrimSpace(h)] = i
	}
	idx := make([]int, len(want))
	for i, w := range want {
		j, ok := pos[w]
		if !ok {
			return nil, fmt.Errorf("missing column %q", w)
		}
		idx[i] = j
	}
	return idx, nil
}

// parseNumber parses a decimal that may carry thousands separators
// ("1,579.80"), as BLS writes them.
func parseNumber(column, s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), ",", ""), 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) {
			err = ne.Err
		}
		return 0, fmt.Errorf("%s %q: %w", column, s, err)
	}
	return v, nil
}

// parseRating parses an O*NET data value and checks it lies on its scale.
func parseRating(column, s string, lo, hi float64) (float64, error) {
	v, err := parseNumber(column, s)
	if err != nil {
		return 0, err
	}
	if v < lo || v > hi {
		return 0, fmt.Errorf("%s %v outside %v–%v", column, v, lo, hi)
	}
	return v, nil
}

// parseWhole parses a number that must be a whole number, e.g. a Job Zone
// or an annual wage.
func parseWhole(column, s string) (int, error) {
	v, err := parseNumber(column, s)
	if err != nil {
		return 0, err
	}
	if v != float64(int(v)) {
		return 0, fmt.Errorf("%s %q: not a whole number", column, s)
	}
	return int(v), nil
}

// compareElementIDs orders O*NET element ids ("2.B.3.e", "1.C.6")
// part by part, numerically where both parts are numbers, so that "2.A.10"
// would follow "2.A.9".
func compareElementIDs(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		na, errA := strconv.Atoi(pa[i])
		nb, errB := strconv.Atoi(pb[i])
		var c int
		if errA == nil && errB == nil {
			c = cmp.Compare(na, nb)
		} else {
			c = cmp.Compare(pa[i], pb[i])
		}
		if c != 0 {
			return c
		}
	}
	return cmp.Compare(len(pa), len(pb))
}
