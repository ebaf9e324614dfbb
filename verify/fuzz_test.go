package verify_test

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	svix "github.com/svix/svix-webhooks/go"

	"github.com/typedhooks/typedhooks/verify"
)

// FuzzSvixVerify compares our verifier with the svix library on requests
// built from templates: in tsTemplate "{ts}" stands for now+offset, and in
// sigTemplate "{sig}" stands for svix's own signature of the request (over
// the parsed timestamp), so that the fuzzer explores the neighbourhood of
// valid requests rather than only garbage. brand picks which header names
// carry the values.
func FuzzSvixVerify(f *testing.F) {
	for _, v := range svixVectors[:3] { // the large payloads add nothing here
		f.Add(v.id, int64(0), "{ts}", "{sig}", []byte(v.payload), uint8(0))
		f.Add(v.id, int64(0), "{ts}", v.signature, []byte(v.payload), uint8(0))
	}
	v := svixVectors[0]
	for _, sig := range []string{
		"v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= {sig}",
		"v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=",
		"v1,dawfeoifkpqwoekfpqoekf",
		"v1,",
		"v2,{sig}",
		"{sig},extra",
		"  {sig}  ",
	} {
		f.Add(v.id, int64(0), "{ts}", sig, []byte(v.payload), uint8(0))
	}
	for _, ts := range []string{"hello", "+{ts}", "0{ts}", " {ts}", "{ts}.0", "-1", ""} {
		f.Add(v.id, int64(0), ts, "{sig}", []byte(v.payload), uint8(0))
	}
	for _, offset := range []int64{-301, -300, -299, 299, 300, 301} {
		f.Add(v.id, offset, "{ts}", "{sig}", []byte(v.payload), uint8(0))
	}
	for brand := range uint8(5) {
		f.Add(v.id, int64(0), "{ts}", "{sig}", []byte(v.payload), brand)
	}
	f.Add("", int64(0), "{ts}", "{sig}", []byte{}, uint8(0))

	f.Fuzz(func(t *testing.T, id string, offset int64, tsTemplate, sigTemplate string, body []byte, brand uint8) {
		wh, err := svix.NewWebhook(v.secret)
		require.NoError(t, err)
		offset %= 3600 // keep now+offset meaningful
		ts := strings.ReplaceAll(tsTemplate, "{ts}", strconv.FormatInt(time.Now().Unix()+offset, 10))
		sig := sigTemplate
		if strings.Contains(sig, "{sig}") {
			unix, err := strconv.ParseInt(ts, 10, 64)
			if err != nil {
				unix = time.Now().Unix() + offset
			}
			real, err := wh.Sign(id, time.Unix(unix, 0), body)
			require.NoError(t, err)
			sig = strings.ReplaceAll(sig, "{sig}", real)
		}
		h := http.Header{}
		names := [2][3]string{
			{verify.HeaderSvixID, verify.HeaderSvixTimestamp, verify.HeaderSvixSignature},
			{verify.HeaderWebhookID, verify.HeaderWebhookTimestamp, verify.HeaderWebhookSignature},
		}
		values := [3]string{id, ts, sig}
		for i := range 3 {
			switch brand % 5 {
			case 0: // svix-*
				h[names[0][i]] = []string{values[i]}
			case 1: // webhook-*
				h[names[1][i]] = []string{values[i]}
			case 2: // both, svix-* blank for the id
				h[names[1][i]] = []string{values[i]}
				if i > 0 {
					h[names[0][i]] = []string{values[i]}
				}
			case 3: // alternate
				h[names[i%2][i]] = []string{values[i]}
			case 4: // both complete, webhook-* garbage
				h[names[0][i]] = []string{values[i]}
				h[names[1][i]] = []string{"x"}
			}
		}
		orig := bytes.Clone(body)
		requireSameVerdict(t, v.secret, h, body, "fuzz")
		assert.Equal(t, orig, body, "Verify must not modify the body")
	})
}

// FuzzDynamicVerify checks that Dynamic signs like an independent HMAC, that
// its own signatures verify and nothing else does, and that no header value
// makes it panic.
func FuzzDynamicVerify(f *testing.F) {
	f.Add("It's a Secret to Everybody", []byte("Hello, World!"), "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
	f.Add(dynamicSecret, []byte(`{"messageId":"d487290b-9bbd-4b50-a5f5-6620634c8dd9"}`), "sha256=9c1eade367c30f371990918b8d79ecdd86ea2c8042849a1c22c94ad50b7d98fe")
	f.Add(dynamicSecret, []byte{}, "sha256=")
	f.Add("s", []byte("{}"), "SHA256=9C1EADE367C30F371990918B8D79ECDD86EA2C8042849A1C22C94AD50B7D98FE")
	f.Add("", []byte("{}"), "")

	f.Fuzz(func(t *testing.T, secret string, body []byte, header string) {
		d, err := verify.NewDynamic(secret)
		if secret == "" {
			require.ErrorIs(t, err, verify.ErrInvalidSecret)
			return
		}
		require.NoError(t, err)
		want := referenceDynamicSignature(secret, body)
		require.Equal(t, want, d.Sign(body))
		require.NoError(t, d.Verify(d.SignedHeader(body), body))
		require.ErrorIs(t, d.Verify(d.SignedHeader(body), append(bytes.Clone(body), 0)), verify.ErrNoMatchingSignature)

		err = d.Verify(http.Header{verify.HeaderDynamicSignature: {header}}, body)
		if header == want {
			require.NoError(t, err)
		} else {
			require.Error(t, err, "only the exact signature is accepted")
			sentinels := []error{verify.ErrMissingHeaders, verify.ErrInvalidHeaders, verify.ErrNoMatchingSignature}
			assert.True(t, errorIsAny(err, sentinels), "unexpected error %v", err)
		}
	})
}
