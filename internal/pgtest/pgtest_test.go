package pgtest

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	if os.Getenv("PGTEST_ORPHAN") != "" {
		os.Exit(m.Run()) // the child of TestOrphanedClusterIsStopped: one cluster is enough
	}
	os.Exit(Main(m))
}

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

// TestOrphanedClusterIsStopped runs this test binary again as a process
// that starts a cluster and is then killed, as go test's -timeout kills a
// hung binary: the watchdog must stop the server and remove its files.
func TestOrphanedClusterIsStopped(t *testing.T) {
	if dir := os.Getenv("PGTEST_ORPHAN"); dir != "" {
		c, err := Start(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		fmt.Println(c.dir)
		select {} // killed from outside
	}
	if testing.Short() || shared == nil {
		t.Skip("needs the PostgreSQL server programs and a few seconds")
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^TestOrphanedClusterIsStopped$")
	cmd.Env = append(os.Environ(), "PGTEST_ORPHAN=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		t.Fatalf("child: %v", err)
	}
	dir := strings.TrimSpace(line)
	pid, err := os.ReadFile(filepath.Join(dir, "data", "postmaster.pid"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	serverPID, _ := strconv.Atoi(strings.SplitN(string(pid), "\n", 2)[0])
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		_, statErr := os.Stat(dir)
		if os.IsNotExist(statErr) && syscall.Kill(serverPID, 0) != nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Errorf("server %d or folder %s still there 30 s after its test binary was killed", serverPID, dir)
}
