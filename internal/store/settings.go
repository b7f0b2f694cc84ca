package store

import (
	"context"
	"crypto/rand"
	"fmt"
)

// SecretKey returns the random key stored under name, creating it with n
// random bytes on first use, so a restart keeps (for example) sessions
// valid, and every instance on one database signs with the same key. Two
// instances starting at once both try to insert their own key; the first
// wins and both read it back.
func (s *DB) SecretKey(ctx context.Context, name string, n int) ([]byte, error) {
	key := make([]byte, n)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("store: secret key: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO settings(key, value) VALUES ($1, $2) ON CONFLICT(key) DO NOTHING`, name, key); err != nil {
		return nil, fmt.Errorf("store: secret key: %w", err)
	}
	var stored []byte
	if err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = $1`, name).Scan(&stored); err != nil {
		return nil, fmt.Errorf("store: secret key: %w", err)
	}
	if len(stored) != n {
		// A key of another size (an older version's): replace it.
		if _, err := s.db.ExecContext(ctx, `UPDATE settings SET value = $1 WHERE key = $2`, key, name); err != nil {
			return nil, fmt.Errorf("store: secret key: %w", err)
		}
		return key, nil
	}
	return stored, nil
}
