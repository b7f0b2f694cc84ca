package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"rolefit/data"
	"rolefit/internal/assessment"
	evalpkg "rolefit/internal/eval"
)

// TestJourneyFollowUps is the back-end persona answering the follow-up
// questions in a real browser, with the mouse and with JavaScript off: one
// question a page, each a fieldset of radios, until the results, where
// Back-End Web Developer is in the top 3 above Front-End and both designer
// roles; then its profile, which says how they match.
func TestJourneyFollowUps(t *testing.T) {
	t.Parallel()
	bank, err := assessment.LoadBank(data.FS, "questions.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, noJS := range []bool{false, true} {
		t.Run(fmt.Sprintf("javascript off %v", noJS), func(t *testing.T) {
			tb := newTab(t)
			if noJS {
				if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
					t.Fatal(err)
				}
			}
			// The questionnaire through the API (the browser journeys
			// answer it page by page; a browser is too quick for the pace
			// check, which would rightly make the result low-confidence
			// and ask nothing more).
			created := struct{ ID string }{createResult(t, tb.base, evalpkg.BackEnd.Answers(bank))}
			if st := tb.open("/results/" + created.ID + "/follow-up"); st != 200 {
				t.Fatalf("follow-up page: status %d", st)
			}
			asked := 0
			for tb.path() == "/results/"+created.ID+"/follow-up" {
				tb.wantText("h1", "A few quick questions")
				q := eval[string](tb, `document.querySelector('input[name=q]').value`)
				fq, ok := bank.FollowUps.Question(q)
				if !ok {
					t.Fatalf("page asks %q, not a follow-up", q)
				}
				pick := evalpkg.BackEnd.Choose(fq)
				i := slices.IndexFunc(fq.Options, func(o assessment.Option) bool { return o.ID == pick })
				tb.click(fmt.Sprintf(`fieldset.question label.choice:nth-of-type(%d)`, i+1))
				if got := eval[string](tb, `document.querySelector('input[name=choice]:checked')?.value ?? ''`); got != pick {
					t.Fatalf("%s: after a click on %q, %q is selected", q, pick, got)
				}
				if st := tb.clickTo(`button[name=nav][value=next]`); st != 200 {
					t.Fatalf("%s: Continue: status %d", q, st)
				}
				if asked++; asked > assessment.MaxFollowUps {
					t.Fatalf("more than %d follow-ups", assessment.MaxFollowUps)
				}
			}
			tb.wantPath(`/results/` + created.ID + `(#matches-h)?`)
			tb.wantText("h1", "Your matches")
			titles := tb.texts("ol.matches > li.match h3 a")
			be := slices.Index(titles, backEndTitle)
			if be < 0 || be > 2 {
				t.Fatalf("after %d follow-ups the top matches are %v, want %s in the top 3", asked, titles[:min(5, len(titles))], backEndTitle)
			}
			for _, other := range []string{"Front-End Web Developer", "Interface Designer", "UX Designer"} {
				if i := slices.Index(titles, other); i >= 0 && i < be {
					t.Errorf("%s at %d, above %s at %d", other, i+1, backEndTitle, be+1)
				}
			}
			tb.followLink(backEndTitle)
			tb.wantPath("/roles/back-end-web-developer")
			tb.wantText("section.how-match h2", "How you match")
			// Who thrives: every trait says where this reader stands.
			tb.wantText("section.thrives h2", "Who thrives")
			traits := tb.texts("section.thrives .traits li")
			standings := tb.texts("section.thrives .traits li .standing")
			if len(traits) < 3 || len(standings) != len(traits) {
				t.Errorf("Who thrives lists %d traits with %d standings, want 3 or more, each with the reader's standing: %q", len(traits), len(standings), traits)
			}
			t.Logf("%d follow-ups; top: %v; traits: %q", asked, titles[:3], traits)
		})
	}
}

// createResult saves answers through the API and returns the result's id.
func createResult(t *testing.T, base string, answers map[string]int) string {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"answers": answers})
	res, err := http.Post(base+"/api/v1/assessments", "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var created struct{ ID string }
	if err := json.NewDecoder(res.Body).Decode(&created); err != nil || res.StatusCode != http.StatusCreated {
		t.Fatalf("create a result: status %d, %v", res.StatusCode, err)
	}
	return created.ID
}
