package main

import (
	"context"
	"errors"
	"io"
)

// importCmd loads a full O*NET and BLS release into the database.
func importCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return errors.New("import: not built yet")
}
