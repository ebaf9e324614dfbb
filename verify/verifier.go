package verify

import (
	"net/http"
	"time"
)

// Verifier checks that a webhook delivery was sent by the provider, from the
// request headers and the raw, unparsed body. A nil error means authentic;
// otherwise the error wraps one of the sentinel errors of this package.
// [*Svix] and [*Dynamic] implement it; it has the same method set as
// dispatch.Verifier, so both plug into a dispatcher directly.
//
// A Verifier that also implements [ResultVerifier] tells its caller which
// message id and signing time the signature covered. One that does not is
// taken to have verified the body only: a dispatcher then de-duplicates on
// the event's own key alone and reads no id or timestamp from the headers.
type Verifier interface {
	Verify(h http.Header, body []byte) error
}

// Result is what the signature of a verified delivery covered besides the
// body: the sender's message id and signing time. A receiver de-duplicates
// on ID and may trust Timestamp, because a sender that changed either would
// have had to sign again.
type Result struct {
	// ID is the message id that went into the signed content: for the Svix
	// scheme the svix-id (or webhook-id) of the header set that was
	// verified. It is "" when the scheme signs no id (Dynamic).
	ID string
	// Timestamp is the signing time that went into the signed content (the
	// svix-timestamp or webhook-timestamp of the verified set), whole
	// seconds. It is the zero time when the scheme signs none (Dynamic).
	Timestamp time.Time
}

// ResultVerifier is a [Verifier] that also reports what the signature
// covered. [*Svix] and [*Dynamic] implement it.
//
// The contract, which custom verifiers must follow too: VerifyResult
// accepts and rejects exactly what Verify does, with the same errors; on
// success the Result holds only values the signature covered, read from the
// same headers the signature was checked with, and leaves a field zero when
// the scheme signs no such value. It must never report a header the
// signature did not cover (a second id header, an unsigned timestamp):
// whoever can add an unsigned header to a captured request could then make
// every replay look like a new message and run its side effects again. On
// error the Result is zero.
type ResultVerifier interface {
	Verifier
	VerifyResult(h http.Header, body []byte) (Result, error)
}
