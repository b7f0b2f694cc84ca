// Command app is Rolefit's single binary: it serves the web app and imports
// O*NET and BLS releases into its database.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"syscall"
)

const usage = `Rolefit: a career fit quiz and career profiles.

Usage:
  app [serve] [flags]                 serve the web app (the default)
  app import --onet DIR --bls DIR     load a full O*NET and BLS release into the database
  app help                            show this help

Run "app serve --help" or "app import --help" for each command's flags.
Every flag can also be set from the environment variable named beside it.
`

func main() {
	// No heap profiles are ever taken (the app serves no pprof): sampling
	// allocations for them costs a stack walk per sampled allocation. (Its
	// bucket table, 1.4 MB, is made by then: imported packages' init
	// functions allocate before main runs.)
	runtime.MemProfileRate = 0
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "app:", err)
		os.Exit(1)
	}
}

// run dispatches to a subcommand; it is main without the process around it.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && (args[0] == "serve" || args[0] == "import" || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, args, getenv, stdout, stderr)
	case "import":
		return importCmd(ctx, args, getenv, stdout, stderr)
	default:
		fmt.Fprint(stdout, usage)
		return nil
	}
}
