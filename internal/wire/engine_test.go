package wire_test

import (
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dynamic"
	"github.com/typedhooks/typedhooks/internal/eventtest"
	"github.com/typedhooks/typedhooks/internal/samples"
	"github.com/typedhooks/typedhooks/internal/wire"
	"github.com/typedhooks/typedhooks/stytch"
)

// lenient exercises every kind of field the provider structs use, so that
// fuzzed inputs which no longer match a provider's shape still reach the
// custom Unmarshalers, RawMessage, pointers, maps and numbers.
type lenient struct {
	Type    string                     `json:"type"`
	At      typedhooks.Time            `json:"at,omitzero"`
	ID      typedhooks.ID              `json:"id,omitempty"`
	IDs     []typedhooks.ID            `json:"ids,omitempty"`
	Data    json.RawMessage            `json:"data,omitempty"`
	Ptr     *struct{ N int }           `json:"ptr,omitempty"`
	Count   int                        `json:"count"`
	Amount  float64                    `json:"amount"`
	OK      bool                       `json:"ok"`
	Tags    map[string]string          `json:"tags,omitempty"`
	Any     any                        `json:"any,omitempty"`
	Nested  map[string]typedhooks.Time `json:"nested,omitempty"`
	Numbers []int8                     `json:"numbers,omitempty"`
}

// parsers maps each provider to its Parse, which tells the differential test
// which struct a body decodes into.
var parsers = map[string]func([]byte) (typedhooks.Event, error){
	"crossmint": crossmint.Parse,
	"stytch":    stytch.Parse,
	"dynamic":   dynamic.Parse,
}

func fixtures(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for provider := range parsers {
		maps.Copy(out, providerFixtures(t, provider))
	}
	return out
}

// providerFixtures reads provider's bodies from internal/samples, by path.
func providerFixtures(t testing.TB, provider string) map[string][]byte {
	t.Helper()
	files, err := fs.Glob(samples.FS(), provider+"/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files, provider)
	out := map[string][]byte{}
	for _, f := range files {
		body, err := fs.ReadFile(samples.FS(), f)
		require.NoError(t, err)
		out[f] = body
	}
	return out
}

// targets returns the Go types body is decoded into: the struct its
// provider registers for it (if any) and fixed ones that every input is
// tried against.
func targets(body []byte) []reflect.Type {
	types := []reflect.Type{
		reflect.TypeFor[lenient](),
		reflect.TypeFor[folded](),
		reflect.TypeFor[crossmint.NFTCreateSucceeded](),
		reflect.TypeFor[stytch.DirectUserCreate](),
	}
	for _, parse := range parsers {
		ev, err := parse(body)
		if err != nil {
			continue
		}
		if _, unknown := ev.(*typedhooks.Unknown); !unknown {
			types = append(types, reflect.TypeOf(ev).Elem())
		}
	}
	return types
}

// requireSameAsStdlib decodes body into a fresh value of typ with
// wire.Unmarshal and with encoding/json and requires the same value
// and the same error (or none).
func requireSameAsStdlib(t *testing.T, body []byte, typ reflect.Type) {
	got := reflect.New(typ).Interface()
	want := reflect.New(typ).Interface()
	gotErr := wire.Unmarshal(body, got)
	wantErr := json.Unmarshal(body, want)
	if wantErr == nil {
		require.NoError(t, gotErr, "%s: %q", typ, body)
	} else {
		require.EqualError(t, gotErr, wantErr.Error(), "%s: %q", typ, body)
	}
	require.Equal(t, want, got, "%s: %q", typ, body)
}

// requireParseSameAsStdlib holds each provider's Parse, which decodes
// through a path of its own (into the value its factory just made), to the
// value encoding/json decodes into the same type. Parse tolerates type
// mismatches, as encoding/json does when it carries on past one. An event
// that keeps its original body must keep exactly body, which encoding/json
// does not; the rest is compared without it.
func requireParseSameAsStdlib(t *testing.T, body []byte) {
	for name, parse := range parsers {
		ev, err := parse(body)
		if err != nil {
			continue
		}
		if _, unknown := ev.(*typedhooks.Unknown); unknown {
			continue
		}
		want := reflect.New(reflect.TypeOf(ev).Elem()).Interface()
		err = json.Unmarshal(body, want)
		var typeErr *json.UnmarshalTypeError
		if err != nil && !errors.As(err, &typeErr) {
			t.Fatalf("%s.Parse accepted what encoding/json rejects (%v): %q", name, err, body)
		}
		if kept, ok := ev.(interface{ OriginalBody() []byte }); ok {
			require.Equal(t, body, kept.OriginalBody(), "%s: %q", name, body)
		}
		require.Equal(t, want, eventtest.WithoutOriginal(ev), "%s: %q", name, body)
	}
}

// folded has member names that encoding/json also matches through the two
// non-ASCII letters that fold to ASCII ones (U+017F to 's', U+212A to 'k').
type folded struct {
	Source string `json:"source"`
	Kind   string `json:"kind"`
}

// TestUnmarshal_MadeUpNonASCIIFoldedNames covers names that fast decoders
// (sonic, once), unlike encoding/json, do not match to a field ("\u017fource" for "source"),
// raw and escaped, alone and after the plain spelling.
func TestUnmarshal_MadeUpNonASCIIFoldedNames(t *testing.T) {
	bodies := []string{
		`{"ſource":"X"}`,
		`{"source":"A","ſource":"X"}`,
		`{"\u017fource":"X"}`,
		`{"\u017Fource":"X"}`,
		`{"Kind":"X"}`,
		`{"\u212Aind":"X"}`,
		`{"source":"A","note":"\\u017fource"}`,
		`{"source":"DIRECT","object_type":"user","action":"UPDATE","user":{},"ſource":"DASHBOARD"}`,
	}
	for _, body := range bodies {
		requireSameAsStdlib(t, []byte(body), reflect.TypeFor[folded]())
		requireSameAsStdlib(t, []byte(body), reflect.TypeFor[stytch.DirectUserCreate]())
		requireParseSameAsStdlib(t, []byte(body))
	}
}

func TestUnmarshal_SameAsStdlibOnFixtures(t *testing.T) {
	for name, body := range fixtures(t) {
		t.Run(name, func(t *testing.T) {
			types := targets(body)
			require.Greater(t, len(types), 3, "the fixture's own type is among the targets")
			for _, typ := range types {
				requireSameAsStdlib(t, body, typ)
			}
			requireParseSameAsStdlib(t, body)
		})
	}
}

func TestUnmarshal_MadeUpEdgeCasesSameAsStdlib(t *testing.T) {
	bodies := []string{
		`{"type":"x","data":{"a":}}`,            // malformed inside a RawMessage
		`{"type":"x","unknown":[1,,2]}`,         // malformed inside a skipped member
		"{\"type\":\"x\",\"unknown\":\"\x01\"}", // control character in a skipped string
		"{\"type\":\"\xff\xfe\"}",               // invalid UTF-8 becomes U+FFFD
		"{\"dAtA\":{\"\":{\"\":\"\x92\"}}}",     // ...except inside a RawMessage (found by fuzzing)
		`{"type":"x","count":"7"}`,              // type mismatch: the rest is still decoded
		`{"count":1e400,"type":"x"}`,            // number out of range
		`{"numbers":[1,300,2],"ok":true}`,       // element out of range
		`{"TYPE":"upper","Count":2}`,            // case-insensitive member names
		`{"type":"a","type":"b"}`,               // duplicate member: last wins
		`{"at":" 1696424259573 ","id":12.50}`,   // lenient types
		`{"at":true,"id":{},"ids":[1,"2",null]}`,
		`{"any":{"n":12345678901234567890}}`,
		`{"ptr":null,"tags":{"a":"b"},"nested":{"k":"2024-01-02T03:04:05.5Z"}}`,
		`{"type":"x"} trailing`,
		`{"type":"\ud800"}`,
		`{"type":"nfts.create.succeeded","data":{"chain":5,"txId":"t"},"resource":"r"}`, // mismatch, then fallback
		`{"type":"nfts.create.succeeded","data":{"token":{"id":1e2}}} x`,                // malformed after the type member
		`{"type":"nfts.create.succeeded","startedAt":"2023-10-04T19:59:47.000Z","data":{"token":{"owner":null}}}`,
		`{"action":"CREATE","object_type":"user","source":"DIRECT","user":{"emails":[{"verified":"no"}]}}`,
		``,
		`null`,
	}
	for _, body := range bodies {
		for _, typ := range targets([]byte(body)) {
			requireSameAsStdlib(t, []byte(body), typ)
		}
		requireParseSameAsStdlib(t, []byte(body))
	}
}

func TestUnmarshal_DoesNotAliasTheBody(t *testing.T) {
	// Dispatch reuses the request buffer once callbacks return, so a
	// decoded event must own its strings and raw members.
	body := []byte(`{"type":"abc","data":{"k":"v"},"id":"id-1"}`)
	var ev lenient
	require.NoError(t, wire.Unmarshal(body, &ev))
	for i := range body {
		body[i] = 'x'
	}
	assert.Equal(t, "abc", ev.Type)
	assert.Equal(t, `{"k":"v"}`, string(ev.Data))
	assert.Equal(t, typedhooks.ID("id-1"), ev.ID)
}

func FuzzUnmarshal_SameAsStdlib(f *testing.F) {
	for _, body := range fixtures(f) {
		f.Add(body)
	}
	f.Add([]byte(`{"type":"x","at":1696424259.573,"ids":[1,"2"],"data":null}`))
	f.Add([]byte(`{"type":"x","ſource":"y","\u212aind":"z","source":"w"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, typ := range targets(body) {
			requireSameAsStdlib(t, body, typ)
		}
		requireParseSameAsStdlib(t, body)
	})
}
