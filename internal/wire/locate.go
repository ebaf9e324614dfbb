package wire

import (
	"bytes"
	"fmt"

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
	return eachField(body, func(key, value []byte, _ int) bool { return fn(key, value) })
}

// eachField is EachField with the index in body just past each value.
func eachField(body []byte, fn func(key, value []byte, end int) bool) error {
	if err := fastjson.EachMember(body, fn); err != nil {
		return fmt.Errorf("%w: %v", typedhooks.ErrNotObject, err)
	}
	return nil
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
// [typedhooks.ErrNotObject] from [Registry.Parse] either way).
func FieldLocator(key string) TypeLocator {
	needle := []byte(key[min(1, len(key)):] + `"`)
	return func(body []byte) (string, error) {
		var raw []byte
		var found string
		err := eachField(body, func(k, v []byte, end int) bool {
			if !fastjson.NameIs(k, key) {
				return true
			}
			raw = v
			if rest := body[end:]; bytes.IndexByte(rest, '\\') < 0 && !bytes.Contains(rest, needle) {
				if s, ok := fastjson.StringValue(v); ok && s != "" {
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
			return "", fmt.Errorf("%w: member %q is missing", typedhooks.ErrNoEventType, key)
		}
		s, ok := fastjson.StringValue(raw)
		if !ok || s == "" {
			return "", fmt.Errorf("%w: member %q is %s, not a non-empty string", typedhooks.ErrNoEventType, key, abbreviate(raw))
		}
		return s, nil
	}
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
