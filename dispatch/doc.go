// Package dispatch turns verified webhook deliveries into calls of typed Go
// callbacks, behind a net/http Handler.
//
// A [Dispatcher] reads the request body (bounded, into a pooled buffer; a
// body over 64 KiB into one of its own, which a provider's event keeps
// instead of a copy), checks the signature with a verifier from package
// verify, decodes the body with a provider's Parse function, skips
// deliveries it has already handled (see [IdempotencyStore]) and runs the
// callbacks registered for the event's type:
//
//	sv, err := verify.NewSvix(os.Getenv("CROSSMINT_WEBHOOK_SECRET"))
//	if err != nil { ... }
//	d := dispatch.New(sv, crossmint.Parse, dispatch.WithNamespace("crossmint"))
//	dispatch.On(d, func(ctx context.Context, e *crossmint.NFTCreateSucceeded) error {
//		return mint.Record(ctx, e)
//	})
//	mux.Handle("POST /webhooks/crossmint", d)
//
// The response tells the provider whether to try again:
//
//	situation                                         status  callbacks
//	handled, or no callback for the type              200     each matching callback once (else the fallback)
//	missing or bad signature, stale timestamp         401     none; the body is not parsed
//	body over the limit (default 1 MiB)               413     none
//	not a JSON object, or no event type               400     none
//	a callback returned an error or panicked          500     the provider retries; panics are logged with stack
//	method other than POST                            405     none (Allow: POST)
//	same delivery id already handled                  200     not called again
//	a replay (same signed body, any headers added)    200     not called again (same id: see below)
//	delivery id or event key over 256 bytes           400     none; the store never sees it
//	same delivery id being handled by another request 409     not called (Retry-After set)
//	idempotency store error                           503     not called
//	the verifier or parse function panicked           500     none; logged with stack
//
// [Dispatcher.Dispatch] runs the same steps without HTTP, for deliveries
// read from a queue or replayed from storage; its errors wrap the sentinels
// of this package ([ErrVerification], [ErrMalformed], [ErrCallback], ...),
// which [StatusCode] and [Retryable] classify. [Dispatcher.Deliver] runs
// the callbacks for an event that came from a trusted source instead (a
// status API polled with the service's own credentials), de-duplicated with
// the webhooks of the same event.
//
// Metadata of the delivery (id, signing timestamp, headers, raw body,
// redelivery flag) reaches callbacks through their context: see
// [DeliveryFrom]. Deliveries are de-duplicated by id through an
// [IdempotencyStore] ([MemoryStore] by default, dispatch/redisstore for
// several replicas): a delivery is marked done only after its callbacks
// succeed, and deliveries without an id are not de-duplicated.
//
// The id comes only from bytes the signature covers, so that a captured
// request replayed with a fresh id header is still recognised: the event's
// own key when it has one (typedhooks.IdempotencyKeyer, read from the
// signed body: Dynamic's messageId, Stytch's event_id), else the message id
// the verifier reports as signed (verify.ResultVerifier: the svix-id or
// webhook-id of the header set it verified), else, when the signature
// covered the body alone (a Dynamic message without messageId and
// eventId), the body's SHA-256. No id header is read on its own. A Svix replay is refused anyway after the five-minute tolerance
// (401); a Dynamic one, whose scheme signs no timestamp, is acknowledged
// without running the callbacks for as long as the store remembers the id
// (25 hours by default, longer than Dynamic retries), and runs them again
// after that; the MemoryStore also forgets the oldest ids when it is full.
//
// The package knows providers only through typedhooks.Event: it never
// imports a provider package.
package dispatch
