package server

import (
	"fmt"
	"strconv"
	"time"

	"github.com/gorilla/sessions"

	"rolefit/internal/assessment"
)

// A page's clock starts when it is first shown and stops when it is posted
// complete; a page answered faster than assessment.FastPerItem a statement
// is marked fast. Revisiting a page and posting it again re-times it, so a
// careful second pass clears the mark.

func pageShownKey(n int) string { return "shown" + strconv.Itoa(n) }
func pageFastKey(n int) string  { return "fast" + strconv.Itoa(n) }

// startPageClock notes when page n was shown, unless its clock already
// runs; it reports whether the session changed.
func startPageClock(sess *sessions.Session, n int, now time.Time) bool {
	if _, ok := sess.Values[pageShownKey(n)]; ok {
		return false
	}
	sess.Values[pageShownKey(n)] = strconv.FormatInt(now.UnixMilli(), 10)
	return true
}

// stopPageClock marks page n fast or not from its clock, and stops it.
func stopPageClock(sess *sessions.Session, n int, now time.Time, questions int) {
	raw, _ := sess.Values[pageShownKey(n)].(string)
	delete(sess.Values, pageShownKey(n))
	shown, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return // no clock (a page posted without being shown): no evidence either way
	}
	elapsed := now.Sub(time.UnixMilli(shown))
	if elapsed >= 0 && elapsed < time.Duration(questions)*assessment.FastPerItem {
		sess.Values[pageFastKey(n)] = "1"
	} else {
		delete(sess.Values, pageFastKey(n))
	}
}

// A retake starts from a saved result's answers. Its pages were timed when
// that result was taken, but only the number of fast ones was kept: each
// page is marked carried until it is posted again (and so timed afresh),
// and as many carried pages count as fast as the old result had, at most.
// Submitting the old answers unchanged cannot clear a pace flag.
const (
	paceCarried  = "carried"
	pageCarryKey = "fastcarry"
)

// carryPace marks every page carried from a result with fast fast pages.
func carryPace(sess *sessions.Session, pages, fast int) {
	for n := 1; n <= pages; n++ {
		delete(sess.Values, pageShownKey(n))
		sess.Values[pageFastKey(n)] = paceCarried
	}
	sess.Values[pageCarryKey] = strconv.Itoa(fast)
}

// fastPages counts the pages marked fast, and the carried ones that count.
func fastPages(sess *sessions.Session, pages int) int {
	count, carried := 0, 0
	for n := 1; n <= pages; n++ {
		switch sess.Values[pageFastKey(n)] {
		case "1":
			count++
		case paceCarried:
			carried++
		}
	}
	carry, _ := strconv.Atoi(fmt.Sprint(sess.Values[pageCarryKey]))
	return count + min(carried, max(0, carry))
}
