package importer

import (
	"rolefit/internal/testref"

	"path/filepath"
	"sync"
	"testing"

	"rolefit/internal/roles"
)

// referenceDir returns the folder holding onet/ and bls/ (see testref).
func referenceDir(t *testing.T) string {
	t.Helper()
	return testref.Dir(t)
}

// The real dataset, loaded once per test binary.
var (
	realOnce sync.Once
	realDS   *Dataset
	realErr  error
)

// realDataset loads the reference release, once.
func realDataset(t *testing.T) *Dataset {
	t.Helper()
	dir := referenceDir(t)
	realOnce.Do(func() {
		realDS, realErr = Load(filepath.Join(dir, "onet"), filepath.Join(dir, "bls"), nil)
	})
	if realErr != nil {
		t.Fatalf("Load: %v", realErr)
	}
	return realDS
}

// occupation returns one occupation of the real dataset or fails.
func occupation(t *testing.T, ds *Dataset, code string) roles.Occupation {
	t.Helper()
	o, ok := ds.Occupation(code)
	if !ok {
		t.Fatalf("occupation %s not in dataset", code)
	}
	return o
}

// TestEveryEducationIsOnTheScale keeps roles.EducationScale complete: the
// filters and profiles rank every typical education BLS gives.
func TestEveryEducationIsOnTheScale(t *testing.T) {
	ds := realDataset(t)
	seen := map[string]bool{}
	for _, o := range ds.Occupations {
		if o.Outlook == nil {
			continue
		}
		if roles.EducationRank(o.Outlook.Education) == 0 {
			t.Errorf("%s: typical education %q is not on roles.EducationScale", o.ONetCode, o.Outlook.Education)
		}
		seen[o.Outlook.Education] = true
	}
	if len(seen) != len(roles.EducationScale) {
		t.Errorf("the release uses %d education levels, want all %d", len(seen), len(roles.EducationScale))
	}
}

// TestFiguresUseTheClosestRow checks, over the whole release, that no
// occupation shows a wider group's figures when BLS publishes a closer
// row: its own SOC code first, then the code it was merged into, then its
// broad group, then its minor group.
func TestFiguresUseTheClosestRow(t *testing.T) {
	ds := realDataset(t)
	wages, projections := referenceRows(t)
	closest := func(soc string, has func(string) bool) string {
		for _, c := range []string{soc, mergedSOC[soc], soc[:6] + "0", soc[:5] + "00"} {
			if c != "" && has(c) {
				return c
			}
		}
		return ""
	}
	for _, o := range ds.Occupations {
		want := closest(o.SOCCode, func(c string) bool { _, ok := wages[c]; return ok })
		got := ""
		if o.Pay != nil {
			got = o.Pay.Source.SOCCode
		}
		if got != want {
			t.Errorf("%s pay: from SOC %q, want the closest row %q", o.ONetCode, got, want)
		}
		want = closest(o.SOCCode, func(c string) bool { _, ok := projections[c]; return ok })
		if o.Outlook == nil || o.Outlook.Source.SOCCode != want {
			t.Errorf("%s outlook: %+v, want SOC %s", o.ONetCode, o.Outlook, want)
		}
	}
}

// referenceRows reads the reference OEWS and EP rows, keyed by SOC code.
func referenceRows(t *testing.T) (map[string]oewsRow, map[string]projectionRow) {
	t.Helper()
	dir := referenceDir(t)
	wages, _, err := readOEWS(filepath.Join(dir, "bls", fileOEWS))
	if err != nil {
		t.Fatal(err)
	}
	projections, _, err := readProjections(filepath.Join(dir, "bls", fileProjections))
	if err != nil {
		t.Fatal(err)
	}
	return wages, projections
}
