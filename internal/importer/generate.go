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
	occs, err := lookup(ds, codes)
	if err != nil {
		return nil, fmt.Errorf("generate figures: %w", err)
	}
	c := catalog.Figures{
		Release: catalog.Release{
			ONet:        ds.Release,
			OEWS:        "BLS OEWS " + oewsRelease,
			Projections: projectionsName + " " + projectionsRelease,
		},
		Elements:    ds.Elements,
		Norms:       ds.Norms,
		Occupations: make([]roles.Occupation, 0, len(occs)),
	}
	for _, occ := range occs {
		occ.Description, occ.Titles = "", nil
		c.Occupations = append(c.Occupations, occ)
	}
	b, err := encodeJSON(c)
	if err != nil {
		return nil, fmt.Errorf("generate figures: %w", err)
	}
	return b, nil
}

// GenerateTitles renders the search titles file for the occupations with
// the given O*NET-SOC codes: O*NET's alternate and reported titles per
// code, as deterministic JSON like Generate's. Titles are data, credited
// in the file and on the search page; O*NET's descriptions stay out.
func GenerateTitles(ds *Dataset, codes []string) ([]byte, error) {
	occs, err := lookup(ds, codes)
	if err != nil {
		return nil, fmt.Errorf("generate titles: %w", err)
	}
	t := catalog.Titles{
		Source: ds.Release + ": Alternate Titles and Sample of Reported Titles, by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 license",
		Titles: map[string][]string{},
	}
	for _, occ := range occs {
		if len(occ.Titles) > 0 {
			t.Titles[occ.ONetCode] = occ.Titles
		}
	}
	return encodeJSON(t)
}

// lookup returns the occupations with the given codes (duplicates allowed,
// order irrelevant) in code order, or an error naming every unknown code.
func lookup(ds *Dataset, codes []string) ([]roles.Occupation, error) {
	if ds == nil {
		return nil, errors.New("no dataset")
	}
	codes = slices.Clone(codes)
	slices.Sort(codes)
	codes = slices.Compact(codes)
	var out []roles.Occupation
	var unknown []string
	for _, code := range codes {
		occ, ok := ds.Occupation(code)
		if !ok {
			unknown = append(unknown, code)
			continue
		}
		out = append(out, occ)
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("unknown O*NET-SOC code(s) %s", strings.Join(unknown, ", "))
	}
	return out, nil
}

// encodeJSON writes v as 2-space indented JSON with a trailing newline.
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // keep titles readable; the file is data, not HTML
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
