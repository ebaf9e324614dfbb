package eventtest

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/jsonfields"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// MadeUpMember is the name AddMadeUpMembers gives the members it adds: no
// provider sends it, so a test that finds it in an encoding knows it came
// back from the original body.
const MadeUpMember = "madeUpMember"

// madeUpValue is the value of every added member: nested, with a number
// whose text a decoder would normalise, so that only the raw value passes.
func madeUpValue() any {
	return map[string]any{"madeUpNested": []any{json.Number("1.50"), "two", nil, map[string]any{"madeUpDeep": true}}}
}

// AddMadeUpMembers returns body with a member named [MadeUpMember] added to
// every object in it: the top level, every nested object, and every object
// inside an array. It also returns how many it added.
func AddMadeUpMembers(tb testing.TB, body []byte) ([]byte, int) {
	tb.Helper()
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var doc any
	require.NoError(tb, d.Decode(&doc))
	added := 0
	var add func(v any)
	add = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, e := range x {
				add(e)
			}
			x[MadeUpMember] = madeUpValue()
			added++
		case []any:
			for _, e := range x {
				add(e)
			}
		}
	}
	add(doc)
	out, err := json.Marshal(doc)
	require.NoError(tb, err)
	return out, added
}

// WithoutOriginal returns a copy of the event ev points to with its
// embedded wire.Original cleared, for comparing a parsed event with
// one decoded by json.Unmarshal (which keeps no body). Other values are
// returned as they are.
func WithoutOriginal(ev any) any {
	rv := reflect.ValueOf(ev)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return ev
	}
	cp := reflect.New(rv.Elem().Type())
	cp.Elem().Set(rv.Elem())
	if f := cp.Elem().FieldByName("Original"); f.IsValid() && f.Type() == reflect.TypeFor[wire.Original]() {
		f.SetZero()
	}
	return cp.Interface()
}

// SampleBody returns a JSON object for the struct type of ev (a pointer to
// a struct) with every member set to a non-zero value of the field's kind,
// nested structs and their slices included, so that a test can exercise
// event types that have no documented example. Strings hold their member's
// name; typedhooks.Time members hold an RFC 3339 time.
func SampleBody(ev any) map[string]any {
	return sampleObject(reflect.TypeOf(ev).Elem(), 0)
}

var (
	timeType = reflect.TypeFor[typedhooks.Time]()
	rawType  = reflect.TypeFor[json.RawMessage]()
)

func sampleObject(t reflect.Type, depth int) map[string]any {
	m := map[string]any{}
	for _, f := range jsonfields.Of(t).List {
		m[f.Name] = sampleValue(t.FieldByIndex(f.Index).Type, f.Name, depth)
	}
	return m
}

func sampleValue(t reflect.Type, name string, depth int) any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == timeType:
		return "2024-02-05T21:48:17.123Z"
	case t == rawType:
		return map[string]any{"raw": name}
	}
	switch t.Kind() {
	case reflect.String:
		return "sample-" + name
	case reflect.Bool:
		return true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return json.Number("7")
	case reflect.Struct:
		if depth > 8 {
			return map[string]any{}
		}
		return sampleObject(t, depth+1)
	case reflect.Slice, reflect.Array:
		return []any{sampleValue(t.Elem(), name, depth+1)}
	case reflect.Map:
		return map[string]any{"key": sampleValue(t.Elem(), name, depth+1)}
	}
	return "sample-" + name
}

// Parser is a provider package's Parse.
type Parser func(body []byte) (typedhooks.Event, error)

// RequireLossless adds a made-up member to every object of body (see
// [AddMadeUpMembers]), parses the result and requires json.Marshal of the
// event, given as a pointer and as a value, to give back every member with
// its value, the made-up ones included, and nothing else (see
// [RequireExact]). It returns the parsed event and the body it was parsed
// from.
func RequireLossless(tb testing.TB, parse Parser, body []byte) (typedhooks.Event, []byte) {
	tb.Helper()
	body, added := AddMadeUpMembers(tb, body)
	ev, err := parse(body)
	require.NoError(tb, err)
	_, unknown := ev.(*typedhooks.Unknown)
	require.False(tb, unknown, "%s is not a typed event", body)
	require.Empty(tb, RoundTripDiff(body, ev), "pointer %T", ev)
	value := reflect.ValueOf(ev).Elem().Interface()
	require.Empty(tb, RoundTripDiff(body, value), "value %T", value)
	out, err := json.Marshal(ev)
	require.NoError(tb, err)
	require.Equal(tb, added, bytes.Count(out, []byte(`"`+MadeUpMember+`"`)), "%s", out)
	RequireExact(tb, body, out)
	// The check can fail: without its original body, the event loses the
	// made-up members (all but those inside members kept raw).
	diffs := RoundTripDiff(body, WithoutOriginal(ev))
	require.NotEmpty(tb, diffs, "%T", ev)
	require.LessOrEqual(tb, len(diffs), added, "%T", ev)
	for _, d := range diffs {
		require.Contains(tb, d, "."+MadeUpMember+": missing after round trip")
	}
	return ev, body
}

// RequireExact requires out, the encoding of an event parsed from body, to
// hold exactly the members of body: none dropped, none added (not even an
// empty one), each with the same JSON kind and text (numbers compared as
// written, so an id sent as a number must come back a number).
func RequireExact(tb testing.TB, body, out []byte) {
	tb.Helper()
	want, err := decode(body)
	require.NoError(tb, err)
	got, err := decode(out)
	require.NoError(tb, err, "%s", out)
	require.Equal(tb, want, got, "the encoding is not exactly the body:\nbody %s\nout  %s", body, out)
}

// RequireFixturesLossless runs [RequireLossless] on every fixture of the
// provider under test (see [Provider]), each in a subtest named after it, and hands each event
// and its body (made-up members added) to check, when check is not nil.
func RequireFixturesLossless(t *testing.T, parse Parser, check func(t *testing.T, name string, ev typedhooks.Event, body []byte)) {
	t.Helper()
	for _, name := range FixtureNames(t) {
		t.Run(name, func(t *testing.T) {
			ev, body := RequireLossless(t, parse, Fixture(t, name))
			if check != nil {
				check(t, name, ev, body)
			}
		})
	}
}

// RequireEveryTypeLossless runs [RequireLossless] on a sample body (see
// [SampleBody]) of every event type in types, so that an event type added
// later cannot miss the lossless round trip. setType writes the members
// that name eventType into the sample. It also requires that the events'
// MarshalJSON hides no field: an event decoded with json.Unmarshal, which
// keeps no original body, must still encode every member of the sample.
func RequireEveryTypeLossless(t *testing.T, types []string, newEvent func(string) (typedhooks.Event, bool), parse Parser, setType func(m map[string]any, eventType string)) {
	t.Helper()
	require.NotEmpty(t, types)
	for _, eventType := range types {
		t.Run(eventType, func(t *testing.T) {
			ev, ok := newEvent(eventType)
			require.True(t, ok)
			_, keeps := ev.(interface{ OriginalBody() []byte })
			require.True(t, keeps, "%T does not embed wire.Original", ev)
			sample := SampleBody(ev)
			setType(sample, eventType)
			body, err := json.Marshal(sample)
			require.NoError(t, err)

			fresh, _ := newEvent(eventType)
			require.NoError(t, json.Unmarshal(body, fresh))
			require.Empty(t, RoundTripDiff(body, fresh), "%T hides a field from encoding/json", fresh)

			parsed, kept := RequireLossless(t, parse, body)
			require.Equal(t, reflect.TypeOf(ev), reflect.TypeOf(parsed))
			require.Equal(t, kept, parsed.(interface{ OriginalBody() []byte }).OriginalBody())
		})
	}
}

// RequireBufferReuseSafe adds made-up members to body (see
// [AddMadeUpMembers]), parses it, overwrites the caller's buffer as dispatch
// does when it reuses a request buffer, and requires the event to encode as
// before, to give back every member of the original body, and to keep an
// unchanged copy of it.
func RequireBufferReuseSafe(t testing.TB, parse Parser, body []byte) {
	t.Helper()
	body, _ = AddMadeUpMembers(t, body)
	ev, err := parse(body)
	require.NoError(t, err)
	before, err := json.Marshal(ev)
	require.NoError(t, err)
	original := bytes.Clone(body)
	copy(body, bytes.Repeat([]byte(" "), len(body)))
	after, err := json.Marshal(ev)
	require.NoError(t, err)
	require.Equal(t, string(before), string(after))
	require.Empty(t, RoundTripDiff(original, ev))
	kept, ok := ev.(interface{ OriginalBody() []byte })
	require.True(t, ok, "%T keeps no original body", ev)
	require.Equal(t, original, kept.OriginalBody())
}
