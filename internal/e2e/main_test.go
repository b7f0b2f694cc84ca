package e2e

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// installChromium is what a machine without a browser needs.
const installChromium = "install Debian's chromium: apt-get install -y chromium (or set CHROME_PATH)"

// suite is what every test of the package shares, set up once by TestMain to
// pay the start-up once: one Chromium and one app. Each test opens its own
// tab in its own browser context, so it has its own cookies and its own quiz
// session. It is set before any test runs and not changed after.
var suite struct {
	browser context.Context // a chromedp context whose browser is running
	missing string          // why there is no browser binary, when there is none
	err     error           // why the browser or the app did not start
	app     *app
}

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	flag.Parse()
	dir, err := os.MkdirTemp("", "rolefit-e2e-")
	if err != nil {
		suite.err = err
		return m.Run()
	}
	defer os.RemoveAll(dir)

	// The app loads its catalog while the browser starts.
	type started struct {
		app *app
		err error
	}
	appc := make(chan started, 1)
	go func() {
		a, err := startApp(dir)
		appc <- started{a, err}
	}()
	defer func() {
		if suite.app != nil {
			suite.app.close()
		}
	}()

	ctx, stop, err := startBrowser(dir)
	defer stop()
	s := <-appc
	suite.app = s.app
	switch {
	case s.err != nil:
		suite.err = fmt.Errorf("start the app: %w", s.err)
	case err != nil:
		suite.err = err
	}
	suite.browser = ctx
	return m.Run()
}

// startBrowser starts headless Chromium with a fresh profile under dir. It
// sets suite.missing, and returns no error, when there is no browser binary.
func startBrowser(dir string) (context.Context, func(), error) {
	path := envOr("CHROME_PATH", "/usr/bin/chromium")
	if _, err := exec.LookPath(path); err != nil {
		suite.missing = fmt.Sprintf("no browser at %s: %s", path, installChromium)
		return nil, func() {}, nil
	}
	profile, err := os.MkdirTemp(dir, "profile-")
	if err != nil {
		return nil, func() {}, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-background-networking", true),
		// Nothing but the test server on loopback may be reached.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	stop := func() { cancel(); cancelAlloc() }
	start := time.Now()
	if err := chromedp.Do(ctx); err != nil { // starts the browser, with no timeout
		stop()
		return nil, func() {}, fmt.Errorf("start %s: %w", path, err)
	}
	if testing.Verbose() {
		fmt.Printf("e2e: %s started in %s\n", path, time.Since(start).Round(time.Millisecond))
	}
	return ctx, stop, nil
}

// requireSuite skips the test when no browser is installed, or fails it on
// CI, where a missing browser is a broken set-up and not a reason to pass.
func requireSuite(t *testing.T) {
	t.Helper()
	switch {
	case suite.missing != "" && os.Getenv("CI") != "":
		t.Fatal(suite.missing)
	case suite.missing != "":
		t.Skip(suite.missing)
	case suite.err != nil:
		t.Fatal(suite.err)
	}
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
