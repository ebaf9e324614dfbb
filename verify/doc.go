// Package verify authenticates incoming webhook deliveries: it checks the
// signature a provider puts in the request headers against the raw request
// body, before anything parses that body.
//
// Two signing schemes are covered:
//
//   - [Svix]: the Svix / Standard Webhooks scheme (svix-id, svix-timestamp,
//     svix-signature, or the unbranded webhook-* names), used by providers
//     that deliver through Svix such as Crossmint and Stytch. It accepts
//     exactly what the official Svix Go library accepts, including its
//     five-minute replay window, and is tested differentially against it.
//   - [Dynamic]: dynamic.xyz's x-dynamic-signature-256 header, a GitHub-style
//     "sha256=<hex HMAC-SHA256 of the body>".
//
// Both implement [Verifier], support key rotation through
// [WithAdditionalSecrets], are safe for concurrent use, and verify a valid
// request without allocating. Every failure wraps one of the sentinel errors
// ([ErrMissingHeaders], [ErrInvalidHeaders], [ErrNoMatchingSignature],
// [ErrTimestampTooOld], [ErrTimestampTooNew]; [ErrInvalidSecret] from the
// constructors), so callers classify failures with [errors.Is].
//
// Both also implement [ResultVerifier]: VerifyResult reports what the
// signature covered besides the body ([Result]: the message id and signing
// time of the header set that was verified, nothing for Dynamic), which is
// what a receiver may de-duplicate on. A header the signature did not cover
// never appears there. Custom verifiers follow the contract documented on
// [ResultVerifier].
//
// The Sign, SignedHeader and SignedRequest methods produce what the provider
// would send, for testing webhook handlers end to end without the provider.
//
// The body passed to Verify must be the exact bytes received: re-encoding
// JSON (even only its whitespace) invalidates the signature.
package verify
