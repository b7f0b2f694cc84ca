package search

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"rolefit/data"
	"rolefit/internal/catalog"
	"rolefit/internal/importer"
	"rolefit/internal/roles"
	"rolefit/internal/testref"
)

// corpus is an index with what its documents stand for: each key's
// O*NET-SOC code.
type corpus struct {
	ix   *Index
	docs []Doc             // what ix was built from
	code map[string]string // key → O*NET-SOC code
}

// catalogDocs are the documents of the embedded catalog's roles.
func catalogDocs(t testing.TB) ([]Doc, *catalog.Catalog) {
	t.Helper()
	c, err := catalog.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	var docs []Doc
	for _, r := range c.Roles {
		cat, _ := c.Category(r.Category)
		docs = append(docs, RoleDoc(r, c.Occupations[r.ONetCode], cat.Name))
	}
	return docs, c
}

// rolesCorpus is the index before any import: the written roles.
func rolesCorpus(t testing.TB) corpus {
	t.Helper()
	docs, c := catalogDocs(t)
	cp := corpus{ix: New(docs), docs: docs, code: map[string]string{}}
	for _, r := range c.Roles {
		cp.code[r.Slug] = r.ONetCode
	}
	return cp
}

var (
	fullOnce sync.Once
	fullDS   *importer.Dataset
	fullErr  error
)

// fullCorpus is the index after `app import` of the reference release:
// the roles (their occupations' titles from the import) and every
// occupation no role covers.
func fullCorpus(t testing.TB) corpus {
	t.Helper()
	dir := testref.Dir(t)
	fullOnce.Do(func() {
		fullDS, fullErr = importer.Load(filepath.Join(dir, "onet"), filepath.Join(dir, "bls"), nil)
	})
	if fullErr != nil {
		t.Fatal(fullErr)
	}
	_, c := catalogDocs(t)
	cp := corpus{code: map[string]string{}}
	var docs []Doc
	covered := map[string]bool{}
	for _, r := range c.Roles {
		o, _ := fullDS.Occupation(r.ONetCode)
		cat, _ := c.Category(r.Category)
		docs = append(docs, RoleDoc(r, o, cat.Name))
		cp.code[r.Slug] = r.ONetCode
		covered[r.ONetCode] = true
	}
	for _, o := range fullDS.Occupations {
		if covered[o.ONetCode] {
			continue
		}
		cat, _ := c.Category(roles.CategoryForSOC(o.ONetCode))
		docs = append(docs, OccupationDoc(o, cat.Name))
		cp.code[o.ONetCode] = o.ONetCode
	}
	cp.ix, cp.docs = New(docs), docs
	return cp
}

// matches reports whether a result key is the target: a slug, or a code
// (ending in "*" for a prefix) of the key's occupation.
func (cp corpus) matches(key, target string) bool {
	if key == target {
		return true
	}
	code := cp.code[key]
	if p, ok := strings.CutSuffix(target, "*"); ok {
		return strings.HasPrefix(code, p)
	}
	return code == target
}

// present reports whether any document can match the target.
func (cp corpus) present(target string) bool {
	for key := range cp.code {
		if cp.matches(key, target) {
			return true
		}
	}
	return false
}

type testQuery struct {
	line    int
	q       string
	targets []string
}

func readQueries(t *testing.T) []testQuery {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "queries.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []testQuery
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, targets, ok := strings.Cut(line, "\t")
		if !ok || q == "" || targets == "" {
			t.Fatalf("queries.tsv:%d: want a query, a tab and targets", n)
		}
		out = append(out, testQuery{n, q, strings.Split(targets, "|")})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// hitRate runs the test set on a corpus: the share of (counted) queries
// with a target among the top three, and the misses.
func hitRate(t *testing.T, cp corpus, qs []testQuery) (rate float64, counted int, misses []string) {
	t.Helper()
	hits := 0
	for _, tq := range qs {
		var present []string
		for _, tg := range tq.targets {
			if cp.present(tg) {
				present = append(present, tg)
			}
		}
		if len(present) == 0 {
			continue
		}
		counted++
		r := cp.ix.Search(tq.q, 3)
		found := false
		var got []string
		for _, h := range r.Hits {
			got = append(got, h.Key)
			for _, tg := range present {
				found = found || cp.matches(h.Key, tg)
			}
		}
		if found {
			hits++
		} else {
			misses = append(misses, tq.q+" → "+strings.Join(got, ", ")+" (want "+strings.Join(present, "|")+")")
		}
	}
	return float64(hits) / float64(max(counted, 1)), counted, misses
}

// TestQuerySet is the search test set's score: at least 95% of its
// queries must find what they should among the top three results, before
// and after an import. Run with -v to see the rates.
func TestQuerySet(t *testing.T) {
	qs := readQueries(t)
	if len(qs) < 80 {
		t.Fatalf("the test set has %d queries, want at least 80", len(qs))
	}
	for _, c := range []struct {
		name   string
		corpus func(testing.TB) corpus
	}{
		{"roles only", rolesCorpus},
		{"after import", fullCorpus},
	} {
		t.Run(c.name, func(t *testing.T) {
			cp := c.corpus(t)
			rate, counted, misses := hitRate(t, cp, qs)
			t.Logf("%s: %d documents, %d of %d queries counted, top-3 hit rate %.1f%%", c.name, cp.ix.Len(), counted, len(qs), 100*rate)
			for _, m := range misses {
				t.Logf("miss: %s", m)
			}
			if rate < 0.95 {
				t.Errorf("top-3 hit rate %.1f%%, want at least 95%%", 100*rate)
			}
		})
	}
}

// BenchmarkSearch times a mix of the test set's queries on the index
// after an import (931 documents and their 60,000 titles).
func BenchmarkSearch(b *testing.B) {
	cp := fullCorpus(b)
	qs := []string{"nurse", "software engineer", "develper", "data scientst", "c++", "law", "plumbr", "emt", "python", "xyzzyq"}
	for b.Loop() {
		for _, q := range qs {
			cp.ix.Search(q, 50)
		}
	}
}

// BenchmarkNew times building the index after an import.
func BenchmarkNew(b *testing.B) {
	cp := fullCorpus(b)
	b.ReportAllocs()
	for b.Loop() {
		New(cp.docs)
	}
}
