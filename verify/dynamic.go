package verify

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
)

// HeaderDynamicSignature is the canonical name of the header dynamic.xyz signs
// its webhooks with (sent as x-dynamic-signature-256).
const HeaderDynamicSignature = "X-Dynamic-Signature-256"

// dynamicPrefix starts the value of the Dynamic signature header.
const dynamicPrefix = "sha256="

// dynamicHexLen is the length of a hex-encoded HMAC-SHA256.
const dynamicHexLen = 2 * sha256.Size

// Dynamic verifies and signs dynamic.xyz webhooks: the header
// x-dynamic-signature-256 carries "sha256=" followed by the lowercase hex
// HMAC-SHA256 of the raw body, keyed with the bytes of the secret string as
// shown in the Dynamic dashboard (it is not decoded in any way).
//
// The scheme signs no timestamp and no id header, so a captured request can
// be replayed indefinitely: de-duplicate deliveries by the messageId of the
// signed body (dispatch does, through the event's IdempotencyKey, and keys a
// body without messageId and eventId on its SHA-256), never by a header.
// The timestamp
// options have no effect on Dynamic. Build one with [NewDynamic]; it is safe
// for concurrent use.
type Dynamic struct {
	keys []*macKey
}

var _ ResultVerifier = (*Dynamic)(nil)

// NewDynamic returns a verifier for the given Dynamic webhook secret, used
// as-is as the HMAC key. It fails with an error wrapping [ErrInvalidSecret]
// if secret (or an additional secret) is empty, and with a descriptive error
// for an invalid option.
func NewDynamic(secret string, opts ...Option) (*Dynamic, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	d := &Dynamic{}
	for i, sec := range append([]string{secret}, cfg.additional...) {
		if sec == "" {
			if i > 0 {
				return nil, fmt.Errorf("additional secret %d: %w: empty Dynamic secret", i, ErrInvalidSecret)
			}
			return nil, fmt.Errorf("%w: empty Dynamic secret", ErrInvalidSecret)
		}
		d.keys = append(d.keys, newMacKey([]byte(sec)))
	}
	return d, nil
}

var (
	errDynamicMissing  = detail(ErrMissingHeaders, "header x-dynamic-signature-256 is missing or empty")
	errDynamicPrefix   = detail(ErrInvalidHeaders, `header x-dynamic-signature-256 does not start with "sha256="`)
	errDynamicHex      = detail(ErrInvalidHeaders, `header x-dynamic-signature-256 is not "sha256=" followed by 64 lowercase hex digits`)
	errDynamicMismatch = detail(ErrNoMatchingSignature, "x-dynamic-signature-256 does not match the body under the configured secrets")
)

// Verify checks the x-dynamic-signature-256 header (read like
// [http.Header.Get]) against body. It fails with [ErrMissingHeaders] if the
// header is absent or empty, with [ErrInvalidHeaders] if it is not
// "sha256=" followed by exactly 64 lowercase hex digits, and with
// [ErrNoMatchingSignature] if no configured secret produces it.
//
// Only lowercase hex is accepted because that is what Dynamic sends and what
// its reference verifier (an exact, constant-time string comparison) accepts;
// rejecting other spellings as malformed keeps a mistyped test signature from
// looking like a wrong secret.
//
// Verify neither modifies nor retains body, and does not allocate for a valid
// request.
func (d *Dynamic) Verify(h http.Header, body []byte) error {
	_, err := d.VerifyResult(h, body)
	return err
}

// VerifyResult verifies like [Dynamic.Verify]. The Result is always zero:
// the scheme signs only the body, so the id to de-duplicate on is the
// body's messageId, which the caller reads after parsing.
func (d *Dynamic) VerifyResult(h http.Header, body []byte) (Result, error) {
	v := firstValue(h, HeaderDynamicSignature)
	if v == "" {
		return Result{}, errDynamicMissing
	}
	hexSig, ok := strings.CutPrefix(v, dynamicPrefix)
	if !ok {
		return Result{}, errDynamicPrefix
	}
	if !isLowerHex(hexSig, dynamicHexLen) {
		return Result{}, errDynamicHex
	}
	for _, k := range d.keys {
		sc := k.get()
		ok := sc.equal(hexSig, sc.dynamicSignature(body))
		k.put(sc)
		if ok {
			return Result{}, nil
		}
	}
	return Result{}, errDynamicMismatch
}

// isLowerHex reports whether s is exactly n lowercase hex digits.
func isLowerHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// dynamicSignature returns the lowercase hex HMAC of body, stored in sc.enc.
func (sc *scratch) dynamicSignature(body []byte) []byte {
	sc.mac.Write(body)
	enc := sc.enc[:dynamicHexLen]
	hex.Encode(enc, sc.sumMAC())
	return enc
}

// Sign returns the x-dynamic-signature-256 header value Dynamic would send
// with body, "sha256=<lowercase hex>", computed with the primary secret
// (Dynamic sends a single signature, so additional secrets are only used to
// verify).
func (d *Dynamic) Sign(body []byte) string {
	k := d.keys[0]
	sc := k.get()
	s := dynamicPrefix + string(sc.dynamicSignature(body))
	k.put(sc)
	return s
}

// SignedHeader returns the header Dynamic would send with body (see
// [Dynamic.Sign]). It is meant for tests of webhook handlers.
func (d *Dynamic) SignedHeader(body []byte) http.Header {
	return http.Header{HeaderDynamicSignature: {d.Sign(body)}}
}

// SignedRequest returns a POST request to url carrying body as
// application/json with the header of [Dynamic.SignedHeader], as Dynamic would
// deliver it. The request reads body without copying it.
func (d *Dynamic) SignedRequest(url string, body []byte) (*http.Request, error) {
	return newSignedRequest(url, body, d.SignedHeader(body))
}
