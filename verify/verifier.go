package verify

import "net/http"

// Verifier checks that a webhook delivery was sent by the provider, from the
// request headers and the raw, unparsed body. A nil error means authentic;
// otherwise the error wraps one of the sentinel errors of this package.
// [*Svix] and [*Dynamic] implement it; it has the same method set as
// dispatch.Verifier, so both plug into a dispatcher directly.
type Verifier interface {
	Verify(h http.Header, body []byte) error
}
