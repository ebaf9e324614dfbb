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
	"strings"
	"sync"
	"unicode"
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
	// Shape is how the field's value is encoded.
	Shape Shape
}

// Fields is the set of members of a struct's encoding.
type Fields struct {
	// List holds the members in the order encoding/json writes them.
	List []Field
	// ByName maps each member name to its position in List.
	ByName map[string]int
	// Unsure is set when a field's json tag names it with a name
	// encoding/json does not accept (such as "a\\b"). encoding/json then
	// picks the name by rules that changed between Go releases (1.27's
	// differs from 1.26's), so this package does not re-derive them: its
	// callers leave such a struct to encoding/json alone.
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
// field (to the tagged one when several are equally shallow, to none when
// that is still ambiguous).
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

// shapeOf classifies a field type.
func shapeOf(t reflect.Type) Shape {
	for t.Kind() == reflect.Pointer {
		if IsLeaf(t) {
			return Leaf
		}
		t = t.Elem()
	}
	switch {
	case IsLeaf(t):
		return Leaf
	case t.Kind() == reflect.Struct:
		return Struct
	case t.Kind() == reflect.Slice || t.Kind() == reflect.Array:
		if IsLeaf(t) || shapeOf(t.Elem()) != Struct {
			return Leaf
		}
		return Structs
	}
	return Leaf
}

// candidate is a field found while walking a struct and its embedded
// structs, before the names are resolved.
type candidate struct {
	Field
	depth  int
	tagged bool
}

func compute(t reflect.Type) *Fields {
	var all []candidate
	unsure := false
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
			if name != "" && !isValidTag(name) {
				unsure = true
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
			all = append(all, candidate{Field{Name: name, Index: idx, Shape: shapeOf(sf.Type)}, depth, tagged})
		}
	}
	walk(t, nil, 0)

	s := &Fields{ByName: map[string]int{}, Unsure: unsure}
	byName := map[string][]candidate{}
	var order []string
	for _, c := range all {
		if _, seen := byName[c.Name]; !seen {
			order = append(order, c.Name)
		}
		byName[c.Name] = append(byName[c.Name], c)
	}
	for _, name := range order {
		if f, ok := dominant(byName[name]); ok {
			s.ByName[name] = len(s.List)
			s.List = append(s.List, f)
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
func dominant(cs []candidate) (Field, bool) {
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
		return top[0].Field, true
	}
	var tagged []candidate
	for _, c := range top {
		if c.tagged {
			tagged = append(tagged, c)
		}
	}
	if len(tagged) == 1 {
		return tagged[0].Field, true
	}
	return Field{}, false
}
