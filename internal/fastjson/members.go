package fastjson

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
)

// This file walks the top level of a body member by member, for what must
// look at a member before it knows which struct to decode into (the event
// type). It uses the scanner Decode uses, so the module has one JSON scanner,
// and checks what it walks as strictly.

// walkDepth is the nesting EachMember accepts: encoding/json's own limit,
// not maxDepth, since no decline follows a walk.
const walkDepth = 10000

// SyntaxError says where and why [EachMember] found a body malformed.
type SyntaxError struct {
	Offset int    // in the body; 0 for an empty one
	Msg    string // what was wrong
}

func (e *SyntaxError) Error() string {
	if e.Offset < 0 {
		return e.Msg
	}
	return fmt.Sprintf("%s at offset %d", e.Msg, e.Offset)
}

// EachMember calls fn with the raw name (without its quotes, escapes left
// in place) and the raw value of each member of the top-level object in
// body, in order, until fn returns false; end is the index in body just past
// the value. Each member is checked as strictly as encoding/json checks it
// before fn sees it; what follows the member at which fn stops is not looked
// at. The error, a *SyntaxError, is non-nil when body is not an object or is
// malformed where it was walked.
func EachMember(body []byte, fn func(name, value []byte, end int) bool) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return &SyntaxError{Offset: -1, Msg: "body is empty"}
	}
	s := state{data: body, depth: maxDepth - walkDepth}
	fail := func(msg string) error { return &SyntaxError{Offset: s.pos, Msg: msg} }
	s.ws()
	if s.peek() != '{' {
		return fail("does not start with '{'")
	}
	empty, ok := s.open('}')
	if !ok {
		return fail("nested too deep")
	}
	for !empty {
		start, end, _, ok := s.member()
		if !ok {
			return fail("malformed member name")
		}
		v, ok := s.skipValue()
		if !ok {
			return fail("malformed value")
		}
		if !fn(body[start:end], v, s.pos) {
			return nil
		}
		done, ok := s.next('}')
		if !ok {
			return fail("expected ',' or '}'")
		}
		empty = done
	}
	s.ws()
	if s.pos != len(body) {
		return fail("data after the object")
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

// Elements lists the raw elements of the JSON array b, checked as strictly
// as EachMember checks members, or returns false when b is not a
// well-formed array.
func Elements(b []byte) ([][]byte, bool) {
	s := state{data: b, depth: maxDepth - walkDepth}
	s.ws()
	if s.peek() != '[' {
		return nil, false
	}
	empty, ok := s.open(']')
	if !ok {
		return nil, false
	}
	out := [][]byte{}
	for !empty {
		v, ok := s.skipValue()
		if !ok {
			return nil, false
		}
		out = append(out, v)
		if empty, ok = s.next(']'); !ok {
			return nil, false
		}
	}
	s.ws()
	return out, s.pos == len(b)
}
