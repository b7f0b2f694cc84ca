package pgtest

import (
	"context"
	"database/sql"
	"os"
	"testing"
)

func TestMain(m *testing.M) { os.Exit(Main(m)) }

func TestDatabasesAreSeparateAndDropped(t *testing.T) {
	ctx := context.Background()
	var dsns []string
	for i := 0; i < 2; i++ {
		dsn := Database(t)
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.ExecContext(ctx, `CREATE TABLE x (n int)`); err != nil {
			t.Fatalf("database %d: %v", i, err) // a shared database would fail the second CREATE
		}
		dsns = append(dsns, dsn)
	}
	if dsns[0] == dsns[1] {
		t.Fatalf("two tests got the same database %s", dsns[0])
	}
	var user string
	if err := shared.admin.QueryRowContext(ctx, `SELECT current_user`).Scan(&user); err != nil || user != "postgres" {
		t.Errorf("got user %q (%v), want postgres", user, err)
	}
}
