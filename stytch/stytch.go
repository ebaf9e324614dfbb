package stytch

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/fastjson"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// registry is the table from Stytch's event type strings to this package's
// structs; the table itself is in events.go.
var registry = wire.NewRegistry("stytch", wire.TypeLocator{Members: typeMembers[:], Find: locateType})

// Parse decodes a Stytch webhook body into the struct registered for its
// event type (see [LocateType]). Every typed result also implements [Event].
// An event type with no struct yields *typedhooks.Unknown holding the body.
// The error wraps typedhooks.ErrNotObject when body is not a JSON object and
// typedhooks.ErrNoEventType when source, object_type or action is missing.
func Parse(body []byte) (typedhooks.Event, error) {
	return registry.Parse(body)
}

// Types lists every event type string this package has a struct for, sorted.
func Types() []string {
	return registry.Types()
}

// New returns an empty event of the struct registered for eventType, and
// false when there is none. Callers use it to build typed handlers for an
// event type known only at run time.
func New(eventType string) (typedhooks.Event, bool) {
	return registry.New(eventType)
}

// typeMembers are the top-level members whose values, lower-cased and joined
// with dots in this order, make the event type.
var typeMembers = [3]string{"source", "object_type", "action"}

// LocateType returns the event type of a Stytch body without decoding it
// (Parse uses it to pick the struct): it reads the top-level source,
// object_type and action members in one pass and returns
// "source.object_type.action" in lower case, such as "direct.user.create".
// Use it to route or filter bodies before paying for a full Parse.
// Member names match the way encoding/json matches them to struct fields
// (case-insensitively), and when a member occurs more than once the last one
// wins, as it does for encoding/json (so it walks the whole top level;
// Parse stops early where its decoder can tell). The error wraps
// typedhooks.ErrNoEventType and names the first member that is missing,
// empty or not a string, or typedhooks.ErrNotObject.
func LocateType(body []byte) (string, error) {
	return locateType(body, false)
}

// locateType is LocateType, and with first set it stops once all three
// are found (see wire.TypeLocator).
func locateType(body []byte, first bool) (string, error) {
	var raw [3][]byte
	err := fastjson.EachMember(body, func(k, v []byte) bool {
		if bytes.IndexByte(k, '\\') >= 0 {
			// An escaped member name means what encoding/json decodes it to.
			if s, ok := fastjson.MemberName(k); ok {
				k = []byte(s)
			}
		}
		// Folding keeps the length of ASCII text, so an ASCII key of
		// another length cannot match (most keys are ASCII and not ours).
		ascii := isASCII(k)
		for i, name := range typeMembers {
			// encoding/json fills a field from a member whose name matches
			// it case-insensitively, so the locator does too: the type is
			// then always made of the values the envelope ends up holding.
			if ascii && len(k) != len(name) {
				continue
			}
			if string(k) == name || bytes.EqualFold(k, []byte(name)) {
				raw[i] = v
				break
			}
		}
		// Asked for the first of each, the walk stops once all three are
		// found; otherwise the last counts.
		return !first || raw[0] == nil || raw[1] == nil || raw[2] == nil
	})
	if err != nil {
		return "", fmt.Errorf("%w: %v", typedhooks.ErrNotObject, err)
	}
	var parts [3][]byte
	for i, v := range raw {
		if v == nil {
			return "", fmt.Errorf("%w: member %q is missing", typedhooks.ErrNoEventType, typeMembers[i])
		}
		p, ok := plainString(v)
		if !ok {
			// Escapes and non-ASCII text are rare enough to take the
			// allocating path.
			s, isString := fastjson.StringValue(v)
			if !isString {
				return "", fmt.Errorf("%w: member %q is %s, not a string", typedhooks.ErrNoEventType, typeMembers[i], wire.Abbreviate(v))
			}
			p = []byte(s)
		}
		if len(p) == 0 {
			return "", fmt.Errorf("%w: member %q is empty", typedhooks.ErrNoEventType, typeMembers[i])
		}
		parts[i] = p
	}
	return joinLower(parts), nil
}

// joinLower joins source, object_type and action with dots, lower-casing
// ASCII letters: the event type. One Builder sized up front keeps the result
// string the only allocation.
func joinLower[S ~string | ~[]byte](parts [3]S) string {
	size := len(parts) - 1
	for _, p := range parts {
		size += len(p)
	}
	var b strings.Builder
	b.Grow(size)
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('.')
		}
		for j := 0; j < len(p); j++ {
			b.WriteByte(lowerASCII(p[j]))
		}
	}
	return b.String()
}

// plainString returns the contents of the raw JSON string v when they need no
// decoding (printable ASCII without escapes).
func plainString(v []byte) ([]byte, bool) {
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return nil, false
	}
	inner := v[1 : len(v)-1]
	for _, c := range inner {
		if c == '\\' || c < 0x20 || c >= 0x80 {
			return nil, false
		}
	}
	return inner, true
}

// isASCII reports whether b holds only ASCII bytes.
func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// lowerASCII lower-cases an ASCII letter. Only ASCII is folded, because the
// segments Stytch sends are ASCII and a Unicode fold could change the length
// of a string.
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// lowerString is strings.ToLower restricted to ASCII, so that the envelope's
// methods return exactly the segments of the located event type.
func lowerString(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = lowerASCII(b[j])
			}
			return string(b)
		}
	}
	return s
}
