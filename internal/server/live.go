package server

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"rolefit/internal/roles"
)

// CatalogSource is where a live server learns that `app import` (run by
// any instance, or by hand) changed the imported occupations.
type CatalogSource interface {
	// CatalogVersion changes whenever the imported occupations do, and
	// when an instance syncs a different embedded catalog.
	CatalogVersion(ctx context.Context) (int64, error)
	AllOccupations(ctx context.Context) ([]roles.Occupation, error)
}

// Live serves through the current Server and replaces it with a new one,
// built from the database's occupations, when the catalog version moves:
// an import is matched, listed and shown by every instance without a
// restart. Each request runs on one Server from start to end, so a swap
// never mixes two catalogs in one answer; the new Server starts with an
// empty page cache and keeps the old one's metrics (its per-client
// submission limits start afresh: imports are rare).
type Live struct {
	cfg     Config
	deps    Deps
	src     CatalogSource
	cur     atomic.Pointer[Server]
	version int64
}

// NewLive builds the first Server from the source's current occupations.
func NewLive(ctx context.Context, cfg Config, d Deps, src CatalogSource) (*Live, error) {
	l := &Live{cfg: cfg, deps: d, src: src}
	if _, err := l.refresh(ctx, true); err != nil {
		return nil, err
	}
	return l, nil
}

// Server returns the Server answering now.
func (l *Live) Server() *Server { return l.cur.Load() }

// refresh rebuilds the Server if the catalog version moved (or force),
// and reports whether it did.
func (l *Live) refresh(ctx context.Context, force bool) (bool, error) {
	v, err := l.src.CatalogVersion(ctx)
	if err != nil {
		return false, fmt.Errorf("server: catalog version: %w", err)
	}
	if !force && v == l.version {
		return false, nil
	}
	extra, err := l.src.AllOccupations(ctx)
	if err != nil {
		return false, err
	}
	d := l.deps
	d.Extra = extra
	if old := l.cur.Load(); old != nil {
		d.metrics = old.metrics
	}
	s, err := New(l.cfg, d)
	if err != nil {
		return false, err
	}
	l.cur.Store(s)
	l.version = v
	return true, nil
}

// Watch checks the catalog version every interval until ctx ends. A failed
// check is logged and retried; the current Server goes on answering.
func (l *Live) Watch(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		swapped, err := l.refresh(ctx, false)
		switch {
		case err != nil && ctx.Err() == nil:
			l.deps.Log.Warn("catalog check failed", slog.Any("err", err))
		case swapped:
			l.deps.Log.Info("catalog changed: rebuilt matching, listings and caches", slog.Int64("version", l.version))
		}
	}
}

// ServeHTTP answers with the current Server.
func (l *Live) ServeHTTP(w http.ResponseWriter, r *http.Request) { l.cur.Load().echo.ServeHTTP(w, r) }

// MetricsHandler serves the metrics, which every Server of l shares.
func (l *Live) MetricsHandler() http.Handler { return l.cur.Load().MetricsHandler() }

// Listener wraps ln as Server.Listener does.
func (l *Live) Listener(ln net.Listener) net.Listener { return l.cur.Load().Listener(ln) }
