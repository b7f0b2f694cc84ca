package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// keepOnFailure registers the artifact saver; cleanups run last-in first-out,
// so it runs while the tab is still open. It uses a context of its own, as
// the test's may have timed out.
func keepOnFailure(t *testing.T, tabCtx context.Context) {
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		ctx, cancel := context.WithTimeout(context.WithoutCancel(tabCtx), 15*time.Second)
		defer cancel()
		saveArtifacts(ctx, t, t.Name())
	})
}

// snapshot saves the artifacts of the page on screen now, for a check that
// fails without stopping the test (the page at the end may be another).
func (tb *tab) snapshot(label string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(tb.ctx), 15*time.Second)
	defer cancel()
	saveArtifacts(ctx, tb.t, tb.t.Name()+"-"+label)
}

// saveArtifacts writes a full-page PNG screenshot and the page's HTML, named
// after the test (name), into $ROLEFIT_E2E_ARTIFACTS (default testdata-out/e2e in
// the repository, which git ignores).
func saveArtifacts(ctx context.Context, t *testing.T, name string) {
	dir := os.Getenv("ROLEFIT_E2E_ARTIFACTS")
	if dir == "" {
		root, err := repoRoot()
		if err != nil {
			t.Logf("artifacts: %v", err)
			return
		}
		dir = filepath.Join(root, "testdata-out", "e2e")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Logf("artifacts: %v", err)
		return
	}
	base := filepath.Join(dir, regexp.MustCompile(`[^A-Za-z0-9._-]+`).ReplaceAllString(name, "_"))
	url, _ := chromedp.Run(ctx, chromedp.Location())
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
		t.Logf("artifacts: screenshot: %v", err)
	} else if err := os.WriteFile(base+".png", png, 0o644); err != nil {
		t.Logf("artifacts: %v", err)
	}
	// DevTools evaluation works even where the page may not run scripts.
	// (DOM.getDocument would reset the node ids chromedp's queries track.)
	html, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.doctype ? '<!DOCTYPE html>\n' : '') + document.documentElement.outerHTML`))
	if err == nil {
		err = os.WriteFile(base+".html", []byte(html), 0o644)
	}
	if err != nil {
		t.Logf("artifacts: html: %v", err)
	}
	t.Logf("artifacts (page %s): %s.png and %s.html", url, base, base)
}

// repoRoot is the folder that holds go.mod, above the working directory.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}
