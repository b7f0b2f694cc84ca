package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

func TestShortlist(t *testing.T) { backends(t, testShortlist) }

func testShortlist(t *testing.T, db *DB) {
	ctx := context.Background()
	id := newResult(t, db)
	r, _ := db.Result(ctx, id)
	if r.Shortlist == nil || len(r.Shortlist) != 0 {
		t.Fatalf("a new result's shortlist: got %#v, want an empty list", r.Shortlist)
	}
	want := func(step string, list ...string) {
		t.Helper()
		r, err := db.Result(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if list == nil {
			list = []string{}
		}
		if !reflect.DeepEqual(r.Shortlist, list) {
			t.Errorf("after %s: got %v, want %v", step, r.Shortlist, list)
		}
	}
	for _, slug := range []string{"a", "b", "c", "d", "e"} {
		if err := db.SetShortlisted(ctx, id, slug, true, ""); err != nil {
			t.Fatal(err)
		}
	}
	want("five stars", "a", "b", "c", "d", "e")
	if err := db.SetShortlisted(ctx, id, "c", true, ""); err != nil {
		t.Errorf("starring a role already there: %v", err)
	}
	want("starring c again", "a", "b", "c", "d", "e")
	if err := db.SetShortlisted(ctx, id, "f", true, ""); !errors.Is(err, ErrShortlistFull) {
		t.Errorf("a sixth star: got %v, want ErrShortlistFull", err)
	}
	want("a sixth star", "a", "b", "c", "d", "e")
	if err := db.SetShortlisted(ctx, id, "f", true, "b"); err != nil {
		t.Fatal(err)
	}
	want("swapping b for f", "a", "c", "d", "e", "f")
	if err := db.SetShortlisted(ctx, id, "g", true, "zz"); !errors.Is(err, ErrShortlistFull) {
		t.Errorf("swapping out a role that is not there: got %v, want ErrShortlistFull", err)
	}
	if err := db.SetShortlisted(ctx, id, "a", false, ""); err != nil {
		t.Fatal(err)
	}
	if err := db.SetShortlisted(ctx, id, "a", false, ""); err != nil {
		t.Errorf("unstarring a role that is not there: %v", err)
	}
	want("unstarring a", "c", "d", "e", "f")
	// The shortlist and the hidden list are separate columns.
	if err := db.SetHidden(ctx, id, "c", true); err != nil {
		t.Fatal(err)
	}
	want("hiding c", "c", "d", "e", "f")
	if r, _ := db.Result(ctx, id); !reflect.DeepEqual(r.Hidden, []string{"c"}) {
		t.Errorf("hidden: got %v, want [c]", r.Hidden)
	}
	if err := db.DeleteResult(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := db.SetShortlisted(ctx, id, "a", true, ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("starring in a deleted result: got %v, want ErrNotFound", err)
	}
}

// TestConcurrentStarsKeepTheLimit: stars sent at once (two tabs, two
// instances) are all kept up to the limit, and never past it.
func TestConcurrentStarsKeepTheLimit(t *testing.T) { backends(t, testConcurrentStars) }

func testConcurrentStars(t *testing.T, db *DB) {
	ctx := context.Background()
	id := newResult(t, db)
	slugs := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	full := 0
	for i, err := range atOnce(slugs, func(slug string) error { return db.SetShortlisted(ctx, id, slug, true, "") }) {
		switch {
		case errors.Is(err, ErrShortlistFull):
			full++
		case err != nil:
			t.Fatalf("star %s: %v", slugs[i], err)
		}
	}
	r, err := db.Result(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Shortlist) != ShortlistMax || full != len(slugs)-ShortlistMax {
		t.Errorf("got %v starred and %d refused after %d concurrent stars, want %d starred and the rest refused", r.Shortlist, full, len(slugs), ShortlistMax)
	}
}
