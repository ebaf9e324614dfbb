package verify

import "errors"

// Sentinel errors of this package. Every error returned by a Verify method
// wraps exactly one of them, with context about what was wrong, and so do
// the constructors' errors about secrets; callers classify failures with
// [errors.Is]:
//
//	if errors.Is(err, verify.ErrTimestampTooOld) { ... }
//
// A wrong secret on the receiver's side and a forged request look the same to
// a verifier: both end in [ErrNoMatchingSignature].
var (
	// ErrMissingHeaders means a header the scheme requires is absent or empty:
	// for Svix one of svix-id, svix-timestamp, svix-signature (and of the
	// webhook-* fallback), for Dynamic x-dynamic-signature-256.
	ErrMissingHeaders = errors.New("verify: missing required headers")

	// ErrInvalidHeaders means a required header is present but malformed: a
	// Svix timestamp that is not a decimal integer, a Dynamic signature without
	// the "sha256=" prefix or not 64 lowercase hex digits.
	ErrInvalidHeaders = errors.New("verify: invalid signature headers")

	// ErrNoMatchingSignature means the headers are well formed but no signature
	// in them matches the body under any configured secret.
	ErrNoMatchingSignature = errors.New("verify: no matching signature found")

	// ErrTimestampTooOld means the signed timestamp is further in the past than
	// the tolerance allows (a replayed or long-delayed request).
	ErrTimestampTooOld = errors.New("verify: message timestamp too old")

	// ErrTimestampTooNew means the signed timestamp is further in the future
	// than the tolerance allows (usually a clock skew between the parties).
	ErrTimestampTooNew = errors.New("verify: message timestamp too new")

	// ErrInvalidSecret is returned by the constructors for an unusable secret:
	// empty, a bare "whsec_" prefix, or (for Svix) not valid base64.
	ErrInvalidSecret = errors.New("verify: invalid secret")
)

// detailError wraps a sentinel with a fixed explanation. Values are built once
// at package initialization, so rejecting a request with one of them costs no
// allocation (a flood of forged requests stays cheap to turn away).
type detailError struct {
	sentinel error
	detail   string
}

func (e *detailError) Error() string { return e.sentinel.Error() + ": " + e.detail }
func (e *detailError) Unwrap() error { return e.sentinel }

func detail(sentinel error, text string) error {
	return &detailError{sentinel: sentinel, detail: text}
}

// quoteLimit bounds how much of an attacker-controlled header value is copied
// into an error message.
const quoteLimit = 40

// clip shortens s for inclusion in an error message.
func clip(s string) string {
	if len(s) <= quoteLimit {
		return s
	}
	return s[:quoteLimit] + "..."
}
