package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
)

// SecretKey returns the random key stored under name, creating it with n
// random bytes on first use, so a restart keeps (for example) sessions valid.
func (s *DB) SecretKey(ctx context.Context, name string, n int) ([]byte, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: secret key: %w", err)
	}
	defer tx.Rollback()
	var key []byte
	err = tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, name).Scan(&key)
	if err == nil && len(key) == n {
		return key, nil
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: secret key: %w", err)
	}
	key = make([]byte, n)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("store: secret key: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings(key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, name, key); err != nil {
		return nil, fmt.Errorf("store: secret key: %w", err)
	}
	return key, tx.Commit()
}
