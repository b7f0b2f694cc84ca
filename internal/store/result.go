package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"time"
)

// Result is a saved questionnaire submission.
type Result struct {
	ID        string
	CreatedAt time.Time
	Answers   map[string]int
	Hidden    []string
	Shortlist []string // starred roles, in the order they were starred (at most ShortlistMax)
	FastPages int      // quiz pages answered too fast (browser quiz only)
}

// resultIDBytes is the id's randomness: 160 bits, well past guessing.
const resultIDBytes = 20

var (
	idEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)
	resultIDRE = regexp.MustCompile(`^[a-z2-7]{32}$`)
)

// ValidResultID reports whether id has the shape of a result id, so junk
// never reaches the database.
func ValidResultID(id string) bool { return resultIDRE.MatchString(id) }

func newResultID() (string, error) {
	b := make([]byte, resultIDBytes)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	s := idEncoding.EncodeToString(b)
	out := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return string(out), nil
}

// CreateResult stores answers (and how many pages were answered too fast)
// under a new random id, as created at created (kept to the second, in
// UTC), and returns the id. The write is committed before this returns.
// The caller gives the time so that what it shows at once and what it
// reads back later agree.
func (s *DB) CreateResult(ctx context.Context, created time.Time, answers map[string]int, fastPages int) (string, error) {
	id, err := newResultID()
	if err != nil {
		return "", fmt.Errorf("store: result id: %w", err)
	}
	b, err := json.Marshal(answers)
	if err != nil {
		return "", fmt.Errorf("store: result: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO results(id, created_at, answers, fast_pages) VALUES ($1, $2, $3, $4)`,
		id, created.UTC().Format(time.RFC3339), string(b), fastPages); err != nil {
		return "", fmt.Errorf("store: save result: %w", err)
	}
	return id, nil
}

// Result returns a saved result, or ErrNotFound.
func (s *DB) Result(ctx context.Context, id string) (*Result, error) {
	if !ValidResultID(id) {
		return nil, ErrNotFound
	}
	var created, answers, hidden, shortlist string
	r := &Result{ID: id}
	err := s.db.QueryRowContext(ctx, `SELECT created_at, answers, hidden, shortlist, fast_pages FROM results WHERE id = $1`, id).Scan(&created, &answers, &hidden, &shortlist, &r.FastPages)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: result: %w", err)
	}
	r.CreatedAt, _ = time.Parse(time.RFC3339, created)
	if err := json.Unmarshal([]byte(answers), &r.Answers); err != nil {
		return nil, fmt.Errorf("store: result answers: %w", err)
	}
	if err := json.Unmarshal([]byte(hidden), &r.Hidden); err != nil {
		return nil, fmt.Errorf("store: result hidden: %w", err)
	}
	if err := json.Unmarshal([]byte(shortlist), &r.Shortlist); err != nil {
		return nil, fmt.Errorf("store: result shortlist: %w", err)
	}
	return r, nil
}

// SetHidden adds (hide true) or removes a slug from a result's "not for
// me" list.
func (s *DB) SetHidden(ctx context.Context, id, slug string, hide bool) error {
	return s.editList(ctx, id, columnHidden, func(list []string) ([]string, error) {
		i := slices.Index(list, slug)
		switch {
		case hide && i < 0:
			return append(list, slug), nil
		case !hide && i >= 0:
			return slices.Delete(list, i, i+1), nil
		}
		return list, nil
	})
}

// DeleteResult removes a result for good.
func (s *DB) DeleteResult(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM results WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("store: delete result: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// AddAnswers merges answers into a saved result's answers (follow-up
// answers, kept beside the statement answers under their own ids),
// replacing any earlier answer to the same question.
func (s *DB) AddAnswers(ctx context.Context, id string, add map[string]int) error {
	if !ValidResultID(id) {
		return ErrNotFound
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: add answers: %w", err)
	}
	defer tx.Rollback()
	lock := "" // as in SetHidden: lock the row on PostgreSQL
	if s.pg {
		lock = " FOR UPDATE"
	}
	var raw string
	err = tx.QueryRowContext(ctx, `SELECT answers FROM results WHERE id = $1`+lock, id).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("store: add answers: %w", err)
	}
	answers := map[string]int{}
	if err := json.Unmarshal([]byte(raw), &answers); err != nil {
		return fmt.Errorf("store: add answers: %w", err)
	}
	maps.Copy(answers, add)
	b, err := json.Marshal(answers)
	if err != nil {
		return fmt.Errorf("store: add answers: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE results SET answers = $1 WHERE id = $2`, string(b), id); err != nil {
		return fmt.Errorf("store: add answers: %w", err)
	}
	return tx.Commit()
}
