// Command typedhooks lists, prints, sends and checks webhook deliveries of the
// providers typedhooks supports, for trying an endpoint locally and for
// finding out why a signature does not verify.
//
//	go run github.com/typedhooks/typedhooks/cmd/typedhooks@latest types crossmint
//
// Usage:
//
//	typedhooks types [--all] PROVIDER
//	typedhooks sample PROVIDER TYPE
//	typedhooks trigger --url URL --secret S [--timeout D] [--keep-id] PROVIDER TYPE
//	typedhooks send --url URL --secret S --file F [--timeout D] PROVIDER
//	typedhooks verify --secret S --body F --header 'Name: value' [--header ...] [--tolerance D] PROVIDER
//
// PROVIDER is crossmint, credentials, stytch or dynamic. types prints the
// provider's event types under their current names, one a line (--all adds
// the legacy names the provider still sends). sample prints the sample body
// of a type: the provider's documented example, or a made-up one where the
// provider documents none (the samples of package typedhookstest). trigger
// POSTs that sample to URL signed as the provider signs it (svix-* headers for
// crossmint, credentials and stytch; x-dynamic-signature-256 for dynamic),
// prints the response status and exits 0 only on a 2xx (each trigger carries
// a new event id, as a new event would; --keep-id sends the sample byte for
// byte); send does the same with a body of your own (--file - reads
// standard input). verify checks a
// delivery you captured and, when it does not verify, says why: a missing
// header, an invalid secret, a timestamp outside the tolerance, a body that
// was re-serialized on the way, or a signature made with another secret.
//
// Flags go before the positional arguments and are accepted after them too.
// When --secret is not given, the TYPEDHOOKS_SECRET environment variable is
// used, which keeps the secret out of the shell history. The secret is never
// printed. Exit status: 0 on success, 1 when the operation failed (a delivery
// that does not verify, a non-2xx answer, a network error), 2 for a usage
// mistake.
package main
