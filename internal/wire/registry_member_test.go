package wire_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// keptCreated is testCreated with the body kept, as the provider events
// keep it, so that both of Parse's ways of keeping it are compared.
type keptCreated struct {
	wire.Original `json:"-"`
	testCreated
}

// memberRegistries returns the same table twice: found by the locator that
// WithTypeMember falls back to, and by the type member.
func memberRegistries() (byLocator, byMember *wire.Registry) {
	byLocator = wire.NewRegistry("test", wire.FoldingLocator("type"))
	byMember = wire.NewRegistry("test", nil, wire.WithTypeMember("type"))
	for _, r := range []*wire.Registry{byLocator, byMember} {
		wire.Register[keptCreated](r, "things.create.succeeded", "thing:creation.succeeded")
		wire.Register[testDeleted](r)
	}
	return byLocator, byMember
}

// requireSameByMember parses body both ways and requires the same result.
func requireSameByMember(t *testing.T, body []byte) {
	t.Helper()
	byLocator, byMember := memberRegistries()
	want, wantErr := byLocator.Parse(body)
	got, gotErr := byMember.Parse(body)
	if wantErr != nil {
		require.EqualError(t, gotErr, wantErr.Error(), "%q", body)
		return
	}
	require.NoError(t, gotErr, "%q", body)
	require.Equal(t, want, got, "%q", body)
	if k, ok := got.(*keptCreated); ok {
		require.Equal(t, body, k.OriginalBody(), "%q", body)
	}
}

var madeUpTypeMemberBodies = []string{
	`{"type":"things.create.succeeded","id":1}`,
	`{"id":"x","type":"thing:creation.succeeded","at":"2024-11-21T06:47:49Z"}`,
	`{"type":"things.delete.succeeded"}`,
	`{"type":"things.unknown","id":1}`,
	`{"type":"things.create.succeeded","id":1,"type":"things.delete.succeeded"}`,  // the last counts
	`{"type":"things.delete.succeeded","typ\u0065":"things.create.succeeded"}`,    // escaped name
	`{"type":"things.create.succeeded","TYPE":"things.delete.succeeded"}`,         // another spelling
	`{"Type":"things.delete.succeeded","type":"things.create.succeeded"}`,         // another spelling first
	`{"type":"things.create.succeeded","id":[1,]}`,                                // malformed later
	`{"type":"things.create.succeeded","id":true}`,                                // a type mismatch
	`{"type":"things.cr\u0065ate.succeeded"}`,                                     // an escaped type
	`{"type":"things.create.succeeded","at":{"nested":{"type":"things.delete"}}}`, // nested type members
	`{"type":1}`, `{"type":""}`, `{}`, `[]`, `{"type":"things.create.succeeded"`,
}

func TestRegistry_MadeUpTypeMemberSameAsLocator(t *testing.T) {
	for _, body := range madeUpTypeMemberBodies {
		requireSameByMember(t, []byte(body))
	}
}

// TestRegistry_TypeMemberTakesTheTypeWithoutCopyingIt tells the two ways
// apart: the locator's way copies the type out of the body to look it up,
// the type member's way does not.
func TestRegistry_TypeMemberTakesTheTypeWithoutCopyingIt(t *testing.T) {
	byLocator, byMember := memberRegistries()
	body := []byte(`{"type":"things.create.succeeded","id":"a"}`)
	allocs := func(r *wire.Registry) float64 {
		return testing.AllocsPerRun(100, func() {
			if _, err := r.Parse(body); err != nil {
				t.Fatal(err)
			}
		})
	}
	require.Equal(t, allocs(byLocator)-1, allocs(byMember))
}

func FuzzRegistry_TypeMemberSameAsLocator(f *testing.F) {
	for _, body := range madeUpTypeMemberBodies {
		f.Add([]byte(body))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		requireSameByMember(t, body)
	})
}
