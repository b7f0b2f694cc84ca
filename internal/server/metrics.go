package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the Prometheus series the app exports at /metrics. Each
// Server has its own registry, so tests never share global state.
type metrics struct {
	reg         *prometheus.Registry
	requests    *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	submissions prometheus.Counter
	dbErrors    prometheus.Counter
}

func newMetrics() *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "rolefit_http_requests_total",
		Help: "HTTP requests by route pattern, method and status."}, []string{"route", "method", "status"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "rolefit_http_request_duration_seconds",
		Help: "HTTP request latency by route pattern.", Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5}},
		[]string{"route"})
	m.submissions = prometheus.NewCounter(prometheus.CounterOpts{Name: "rolefit_submissions_total",
		Help: "Quiz results saved (browser and API)."})
	m.dbErrors = prometheus.NewCounter(prometheus.CounterOpts{Name: "rolefit_db_errors_total",
		Help: "Requests that failed because of the database."})
	m.reg.MustRegister(m.requests, m.latency, m.submissions, m.dbErrors,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// observe records one request. route must be a route pattern (bounded by
// the router); the method is folded into a fixed set, so invented methods
// cannot grow the series without bound.
func (m *metrics) observe(route, method string, status int, latency time.Duration) {
	m.requests.WithLabelValues(route, methodLabel(method), strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route).Observe(latency.Seconds())
}

// handler serves the metrics on the main router, whose gzip middleware
// compresses them.
func (m *metrics) handler() echo.HandlerFunc {
	return echo.WrapHandler(promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{DisableCompression: true}))
}

// httpHandler serves the metrics on a listener of their own.
func (m *metrics) httpHandler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// methodLabel is method if it is one of HTTP's standard methods, else "other".
func methodLabel(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return method
	}
	return "other"
}
