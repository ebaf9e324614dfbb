package wire_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// testUnion is a made-up provider's union: the type is "kind.verb" and each
// event has the fields of testCreated. It counts its uses in tally, so that
// the tests can tell which way Parse went (the registry zeroes unions it
// reuses, so the union cannot hold the counter).
type testUnion struct {
	Kind string        `json:"kind"`
	Verb string        `json:"verb"`
	ID   typedhooks.ID `json:"id"`
	Name string        `json:"name,omitempty"`
}

type unionTally struct{ decoded, filled int }

// tally counts the uses of the unions of the registry newUnionRegistry made
// last; the tests that read it do not run in parallel.
var tally *unionTally

func (u *testUnion) EventType() (string, bool) {
	tally.decoded++
	if u.Kind == "" || u.Verb == "" {
		return "", false
	}
	return u.Kind + "." + u.Verb, true
}

func (u *testUnion) Fill(ev typedhooks.Event) bool {
	c, ok := ev.(*unionEvent)
	if !ok {
		return false
	}
	tally.filled++
	c.Kind, c.Verb, c.ID, c.Name = u.Kind, u.Verb, u.ID, u.Name
	return true
}

type unionEvent struct {
	wire.Original `json:"-"`
	Kind          string        `json:"kind"`
	Verb          string        `json:"verb"`
	ID            typedhooks.ID `json:"id"`
	Name          string        `json:"name,omitempty"`
}

func (*unionEvent) EventType() string { return "thing.create" }

// otherEvent is registered but the union cannot fill it.
type otherEvent struct {
	Kind string `json:"kind"`
}

func (*otherEvent) EventType() string { return "thing.delete" }

// locateKindVerb is the locator the union stands in for.
func locateKindVerb(body []byte) (string, error) {
	kind, err := wire.FieldLocator("kind")(body)
	if err != nil {
		return "", err
	}
	verb, err := wire.FieldLocator("verb")(body)
	if err != nil {
		return "", err
	}
	return kind + "." + verb, nil
}

func newUnionRegistry(t *unionTally) *wire.Registry {
	tally = t
	r := wire.NewRegistry("union", locateKindVerb,
		wire.WithUnion(func() wire.Union { return new(testUnion) }))
	wire.Register[unionEvent](r)
	wire.Register[otherEvent](r)
	return r
}

func TestRegistry_UnionDecodesInOnePass(t *testing.T) {
	var tally unionTally
	body := []byte(`{"kind":"thing","verb":"create","id":7,"name":"a","madeUp":true}`)
	ev, err := newUnionRegistry(&tally).Parse(body)
	require.NoError(t, err)
	e := ev.(*unionEvent)
	assert.Equal(t, typedhooks.ID("7"), e.ID)
	assert.Equal(t, "a", e.Name)
	assert.Equal(t, body, e.OriginalBody(), "the event keeps the body")
	assert.Equal(t, unionTally{decoded: 1, filled: 1}, tally)
}

func TestRegistry_UnionReusedUnionsStartZero(t *testing.T) {
	r := newUnionRegistry(new(unionTally))
	for range 3 {
		first, err := r.Parse([]byte(`{"kind":"thing","verb":"create","id":1,"name":"first"}`))
		require.NoError(t, err)
		second, err := r.Parse([]byte(`{"kind":"thing","verb":"create","id":2}`))
		require.NoError(t, err)
		assert.Equal(t, "first", first.(*unionEvent).Name, "an event keeps what it was given")
		assert.Empty(t, second.(*unionEvent).Name, "nothing is carried over from an earlier body")
		assert.Equal(t, typedhooks.ID("2"), second.(*unionEvent).ID)
	}
	_, err := r.Parse([]byte(`{"kind":"thing","id":3,"name":"no verb"}`))
	require.Error(t, err, "a union left from an earlier body must not supply the verb")
}

func TestRegistry_UnionUnknownTypeIsUnknown(t *testing.T) {
	var tally unionTally
	body := []byte(`{"kind":"thing","verb":"teleport","at":[1]}`)
	ev, err := newUnionRegistry(&tally).Parse(body)
	require.NoError(t, err)
	u := ev.(*typedhooks.Unknown)
	assert.Equal(t, "thing.teleport", u.Type)
	assert.Equal(t, body, []byte(u.Raw))
	body[0] = ' '
	assert.Equal(t, byte('{'), u.Raw[0], "Raw is a copy")
}

func TestRegistry_UnionFallsBackToTheLocator(t *testing.T) {
	tests := []struct {
		name, body, want string
		check            func(t *testing.T, ev typedhooks.Event)
	}{
		{name: "MadeUp the union names no type", body: `{"kind":"thing","id":1}`, want: `union: no event type in body: member "verb" is missing`},
		{name: "MadeUp not an object", body: `[1]`, want: `union: body is not a JSON object: does not start with '{' at offset 0`},
		{name: "MadeUp a type mismatch in the union", body: `{"kind":"thing","verb":"create","id":3,"name":5}`, check: func(t *testing.T, ev typedhooks.Event) {
			e := ev.(*unionEvent)
			assert.Equal(t, "thing", e.Kind, "decoded by the locator's way")
			assert.Equal(t, typedhooks.ID("3"), e.ID)
			assert.Empty(t, e.Name)
		}},
		{name: "MadeUp an event the union cannot fill", body: `{"kind":"thing","verb":"delete"}`, check: func(t *testing.T, ev typedhooks.Event) {
			assert.Equal(t, "thing", ev.(*otherEvent).Kind, "decoded by the locator's way")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tally unionTally
			ev, err := newUnionRegistry(&tally).Parse([]byte(tt.body))
			if tt.want != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.want)
				return
			}
			require.NoError(t, err)
			assert.Zero(t, tally.filled, "the union filled nothing")
			tt.check(t, ev)
		})
	}
}
