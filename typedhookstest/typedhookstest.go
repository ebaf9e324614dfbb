package typedhookstest

import (
	"bytes"
	"net/http"
	"net/http/httptest"

	"github.com/typedhooks/typedhooks/internal/kit"
)

// Ready-made signing secrets for tests, in the form the providers' dashboards
// show them. Never use them outside tests.
const (
	// SvixSecret is a Svix secret ("whsec_" and base64), for Crossmint,
	// credentials and Stytch.
	SvixSecret = "whsec_dHlwZWRob29rc3Rlc3Qtb25seS1zZWNyZXQ="
	// DynamicSecret is a Dynamic webhook secret, used as-is as the HMAC key.
	DynamicSecret = "dyn_typedhookstest_only_secret"
)

// Sample is the body of one event type of one provider.
type Sample struct {
	// Provider is "crossmint", "credentials", "stytch" or "dynamic".
	Provider string
	// Type is the event type the body carries, as the provider names it
	// ("nfts.create.succeeded").
	Type string
	// File is the name of the body in the module's internal/samples/<dir>/,
	// whose SOURCES.md says where it comes from.
	File string
	// MadeUp is true when the body is not the provider's documented example
	// but constructed (the provider documents the type without one), or when
	// it was derived from one by changing its type to a legacy name.
	MadeUp bool
	// Body is the JSON body, a copy the caller may change.
	Body []byte
}

// Body returns the sample body of provider's event type eventType, under its
// current or its legacy name: the provider's documented example where there
// is one, else a constructed body. It is a copy the caller may change. Body
// panics on an unknown provider or event type.
func Body(provider, eventType string) []byte {
	s, err := kit.Lookup(provider, eventType)
	if err != nil {
		panic(err)
	}
	return s.Body
}

// Samples returns one sample for each of provider's event types under its
// current name, sorted by type: for a table test that a handler takes them
// all. Crossmint's include the credential events, which Crossmint delivers
// to the same endpoint. Samples panics on an unknown provider.
func Samples(provider string) []Sample {
	all, err := kit.Samples(provider)
	if err != nil {
		panic(err)
	}
	out := make([]Sample, len(all))
	for i, s := range all {
		out[i] = Sample(s)
	}
	return out
}

// Header returns the headers provider sends with body, signed with secret
// now: svix-id (a new random id), svix-timestamp and svix-signature for
// Crossmint, credentials and Stytch, x-dynamic-signature-256 for Dynamic.
// It is for code that takes a header and a body rather than a request, such
// as dispatch's Dispatch. Header panics on an unknown provider or a secret
// the provider's verifier rejects.
func Header(provider, secret string, body []byte) http.Header {
	h, err := kit.Sign(provider, secret, body)
	if err != nil {
		panic(err)
	}
	return h
}

// NewRequest returns an incoming POST of body to target, signed as provider
// signs its deliveries (the headers of [Header]), with Content-Type
// application/json: what a handler's ServeHTTP receives from the provider.
// It is httptest.NewRequest with those headers, so target is a path such as
// "/webhooks/crossmint" or an absolute URL. To send a signed request to a
// running server instead, build it with [Header] (or use the Signed
// methods of package verify). NewRequest panics on an unknown provider, an
// invalid secret or an invalid target.
func NewRequest(provider, secret, target string, body []byte) *http.Request {
	req := httptest.NewRequest(http.MethodPost, target, bytes.NewReader(body))
	for name, values := range Header(provider, secret, body) {
		req.Header[name] = values
	}
	req.Header.Set("Content-Type", "application/json")
	return req
}
