package server

import (
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

// fastPages counts the pages marked fast.
func fastPages(sess *sessions.Session, pages int) int {
	count := 0
	for n := 1; n <= pages; n++ {
		if sess.Values[pageFastKey(n)] == "1" {
			count++
		}
	}
	return count
}
