package typedhooks

import (
	"bytes"
	"encoding"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// Original keeps the body an event was parsed from, so that encoding the
// event can give back the members its struct has no field for. Providers add
// members without notice, and users store and forward events: a round trip
// through the typed struct must not lose what the struct does not know.
//
// Provider packages embed it, with the tag `json:"-"`, in their event
// structs; [Registry.Parse] fills it, and the events' MarshalJSON methods
// hand it to [MarshalKeeping]. Keeping the body costs Parse one copy of it,
// far less than decoding the unknown members would (which is how the
// dynamic package does it, member by member).
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
// object, or v is not a struct (or a pointer to one) or encodes itself, the
// result is json.Marshal(v).
func MarshalKeeping(v any, original []byte) ([]byte, error) {
	out, err := json.Marshal(v)
	if err != nil || len(original) == 0 {
		return out, err
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return out, nil
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct || isLeaf(rv.Type()) {
		return out, nil
	}
	// Parse only keeps bodies it decoded, which are valid JSON; checking
	// here keeps a direct caller's malformed original out of the result.
	// (An original that is not an object leaves out as it is: mergeObject
	// finds no members in it.)
	if !json.Valid(original) {
		return out, nil
	}
	return mergeObject(out, original, rv), nil
}

// member is one member of a JSON object as it is on the wire.
type member struct {
	key, value []byte
}

// members lists the members of the object b, or returns false when b is not
// an object.
func members(b []byte) ([]member, bool) {
	var ms []member
	err := EachField(b, func(k, v []byte) bool {
		ms = append(ms, member{k, v})
		return true
	})
	return ms, err == nil
}

// elements lists the elements of the array b, or returns false when b is
// not a well-formed array.
func elements(b []byte) ([][]byte, bool) {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '[' {
		return nil, false
	}
	var out [][]byte
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == ']' {
		return out, true
	}
	for {
		end, ok := skipValue(b, i)
		if !ok {
			return nil, false
		}
		out = append(out, b[i:end])
		i = skipSpace(b, end)
		if i >= len(b) {
			return nil, false
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
		case ']':
			return out, true
		default:
			return nil, false
		}
	}
}

// keyName decodes a raw member name; the names it sees come from valid
// JSON, so their escapes are well formed.
func keyName(raw []byte) string {
	s, _ := MemberName(raw)
	return s
}

// mergeObject returns out, the encoding of the struct v, with the members of
// orig that v's type has no field for appended, known struct members merged
// in the same way, and omitted members restored (see [MarshalKeeping]). out
// comes from encoding/json; when out or orig is not a JSON object (null, say)
// out comes back as it is.
func mergeObject(out, orig []byte, v reflect.Value) []byte {
	outMembers, ok := members(out)
	if !ok {
		return out
	}
	origMembers, ok := members(orig)
	if !ok {
		return out
	}
	fields := fieldsOf(v.Type())
	// Where each field's member is in the encoding; encoding/json writes
	// every name as the field's name, so exact comparison finds it.
	at := make(map[string]int, len(outMembers))
	for i, m := range outMembers {
		at[keyName(m.key)] = i
	}
	var extra []member
	restored := map[string]bool{}
	for _, m := range origMembers {
		f := fields.lookup(keyName(m.key))
		if f == nil {
			extra = append(extra, m)
			continue
		}
		fv, ok := fieldValue(v, f.index)
		if !ok {
			// The field sits behind a nil embedded pointer: encoding/json
			// wrote nothing for it, and there is no value to compare with.
			continue
		}
		i, present := at[f.name]
		if !present {
			if !restored[f.name] && decodesTo(m.value, fv) {
				restored[f.name] = true
				extra = append(extra, m)
			}
			continue
		}
		outMembers[i].value = mergeValue(outMembers[i].value, m.value, fv, f.shape)
	}
	var b bytes.Buffer
	b.Grow(len(out) + len(orig)/4)
	b.WriteByte('{')
	for i, m := range append(outMembers, extra...) {
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

// mergeValue merges orig into out, the encoding of the field value fv, as far
// as the field's shape allows.
func mergeValue(out, orig []byte, fv reflect.Value, shape fieldShape) []byte {
	switch shape {
	case shapeStruct:
		sv, ok := deref(fv)
		if !ok {
			return out
		}
		return mergeObject(out, orig, sv)
	case shapeStructs:
		outElems, ok := elements(out)
		if !ok {
			return out
		}
		origElems, ok := elements(orig)
		if !ok || len(origElems) != len(outElems) || fv.Len() != len(outElems) {
			return out
		}
		var b bytes.Buffer
		b.WriteByte('[')
		for i := range outElems {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(mergeValue(outElems[i], origElems[i], fv.Index(i), shapeStruct))
		}
		b.WriteByte(']')
		return b.Bytes()
	}
	return out
}

// decodesTo reports whether the raw value decodes (with encoding/json, into
// a fresh value of fv's type) to a value equal to fv: then writing raw back
// loses nothing the user set, since the field still holds what raw says.
func decodesTo(raw []byte, fv reflect.Value) bool {
	fresh := reflect.New(fv.Type())
	if json.Unmarshal(raw, fresh.Interface()) != nil {
		return false
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

// fieldValue returns the field of the struct v at index, following embedded
// pointers; false when one of them is nil.
func fieldValue(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 {
			for v.Kind() == reflect.Pointer {
				if v.IsNil() {
					return reflect.Value{}, false
				}
				v = v.Elem()
			}
		}
		v = v.Field(x)
	}
	return v, true
}

// fieldShape says how far [MarshalKeeping] looks into a field's value.
type fieldShape uint8

const (
	// shapeLeaf values are taken from the encoding as they are.
	shapeLeaf fieldShape = iota
	// shapeStruct values are structs encoded field by field, merged
	// member by member.
	shapeStruct
	// shapeStructs values are slices or arrays of such structs, merged
	// element by element.
	shapeStructs
)

// field is one member name of a struct's encoding.
type field struct {
	name  string
	index []int
	shape fieldShape
}

// structFields is the set of member names of a struct's encoding.
type structFields struct {
	byName map[string]*field
	list   []*field
}

// lookup finds the field for a member name as encoding/json does: the exact
// name, else the first field whose name matches case-insensitively.
func (s *structFields) lookup(name string) *field {
	if f, ok := s.byName[name]; ok {
		return f
	}
	for _, f := range s.list {
		if strings.EqualFold(f.name, name) {
			return f
		}
	}
	return nil
}

// fieldCache maps a reflect.Type to its *structFields.
var fieldCache sync.Map

func fieldsOf(t reflect.Type) *structFields {
	if f, ok := fieldCache.Load(t); ok {
		return f.(*structFields)
	}
	f, _ := fieldCache.LoadOrStore(t, computeFields(t))
	return f.(*structFields)
}

var (
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// isLeaf reports whether values of t are encoded by a method of their own.
func isLeaf(t reflect.Type) bool {
	pt := reflect.PointerTo(t)
	return t.Implements(marshalerType) || pt.Implements(marshalerType) ||
		t.Implements(textMarshalerType) || pt.Implements(textMarshalerType)
}

// shapeOf classifies a field type.
func shapeOf(t reflect.Type) fieldShape {
	for t.Kind() == reflect.Pointer {
		if isLeaf(t) {
			return shapeLeaf
		}
		t = t.Elem()
	}
	switch {
	case isLeaf(t):
		return shapeLeaf
	case t.Kind() == reflect.Struct:
		return shapeStruct
	case t.Kind() == reflect.Slice || t.Kind() == reflect.Array:
		if isLeaf(t) || shapeOf(t.Elem()) != shapeStruct {
			return shapeLeaf
		}
		return shapeStructs
	}
	return shapeLeaf
}

// candidate is a field found while walking a struct and its embedded
// structs, before the names are resolved.
type candidate struct {
	field
	depth  int
	tagged bool
}

// computeFields lists the member names of t's encoding the way encoding/json
// does: the tag's name or the field's name, "-" left out, untagged embedded
// structs flattened, and a name claimed at several depths given to the
// shallowest field (to the tagged one when several are equally shallow, to
// none when that is still ambiguous).
func computeFields(t reflect.Type) *structFields {
	var all []candidate
	visited := map[reflect.Type]bool{}
	var walk func(t reflect.Type, index []int, depth int)
	walk = func(t reflect.Type, index []int, depth int) {
		if visited[t] {
			return
		}
		visited[t] = true
		defer delete(visited, t)
		for i := range t.NumField() {
			sf := t.Field(i)
			ft := sf.Type
			if sf.Anonymous {
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if !sf.IsExported() && ft.Kind() != reflect.Struct {
					continue
				}
			} else if !sf.IsExported() {
				continue
			}
			tag := sf.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			if !isValidTag(name) {
				name = ""
			}
			idx := append(append([]int(nil), index...), i)
			if name == "" && sf.Anonymous && ft.Kind() == reflect.Struct {
				walk(ft, idx, depth+1)
				continue
			}
			tagged := name != ""
			if !tagged {
				name = sf.Name
			}
			all = append(all, candidate{field{name: name, index: idx, shape: shapeOf(sf.Type)}, depth, tagged})
		}
	}
	walk(t, nil, 0)

	s := &structFields{byName: map[string]*field{}}
	byName := map[string][]candidate{}
	var order []string
	for _, c := range all {
		if _, seen := byName[c.name]; !seen {
			order = append(order, c.name)
		}
		byName[c.name] = append(byName[c.name], c)
	}
	for _, name := range order {
		if f, ok := dominant(byName[name]); ok {
			s.byName[name] = f
			s.list = append(s.list, f)
		}
	}
	return s
}

// isValidTag reports whether encoding/json takes name from a tag as the
// member name; otherwise it uses the field's name.
func isValidTag(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range name {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// dominant picks the field that encoding/json gives a name claimed by
// several fields, and false when it gives it to none.
func dominant(cs []candidate) (*field, bool) {
	depth := cs[0].depth
	for _, c := range cs {
		depth = min(depth, c.depth)
	}
	var top []candidate
	for _, c := range cs {
		if c.depth == depth {
			top = append(top, c)
		}
	}
	if len(top) == 1 {
		return &top[0].field, true
	}
	var tagged []candidate
	for _, c := range top {
		if c.tagged {
			tagged = append(tagged, c)
		}
	}
	if len(tagged) == 1 {
		return &tagged[0].field, true
	}
	return nil, false
}
