package server

import (
	"sort"
	"strconv"
	"strings"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"
)

const (
	sessionName    = "rolefit"
	sessionAnswers = "answers" // "q01:3,q02:5": compact, gob-free
	sessionResult  = "result"  // id of the visitor's latest result
	sessionFlash   = "flash"
	sessionCtxKey  = "session" // echo context key of the decoded session
)

// session returns the visitor's session. A cookie that fails to decode
// (tampered, expired, or signed with an old key) yields a fresh session.
// The session is decoded once per request and kept in the context, so the
// CSRF middleware and the handler change the same values.
func (s *Server) session(c echo.Context) *sessions.Session {
	if sess, ok := c.Get(sessionCtxKey).(*sessions.Session); ok {
		return sess
	}
	sess, err := s.sessions.Get(c.Request(), sessionName)
	if err != nil || sess == nil {
		sess = sessions.NewSession(s.sessions, sessionName)
		opts := *s.sessions.Options
		sess.Options = &opts
		sess.IsNew = true
	}
	c.Set(sessionCtxKey, sess)
	return sess
}

// saveSession writes the session cookie, replacing one an earlier save in
// this request wrote (the CSRF middleware saves a new visitor's session
// before the handler changes it again).
func (s *Server) saveSession(c echo.Context, sess *sessions.Session) error {
	h := c.Response().Header()
	prefix := sessionName + "="
	kept := h[echo.HeaderSetCookie][:0]
	for _, v := range h[echo.HeaderSetCookie] {
		if !strings.HasPrefix(v, prefix) {
			kept = append(kept, v)
		}
	}
	h[echo.HeaderSetCookie] = kept
	return sess.Save(c.Request(), c.Response())
}

// sessionAnswersOf decodes the answers kept in the session, dropping
// anything that is not a known question with a value on the scale.
func (s *Server) sessionAnswersOf(sess *sessions.Session) map[string]int {
	out := map[string]int{}
	raw, _ := sess.Values[sessionAnswers].(string)
	for _, pair := range strings.Split(raw, ",") {
		id, v, ok := strings.Cut(pair, ":")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(v)
		if err == nil && n >= 1 && n <= 5 && s.isQuestion(id) {
			out[id] = n
		}
	}
	return out
}

func setSessionAnswers(sess *sessions.Session, answers map[string]int) {
	ids := make([]string, 0, len(answers))
	for id := range answers {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(id)
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(answers[id]))
	}
	sess.Values[sessionAnswers] = b.String()
}

// flash stores a one-time message shown on the next page.
func flash(sess *sessions.Session, msg string) { sess.Values[sessionFlash] = msg }

func takeFlash(sess *sessions.Session) string {
	msg, _ := sess.Values[sessionFlash].(string)
	if msg != "" {
		delete(sess.Values, sessionFlash)
	}
	return msg
}

// noStore marks personal pages as never cached by browsers or proxies.
func noStore(c echo.Context) {
	c.Response().Header().Set("Cache-Control", "no-store")
	c.Response().Header().Add("Vary", "Cookie")
}
