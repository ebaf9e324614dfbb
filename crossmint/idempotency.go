package crossmint

import "github.com/typedhooks/typedhooks"

// The events that report the outcome of an action (collections.* and
// nfts.*) are identified by the action and the outcome, which the signed
// body carries, rather than by the delivery: Crossmint sends each outcome of
// an action once (and again only as a retry of the same message), and the
// Action Status API reports the same outcome. Keying both on
//
//	action:<actionId>:<canonical event type>
//
// lets a dispatcher that receives the webhook and is also given the event
// by a reconciler ([Action.Event] and dispatch's Deliver) run the callbacks
// once, in either order. The type is the canonical name (EventType), so a
// pre-2024 name such as mint.succeeded keys as nfts.create.succeeded.
//
// Crossmint's best-practices page suggests the webhook's top-level id as
// the idempotency key; these events' documented examples carry none, and an
// id of the message could not match what the Action Status API returns.
// Orders events share the envelope but are not keyed this way: an order
// sends several orders.quote.updated for one actionId.

// actionKey returns the idempotency key of an action outcome event, or ""
// when the body carried no actionId (the dispatcher then falls back to the
// transport's delivery id).
func actionKey(actionID typedhooks.ID, ev typedhooks.Event) string {
	if actionID == "" {
		return ""
	}
	return "action:" + string(actionID) + ":" + ev.EventType()
}

// IdempotencyKey returns "action:<actionId>:collections.create.succeeded",
// or "" without an actionId. It implements typedhooks.IdempotencyKeyer.
func (e *CollectionCreateSucceeded) IdempotencyKey() string { return actionKey(e.ActionID, e) }

// IdempotencyKey returns "action:<actionId>:collections.create.failed", or
// "" without an actionId. It implements typedhooks.IdempotencyKeyer.
func (e *CollectionCreateFailed) IdempotencyKey() string { return actionKey(e.ActionID, e) }

// IdempotencyKey returns "action:<actionId>:collections.update.succeeded",
// or "" without an actionId. It implements typedhooks.IdempotencyKeyer.
func (e *CollectionUpdateSucceeded) IdempotencyKey() string { return actionKey(e.ActionID, e) }

// IdempotencyKey returns "action:<actionId>:collections.update.failed", or
// "" without an actionId. It implements typedhooks.IdempotencyKeyer.
func (e *CollectionUpdateFailed) IdempotencyKey() string { return actionKey(e.ActionID, e) }

// IdempotencyKey returns "action:<actionId>:nfts.create.succeeded", or ""
// without an actionId. It implements typedhooks.IdempotencyKeyer.
func (e *NFTCreateSucceeded) IdempotencyKey() string { return actionKey(e.ActionID, e) }

// IdempotencyKey returns "action:<actionId>:nfts.create.failed", or ""
// without an actionId. It implements typedhooks.IdempotencyKeyer.
func (e *NFTCreateFailed) IdempotencyKey() string { return actionKey(e.ActionID, e) }

// IdempotencyKey returns "action:<actionId>:nfts.update.succeeded", or ""
// without an actionId. It implements typedhooks.IdempotencyKeyer.
func (e *NFTUpdateSucceeded) IdempotencyKey() string { return actionKey(e.ActionID, e) }

// IdempotencyKey returns "action:<actionId>:nfts.update.failed", or ""
// without an actionId. It implements typedhooks.IdempotencyKeyer.
func (e *NFTUpdateFailed) IdempotencyKey() string { return actionKey(e.ActionID, e) }

// IdempotencyKey returns "action:<actionId>:nfts.delete.succeeded", or ""
// without an actionId. It implements typedhooks.IdempotencyKeyer.
func (e *NFTDeleteSucceeded) IdempotencyKey() string { return actionKey(e.ActionID, e) }

// IdempotencyKey returns "action:<actionId>:nfts.delete.failed", or ""
// without an actionId. It implements typedhooks.IdempotencyKeyer.
func (e *NFTDeleteFailed) IdempotencyKey() string { return actionKey(e.ActionID, e) }
