package typedhooks

import (
	"encoding/json"
	"fmt"
	"unsafe"

	"github.com/typedhooks/typedhooks/internal/fastjson"
)

// ID is an identifier that providers sometimes send as a JSON string and
// sometimes as a JSON number (Crossmint's token ids, for one). Either way it
// holds the exact text, so a 30-digit number keeps every digit; null decodes
// to "". It always encodes as a JSON string.
type ID string

// String returns the identifier's text.
func (id ID) String() string { return string(id) }

// UnmarshalJSON implements json.Unmarshaler.
func (id *ID) UnmarshalJSON(data []byte) error {
	return id.set(data, false)
}

// set decodes data as UnmarshalJSON does. With view, the caller owns data
// and nothing modifies it, so the id may refer to data instead of copying
// it (fastjson decoding into an event that keeps its body).
func (id *ID) set(data []byte, view bool) error {
	if len(data) == 0 {
		return fmt.Errorf("typedhooks.ID: empty value")
	}
	switch c := data[0]; {
	case c == '"':
		if len(data) >= 2 && data[len(data)-1] == '"' && fastjson.IsPlain(data[1:len(data)-1]) {
			*id = ID(bytesString(data[1:len(data)-1], view))
			return nil
		}
		s, ok := fastjson.StringValue(data)
		if !ok {
			return fmt.Errorf("typedhooks.ID: malformed string %s", abbreviate(data))
		}
		*id = ID(s)
	case c == '-' || (c >= '0' && c <= '9'):
		if !json.Valid(data) {
			return fmt.Errorf("typedhooks.ID: malformed number %s", abbreviate(data))
		}
		*id = ID(bytesString(data, view))
	case string(data) == "null":
		*id = ""
	default:
		// A boolean, object or array is not an id. Failing here would abort
		// the whole event's decoding (encoding/json stops at an
		// Unmarshaler's error), so the id is left empty instead.
		*id = ""
	}
	return nil
}

// bytesString returns b as a string: a view of b when the caller owns it
// and nothing modifies it, else a copy.
func bytesString(b []byte, view bool) string {
	if view && len(b) > 0 {
		return unsafe.String(&b[0], len(b))
	}
	return string(b)
}

// MarshalJSON implements json.Marshaler.
func (id ID) MarshalJSON() ([]byte, error) {
	return json.Marshal(string(id))
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

// IDs decode inside internal/fastjson without a call through
// json.Unmarshaler, and an ID from a body the event owns is a view of it.
func init() {
	fastjson.Leaf(func(id *ID, raw []byte, owned bool) bool {
		return id.set(raw, owned) == nil
	})
}
