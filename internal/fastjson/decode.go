package fastjson

import (
	"encoding"
	"encoding/json"
	"math/bits"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/typedhooks/typedhooks/internal/jsonfields"
)

// Decoder decodes JSON objects into one struct type.
type Decoder struct {
	typ  reflect.Type
	root *structPlan
}

// decodeFunc decodes the value at the cursor into the Go value at p.
type decodeFunc func(s *state, p unsafe.Pointer) bool

var (
	decoders sync.Map // reflect.Type -> *Decoder, nil when unsupported
	leaves   sync.Map // reflect.Type -> decodeFunc
)

// For returns the decoder for struct type t, or nil when t holds a type this
// package does not decode (maps, interfaces, arrays, []byte, types with a
// TextUnmarshaler, fields with the ",string" option, a struct with an
// UnmarshalJSON of its own, embedded pointers, more
// than 256 members): such a struct is left to another engine whole.
func For(t reflect.Type) *Decoder {
	if d, ok := decoders.Load(t); ok {
		return d.(*Decoder)
	}
	var d *Decoder
	pt := reflect.PointerTo(t)
	if t.Kind() == reflect.Struct && !pt.Implements(unmarshalerType) && !pt.Implements(textUnmarshalerType) {
		c := compiler{plans: map[reflect.Type]*structPlan{}, ok: true}
		if root := c.structPlan(t); c.ok {
			d = &Decoder{typ: t, root: root}
		}
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
	leaves.Store(reflect.TypeFor[T](), decodeFunc(func(s *state, p unsafe.Pointer) bool {
		raw, ok := s.skipValue()
		return ok && decode((*T)(p), raw, s.owned)
	}))
}

// Decode decodes data into the struct that p points to, which must be of the
// decoder's type and zero. It reports false when it declines (see the
// package documentation); the struct may then be partly filled and must be
// zeroed before another engine decodes into it. When owned, the struct owns
// data from now on and nothing modifies data, so decoded strings may be
// views of it.
func (d *Decoder) Decode(data []byte, p unsafe.Pointer, owned bool) bool {
	s := state{data: data, owned: owned}
	s.ws()
	if s.peek() != '{' || !d.root.decode(&s, p) {
		return false
	}
	s.ws()
	return s.pos == len(s.data)
}

// Type returns the struct type the decoder decodes into.
func (d *Decoder) Type() reflect.Type { return d.typ }

// field is one member of a struct's encoding.
type field struct {
	name   string
	offset uintptr
	decode decodeFunc
}

// structPlan decodes one struct type.
type structPlan struct {
	fields []field
	// table finds a member's field by a hash of its name (see slot):
	// field index + 1, 0 for an empty slot.
	table []uint16
	mask  uint32
}

func slot(name []byte) uint32 {
	n := uint32(len(name))
	return n*0x9E3779B1 ^ uint32(name[0])*0x85EBCA77 ^ uint32(name[n-1])*0xC2B2AE3D ^ uint32(name[n/2])*0x27D4EB2F
}

// lookup returns the index of the field named exactly name, or -1.
func (sp *structPlan) lookup(name []byte) int {
	if len(name) == 0 || len(sp.fields) == 0 {
		return -1
	}
	for h := slot(name) & sp.mask; ; h = (h + 1) & sp.mask {
		i := int(sp.table[h]) - 1
		if i < 0 || sp.fields[i].name == string(name) {
			return i
		}
	}
}

// foldsToField reports whether encoding/json would match name to a field
// only case-insensitively (names are ASCII on both sides here).
func (sp *structPlan) foldsToField(name []byte) bool {
	for i := range sp.fields {
		if len(sp.fields[i].name) == len(name) && strings.EqualFold(sp.fields[i].name, unsafe.String(unsafe.SliceData(name), len(name))) {
			return true
		}
	}
	return false
}

// decode decodes the object at the cursor into the struct at p.
func (sp *structPlan) decode(s *state, p unsafe.Pointer) bool {
	if s.depth++; s.depth > maxDepth {
		return false
	}
	s.pos++
	s.ws()
	if s.peek() == '}' {
		s.pos++
		s.depth--
		return true
	}
	var seen [4]uint64
	for {
		if s.peek() != '"' {
			return false
		}
		start, end, flags, ok := s.scanString()
		if !ok || flags != 0 {
			// Escaped or non-ASCII names may fold to a field's name in
			// ways this package does not follow; encoding/json decides.
			return false
		}
		name := s.data[start:end]
		s.ws()
		if s.peek() != ':' {
			return false
		}
		s.pos++
		s.ws()
		if i := sp.lookup(name); i >= 0 {
			if seen[i/64]&(1<<(i%64)) != 0 {
				// A repeated member merges into or replaces the
				// first, depending on its kind; encoding/json decides.
				return false
			}
			seen[i/64] |= 1 << (i % 64)
			if f := &sp.fields[i]; !f.decode(s, unsafe.Add(p, f.offset)) {
				return false
			}
		} else {
			if sp.foldsToField(name) {
				return false
			}
			if _, ok := s.skipValue(); !ok {
				return false
			}
		}
		s.ws()
		switch s.peek() {
		case ',':
			s.pos++
			s.ws()
		case '}':
			s.pos++
			s.depth--
			return true
		default:
			return false
		}
	}
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
	list := jsonfields.Of(t).List
	if len(list) > 256 {
		c.ok = false
		return sp
	}
	for _, jf := range list {
		offset, sf, ok := fieldAt(t, jf.Index)
		if !ok || hasStringOption(sf) || !isASCII(jf.Name) {
			c.ok = false
			return sp
		}
		sp.fields = append(sp.fields, field{name: jf.Name, offset: offset, decode: c.valueFunc(sf.Type)})
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

// fieldAt follows index from t to a field and returns its offset from the
// start of t; ok is false when the path goes through a pointer (an embedded
// *T, which decoding would have to allocate).
func fieldAt(t reflect.Type, index []int) (offset uintptr, sf reflect.StructField, ok bool) {
	for n, i := range index {
		if t.Kind() != reflect.Struct {
			return 0, sf, false
		}
		sf = t.Field(i)
		offset += sf.Offset
		t = sf.Type
		if n < len(index)-1 && t.Kind() == reflect.Pointer {
			return 0, sf, false
		}
	}
	return offset, sf, true
}

func hasStringOption(sf reflect.StructField) bool {
	_, opts, _ := strings.Cut(sf.Tag.Get("json"), ",")
	for opts != "" {
		var opt string
		opt, opts, _ = strings.Cut(opts, ",")
		if opt == "string" {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// valueFunc returns the decoder for values of type t.
func (c *compiler) valueFunc(t reflect.Type) decodeFunc {
	if f, ok := leaves.Load(t); ok {
		return f.(decodeFunc)
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		return func(s *state, p unsafe.Pointer) bool {
			raw, ok := s.skipValue()
			return ok && reflect.NewAt(t, p).Interface().(json.Unmarshaler).UnmarshalJSON(raw) == nil
		}
	}
	if t == numberType || reflect.PointerTo(t).Implements(textUnmarshalerType) {
		c.ok = false
		return nil
	}
	switch t.Kind() {
	case reflect.String:
		return decodeString
	case reflect.Bool:
		return decodeBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intFunc(t)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return uintFunc(t)
	case reflect.Float32, reflect.Float64:
		return floatFunc(t)
	case reflect.Struct:
		sp := c.structPlan(t)
		return func(s *state, p unsafe.Pointer) bool {
			switch s.peek() {
			case '{':
				return sp.decode(s, p)
			case 'n':
				return s.literal("null")
			}
			return false
		}
	case reflect.Pointer:
		return c.pointerFunc(t)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 && !reflect.PointerTo(t.Elem()).Implements(unmarshalerType) {
			c.ok = false // base64, which this package does not decode
			return nil
		}
		return c.sliceFunc(t)
	}
	c.ok = false
	return nil
}

func decodeString(s *state, p unsafe.Pointer) bool {
	switch s.peek() {
	case '"':
		start, end, flags, ok := s.scanString()
		if !ok {
			return false
		}
		inner := s.data[start:end]
		if flags == 0 || flags == hasNonASCII && utf8.Valid(inner) {
			*(*string)(p) = s.view(inner)
			return true
		}
		// Escapes, or invalid UTF-8 that encoding/json replaces: its
		// own unquoting, on this rare path.
		return json.Unmarshal(s.data[start-1:end+1], (*string)(p)) == nil
	case 'n':
		return s.literal("null")
	}
	return false
}

func decodeBool(s *state, p unsafe.Pointer) bool {
	switch s.peek() {
	case 't':
		*(*bool)(p) = true
		return s.literal("true")
	case 'f':
		return s.literal("false")
	case 'n':
		return s.literal("null")
	}
	return false
}

// number returns the number at the cursor as a string viewing data, or
// false; null, which leaves a number as it is, gives "" and true.
func (s *state) number() (string, bool) {
	if s.peek() == 'n' {
		return "", s.literal("null")
	}
	num, ok := s.scanNumber()
	if !ok {
		return "", false
	}
	return unsafe.String(unsafe.SliceData(num), len(num)), true
}

func intFunc(t reflect.Type) decodeFunc {
	bitSize := t.Bits()
	return func(s *state, p unsafe.Pointer) bool {
		num, ok := s.number()
		if !ok || num == "" {
			return ok
		}
		n, err := strconv.ParseInt(num, 10, bitSize)
		if err != nil {
			return false // a fraction, an exponent or out of range
		}
		reflect.NewAt(t, p).Elem().SetInt(n)
		return true
	}
}

func uintFunc(t reflect.Type) decodeFunc {
	bitSize := t.Bits()
	return func(s *state, p unsafe.Pointer) bool {
		num, ok := s.number()
		if !ok || num == "" {
			return ok
		}
		n, err := strconv.ParseUint(num, 10, bitSize)
		if err != nil {
			return false
		}
		reflect.NewAt(t, p).Elem().SetUint(n)
		return true
	}
}

func floatFunc(t reflect.Type) decodeFunc {
	bitSize := t.Bits()
	return func(s *state, p unsafe.Pointer) bool {
		num, ok := s.number()
		if !ok || num == "" {
			return ok
		}
		f, err := strconv.ParseFloat(num, bitSize)
		if err != nil {
			return false
		}
		reflect.NewAt(t, p).Elem().SetFloat(f)
		return true
	}
}

// pointerFunc decodes null as a nil pointer and anything else into a new
// value.
func (c *compiler) pointerFunc(t reflect.Type) decodeFunc {
	elem := t.Elem()
	inner := c.valueFunc(elem)
	return func(s *state, p unsafe.Pointer) bool {
		if s.peek() == 'n' {
			return s.literal("null")
		}
		v := reflect.New(elem).UnsafePointer()
		*(*unsafe.Pointer)(p) = v
		return inner(s, v)
	}
}

// sliceFunc decodes null as a nil slice and an array into a new slice (an
// empty, non-nil one for [], as encoding/json makes). It grows the slice in
// place, through a reflect.Value of the field, so that no slice header is
// allocated.
func (c *compiler) sliceFunc(t reflect.Type) decodeFunc {
	inner := c.valueFunc(t.Elem())
	size := t.Elem().Size()
	return func(s *state, p unsafe.Pointer) bool {
		switch s.peek() {
		case 'n':
			return s.literal("null")
		case '[':
		default:
			return false
		}
		if s.depth++; s.depth > maxDepth {
			return false
		}
		s.pos++
		s.ws()
		if s.peek() == ']' {
			s.pos++
			s.depth--
			// Every slice header has the same layout; an empty []struct{}
			// literal is a non-nil, empty slice without an allocation.
			*(*[]struct{})(p) = []struct{}{}
			return true
		}
		slice := reflect.NewAt(t, p).Elem()
		for n := 0; ; n++ {
			if n == slice.Cap() {
				slice.Grow(max(1, n))
			}
			slice.SetLen(n + 1)
			if !inner(s, unsafe.Add(slice.UnsafePointer(), uintptr(n)*size)) {
				return false
			}
			s.ws()
			switch s.peek() {
			case ',':
				s.pos++
				s.ws()
			case ']':
				s.pos++
				s.depth--
				return true
			default:
				return false
			}
		}
	}
}
