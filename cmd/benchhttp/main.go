// Command benchhttp load-tests Rolefit over HTTP: it builds and starts the
// app on 127.0.0.1, captures each target's answer, replays those bytes from a
// bare Echo server with no middleware, drives both with the same closed-loop
// load, and checks the targets (profile throughput at least 0.7 of
// bare, submissions without errors, resident memory under 150 MB).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"text/tabwriter"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "benchhttp:", err)
		os.Exit(1)
	}
}

// The targets.
const (
	minProfileRatio = 0.7
	maxRSSMB        = 150
)

type config struct {
	app           string
	dur           time.Duration
	conc          int
	strict, gzip  bool
	bareInProcess bool
	serveBare     string
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("benchhttp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.app, "app", "", "app binary to test, e.g. bin/app (default: build ./cmd/app into a temporary folder)")
	fs.DurationVar(&c.dur, "d", 5*time.Second, "load per target and server, at most 10s")
	fs.IntVar(&c.conc, "c", 16, "concurrent workers, one keep-alive connection each")
	fs.BoolVar(&c.strict, "strict", false, "exit 1 when a target is missed")
	fs.BoolVar(&c.gzip, "gzip", false, "ask for gzip as browsers do; the bare server replays the app's compressed bytes")
	fs.BoolVar(&c.bareInProcess, "bare-inprocess", false, "run the bare server inside the load generator's process instead of a process of its own")
	fs.StringVar(&c.serveBare, "serve-bare", "", "internal: serve the captured responses in FILE as the bare server")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	switch {
	case fs.NArg() > 0:
		return c, fmt.Errorf("unexpected arguments %q", fs.Args())
	case c.dur <= 0 || c.dur > 10*time.Second:
		return c, fmt.Errorf("-d %v: want more than 0 and at most 10s", c.dur)
	case c.conc < 1 || c.conc > 1024:
		return c, fmt.Errorf("-c %d: want 1 to 1024", c.conc)
	}
	return c, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	began := time.Now()
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	} else if err != nil {
		return err
	}
	if cfg.serveBare != "" {
		return serveBare(cfg.serveBare, stdout)
	}
	dir, err := os.MkdirTemp("", "benchhttp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	bin := cfg.app
	if bin == "" {
		t0 := time.Now()
		if bin, err = buildApp(ctx, dir); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "built ./cmd/app in %.1fs\n", time.Since(t0).Seconds())
	}
	app, err := startApp(bin, dir)
	if err != nil {
		return err
	}
	stopped := false
	defer func() {
		if !stopped {
			_ = app.stop(20 * time.Second)
		}
	}()
	t0 := time.Now()
	if err := app.waitReady(ctx, 30*time.Second); err != nil {
		return err
	}
	pid := app.cmd.Process.Pid
	fmt.Fprintf(stdout, "app: pid %d on http://%s, ready in %.1fs, fresh database in %s, ROLEFIT_SUBMIT_RATE=0\n",
		pid, app.addr, time.Since(t0).Seconds(), dir)
	if m, err := readMemory(pid); err == nil {
		fmt.Fprintf(stdout, "app RSS before load: %.1f MB\n", mb(m.RSS))
	}

	targets := defaultTargets()
	if err := capture(ctx, "http://"+app.addr, targets, cfg.gzip); err != nil {
		return err
	}
	var bare *bareServer
	where := "in a process of its own"
	if cfg.bareInProcess {
		bare, err = startBare(targets)
		where = "in the load generator's process"
	} else {
		bare, err = startBareProcess(targets, dir)
	}
	if err != nil {
		return err
	}
	defer bare.stop()
	rounds := max(1, int(cfg.dur/time.Second))
	encoding := "identity (no Accept-Encoding)"
	if cfg.gzip {
		encoding = "gzip (Accept-Encoding: gzip, bodies counted compressed)"
	}
	fmt.Fprintf(stdout, "bare: echo.New() with no middleware, %s, on http://%s, replaying the app's captured body and Content-Type\n", where, bare.addr)
	fmt.Fprintf(stdout, "load: %d workers in a closed loop, one keep-alive connection each, %v per target and server in %d rounds taken in turn (app, bare, app, …); encoding %s; %d CPUs, GOMAXPROCS %d\n\n",
		cfg.conc, cfg.dur, rounds, encoding, runtime.NumCPU(), runtime.GOMAXPROCS(0))

	results := make(map[*target][2]result)
	for _, t := range targets {
		fmt.Fprintln(stdout, t.name())
		if t.skip != "" {
			fmt.Fprintf(stdout, "  skipped: %s\n\n", t.skip)
			continue
		}
		if t.fail != "" {
			fmt.Fprintf(stdout, "  not run: %s\n\n", t.fail)
			continue
		}
		// Rounds of about a second, app and bare in turn, so that other work
		// on the machine weighs on both sides alike.
		var acc [2]sample
		for range rounds {
			for i, base := range []string{"http://" + app.addr, "http://" + bare.addr} {
				s, err := runLoad(ctx, t, base, cfg.conc, cfg.dur/time.Duration(rounds), cfg.gzip)
				if err != nil {
					return fmt.Errorf("%s: %w", t.name(), err)
				}
				acc[i].add(s)
			}
		}
		r := [2]result{acc[0].result(), acc[1].result()}
		results[t] = r
		printTarget(stdout, t, r)
	}

	mem, memErr := readMemory(pid)
	stopped = true
	t0 = time.Now()
	if err := app.stop(20 * time.Second); err != nil {
		return fmt.Errorf("stopping the app: %w", err)
	}
	fmt.Fprintf(stdout, "app stopped %.1fs after SIGTERM\n", time.Since(t0).Seconds())
	if memErr != nil {
		return fmt.Errorf("app memory: %w", memErr)
	}
	fmt.Fprintf(stdout, "app RSS after load: %.1f MB (peak %.1f MB)\n\n", mb(mem.RSS), mb(mem.HWM))

	failed := printSummary(stdout, targets, results, mem)
	fmt.Fprintf(stdout, "total %.1fs\n", time.Since(began).Seconds())
	if failed && cfg.strict {
		return errors.New("targets missed (-strict)")
	}
	return nil
}

func printTarget(w io.Writer, t *target, r [2]result) {
	enc := ""
	if t.resp.contentEncoding != "" {
		enc = " " + t.resp.contentEncoding
	}
	fmt.Fprintf(w, "  app answers %d %s, %d bytes%s\n", t.resp.status, t.resp.contentType, len(t.resp.body), enc)
	if t.bareNote != "" {
		fmt.Fprintf(w, "  %s\n", t.bareNote)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tserver\treq/s\tp50 ms\tp99 ms\terrors\tbytes/resp\t")
	for i, name := range []string{"app", "bare"} {
		x := r[i]
		errs := fmt.Sprint(x.errors())
		if d := x.errorDetail(); d != "" {
			errs += " (" + d + ")"
		}
		fmt.Fprintf(tw, "\t%s\t%.0f\t%.2f\t%.2f\t%s\t%.0f\t\n", name, x.RPS, ms(x.P50), ms(x.P99), errs, x.respBytes)
	}
	_ = tw.Flush()
	fmt.Fprintf(w, "  ratio app/bare req/s: %.2f\n\n", ratio(r[0].RPS, r[1].RPS))
}

// printSummary prints the targets and reports whether any was missed.
// A target whose feature the app lacks yet is SKIP, not FAIL.
func printSummary(w io.Writer, targets []*target, results map[*target][2]result, mem memory) (failed bool) {
	verdict := func(ok bool) string {
		if ok {
			return "PASS"
		}
		failed = true
		return "FAIL"
	}
	fmt.Fprintln(w, "summary")
	for _, t := range targets {
		r, ran := results[t]
		switch t.path {
		case profilePath:
			if !ran {
				fmt.Fprintf(w, "  %s  profile req/s ratio app/bare >= %.1f: not measured (%s%s)\n", verdict(false), minProfileRatio, t.skip, t.fail)
				continue
			}
			q := ratio(r[0].RPS, r[1].RPS)
			fmt.Fprintf(w, "  %s  profile req/s ratio app/bare >= %.1f: %.2f\n", verdict(q >= minProfileRatio), minProfileRatio, q)
		case assessmentsPath:
			switch {
			case t.skip != "":
				fmt.Fprintf(w, "  SKIP  submissions with zero errors: %s\n", t.skip)
			case !ran:
				fmt.Fprintf(w, "  %s  submissions with zero errors: %s\n", verdict(false), t.fail)
			default:
				n := r[0].errors()
				fmt.Fprintf(w, "  %s  submissions with zero errors: %d errors in %d requests\n", verdict(n == 0), n, n+r[0].OK)
			}
		}
	}
	fmt.Fprintf(w, "  %s  app RSS after load < %d MB: %.1f MB\n", verdict(mb(mem.RSS) < maxRSSMB), maxRSSMB, mb(mem.RSS))
	return failed
}
