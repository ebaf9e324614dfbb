package wire

import (
	"bytes"
	"fmt"
	"strings"
	"unsafe"

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
	return notObject(fastjson.EachMember(body, fn))
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
// Asked for the first member (see [TypeLocator]), it stops at the first
// member named key that holds a non-empty string. The rest of the body is
// then checked only by the decoder that follows, so a body that is malformed
// after its type member is reported by the decoder (an
// [typedhooks.ErrNotObject] from [Registry.Parse] either way).
func FoldingLocator(key string) TypeLocator {
	return TypeLocator{Members: []string{key}, Find: func(body []byte, first bool) (string, error) {
		var raw []byte
		var found string
		err := fastjson.EachMember(body, func(k, v []byte) bool {
			if foldsTo(k, key) {
				if raw = v; first {
					found = typeView(v)
				}
			}
			return found == ""
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

// typeView returns the string the raw JSON value v holds ("" when it holds
// none), as a view of v's bytes when it needs no decoding: the registry only
// looks it up, while body is unchanged (see TypeLocator).
func typeView(v []byte) string {
	if len(v) > 2 && v[0] == '"' && v[len(v)-1] == '"' && fastjson.IsPlain(v[1:len(v)-1]) {
		return unsafe.String(&v[1], len(v)-2)
	}
	s, _ := fastjson.StringValue(v)
	return s
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

// Abbreviate renders a raw value for an error message without echoing a
// whole payload into logs.
func Abbreviate(v []byte) string {
	const max = 40
	if len(v) > max {
		return string(v[:max]) + "…"
	}
	return string(v)
}
