// Package typedhooks holds the vocabulary that every provider package of this
// module shares: the [Event] interface that typed events implement, the
// [Unknown] event returned for types a provider package does not know yet,
// the lenient scalar types [Time] and [ID] that keep provider quirks from
// losing an event, the optional interfaces an event may implement
// ([IdempotencyKeyer], [Redeliverer]), and the errors every Parse wraps
// ([ErrNotObject], [ErrNoEventType]).
//
// Most users name only [Event] and [Unknown] from it; they call
// crossmint.Parse, stytch.Parse or dynamic.Parse, or mount a
// dispatch.Dispatcher:
//
//	ev, err := crossmint.Parse(body)
//	switch e := ev.(type) {
//	case *crossmint.NFTCreateSucceeded:
//		fmt.Println(e.ActionID, e.Data.Chain)
//	case *typedhooks.Unknown:
//		fmt.Println("new event type", e.Type, len(e.Raw))
//	}
//
// The table-driven tolerant decoder behind each Parse is internal to this
// module (internal/wire).
package typedhooks
