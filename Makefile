# Rolefit developer commands. `make help` lists them.
export CGO_ENABLED := 1
TAGS     := sqlite_fts5
GO       := go
REF      ?= ../shared/reference
ADDR     ?= 127.0.0.1:8080
# A SQLite file by default; ROLEFIT_DB=postgres://… make run serves PostgreSQL.
DB       ?= $(or $(ROLEFIT_DB),var/rolefit.db)

.DEFAULT_GOAL := help
.PHONY: help run build test fuzz lint bench data eval axe

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

run: ## serve the app on $(ADDR) with the embedded catalog and $(DB) (a file, or ROLEFIT_DB=postgres://…)
	$(GO) run -tags $(TAGS) ./cmd/app serve --addr $(ADDR) --db $(DB)

build: ## build bin/app
	$(GO) build -tags $(TAGS) -trimpath -ldflags '-s -w' -o bin/app ./cmd/app

# The matching evaluation (internal/eval) simulates thousands of
# respondents: under the race detector it alone took 4.5 minutes, so its
# bars run without it, and its one concurrent path (the worker pool of Run)
# runs with it on a small sample. The catalog checks (internal/catalog)
# start no goroutine, so the race detector has nothing to find there; they
# run without it too (136 s with it, a fifth of that without).
NORACE := /internal/eval$$|/internal/catalog$$
test: ## go vet, all tests with the race detector (the evaluation and catalog checks without), short fuzz runs; the store and multi-instance tests also on a throwaway PostgreSQL
	$(GO) vet -tags $(TAGS) ./...
	$(MAKE) fuzz
	$(GO) test -tags $(TAGS) -race -count=1 -timeout 9m $$($(GO) list ./... | grep -Ev '$(NORACE)')
	$(GO) test -tags $(TAGS) -count=1 -timeout 5m ./internal/eval ./internal/catalog
	$(GO) test -tags $(TAGS) -race -count=1 -run '^TestRunDeterministic$$' ./internal/eval

# Budgets are execution counts, sized to about 8 s each on the 2-core CI
# machine: a wall-clock -fuzztime races Go 1.26's fuzz coordinator at the
# deadline and can fail with "context deadline exceeded" and no crasher
# (golang/go#75804, fixed in Go 1.27). FUZZSCALE multiplies every budget.
# -fuzzminimizetime is a count too: the default (60 s per new input) would
# spend a short run minimising instead of fuzzing.
FUZZSCALE ?= 1
FUZZ = $(GO) test -tags $(TAGS) -run '^$$' -fuzzminimizetime 100x -fuzz

fuzz: ## each fuzz target for a bounded number of executions (~8 s each), one at a time (seed corpora in testdata/fuzz)
	$(FUZZ) '^FuzzAPIAssessment$$' -fuzztime $$((8000 * $(FUZZSCALE)))x ./internal/server
	$(FUZZ) '^FuzzQuizForm$$' -fuzztime $$((4000 * $(FUZZSCALE)))x ./internal/server
	$(FUZZ) '^FuzzScore$$' -fuzztime $$((150000 * $(FUZZSCALE)))x ./internal/assessment
	$(FUZZ) '^FuzzSearch$$' -fuzztime $$((20000 * $(FUZZSCALE)))x ./internal/search

lint: ## gofmt check, vet, and staticcheck and gosec when installed
	@out=$$(gofmt -l cmd internal data web); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet -tags $(TAGS) ./...
	@if command -v staticcheck >/dev/null; then staticcheck -tags $(TAGS) ./...; else echo "staticcheck not installed: skipped"; fi
	@if command -v gosec >/dev/null; then gosec -quiet -tags $(TAGS) ./...; else echo "gosec not installed: skipped"; fi

bench: ## Go benchmarks (matching, HTTP handlers)
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./...

AXE_VERSION := 4.14.1
axe: ## install axe-core for the accessibility tests into .cache/npm
	@test -f .cache/npm/node_modules/axe-core/axe.min.js || npm install --silent --no-audit --no-fund --prefix .cache/npm axe-core@$(AXE_VERSION)

data: ## regenerate data/occupations.json and data/onet_titles.json from $(REF)
	$(GO) run ./cmd/datagen -onet $(REF)/onet -bls $(REF)/bls -roles data/roles -out data/occupations.json -titles data/onet_titles.json

eval: ## matching evaluation report on synthetic respondents
	$(GO) run ./cmd/eval

.PHONY: bench-http
bench-http: ## HTTP load: the app against a bare Echo server serving the same bytes
	$(GO) run ./cmd/benchhttp -d 5s -c 16 $(BENCH_HTTP_FLAGS)
