package e2e

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"rolefit/data"
	"rolefit/internal/catalog"
)

// maxPrintPages is how many pages a result or a profile may print on.
const maxPrintPages = 3

// pdfPageRE finds a PDF's page objects (not the /Pages tree nodes).
var pdfPageRE = regexp.MustCompile(`/Type\s*/Page\b`)

// printPages prints the page on screen through Chromium's own PDF
// printing, on US Letter and on A4, and returns the page counts.
func (tb *tab) printPages() (letter, a4 int) {
	tb.t.Helper()
	count := func(w, h float64) int {
		res, err := chromedp.Call(tb.ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: w, PaperHeight: h})
		if err != nil {
			tb.t.Fatalf("print %s: %v", tb.path(), err)
		}
		if !bytes.HasPrefix(res.Data, []byte("%PDF-")) {
			tb.t.Fatalf("print %s: not a PDF", tb.path())
		}
		return len(pdfPageRE.FindAll(res.Data, -1))
	}
	return count(8.5, 11), count(8.27, 11.69)
}

// longestProfile is the role whose profile has the most prose.
func longestProfile(t *testing.T) string {
	t.Helper()
	cat, err := catalog.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	best, most := "", 0
	for _, r := range cat.Roles {
		n := len(r.Summary + r.DayToDay + r.Harder + r.Thrives + r.Elsewhere + r.HowToBecome + r.WorkEnvironment)
		for _, a := range r.AlternateTitles {
			n += len(a)
		}
		if n > most {
			best, most = r.Slug, n
		}
	}
	return best
}

// TestPrintFitsThreePages prints a result, profiles (the longest one, and
// one with the reader's standing) and a comparison through Chromium's PDF
// printing, and checks what print media hides and shows.
func TestPrintFitsThreePages(t *testing.T) {
	t.Parallel()
	tb := newTab(t)
	id := createResult(t, tb.base, backEndAnswers)
	longest := longestProfile(t)
	// Profiles first, before the tab holds a result (the cached page); then
	// the result, and profiles with the reader's standing: the longest, and
	// those that came closest to a fourth page when every profile was
	// printed (all 339 fit in three).
	pages := []string{"/roles/" + longest, "/roles/back-end-web-developer", "/results/" + id,
		"/roles/back-end-web-developer", "/roles/" + longest, "/roles/construction-supervisor", "/roles/police-officer", "/roles/surgeon",
		"/compare?roles=back-end-web-developer,web-engineer,front-end-web-developer,ux-designer"}
	for i, path := range pages {
		t.Run(fmt.Sprintf("%d%s", i, strings.ReplaceAll(path, "/", "_")), func(t *testing.T) {
			st := tb.sub(t)
			if code := st.open(path); code != 200 {
				t.Fatalf("GET %s: %d", path, code)
			}
			letter, a4 := st.printPages()
			t.Logf("%s prints on %d Letter and %d A4 pages", path, letter, a4)
			if !strings.HasPrefix(path, "/compare") && (letter > maxPrintPages || a4 > maxPrintPages) {
				t.Errorf("%s prints on %d Letter and %d A4 pages, want at most %d", path, letter, a4, maxPrintPages)
			}
		})
	}

	// What print media shows of the result page.
	tb.open("/results/" + id)
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	defer chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
	type shown struct {
		Hidden  []string `json:"hidden"`
		After   string   `json:"after"`
		Address string   `json:"address"`
	}
	got := eval[shown](tb, `(() => {
		const visible = sel => [...document.querySelectorAll(sel)].some(e => e.checkVisibility());
		const hidden = ['.site-header nav', 'form', 'button', '.filter-box', '.result-actions', '.pager'].filter(s => !visible(s));
		const a = document.querySelector('ol.matches li.match h3 a');
		return {hidden, after: getComputedStyle(a, '::after').content, address: document.querySelector('.print-only').innerText};
	})()`)
	if len(got.Hidden) != 6 {
		t.Errorf("print shows some of navigation, forms, buttons, filters, actions or pager: only %v hidden", got.Hidden)
	}
	if !strings.Contains(got.After, "(/roles/") {
		t.Errorf("a card's link prints without its address after it: ::after is %s", got.After)
	}
	if want := tb.base + "/results/" + id; !strings.Contains(got.Address, want) {
		t.Errorf("the printed result ends with %q, want its address %s", got.Address, want)
	}
}
