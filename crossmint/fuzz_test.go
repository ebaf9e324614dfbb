package crossmint_test

import (
	"encoding/json"
	"testing"

	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/internal/eventtest"
)

// FuzzParse checks that Parse never panics and that whatever it accepts
// encodes and parses back as the same event type.
func FuzzParse(f *testing.F) {
	for _, name := range eventtest.FixtureNames(f) {
		f.Add(eventtest.Fixture(f, name))
	}
	// The credential events arrive on the same endpoint.
	for _, name := range eventtest.FixtureNamesOf(f, "credentials") {
		f.Add(eventtest.FixtureOf(f, "credentials", name))
	}
	f.Add([]byte(`{"type":"mint.succeeded","data":{"token":{"tokenId":12345678901234567890}}}`))
	f.Add([]byte(`{"type":"wallets.transfer.in","data":{"token":{"decimals":"6"}}}`))
	// Members no struct knows, which encoding gives back.
	f.Add([]byte(`{"type":"users.created","madeUp":1,"data":{"id":"u","email":"","madeUpInner":[{"x":2}]},"Data":{"MADEUP":null}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := crossmint.Parse(body)
		if err != nil {
			return
		}
		out, err := json.Marshal(ev)
		if err != nil {
			t.Fatalf("marshal %T: %v", ev, err)
		}
		again, err := crossmint.Parse(out)
		if err != nil {
			t.Fatalf("re-parse of %s: %v", out, err)
		}
		if again.EventType() != ev.EventType() {
			t.Fatalf("type %q became %q", ev.EventType(), again.EventType())
		}
	})
}
