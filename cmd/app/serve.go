package main

import (
	"context"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"runtime/debug"
	"strconv"
	"time"

	"rolefit/data"
	"rolefit/internal/assessment"
	"rolefit/internal/catalog"
	"rolefit/internal/server"
	"rolefit/internal/store"
)

type serveConfig struct {
	addr, metricsAddr, db, sessionKey, bodyLimit string
	secureCookies, trustProxy                    bool
	submitRate, dbMaxMB                          int
	pool                                         store.Pool
	catalogPoll                                  time.Duration
}

func envBool(getenv func(string) string, key string) bool {
	b, _ := strconv.ParseBool(getenv(key))
	return b
}

// dbUsage documents --db for serve and import alike.
const dbUsage = "SQLite database file, created with its folder, or a PostgreSQL URL postgres:// URL (user, password, host, port, database name, sslmode) shared by every instance (env ROLEFIT_DB)"

// envInt and envDuration read a default from the environment; a value that
// does not parse is passed on as an invalid one (-1), so that serve refuses
// it with a message instead of silently using the default.
func envInt(getenv func(string) string, key string, def int) int {
	v := getenv(key)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return -1
	}
	return n
}

func envDuration(getenv func(string) string, key string, def time.Duration) time.Duration {
	v := getenv(key)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return -1
	}
	return d
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

func serveFlags(getenv func(string) string, stderr io.Writer) (*flag.FlagSet, *serveConfig) {
	var c serveConfig
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", envOr(getenv, "ROLEFIT_ADDR", "127.0.0.1:8080"), "listen address (env ROLEFIT_ADDR)")
	fs.StringVar(&c.metricsAddr, "metrics-addr", getenv("ROLEFIT_METRICS_ADDR"), "serve /metrics on this address instead of the main one, e.g. 127.0.0.1:9090 (env ROLEFIT_METRICS_ADDR)")
	fs.StringVar(&c.db, "db", envOr(getenv, "ROLEFIT_DB", "var/rolefit.db"), dbUsage)
	fs.IntVar(&c.pool.MaxConns, "db-max-conns", envInt(getenv, "ROLEFIT_DB_MAX_CONNS", 10), "PostgreSQL: connections this instance opens at most; times the instances, keep it under the server's max_connections (env ROLEFIT_DB_MAX_CONNS)")
	fs.IntVar(&c.pool.MaxIdleConns, "db-max-idle-conns", envInt(getenv, "ROLEFIT_DB_MAX_IDLE_CONNS", 0), "PostgreSQL: idle connections kept open; 0 means as many as --db-max-conns (env ROLEFIT_DB_MAX_IDLE_CONNS)")
	fs.DurationVar(&c.pool.ConnMaxLifetime, "db-conn-lifetime", envDuration(getenv, "ROLEFIT_DB_CONN_LIFETIME", 30*time.Minute), "PostgreSQL: reopen each connection after this long, so failovers reach every one (env ROLEFIT_DB_CONN_LIFETIME)")
	fs.DurationVar(&c.catalogPoll, "catalog-poll", envDuration(getenv, "ROLEFIT_CATALOG_POLL", 2*time.Second), "how often to check whether an `app import` changed the catalog (env ROLEFIT_CATALOG_POLL)")
	fs.BoolVar(&c.secureCookies, "secure-cookies", envBool(getenv, "ROLEFIT_SECURE_COOKIES"), "mark cookies Secure and send HSTS: set when served over HTTPS (env ROLEFIT_SECURE_COOKIES)")
	fs.BoolVar(&c.trustProxy, "trust-proxy", envBool(getenv, "ROLEFIT_TRUST_PROXY"), "trust X-Forwarded-For and X-Forwarded-Proto from a reverse proxy (env ROLEFIT_TRUST_PROXY)")
	fs.StringVar(&c.sessionKey, "session-key", getenv("ROLEFIT_SESSION_KEY"), "hex session signing key of 64 bytes; default: generated once and kept in the database (env ROLEFIT_SESSION_KEY)")
	fs.StringVar(&c.bodyLimit, "body-limit", envOr(getenv, "ROLEFIT_BODY_LIMIT", "64K"), "largest request body accepted (env ROLEFIT_BODY_LIMIT)")
	rate, err := strconv.Atoi(envOr(getenv, "ROLEFIT_SUBMIT_RATE", "60"))
	if err != nil {
		rate = 60
	}
	fs.IntVar(&c.submitRate, "submit-rate", rate, "quiz results one client may save per minute; 0 turns the limit off (env ROLEFIT_SUBMIT_RATE)")
	maxMB, err := strconv.Atoi(envOr(getenv, "ROLEFIT_DB_MAX_MB", "0"))
	if err != nil {
		maxMB = -1 // rejected after parsing, unless a flag overrides it
	}
	fs.IntVar(&c.dbMaxMB, "db-max-mb", maxMB, "largest size of the database file in MB, to bound disk use; past it saving results answers 503 while pages keep working; 0 means no limit (env ROLEFIT_DB_MAX_MB)")
	return fs, &c
}

// heapHeadroom is how much the Go heap may grow past what is live after
// start-up before the collector runs: about one collection per 100
// submissions. The live heap itself grows with the catalog (about 45 MB
// with 339 roles, most of it the search index of their titles, O*NET's
// 21,000 alternate titles and their prose): a fixed limit below it made
// the collector run without pause.
const heapHeadroom = 24 << 20

// tuneGC sets how the collector trades memory for CPU once start-up is
// done, unless the operator chose (GOGC, GOMEMLIMIT): it returns to the OS
// what loading the catalog left behind (otherwise it stays resident until
// the scavenger gets to it), then sets GOGC 400, so that an idle server
// does not collect for nothing, under a soft memory limit of what is in
// use plus heapHeadroom, which decides when to collect under load.
// Start-up itself runs at Go's default GOGC: at 400 its garbage (the
// search index is built from every word of the catalog) reached five
// times the live heap, a peak whose fragments stayed in use.
func tuneGC(getenv func(string) string) {
	debug.FreeOSMemory()
	if getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if getenv("GOMEMLIMIT") != "" {
		return
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	debug.SetMemoryLimit(int64(m.Sys-m.HeapReleased) + heapHeadroom) // #nosec G115 -- memory in use fits an int64
}

func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	start := time.Now()
	fs, cfg := serveFlags(getenv, stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	switch {
	case cfg.dbMaxMB < 0:
		return fmt.Errorf("--db-max-mb (or ROLEFIT_DB_MAX_MB): want a whole number of MB, 0 for no limit")
	case cfg.pool.MaxConns < 1, cfg.pool.MaxIdleConns < 0, cfg.pool.ConnMaxLifetime <= 0:
		return fmt.Errorf("--db-max-conns, --db-max-idle-conns, --db-conn-lifetime (or their ROLEFIT_ variables): want a positive number, a duration such as 30m")
	case cfg.catalogPoll <= 0:
		return fmt.Errorf("--catalog-poll (or ROLEFIT_CATALOG_POLL): want a duration such as 2s")
	}
	lw := newLogWriter(stdout, 250*time.Millisecond)
	defer lw.Close()
	log := slog.New(slog.NewJSONHandler(lw, nil))

	db, err := store.OpenWith(ctx, cfg.db, store.Options{MaxSizeMB: cfg.dbMaxMB, Pool: cfg.pool})
	if err != nil {
		return err
	}
	defer db.Close()
	cat, err := syncEmbedded(ctx, db)
	if err != nil {
		return err
	}
	keys, err := sessionKeys(ctx, db, cfg.sessionKey)
	if err != nil {
		return err
	}
	bank, err := assessment.LoadBank(data.FS, "questions.yaml")
	if err != nil {
		return err
	}
	srv, err := server.NewLive(ctx, server.Config{SecureCookies: cfg.secureCookies, TrustProxy: cfg.trustProxy,
		SessionKeys: keys, BodyLimit: cfg.bodyLimit, SubmitRate: cfg.submitRate, MetricsElsewhere: cfg.metricsAddr != ""},
		server.Deps{Log: log, DB: db, Catalog: cat, Bank: bank}, db)
	if err != nil {
		return err
	}
	watchCtx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	go srv.Watch(watchCtx, cfg.catalogPoll)

	tuneGC(getenv)
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	idle := newIdleRelease(srv)
	go idle.run(watchCtx, time.Second)
	servers := []*http.Server{httpServer(idle, log)}
	listeners := []net.Listener{srv.Listener(ln)}
	if cfg.metricsAddr != "" {
		mln, err := net.Listen("tcp", cfg.metricsAddr)
		if err != nil {
			_ = ln.Close()
			return err
		}
		servers = append(servers, httpServer(srv.MetricsHandler(), log))
		listeners = append(listeners, mln)
		log.Info("metrics listening", "addr", "http://"+mln.Addr().String())
	}
	log.Info("listening", "addr", "http://"+ln.Addr().String(), "db", store.Redact(cfg.db), "roles", len(cat.Roles), "startup", time.Since(start).String())

	errc := make(chan error, len(servers))
	for i, hs := range servers {
		go func() { errc <- hs.Serve(listeners[i]) }()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	for _, hs := range servers {
		if err := hs.Shutdown(shutCtx); err != nil {
			return fmt.Errorf("shutdown: %w", err)
		}
	}
	log.Info("stopped")
	return nil
}

// httpServer is an http.Server with explicit timeouts and header bound.
func httpServer(h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// sessionKeys returns the configured key, or one generated once and kept in
// the database so that sessions survive a restart.
func sessionKeys(ctx context.Context, db *store.DB, configured string) ([][]byte, error) {
	if configured != "" {
		k, err := hex.DecodeString(configured)
		if err != nil || len(k) < 32 {
			return nil, fmt.Errorf("session key: want at least 32 bytes as hex")
		}
		return [][]byte{k}, nil
	}
	hash, err := db.SecretKey(ctx, "session_hash_key", 64)
	if err != nil {
		return nil, err
	}
	block, err := db.SecretKey(ctx, "session_block_key", 32)
	if err != nil {
		return nil, err
	}
	return [][]byte{hash, block}, nil
}

// syncEmbedded loads and checks the embedded catalog, syncs it into the
// database and returns it.
func syncEmbedded(ctx context.Context, db *store.DB) (*catalog.Catalog, error) {
	cat, err := catalog.Load(data.FS)
	if err != nil {
		return nil, err
	}
	return cat, db.SyncCatalog(ctx, cat)
}
