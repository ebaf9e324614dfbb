// Package typedhookstest provides what tests of code built on typedhooks
// need, in the way net/http/httptest does for handlers: for every event type
// of every provider (crossmint, credentials, stytch, dynamic), a sample body
// and a ready signed *http.Request or header, signed as the provider signs it.
//
// The samples are the bodies this module's own tests use, embedded in the
// package: the provider's documented example where one exists, otherwise a
// constructed body ([Sample.MadeUp] reports which; its file name starts with
// "madeup_"). Each provider's SOURCES.md in the module's internal/samples
// directory names the public page and section every documented body comes
// from.
//
// Crossmint (and its verifiable-credential events) and Stytch deliver through
// Svix: their requests carry svix-id, svix-timestamp and svix-signature.
// Dynamic signs with x-dynamic-signature-256. [SvixSecret] and
// [DynamicSecret] are ready-made secrets for tests; any secret the verify
// package accepts works.
//
// Like httptest.NewRequest, the functions meant for test code ([Body],
// [Request], [SignedRequest], [Header]) panic on a mistake in their arguments
// (an unknown provider or type, an invalid secret), so that a test needs no
// error handling; [Lookup] and [Sign] return errors instead.
//
// A test of a callback, in full:
//
//	sv, _ := verify.NewSvix(typedhookstest.SvixSecret)
//	d := dispatch.New(sv, crossmint.Parse)
//	var got *crossmint.NFTCreateSucceeded
//	dispatch.On(d, func(ctx context.Context, e *crossmint.NFTCreateSucceeded) error { got = e; return nil })
//	rec := httptest.NewRecorder()
//	d.ServeHTTP(rec, typedhookstest.Request("crossmint", crossmint.TypeNFTCreateSucceeded, "/webhooks", typedhookstest.SvixSecret))
//	// rec.Code is 200 and got holds the typed event.
//
// A dispatcher de-duplicates deliveries: the same sample sent twice to one
// dispatcher runs its callbacks once (Stytch and Dynamic bodies carry their
// own event ids). Use a new dispatcher per test, or give the body a new id
// with [WithNewID].
package typedhookstest
