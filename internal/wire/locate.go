package wire

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/fastjson"
)

// EachField calls fn with the raw key and the raw value of each member of the
// top-level JSON object in body, in order, until fn returns false. The key is
// given as it is on the wire, without its quotes (escapes are left in place);
// the value is the complete JSON text of the member's value. It returns an
// error wrapping [typedhooks.ErrNotObject] when body is not an object or is
// malformed where it was walked (see fastjson.EachMember).
func EachField(body []byte, fn func(key, value []byte) bool) error {
	return notObject(fastjson.EachMember(body, func(key, value []byte, _ int) bool { return fn(key, value) }))
}

func notObject(err error) error {
	if err != nil {
		return fmt.Errorf("%w: %v", typedhooks.ErrNotObject, err)
	}
	return nil
}

// FoldingLocator returns a locator that reads the event type from the
// top-level string member named key, matched the way encoding/json matches
// a member to a struct field: exactly or case-insensitively ("TYPE",
// "T\u0059PE" and "ſource" count), the last such member winning. A body that
// spells its type member twice ("type" and "TYPE") then yields the type that
// encoding/json leaves in the struct's field, so the registry's choice of Go
// type, the event's type field and a parse of the event's re-encoding agree.
//
// The locator stops walking at a member named key that holds a non-empty
// string when the rest of the body cannot name it again (see [MayNameAgain]).
// The rest of the body is then checked only by the decoder that follows, so
// a body that is malformed after its type member is reported by the decoder
// (an [typedhooks.ErrNotObject] from [Registry.Parse] either way).
func FoldingLocator(key string) TypeLocator {
	return TypeLocator{Members: []string{key}, Find: func(body []byte, first bool) (string, error) {
		var raw []byte
		var found string
		err := fastjson.EachMember(body, func(k, v []byte, end int) bool {
			if !foldsTo(k, key) {
				return true
			}
			raw = v
			if first || !MayNameAgain(body[end:], key) {
				if s, ok := fastjson.StringValue(v); ok && s != "" {
					found = s
					return false
				}
			}
			return true
		})
		if err != nil {
			return "", notObject(err)
		}
		if found != "" {
			return found, nil
		}
		if raw == nil {
			return "", fmt.Errorf("%w: member %q is missing", typedhooks.ErrNoEventType, key)
		}
		s, ok := fastjson.StringValue(raw)
		if !ok || s == "" {
			return "", fmt.Errorf("%w: member %q is %s, not a non-empty string", typedhooks.ErrNoEventType, key, Abbreviate(raw))
		}
		return s, nil
	}}
}

// foldsTo reports whether the raw member name k matches name exactly or
// case-insensitively, escapes resolved, as encoding/json matches it to a
// field named name. Only a name with escapes is copied to be resolved.
func foldsTo(k []byte, name string) bool {
	if bytes.IndexByte(k, '\\') >= 0 {
		n, ok := fastjson.MemberName(k)
		return ok && strings.EqualFold(n, name)
	}
	return string(k) == name || bytes.EqualFold(k, []byte(name))
}

// MayNameAgain reports whether rest, the body after a type member, could
// hold another top-level member named one of keys, folded as encoding/json
// folds names. It looks for what another spelling needs: a backslash (an
// escape), a key's tail and its closing quote in any ASCII case, and the two
// non-ASCII letters that fold to ASCII ones (U+017F to s, U+212A to k).
// These are vectorised searches, much faster than walking the members left,
// most of all nested ones; a false "may" only costs that walk. (The searches
// leave out a key's first byte: bytes.Index jumps between occurrences of the
// needle's first byte, and a quote occurs far more often than a given
// letter.)
//
// rest is searched in chunks with bit 0x20 set in every byte (which
// lower-cases ASCII letters and keeps the quote), for the tails likewise
// changed: one search per key finds every ASCII case of its tail, and what
// else it finds (such as "_" for DEL) is only a false "may".
func MayNameAgain(rest []byte, keys ...string) bool {
	if bytes.IndexByte(rest, '\\') >= 0 {
		return true
	}
	if bytes.Contains(rest, []byte("\u017f")) || bytes.Contains(rest, []byte("\u212a")) {
		return true
	}
	// The folded tails, side by side in one array (keys are member names
	// of a few bytes; longer ones make the search say "may").
	var needles [96]byte
	var ends [8]int
	n, longest := 0, 0
	if len(keys) > len(ends) {
		return true
	}
	for i, key := range keys {
		tail := key[min(1, len(key)):]
		if n+len(tail)+1 > len(needles) {
			return true
		}
		n += copy(needles[n:], tail)
		needles[n] = '"'
		n++
		ends[i] = n
		longest = max(longest, len(tail)+1)
	}
	foldASCII(needles[:n], needles[:n])
	var chunk [1024]byte
	for start := 0; start < len(rest); start += len(chunk) - (longest - 1) {
		c := chunk[:min(len(chunk), len(rest)-start)]
		foldASCII(c, rest[start:])
		from := 0
		for _, to := range ends[:len(keys)] {
			if bytes.Contains(c, needles[from:to]) {
				return true
			}
			from = to
		}
		if start+len(c) == len(rest) {
			break
		}
	}
	return false
}

// foldASCII copies src into dst (of at most src's length) with bit 0x20
// set in every byte, 32 bytes at a time.
func foldASCII(dst, src []byte) {
	const bit = 0x2020202020202020
	src = src[:len(dst)]
	for len(dst) >= 32 && len(src) >= 32 {
		binary.LittleEndian.PutUint64(dst[0:8], binary.LittleEndian.Uint64(src[0:8])|bit)
		binary.LittleEndian.PutUint64(dst[8:16], binary.LittleEndian.Uint64(src[8:16])|bit)
		binary.LittleEndian.PutUint64(dst[16:24], binary.LittleEndian.Uint64(src[16:24])|bit)
		binary.LittleEndian.PutUint64(dst[24:32], binary.LittleEndian.Uint64(src[24:32])|bit)
		dst, src = dst[32:], src[32:]
	}
	for i := range dst {
		dst[i] = src[i] | 0x20
	}
}

// Abbreviate renders a raw value for an error message without echoing a
// whole payload into logs.
func Abbreviate(v []byte) string {
	const max = 40
	if len(v) > max {
		return string(v[:max]) + "…"
	}
	return string(v)
}
