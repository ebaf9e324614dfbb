package verify_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/verify"
)

const vector1Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

func TestNewSvix_InvalidSecrets(t *testing.T) {
	for _, tc := range []struct{ name, secret string }{
		{"empty", ""},
		{"bare_prefix", "whsec_"},
		{"not_base64", "whsec_not*base64!"},
		{"decodes_to_nothing", "whsec_\r\n"},
		{"url_alphabet", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa-_"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := verify.NewSvix(tc.secret)
			require.ErrorIs(t, err, verify.ErrInvalidSecret)
			assert.Nil(t, s)
			if b64 := strings.TrimPrefix(tc.secret, "whsec_"); len(b64) > 3 {
				assert.NotContains(t, err.Error(), b64, "errors must not leak the secret")
			}
		})
	}
}

func TestNewSvix_InvalidAdditionalSecret(t *testing.T) {
	_, err := verify.NewSvix(vector1Secret, verify.WithAdditionalSecrets("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", "whsec_"))
	require.ErrorIs(t, err, verify.ErrInvalidSecret)
	assert.Contains(t, err.Error(), "additional secret 2")
}

// The Standard Webhooks Python library accepts secrets whose base64 lost its
// padding (test_signature_verification_with_unpadded_secret); so do we, with
// the same key as the padded spelling.
func TestNewSvix_UnpaddedSecret(t *testing.T) {
	for _, tc := range []struct{ unpadded, padded string }{
		{"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS="},
		{"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwBr", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwBr=="},
	} {
		u, err := verify.NewSvix(tc.unpadded)
		require.NoError(t, err)
		p, err := verify.NewSvix(tc.padded)
		require.NoError(t, err)
		ts := time.Unix(1614265330, 0)
		assert.Equal(t, p.Sign("msg_1", ts, []byte("{}")), u.Sign("msg_1", ts, []byte("{}")))
	}
}

func TestNewSvix_InvalidOptions(t *testing.T) {
	for _, d := range []time.Duration{0, -time.Second} {
		_, err := verify.NewSvix(vector1Secret, verify.WithTolerance(d))
		require.Error(t, err)
		assert.Contains(t, err.Error(), "tolerance must be positive")
		_, err = verify.NewDynamic("secret", verify.WithTolerance(d))
		require.Error(t, err, "the options are validated the same way for both verifiers")
	}
}

// fixedClock returns a clock that always reads t.
func fixedClock(t time.Time) verify.Option {
	return verify.WithClock(func() time.Time { return t })
}

func svixHeader(s *verify.Svix, id string, ts time.Time, body []byte) http.Header {
	return s.SignedHeader(id, ts, body)
}

func TestSvixVerify_Tolerance(t *testing.T) {
	now := time.Date(2026, 11, 22, 18, 0, 0, 500_000_000, time.UTC) // half a second into the second
	body := []byte(`{"type":"ping"}`)
	for _, tc := range []struct {
		name      string
		offset    time.Duration // timestamp - now (before truncation to seconds)
		tolerance time.Duration // 0: default
		want      error
	}{
		{"now", 0, 0, nil},
		{"4m59s_old", -299 * time.Second, 0, nil},
		{"5m_old_after_truncation", -300 * time.Second, 0, verify.ErrTimestampTooOld}, // ts is 300.5s before now
		{"5m1s_old", -301 * time.Second, 0, verify.ErrTimestampTooOld},
		{"5m_new", 300 * time.Second, 0, nil},
		{"5m1s_new", 301 * time.Second, 0, verify.ErrTimestampTooNew},
		{"1h_old", -time.Hour, 0, verify.ErrTimestampTooOld},
		{"1h_new", time.Hour, 0, verify.ErrTimestampTooNew},
		{"59s_old_tol_1m", -59 * time.Second, time.Minute, nil},
		{"61s_old_tol_1m", -61 * time.Second, time.Minute, verify.ErrTimestampTooOld},
		{"61s_new_tol_1m", 61 * time.Second, time.Minute, verify.ErrTimestampTooNew},
		{"1h_old_tol_2h", -time.Hour, 2 * time.Hour, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := []verify.Option{fixedClock(now)}
			if tc.tolerance != 0 {
				opts = append(opts, verify.WithTolerance(tc.tolerance))
			}
			s, err := verify.NewSvix(vector1Secret, opts...)
			require.NoError(t, err)
			ts := now.Add(tc.offset)
			err = s.Verify(svixHeader(s, "msg_1", ts, body), body)
			if tc.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tc.want)

			// Without the check, the same request is accepted.
			lax, err := verify.NewSvix(vector1Secret, append(opts, verify.WithoutTimestampCheck())...)
			require.NoError(t, err)
			assert.NoError(t, lax.Verify(svixHeader(s, "msg_1", ts, body), body))
		})
	}
}

func TestSvixVerify_TimestampErrorsSayHowFarOff(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	s, err := verify.NewSvix(vector1Secret, fixedClock(now))
	require.NoError(t, err)
	err = s.Verify(s.SignedHeader("msg_1", now.Add(-time.Hour), nil), nil)
	require.ErrorIs(t, err, verify.ErrTimestampTooOld)
	assert.Contains(t, err.Error(), "1h0m0s before")
	err = s.Verify(s.SignedHeader("msg_1", now.Add(10*time.Minute), nil), nil)
	require.ErrorIs(t, err, verify.ErrTimestampTooNew)
	assert.Contains(t, err.Error(), "10m0s after")
}

func TestSvixVerify_ExtremeTimestampsDoNotOverflow(t *testing.T) {
	s, err := verify.NewSvix(vector1Secret)
	require.NoError(t, err)
	for _, ts := range []string{"9223372036854775807", "-9223372036854775808"} {
		h := http.Header{
			verify.HeaderSvixID:        {"msg_1"},
			verify.HeaderSvixTimestamp: {ts},
			verify.HeaderSvixSignature: {"v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="},
		}
		err := s.Verify(h, nil)
		require.Error(t, err, ts)
		assert.True(t, errors.Is(err, verify.ErrTimestampTooOld) || errors.Is(err, verify.ErrTimestampTooNew), "%s: %v", ts, err)
	}
	h := http.Header{
		verify.HeaderSvixID:        {"msg_1"},
		verify.HeaderSvixTimestamp: {"9223372036854775808"}, // overflows int64
		verify.HeaderSvixSignature: {"v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="},
	}
	assert.ErrorIs(t, s.Verify(h, nil), verify.ErrInvalidHeaders)
}

func TestSvixVerify_MissingHeaders(t *testing.T) {
	s, err := verify.NewSvix(vector1Secret)
	require.NoError(t, err)
	now := time.Now()
	full := s.SignedHeader("msg_1", now, nil)
	for _, tc := range []struct {
		name    string
		drop    string
		mention string
	}{
		{"id", verify.HeaderSvixID, "svix-id"},
		{"timestamp", verify.HeaderSvixTimestamp, "svix-timestamp"},
		{"signature", verify.HeaderSvixSignature, "svix-signature"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := full.Clone()
			h.Del(tc.drop)
			err := s.Verify(h, nil)
			require.ErrorIs(t, err, verify.ErrMissingHeaders)
			assert.Contains(t, err.Error(), tc.mention)

			h[tc.drop] = []string{""}
			assert.ErrorIs(t, s.Verify(h, nil), verify.ErrMissingHeaders, "an empty value counts as missing")
		})
	}
	err = s.Verify(http.Header{}, nil)
	require.ErrorIs(t, err, verify.ErrMissingHeaders)
	assert.Contains(t, err.Error(), "no svix-* or webhook-*")
	err = s.Verify(http.Header{verify.HeaderWebhookID: {"msg_1"}}, nil)
	require.ErrorIs(t, err, verify.ErrMissingHeaders)
	assert.Contains(t, err.Error(), "webhook-timestamp", "the error names a header of the branding the sender used")
}

func TestSvixVerify_Branding(t *testing.T) {
	s, err := verify.NewSvix(vector1Secret)
	require.NoError(t, err)
	now := time.Now()
	body := []byte(`{"a":1}`)
	svixH := s.SignedHeader("msg_1", now, body)
	std := s.SignedStandardHeader("msg_1", now, body)
	assert.Equal(t, []string{"msg_1"}, std[verify.HeaderWebhookID])
	assert.NoError(t, s.Verify(std, body), "webhook-* headers alone")

	// One empty svix header makes the verifier use the webhook-* trio for
	// all three values.
	mixed := std.Clone()
	mixed[verify.HeaderSvixID] = []string{"msg_other"}
	mixed[verify.HeaderSvixSignature] = []string{"v1,garbage"}
	assert.NoError(t, s.Verify(mixed, body), "svix-timestamp missing: fall back to webhook-*")

	// A complete svix trio wins over webhook-*, even if wrong.
	both := svixH.Clone()
	for k, v := range std {
		both[k] = v
	}
	both[verify.HeaderSvixSignature] = []string{"v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc="}
	assert.ErrorIs(t, s.Verify(both, body), verify.ErrNoMatchingSignature)

	// Names are case-insensitive when set through Header.Set/Add.
	h := http.Header{}
	h.Set("SVIX-ID", "msg_1")
	h.Set("svix-timestamp", strconv.FormatInt(now.Unix(), 10))
	h.Add("sViX-SiGnAtUrE", s.Sign("msg_1", now, body))
	assert.NoError(t, s.Verify(h, body))

	// Keys put in the map in non-canonical form are invisible to
	// Header.Get, hence to the svix library, hence to us.
	raw := http.Header{"svix-id": {"msg_1"}, "svix-timestamp": {strconv.FormatInt(now.Unix(), 10)}, "svix-signature": {s.Sign("msg_1", now, body)}}
	assert.ErrorIs(t, s.Verify(raw, body), verify.ErrMissingHeaders)

	// Only the first value of a header counts, like Header.Get.
	multi := svixH.Clone()
	multi[verify.HeaderSvixSignature] = []string{"v1,garbage", svixH.Get(verify.HeaderSvixSignature)}
	assert.ErrorIs(t, s.Verify(multi, body), verify.ErrNoMatchingSignature)
	multi[verify.HeaderSvixSignature] = []string{svixH.Get(verify.HeaderSvixSignature), "v1,garbage"}
	assert.NoError(t, s.Verify(multi, body))
}

// The signature entry is split like strings.Split(entry, ",") and only the
// second field is compared, so trailing fields are ignored.
// A failed check also says whether the header held a v1 signature of the
// right length at all (noEntry), including for a header of exactly one
// entry's length, which is taken whole without looking for separators.
func TestSvixVerify_SignatureEntryParsing(t *testing.T) {
	now := time.Unix(1614265330, 0)
	s, err := verify.NewSvix(vector1Secret, fixedClock(now))
	require.NoError(t, err)
	body := []byte(`{"test": 2432232314}`)
	good := "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
	b64 := strings.TrimPrefix(good, "v1,")
	wrong := strings.Repeat("A", len(b64)-1) + "="
	const ok, noEntry, mismatch = "", "no v1 signature of the right length", "no v1 signature matches"
	for _, tc := range []struct{ sig, want string }{
		{good, ok},
		{good + ",trailing", ok},
		{good + ",", ok},
		{"v2,x " + good, ok},
		{good + " v2,x", ok},
		{"  " + good, ok}, // empty entries are skipped
		{good + "  ", ok}, // trailing empty entries too
		{"v1,x  " + good, ok},
		{"v1,," + b64, noEntry}, // the second field is empty
		{"V1," + b64, noEntry},  // versions are case-sensitive
		{" v1 ," + b64, noEntry},
		{"v1, " + b64, noEntry},
		{"v1," + b64 + " ", ok},
		{"v1," + b64 + "\t", noEntry},
		{"v1," + strings.TrimSuffix(b64, "="), noEntry},
		{"v1," + strings.ToLower(b64), mismatch},
		{"v1\t" + b64, noEntry},
		{",", noEntry},
		{"v1", noEntry},
		{" ", noEntry},
		{"v1," + wrong, mismatch},
		{"v1," + wrong + " v1," + wrong, mismatch},
		{"v1," + b64[:20] + " " + b64[21:], noEntry}, // two short entries
		{"v1," + b64[:20] + "," + b64[21:], noEntry}, // a short signature and an ignored field
		{"v1," + b64[:43] + " ", noEntry},
		{"v1," + b64[:43], noEntry},
	} {
		t.Run(tc.sig, func(t *testing.T) {
			h := http.Header{
				verify.HeaderSvixID:        {"msg_p5jXN8AQM9LWM0D4loKWxJek"},
				verify.HeaderSvixTimestamp: {"1614265330"},
				verify.HeaderSvixSignature: {tc.sig},
			}
			err := s.Verify(h, body)
			if tc.want == ok {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, verify.ErrNoMatchingSignature)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// Ids longer than the internal staging buffer are hashed in pieces; the
// result must not depend on the id's length.
func TestSvixVerify_LongIDs(t *testing.T) {
	now := time.Now()
	s, err := verify.NewSvix(vector1Secret)
	require.NoError(t, err)
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(vector1Secret, "whsec_"))
	require.NoError(t, err)
	for _, n := range []int{0, 1, 233, 234, 235, 255, 256, 257, 511, 512, 513, 4000} {
		id := strings.Repeat("i", n)
		body := []byte("body")
		want := referenceSvixSignature(key, id, now.Unix(), body)
		assert.Equal(t, "v1,"+want, s.Sign(id, now, body), "len(id)=%d", n)
		if n > 0 {
			assert.NoError(t, s.Verify(s.SignedHeader(id, now, body), body))
		}
	}
}

func TestSvixVerify_KeyRotation(t *testing.T) {
	const oldSecret, newSecret = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", vector1Secret
	now := time.Now()
	body := []byte(`{"rotated":true}`)

	sender, err := verify.NewSvix(newSecret, verify.WithAdditionalSecrets(oldSecret))
	require.NoError(t, err)
	sig := sender.Sign("msg_1", now, body)
	entries := strings.Split(sig, " ")
	require.Len(t, entries, 2, "one entry per secret")
	onlyNew, err := verify.NewSvix(newSecret)
	require.NoError(t, err)
	onlyOld, err := verify.NewSvix(oldSecret)
	require.NoError(t, err)
	assert.Equal(t, onlyNew.Sign("msg_1", now, body), entries[0], "primary first")
	assert.Equal(t, onlyOld.Sign("msg_1", now, body), entries[1])

	// A receiver that knows only one of the secrets accepts the dual signature.
	assert.NoError(t, onlyOld.Verify(sender.SignedHeader("msg_1", now, body), body))
	assert.NoError(t, onlyNew.Verify(sender.SignedHeader("msg_1", now, body), body))
	// A receiver that knows both accepts either single signature.
	assert.NoError(t, sender.Verify(onlyOld.SignedHeader("msg_1", now, body), body))
	assert.NoError(t, sender.Verify(onlyNew.SignedHeader("msg_1", now, body), body))

	stranger, err := verify.NewSvix("whsec_" + base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{7}, 32)))
	require.NoError(t, err)
	assert.ErrorIs(t, sender.Verify(stranger.SignedHeader("msg_1", now, body), body), verify.ErrNoMatchingSignature)
}

func TestSvixVerify_DoesNotModifyBody(t *testing.T) {
	s, err := verify.NewSvix(vector1Secret)
	require.NoError(t, err)
	body := []byte(`{"x":"` + strings.Repeat("y", 1000) + `"}`)
	orig := bytes.Clone(body)
	now := time.Now()
	require.NoError(t, s.Verify(s.SignedHeader("msg_1", now, body), body))
	_ = s.Verify(s.SignedHeader("msg_2", now, body), body[:10])
	assert.Equal(t, orig, body)
}

func TestSvixSignedRequest(t *testing.T) {
	s, err := verify.NewSvix(vector1Secret)
	require.NoError(t, err)
	now := time.Now()
	body := []byte(`{"type":"ping"}`)
	req, err := s.SignedRequest("https://example.com/hooks", "msg_1", now, body)
	require.NoError(t, err)
	assert.Equal(t, http.MethodPost, req.Method)
	assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
	assert.Equal(t, "msg_1", req.Header.Get("svix-id"))
	assert.Equal(t, strconv.FormatInt(now.Unix(), 10), req.Header.Get("svix-timestamp"))
	got, err := io.ReadAll(req.Body)
	require.NoError(t, err)
	assert.Equal(t, body, got)
	assert.NoError(t, s.Verify(req.Header, got))

	_, err = s.SignedRequest("://bad url", "msg_1", now, body)
	assert.Error(t, err)
}
