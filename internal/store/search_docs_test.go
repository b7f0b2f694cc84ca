package store

import (
	"context"
	"reflect"
	"testing"

	"rolefit/data"
	"rolefit/internal/catalog"
	"rolefit/internal/roles"
	"rolefit/internal/search"
)

// TestSearchDocsRoundTrip checks that the search index built from the
// database, on either backend, sees exactly what it would see built from
// the catalog itself, and that imports and syncs of a changed catalog move
// the catalog version.
func TestSearchDocsRoundTrip(t *testing.T) { backends(t, testSearchDocsRoundTrip) }

func testSearchDocsRoundTrip(t *testing.T, db *DB) {
	ctx := context.Background()
	v0, err := db.CatalogVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SyncCatalog(ctx, cat); err != nil {
		t.Fatal(err)
	}
	docs, v1, err := db.SearchDocs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v1 <= v0 {
		t.Errorf("catalog version after a sync: got %d, want more than %d", v1, v0)
	}
	var want []search.Doc
	for _, r := range cat.Roles {
		c, _ := cat.Category(r.Category)
		want = append(want, search.RoleDoc(r, cat.Occupations[r.ONetCode], c.Name))
	}
	if len(docs) != len(want) {
		t.Fatalf("got %d documents, want the %d roles", len(docs), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(docs[i], want[i]) {
			t.Errorf("document %d: got %+v, want %+v", i, docs[i], want[i])
			break
		}
	}
	withTitles := 0
	for _, d := range docs {
		if len(d.ONetTitles) > 0 {
			withTitles++
		}
	}
	if withTitles < len(docs)*9/10 {
		t.Errorf("%d of %d roles carry their occupation's O*NET titles, want nearly all", withTitles, len(docs))
	}

	// An import adds the occupations no role covers, with their titles and
	// descriptions, and moves the version; so does a sync of a changed
	// catalog, and its empty list of titles does not erase imported ones.
	covered := cat.Roles[0].ONetCode
	occs := []roles.Occupation{
		{ONetCode: "99-0001.00", SOCCode: "99-0001", Title: "Made-up Harbor Pilots", Description: "Guide ships. Other words.", Titles: []string{"Bar Pilot"}},
		{ONetCode: covered, SOCCode: roles.SOCOf(covered), Title: cat.Occupations[covered].Title, Titles: []string{"Imported Title"}},
	}
	if err := db.ImportOccupations(ctx, occs); err != nil {
		t.Fatal(err)
	}
	if err := db.SyncCatalog(ctx, &catalog.Catalog{Categories: cat.Categories, Roles: cat.Roles, Occupations: map[string]roles.Occupation{covered: {ONetCode: covered, SOCCode: roles.SOCOf(covered), Title: "T"}}}); err != nil {
		t.Fatal(err)
	}
	docs, v2, err := db.SearchDocs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v2 < v1+2 {
		t.Errorf("catalog version after an import and a sync: got %d, want at least %d", v2, v1+2)
	}
	last := docs[len(docs)-1]
	if len(docs) != len(cat.Roles)+1 || last.Kind != search.KindOccupation || last.Key != "99-0001.00" ||
		last.Summary != "Guide ships." || !reflect.DeepEqual(last.ONetTitles, []string{"Bar Pilot"}) {
		t.Errorf("after import: got %d documents ending %+v, want the roles and the data-only occupation", len(docs), last)
	}
	for _, d := range docs {
		if d.Kind == search.KindRole && d.Key == cat.Roles[0].Slug && !reflect.DeepEqual(d.ONetTitles, []string{"Imported Title"}) {
			t.Errorf("%s: titles %v, want the imported ones kept through a sync without titles", d.Key, d.ONetTitles)
		}
	}
}
