package fastjson

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
)

// This file walks the top level of a body member by member, for what must
// look at a member before it knows which struct to decode into (the event
// type). It uses the scanner Decode uses, so the module has one JSON scanner,
// and checks what it walks as strictly.

// walkDepth is the nesting EachMember accepts: encoding/json's own limit,
// not maxDepth, since no decline follows a walk.
const walkDepth = 10000

// EachMember calls fn with the raw name (without its quotes, escapes left
// in place) and the raw value of each member of the top-level object in
// body, in order, until fn returns false. Each member is checked as
// strictly as encoding/json checks it before fn sees it; what follows the
// member at which fn stops is not looked at. The error is non-nil when body
// is not an object or is malformed where it was walked, and says where.
func EachMember(body []byte, fn func(name, value []byte) bool) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return errors.New("body is empty")
	}
	return walk(body, '}', fn)
}

// Elements lists the raw elements of the JSON array b, checked as strictly
// as EachMember checks members, or returns false when b is not a
// well-formed array.
func Elements(b []byte) ([][]byte, bool) {
	out := [][]byte{}
	err := walk(b, ']', func(_, v []byte) bool {
		out = append(out, v)
		return true
	})
	return out, err == nil
}

// walk is EachMember for the object (closer '}') or the array (closer ']',
// names nil) that b holds.
func walk(b []byte, closer byte, fn func(name, value []byte) bool) error {
	s := state{data: b, depth: maxDepth - walkDepth}
	fail := func(msg string) error { return fmt.Errorf("%s at offset %d", msg, s.pos) }
	s.ws()
	if opener := closer - 2; s.peek() != opener { // '{' and '[' precede their closers by two
		return fail("does not start with '" + string(opener) + "'")
	}
	empty, ok := s.open(closer)
	if !ok {
		return fail("nested too deep")
	}
	for !empty {
		var name []byte
		if closer == '}' {
			start, end, _, ok := s.member()
			if !ok {
				return fail("malformed member name")
			}
			name = b[start:end]
		}
		v, ok := s.skipValue()
		if !ok {
			return fail("malformed value")
		}
		if !fn(name, v) {
			return nil
		}
		if empty, ok = s.next(closer); !ok {
			return fail("expected ',' or '" + string(closer) + "'")
		}
	}
	s.ws()
	if s.pos != len(b) {
		return fail("data after the value")
	}
	return nil
}

// StringValue returns the string that the raw JSON value v holds, and false
// when v is not a JSON string.
func StringValue(v []byte) (string, bool) {
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return "", false
	}
	inner := v[1 : len(v)-1]
	if IsPlain(inner) {
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

// IsPlain reports whether the inside of a JSON string is its text as it
// stands: printable ASCII without quotes or escapes. It tests eight bytes at
// a time, as the scanner does, since it runs on every string a Time or an ID
// holds.
func IsPlain(inner []byte) bool {
	for ; len(inner) >= 8; inner = inner[8:] {
		if stringBreaks(binary.LittleEndian.Uint64(inner)) != 0 {
			return false
		}
	}
	for _, c := range inner {
		if c == '"' || c == '\\' || c < 0x20 || c >= 0x80 {
			return false
		}
	}
	return true
}

// MemberName returns the name that raw, a member name as [EachMember] gives
// it (without its quotes, escapes left in place), stands for: decoded as
// encoding/json decodes it (escapes resolved, invalid UTF-8 replaced). It
// returns string(raw) and false when raw holds a malformed escape.
func MemberName(raw []byte) (string, bool) {
	if IsPlain(raw) {
		return string(raw), true
	}
	quoted := make([]byte, 0, len(raw)+2)
	if s, ok := StringValue(append(append(append(quoted, '"'), raw...), '"')); ok {
		return s, true
	}
	return string(raw), false
}

// NameIs reports whether raw, a member name as EachMember gives it, stands
// for name.
func NameIs(raw []byte, name string) bool {
	if string(raw) == name {
		return true
	}
	if bytes.IndexByte(raw, '\\') < 0 {
		return false
	}
	s, ok := MemberName(raw)
	return ok && s == name
}
