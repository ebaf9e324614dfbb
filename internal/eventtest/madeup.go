package eventtest

import (
	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// MadeUpOrderPaid is the one event type of a made-up provider, for the tests
// of packages that do not care which provider they serve (the Redis store
// and queue): {"type":"orders.paid","orderId":"..."}.
type MadeUpOrderPaid struct {
	Type    string `json:"type"`
	OrderID string `json:"orderId"`
}

// EventType returns "orders.paid".
func (*MadeUpOrderPaid) EventType() string { return "orders.paid" }

var madeUpRegistry = func() *wire.Registry {
	r := wire.NewRegistry("made-up", wire.FoldingLocator("type"))
	wire.Register[MadeUpOrderPaid](r)
	return r
}()

// ParseMadeUp is the made-up provider's Parse function.
func ParseMadeUp(body []byte) (typedhooks.Event, error) { return madeUpRegistry.Parse(body) }
