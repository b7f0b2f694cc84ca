package server

import (
	"context"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"rolefit/internal/importer"
)

func TestImportedOccupationsGetDataOnlyProfiles(t *testing.T) {
	ref := referenceDir(t)
	a := newTestApp(t)
	ds, err := importer.Load(filepath.Join(ref, "onet"), filepath.Join(ref, "bls"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.db.ImportOccupations(context.Background(), ds.Occupations); err != nil {
		t.Fatal(err)
	}
	// Software Developers: unrated in O*NET 29.3, filled from a relative.
	res, body := a.get(t, "/occupations/15-1252.00")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, "<h1>Software Developers</h1>", "Description from the O*NET 29.3 Database",
		"closest rated relative", `href="/roles/software-developer"`)
	// An occupation with no role and no OEWS wages still renders honestly.
	res, body = a.get(t, "/occupations/45-3031.00")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, "not published")
	// Category pages list the field's data-only occupations.
	res, body = a.get(t, "/roles/category/technology")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, "More Technology occupations", `href="/occupations/15-1299.06"`)
	// Data-only occupations are searchable, after the written roles.
	res, body = a.get(t, "/search?q=forensics")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, `href="/occupations/15-1299.06"`, "data-only profile")
	res, _ = a.get(t, "/occupations/99-9999.00")
	wantStatus(t, res, http.StatusNotFound)
}

func TestImportedOccupationsAreMatched(t *testing.T) {
	ref := referenceDir(t)
	ds, err := importer.Load(filepath.Join(ref, "onet"), filepath.Join(ref, "bls"), nil)
	if err != nil {
		t.Fatal(err)
	}
	a := newTestAppTB(t, appSetup{extra: ds.Occupations})
	if err := a.db.ImportOccupations(context.Background(), ds.Occupations); err != nil {
		t.Fatal(err)
	}
	if got := len(a.srv.targets); got < 850 {
		t.Fatalf("got %d match targets, want every rated occupation (850+)", got)
	}
	loc := a.answerAll(t, func(id string) int { return 1 + len(id)*7%5 })
	res, body := a.get(t, loc)
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, "Show all "+strconv.Itoa(len(a.srv.targets))+" matches", `href="/occupations/`)
	if got := strings.Count(body, "<li><a href=\"/"); got > topMatches+restShown+10 {
		t.Errorf("default page lists %d matches, want at most about %d", got, topMatches+restShown)
	}
	_, body = a.get(t, loc+"?all=1")
	if got := strings.Count(body, `<span class="muted">`); got < len(a.srv.targets)-topMatches {
		t.Errorf("?all=1 lists %d further matches, want %d", got, len(a.srv.targets)-topMatches)
	}
}
