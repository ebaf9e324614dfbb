package verify

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Canonical names (as net/http stores them) of the headers of the Svix /
// Standard Webhooks scheme. Svix sends the svix-* names; white-labelled Svix
// accounts and other Standard Webhooks senders send the webhook-* names.
const (
	HeaderSvixID           = "Svix-Id"
	HeaderSvixTimestamp    = "Svix-Timestamp"
	HeaderSvixSignature    = "Svix-Signature"
	HeaderWebhookID        = "Webhook-Id"
	HeaderWebhookTimestamp = "Webhook-Timestamp"
	HeaderWebhookSignature = "Webhook-Signature"
)

// svixSecretPrefix starts every secret shown in the Svix dashboard.
const svixSecretPrefix = "whsec_"

// svixSigLen is the length of a base64 (padded) HMAC-SHA256.
const svixSigLen = 44

// Svix verifies and signs webhooks in the Svix / Standard Webhooks scheme
// (version v1: HMAC-SHA256 over "{id}.{timestamp}.{body}", base64 encoded).
// It is used for every provider that delivers through Svix (Crossmint, Stytch,
// ...). Build one with [NewSvix]; it is safe for concurrent use.
type Svix struct {
	keys           []*macKey
	tolerance      time.Duration
	now            func() time.Time
	checkTimestamp bool
}

var _ ResultVerifier = (*Svix)(nil)

// NewSvix returns a verifier for the given signing secret, as shown in the
// provider's dashboard: "whsec_" followed by the base64 encoding of the HMAC
// key. The prefix is optional. The base64 is decoded like the official Svix
// libraries do (standard alphabet; line breaks are ignored); unpadded base64
// is accepted too, as the Standard Webhooks Python library does, because a
// secret that lost its "=" when copied is still unambiguous.
//
// NewSvix fails with an error wrapping [ErrInvalidSecret] for an empty
// secret, a bare "whsec_", invalid base64, or a key that decodes to nothing,
// and with a descriptive error for an invalid option. Additional secrets
// ([WithAdditionalSecrets]) follow the same rules.
func NewSvix(secret string, opts ...Option) (*Svix, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	s := &Svix{tolerance: cfg.tolerance, now: cfg.now, checkTimestamp: cfg.checkTimestamp}
	for i, sec := range append([]string{secret}, cfg.additional...) {
		key, err := decodeSvixSecret(sec)
		if err != nil {
			if i > 0 {
				return nil, fmt.Errorf("additional secret %d: %w", i, err)
			}
			return nil, err
		}
		s.keys = append(s.keys, newMacKey(key))
	}
	return s, nil
}

// decodeSvixSecret returns the HMAC key of a Svix secret. The errors never
// quote the secret.
func decodeSvixSecret(secret string) ([]byte, error) {
	b64 := strings.TrimPrefix(secret, svixSecretPrefix)
	if b64 == "" {
		return nil, fmt.Errorf("%w: empty Svix secret", ErrInvalidSecret)
	}
	key, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		var rawErr error
		if key, rawErr = base64.RawStdEncoding.DecodeString(b64); rawErr != nil {
			return nil, fmt.Errorf("%w: Svix secret is not base64: %v", ErrInvalidSecret, err)
		}
	}
	if len(key) == 0 {
		return nil, fmt.Errorf("%w: Svix secret decodes to an empty key", ErrInvalidSecret)
	}
	return key, nil
}

// svixBrand is one naming of the three headers.
type svixBrand struct {
	id, timestamp, signature string
	missing                  [3]error // by header: id, timestamp, signature
}

func newSvixBrand(id, ts, sig string) svixBrand {
	b := svixBrand{id: id, timestamp: ts, signature: sig}
	for i, name := range [3]string{id, ts, sig} {
		b.missing[i] = detail(ErrMissingHeaders, "header "+strings.ToLower(name)+" is missing or empty")
	}
	return b
}

var (
	svixHeaders    = newSvixBrand(HeaderSvixID, HeaderSvixTimestamp, HeaderSvixSignature)
	webhookHeaders = newSvixBrand(HeaderWebhookID, HeaderWebhookTimestamp, HeaderWebhookSignature)

	errNoSvixHeaders = detail(ErrMissingHeaders, "no svix-* or webhook-* signature headers are set")
	errNoV1Candidate = detail(ErrNoMatchingSignature, "the signature header holds no v1 signature of the right length")
	errSvixMismatch  = detail(ErrNoMatchingSignature, "no v1 signature matches the body under the configured secrets")
)

// firstValue returns what h.Get(key) returns for a key already in canonical
// form, without canonicalizing it again (which would allocate for the
// lower-case spelling). Like Header.Get it sees only the canonical key.
func firstValue(h http.Header, key string) string {
	if v := h[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Verify checks that body was signed by the sender with one of the
// configured secrets, exactly as the official Svix Go library does:
//
//   - It reads svix-id, svix-timestamp and svix-signature; if any of them is
//     empty it reads webhook-id, webhook-timestamp and webhook-signature
//     instead, and fails with [ErrMissingHeaders] if any of those is empty.
//     Headers are read like [http.Header.Get] (first value, canonical key).
//     The two sets are never mixed: a request carrying part of each (say
//     svix-id and the three webhook-* headers) is checked against the
//     webhook-* set alone, and the svix-* headers play no part.
//   - The timestamp must parse with strconv.ParseInt (so "+1614265330" and
//     "01614265330" are accepted, and signed as the plain decimal number),
//     else [ErrInvalidHeaders].
//   - Unless [WithoutTimestampCheck] is set, a timestamp outside the
//     tolerance fails with [ErrTimestampTooOld] or [ErrTimestampTooNew].
//   - The signature header is a list of entries separated by single spaces.
//     Each entry is "version,signature[,ignored...]"; entries whose version is
//     not "v1" are skipped. The request is valid if the base64 text of any v1
//     entry equals HMAC-SHA256(key, id + "." + timestamp + "." + body) under
//     any configured key, else [ErrNoMatchingSignature].
//
// Verify neither modifies nor retains body, and does not allocate for a valid
// request.
func (s *Svix) Verify(h http.Header, body []byte) error {
	_, err := s.VerifyResult(h, body)
	return err
}

// VerifyResult verifies like [Svix.Verify] and reports the id and timestamp
// of the header set that was verified: svix-id and svix-timestamp when all
// three svix-* headers are set, else webhook-id and webhook-timestamp. A
// header of the other set never appears in the result, so an unsigned
// svix-id added to a request signed with the webhook-* names changes
// nothing. It does not allocate for a valid request.
func (s *Svix) VerifyResult(h http.Header, body []byte) (Result, error) {
	brand := &svixHeaders
	id, tsText, sig := firstValue(h, brand.id), firstValue(h, brand.timestamp), firstValue(h, brand.signature)
	if id == "" || tsText == "" || sig == "" {
		// Name the first empty header of the branding the sender used.
		var first error
		if id != "" || tsText != "" || sig != "" {
			first = brand.missingOf(id, tsText, sig)
		}
		brand = &webhookHeaders
		id, tsText, sig = firstValue(h, brand.id), firstValue(h, brand.timestamp), firstValue(h, brand.signature)
		if id == "" || tsText == "" || sig == "" {
			switch {
			case first != nil:
			case id != "" || tsText != "" || sig != "":
				first = brand.missingOf(id, tsText, sig)
			default:
				first = errNoSvixHeaders
			}
			return Result{}, first
		}
	}

	// The signed text is the timestamp as svix formats it after parsing;
	// in the usual case that is the header itself, which spares parsing it
	// with strconv and formatting it again.
	unix, canonical := canonicalUnix(tsText)
	if !canonical {
		var err error
		if unix, err = strconv.ParseInt(tsText, 10, 64); err != nil {
			return Result{}, fmt.Errorf("%w: header %s %q is not a decimal Unix time", ErrInvalidHeaders, strings.ToLower(brand.timestamp), clip(tsText))
		}
		tsText = ""
	}
	if s.checkTimestamp {
		if err := s.checkTolerance(unix); err != nil {
			return Result{}, err
		}
	}

	// Hashing is the expensive part: skip it when no entry could match.
	first, rest := firstV1Candidate(sig)
	if first == "" {
		return Result{}, errNoV1Candidate
	}
	for _, k := range s.keys {
		sc := k.get()
		computed := sc.svixSignature(id, unix, tsText, body)
		ok := sc.equal(first, computed) || (rest != "" && sc.matchSvix(rest, computed))
		k.put(sc)
		if ok {
			return Result{ID: id, Timestamp: time.Unix(unix, 0)}, nil
		}
	}
	if noCandidate(sig) {
		return Result{}, errNoV1Candidate
	}
	return Result{}, errSvixMismatch
}

// noCandidate reports whether a header that firstV1Candidate took whole
// as one entry really holds none: its signature part has a space (another
// entry starts) or a comma (the signature ends early), so no entry is a v1
// signature of the right length. Such a signature cannot match (base64 has
// neither byte), so this is only asked after a mismatch, to name it.
func noCandidate(header string) bool {
	return oneEntryLong(header) && strings.ContainsAny(header[3:], " ,")
}

// oneEntryLong reports whether header has the length and prefix of one v1
// entry, the usual header.
func oneEntryLong(header string) bool {
	return len(header) == len("v1,")+svixSigLen && header[:3] == "v1,"
}

func (b *svixBrand) missingOf(id, ts, sig string) error {
	switch {
	case id == "":
		return b.missing[0]
	case ts == "":
		return b.missing[1]
	default:
		return b.missing[2]
	}
}

// checkTolerance repeats the comparisons of the Svix library expression by
// expression (including time.Time's saturating Sub and the Unix-second
// comparison for the future bound), so that boundary cases agree. When
// neither the clock nor the timestamp is anywhere near the ends of int64 and
// the tolerance is under a year, the same comparisons are made on integers,
// which is a tenth of the time; TestCheckTolerance_FastPathAgrees holds the
// two ways to the same answers.
func (s *Svix) checkTolerance(unix int64) error {
	now := s.now()
	sec, nsec, tol := now.Unix(), int64(now.Nanosecond()), int64(s.tolerance)
	const near = 1 << 40 // seconds: 35,000 years
	if sec > -near && sec < near && unix > -near && unix < near && tol < 1<<55 {
		// Beyond 2^33 s (272 years, under time.Duration's 292) the answer
		// is plain; within it, age = now - ts in nanoseconds cannot
		// overflow, and now.Add(tol).Unix() is sec + (nsec+tol)/1e9 for a
		// positive tol.
		d := sec - unix
		switch {
		case d > 1<<33:
			return s.tooOld(unix, now)
		case d < -(1 << 33):
			return s.tooNew(unix, now)
		}
		if age := d*int64(time.Second) + nsec; age > tol {
			return s.tooOld(unix, now)
		}
		if unix > sec+(nsec+tol)/int64(time.Second) {
			return s.tooNew(unix, now)
		}
		return nil
	}
	ts := time.Unix(unix, 0)
	if age := now.Sub(ts); age > s.tolerance {
		return s.tooOld(unix, now)
	}
	if ts.Unix() > now.Add(s.tolerance).Unix() {
		return s.tooNew(unix, now)
	}
	return nil
}

func (s *Svix) tooOld(unix int64, now time.Time) error {
	age := now.Sub(time.Unix(unix, 0))
	return fmt.Errorf("%w: timestamp %d is %v before the verifier's clock (tolerance %v)", ErrTimestampTooOld, unix, age.Truncate(time.Second), s.tolerance)
}

func (s *Svix) tooNew(unix int64, now time.Time) error {
	return fmt.Errorf("%w: timestamp %d is %v after the verifier's clock (tolerance %v)", ErrTimestampTooNew, unix, time.Unix(unix, 0).Sub(now).Truncate(time.Second), s.tolerance)
}

// canonicalUnix parses a timestamp written as svix writes one (decimal
// digits, no sign, no leading zero) and short enough not to overflow; it
// reports false for any other text, which strconv.ParseInt then judges.
func canonicalUnix(s string) (int64, bool) {
	if len(s) == 0 || len(s) > 18 || (s[0] == '0' && len(s) > 1) {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 {
			return 0, false
		}
		n = n*10 + int64(d)
	}
	return n, true
}

// svixSignature returns the base64 v1 signature of id.unix.body, stored in
// sc.enc. tsText, when not empty, is unix already formatted.
func (sc *scratch) svixSignature(id string, unix int64, tsText string, body []byte) []byte {
	// Longest Unix time text: "-9223372036854775808" (20 bytes), plus the
	// two dots.
	const tsRoom = 22
	var p []byte
	if len(id) <= len(sc.buf)-tsRoom {
		n := copy(sc.buf[:], id)
		p = append(sc.buf[:n], '.')
	} else {
		sc.writeString(id)
		p = append(sc.buf[:0], '.')
	}
	if tsText != "" {
		p = append(p, tsText...)
	} else {
		p = strconv.AppendInt(p, unix, 10)
	}
	sc.mac.Write(append(p, '.'))
	sc.mac.Write(body)
	enc := sc.enc[:svixSigLen]
	base64.StdEncoding.Encode(enc, sc.sumMAC())
	return enc
}

// nextEntry splits the first space-separated entry off list, the way
// strings.Split(list, " ") does (so double spaces yield empty entries).
func nextEntry(list string) (entry, rest string, more bool) {
	if i := strings.IndexByte(list, ' '); i >= 0 {
		return list[:i], list[i+1:], true
	}
	return list, "", false
}

// v1Signature returns the signature part of a v1 entry: the text between the
// first and the second comma (strings.Split(entry, ",")[1] in the Svix
// library), and false for entries of any other version or without a comma.
func v1Signature(entry string) (string, bool) {
	i := strings.IndexByte(entry, ',')
	if i < 0 || entry[:i] != "v1" {
		return "", false
	}
	sig := entry[i+1:]
	if j := strings.IndexByte(sig, ','); j >= 0 {
		sig = sig[:j]
	}
	return sig, true
}

// firstV1Candidate returns the signature of the header's first entry that
// could be a match (a v1 signature of the right length) and the entries
// after it, or "" if no entry could match.
func firstV1Candidate(header string) (sig, rest string) {
	if oneEntryLong(header) {
		// The usual header, one v1 entry, is taken whole without looking
		// for separators; see noCandidate for when that differs.
		return header[3:], ""
	}
	for more := true; more; {
		var entry string
		entry, header, more = nextEntry(header)
		if sig, ok := v1Signature(entry); ok && len(sig) == svixSigLen {
			return sig, header
		}
	}
	return "", ""
}

// matchSvix reports whether any v1 entry of header equals computed.
func (sc *scratch) matchSvix(header string, computed []byte) bool {
	for more := true; more; {
		var entry string
		entry, header, more = nextEntry(header)
		if sig, ok := v1Signature(entry); ok && sc.equal(sig, computed) {
			return true
		}
	}
	return false
}

// Sign returns the svix-signature header value for a message: one
// "v1,<base64>" entry per configured secret, separated by single spaces, the
// primary secret first (this is how a sender in the middle of a key rotation
// signs). ts is truncated to whole seconds, as in the header.
func (s *Svix) Sign(id string, ts time.Time, body []byte) string {
	var b strings.Builder
	b.Grow(len(s.keys) * (len("v1,") + svixSigLen + 1))
	for i, k := range s.keys {
		if i > 0 {
			b.WriteByte(' ')
		}
		sc := k.get()
		b.WriteString("v1,")
		b.Write(sc.svixSignature(id, ts.Unix(), "", body))
		k.put(sc)
	}
	return b.String()
}

// SignedHeader returns the headers Svix would send with body: svix-id,
// svix-timestamp and svix-signature (see [Svix.Sign]). It is meant for tests
// of webhook handlers.
func (s *Svix) SignedHeader(id string, ts time.Time, body []byte) http.Header {
	return s.signedHeader(&svixHeaders, id, ts, body)
}

// SignedStandardHeader is like [Svix.SignedHeader] but uses the unbranded
// Standard Webhooks names webhook-id, webhook-timestamp and
// webhook-signature, as white-labelled Svix accounts send them.
func (s *Svix) SignedStandardHeader(id string, ts time.Time, body []byte) http.Header {
	return s.signedHeader(&webhookHeaders, id, ts, body)
}

func (s *Svix) signedHeader(b *svixBrand, id string, ts time.Time, body []byte) http.Header {
	return http.Header{
		b.id:        {id},
		b.timestamp: {strconv.FormatInt(ts.Unix(), 10)},
		b.signature: {s.Sign(id, ts, body)},
	}
}

// SignedRequest returns a POST request to url carrying body as
// application/json with the headers of [Svix.SignedHeader], as Svix would
// deliver it. The request reads body without copying it.
func (s *Svix) SignedRequest(url, id string, ts time.Time, body []byte) (*http.Request, error) {
	return newSignedRequest(url, body, s.SignedHeader(id, ts, body))
}

func newSignedRequest(url string, body []byte, h http.Header) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("verify: building signed request: %w", err)
	}
	for k, v := range h {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	return req, nil
}
