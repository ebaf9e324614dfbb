package fastjson

import (
	"encoding"
	"encoding/binary"
	"encoding/json"
	"math/bits"
	"reflect"
	"sync"
	"unsafe"

	"github.com/typedhooks/typedhooks/internal/jsonfields"
)

// Decoder decodes JSON objects into one struct type.
type Decoder struct {
	root *structPlan
}

// kind is how a valuePlan decodes. Plans are data read by one switch (see
// state.value) rather than closures, so that the decoder's state stays on
// the stack and every call is direct.
type kind uint8

const (
	kindString kind = iota
	kindBool
	kindInt
	kindUint
	kindFloat
	kindStruct
	kindPointer
	kindSlice
	kindUnmarshaler // a json.Unmarshaler, given the value's text
	kindLeaf        // a type registered with Leaf
)

// valuePlan decodes values of one Go type.
type valuePlan struct {
	kind kind
	typ  reflect.Type
	bits int         // kindInt, kindUint, kindFloat
	st   *structPlan // kindStruct
	elem *valuePlan  // kindPointer, kindSlice
	leaf leafFunc    // kindLeaf
}

// leafFunc decodes raw, a checked JSON value, into the value at p.
type leafFunc func(p unsafe.Pointer, raw []byte, owned bool) bool

// field is one member of a struct's encoding.
type field struct {
	name   string
	offset uintptr
	plan   *valuePlan
	// head and tail are the first and last eight bytes of name (four for
	// names of four to seven bytes), for matching a member name without a
	// call to memequal; see is.
	head, tail uint64
}

func newField(name string, offset uintptr, plan *valuePlan) field {
	f := field{name: name, offset: offset, plan: plan}
	switch b := []byte(name); {
	case len(b) >= 8:
		f.head, f.tail = binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[len(b)-8:])
	case len(b) >= 4:
		f.head, f.tail = uint64(binary.LittleEndian.Uint32(b)), uint64(binary.LittleEndian.Uint32(b[len(b)-4:]))
	}
	return f
}

// is reports whether name is the field's name. Names of four to sixteen
// bytes, most of them, are compared as two overlapping words.
func (f *field) is(name []byte) bool {
	n := len(name)
	if n != len(f.name) {
		return false
	}
	switch {
	case n >= 8:
		if binary.LittleEndian.Uint64(name) != f.head || binary.LittleEndian.Uint64(name[n-8:]) != f.tail {
			return false
		}
		return n <= 16 || f.name[8:n-8] == string(name[8:n-8])
	case n >= 4:
		return uint64(binary.LittleEndian.Uint32(name)) == f.head && uint64(binary.LittleEndian.Uint32(name[n-4:])) == f.tail
	}
	return f.name == string(name)
}

// structPlan decodes one struct type.
type structPlan struct {
	fields []field
	// table finds a member's field by a hash of its name (see slot):
	// field index + 1, 0 for an empty slot.
	table []uint16
	mask  uint32
}

var (
	decoders sync.Map // reflect.Type -> *Decoder, nil when unsupported
	leaves   sync.Map // reflect.Type -> leafFunc
)

// For returns the decoder for struct type t, or nil when t holds a type this
// package does not decode (maps, interfaces, arrays, []byte, types with a
// TextUnmarshaler, fields with the ",string" option, a struct with an
// UnmarshalJSON of its own, more than 256 members, and what
// jsonfields is unsure of): such a struct is left to another engine whole.
func For(t reflect.Type) *Decoder {
	if d, ok := decoders.Load(t); ok {
		return d.(*Decoder)
	}
	var d *Decoder
	c := compiler{plans: map[reflect.Type]*structPlan{}, ok: true}
	if vp := c.valuePlan(t); c.ok && vp.kind == kindStruct {
		d = &Decoder{root: vp.st}
	}
	actual, _ := decoders.LoadOrStore(t, d)
	return actual.(*Decoder)
}

// Leaf registers how values of type T are decoded, for a type whose
// UnmarshalJSON has a faster equivalent here: decode gets the value's JSON
// text (checked to be valid JSON) and whether the value owns it (see
// [Decoder.Decode]), and reports false to decline. It must give exactly what
// T's UnmarshalJSON gives. Leaf is meant for package initialisation, before
// any decoder that holds a T is made.
func Leaf[T any](decode func(v *T, raw []byte, owned bool) bool) {
	leaves.Store(reflect.TypeFor[T](), leafFunc(func(p unsafe.Pointer, raw []byte, owned bool) bool {
		return decode((*T)(p), raw, owned)
	}))
}

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	numberType          = reflect.TypeFor[json.Number]()
)

// compiler builds the plans for one root type; ok turns false at the first
// type it cannot decode.
type compiler struct {
	plans map[reflect.Type]*structPlan
	ok    bool
}

func (c *compiler) structPlan(t reflect.Type) *structPlan {
	if sp, done := c.plans[t]; done {
		return sp
	}
	sp := &structPlan{}
	c.plans[t] = sp // before the fields, for types that hold themselves
	fs := jsonfields.Of(t)
	if len(fs.List) > 256 || fs.Unsure {
		c.ok = false
		return sp
	}
	for _, jf := range fs.List {
		if jf.Quoted {
			c.ok = false
			return sp
		}
		sp.fields = append(sp.fields, newField(jf.Name, jf.Offset, c.valuePlan(t.FieldByIndex(jf.Index).Type)))
	}
	size := 1 << bits.Len(uint(4*len(sp.fields)))
	sp.table = make([]uint16, size)
	sp.mask = uint32(size - 1)
	for i, f := range sp.fields {
		h := slot([]byte(f.name)) & sp.mask
		for sp.table[h] != 0 {
			h = (h + 1) & sp.mask
		}
		sp.table[h] = uint16(i + 1)
	}
	return sp
}

// slot hashes a member name for structPlan.table.
func slot(name []byte) uint32 {
	n := uint32(len(name))
	return n*0x9E3779B1 ^ uint32(name[0])*0x85EBCA77 ^ uint32(name[n-1])*0xC2B2AE3D ^ uint32(name[n/2])*0x27D4EB2F
}

// valuePlan returns the plan for values of type t.
func (c *compiler) valuePlan(t reflect.Type) *valuePlan {
	vp := &valuePlan{typ: t}
	if f, ok := leaves.Load(t); ok {
		vp.kind, vp.leaf = kindLeaf, f.(leafFunc)
		return vp
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		vp.kind = kindUnmarshaler
		return vp
	}
	if t == numberType || reflect.PointerTo(t).Implements(textUnmarshalerType) {
		c.ok = false
		return vp
	}
	switch t.Kind() {
	case reflect.String:
		vp.kind = kindString
	case reflect.Bool:
		vp.kind = kindBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		vp.kind, vp.bits = kindInt, t.Bits()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		vp.kind, vp.bits = kindUint, t.Bits()
	case reflect.Float32, reflect.Float64:
		vp.kind, vp.bits = kindFloat, t.Bits()
	case reflect.Struct:
		vp.kind, vp.st = kindStruct, c.structPlan(t)
	case reflect.Pointer:
		vp.kind, vp.elem = kindPointer, c.valuePlan(t.Elem())
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 && !reflect.PointerTo(t.Elem()).Implements(unmarshalerType) {
			c.ok = false // base64, which this package does not decode
			return vp
		}
		vp.kind, vp.elem = kindSlice, c.valuePlan(t.Elem())
	default:
		c.ok = false
	}
	return vp
}

// HasFields reports whether the decoder's struct has a field for a
// top-level member of each of names, spelled exactly so: Decode then
// declines a body that names one of them twice, or in any other case.
func (d *Decoder) HasFields(names ...string) bool {
	for _, n := range names {
		if d.root.lookup([]byte(n)) < 0 {
			return false
		}
	}
	return true
}
