package dynamic

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/fastjson"
	"github.com/typedhooks/typedhooks/internal/jsonfields"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// Rest holds what a struct of this package received but has no field for, so
// that encoding the struct again gives back every member of the original
// object. Every object type of this package embeds one.
//
// Dynamic documents few of its payloads and adds members without notice; a
// webhook receiver that stores or forwards events must not lose those members
// just because this package did not know them yet.
type Rest struct {
	// Extra maps the name of each member that the struct has no field for,
	// or whose value did not fit its field's Go type (a number where a string
	// was documented, say), to the member's raw JSON value. A timestamp that
	// would not be written back byte for byte (an unreadable or unusual
	// form) is kept here too, while its field holds what could be read.
	// On encoding, a value in Extra takes the place of its field.
	Extra map[string]json.RawMessage

	// present has bit i set when known field i arrived with a non-null
	// value; it lets an empty string, false or [] be written back although
	// the field is marked omitempty.
	present uint64
}

// fieldsOf returns the members of struct type t as encoding/json names them
// (see jsonfields.Of). Rest.present has a bit for each, so a struct with
// more than 64 is a programming error.
func fieldsOf(t reflect.Type) *jsonfields.Fields {
	fs := jsonfields.Of(t)
	if fs.Unsure {
		panic(fmt.Sprintf("dynamic: %v has a json tag whose name encoding/json does not accept", t))
	}
	if len(fs.List) > 64 {
		panic(fmt.Sprintf("dynamic: %v has %d JSON members, more than 64", t, len(fs.List)))
	}
	return fs
}

// decodeObject fills the struct that dst points to from the JSON object in
// body, one member at a time, and records in rest what the struct cannot
// hold.
//
// Decoding member by member instead of calling json.Unmarshal on the whole
// struct has two purposes. A value of the wrong type costs only that member,
// which is kept raw in rest.Extra, whereas encoding/json would abort at the
// first nested error. And names match exactly: encoding/json would also fill
// the eventName field from "EventName" or "EVENTNAME", which would let the
// decoded event disagree with the type the registry located.
//
// null leaves the struct untouched; any other non-object is reported as a
// *json.UnmarshalTypeError so that the enclosing object keeps it raw.
func decodeObject(body []byte, dst any, rest *Rest) error {
	v := reflect.ValueOf(dst).Elem()
	body = bytes.TrimSpace(body)
	if string(body) == "null" {
		return nil
	}
	if len(body) == 0 || body[0] != '{' {
		return &json.UnmarshalTypeError{Value: jsonKind(body), Type: v.Type()}
	}
	fs := fieldsOf(v.Type())
	*rest = Rest{}
	var failure error
	err := wire.EachField(body, func(rawKey, value []byte) bool {
		name, ok := fastjson.MemberName(rawKey)
		if !ok {
			failure = fmt.Errorf("dynamic: malformed member name %q", rawKey)
			return false
		}
		i, known := fs.ByName[name]
		if !known {
			rest.keep(name, value)
			return true
		}
		fv := v.FieldByIndex(fs.List[i].Index)
		delete(rest.Extra, name)
		rest.present &^= 1 << i
		fv.SetZero()
		if string(value) == "null" {
			return true
		}
		if err := json.Unmarshal(value, fv.Addr().Interface()); err != nil {
			if syntaxErr := (*json.SyntaxError)(nil); errors.As(err, &syntaxErr) {
				failure = err
				return false
			}
			fv.SetZero()
			rest.keep(name, value)
			return true
		}
		if tm, ok := fv.Addr().Interface().(*typedhooks.Time); ok {
			// typedhooks.Time drops what it cannot read and normalises
			// some forms (1e3, a millisecond fraction); keep such a
			// value raw as well, so that it is written back as received
			// while the field holds what could be read.
			var buf [48]byte
			if !bytes.Equal(tm.AppendJSON(buf[:0]), value) {
				rest.keep(name, value)
				return true
			}
		}
		rest.present |= 1 << i
		return true
	})
	if err != nil {
		// encoding/json's *json.SyntaxError, as a decode of the whole
		// object would report it, rather than the walk's own error.
		var probe any
		if jerr := json.Unmarshal(body, &probe); jerr != nil {
			return jerr
		}
		return err
	}
	return failure
}

// encodeObject encodes src, a value of a struct type without a MarshalJSON
// method, and adds back what rest kept: known members that arrived empty,
// values that did not fit their field, and unknown members. Known members
// come in declaration order, unknown ones after them in name order.
func encodeObject(src any, rest Rest) ([]byte, error) {
	encoded, err := json.Marshal(src)
	if err != nil || (len(rest.Extra) == 0 && rest.present == 0) {
		return encoded, err
	}
	v := reflect.ValueOf(src)
	fs := fieldsOf(v.Type())
	got := make(map[string][]byte, len(fs.List))
	if err := wire.EachField(encoded, func(k, val []byte) bool {
		got[string(k)] = val
		return true
	}); err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(encoded)+64*len(rest.Extra))
	out = append(out, '{')
	for i, f := range fs.List {
		value, ok := rest.Extra[f.Name]
		if !ok {
			value, ok = got[f.Name]
		}
		if !ok && rest.present&(1<<i) != 0 {
			if value, err = json.Marshal(v.FieldByIndex(f.Index).Interface()); err != nil {
				return nil, err
			}
			ok = true
		}
		if ok {
			out = appendMember(out, f.Name, value)
		}
	}
	names := make([]string, 0, len(rest.Extra))
	for name := range rest.Extra {
		if _, known := fs.ByName[name]; !known {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		out = appendMember(out, name, rest.Extra[name])
	}
	return append(out, '}'), nil
}

func appendMember(out []byte, name string, value []byte) []byte {
	if len(out) > 1 {
		out = append(out, ',')
	}
	key, _ := json.Marshal(name) // marshalling a string cannot fail
	out = append(out, key...)
	out = append(out, ':')
	return append(out, value...)
}

// keep records a member's raw value; value is copied because it points into
// the caller's body.
func (r *Rest) keep(name string, value []byte) {
	if r.Extra == nil {
		r.Extra = map[string]json.RawMessage{}
	}
	r.Extra[name] = append(json.RawMessage(nil), value...)
}

// jsonKind names the kind of a raw JSON value the way encoding/json's errors do.
func jsonKind(v []byte) string {
	if len(v) == 0 {
		return "nothing"
	}
	switch v[0] {
	case '"':
		return "string"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	default:
		return "number"
	}
}
