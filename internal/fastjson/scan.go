package fastjson

import (
	"encoding/binary"
	"math/bits"
	"unsafe"
)

// maxDepth bounds nesting; deeper input is declined, and encoding/json
// (whose own limit is 10000) decides.
const maxDepth = 512

// state is one decode's cursor over data.
type state struct {
	data  []byte
	pos   int
	depth int
	// owned means the decoded value owns data and nothing modifies it, so
	// strings may be views of data instead of copies.
	owned bool
}

// String flags that scanString reports.
const (
	hasEscape   = 1 << iota // a backslash escape
	hasNonASCII             // a byte >= 0x80
)

func (s *state) ws() {
	// Inlined where it is called: most calls find no whitespace at all.
	if s.pos < len(s.data) && s.data[s.pos] <= ' ' {
		s.skipSpace()
	}
}

// skipSpace moves past the whitespace at the cursor. It is kept out of
// line so that ws, and the helpers that call it, stay small enough to be
// inlined.
//
//go:noinline
func (s *state) skipSpace() {
	data, i := s.data, s.pos
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\r':
			i++
		case '\n':
			i++
			// Indentation follows a newline: up to eight spaces at once.
			if i+8 <= len(data) {
				if x := binary.LittleEndian.Uint64(data[i:]) ^ ones*' '; x != 0 {
					i += bits.TrailingZeros64(x) / 8
				} else {
					i += 8
				}
			}
		default:
			s.pos = i
			return
		}
	}
	s.pos = i
}

// peek returns the byte at the cursor, or 0 at the end.
func (s *state) peek() byte {
	if s.pos < len(s.data) {
		return s.data[s.pos]
	}
	return 0
}

// view returns b as a string: a view of data when the value owns it, else
// a copy.
func (s *state) view(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if s.owned {
		return unsafe.String(&b[0], len(b))
	}
	return string(b)
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// stringBreaks has the high bit set in each byte of the little-endian word
// w that ends the plain run of a string (a quote, a backslash, a control
// character or a non-ASCII byte), except that bytes above the first such
// byte may be set wrongly: the zero-byte and below-n tests borrow only
// upwards. The lowest set bit is therefore exact, which is all scanString
// uses.
func stringBreaks(w uint64) uint64 {
	q := w ^ (ones * '"')
	b := w ^ (ones * '\\')
	return (w | (w-ones*0x20)&^w | (q-ones)&^q | (b-ones)&^b) & highs
}

// scanString moves past the string at the cursor, which must start with a
// quote, and returns the bounds of its inside and what it holds. ok is false
// for a string encoding/json rejects: unterminated, a control character, a
// malformed escape.
func (s *state) scanString() (start, end int, flags uint8, ok bool) {
	data := s.data
	i := s.pos + 1
	start = i
	for {
		for i+8 <= len(data) {
			if m := stringBreaks(binary.LittleEndian.Uint64(data[i:])); m != 0 {
				i += bits.TrailingZeros64(m) / 8
				break
			}
			i += 8
		}
		if i >= len(data) {
			return 0, 0, 0, false
		}
		switch c := data[i]; {
		case c == '"':
			s.pos = i + 1
			return start, i, flags, true
		case c == '\\':
			flags |= hasEscape
			if i+1 >= len(data) {
				return 0, 0, 0, false
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(data) || !isHex(data[i+2]) || !isHex(data[i+3]) || !isHex(data[i+4]) || !isHex(data[i+5]) {
					return 0, 0, 0, false
				}
				i += 6
			default:
				return 0, 0, 0, false
			}
		case c < 0x20:
			return 0, 0, 0, false
		case c >= 0x80:
			flags |= hasNonASCII
			i++
		default:
			i++
		}
	}
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// scanNumber moves past the number at the cursor and returns its text, or
// false when it is not a number in JSON's grammar.
func (s *state) scanNumber() ([]byte, bool) {
	data, i := s.data, s.pos
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && data[i] >= '1' && data[i] <= '9':
		i = digits(data, i+1)
	default:
		return nil, false
	}
	if i < len(data) && data[i] == '.' {
		j := digits(data, i+1)
		if j == i+1 {
			return nil, false
		}
		i = j
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		j := digits(data, i)
		if j == i {
			return nil, false
		}
		i = j
	}
	num := data[s.pos:i]
	s.pos = i
	return num, true
}

func digits(data []byte, i int) int {
	for i < len(data) && data[i] >= '0' && data[i] <= '9' {
		i++
	}
	return i
}

// literal moves past lit (true, false or null) at the cursor.
func (s *state) literal(lit string) bool {
	if len(s.data)-s.pos < len(lit) || string(s.data[s.pos:s.pos+len(lit)]) != lit {
		return false
	}
	s.pos += len(lit)
	return true
}

// skipValue moves past the value at the cursor, checking it as strictly as
// encoding/json does, and returns its bytes.
func (s *state) skipValue() ([]byte, bool) {
	start := s.pos
	var ok bool
	switch c := s.peek(); {
	case c == '"':
		_, _, _, ok = s.scanString()
	case c == '{':
		ok = s.skipContainer('}')
	case c == '[':
		ok = s.skipContainer(']')
	case c == 't':
		ok = s.literal("true")
	case c == 'f':
		ok = s.literal("false")
	case c == 'n':
		ok = s.literal("null")
	default:
		_, ok = s.scanNumber()
	}
	return s.data[start:s.pos], ok
}

// skipContainer moves past the object or array at the cursor; closer says
// which.
func (s *state) skipContainer(closer byte) bool {
	empty, ok := s.open(closer)
	if empty || !ok {
		return ok
	}
	for {
		if closer == '}' {
			if _, _, _, ok := s.member(); !ok {
				return false
			}
		}
		if _, ok := s.skipValue(); !ok {
			return false
		}
		if done, ok := s.next(closer); done || !ok {
			return ok
		}
	}
}

// open moves into the object or array at the cursor (closer says which),
// and past it when it is empty.
func (s *state) open(closer byte) (empty, ok bool) {
	if s.depth++; s.depth > maxDepth {
		return false, false
	}
	s.pos++
	s.ws()
	if s.peek() == closer {
		s.pos++
		s.depth--
		return true, true
	}
	return false, true
}

// next moves past the comma before the next member or element, or past the
// closer that ends the object or array (done).
func (s *state) next(closer byte) (done, ok bool) {
	s.ws()
	switch s.peek() {
	case ',':
		s.pos++
		s.ws()
		return false, true
	case closer:
		s.pos++
		s.depth--
		return true, true
	}
	return false, false
}

// member moves past a member's name and the colon after it, and returns the
// bounds of the name's inside and what it holds (see scanString).
func (s *state) member() (start, end int, flags uint8, ok bool) {
	if s.peek() != '"' {
		return 0, 0, 0, false
	}
	if start, end, flags, ok = s.scanString(); !ok {
		return 0, 0, 0, false
	}
	s.ws()
	if s.peek() != ':' {
		return 0, 0, 0, false
	}
	s.pos++
	if s.peek() == ' ' {
		s.pos++ // indented JSON has one space here, spared a call
	}
	s.ws()
	return start, end, flags, true
}
