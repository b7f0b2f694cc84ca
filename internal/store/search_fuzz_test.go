package store

import (
	"context"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"rolefit/data"
	"rolefit/internal/catalog"
)

// FuzzSearch feeds what people might type into the search box, and worse,
// to Search over the synced catalog: whatever the text, it must be turned
// into a valid FTS5 query, so an error here means FTS syntax leaked through.
func FuzzSearch(f *testing.F) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(f.TempDir(), "search.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	cat, err := catalog.Load(data.FS)
	if err != nil {
		f.Fatal(err)
	}
	if err := db.SyncCatalog(ctx, cat); err != nil {
		f.Fatal(err)
	}
	for _, q := range []string{
		"nurse", "back end", "back-end developer", `"unbalanced`, "a OR b", "NOT x", "NEAR(a b)", "title:chef",
		"x*", "*", "^start", "(", ")", "a AND", "-", "+", "{a b}", "é", "ﬁre", "İstanbul", "日本語", "١٢٣",
		"\x00", "\xff\xfe", "a\u0301", "ǅ", "a b c d e f g h i j k", string(make([]byte, 300)),
	} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		const limit = 20
		hits, err := db.Search(ctx, q, limit)
		if err != nil {
			t.Fatalf("Search(%q): %v (match expression %q)", q, err, matchExpr(q))
		}
		if len(hits) > limit {
			t.Errorf("Search(%q): got %d hits, want at most %d", q, len(hits), limit)
		}
		for _, h := range hits {
			if (h.Kind != "role" && h.Kind != "occupation") || h.Key == "" || h.Title == "" || !utf8.ValidString(h.Title) {
				t.Errorf("Search(%q): got hit %+v, want a role or occupation with a key and title", q, h)
			}
		}
	})
}
