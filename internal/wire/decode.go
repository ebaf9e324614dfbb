package wire

import (
	"encoding/json"
	"reflect"

	"github.com/typedhooks/typedhooks/internal/fastjson"
)

// The typed-event decoder has one path: internal/fastjson first, and
// encoding/json whenever fastjson declines. fastjson is a decoder compiled
// once per struct type for the shapes our provider structs have. It declines
// anything it does not decode exactly as encoding/json would (a member
// matched only case-insensitively, a repeated member, a value of the wrong
// kind, malformed JSON), and decodes the rest in one pass; the ID and Time
// leaves decode inside it (see init below). The fallback keeps the results
// identical to encoding/json's: encoding/json carries on past a type
// mismatch and fills the rest of the struct (which the registry keeps), and
// its error values are the ones callers see. Differential fuzz tests
// (engine_test.go, internal/fastjson) hold the two to the same results.
//
// When encoding/json/v2 is final (it is an experiment in Go 1.27), its
// Unmarshal with jsontext.Value members and its case-sensitive, duplicate-
// rejecting defaults would do fastjson's job; until then it is not built on.

// unmarshal decodes data into v with fastjson when that is safe, and with
// encoding/json otherwise.
func unmarshal(data []byte, v any) error {
	if target, ok := freshTarget(v); ok {
		if d := fastjson.For(target.Type()); d != nil {
			if d.Decode(data, target.Addr().UnsafePointer(), false) {
				return nil
			}
			// fastjson may have stopped half way; start again from the
			// zero value so that encoding/json's result is exactly what
			// it would have produced alone.
			target.SetZero()
		}
	}
	return json.Unmarshal(data, v)
}

// unmarshalNew is unmarshal for a value a [Factory] has just made, which is
// a pointer to a zero struct by the Factory's contract: it spares the check
// that every field is zero, which costs as much as a tenth of decoding a
// small event. d is fastjson's decoder for that struct, nil when there is
// none (the registry looks it up once per type, not per body). When owned,
// data belongs to the decoded value from now on and nothing modifies it, so
// the value's strings may refer to data instead of being copied out of it.
func unmarshalNew(data []byte, v any, owned bool, d *fastjson.Decoder) error {
	if d != nil {
		rv := reflect.ValueOf(v)
		if d.Decode(data, rv.UnsafePointer(), owned) {
			return nil
		}
		rv.Elem().SetZero()
	}
	return json.Unmarshal(data, v)
}

// decoderFor returns fastjson's decoder for the struct that the values of
// v's type point to, or nil.
func decoderFor(v any) *fastjson.Decoder {
	t := reflect.TypeOf(v)
	if t == nil || t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return nil
	}
	d := fastjson.For(t.Elem())
	if d == nil {
		return nil // not a nil *Decoder in a non-nil interface
	}
	return d
}

// freshTarget returns the struct v points to when it is still the zero
// value. Only then can a failed fast decode be undone by zeroing it; decoding
// into a populated value merges, and is left to encoding/json.
func freshTarget(v any) (reflect.Value, bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return reflect.Value{}, false
	}
	elem := rv.Elem()
	if elem.Kind() != reflect.Struct || !elem.IsZero() {
		return reflect.Value{}, false
	}
	return elem, true
}
