package typedhooks

import (
	"encoding/json"
	"reflect"
	"unsafe"

	"github.com/bytedance/sonic"
)

// The typed-event decoder runs github.com/bytedance/sonic first, in its
// encoding/json-compatible configuration, because it decodes webhook-sized
// bodies about four times faster than encoding/json (see bench/ and the
// README's performance section). Unlike the other fast engines measured, it
// also rejects malformed JSON inside members it skips, as encoding/json does.
// On platforms without its JIT (anything but amd64 and arm64) sonic itself
// delegates to encoding/json. The decoder falls back to
// encoding/json whenever the fast engine reports any error. The fallback keeps
// the results identical to encoding/json's: encoding/json carries on past a
// type mismatch and fills the rest of the struct (which the registry keeps),
// and its error values are the ones callers see. A differential fuzz test
// (engine_test.go) holds the two engines to the same results.

// fastEngine is sonic's configuration that matches encoding/json: strings are
// validated (control characters rejected, invalid UTF-8 replaced) and copied
// out of the input rather than referencing it.
var fastEngine = sonic.ConfigStd

// unmarshal decodes data into v with the fast engine when that is safe, and
// with encoding/json otherwise.
func unmarshal(data []byte, v any) error {
	target, ok := freshTarget(v)
	if !ok {
		return json.Unmarshal(data, v)
	}
	// sonic decodes from a string and would copy data into one; viewing the
	// bytes as a string instead is safe because this configuration copies
	// every string and raw member it keeps, and data is not modified while
	// it decodes. (TestUnmarshal_DoesNotAliasTheBody holds it to that.)
	if fastEngine.UnmarshalFromString(unsafe.String(unsafe.SliceData(data), len(data)), v) == nil {
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
