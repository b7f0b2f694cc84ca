package importer

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"rolefit/internal/roles"
)

// referenceDir returns the folder holding onet/ and bls/: ROLEFIT_REFERENCE
// or the shared reference beside the repository. Without it the test is
// skipped, except in CI where missing data must not pass silently.
func referenceDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("ROLEFIT_REFERENCE")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "reference")
	}
	if _, err := os.Stat(filepath.Join(dir, "onet", fileSkills)); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("reference data missing in CI: %v (set ROLEFIT_REFERENCE to the folder holding onet/ and bls/)", err)
		}
		t.Skipf("reference data not found (%v); set ROLEFIT_REFERENCE to run", err)
	}
	return dir
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
