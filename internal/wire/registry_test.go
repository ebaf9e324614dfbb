package wire_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/fastjson"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// Test-only events: a current name with a legacy alias, as providers rename.
type testCreated struct {
	Type string          `json:"type"`
	ID   typedhooks.ID   `json:"id"`
	At   typedhooks.Time `json:"at,omitzero"`
	Name string          `json:"name,omitempty"`
	N    int             `json:"n,omitempty"`
}

func (*testCreated) EventType() string { return "things.create.succeeded" }

type testDeleted struct {
	Type string `json:"type"`
}

func (*testDeleted) EventType() string { return "things.delete.succeeded" }

func newTestRegistry() *wire.Registry {
	r := wire.NewRegistry("test", wire.FoldingLocator("type"))
	wire.Register[testCreated](r, "things.create.succeeded", "thing:creation.succeeded")
	wire.Register[testDeleted](r)
	return r
}

func TestRegistry_ParseDecodesRegisteredTypesAndAliases(t *testing.T) {
	r := newTestRegistry()

	ev, err := r.Parse([]byte(`{"type":"things.create.succeeded","id":7,"name":"a"}`))
	require.NoError(t, err)
	c, ok := ev.(*testCreated)
	require.True(t, ok, "got %T", ev)
	assert.Equal(t, typedhooks.ID("7"), c.ID)
	assert.Equal(t, "a", c.Name)

	ev, err = r.Parse([]byte(`{"type":"thing:creation.succeeded","id":"x"}`))
	require.NoError(t, err)
	c, ok = ev.(*testCreated)
	require.True(t, ok, "alias decodes into the current struct, got %T", ev)
	assert.Equal(t, "things.create.succeeded", c.EventType())
	assert.Equal(t, "thing:creation.succeeded", c.Type, "the wire name is kept")
}

func TestRegistry_UnknownTypeIsNotAnError(t *testing.T) {
	body := []byte(`{"type":"things.teleport.succeeded","data":{"k":[1,2]}}`)
	ev, err := newTestRegistry().Parse(body)
	require.NoError(t, err)
	u, ok := ev.(*typedhooks.Unknown)
	require.True(t, ok, "got %T", ev)
	assert.Equal(t, "things.teleport.succeeded", u.EventType())
	assert.JSONEq(t, string(body), string(u.Raw))
	body[2] = 'X'
	assert.NotEqual(t, body[2], u.Raw[2], "Raw is a copy, safe after the caller reuses its buffer")

	out, err := json.Marshal(u)
	require.NoError(t, err)
	assert.JSONEq(t, `{"type":"things.teleport.succeeded","data":{"k":[1,2]}}`, string(out))
}

func TestUnknown_UnmarshalJSONChecksTheWholeTopLevel(t *testing.T) {
	// Called directly, nothing checks data after the locator, so it must
	// not stop at the type member the way Parse's locator may.
	var u typedhooks.Unknown
	require.ErrorIs(t, u.UnmarshalJSON([]byte(`{"type":"a","x":1`)), typedhooks.ErrNotObject)
	require.ErrorIs(t, u.UnmarshalJSON([]byte(`{"type":"a"} trailing`)), typedhooks.ErrNotObject)
	require.NoError(t, u.UnmarshalJSON([]byte(`{"type":"a","x":1}`)))
	assert.Equal(t, "a", u.Type)
}

func TestRegistry_Errors(t *testing.T) {
	r := newTestRegistry()
	tests := []struct {
		name string
		body string
		want error
	}{
		{"empty", ``, typedhooks.ErrNotObject},
		{"array", `[{"type":"things.create.succeeded"}]`, typedhooks.ErrNotObject},
		{"string", `"things.create.succeeded"`, typedhooks.ErrNotObject},
		{"truncated", `{"type":"things.create.succeeded","id":`, typedhooks.ErrNotObject},
		{"trailing data", `{"type":"things.create.succeeded"} {}`, typedhooks.ErrNotObject},
		{"bad nested json", `{"type":"things.create.succeeded","x":{"a":}}`, typedhooks.ErrNotObject},
		{"missing type", `{"id":"1"}`, typedhooks.ErrNoEventType},
		{"type not a string", `{"type":5}`, typedhooks.ErrNoEventType},
		{"empty type", `{"type":""}`, typedhooks.ErrNoEventType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := r.Parse([]byte(tt.body))
			require.Error(t, err)
			assert.Nil(t, ev)
			assert.True(t, errors.Is(err, tt.want), "error %q should wrap %v", err, tt.want)
			assert.Contains(t, err.Error(), "test:", "names the provider")
		})
	}
}

func TestRegistry_MismatchedFieldKeepsTheEvent(t *testing.T) {
	ev, err := newTestRegistry().Parse([]byte(`{"type":"things.create.succeeded","n":"not a number","name":"after"}`))
	require.NoError(t, err)
	c := ev.(*testCreated)
	assert.Equal(t, 0, c.N)
	assert.Equal(t, "after", c.Name, "members after the mismatch are still decoded")
}

func TestRegistry_TypesNew(t *testing.T) {
	r := newTestRegistry()
	assert.Equal(t, []string{"thing:creation.succeeded", "things.create.succeeded", "things.delete.succeeded"}, r.Types())
	ev, ok := r.New("thing:creation.succeeded")
	require.True(t, ok)
	assert.IsType(t, &testCreated{}, ev)
	_, ok = r.New("nope")
	assert.False(t, ok)
}

func TestRegister_PanicsOnProgrammingErrors(t *testing.T) {
	r := newTestRegistry()
	assert.Panics(t, func() { wire.Register[testDeleted](r) }, "duplicate")
	assert.Panics(t, func() {
		wire.Register[testDeleted](wire.NewRegistry("x", wire.FoldingLocator("type")), "wrong.name")
	}, "canonical name must match EventType")
}

// testUntyped has no field for its type member, so its decoder cannot tell
// that a body names the member twice: Parse must then find the type the long
// way, the last spelling winning as it does for encoding/json.
type testUntyped struct {
	Name string `json:"name"`
}

func (*testUntyped) EventType() string { return "things.untyped" }

func TestRegistry_TypeMemberSpelledTwiceWithoutAField(t *testing.T) {
	r := newTestRegistry()
	wire.Register[testUntyped](r)
	for body, want := range map[string]string{
		`{"type":"things.untyped","TYPE":"things.delete.succeeded"}`:          "things.delete.succeeded",
		`{"type":"things.untyped","type":"things.delete.succeeded"}`:          "things.delete.succeeded",
		`{"type":"things.delete.succeeded","Type":"things.untyped"}`:          "things.untyped",
		`{"type":"things.delete.succeeded","tYpe":"things.create.succeeded"}`: "things.create.succeeded",
		`{"type":"things.untyped","name":"n"}`:                                "things.untyped",
	} {
		ev, err := r.Parse([]byte(body))
		require.NoError(t, err, body)
		assert.Equal(t, want, ev.EventType(), body)
	}
}

func TestFoldingLocator(t *testing.T) {
	loc := wire.FoldingLocator("type")
	tests := []struct{ body, want string }{
		{`{"type":"a"}`, "a"},
		{` { "x" : {"type":"nested"} , "type" : "top" } `, "top"},
		{`{"s":"has \"type\":\"fake\" inside","type":"real"}`, "real"},
		{`{"arr":[{"type":"no"},"]}"],"type":"yes"}`, "yes"},
		{`{"type":"first","type":"last"}`, "last"},
		{`{"typ\u0065":"escaped key"}`, "escaped key"},
		{`{"type":"esc\u0061ped"}`, "escaped"},
		{`{"n":-1.5e3,"t":true,"f":false,"z":null,"type":"after scalars"}`, "after scalars"},
	}
	for _, tt := range tests {
		got, err := loc.Find([]byte(tt.body), false)
		require.NoError(t, err, tt.body)
		assert.Equal(t, tt.want, got, tt.body)
	}
	// Asked for the first member, it stops there.
	got, err := loc.Find([]byte(`{"type":"first","x":1,"type":"last"}`), true)
	require.NoError(t, err)
	assert.Equal(t, "first", got)
}

func TestEachField_StopsEarlyAndReportsRawValues(t *testing.T) {
	var keys, vals []string
	err := wire.EachField([]byte(`{"a": {"b":[1,2]}, "c":"d", "e":1}`), func(k, v []byte) bool {
		keys = append(keys, string(k))
		vals = append(vals, string(v))
		return len(keys) < 2
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "c"}, keys)
	assert.Equal(t, []string{`{"b":[1,2]}`, `"d"`}, vals)
}

func TestFoldingLocator_DoesNotAllocateBeyondTheResult(t *testing.T) {
	loc := wire.FoldingLocator("type")
	body := []byte(`{"actionId":"771d7e38","data":{"chain":"polygon","token":{"id":"x"}},"type":"nfts.create.succeeded"}`)
	for first, want := range map[bool]float64{false: 1, true: 0} {
		allocs := testing.AllocsPerRun(100, func() {
			if _, err := loc.Find(body, first); err != nil {
				t.Fatal(err)
			}
		})
		// Asked for the first member, it returns a view of a plain type.
		assert.LessOrEqual(t, allocs, want, "first: %v", first)
	}
}

// FuzzLocatorWalk checks the scanner and the name matching against
// encoding/json: the locator finds what walking every member finds (the
// last member whose name folds to "type", names unescaped by encoding/json),
// and never accepts what encoding/json rejects as a whole (FuzzFoldingLocator
// holds the result to the struct encoding/json decodes).
func FuzzLocatorWalk(f *testing.F) {
	for _, s := range []string{
		`{"type":"a"}`, `{"x":{"type":"n"},"type":"t"}`, `{"type":"esc\u0061"}`, `[1]`, `{}`, `{"type":5}`,
		`{"s":"\"","type":"q"}`, `{"type":"a"} x`, `{"a":[{"b":"]"}],"type":"z"}`,
		`{"type":"a","type":"b"}`, `{"type":"a","typ\u0065":"b"}`, `{"type":"a","d":{"type":"b"}}`,
		`{"type":"a","x":1`, `{"type":"","x":}`, `{"type":"a","s":"\\"}`,
	} {
		f.Add([]byte(s))
	}
	loc := wire.FoldingLocator("type")
	f.Fuzz(func(t *testing.T, body []byte) {
		got, err := loc.Find(body, false)
		full, fullErr := walkAllLocator(body)
		switch {
		case fullErr == nil:
			require.NoError(t, err, "%q", body)
			assert.Equal(t, full, got, "%q", body)
		case errors.Is(fullErr, typedhooks.ErrNoEventType):
			require.ErrorIs(t, err, typedhooks.ErrNoEventType, "%q", body)
		case err != nil:
			require.ErrorIs(t, err, typedhooks.ErrNotObject, "%q", body)
		}
		var m map[string]json.RawMessage
		if (json.Unmarshal(body, &m) != nil || m == nil) && err == nil {
			// The scanner does not validate nested values; the decoder
			// does. It must still never report success on a body that is
			// not an object at the top level.
			if b := firstNonSpace(body); b != '{' {
				t.Fatalf("accepted non-object %q", body)
			}
		}
	})
}

// walkAllLocator is FoldingLocator("type") with names unescaped by
// encoding/json and folded by strings.EqualFold: the last member whose name
// folds to type, found by walking every member.
func walkAllLocator(body []byte) (string, error) {
	var raw []byte
	err := wire.EachField(body, func(k, v []byte) bool {
		var key string
		if json.Unmarshal(append(append([]byte{'"'}, k...), '"'), &key) == nil && strings.EqualFold(key, "type") {
			raw = v
		}
		return true
	})
	if err != nil {
		return "", err
	}
	s, ok := fastjson.StringValue(raw)
	if !ok || s == "" {
		return "", typedhooks.ErrNoEventType
	}
	return s, nil
}

func firstNonSpace(b []byte) byte {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return c
		}
	}
	return 0
}

// FuzzRegistryParse checks the decoder's promises on any input: no panic;
// an error only with ErrNotObject or ErrNoEventType; a typed or Unknown event
// otherwise, which encodes without error.
func FuzzRegistryParse(f *testing.F) {
	for _, s := range []string{
		`{"type":"things.create.succeeded","id":7,"at":1696424259573,"name":"a"}`,
		`{"type":"thing:creation.succeeded","id":"x","at":"2024-11-21T06:47:49.555247073Z"}`,
		`{"type":"things.delete.succeeded"}`, `{"type":"other","data":{}}`, `{"id":1}`, `[]`,
		`{"type":"things.create.succeeded","n":"x"}`, `{"type":"things.untyped","TYPE":"things.delete.succeeded"}`,
		`{"type":"things.delete.succeeded","tyPE":"things.create.succeeded","id":"x"}`,
	} {
		f.Add([]byte(s))
	}
	r := newTestRegistry()
	wire.Register[testUntyped](r)
	loc := wire.FoldingLocator("type")
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := r.Parse(body)
		owned, ownedErr := r.ParseOwned(slices.Clone(body))
		require.Equal(t, err, ownedErr, "ParseOwned's error")
		require.Equal(t, ev, owned, "ParseOwned's event")
		if err != nil {
			require.Nil(t, ev)
			require.True(t, errors.Is(err, typedhooks.ErrNotObject) || errors.Is(err, typedhooks.ErrNoEventType), "unexpected error %v", err)
			return
		}
		require.NotEmpty(t, ev.EventType())
		// The Go type is the one registered for the type the locator finds
		// the long way, whichever way Parse took.
		located, err := loc.Find(body, false)
		require.NoError(t, err)
		if want, ok := r.New(located); ok {
			require.IsType(t, want, ev, "%q", body)
		}
		out, err := json.Marshal(ev)
		require.NoError(t, err)
		require.True(t, json.Valid(out))
		if u, ok := ev.(*typedhooks.Unknown); ok {
			require.Equal(t, string(body), string(u.Raw))
		}
	})
}

func TestMemberName(t *testing.T) {
	tests := []struct {
		raw, want string
		ok        bool
	}{
		{`type`, "type", true},
		{`typ\u0065`, "type", true},
		{`a\"b\\c`, `a"b\c`, true},
		{`MadeUp\x`, `MadeUp\x`, false},
	}
	for _, tt := range tests {
		got, ok := fastjson.MemberName([]byte(tt.raw))
		assert.Equal(t, tt.want, got, tt.raw)
		assert.Equal(t, tt.ok, ok, tt.raw)
	}
}

// FuzzFoldingLocator holds FoldingLocator to encoding/json: whenever
// encoding/json fills a field tagged "type" with a non-empty string, the
// locator finds that string, however the member was spelled.
func FuzzFoldingLocator(f *testing.F) {
	for _, s := range []string{
		`{"type":"a","TYPE":"b"}`, `{"Type":"a","type":"b"}`, `{"type":"a","T\u0059PE":"b"}`,
		`{"type":"a","x":{"TYPE":"n"}}`, `{"type":"a","s":"ype\""}`, `{"tyPe":"a"}`, `{"type":"a","ſ":1}`,
	} {
		f.Add([]byte(s))
	}
	loc := wire.FoldingLocator("type")
	f.Fuzz(func(t *testing.T, body []byte) {
		got, err := loc.Find(body, false)
		var v struct {
			Type json.RawMessage `json:"type"`
		}
		if json.Unmarshal(body, &v) != nil || len(v.Type) == 0 || v.Type[0] != '"' {
			return
		}
		var want string
		if json.Unmarshal(v.Type, &want) != nil || want == "" {
			return
		}
		require.NoError(t, err, "%q", body)
		assert.Equal(t, want, got, "%q", body)
	})
}
