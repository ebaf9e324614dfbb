package wire_test

import (
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/wire"
)

type keepInner struct {
	Name string          `json:"name,omitempty"`
	At   typedhooks.Time `json:"at,omitzero"`
}

type keepBase struct {
	ID string `json:"id"`
}

type keepOuter struct {
	keepBase
	Type     string            `json:"type"`
	Hidden   string            `json:"-"`
	Inner    keepInner         `json:"inner"`
	Ptr      *keepInner        `json:"ptr,omitempty"`
	List     []keepInner       `json:"list,omitempty"`
	Raw      json.RawMessage   `json:"raw,omitempty"`
	Map      map[string]string `json:"map,omitempty"`
	Any      any               `json:"any,omitempty"`
	Tags     []string          `json:"tags,omitempty"`
	Untagged int
}

func marshalKeeping(t *testing.T, v any, original string) map[string]any {
	t.Helper()
	out, err := wire.MarshalKeeping(v, []byte(original))
	require.NoError(t, err)
	require.True(t, json.Valid(out), "%s", out)
	var m map[string]any
	require.NoError(t, json.Unmarshal(out, &m))
	return m
}

func TestMarshalKeeping_MadeUpMembersAtEveryLevel(t *testing.T) {
	original := `{"type":"t","id":"i","madeUpTop":[1,{"x":2}],"Hidden":"h",
		"inner":{"name":"n","madeUpInInner":true,"at":"2024-01-02T03:04:05Z"},
		"ptr":{"madeUpInPtr":null},
		"list":[{"name":"a","madeUpInList":1},{"name":"b"}],
		"raw":{"madeUpInRaw":1},"map":{"k":"v"},"any":{"madeUpInAny":1}}`
	var v keepOuter
	require.NoError(t, json.Unmarshal([]byte(original), &v))
	m := marshalKeeping(t, &v, original)
	assert.Equal(t, []any{1.0, map[string]any{"x": 2.0}}, m["madeUpTop"])
	assert.Equal(t, "h", m["Hidden"], `a "-" field has no member name, so the member is unknown`)
	assert.Equal(t, "i", m["id"], "embedded fields are flattened")
	inner := m["inner"].(map[string]any)
	assert.Equal(t, true, inner["madeUpInInner"])
	assert.Equal(t, "2024-01-02T03:04:05Z", inner["at"])
	assert.Contains(t, m["ptr"], "madeUpInPtr")
	list := m["list"].([]any)
	assert.Equal(t, 1.0, list[0].(map[string]any)["madeUpInList"])
	assert.Equal(t, map[string]any{"name": "b"}, list[1])
	assert.Equal(t, map[string]any{"madeUpInRaw": 1.0}, m["raw"])
	assert.Equal(t, map[string]any{"madeUpInAny": 1.0}, m["any"])

	// Value and pointer give the same.
	assert.Equal(t, m, marshalKeeping(t, v, original))
}

func TestMarshalKeeping_MadeUpNamesMatchLikeEncodingJSON(t *testing.T) {
	// "TYPE" fills Type (case-insensitive match) and "untagged", the last
	// of two spellings, fills Untagged: the members come back as they
	// were sent, spelling and all, and none that was not sent is added.
	original := `{"TYPE":"t","Untagged":1,"untagged":2,"madeUp":3}`
	var v keepOuter
	require.NoError(t, json.Unmarshal([]byte(original), &v))
	out, err := wire.MarshalKeeping(&v, []byte(original))
	require.NoError(t, err)
	assert.Equal(t, original, string(out))
	v.Untagged = 5
	out, err = wire.MarshalKeeping(&v, []byte(original))
	require.NoError(t, err)
	assert.Equal(t, `{"TYPE":"t","Untagged":1,"untagged":5,"madeUp":3}`, string(out), "the member decoded last takes the change")
}

func TestMarshalKeeping_MadeUpChangedFieldsWin(t *testing.T) {
	original := `{"type":"t","id":"i","inner":{"name":"n"},"ptr":{"name":"p","madeUp":1},"list":[{"name":"a","madeUp":1}],"tags":["x"]}`
	var v keepOuter
	require.NoError(t, json.Unmarshal([]byte(original), &v))
	v.Type = "changed"
	v.Inner.Name = ""
	v.Ptr = nil
	v.List = append(v.List, keepInner{Name: "b"})
	v.Tags = nil
	m := marshalKeeping(t, &v, original)
	assert.Equal(t, "changed", m["type"])
	assert.Equal(t, map[string]any{}, m["inner"], "the emptied name is not restored")
	assert.NotContains(t, m, "ptr")
	assert.NotContains(t, m, "tags")
	// The lengths differ, so the elements are not matched up.
	assert.Equal(t, []any{map[string]any{"name": "a"}, map[string]any{"name": "b"}}, m["list"])
}

func TestMarshalKeeping_MadeUpOmittedMembersKeepTheirText(t *testing.T) {
	original := `{"type":"t","id":"i","inner":{"name":""},"tags":[],"ptr":null,"map":{},"raw":null}`
	var v keepOuter
	require.NoError(t, json.Unmarshal([]byte(original), &v))
	out, err := wire.MarshalKeeping(&v, []byte(original))
	require.NoError(t, err)
	assert.Equal(t, original, string(out))
}

func TestMarshalKeeping_MadeUpOriginalsThatAreNotObjects(t *testing.T) {
	v := keepOuter{Type: "t"}
	want, err := json.Marshal(v)
	require.NoError(t, err)
	for _, original := range []string{``, `null`, `[1]`, `"s"`, `{"madeUp":[1,,2]}`, `{"madeUp":1} x`, `{`} {
		out, err := wire.MarshalKeeping(v, []byte(original))
		require.NoError(t, err, original)
		assert.Equal(t, string(want), string(out), original)
	}
	// Not a struct: nothing to merge into.
	out, err := wire.MarshalKeeping(map[string]int{"a": 1}, []byte(`{"b":2}`))
	require.NoError(t, err)
	assert.Equal(t, `{"a":1}`, string(out))
	out, err = wire.MarshalKeeping((*keepOuter)(nil), []byte(`{"b":2}`))
	require.NoError(t, err)
	assert.Equal(t, `null`, string(out))
	// A type that encodes itself is left to its method.
	out, err = wire.MarshalKeeping(typedhooks.ID("x"), []byte(`{"b":2}`))
	require.NoError(t, err)
	assert.Equal(t, `"x"`, string(out))
}

func TestMarshalKeeping_MadeUpAmbiguousEmbeddedNames(t *testing.T) {
	type a struct{ N string }
	type b struct{ N string }
	type c struct {
		N string `json:"N"`
	}
	type both struct {
		a
		b
		M string `json:"m"`
	}
	type tagged struct {
		a
		c
	}
	// Two fields at the same depth claim N: which one encoding/json
	// picks, if any, is not re-derived, so such a struct is encoded by
	// encoding/json alone.
	for _, v := range []any{both{M: "m"}, tagged{c: c{N: "c"}}} {
		want, err := json.Marshal(v)
		require.NoError(t, err)
		out, err := wire.MarshalKeeping(v, []byte(`{"N":"original","m":"m","madeUp":1}`))
		require.NoError(t, err)
		assert.Equal(t, string(want), string(out))
	}
}

func TestParse_KeepsACopyOfTheBody(t *testing.T) {
	registry := wire.NewRegistry("shop", wire.FoldingLocator("type"))
	wire.Register[keptEvent](registry, "kept")
	body := []byte(`{"type":"kept","orderId":"o","madeUp":{"a":[1]}}`)
	ev, err := registry.Parse(body)
	require.NoError(t, err)
	e := ev.(*keptEvent)
	assert.Equal(t, body, e.OriginalBody())
	copy(body, `{"type":"xxxx`)
	out, err := json.Marshal(e)
	require.NoError(t, err)
	assert.Equal(t, `{"type":"kept","orderId":"o","madeUp":{"a":[1]}}`, string(out))
}

// ParseOwned keeps the body it is handed instead of a copy, on every path:
// the fast decoder, a body it declines (a member name with an escape) and
// an unregistered type. Equal events either way are TestOwned_ParsesAsParseDoes's
// (internal/catalog) concern; this one shows that no copy was made.
func TestParseOwned_KeepsTheBodyItself(t *testing.T) {
	registry := wire.NewRegistry("shop", wire.FoldingLocator("type"))
	wire.Register[keptEvent](registry, "kept")
	for _, body := range []string{
		`{"type":"kept","orderId":"o","madeUp":{"a":[1]}}`,
		`{"type":"kept","order\u0049d":"o","madeUp":{"a":[1]}}`,
	} {
		b := []byte(body)
		ev, err := registry.ParseOwned(b)
		require.NoError(t, err)
		e := ev.(*keptEvent)
		assert.Equal(t, "o", e.OrderID, body)
		want, err := registry.Parse([]byte(body))
		require.NoError(t, err)
		assert.Equal(t, want, ev, body)
		// What the caller handed over is what the event marshals from.
		copy(b[len(b)-5:], "[2]")
		out, err := json.Marshal(e)
		require.NoError(t, err)
		assert.Contains(t, string(out), `"madeUp":{"a":[2]}`, body)
	}

	b := []byte(`{"type":"other","x":1}`)
	ev, err := registry.ParseOwned(b)
	require.NoError(t, err)
	u := ev.(*typedhooks.Unknown)
	assert.Same(t, &b[0], &u.Raw[0], "an unknown event keeps the body handed over")
}

// When fastjson declines a body, encoding/json decodes the copy the first
// attempt made (fastjson only reads it) instead of a second one: one
// body's worth of memory, not two.
func TestParse_DeclinedBodyIsCopiedOnce(t *testing.T) {
	registry := wire.NewRegistry("shop", wire.FoldingLocator("type"))
	wire.Register[keptEvent](registry, "kept")
	// A member name with an escape makes fastjson decline.
	body := []byte(`{"type":"kept","order\u0049d":"o","madeUp":"` + strings.Repeat("x", 64<<10) + `"}`)
	ev, err := registry.Parse(body)
	require.NoError(t, err)
	require.Equal(t, "o", ev.(*keptEvent).OrderID)
	const rounds = 20
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range rounds {
		_, _ = registry.Parse(body)
	}
	runtime.ReadMemStats(&after)
	perParse := float64(after.TotalAlloc-before.TotalAlloc) / rounds
	assert.Less(t, perParse, 1.5*float64(len(body)), "bytes allocated per Parse of %d bytes", len(body))
}

// keptEvent is an event of a made-up provider that keeps its body.
type keptEvent struct {
	wire.Original `json:"-"`
	Type          string `json:"type"`
	OrderID       string `json:"orderId"`
}

func (*keptEvent) EventType() string { return "kept" }

func (e keptEvent) MarshalJSON() ([]byte, error) {
	type plain keptEvent
	return wire.MarshalKeeping((*plain)(&e), e.OriginalBody())
}

// FuzzMarshalKeeping checks that what MarshalKeeping adds never changes the
// value the fields decode to: the result is valid JSON, and wherever
// json.Marshal alone round-trips the decoded value, MarshalKeeping's result
// decodes to the same value.
func FuzzMarshalKeeping(f *testing.F) {
	f.Add([]byte(`{"type":"t","id":"i","madeUp":1,"inner":{"name":"","madeUp":[{}]},"list":[{"name":"a","x":1}],"tags":[],"map":{}}`))
	f.Add([]byte(`{"TYPE":"a","type":"b","Inner":{"NAME":"n"},"inner":null,"ptr":{"at":"2024-01-02T03:04:05.5Z"},"ptr":null}`))
	f.Add([]byte(`{"\u0074ype":"t","Hidden":"h","untagged":1,"Untagged":"x","list":[{},{"madeUp":"\ud800"}]}`))
	f.Fuzz(func(t *testing.T, original []byte) {
		var v keepOuter
		if json.Unmarshal(original, &v) != nil {
			return
		}
		out, err := wire.MarshalKeeping(&v, original)
		require.NoError(t, err)
		require.True(t, json.Valid(out), "%s", out)
		plain, err := json.Marshal(&v)
		require.NoError(t, err)
		var viaPlain, viaKeeping keepOuter
		require.NoError(t, json.Unmarshal(plain, &viaPlain))
		require.NoError(t, json.Unmarshal(out, &viaKeeping), "%s", out)
		if !assert.ObjectsAreEqual(v, viaPlain) {
			return // encoding/json alone does not round-trip this value
		}
		require.Equal(t, v, viaKeeping, "%s\n%s", original, out)
	})
}

// A tag name encoding/json rejects is named by rules that differ between Go
// releases; such a struct is encoded by encoding/json alone, whatever the
// release, rather than merged by a guess at its names.
func TestMarshalKeeping_MadeUpInvalidTagNameIsLeftToEncodingJSON(t *testing.T) {
	type odd struct {
		A string `json:"a\\b"`
	}
	want, err := json.Marshal(odd{A: "x"})
	require.NoError(t, err)
	out, err := wire.MarshalKeeping(odd{A: "x"}, []byte(`{"A":"x","madeUp":1}`))
	require.NoError(t, err)
	assert.Equal(t, string(want), string(out))
}
