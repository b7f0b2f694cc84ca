// Package pgtest starts a throwaway PostgreSQL cluster for tests and
// benchmarks: initdb and pg_ctl from Debian's postgresql package, in a
// temporary folder, on a free loopback port, as a non-root user. One
// cluster serves a whole test binary (TestMain); each test gets a database
// of its own.
package pgtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// ErrNoServer means no PostgreSQL server binaries were found.
var ErrNoServer = errors.New("pgtest: no PostgreSQL server binaries (initdb, pg_ctl): install Debian's postgresql package, or set PG_BIN to their folder")

// Cluster is a running throwaway PostgreSQL cluster.
type Cluster struct {
	dir   string // the data folder's parent, removed by Stop
	data  string
	bin   string
	runAs string // OS user the server runs as ("" for the current one)
	port  int
	admin *sql.DB
	n     atomic.Int64
}

// binDir finds the folder holding initdb and pg_ctl: $PG_BIN, else the
// newest /usr/lib/postgresql/*/bin, else PATH.
func binDir() (string, error) {
	if d := os.Getenv("PG_BIN"); d != "" {
		return d, nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", ErrNoServer
}

func version(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

// Start creates and starts a cluster. The server refuses to run as root,
// so under root it runs as the postgres user (Debian's package creates it).
func Start(ctx context.Context) (*Cluster, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "pgtest-")
	if err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir, data: filepath.Join(dir, "data"), bin: bin}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			_ = os.RemoveAll(dir)
			return nil, fmt.Errorf("pgtest: running as root and no postgres user to run the server as: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			_ = os.RemoveAll(dir)
			return nil, err
		}
		c.runAs = "postgres"
	}
	if err := c.start(ctx); err != nil {
		_ = c.Stop()
		return nil, err
	}
	return c, nil
}

func (c *Cluster) start(ctx context.Context) error {
	// Durability is not what these tests measure: fsync off makes
	// CREATE DATABASE and every commit cheap. The tests that kill a
	// process kill the app, never this server.
	if out, err := c.run(ctx, "initdb", "-D", c.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		return fmt.Errorf("pgtest: initdb: %w\n%s", err, out)
	}
	for tries := 0; ; tries++ {
		port, err := freePort()
		if err != nil {
			return err
		}
		opts := fmt.Sprintf("-h 127.0.0.1 -p %d -k %s -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=32MB", port, c.dir)
		out, err := c.run(ctx, "pg_ctl", "-D", c.data, "-l", filepath.Join(c.dir, "server.log"), "-o", opts, "-w", "-t", "60", "start")
		if err == nil {
			c.port = port
			break
		}
		if tries == 2 {
			log, _ := os.ReadFile(filepath.Join(c.dir, "server.log"))
			return fmt.Errorf("pgtest: pg_ctl start: %w\n%s\n%s", err, out, log)
		}
	}
	if err := c.watch(); err != nil {
		return err
	}
	admin, err := sql.Open("pgx", c.DSN("postgres"))
	if err != nil {
		return err
	}
	c.admin = admin
	return admin.PingContext(ctx)
}

// watch starts a small shell that outlives this process: once it is gone
// (a test binary killed by its -timeout never runs Stop), the shell stops
// the server and removes its files, so no cluster is left running.
func (c *Cluster) watch() error {
	stop := fmt.Sprintf("%q -D %q -m immediate -w stop", filepath.Join(c.bin, "pg_ctl"), c.data)
	if c.runAs != "" {
		stop = "runuser -u " + c.runAs + " -- " + stop
	}
	script := fmt.Sprintf("while kill -0 %d 2>/dev/null; do sleep 1; done; if [ -d %q ]; then %s >/dev/null 2>&1; rm -rf %q; fi",
		os.Getpid(), c.data, stop, c.dir)
	cmd := exec.Command("sh", "-c", script)               // #nosec G204 -- paths this package made
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // not in the test's process group, so not killed with it
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("pgtest: watchdog: %w", err)
	}
	go func() { _ = cmd.Wait() }() // reaped if this process lives longer
	return nil
}

// run runs one of the server's programs, as the server's user.
func (c *Cluster) run(ctx context.Context, prog string, args ...string) ([]byte, error) {
	path := filepath.Join(c.bin, prog)
	if c.runAs != "" {
		args = append([]string{"-u", c.runAs, "--", path}, args...)
		path = "runuser"
	}
	cmd := exec.CommandContext(ctx, path, args...) // #nosec G204 -- the PostgreSQL programs with arguments of this package
	cmd.Dir = c.dir
	return cmd.CombinedOutput()
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// DSN is the connection URL of database name on the cluster.
func (c *Cluster) DSN(name string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, name)
}

// CreateDatabase makes a new empty database and returns its URL.
func (c *Cluster) CreateDatabase(ctx context.Context) (string, error) {
	name := fmt.Sprintf("t%d_%d", os.Getpid(), c.n.Add(1))
	if _, err := c.admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return "", fmt.Errorf("pgtest: create database: %w", err)
	}
	return c.DSN(name), nil
}

// DropDatabase removes a database made by CreateDatabase, closing any
// connection still open to it.
func (c *Cluster) DropDatabase(ctx context.Context, dsn string) error {
	name := dsn[strings.LastIndex(dsn, "/")+1 : strings.IndexByte(dsn, '?')]
	_, err := c.admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	return err
}

// Stop stops the server and removes its files.
func (c *Cluster) Stop() error {
	if c.admin != nil {
		_ = c.admin.Close()
	}
	var err error
	if c.port != 0 {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if out, e := c.run(ctx, "pg_ctl", "-D", c.data, "-m", "immediate", "-w", "stop"); e != nil {
			err = fmt.Errorf("pgtest: pg_ctl stop: %w\n%s", e, out)
		}
	}
	if e := os.RemoveAll(c.dir); e != nil && err == nil {
		err = e
	}
	return err
}

// shared is the cluster of this test binary, set by Main.
var (
	shared    *Cluster
	sharedErr error
)

// Main runs a test binary's tests with one shared cluster, started before
// and stopped after them. Use it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
//
// Without server binaries the tests still run; each that asks for a
// database (Database) skips, or fails when $CI is set.
func Main(m *testing.M) int {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	shared, sharedErr = Start(ctx)
	cancel()
	code := m.Run()
	if shared != nil {
		if err := shared.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	return code
}

// Database returns the URL of a fresh database on the shared cluster,
// dropped when t ends. Without a cluster it skips t with the reason, or
// fails it in CI (env CI set), where PostgreSQL must be installed.
func Database(t testing.TB) string {
	t.Helper()
	if shared == nil {
		err := sharedErr
		if err == nil {
			err = errors.New("pgtest: no cluster: the test binary's TestMain must call pgtest.Main")
		}
		if os.Getenv("CI") != "" {
			t.Fatalf("PostgreSQL tests cannot run in CI: %v", err)
		}
		t.Skipf("PostgreSQL half skipped: %v", err)
	}
	ctx := context.Background()
	dsn, err := shared.CreateDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := shared.DropDatabase(context.Background(), dsn); err != nil {
			t.Errorf("drop test database: %v", err)
		}
	})
	return dsn
}
