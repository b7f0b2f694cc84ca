// Package importer owns reading O*NET and BLS releases: it turns the O*NET
// text database, the OEWS national wage sheet and the Employment
// Projections table into Rolefit's occupations, descriptors and norms, and
// writes the catalog figures file that the app embeds.
package importer

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"

	"rolefit/internal/roles"
)

// Dataset is one O*NET release joined with BLS wages and projections.
type Dataset struct {
	Release     string // e.g. "O*NET 29.3 Database (May 2025)"
	Elements    []roles.Element
	Norms       roles.Norms
	Occupations []roles.Occupation // sorted by ONetCode
	// Gaps lists every occupation O*NET publishes without skill and work
	// style ratings, sorted by code. Those with an empty RatingsFrom had no
	// rated related occupation and are left out of Occupations.
	Gaps []Gap
}

// Gap is an occupation whose ratings were borrowed, or could not be.
type Gap struct {
	ONetCode    string
	RatingsFrom string // the related occupation the ratings came from; "" if none
}

// Unfilled counts the gaps no related occupation could fill.
func (ds *Dataset) Unfilled() int {
	n := 0
	for _, g := range ds.Gaps {
		if g.RatingsFrom == "" {
			n++
		}
	}
	return n
}

// Occupation returns the occupation with the given O*NET-SOC code.
func (ds *Dataset) Occupation(code string) (roles.Occupation, bool) {
	i, ok := slices.BinarySearchFunc(ds.Occupations, code, func(o roles.Occupation, c string) int {
		return cmp.Compare(o.ONetCode, c)
	})
	if !ok {
		return roles.Occupation{}, false
	}
	return ds.Occupations[i], true
}

// Load reads the O*NET text files in onetDir and the OEWS and Employment
// Projections files in blsDir. progress, if not nil, is called once per
// file read with the file's name and its number of data rows (0 for
// Read Me.txt, which only names the release).
func Load(onetDir, blsDir string, progress func(file string, rows int)) (*Dataset, error) {
	if progress == nil {
		progress = func(string, int) {}
	}
	o, err := readONet(onetDir, progress)
	if err != nil {
		return nil, err
	}
	wages, n, err := readOEWS(filepath.Join(blsDir, fileOEWS))
	if err != nil {
		return nil, fmt.Errorf("read OEWS: %w", err)
	}
	progress(fileOEWS, n)
	projections, n, err := readProjections(filepath.Join(blsDir, fileProjections))
	if err != nil {
		return nil, fmt.Errorf("read Employment Projections: %w", err)
	}
	progress(fileProjections, n)

	ds := &Dataset{Release: o.release, Elements: o.sortedElements()}
	if ds.Occupations, ds.Gaps, err = o.occupations(); err != nil {
		return nil, err
	}
	ds.Norms = o.norms(ds.Elements)
	for i := range ds.Occupations {
		attachPay(&ds.Occupations[i], wages)
		attachOutlook(&ds.Occupations[i], projections)
	}
	return ds, nil
}

// sortedElements lists interests, then work styles, then skills, each in
// element-id order.
func (o *onet) sortedElements() []roles.Element {
	rank := map[roles.Block]int{roles.BlockInterest: 0, roles.BlockWorkStyle: 1, roles.BlockSkill: 2}
	out := make([]roles.Element, 0, len(o.elements))
	for _, e := range o.elements {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b roles.Element) int {
		if c := cmp.Compare(rank[a.Block], rank[b.Block]); c != 0 {
			return c
		}
		return compareElementIDs(a.ID, b.ID)
	})
	return out
}
