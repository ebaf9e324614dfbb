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
// Claim identifies the claim, so that Complete and Release act only on a
// claim the caller still holds.
type IdempotencyStore interface {
	// Claim tries to take the delivery key for processing.
	Claim(ctx context.Context, key string) (status ClaimStatus, token string, err error)
	// Complete marks key as handled, for the store's retention period.
	Complete(ctx context.Context, key, token string) error
	// Release gives up the claim on key so that a later delivery runs again.
	Release(ctx context.Context, key, token string) error
}
