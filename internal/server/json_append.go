package server

import (
	"errors"
	"math"
	"strconv"
	"unicode/utf8"

	"rolefit/internal/matching"
)

// This file appends JSON values byte for byte as encoding/json encodes
// them (HTML-safe strings, shortest floats), for the answers written by
// hand (api_answer.go).

func appendPoints(b []byte, ps []matching.Point) ([]byte, error) {
	b = append(b, '[')
	var err error
	for i, p := range ps {
		b = appendComma(b, i)
		if b, err = appendPoint(b, p); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}

// appendPoint appends an explanation point as apiPoint: its dimension,
// sentence and both levels to two decimals.
func appendPoint(b []byte, p matching.Point) ([]byte, error) {
	b = append(b, `{"dimension":`...)
	b = appendJSONString(b, p.Dimension)
	b = append(b, `,"text":`...)
	b = appendJSONString(b, p.Text)
	b = append(b, `,"you":`...)
	b, err := appendJSONFloat(b, round2(p.You))
	if err != nil {
		return b, err
	}
	b = append(b, `,"role":`...)
	if b, err = appendJSONFloat(b, round2(p.Role)); err != nil {
		return b, err
	}
	return append(b, '}'), nil
}

// appendComma separates the elements of an array or object after the first.
func appendComma(b []byte, i int) []byte {
	if i > 0 {
		return append(b, ',')
	}
	return b
}

// errNotFinite is what encoding/json refuses too: JSON has no NaN or ±Inf.
var errNotFinite = errors.New("server: a number in the answer is not finite")

// appendJSONFloat appends f as encoding/json does: the shortest decimal
// that reads back as f, in exponent form below 1e-6 and from 1e21.
func appendJSONFloat(b []byte, f float64) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return b, errNotFinite
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 becomes e-9, as encoding/json writes it.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json quotes it: quotes,
// backslashes and control characters escaped, <, > and & as \u003c,
// \u003e and \u0026 (safe inside HTML), invalid UTF-8 as \ufffd, and the
// line and paragraph separators U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
