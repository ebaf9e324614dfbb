// Package typedhookstest gives tests of code built on typedhooks, in the way
// net/http/httptest does for handlers, what the providers would send: for
// every event type of every provider (crossmint, credentials, stytch,
// dynamic), a sample body, and that body or one of the test's own signed as
// the provider signs it.
//
//   - [Body] returns the sample of one event type; [Samples] one per type,
//     for table tests.
//   - [NewRequest] returns an incoming request carrying a body, signed, for
//     a handler's ServeHTTP; [Header] returns the signed headers alone, for
//     dispatch's Dispatch.
//   - [SvixSecret] and [DynamicSecret] are secrets for tests; any secret
//     package verify accepts works too.
//
// The samples are the bodies this module's own tests use, embedded in the
// package: the provider's documented example where one exists, otherwise a
// constructed body ([Sample].MadeUp says which; its file name starts with
// "madeup_"). Each provider's SOURCES.md in the module's internal/samples
// directory names the public page and section every documented body comes
// from.
//
// Crossmint (and its verifiable-credential events) and Stytch deliver
// through Svix: their requests carry svix-id (new for each call),
// svix-timestamp (now) and svix-signature. Dynamic signs the body alone,
// with x-dynamic-signature-256. To sign with a chosen id or time, use the
// Sign methods of package verify.
//
// Like httptest.NewRequest, every function panics on a mistake in its
// arguments (an unknown provider or event type, an invalid secret), so that
// a test needs no error handling.
//
// A dispatcher de-duplicates deliveries: a body that carries its own event
// key (Dynamic's and Stytch's, those of Crossmint's collection, NFT and
// wallet events, and of other Crossmint samples with a top-level id, such
// as orders.payment.failed) is keyed on it, so the same sample sent twice to one
// dispatcher runs its callbacks once; other bodies are keyed on the
// svix-id, new for each request. Build
// a dispatcher per test, as the Example does. The typedhooks command's
// trigger subcommand gives each sample a new event id.
package typedhookstest
