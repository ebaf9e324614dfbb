package wire_test

import (
	"encoding/json"
	"fmt"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// OrderPaid is an event of a made-up provider that keeps the body it was
// parsed from, the way the provider packages' events do.
type OrderPaid struct {
	// Original is filled by Registry.Parse.
	wire.Original `json:"-"`
	Type          string        `json:"type"`
	OrderID       typedhooks.ID `json:"orderId"`
	Note          string        `json:"note,omitempty"`
}

// EventType returns the canonical name; it does not read the receiver.
func (*OrderPaid) EventType() string { return "orders.paid" }

// MarshalJSON encodes the event as a type without methods (so that this
// method is not called again) and gives back what the struct has no field
// for.
func (e OrderPaid) MarshalJSON() ([]byte, error) {
	type plain OrderPaid
	return wire.MarshalOriginal((*plain)(&e), e.Original)
}

// A parsed event encodes back to every member the provider sent, those its
// struct does not know included, with the changes made since.
func ExampleMarshalOriginal() {
	registry := wire.NewRegistry("shop", wire.FoldingLocator("type"))
	wire.Register[OrderPaid](registry)

	body := []byte(`{"type":"orders.paid","orderId":"1042","note":"","giftWrap":{"paper":"red"}}`)
	ev, err := registry.Parse(body)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	out, _ := json.Marshal(ev)
	fmt.Println(string(out))

	e := ev.(*OrderPaid)
	e.Note = "leave at the door"
	out, _ = json.Marshal(e)
	fmt.Println(string(out))

	// Built in code, the event has no original body.
	out, _ = json.Marshal(OrderPaid{Type: "orders.paid", OrderID: "1043"})
	fmt.Println(string(out))
	// Output:
	// {"type":"orders.paid","orderId":"1042","note":"","giftWrap":{"paper":"red"}}
	// {"type":"orders.paid","orderId":"1042","note":"leave at the door","giftWrap":{"paper":"red"}}
	// {"type":"orders.paid","orderId":"1043"}
}
