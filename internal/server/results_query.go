package server

import (
	"net/url"
	"regexp"
	"strconv"

	"rolefit/internal/roles"
)

// resultsQuery is the state of a results page that lives in its address:
// the filters, the sort of the table and its page. Every link and every
// form of the page carries it, so "Not for me", a star or a sort keeps
// what the person chose.
type resultsQuery struct {
	Category  string
	Education string
	Tags      roles.TagFilter
	Sort      string // one of sortKeys; "" is by fit
	Page      int    // the table's page, from 1
}

// The table's sorts, in the order of its columns.
var sortKeys = []string{"fit", "title", "pay", "growth", "education"}

// tablePageSize is how many matches one page of the table lists: enough
// to scan, short enough that the page stays a few screens on a phone.
const tablePageSize = 20

// parseResultsQuery reads the query, dropping what the forms never offer.
func (s *Server) parseResultsQuery(q url.Values) resultsQuery {
	rq := resultsQuery{Category: q.Get("category"), Education: knownEducation(q.Get("education")), Tags: tagFilterFrom(q), Page: 1}
	if _, ok := s.cat.Category(rq.Category); !ok {
		rq.Category = ""
	}
	for _, k := range sortKeys[1:] {
		if q.Get("sort") == k {
			rq.Sort = k
		}
	}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 && n < 1000 {
		rq.Page = n
	}
	return rq
}

// Filtered reports whether any filter is set.
func (rq resultsQuery) Filtered() bool {
	return rq.Category != "" || rq.Education != "" || !rq.Tags.IsZero()
}

// values is the query in its canonical form, defaults left out.
func (rq resultsQuery) values() url.Values {
	q := url.Values{}
	if rq.Category != "" {
		q.Set("category", rq.Category)
	}
	if rq.Education != "" {
		q.Set("education", rq.Education)
	}
	addTagFilter(q, rq.Tags)
	if rq.Sort != "" {
		q.Set("sort", rq.Sort)
	}
	if rq.Page > 1 {
		q.Set("page", strconv.Itoa(rq.Page))
	}
	return q
}

// Encode is the query string, without "?"; "" when everything is default.
func (rq resultsQuery) Encode() string { return rq.values().Encode() }

// url is the results page of id in this state, with an optional fragment.
func (rq resultsQuery) url(id, fragment string) string {
	u := "/results/" + id
	if q := rq.Encode(); q != "" {
		u += "?" + q
	}
	if fragment != "" {
		u += "#" + fragment
	}
	return u
}

// withSort is the query sorted by key, from the table's first page.
func (rq resultsQuery) withSort(key string) resultsQuery {
	rq.Sort, rq.Page = key, 1
	if key == "fit" {
		rq.Sort = ""
	}
	return rq
}

// withPage is the query on the table's page n.
func (rq resultsQuery) withPage(n int) resultsQuery {
	rq.Page = n
	return rq
}

// fragmentRE is what a form may ask to come back to: a card or row
// (m-slug) or a section heading (…-h).
var fragmentRE = regexp.MustCompile(`^(m-[a-z0-9-]{1,80}|[a-z]{1,20}-h)$`)

// backTo is where a results form sends the person after it changed
// something: the page they were on (its query, posted as "query"), at the
// place they were (the "at" fragment), so neither the filters nor the
// scroll position are lost. Both are checked: the address is rebuilt from
// the known parameters only.
func (s *Server) backTo(id, query, at string) string {
	q, _ := url.ParseQuery(query)
	if !fragmentRE.MatchString(at) {
		at = "matches-h"
	}
	return s.parseResultsQuery(q).url(id, at)
}
