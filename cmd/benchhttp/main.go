// Command benchhttp load-tests Rolefit over HTTP: it builds and starts the
// app on 127.0.0.1 over a fresh SQLite file, captures each target's answer,
// replays those bytes from a bare Echo server with no middleware, and drives
// both with the same closed-loop load from vegeta (as a library); then it
// starts a throwaway PostgreSQL cluster and measures submissions on it too.
// It checks the targets: profile throughput at least 0.9 of bare,
// at least 1,500 submissions/s on SQLite without errors, submissions on
// PostgreSQL without errors, resident memory after the load at most 64 MB.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"syscall"
	"text/tabwriter"
	"time"

	"rolefit/internal/pgtest"
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
	minProfileRatio = 0.9
	minSubmitRate   = 1500 // per second, on SQLite
	maxRSSMB        = 64
)

type config struct {
	app           string
	dur           time.Duration
	conc          int
	strict, gzip  bool
	pg            bool
	bareInProcess bool
	bareLength    bool
	serveBare     string
	rest          time.Duration
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
	fs.BoolVar(&c.pg, "pg", true, "also measure submissions on a throwaway PostgreSQL cluster (skipped without its server programs)")
	fs.BoolVar(&c.bareInProcess, "bare-inprocess", false, "run the bare server inside the load generator's process instead of a process of its own")
	fs.BoolVar(&c.bareLength, "bare-length", false, "the bare server sends Content-Length too, as the app does for cached pages, so that the ratio weighs the app's middleware alone")
	fs.DurationVar(&c.rest, "rest", 3*time.Second, "how long the app rests after the load before its resident memory is read again (the app returns a burst's free heap after a second without requests)")
	fs.StringVar(&c.serveBare, "serve-bare", "", "internal: serve the captured responses in FILE as the bare server")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	switch {
	case fs.NArg() > 0:
		return c, fmt.Errorf("unexpected arguments %q", fs.Args())
	case c.dur <= 0 || c.dur > 10*time.Second:
		return c, fmt.Errorf("-d %v: want more than 0 and at most 10s", c.dur)
	case c.rest < 0 || c.rest > time.Minute:
		return c, fmt.Errorf("-rest %v: want 0 to 1m", c.rest)
	case c.conc < 1 || c.conc > 1024:
		return c, fmt.Errorf("-c %d: want 1 to 1024", c.conc)
	}
	return c, nil
}

// report is everything the summary judges.
type report struct {
	targets []*target
	results map[*target][2]result // app, bare
	mem     memory                // right after the load
	rest    memory                // after resting cfg.rest
	restFor time.Duration
	pg      *result // submissions on PostgreSQL, when measured
	pgNote  string  // why not, otherwise
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
	rep := report{targets: defaultTargets(), results: map[*target][2]result{}}
	if err := runSQLite(ctx, cfg, bin, dir, stdout, &rep); err != nil {
		return err
	}
	if cfg.pg {
		if err := runPostgres(ctx, cfg, bin, dir, stdout, &rep); err != nil {
			return err
		}
	} else {
		rep.pgNote = "not measured (-pg=false)"
	}
	failed := printSummary(stdout, rep)
	fmt.Fprintf(stdout, "total %.1fs\n", time.Since(began).Seconds())
	if failed && cfg.strict {
		return errors.New("targets missed (-strict)")
	}
	return nil
}

// runSQLite measures every target on the app over a fresh SQLite file and
// on the bare server, in rounds of about a second taken in turn, so that
// other work on the machine weighs on both sides alike.
func runSQLite(ctx context.Context, cfg config, bin, dir string, stdout io.Writer, rep *report) error {
	app, err := startReady(ctx, bin, dir, "sqlite", filepath.Join(dir, "bench.db"), stdout)
	if err != nil {
		return err
	}
	stopped := false
	defer func() {
		if !stopped {
			_ = app.stop(20 * time.Second)
		}
	}()
	if err := capture(ctx, "http://"+app.addr, rep.targets, cfg.gzip); err != nil {
		return err
	}
	for _, t := range rep.targets {
		t.resp.sized = cfg.bareLength
	}
	var bare *bareServer
	where := "in a process of its own"
	if cfg.bareInProcess {
		bare, err = startBare(rep.targets)
		where = "in the load generator's process"
	} else {
		bare, err = startBareProcess(rep.targets, dir)
	}
	if err != nil {
		return err
	}
	defer bare.stop()
	rounds := max(1, int(cfg.dur/time.Second))
	encoding := "identity (no Accept-Encoding)"
	if cfg.gzip {
		encoding = "gzip (Accept-Encoding: gzip)"
	}
	framing := "c.Blob, so chunked where the app may send Content-Length"
	if cfg.bareLength {
		framing = "with Content-Length"
	}
	fmt.Fprintf(stdout, "bare: echo.New() with no middleware, %s, on http://%s, replaying the app's captured body and Content-Type (%s)\n", where, bare.addr, framing)
	fmt.Fprintf(stdout, "load: vegeta, closed loop of %d workers (one keep-alive connection each), %v per target and server in %d rounds taken in turn (app, bare, app, …); encoding %s; %d CPUs, GOMAXPROCS %d\n\n",
		cfg.conc, cfg.dur, rounds, encoding, runtime.NumCPU(), runtime.GOMAXPROCS(0))

	for _, t := range rep.targets {
		fmt.Fprintln(stdout, t.name())
		if t.skip != "" || t.fail != "" {
			fmt.Fprintf(stdout, "  not run: %s%s\n\n", t.skip, t.fail)
			continue
		}
		var acc [2]sample
		pids := [2]int{app.cmd.Process.Pid, bare.pid()}
		for range rounds {
			for i, base := range []string{"http://" + app.addr, "http://" + bare.addr} {
				if err := runLoad(ctx, &acc[i], t, base, pids[i], cfg.conc, cfg.dur/time.Duration(rounds), cfg.gzip); err != nil {
					return fmt.Errorf("%s: %w", t.name(), err)
				}
			}
		}
		r := [2]result{acc[0].result(t.want), acc[1].result(t.want)}
		rep.results[t] = r
		printTarget(stdout, t, r)
	}
	mem, memErr := readMemory(app.cmd.Process.Pid)
	var rest memory
	if memErr == nil {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(cfg.rest):
		}
		rest, memErr = readMemory(app.cmd.Process.Pid)
	}
	stopped = true
	if err := app.stop(20 * time.Second); err != nil {
		return fmt.Errorf("stopping the app: %w", err)
	}
	if memErr != nil {
		return fmt.Errorf("app memory: %w", memErr)
	}
	rep.mem, rep.rest, rep.restFor = mem, rest, cfg.rest
	fmt.Fprintf(stdout, "app (SQLite) RSS after load: %.1f MB right after, %.1f MB after %v at rest (peak %.1f MB)\n\n",
		mb(mem.RSS), mb(rest.RSS), cfg.rest, mb(rest.HWM))
	return nil
}

// runPostgres starts a throwaway cluster and measures submissions on an
// app instance over it, with the same load.
func runPostgres(ctx context.Context, cfg config, bin, dir string, stdout io.Writer, rep *report) error {
	cl, err := pgtest.Start(ctx)
	if errors.Is(err, pgtest.ErrNoServer) {
		rep.pgNote = err.Error()
		return nil
	} else if err != nil {
		return err
	}
	defer cl.Stop()
	dsn, err := cl.CreateDatabase(ctx)
	if err != nil {
		return err
	}
	app, err := startReady(ctx, bin, dir, "postgres", dsn, stdout)
	if err != nil {
		return err
	}
	defer app.stop(20 * time.Second)
	t := &target{method: "POST", path: assessmentsPath, want: 201}
	if err := capture(ctx, "http://"+app.addr, []*target{t}, cfg.gzip); err != nil {
		return err
	}
	if t.skip != "" || t.fail != "" {
		rep.pgNote = t.skip + t.fail
		return nil
	}
	var s sample
	if err := runLoad(ctx, &s, t, "http://"+app.addr, app.cmd.Process.Pid, cfg.conc, cfg.dur, cfg.gzip); err != nil {
		return err
	}
	r := s.result(t.want)
	rep.pg = &r
	fmt.Fprintf(stdout, "%s on PostgreSQL (throwaway cluster, fsync off: it measures the app, not disk flushes)\n", t.name())
	printTable(stdout, []string{"app"}, []result{r})
	fmt.Fprintln(stdout)
	return nil
}

// startReady starts the app over db and waits until it answers /readyz.
func startReady(ctx context.Context, bin, dir, name, db string, stdout io.Writer) (*appProc, error) {
	app, err := startApp(bin, dir, name, db)
	if err != nil {
		return nil, err
	}
	t0 := time.Now()
	if err := app.waitReady(ctx, 60*time.Second); err != nil {
		_ = app.stop(5 * time.Second)
		return nil, err
	}
	fmt.Fprintf(stdout, "app (%s): pid %d on http://%s, ready in %.1fs, fresh database, ROLEFIT_SUBMIT_RATE=0\n",
		name, app.cmd.Process.Pid, app.addr, time.Since(t0).Seconds())
	if m, err := readMemory(app.cmd.Process.Pid); err == nil {
		fmt.Fprintf(stdout, "app (%s) RSS before load: %.1f MB\n", name, mb(m.RSS))
	}
	return app, nil
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
	printTable(w, []string{"app", "bare"}, r[:])
	fmt.Fprintf(w, "  ratio app/bare req/s: %.2f", ratio(r[0].RPS, r[1].RPS))
	if r[0].CPUPerOK > 0 && r[1].CPUPerOK > 0 {
		fmt.Fprintf(w, "; ratio bare/app CPU per request: %.2f", ratio(float64(r[1].CPUPerOK), float64(r[0].CPUPerOK)))
	}
	fmt.Fprint(w, "\n\n")
}

func printTable(w io.Writer, names []string, rs []result) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tserver\treq/s\tp50 ms\tp99 ms\tCPU µs/req\terrors\t")
	for i, x := range rs {
		errs := fmt.Sprint(x.errors())
		if d := x.errorDetail(); d != "" {
			errs += " (" + d + ")"
		}
		cpu := "-"
		if x.CPUPerOK > 0 {
			cpu = fmt.Sprintf("%.0f", float64(x.CPUPerOK.Nanoseconds())/1000)
		}
		fmt.Fprintf(tw, "\t%s\t%.0f\t%.2f\t%.2f\t%s\t%s\t\n", names[i], x.RPS, ms(x.P50), ms(x.P99), cpu, errs)
	}
	_ = tw.Flush()
}

// printSummary prints the targets and reports whether any was missed.
func printSummary(w io.Writer, rep report) (failed bool) {
	verdict := func(ok bool) string {
		if ok {
			return "PASS"
		}
		failed = true
		return "FAIL"
	}
	fmt.Fprintln(w, "summary")
	for _, t := range rep.targets {
		r, ran := rep.results[t]
		switch t.path {
		case profilePath:
			if !ran {
				fmt.Fprintf(w, "  %s  profile req/s ratio app/bare >= %.1f: not measured (%s%s)\n", verdict(false), minProfileRatio, t.skip, t.fail)
				continue
			}
			q := ratio(r[0].RPS, r[1].RPS)
			fmt.Fprintf(w, "  %s  profile req/s ratio app/bare >= %.1f: %.2f\n", verdict(q >= minProfileRatio), minProfileRatio, q)
		case assessmentsPath:
			if !ran {
				fmt.Fprintf(w, "  %s  submissions on SQLite: not measured (%s%s)\n", verdict(false), t.skip, t.fail)
				continue
			}
			n := r[0].errors()
			fmt.Fprintf(w, "  %s  submissions on SQLite >= %d/s with zero errors: %.0f/s, %d errors in %d requests\n",
				verdict(n == 0 && r[0].RPS >= minSubmitRate), minSubmitRate, r[0].RPS, n, n+r[0].OK)
		}
	}
	switch {
	case rep.pg != nil:
		n := rep.pg.errors()
		fmt.Fprintf(w, "  %s  submissions on PostgreSQL with zero errors: %.0f/s, %d errors in %d requests\n", verdict(n == 0), rep.pg.RPS, n, n+rep.pg.OK)
	default:
		fmt.Fprintf(w, "  SKIP  submissions on PostgreSQL: %s\n", rep.pgNote)
	}
	fmt.Fprintf(w, "  %s  app RSS after load, at rest, <= %d MB: %.1f MB after %v (%.1f MB right after the load, peak %.1f MB)\n",
		verdict(mb(rep.rest.RSS) <= maxRSSMB), maxRSSMB, mb(rep.rest.RSS), rep.restFor, mb(rep.mem.RSS), mb(rep.rest.HWM))
	return failed
}
