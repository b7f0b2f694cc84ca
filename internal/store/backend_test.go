package store

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"rolefit/data"
	"rolefit/internal/catalog"
	"rolefit/internal/pgtest"
	"rolefit/internal/roles"
)

func TestMigrationsMatchAcrossDialects(t *testing.T) {
	lite, err := migrationNames(false)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := migrationNames(true)
	if err != nil {
		t.Fatal(err)
	}
	base := func(names []string) []string {
		out := make([]string, len(names))
		for i, n := range names {
			out[i] = n[strings.LastIndexByte(n, '/')+1:]
		}
		return out
	}
	if !reflect.DeepEqual(base(lite), base(pg)) {
		t.Errorf("SQLite migrations %v, PostgreSQL migrations %v: every migration needs both dialects, under one name", base(lite), base(pg))
	}
}

func TestResultLifecycle(t *testing.T) { backends(t, testResultLifecycle) }

func testResultLifecycle(t *testing.T, db *DB) {
	ctx := context.Background()
	// A time the caller chose, not the store's clock: what the caller
	// showed at once must be what reading the result back gives.
	created := time.Date(2026, 3, 4, 5, 6, 7, 800_000_000, time.FixedZone("", 3600))
	id, err := db.CreateResult(ctx, created, threeAnswers, 2)
	if err != nil {
		t.Fatal(err)
	}
	if !ValidResultID(id) {
		t.Fatalf("got id %q, want a valid result id", id)
	}
	r, err := db.Result(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r.Answers, threeAnswers) || r.FastPages != 2 || len(r.Hidden) != 0 || r.CreatedAt.IsZero() {
		t.Errorf("got %+v, want the saved answers, 2 fast pages, nothing hidden, a time", r)
	}
	if want := created.UTC().Truncate(time.Second); !r.CreatedAt.Equal(want) {
		t.Errorf("created at %v, want %v (the caller's time, to the second)", r.CreatedAt, want)
	}
	for _, step := range []struct {
		slug string
		hide bool
		want []string
	}{{"chef", true, []string{"chef"}}, {"nurse", true, []string{"chef", "nurse"}}, {"chef", true, []string{"chef", "nurse"}}, {"chef", false, []string{"nurse"}}} {
		if err := db.SetHidden(ctx, id, step.slug, step.hide); err != nil {
			t.Fatal(err)
		}
		r, _ := db.Result(ctx, id)
		if !reflect.DeepEqual(r.Hidden, step.want) {
			t.Errorf("after SetHidden(%s, %v): got %v, want %v", step.slug, step.hide, r.Hidden, step.want)
		}
	}
	// Follow-up answers join the statement answers; a second answer to
	// the same question replaces the first.
	if err := db.AddAnswers(ctx, id, map[string]int{"fu_build": 2}); err != nil {
		t.Fatal(err)
	}
	if err := db.AddAnswers(ctx, id, map[string]int{"fu_build": 1, "fu_scope": 2}); err != nil {
		t.Fatal(err)
	}
	r, _ = db.Result(ctx, id)
	want := map[string]int{"fu_build": 1, "fu_scope": 2}
	for k, v := range threeAnswers {
		want[k] = v
	}
	if !reflect.DeepEqual(r.Answers, want) {
		t.Errorf("after AddAnswers: got %v, want %v", r.Answers, want)
	}
	if err := db.DeleteResult(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Result(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted result: got %v, want ErrNotFound", err)
	}
	if err := db.AddAnswers(ctx, id, map[string]int{"fu_build": 1}); !errors.Is(err, ErrNotFound) {
		t.Errorf("answering a deleted result: got %v, want ErrNotFound", err)
	}
	if err := db.DeleteResult(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice: got %v, want ErrNotFound", err)
	}
	if err := db.SetHidden(ctx, id, "chef", true); !errors.Is(err, ErrNotFound) {
		t.Errorf("hiding in a deleted result: got %v, want ErrNotFound", err)
	}
	if _, err := db.Result(ctx, "not-an-id"); !errors.Is(err, ErrNotFound) {
		t.Errorf("junk id: got %v, want ErrNotFound", err)
	}
}

// importFixture is two imported occupations no role covers, copied from
// the catalog under invented codes, and one the catalog already has.
func importFixture(t *testing.T, cat *catalog.Catalog) []roles.Occupation {
	t.Helper()
	var out []roles.Occupation
	for _, r := range cat.Roles[:3] {
		o := cat.Occupations[r.ONetCode]
		out = append(out, o)
	}
	extra := out[0]
	extra.ONetCode, extra.SOCCode, extra.Title, extra.Description = "99-9999.01", "99-9999", "Zebra Keeper", "Keeps zebras. Feeds them well."
	out = append(out, extra)
	extra.ONetCode, extra.Title, extra.Description = "99-9999.02", "aardvark Trainer", "Trains aardvarks."
	return append(out, extra)
}

// TestReadsAgreeAcrossBackends fills both backends the same way and checks
// that every read answers exactly the same, order included.
func TestReadsAgreeAcrossBackends(t *testing.T) {
	ctx := context.Background()
	cat, err := catalog.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	lite, _ := openTest(t)
	pg := openPostgresTest(t)
	for _, db := range []*DB{lite, pg} {
		if err := db.SyncCatalog(ctx, cat); err != nil {
			t.Fatal(err)
		}
		if err := db.ImportOccupations(ctx, importFixture(t, cat)); err != nil {
			t.Fatal(err)
		}
	}
	reads := map[string]func(db *DB) (any, error){
		"Categories":     func(db *DB) (any, error) { return db.Categories(ctx) },
		"CategoryBySlug": func(db *DB) (any, error) { return db.CategoryBySlug(ctx, cat.Roles[0].Category) },
		"Educations":     func(db *DB) (any, error) { return db.Educations(ctx, "") },
		"Role":           func(db *DB) (any, error) { return db.Role(ctx, "back-end-web-developer") },
		"Occupation":     func(db *DB) (any, error) { return db.Occupation(ctx, cat.Roles[0].ONetCode) },
		"Occupation imported": func(db *DB) (any, error) {
			return db.Occupation(ctx, "99-9999.01")
		},
		"DataOnlyOccupations": func(db *DB) (any, error) {
			return db.DataOnlyOccupations(ctx, func(string) bool { return true })
		},
		"AllOccupations": func(db *DB) (any, error) { return db.AllOccupations(ctx) },
		"CountOccupations": func(db *DB) (any, error) {
			total, imported, err := db.CountOccupations(ctx)
			return [2]int{total, imported}, err
		},
		// Search is built from these, so it ranks alike on both.
		"SearchDocs": func(db *DB) (any, error) {
			docs, version, err := db.SearchDocs(ctx)
			return []any{docs, version}, err
		},
	}
	for _, sort := range []string{SortTitle, SortPay, SortGrowth} {
		for _, f := range []RoleFilter{{Sort: sort}, {Sort: sort, Category: cat.Roles[0].Category}, {Sort: sort, Education: "Bachelor's degree"}} {
			reads["RoleSummaries "+sort+" "+f.Category+" "+f.Education] = func(db *DB) (any, error) { return db.RoleSummaries(ctx, f) }
		}
	}
	for name, read := range reads {
		a, aerr := read(lite)
		b, berr := read(pg)
		if aerr != nil || berr != nil {
			t.Errorf("%s: SQLite error %v, PostgreSQL error %v", name, aerr, berr)
			continue
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s differs:\nSQLite     %.600v\nPostgreSQL %.600v", name, a, b)
		}
	}
	// The data-only list is sorted case-insensitively on both.
	d, _ := pg.DataOnlyOccupations(ctx, func(string) bool { return true })
	if len(d) != 2 || d[0].Title != "aardvark Trainer" {
		t.Errorf("data-only occupations: got %v, want aardvark Trainer then Zebra Keeper", d)
	}
}

// TestInstancesStartingAtOnce opens one PostgreSQL database from several
// goroutines at once, as instances starting together do: the advisory lock
// applies each migration once, the catalog syncs do not collide, and every
// instance reads the same session key.
func TestInstancesStartingAtOnce(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.Database(t)
	cat, err := catalog.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	const n = 4
	keys := make([][]byte, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			db, err := Open(ctx, dsn)
			if err != nil {
				errs[i] = err
				return
			}
			defer db.Close()
			if err := db.SyncCatalog(ctx, cat); err != nil {
				errs[i] = err
				return
			}
			keys[i], errs[i] = db.SecretKey(ctx, "session_hash_key", 64)
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("instance %d: %v", i, err)
		}
	}
	for i := 1; i < n; i++ {
		if !bytes.Equal(keys[i], keys[0]) {
			t.Errorf("instance %d got another session key than instance 0", i)
		}
	}
	db, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	names, _ := migrationNames(true)
	if got := count(t, db, "schema_migrations"); got != len(names) {
		t.Errorf("got %d migrations recorded, want %d", got, len(names))
	}
	if got := count(t, db, "roles"); got != len(cat.Roles) {
		t.Errorf("got %d roles, want %d", got, len(cat.Roles))
	}
}

func TestPostgresUnreachableIsUnavailable(t *testing.T) {
	_, err := Open(context.Background(), "postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	if err == nil {
		t.Fatal("opened a database on port 1")
	}
	if !IsUnavailable(err) {
		t.Errorf("IsUnavailable(%v) = false, want true", err)
	}
}

func TestRedactHidesThePassword(t *testing.T) {
	got := Redact("postgres://app:s3cret@db:5432/rolefit?sslmode=require")
	if strings.Contains(got, "s3cret") || !strings.Contains(got, "db:5432/rolefit") {
		t.Errorf("Redact: got %q", got)
	}
	if got := Redact("var/rolefit.db"); got != "var/rolefit.db" {
		t.Errorf("Redact of a file: got %q", got)
	}
}

func TestImportMovesTheCatalogVersion(t *testing.T) { backends(t, testCatalogVersion) }

func testCatalogVersion(t *testing.T, db *DB) {
	ctx := context.Background()
	cat, err := catalog.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	// The first sync brings the catalog; syncing the same catalog again
	// (every restart) must not move the version.
	if err := db.SyncCatalog(ctx, cat); err != nil {
		t.Fatal(err)
	}
	v0, err := db.CatalogVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SyncCatalog(ctx, cat); err != nil {
		t.Fatal(err)
	}
	if v, _ := db.CatalogVersion(ctx); v != v0 {
		t.Errorf("a sync of the same catalog moved the version from %d to %d: every restart would rebuild every instance", v0, v)
	}
	if err := db.ImportOccupations(ctx, importFixture(t, cat)); err != nil {
		t.Fatal(err)
	}
	v1, _ := db.CatalogVersion(ctx)
	if v1 == v0 {
		t.Errorf("an import left the version at %d", v0)
	}
}

// TestConcurrentHidesAreAllKept: hides of different matches sent at once
// (two tabs, two instances) must all be kept.
func TestConcurrentHidesAreAllKept(t *testing.T) { backends(t, testConcurrentHides) }

func testConcurrentHides(t *testing.T, db *DB) {
	ctx := context.Background()
	id := newResult(t, db)
	slugs := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	for i, err := range atOnce(slugs, func(slug string) error { return db.SetHidden(ctx, id, slug, true) }) {
		if err != nil {
			t.Fatalf("hide %s: %v", slugs[i], err)
		}
	}
	r, err := db.Result(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Hidden) != len(slugs) {
		t.Errorf("got %v hidden after %d concurrent hides, want all of them", r.Hidden, len(slugs))
	}
}

// newResult saves a result to change.
func newResult(t *testing.T, db *DB) string {
	t.Helper()
	id, err := db.CreateResult(context.Background(), time.Now(), threeAnswers, 0)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// atOnce calls f with every slug, all at the same time, and returns the
// errors in slugs' order.
func atOnce(slugs []string, f func(slug string) error) []error {
	var wg sync.WaitGroup
	errs := make([]error, len(slugs))
	for i, slug := range slugs {
		wg.Go(func() { errs[i] = f(slug) })
	}
	wg.Wait()
	return errs
}
