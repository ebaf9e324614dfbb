package typedhooks

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
)

// Errors returned by the decoders of every provider package. They are wrapped
// with the provider's name, so test for them with errors.Is.
var (
	// ErrNotObject means the body is not a single JSON object.
	ErrNotObject = errors.New("body is not a JSON object")
	// ErrNoEventType means the body is a JSON object but the fields that name
	// the event type are missing, empty or not strings.
	ErrNoEventType = errors.New("no event type in body")
)

// EachField calls fn with the raw key and the raw value of each member of the
// top-level JSON object in body, in order, until fn returns false. The key is
// given as it is on the wire, without its quotes (escapes are left in place);
// the value is the complete JSON text of the member's value.
//
// It checks the object's structure as far as it walks it, without decoding
// values or allocating, which is why locating an event type costs a small
// fraction of decoding the event. It returns an error wrapping [ErrNotObject]
// when body is not an object or is cut short.
func EachField(body []byte, fn func(key, value []byte) bool) error {
	return eachField(body, func(key, value []byte, _ int) bool { return fn(key, value) })
}

// eachField is EachField with the index in body just past each value.
func eachField(body []byte, fn func(key, value []byte, end int) bool) error {
	i := skipSpace(body, 0)
	if i >= len(body) || body[i] != '{' {
		return notObject(body, i, "does not start with '{'")
	}
	i = skipSpace(body, i+1)
	if i < len(body) && body[i] == '}' {
		return trailing(body, i+1)
	}
	for {
		if i >= len(body) || body[i] != '"' {
			return notObject(body, i, "expected a member name")
		}
		end, ok := skipString(body, i)
		if !ok {
			return notObject(body, i, "unterminated member name")
		}
		key := body[i+1 : end-1]
		i = skipSpace(body, end)
		if i >= len(body) || body[i] != ':' {
			return notObject(body, i, "expected ':'")
		}
		i = skipSpace(body, i+1)
		vend, ok := skipValue(body, i)
		if !ok {
			return notObject(body, i, "malformed value")
		}
		if !fn(key, body[i:vend], vend) {
			return nil
		}
		i = skipSpace(body, vend)
		if i >= len(body) {
			return notObject(body, i, "unexpected end")
		}
		switch body[i] {
		case ',':
			i = skipSpace(body, i+1)
		case '}':
			return trailing(body, i+1)
		default:
			return notObject(body, i, "expected ',' or '}'")
		}
	}
}

// FieldLocator returns a locator that reads the event type from the
// top-level string member named key, the way most providers send it
// ("type" for Crossmint, "eventName" for Dynamic). When the member occurs more
// than once the last one wins, as it does for encoding/json.
//
// The locator stops walking at a member named key that holds a non-empty
// string when the rest of the body cannot name it again: the rest holds no
// backslash (which an escaped spelling of the key would need) and not the
// key followed by its closing quote. Both are vectorised searches, much
// faster than walking the members left, most of all nested ones. (The
// search leaves out the key's first byte: bytes.Index jumps between
// occurrences of the needle's first byte, and a quote, or the first letter,
// occurs far more often than the second letter.) The rest of the body is
// then checked only by the decoder that follows, so a body that is
// malformed after its type member is reported by the decoder (an
// [ErrNotObject] from [Registry.Parse] either way).
func FieldLocator(key string) TypeLocator {
	return fieldLocator(key, true)
}

// fieldLocator is FieldLocator; with stopEarly false it walks every member
// and so checks the structure of the whole top level, for callers that no
// decoder follows.
func fieldLocator(key string, stopEarly bool) TypeLocator {
	needle := []byte(key[min(1, len(key)):] + `"`)
	return func(body []byte) (string, error) {
		var raw []byte
		var found string
		err := eachField(body, func(k, v []byte, end int) bool {
			if !keyEquals(k, key) {
				return true
			}
			raw = v
			if rest := body[end:]; stopEarly && bytes.IndexByte(rest, '\\') < 0 && !bytes.Contains(rest, needle) {
				if s, ok := StringValue(v); ok && s != "" {
					found = s
					return false
				}
			}
			return true
		})
		if err != nil {
			return "", err
		}
		if found != "" {
			return found, nil
		}
		if raw == nil {
			return "", fmt.Errorf("%w: member %q is missing", ErrNoEventType, key)
		}
		s, ok := StringValue(raw)
		if !ok || s == "" {
			return "", fmt.Errorf("%w: member %q is %s, not a non-empty string", ErrNoEventType, key, abbreviate(raw))
		}
		return s, nil
	}
}

// StringValue returns the string that the raw JSON value v holds, and false
// when v is not a JSON string.
func StringValue(v []byte) (string, bool) {
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return "", false
	}
	inner := v[1 : len(v)-1]
	if isPlain(inner) {
		return string(inner), true
	}
	// Escapes, control characters and non-ASCII bytes take the slow path,
	// so that the result is what encoding/json would decode (invalid UTF-8
	// becomes U+FFFD, control characters are errors).
	var s string
	if json.Unmarshal(v, &s) != nil {
		return "", false
	}
	return s, true
}

// isPlain reports whether the inside of a JSON string is its text as it
// stands: printable ASCII without escapes. It tests eight bytes at a time
// (see [hasPlainBreak]), since it runs on every string a Time or an ID holds.
func isPlain(inner []byte) bool {
	for ; len(inner) >= 8; inner = inner[8:] {
		if hasPlainBreak(binary.LittleEndian.Uint64(inner)) {
			return false
		}
	}
	for _, c := range inner {
		if c == '\\' || c < 0x20 || c >= 0x80 {
			return false
		}
	}
	return true
}

// hasPlainBreak reports whether any byte of the little-endian word w is a
// backslash, a control character or not ASCII. Once bytes with the high bit
// set are ruled out, the classic tests for a byte below n, x-n*ones &^ x,
// and for a zero byte (a backslash after XOR) have the high bit of some
// byte set exactly when such a byte exists.
func hasPlainBreak(w uint64) bool {
	backslash := w ^ (ones * '\\')
	return (w|(w-ones*0x20)&^w|(backslash-ones)&^backslash)&highs != 0
}

// MemberName returns the name that raw, a member name as [EachField] gives
// it (without its quotes, escapes left in place), stands for: its escapes
// resolved as encoding/json resolves them. It returns string(raw) and false
// when raw holds a malformed escape.
func MemberName(raw []byte) (string, bool) {
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw), true
	}
	quoted := make([]byte, 0, len(raw)+2)
	if s, ok := StringValue(append(append(append(quoted, '"'), raw...), '"')); ok {
		return s, true
	}
	return string(raw), false
}

// keyEquals compares a raw (possibly escaped) member name with name.
func keyEquals(raw []byte, name string) bool {
	if string(raw) == name {
		return true
	}
	if bytes.IndexByte(raw, '\\') < 0 {
		return false
	}
	s, ok := MemberName(raw)
	return ok && s == name
}

func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// skipString returns the index just past the string starting at b[i] == '"'.
func skipString(b []byte, i int) (int, bool) {
	for j := i + 1; ; j += 2 { // past the opening quote, then past an escape
		j = indexQuoteOrBackslash(b, j)
		if j >= len(b) {
			return 0, false
		}
		if b[j] == '"' {
			return j + 1, true
		}
	}
}

// skipValue returns the index just past the JSON value starting at b[i].
// Nested containers are skipped by counting brackets outside strings; their
// contents are validated later by the decoder.
func skipValue(b []byte, i int) (int, bool) {
	if i >= len(b) {
		return 0, false
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for j := i; ; j++ {
			j = indexBracketOrQuote(b, j)
			if j >= len(b) {
				return 0, false
			}
			switch b[j] {
			case '"':
				end, ok := skipString(b, j)
				if !ok {
					return 0, false
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, true
				}
			}
		}
	default:
		j := i
		for j < len(b) {
			switch b[j] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				return j, j > i
			}
			j++
		}
		return j, j > i
	}
}

// The two searches below look at eight bytes at a time: skipping is most of
// what locating an event type costs, and most bytes of a body are neither
// quotes nor brackets. Each tests a little-endian word for bytes of interest
// with the "has a zero byte" trick: for x = w XOR (a byte repeated),
// (x - ones) &^ x & highs has the high bit set in the lowest byte of x that
// is zero, that is in the lowest byte of w that matched. (Bits above it may
// be set by the borrow; only the lowest set bit is used.)
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

func zeroByte(x uint64) uint64 { return (x - ones) &^ x & highs }

// indexQuoteOrBackslash returns the index of the first '"' or '\\' in b at or
// after j, or len(b).
func indexQuoteOrBackslash(b []byte, j int) int {
	for ; j+8 <= len(b); j += 8 {
		w := binary.LittleEndian.Uint64(b[j:])
		if m := zeroByte(w^(ones*'"')) | zeroByte(w^(ones*'\\')); m != 0 {
			return j + bits.TrailingZeros64(m)/8
		}
	}
	for ; j < len(b); j++ {
		if b[j] == '"' || b[j] == '\\' {
			return j
		}
	}
	return j
}

// indexBracketOrQuote returns the index of the first '"', '{', '}', '[' or
// ']' in b at or after j, or len(b). It may stop early at a 'Y', '_', 'y' or
// DEL byte, which the callers step over: the four brackets are exactly the
// bytes c with c&0xD9 == 0x59 apart from those four, which cannot occur in
// valid JSON outside strings.
func indexBracketOrQuote(b []byte, j int) int {
	for ; j+8 <= len(b); j += 8 {
		w := binary.LittleEndian.Uint64(b[j:])
		if m := zeroByte(w^(ones*'"')) | zeroByte(w&(ones*0xD9)^(ones*0x59)); m != 0 {
			return j + bits.TrailingZeros64(m)/8
		}
	}
	for ; j < len(b); j++ {
		switch b[j] {
		case '"', '{', '}', '[', ']':
			return j
		}
	}
	return j
}

func trailing(b []byte, i int) error {
	if i = skipSpace(b, i); i != len(b) {
		return notObject(b, i, "data after the object")
	}
	return nil
}

func notObject(b []byte, i int, what string) error {
	if len(b) == 0 {
		return fmt.Errorf("%w: body is empty", ErrNotObject)
	}
	return fmt.Errorf("%w: %s at offset %d", ErrNotObject, what, i)
}

// abbreviate renders a raw value for an error message without echoing a
// whole payload into logs.
func abbreviate(v []byte) string {
	const max = 40
	if len(v) > max {
		return string(v[:max]) + "…"
	}
	return string(v)
}
