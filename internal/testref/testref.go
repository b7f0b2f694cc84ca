// Package testref locates the public reference releases (O*NET, BLS) for
// tests that read them: ROLEFIT_REFERENCE, or ../shared/reference beside
// the repository. It is imported only by tests.
package testref

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Dir returns the folder holding onet/ and bls/. Without it the test is
// skipped, except in CI (env CI set), where missing data must not pass
// silently.
func Dir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("ROLEFIT_REFERENCE")
	if dir == "" {
		_, file, _, _ := runtime.Caller(0) // …/internal/testref/testref.go
		dir = filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "reference")
	}
	if _, err := os.Stat(filepath.Join(dir, "onet", "Skills.txt")); err != nil { // #nosec G703 -- tests read the folder the developer points them at
		if os.Getenv("CI") != "" {
			tb.Fatalf("reference data missing in CI: %v (CI must provide ../shared/reference, or set ROLEFIT_REFERENCE)", err)
		}
		tb.Skipf("reference data not found (%v); set ROLEFIT_REFERENCE to run", err)
	}
	return dir
}
