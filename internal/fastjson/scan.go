package fastjson

import (
	"encoding/binary"
	"math/bits"
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

// skipSpace is ws's loop, kept out of line so that ws is inlined.
//
//go:noinline
func (s *state) skipSpace() { s.pos = spaces(s.data, s.pos) }

// spaces returns the index of the first byte at or after i that is not
// whitespace. It is small enough to be inlined.
func spaces(data []byte, i int) int {
	for i < len(data) && uint64(1)<<data[i]&(1<<' '|1<<'\n'|1<<'\t'|1<<'\r') != 0 {
		// Indentation (after a newline) up to eight spaces at once.
		if i++; i+8 <= len(data) {
			i += bits.TrailingZeros64(binary.LittleEndian.Uint64(data[i:i+8])^ones*' ') >> 3
		}
	}
	return i
}

// peek returns the byte at the cursor, or 0 at the end.
func (s *state) peek() byte {
	if s.pos < len(s.data) {
		return s.data[s.pos]
	}
	return 0
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// stringBreaks has the high bit set in each byte of the little-endian word
// w that ends the plain run of a string (a quote, a backslash, a control
// character or a non-ASCII byte), except that bytes above the first such
// byte may be set wrongly: the subtractions borrow only upwards, and only
// from a byte that ends the run. The lowest set bit is therefore exact, which
// is all the scanners use.
func stringBreaks(w uint64) uint64 { return w&highs | asciiBreaks(w) }

// asciiBreaks is stringBreaks less the non-ASCII bytes, which the skipper
// passes as plain. A quote or a control character is a byte whose xor with
// 2 is below 0x21 (the xors keep the high bits of w, hence the &^ w).
func asciiBreaks(w uint64) uint64 {
	t, b := w^(ones*2), w^(ones*'\\')
	return ((t - ones*0x21) | (b - ones)) &^ w & highs
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
			if i = escape(data, i); i < 0 {
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

// numberEnd returns the end of the number at i, or -1 when there is none
// in JSON's grammar there.
func numberEnd(data []byte, i int) int {
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && data[i] >= '1' && data[i] <= '9':
		i = digits(data, i+1)
	default:
		return -1
	}
	if i < len(data) && data[i] == '.' {
		j := digits(data, i+1)
		if j == i+1 {
			return -1
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
			return -1
		}
		i = j
	}
	return i
}

func digits(data []byte, i int) int {
	for i < len(data) && data[i] >= '0' && data[i] <= '9' {
		i++
	}
	return i
}

// literal moves past l (true, false or null) at the cursor.
func (s *state) literal(l string) bool {
	i := lit(s.data, s.pos, l)
	if i < 0 {
		return false
	}
	s.pos = i
	return true
}

// skipValue moves past the value at the cursor, checking it as strictly as
// encoding/json does, and returns its bytes.
func (s *state) skipValue() ([]byte, bool) {
	start := s.pos
	ok := s.skip()
	return s.data[start:s.pos], ok
}

// skip is skipValue's loop. It is the hot path on large bodies (members no
// field keeps), so it is one loop over the bytes rather than a call per
// token, which would save and reload its state around every call, and it
// takes the common paths (a string value after a name, a comma after a
// value) straight. The containers it has open are bits of a word (1 for an
// object, innermost lowest); nesting of more than 64 within one call
// continues in a nested call, so the stack stays bounded as the depth is.
func (s *state) skip() bool {
	data, i := s.data, s.pos
	var objects uint64
	n := 0       // containers open in this call
	key := false // a member name is next, not a value
	for {
		// A value or a member name next. (A byte up to ' ' that is not
		// whitespace fails below, as everywhere outside strings.)
		i = spaces(data, i)
		if i >= len(data) {
			return false
		}
		if c := data[i]; c != '"' {
			switch {
			case n > 0 && c == ']'|byte(objects&1)<<5 && before(data, i) == c-2:
				// The closer of an empty container, found where its
				// first member or element would be (looking back past
				// whitespace to its opener, on this rare path).
				i++
				objects, n = objects>>1, n-1
			case key:
				return false
			case c == '{' || c == '[':
				if s.depth+n >= maxDepth {
					return false
				}
				if n == 64 {
					s.pos, s.depth = i, s.depth+n
					ok := s.skip()
					i, s.depth = s.pos, s.depth-n
					if !ok {
						return false
					}
					break
				}
				// '{' has bit 0x20, '[' not.
				objects, n, key = objects<<1|uint64(c&0x20)>>5, n+1, c == '{'
				i++
				continue
			case c == 't':
				i = lit(data, i, "true")
			case c == 'f':
				i = lit(data, i, "false")
			case c == 'n':
				i = lit(data, i, "null")
			default:
				i = numberEnd(data, i)
			}
			if i < 0 {
				return false
			}
			goto end
		}
	str:
		// A string: plain runs eight bytes at a time. Non-ASCII bytes
		// are plain here: encoding/json accepts invalid UTF-8, and
		// nothing here looks at what the string holds.
		for i++; ; {
			if i+8 <= len(data) {
				w := binary.LittleEndian.Uint64(data[i : i+8])
				if m := asciiBreaks(w); m != 0 {
					k := bits.TrailingZeros64(m)
					if i += k >> 3; byte(w>>(k&^7)) == '"' {
						i++ // the end, known without loading it again
						break
					}
				} else {
					i += 8
					continue
				}
			} else if i < len(data) && data[i] >= 0x20 && data[i] != '"' && data[i] != '\\' {
				i++
				continue
			} else if i >= len(data) {
				return false
			}
			if data[i] == '"' {
				i++
				break
			}
			if data[i] != '\\' {
				return false // a control character
			}
			if i = escape(data, i); i < 0 {
				return false
			}
		}
		if key {
			if i < len(data) && data[i] != ':' {
				i = spaces(data, i)
			}
			if i >= len(data) || data[i] != ':' {
				return false
			}
			if i++; i < len(data) && data[i] == ' ' {
				i++ // indented JSON has one space here
			}
			if key = false; i < len(data) && data[i] == '"' {
				goto str // most values are strings
			}
			continue
		}
	end:
		// After a value: the closers that follow it, then a comma.
		for {
			if n == 0 {
				s.pos = i
				return true
			}
			if i < len(data) && data[i] == ',' {
				i++
				key = objects&1 != 0
				break
			}
			i = spaces(data, i)
			if i < len(data) && data[i] == ']'|byte(objects&1)<<5 { // ']' | 0x20 is '}'
				i++
				objects, n = objects>>1, n-1
			} else if i >= len(data) || data[i] != ',' {
				return false
			}
		}
	}
}

// before returns the byte before i that is not whitespace.
func before(data []byte, i int) byte {
	for i--; data[i] <= ' '; i-- {
	}
	return data[i]
}

// lit moves past the literal l at i, or returns -1.
func lit(data []byte, i int, l string) int {
	if len(data)-i < len(l) || string(data[i:i+len(l)]) != l {
		return -1
	}
	return i + len(l)
}

// escape moves past the escape at i, which starts with a backslash, or
// returns -1 when it is malformed.
func escape(data []byte, i int) int {
	if i+1 >= len(data) {
		return -1
	}
	switch data[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return i + 2
	case 'u':
		if i+6 > len(data) || !isHex(data[i+2]) || !isHex(data[i+3]) || !isHex(data[i+4]) || !isHex(data[i+5]) {
			return -1
		}
		return i + 6
	}
	return -1
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
