package server

import (
	"bytes"
	"maps"
	"net"
	"slices"
)

// Listener wraps ln so that the few answers net/http writes by itself,
// before any handler runs (400 for a malformed request, 431 for headers
// past MaxHeaderBytes, 501 for an unknown transfer coding), carry the same
// security headers as every other answer.
func (s *Server) Listener(ln net.Listener) net.Listener {
	return hardenedListener{Listener: ln, headers: cannedHeaders()}
}

// netHTTPErrorHeaders is how net/http's own error answers end their
// headers. Our handlers' answers never contain it: net/http writes their
// headers sorted, so Connection comes before Content-Type there.
var netHTTPErrorHeaders = []byte("\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n")

// cannedHeaders renders baseHeaders as header lines, each starting "\r\n".
func cannedHeaders() []byte {
	var b bytes.Buffer
	for _, k := range slices.Sorted(maps.Keys(baseHeaders)) {
		b.WriteString("\r\n" + k + ": " + baseHeaders[k][0])
	}
	return b.Bytes()
}

type hardenedListener struct {
	net.Listener
	headers []byte
}

func (l hardenedListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &hardenedConn{Conn: c, headers: l.headers}, nil
}

type hardenedConn struct {
	net.Conn
	headers []byte
}

// Write adds the security headers to net/http's own error answers, which
// it writes whole in one call straight to the connection.
func (c *hardenedConn) Write(p []byte) (int, error) {
	if !bytes.HasPrefix(p, []byte("HTTP/1.1 ")) {
		return c.Conn.Write(p)
	}
	i := bytes.Index(p, netHTTPErrorHeaders)
	if i < 0 {
		return c.Conn.Write(p)
	}
	out := make([]byte, 0, len(p)+len(c.headers))
	out = append(out, p[:i]...)
	out = append(out, c.headers...)
	out = append(out, p[i:]...)
	if _, err := c.Conn.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// CloseWrite lets net/http half-close the connection after a 431, as it
// does on a bare TCP connection, so the client reads the answer.
func (c *hardenedConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}
