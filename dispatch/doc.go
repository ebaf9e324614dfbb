// Package dispatch turns verified webhook deliveries into calls of typed Go
// callbacks, behind a net/http Handler.
//
// A [Dispatcher] reads the request body (bounded, into a pooled buffer),
// checks the signature with a verifier from package verify, decodes the body
// with a provider's Parse function, skips deliveries it has already handled
// (see [IdempotencyStore]) and runs the callbacks registered for the event's
// type:
//
//	sv, err := verify.NewSvix(os.Getenv("CROSSMINT_WEBHOOK_SECRET"))
//	if err != nil { ... }
//	d := dispatch.New(sv, crossmint.Parse, dispatch.WithNamespace("crossmint"))
//	dispatch.On(d, func(ctx context.Context, e *crossmint.NFTCreateSucceeded) error {
//		return mint.Record(ctx, e)
//	})
//	mux.Handle("POST /webhooks/crossmint", d)
//
// The response tells the provider whether to try again: 2xx when the event
// was handled (or had no callback, or was a duplicate), 401 for a bad
// signature, 400 for a body that is not an event, 413 for a body over the
// limit, 409 while the same delivery is being handled by another request,
// 500 when a callback failed or panicked and 503 when the idempotency store
// failed. [Dispatcher.Dispatch] runs the same steps without HTTP, for
// deliveries read from a queue or replayed from storage; its errors wrap the
// sentinels of this package, which [StatusCode] and [Retryable] classify.
//
// The package knows providers only through typedhooks.Event: it never
// imports a provider package.
package dispatch
