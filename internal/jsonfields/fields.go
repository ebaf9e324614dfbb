// Package jsonfields lists the members of a struct type's JSON encoding the
// way encoding/json names them, for the code of this module that reads or
// writes JSON member by member (wire.MarshalKeeping, and the decoder of
// internal/fastjson) and must agree with encoding/json on which
// member is which field.
package jsonfields

import (
	"encoding"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"sync"
)

// Shape says how a field's value is encoded: by a method of its own, as a
// struct encoded field by field, or as a list of such structs.
type Shape uint8

const (
	// Leaf values are encoded as a whole (by a method of their own, or as
	// a scalar, map, interface or list of non-structs).
	Leaf Shape = iota
	// Struct values are structs encoded field by field.
	Struct
	// Structs values are slices or arrays of Struct values.
	Structs
)

// Field is one member of a struct's encoding.
type Field struct {
	// Name is the member name: the json tag's name, else the field's name.
	Name string
	// Index is the field's index sequence for reflect.Value.FieldByIndex
	// (through embedded structs).
	Index []int
	// Offset is the field's offset from the start of the struct.
	Offset uintptr
	// Shape is how the field's value is encoded.
	Shape Shape
	// Quoted is set by the tag's ",string" option.
	Quoted bool
}

// Fields is the set of members of a struct's encoding.
type Fields struct {
	// List holds the members in the order encoding/json writes them.
	List []Field
	// ByName maps each member name to its position in List.
	ByName map[string]int
	// Unsure is set when encoding/json names or picks a member by rules
	// this package does not re-derive: a name that is not plain (see
	// isPlain; how encoding/json names a field whose tag name it rejects
	// changed in Go 1.27), an embedded pointer, or a name claimed by
	// several fields at the same depth. Callers leave such a struct to
	// encoding/json alone; no provider struct is one.
	Unsure bool
}

// Lookup finds the field for a member name as encoding/json does when it
// decodes: the exact name, else the first field whose name matches
// case-insensitively.
func (s *Fields) Lookup(name string) (Field, bool) {
	if i, ok := s.ByName[name]; ok {
		return s.List[i], true
	}
	for _, f := range s.List {
		if strings.EqualFold(f.Name, name) {
			return f, true
		}
	}
	return Field{}, false
}

var cache sync.Map // reflect.Type -> *Fields

// Of returns the members of struct type t's encoding, computed once per type:
// the tag's name or the field's name, "-" left out, untagged embedded structs
// flattened, and a name claimed at several depths given to the shallowest
// field.
func Of(t reflect.Type) *Fields {
	if f, ok := cache.Load(t); ok {
		return f.(*Fields)
	}
	f, _ := cache.LoadOrStore(t, compute(t))
	return f.(*Fields)
}

var (
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// IsLeaf reports whether values of t are encoded by a method of their own.
func IsLeaf(t reflect.Type) bool {
	pt := reflect.PointerTo(t)
	return t.Implements(marshalerType) || pt.Implements(marshalerType) ||
		t.Implements(textMarshalerType) || pt.Implements(textMarshalerType)
}

// shapeOf classifies a field type, through pointers.
func shapeOf(t reflect.Type) Shape {
	for t.Kind() == reflect.Pointer && !IsLeaf(t) {
		t = t.Elem()
	}
	switch {
	case IsLeaf(t):
		return Leaf
	case t.Kind() == reflect.Struct:
		return Struct
	case (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) && shapeOf(t.Elem()) == Struct:
		return Structs
	}
	return Leaf
}

func compute(t reflect.Type) *Fields {
	s := &Fields{ByName: map[string]int{}}
	var walk func(t reflect.Type, index []int, offset uintptr)
	walk = func(t reflect.Type, index []int, offset uintptr) {
		for i := range t.NumField() {
			sf := t.Field(i)
			tag := sf.Tag.Get("json")
			embedded := sf.Anonymous && sf.Type.Kind() == reflect.Struct
			switch {
			case tag == "-":
				continue
			case sf.Anonymous && sf.Type.Kind() == reflect.Pointer:
				s.Unsure = true // followed, allocating: not re-derived
				continue
			case !sf.IsExported() && !embedded:
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			idx := append(append([]int(nil), index...), i)
			if name == "" && embedded {
				walk(sf.Type, idx, offset+sf.Offset)
				continue
			}
			if name == "" {
				name = sf.Name
			}
			s.Unsure = s.Unsure || !isPlain(name)
			f := Field{name, idx, offset + sf.Offset, shapeOf(sf.Type), slices.Contains(strings.Split(opts, ","), "string")}
			// The shallowest field takes a name; encoding/json's
			// tie-breaks between equally shallow ones are not re-derived.
			switch at, seen := s.ByName[name]; {
			case !seen:
				s.ByName[name] = len(s.List)
				s.List = append(s.List, f)
			case len(s.List[at].Index) > len(idx):
				s.List[at] = f
			case len(s.List[at].Index) == len(idx):
				s.Unsure = true
			}
		}
	}
	walk(t, nil, 0)
	// encoding/json orders the members by field index, so a shallower
	// field that took a deeper one's name moves to its own place (which
	// also decides the first case-insensitive match in Lookup).
	slices.SortFunc(s.List, func(a, b Field) int { return slices.Compare(a.Index, b.Index) })
	for i, f := range s.List {
		s.ByName[f.Name] = i
	}
	return s
}

// isPlain reports whether name is a member name that every supported Go
// release takes from a tag as it stands: ASCII letters, digits and the
// punctuation encoding/json accepts.
func isPlain(name string) bool {
	for _, c := range []byte(name) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c) >= 0) {
			return false
		}
	}
	return name != ""
}
