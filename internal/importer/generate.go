package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"rolefit/internal/catalog"
	"rolefit/internal/roles"
)

// Generate renders the figures file for the occupations with the given
// O*NET-SOC codes (duplicates allowed, order irrelevant): 2-space indented
// JSON with a trailing newline, the same bytes for the same input. O*NET
// descriptions are left out; they may not be redistributed with the app.
func Generate(ds *Dataset, codes []string) ([]byte, error) {
	if ds == nil {
		return nil, errors.New("generate figures: no dataset")
	}
	codes = slices.Clone(codes)
	slices.Sort(codes)
	codes = slices.Compact(codes)

	c := catalog.Figures{
		Release: catalog.Release{
			ONet:        ds.Release,
			OEWS:        "BLS OEWS " + oewsRelease,
			Projections: projectionsName + " " + projectionsRelease,
		},
		Elements:    ds.Elements,
		Norms:       ds.Norms,
		Occupations: make([]roles.Occupation, 0, len(codes)),
	}
	var unknown []string
	for _, code := range codes {
		occ, ok := ds.Occupation(code)
		if !ok {
			unknown = append(unknown, code)
			continue
		}
		occ.Description = ""
		c.Occupations = append(c.Occupations, occ)
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("generate figures: unknown O*NET-SOC code(s) %s", strings.Join(unknown, ", "))
	}

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // keep titles readable; the file is data, not HTML
	if err := enc.Encode(c); err != nil {
		return nil, fmt.Errorf("generate figures: %w", err)
	}
	return buf.Bytes(), nil
}
