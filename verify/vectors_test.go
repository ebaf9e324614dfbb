package verify_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/verify"
)

// svixVector is a known-answer vector of the v1 scheme, copied from the
// upstream test suites: https://github.com/standard-webhooks/standard-webhooks
// (libraries/*) and https://github.com/svix/svix-webhooks (go/webhook_test.go
// and the other languages' webhook tests), as each vector's comment says.
type svixVector struct {
	name      string
	secret    string
	id        string
	timestamp int64
	payload   string
	signature string // expected header value, "v1,<base64>"
}

var svixVectors = []svixVector{
	{
		// Vector 1: standard-webhooks libraries/go/webhook_test.go TestWebhookSign
		// and svix-webhooks go/webhook_test.go (and every other language).
		name:      "vector1",
		secret:    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
		id:        "msg_p5jXN8AQM9LWM0D4loKWxJek",
		timestamp: 1614265330,
		payload:   `{"test": 2432232314}`,
		signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
	},
	{
		// Vector 1 with the secret's prefix left off: svix go TestWebhookPrefix.
		name:      "vector1_no_prefix",
		secret:    "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
		id:        "msg_p5jXN8AQM9LWM0D4loKWxJek",
		timestamp: 1614265330,
		payload:   `{"test": 2432232314}`,
		signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
	},
	{
		// Vector 2: svix-webhooks rust/src/webhooks.rs test_sign (identical in
		// standard-webhooks libraries/rust/src/lib.rs).
		name:      "vector2",
		secret:    "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
		id:        "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
		timestamp: 1649367553,
		payload:   `{"email":"test@example.com","username":"test_user"}`,
		signature: "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=",
	},
	{
		// Vector 3: svix-webhooks csharp/Svix.Tests/WebhookTest.cs
		// VerifyWebhookSignWithLargePayloadWorks, 1 MiB of 'a'.
		name:      "vector3_1MiB",
		secret:    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
		id:        "msg_p5jXN8AQM9LWM0D4loKWxJek",
		timestamp: 1614265330,
		payload:   strings.Repeat("a", 1048576),
		signature: "v1,txpEUxqWZJ5nteTnymUVa+7C4NHpBeXJ6CsBAW0c3/A=",
	},
	{
		name:      "vector3_256KiB",
		secret:    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
		id:        "msg_p5jXN8AQM9LWM0D4loKWxJek",
		timestamp: 1614265330,
		payload:   strings.Repeat("a", 262144),
		signature: "v1,Mw4Pe2WgApuT7NSqnSq0PQPV9gbLdggCl9B865x5Xh0=",
	},
	{
		name:      "vector3_256KiB_minus_1",
		secret:    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
		id:        "msg_p5jXN8AQM9LWM0D4loKWxJek",
		timestamp: 1614265330,
		payload:   strings.Repeat("a", 262143),
		signature: "v1,NTItnqyWMoFhk2Bbe5V/BMdcFRWgcSQaTgqLHX7FC7c=",
	},
}

// vectorHeader returns svix-* headers for the vector with the given
// signature header value.
func vectorHeader(v svixVector, sig string) http.Header {
	return http.Header{
		verify.HeaderSvixID:        {v.id},
		verify.HeaderSvixTimestamp: {strconv.FormatInt(v.timestamp, 10)},
		verify.HeaderSvixSignature: {sig},
	}
}

// atVectorTime returns a verifier whose clock reads the vector's timestamp.
func atVectorTime(t testing.TB, v svixVector, opts ...verify.Option) *verify.Svix {
	t.Helper()
	opts = append([]verify.Option{verify.WithClock(func() time.Time { return time.Unix(v.timestamp, 0) })}, opts...)
	s, err := verify.NewSvix(v.secret, opts...)
	require.NoError(t, err)
	return s
}

func TestSvixVectors_SignAndVerify(t *testing.T) {
	for _, v := range svixVectors {
		t.Run(v.name, func(t *testing.T) {
			s := atVectorTime(t, v)
			assert.Equal(t, v.signature, s.Sign(v.id, time.Unix(v.timestamp, 0), []byte(v.payload)))
			require.NoError(t, s.Verify(vectorHeader(v, v.signature), []byte(v.payload)))
		})
	}
}

func TestSvixVectors_WrongPayloadOrIDFails(t *testing.T) {
	for _, v := range svixVectors {
		t.Run(v.name, func(t *testing.T) {
			s := atVectorTime(t, v)
			h := vectorHeader(v, v.signature)
			assert.ErrorIs(t, s.Verify(h, []byte(v.payload+" ")), verify.ErrNoMatchingSignature)
			h.Set(verify.HeaderSvixID, v.id+"x")
			assert.ErrorIs(t, s.Verify(h, []byte(v.payload)), verify.ErrNoMatchingSignature)
		})
	}
}

// Vector 2's negative cases: rust test_no_verify,
// test_verify_with_multiple_signatures and test_no_verify_with_multiple_signatures.
func TestSvixVector2_MultipleSignatures(t *testing.T) {
	v := svixVectors[2]
	s := atVectorTime(t, v)
	decoys := []string{
		"v1,tFtCZ5RDCPxzWQRWXWPgrCgE2frDBe9gjpbWQxnVfsQ=",
		"v1,Mm7xgUVICxZfQ3bgf0h0Dof65L/IFx+PnZvnDWPCX6Q=",
		"v1,9DfC1c3eeOrXB6w/5dIDydLNQaEyww5KalE5jLBZucE=",
	}
	body := []byte(v.payload)

	err := s.Verify(vectorHeader(v, "v1,R3PTzyfHASBKHH98a7yexTwaJ4yNIcGhFQc1yuN+BPU="), body)
	assert.ErrorIs(t, err, verify.ErrNoMatchingSignature, "test_no_verify")

	withReal := strings.Join([]string{decoys[0], decoys[1], v.signature, decoys[2]}, " ")
	assert.NoError(t, s.Verify(vectorHeader(v, withReal), body), "test_verify_with_multiple_signatures")

	err = s.Verify(vectorHeader(v, strings.Join(decoys, " ")), body)
	assert.ErrorIs(t, err, verify.ErrNoMatchingSignature, "test_no_verify_with_multiple_signatures")
}

// The malformed and wrong signatures used across the upstream suites, all for
// vector 1's inputs; none may verify.
func TestSvixVector1_MalformedSignatures(t *testing.T) {
	v := svixVectors[0]
	s := atVectorTime(t, v)
	for _, sig := range []string{
		"v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=", // wrong signature (most suites)
		"v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=", // last character changed (python)
		"v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLawdd",  // altered (svix C#, ruby)
		"v1,dawfeoifkpqwoekfpqoekf",                       // not a MAC (js, php)
		"v1,",                                             // partial signature (go, js, rust)
		"v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", // right MAC, unknown version: skipped
		"v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
		"g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", // no version at all
	} {
		t.Run(sig, func(t *testing.T) {
			assert.ErrorIs(t, s.Verify(vectorHeader(v, sig), []byte(v.payload)), verify.ErrNoMatchingSignature)
		})
	}
}

// svix go TestWebhookMultiSig: a v2 entry and wrong v1 entries around the
// real one.
func TestSvixVector1_MultiSigWithSkippedVersion(t *testing.T) {
	v := svixVectors[0]
	s := atVectorTime(t, v)
	sig := "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= " +
		v.signature + " v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc="
	assert.NoError(t, s.Verify(vectorHeader(v, sig), []byte(v.payload)))
}

// JS std-webhooks "empty payload": an empty body is signed and verified
// like any other.
func TestSvixVector1_EmptyPayload(t *testing.T) {
	v := svixVectors[0]
	s := atVectorTime(t, v)
	sig := s.Sign(v.id, time.Unix(v.timestamp, 0), nil)
	require.NoError(t, s.Verify(vectorHeader(v, sig), nil))
	require.NoError(t, s.Verify(vectorHeader(v, sig), []byte{}))
	assert.ErrorIs(t, s.Verify(vectorHeader(v, sig), []byte(" ")), verify.ErrNoMatchingSignature)
}

// python/js: a timestamp that is not a number is an invalid header.
func TestSvixVector1_TimestampNotANumber(t *testing.T) {
	v := svixVectors[0]
	s := atVectorTime(t, v)
	h := vectorHeader(v, v.signature)
	h.Set(verify.HeaderSvixTimestamp, "hello")
	err := s.Verify(h, []byte(v.payload))
	require.ErrorIs(t, err, verify.ErrInvalidHeaders)
	assert.Contains(t, err.Error(), `"hello"`)
}

// rust: a timestamp header one second off the signed one fails.
func TestSvixVector2_TimestampPlusOneFails(t *testing.T) {
	v := svixVectors[2]
	s := atVectorTime(t, v)
	h := vectorHeader(v, v.signature)
	h.Set(verify.HeaderSvixTimestamp, strconv.FormatInt(v.timestamp+1, 10))
	assert.ErrorIs(t, s.Verify(h, []byte(v.payload)), verify.ErrNoMatchingSignature)
}

// rust: timestamp -1 is rejected by verify but accepted by
// verify_ignoring_timestamp.
func TestSvixVector2_TimestampMinusOne(t *testing.T) {
	v := svixVectors[2]
	v.timestamp = -1
	s, err := verify.NewSvix(v.secret)
	require.NoError(t, err)
	sig := s.Sign(v.id, time.Unix(-1, 0), []byte(v.payload))
	assert.ErrorIs(t, s.Verify(vectorHeader(v, sig), []byte(v.payload)), verify.ErrTimestampTooOld)

	lax, err := verify.NewSvix(v.secret, verify.WithoutTimestampCheck())
	require.NoError(t, err)
	assert.NoError(t, lax.Verify(vectorHeader(v, sig), []byte(v.payload)))
}

// The svix library parses the timestamp with strconv.ParseInt and signs the
// parsed number, so "+1614265330" and "01614265330" verify against the
// signature of 1614265330.
func TestSvixVector1_MadeUpTimestampSpellings(t *testing.T) {
	v := svixVectors[0]
	s := atVectorTime(t, v)
	for _, ts := range []string{"+1614265330", "01614265330", "0001614265330"} {
		h := vectorHeader(v, v.signature)
		h.Set(verify.HeaderSvixTimestamp, ts)
		assert.NoError(t, s.Verify(h, []byte(v.payload)), ts)
	}
	for _, ts := range []string{" 1614265330", "1614265330 ", "1614265330.0", "0x603803f2", "1.61426533e9"} {
		h := vectorHeader(v, v.signature)
		h[verify.HeaderSvixTimestamp] = []string{ts}
		assert.ErrorIs(t, s.Verify(h, []byte(v.payload)), verify.ErrInvalidHeaders, "%q", ts)
	}
}

// GitHub's documented test values for the "sha256=<hex>" format, which
// Dynamic's docs say they follow exactly:
// https://docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries
// ("Testing the webhook payload validation").
func TestDynamicVector_GitHubFormat(t *testing.T) {
	d, err := verify.NewDynamic("It's a Secret to Everybody")
	require.NoError(t, err)
	const want = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
	body := []byte("Hello, World!")
	assert.Equal(t, want, d.Sign(body))
	assert.NoError(t, d.Verify(http.Header{verify.HeaderDynamicSignature: {want}}, body))
	assert.ErrorIs(t, d.Verify(http.Header{verify.HeaderDynamicSignature: {want}}, []byte("Hello, World")), verify.ErrNoMatchingSignature)
}

// Dynamic's own recipe example cannot be reproduced (its payload is cut off in
// every copy of the page), but its header has the documented shape, so it
// must parse and then fail to match anything we can sign.
func TestDynamicVector_DocExampleHeaderWithMadeUpPayload(t *testing.T) {
	d, err := verify.NewDynamic("dyn_5LqRXtZsXit7Cjt9KktC8EGywoSkGSbGqtTud[S7AYd{LUTMcS38QRMT")
	require.NoError(t, err)
	h := http.Header{verify.HeaderDynamicSignature: {"sha256=9c1eade367c30f371990918b8d79ecdd86ea2c8042849a1c22c94ad50b7d98fe"}}
	assert.ErrorIs(t, d.Verify(h, []byte(`{"messageId":"d487290b-9bbd-4b50-a5f5-6620634c8dd9"}`)), verify.ErrNoMatchingSignature)
}
