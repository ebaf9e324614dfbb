package dispatch

import "context"

// ClaimStatus is the answer of an [IdempotencyStore] to a claim on a delivery.
type ClaimStatus int

const (
	// Claimed means the caller now owns the delivery: it runs the callbacks
	// and then calls Complete (they succeeded) or Release (they failed, so
	// that the provider's retry runs them again).
	Claimed ClaimStatus = iota + 1
	// AlreadyDone means the delivery was handled before; the dispatcher
	// acknowledges it without running any callback.
	AlreadyDone
	// InFlight means another handler holds an unexpired claim on the
	// delivery right now. The dispatcher answers with a non-2xx status so
	// that the provider tries again later: acknowledging would lose the
	// event if the other handler then failed.
	InFlight
)

// IdempotencyStore records which deliveries have been handled, so that a
// provider's retries and duplicate deliveries run the callbacks once.
//
// Keys are namespaced by the dispatcher (provider or endpoint name, then the
// delivery id). A claim must expire by itself after a while, so that a
// handler that died while holding it does not block the delivery forever;
// a completed key is kept for the store's retention period, which should
// cover the provider's whole retry schedule (a day for Svix and Dynamic).
//
// Implementations must be safe for concurrent use. The token returned by
// Claim identifies the claim, so that Release acts only on a claim the
// caller still holds. [MemoryStore] (the default) and dispatch/redisstore
// implement it with the same semantics, which other implementations should
// follow:
//
//   - Claim returns [Claimed] and a non-empty token when the key is absent
//     or its claim expired; [AlreadyDone] when it was completed within the
//     retention period; [InFlight] when it holds an unexpired claim. An
//     error means the store could not answer: the dispatcher then runs no
//     callback and answers 503.
//   - Complete marks the key done even if the caller's claim expired in the
//     meantime: the callbacks' side effects happened, so every later
//     delivery must be acknowledged.
//   - Release deletes the key only while it still holds the caller's claim,
//     so that it never removes a newer handler's claim or a done mark.
//
// Deliveries without an id are never passed to the store: they cannot be
// recognised when they come again, so their callbacks run on every delivery.
type IdempotencyStore interface {
	// Claim tries to take the delivery key for processing.
	Claim(ctx context.Context, key string) (status ClaimStatus, token string, err error)
	// Complete marks key as handled, for the store's retention period.
	Complete(ctx context.Context, key, token string) error
	// Release gives up the claim on key so that a later delivery runs again.
	Release(ctx context.Context, key, token string) error
}
