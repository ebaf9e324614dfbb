package fastjson

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Decode decodes data into the struct that p points to, which must be of the
// decoder's type and zero. It reports false when it declines (see the
// package documentation); the struct may then be partly filled and must be
// zeroed before another engine decodes into it. When owned, the struct owns
// data from now on and nothing modifies data, so decoded strings may be
// views of it.
func (d *Decoder) Decode(data []byte, p unsafe.Pointer, owned bool) bool {
	s := state{data: data, owned: owned}
	s.ws()
	if s.peek() != '{' || !s.object(d.root, p) {
		return false
	}
	s.ws()
	return s.pos == len(s.data)
}

// value decodes the value at the cursor into the Go value at p.
func (s *state) value(vp *valuePlan, p unsafe.Pointer) bool {
	c := s.peek()
	if c == 'n' && vp.kind != kindUnmarshaler && vp.kind != kindLeaf {
		// null leaves the value as it is, zero (a nil pointer or slice),
		// as encoding/json does; only a method of the type's own sees it.
		return s.literal("null")
	}
	switch vp.kind {
	case kindString:
		return c == '"' && s.string(p)
	case kindBool:
		*(*bool)(p) = c == 't'
		return c == 't' && s.literal("true") || c == 'f' && s.literal("false")
	case kindInt, kindUint, kindFloat:
		return s.number(vp, p)
	case kindStruct:
		return c == '{' && s.object(vp.st, p)
	case kindPointer:
		// Anything but null goes to a new value.
		v := reflect.New(vp.elem.typ).UnsafePointer()
		*(*unsafe.Pointer)(p) = v
		return s.value(vp.elem, v)
	case kindSlice:
		return c == '[' && s.array(vp, p)
	case kindUnmarshaler:
		raw, ok := s.skipValue()
		return ok && reflect.NewAt(vp.typ, p).Interface().(json.Unmarshaler).UnmarshalJSON(raw) == nil
	case kindLeaf:
		raw, ok := s.skipValue()
		return ok && vp.leaf(p, raw, s.owned)
	}
	return false
}

// lookup returns the index of the field named exactly name, or -1.
func (sp *structPlan) lookup(name []byte) int {
	if len(name) == 0 || len(sp.fields) == 0 {
		return -1
	}
	for h := slot(name) & sp.mask; ; h = (h + 1) & sp.mask {
		i := int(sp.table[h]) - 1
		if i < 0 || sp.fields[i].is(name) {
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

// object decodes the object at the cursor into the struct at p.
func (s *state) object(sp *structPlan, p unsafe.Pointer) bool {
	empty, ok := s.open('}')
	if empty || !ok {
		return ok
	}
	var seen [4]uint64
	for {
		start, end, flags, ok := s.member()
		if !ok || flags != 0 {
			// Escaped or non-ASCII names may fold to a field's name in
			// ways this package does not follow; encoding/json decides.
			return false
		}
		name := s.data[start:end]
		if i := sp.lookup(name); i >= 0 {
			if seen[i/64]&(1<<(i%64)) != 0 {
				// A repeated member merges into or replaces the
				// first, depending on its kind; encoding/json decides.
				return false
			}
			seen[i/64] |= 1 << (i % 64)
			if f := &sp.fields[i]; !s.value(f.plan, unsafe.Add(p, f.offset)) {
				return false
			}
		} else if sp.foldsToField(name) || !s.skip() {
			// A name matched only case-insensitively: encoding/json
			// decides.
			return false
		}
		if done, ok := s.next('}'); done || !ok {
			return ok
		}
	}
}

// string decodes the string at the cursor.
func (s *state) string(p unsafe.Pointer) bool {
	start, end, flags, ok := s.scanString()
	if !ok {
		return false
	}
	inner := s.data[start:end]
	if flags == 0 || flags == hasNonASCII && utf8.Valid(inner) {
		if s.owned && len(inner) > 0 {
			// A view of data, which the value owns.
			*(*string)(p) = unsafe.String(&inner[0], len(inner))
		} else {
			*(*string)(p) = string(inner)
		}
		return true
	}
	// Escapes, or invalid UTF-8 that encoding/json replaces: its own
	// unquoting, on this rare path.
	return json.Unmarshal(s.data[start-1:end+1], (*string)(p)) == nil
}

// number decodes a number. A fraction or exponent for an integer, or a
// number out of range, is an error to encoding/json, and declined.
func (s *state) number(vp *valuePlan, p unsafe.Pointer) bool {
	end := numberEnd(s.data, s.pos)
	if end < 0 {
		return false
	}
	num := unsafe.String(&s.data[s.pos], end-s.pos)
	s.pos = end
	// A number out of range sets the value before the decline (which
	// zeroes it again).
	var err error
	switch v := reflect.NewAt(vp.typ, p).Elem(); vp.kind {
	case kindInt:
		var n int64
		n, err = strconv.ParseInt(num, 10, vp.bits)
		v.SetInt(n)
	case kindUint:
		var n uint64
		n, err = strconv.ParseUint(num, 10, vp.bits)
		v.SetUint(n)
	default:
		var f float64
		f, err = strconv.ParseFloat(num, vp.bits)
		v.SetFloat(f)
	}
	return err == nil
}

// array decodes the array at the cursor into a new slice (an empty, non-nil
// one for [], as encoding/json makes). It grows the slice in place, through
// a reflect.Value of the field, so that no slice header is allocated.
func (s *state) array(vp *valuePlan, p unsafe.Pointer) bool {
	empty, ok := s.open(']')
	if !ok {
		return false
	}
	if empty {
		// Every slice header has the same layout; an empty []struct{}
		// literal is a non-nil, empty slice without an allocation.
		*(*[]struct{})(p) = []struct{}{}
		return true
	}
	slice := reflect.NewAt(vp.typ, p).Elem()
	size := vp.elem.typ.Size()
	for n := 0; ; n++ {
		if n == slice.Cap() {
			slice.Grow(max(1, n))
		}
		slice.SetLen(n + 1)
		if !s.value(vp.elem, unsafe.Add(slice.UnsafePointer(), uintptr(n)*size)) {
			return false
		}
		if done, ok := s.next(']'); done || !ok {
			return ok
		}
	}
}
