package main

import (
	"os"
	"testing"

	"rolefit/internal/pgtest"
)

// TestMain shares one throwaway PostgreSQL cluster and one build of the app
// between the package's tests.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "app-test-")
	if err != nil {
		panic(err)
	}
	binDir = dir
	code := pgtest.Main(m)
	_ = os.RemoveAll(dir)
	os.Exit(code)
}
