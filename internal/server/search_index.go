package server

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"rolefit/internal/search"
)

// searchIndex is the server's search index, kept current with the
// database: every search reads the catalog version (one small query) and
// rebuilds the index when another sync or import, by this instance or any
// other sharing the database, has moved it.
type searchIndex struct {
	mu      sync.Mutex // one rebuild at a time
	current atomic.Pointer[builtIndex]
}

// buildSearchIndex builds a search index from the database's documents.
// The server's tests replace it with one that reuses the index of
// identical documents: building it is most of what making a test server
// costs under the race detector.
var buildSearchIndex = search.New

type builtIndex struct {
	ix      *search.Index
	version int64
}

// searchIndex returns an index built from the database's current catalog.
func (s *Server) searchIndex(ctx context.Context) (*search.Index, error) {
	v, err := s.db.CatalogVersion(ctx)
	if err != nil {
		return nil, err
	}
	if b := s.search.current.Load(); b != nil && b.version >= v {
		return b.ix, nil
	}
	s.search.mu.Lock()
	defer s.search.mu.Unlock()
	if b := s.search.current.Load(); b != nil && b.version >= v {
		return b.ix, nil // another request rebuilt it meanwhile
	}
	docs, version, err := s.db.SearchDocs(ctx)
	if err != nil {
		return nil, fmt.Errorf("server: search index: %w", err)
	}
	b := &builtIndex{ix: buildSearchIndex(docs), version: version}
	s.search.current.Store(b)
	return b.ix, nil
}
