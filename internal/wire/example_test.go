package wire_test

import (
	"fmt"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// OrderShipped is an event type of a made-up provider, to show how a provider
// package builds its decoder.
type OrderShipped struct {
	Type    string          `json:"type"`
	OrderID typedhooks.ID   `json:"orderId"`
	At      typedhooks.Time `json:"timestamp,omitzero"`
}

// EventType returns the canonical name; it does not read the receiver.
func (*OrderShipped) EventType() string { return "orders.shipped" }

func ExampleRegistry() {
	registry := wire.NewRegistry("shop", wire.FoldingLocator("type"))
	// The current name first, then an older spelling that decodes the same.
	wire.Register[OrderShipped](registry, "orders.shipped", "order:shipped")

	for _, body := range []string{
		`{"type":"order:shipped","orderId":1042,"timestamp":1696424259573}`,
		`{"type":"orders.refunded","orderId":"1043"}`,
	} {
		ev, err := registry.Parse([]byte(body))
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		switch e := ev.(type) {
		case *OrderShipped:
			fmt.Println(e.EventType(), e.OrderID, e.At.UTC().Format("2006-01-02"))
		case *typedhooks.Unknown:
			fmt.Println("not typed yet:", e.Type, len(e.Raw), "bytes kept")
		}
	}
	// Output:
	// orders.shipped 1042 2023-10-04
	// not typed yet: orders.refunded 43 bytes kept
}

func ExampleFoldingLocator() {
	// The made-up shop names its type in one member, "type", as Crossmint
	// does. When a body repeats it, in any spelling encoding/json matches to
	// the field, the last one counts, as it does for the decoded struct.
	registry := wire.NewRegistry("shop", wire.FoldingLocator("type"))
	wire.Register[OrderShipped](registry, "orders.shipped")

	for _, body := range []string{
		`{"type":"orders.shipped","orderId":"1042"}`,
		`{"type":"orders.refunded","orderId":"1043","TYPE":"orders.shipped"}`,
	} {
		ev, err := registry.Parse([]byte(body))
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		e := ev.(*OrderShipped)
		fmt.Println(e.EventType(), e.Type, e.OrderID)
	}
	// Output:
	// orders.shipped orders.shipped 1042
	// orders.shipped orders.shipped 1043
}
