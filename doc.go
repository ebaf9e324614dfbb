// Package typedhooks holds the vocabulary that every provider package of this
// module shares: the [Event] interface that typed events implement, the
// [Unknown] event returned for types a provider package does not know yet, the
// lenient scalar types [Time] and [ID] that keep provider quirks from losing an
// event, and the table-driven tolerant decoder ([Registry]) behind each
// provider's Parse function. Events that embed [Original] keep the body they
// were parsed from, so that [MarshalKeeping] can encode them without losing
// the members their structs do not know. A provider whose event type takes
// a walk of the whole body to find can give its registry a [Union] of its
// event shapes, so that Parse decodes such bodies in one pass; one that names
// the type in a single member says so with [WithTypeMember].
//
// Most users never import this package directly except to name [Event] or
// [Unknown]; they call crossmint.Parse, stytch.Parse or dynamic.Parse, or mount
// a dispatch.Dispatcher. Provider packages build on it like this:
//
//	var registry = typedhooks.NewRegistry("crossmint", nil, typedhooks.WithTypeMember("type"))
//
//	func init() {
//		typedhooks.Register[NFTCreateSucceeded](registry, "nfts.create.succeeded", "mint.succeeded")
//	}
//
//	func Parse(body []byte) (typedhooks.Event, error) { return registry.Parse(body) }
package typedhooks
