package typedhooks

import (
	"bytes"
	"encoding/json"
	"reflect"
	"unicode/utf8"

	"github.com/typedhooks/typedhooks/internal/fastjson"
)

// The typed-event decoder tries fast engines first and falls back to
// encoding/json whenever one declines or reports any error. The fallback
// keeps the results identical to encoding/json's: encoding/json carries on
// past a type mismatch and fills the rest of the struct (which the registry
// keeps), and its error values are the ones callers see. Differential fuzz
// tests (engine_test.go, internal/fastjson) hold the engines to the same
// results.
//
// First comes internal/fastjson, a decoder compiled once per struct type for
// the shapes our provider structs have. It declines anything it does not
// decode exactly as encoding/json would (a member matched only
// case-insensitively, a repeated member, a value of the wrong kind, malformed
// JSON), and decodes the rest in one pass without a separate UTF-8 or
// member-name scan; the ID and Time leaves decode inside it (see init below).
// It is pure Go and so runs on every platform.
//
// Then github.com/bytedance/sonic on amd64 and arm64 (see engine_sonic.go),
// for the bodies fastjson declines and the structs it does not decode. Of
// the general engines measured on our structs (bench/engines and the
// README's performance section) it is one of the two that, like
// encoding/json, reject malformed JSON inside members no field keeps. sonic
// does not compile on 32-bit platforms, where fastUnmarshal is nil.

// unmarshal decodes data into v with the fast engine when that is safe, and
// with encoding/json otherwise.
func unmarshal(data []byte, v any) error {
	target, ok := freshTarget(v)
	if !ok {
		return json.Unmarshal(data, v)
	}
	if d := fastjson.For(target.Type()); d != nil {
		if d.Decode(data, target.Addr().UnsafePointer(), false) {
			return nil
		}
		target.SetZero()
	}
	if fastUnmarshal == nil {
		return json.Unmarshal(data, v)
	}
	return unmarshalFresh(fastUnmarshal, data, v, target)
}

// unmarshalNew is unmarshal for a value a [Factory] has just made, which is
// a pointer to a zero struct by the Factory's contract: it spares the check
// that every field is zero, which costs as much as a tenth of decoding a
// small event. d is fastjson's decoder for that struct, nil when there is
// none (the registry looks it up once per type, not per body). When owned,
// data belongs to the decoded value from now on and nothing modifies it, so
// the value's strings may refer to data instead of being copied out of it.
func unmarshalNew(data []byte, v any, owned bool, d *fastjson.Decoder) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return unmarshal(data, v)
	}
	if d != nil {
		if d.Decode(data, rv.UnsafePointer(), owned) {
			return nil
		}
		rv.Elem().SetZero()
	}
	fast := fastUnmarshal
	if owned {
		fast = fastUnmarshalOwned
	}
	if fast == nil {
		return json.Unmarshal(data, v)
	}
	return unmarshalFresh(fast, data, v, rv.Elem())
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

// unmarshalFresh decodes data into v, which points to target, a zero struct,
// with the fast decoder given, falling back to encoding/json.
func unmarshalFresh(fast func([]byte, any) error, data []byte, v any, target reflect.Value) error {
	if !utf8.Valid(data) || mayFoldBeyondASCII(data) {
		// sonic replaces invalid UTF-8 with U+FFFD even inside a
		// json.RawMessage, where encoding/json keeps the bytes as sent;
		// and see mayFoldBeyondASCII.
		return json.Unmarshal(data, v)
	}
	if fast(data, v) == nil {
		return nil
	}
	// The fast engine may have stopped half way; start again from the zero
	// value so that encoding/json's result is exactly what it would have
	// produced alone.
	target.SetZero()
	return json.Unmarshal(data, v)
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

// mayFoldBeyondASCII reports whether data holds one of the two non-ASCII
// letters that fold to ASCII ones, U+017F (long s, folds to 's') and U+212A
// (Kelvin sign, folds to 'k'), as UTF-8 or as a \u escape. encoding/json
// matches a member name to a field case-insensitively with full simple
// folding, so "ſource" fills the field "source"; sonic does not fold
// U+017F, and such bodies are left to encoding/json. Both letters are rare,
// and searching for their lead bytes and for backslashes is cheap.
func mayFoldBeyondASCII(data []byte) bool {
	if bytes.Contains(data, []byte("\u017f")) || bytes.Contains(data, []byte("\u212a")) {
		return true
	}
	for rest := data; ; {
		i := bytes.IndexByte(rest, '\\')
		if i < 0 || i+6 > len(rest) {
			return false
		}
		if esc := rest[i : i+6]; bytes.EqualFold(esc, []byte(`\u017f`)) || bytes.EqualFold(esc, []byte(`\u212a`)) {
			return true
		}
		// An escaped backslash is skipped whole, so that its second half
		// does not start an escape.
		if rest[i+1] == '\\' {
			i++
		}
		rest = rest[i+1:]
	}
}

// The lenient leaf types decode inside fastjson without a call through
// json.Unmarshaler, and an ID from a body the event owns is a view of it.
func init() {
	fastjson.Leaf(func(id *ID, raw []byte, owned bool) bool {
		return id.set(raw, owned) == nil
	})
	fastjson.Leaf(func(t *Time, raw []byte, _ bool) bool {
		return t.UnmarshalJSON(raw) == nil
	})
}
