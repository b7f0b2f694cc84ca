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
