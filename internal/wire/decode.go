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
// leaves decode inside it (see their init functions). The fallback keeps the
// results identical to encoding/json's: encoding/json carries on past a
// type mismatch and fills the rest of the struct (which the registry keeps),
// and its error values are the ones callers see. Differential fuzz tests
// (engine_test.go, internal/fastjson) hold the two to the same results.
//
// When encoding/json/v2 is final (it is an experiment in Go 1.27), its
// Unmarshal with jsontext.Value members and its case-sensitive, duplicate-
// rejecting defaults would do fastjson's job; until then it is not built on.

// decode decodes data into v, a pointer to a zero struct (what a [Factory]
// makes), with d, fastjson's decoder for that struct (nil for none), and
// with encoding/json when d declines. When owned, data belongs to the
// decoded value from now on and nothing modifies it, so the value's strings
// may refer to data instead of being copied out of it.
func decode(data []byte, v any, owned bool, d *fastjson.Decoder) error {
	if d != nil {
		rv := reflect.ValueOf(v)
		if d.Decode(data, rv.UnsafePointer(), owned) {
			return nil
		}
		// fastjson may have stopped half way; start again from the zero
		// value so that encoding/json's result is exactly what it would
		// have produced alone.
		rv.Elem().SetZero()
	}
	return json.Unmarshal(data, v)
}

// decoderFor returns fastjson's decoder for the struct that the values of
// v's type point to, or nil (fastjson.For is nil for what is not a struct).
func decoderFor(v any) *fastjson.Decoder {
	if t := reflect.TypeOf(v); t.Kind() == reflect.Pointer {
		return fastjson.For(t.Elem())
	}
	return nil
}
