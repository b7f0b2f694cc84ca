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

// TestEveryEducationIsOnTheScale keeps roles.EducationLevels complete: the
// filters and profiles rank every typical education BLS gives.
func TestEveryEducationIsOnTheScale(t *testing.T) {
	ds := realDataset(t)
	seen := map[string]bool{}
	for _, o := range ds.Occupations {
		if o.Outlook == nil {
			continue
		}
		if roles.EducationRank(o.Outlook.Education) == 0 {
			t.Errorf("%s: typical education %q is not on roles.EducationLevels", o.ONetCode, o.Outlook.Education)
		}
		seen[o.Outlook.Education] = true
	}
	if len(seen) != len(roles.EducationLevels) {
		t.Errorf("the release uses %d education levels, want all %d", len(seen), len(roles.EducationLevels))
	}
}
