package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rolefit/data"
	"rolefit/internal/assessment"
	"rolefit/internal/catalog"
	"rolefit/internal/roles"
	"rolefit/internal/store"
)

// TestLiveServerPicksUpAnImport: an import written to the database by
// anyone (another instance, `app import`) is served without a restart.
func TestLiveServerPicksUpAnImport(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "live.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cat, err := catalog.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SyncCatalog(ctx, cat); err != nil {
		t.Fatal(err)
	}
	bank, err := assessment.LoadBank(data.FS, "questions.yaml")
	if err != nil {
		t.Fatal(err)
	}
	live, err := NewLive(ctx, Config{SessionKeys: [][]byte{make([]byte, 32)}},
		Deps{Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), DB: db, Catalog: cat, Bank: bank}, db)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(live)
	defer ts.Close()
	wctx, stop := context.WithCancel(ctx)
	defer stop()
	go live.Watch(wctx, 20*time.Millisecond)

	get := func(path string) (int, string) {
		t.Helper()
		res, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	const code = "15-1299.77"
	if status, _ := get("/occupations/" + code); status != http.StatusNotFound {
		t.Fatalf("before the import: got %d, want 404", status)
	}
	first := live.Server()

	// A matchable occupation no role covers, imported behind the server's back.
	o := cat.Occupations[cat.Roles[0].ONetCode]
	o.ONetCode, o.Title, o.Description = code, "Zebra Data Wrangler", "Wrangles zebra data."
	if err := db.ImportOccupations(ctx, []roles.Occupation{o}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for live.Server() == first && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if live.Server() == first {
		t.Fatal("the server was not rebuilt after the import")
	}
	status, body := get("/occupations/" + code)
	if status != http.StatusOK || !strings.Contains(body, "Zebra Data Wrangler") {
		t.Errorf("after the import: got %d, want 200 with the occupation's page", status)
	}
	if _, ok := live.Server().targets[OccupationSlug(code)]; !ok {
		t.Error("the imported occupation is not a match target")
	}
	_, metrics := get("/metrics")
	if !strings.Contains(metrics, `route="/occupations/:code",status="404"} 1`) {
		t.Error("the request counted before the rebuild is gone from /metrics")
	}
}
