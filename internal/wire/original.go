package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"

	"github.com/typedhooks/typedhooks/internal/fastjson"
	"github.com/typedhooks/typedhooks/internal/jsonfields"
)

// Original keeps the body an event was parsed from, so that encoding the
// event can give back the members its struct has no field for. Providers add
// members without notice, and users store and forward events: a round trip
// through the typed struct must not lose what the struct does not know.
//
// Provider packages embed it, with the tag `json:"-"`, in their event
// structs; [Registry.Parse] fills it, and the events' MarshalJSON methods
// hand it to [MarshalOriginal]. Keeping the body costs Parse one copy of it,
// far less than decoding the unknown members would.
type Original struct {
	body []byte
}

// originalKeeper is implemented by the events that embed [Original].
type originalKeeper interface {
	keepOriginal(body []byte)
}

// keepOriginal stores body, which the event now owns.
func (o *Original) keepOriginal(body []byte) { o.body = body }

// OriginalBody returns a copy of the exact bytes [Registry.Parse] read the
// event from, or nil for an event built in code or decoded with
// json.Unmarshal directly.
//
// It is a copy because the event's own copy must never change: Parse lets
// the event's strings refer to it rather than copying each one out.
func (o *Original) OriginalBody() []byte { return slices.Clone(o.body) }

// MarshalKeeping encodes v with encoding/json and gives back what the
// encoding lost of original, the JSON v was decoded from: the members of
// original that v's struct type has no field for.
//
// It is what the MarshalJSON methods of parsed events use (v is then the
// event as a type without methods, original its [Original] body), so that
// json.Marshal of a parsed event returns every member the provider sent,
// including those added after this package was written.
//
// At each object level, the members of original whose name matches no field
// of the struct (matched as encoding/json matches them: exactly, else
// case-insensitively) are appended to the encoded object with their raw
// value. For a known member whose field holds a struct (directly or through
// pointers) without a MarshalJSON or MarshalText method, the same is done
// inside that member's value, and inside each element of an array of such
// structs when both sides have the same length. Values of other types
// (json.RawMessage, maps, interfaces, types with their own encoding) are
// taken from v as they are.
//
// A known member that the encoding left out (omitempty, omitzero) is written
// back with its original text when that text decodes to the field's current
// value, so that "chain":"" or "tags":[] survive; a field changed since it
// was decoded is never overwritten by original. When original is not a JSON
// object (or not JSON), or v is not a struct (or a pointer to one) or
// encodes itself, the result is json.Marshal(v).
func MarshalKeeping(v any, original []byte) ([]byte, error) {
	out, err := json.Marshal(v)
	if err != nil || len(original) == 0 {
		return out, err
	}
	rv, ok := deref(reflect.ValueOf(v))
	if !ok || jsonfields.IsLeaf(rv.Type()) {
		return out, nil
	}
	// An original that is not an object leaves out as it is: mergeObject
	// finds no members in it.
	return mergeObject(out, original, rv), nil
}

// MarshalOriginal is [MarshalKeeping] with the body o keeps, for the
// MarshalJSON methods of events that embed [Original]. It does not copy the
// body, as OriginalBody must.
func MarshalOriginal(v any, o Original) ([]byte, error) {
	return MarshalKeeping(v, o.body)
}

// member is one member of a JSON object as it is on the wire.
type member struct {
	key, value []byte
}

// members lists the members of the object b (which EachMember checks as
// strictly as encoding/json, to its end), or returns false when b is not an
// object or not JSON.
func members(b []byte) ([]member, bool) {
	var ms []member
	err := fastjson.EachMember(b, func(k, v []byte) bool {
		ms = append(ms, member{k, v})
		return true
	})
	return ms, err == nil
}

// keyName decodes a raw member name; the names it sees come from valid
// JSON, so their escapes are well formed.
func keyName(raw []byte) string {
	s, _ := fastjson.MemberName(raw)
	return s
}

// mergeObject returns the object original was, with each member that v's
// struct type has a field for brought up to date with the field, from out,
// the encoding/json encoding of v: the exact members of original, in its
// order, spelling and JSON kinds, where nothing changed. Member by member:
//
//   - a member no field matches (matched as encoding/json matches names:
//     exactly, else case-insensitively) is written as it came;
//   - a member whose field's struct (or list of structs) is encoded field by
//     field is merged in the same way, one level down;
//   - any other member is written as it came when its text decodes (type
//     errors tolerated, as Parse tolerates them) to the field's current
//     value: so an id sent as a number stays a number, "chain":"" stays,
//     and a value of the wrong kind that left its field zero is not lost;
//     else with the field's current encoding, or left out when the encoding
//     left it out (the field was cleared);
//   - a member the field's name repeats is written as it came, except the
//     last, which encoding/json decoded.
//
// Members keep the name they arrived with, so a field that two spellings
// fill (snake_case and camelCase, say) re-encodes the spelling that came.
// Fields the original had no member for are written only when they hold a
// non-zero value, which code set: encoding never invents a member the
// provider did not send. When out or original is not a JSON object (null,
// say), out comes back as it is.
//
// encoding/json/v2, once final (an experiment in Go 1.27), could replace
// this: its jsontext.Value fields and "unknown" members keep raw text, and
// omitzero and format options give exact kinds; until then it is not built
// on.
func mergeObject(out, orig []byte, v reflect.Value) []byte {
	fields := jsonfields.Of(v.Type())
	outMembers, ok := members(out)
	origMembers, origOK := members(orig)
	if !ok || !origOK || fields.Unsure {
		return out // Unsure: which member is which field is left to encoding/json
	}
	// Each field's encoding; encoding/json writes every name as the
	// field's name, so exact comparison finds it.
	encoded := make(map[string][]byte, len(outMembers))
	for _, m := range outMembers {
		encoded[keyName(m.key)] = m.value
	}
	// The original's members from the last, so that the last member each
	// field decoded from (the one encoding/json left in it) comes first.
	seen := make(map[string]bool, len(origMembers))
	res := make([]member, 0, len(origMembers)+2)
	for i := len(origMembers) - 1; i >= 0; i-- {
		m := origMembers[i]
		f, ok := fields.Lookup(keyName(m.key))
		if !ok || seen[f.Name] {
			res = append(res, m)
			continue
		}
		seen[f.Name] = true
		enc, present := encoded[f.Name]
		if val, keep := mergeMember(enc, present, m.value, v.FieldByIndex(f.Index), f.Shape); keep {
			res = append(res, member{m.key, val})
		}
	}
	slices.Reverse(res)
	for _, m := range outMembers {
		name := keyName(m.key)
		if f, ok := fields.ByName[name]; ok && !seen[name] && !v.FieldByIndex(fields.List[f].Index).IsZero() {
			res = append(res, m) // set in code
		}
	}
	var b bytes.Buffer
	b.Grow(len(orig) + len(orig)/8)
	b.WriteByte('{')
	for i, m := range res {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		b.Write(m.key)
		b.WriteString(`":`)
		b.Write(m.value)
	}
	b.WriteByte('}')
	return b.Bytes()
}

// mergeMember returns what to write for a member of the original whose
// field holds fv: enc is the field's encoding (present unless the encoding
// left it out), orig the member's text. keep is false when the member goes.
func mergeMember(enc []byte, present bool, orig []byte, fv reflect.Value, shape jsonfields.Shape) (val []byte, keep bool) {
	if present && len(orig) > 0 {
		switch {
		case shape == jsonfields.Struct && orig[0] == '{':
			if sv, ok := deref(fv); ok {
				return mergeObject(enc, orig, sv), true
			}
		case shape == jsonfields.Structs && orig[0] == '[':
			if merged, ok := mergeElements(enc, orig, fv); ok {
				return merged, true
			}
		}
	}
	if decodesTo(orig, fv) {
		return orig, true
	}
	return enc, present
}

// mergeElements merges the arrays orig and enc, the encoding of the list of
// structs fv, element by element; false when their lengths differ (the list
// was changed in code, and its encoding is taken as it is).
func mergeElements(enc, orig []byte, fv reflect.Value) ([]byte, bool) {
	encElems, ok := fastjson.Elements(enc)
	if !ok {
		return nil, false
	}
	origElems, ok := fastjson.Elements(orig)
	if !ok || len(origElems) != len(encElems) || fv.Len() != len(encElems) {
		return nil, false
	}
	var b bytes.Buffer
	b.WriteByte('[')
	for i := range encElems {
		if i > 0 {
			b.WriteByte(',')
		}
		val, _ := mergeMember(encElems[i], true, origElems[i], fv.Index(i), jsonfields.Struct)
		b.Write(val)
	}
	b.WriteByte(']')
	return b.Bytes(), true
}

// decodesTo reports whether the raw value decodes (with encoding/json, into
// a fresh value of fv's type, type errors tolerated as Parse tolerates them)
// to a value equal to fv: then writing raw back loses nothing the user set,
// since the field still holds what raw says.
func decodesTo(raw []byte, fv reflect.Value) bool {
	fresh := reflect.New(fv.Type())
	if err := json.Unmarshal(raw, fresh.Interface()); err != nil {
		var typeErr *json.UnmarshalTypeError
		if !errors.As(err, &typeErr) {
			return false
		}
	}
	return reflect.DeepEqual(fresh.Elem().Interface(), fv.Interface())
}

// deref follows pointers from v to a struct; false for a nil pointer.
func deref(v reflect.Value) (reflect.Value, bool) {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return reflect.Value{}, false
		}
		v = v.Elem()
	}
	return v, v.Kind() == reflect.Struct
}
