package verify_test

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	svix "github.com/svix/svix-webhooks/go"

	"github.com/typedhooks/typedhooks/verify"
)

// svixCategory maps the error messages of the svix library's Verify to our
// sentinels.
var svixCategory = map[string]error{
	"Missing Required Headers":    verify.ErrMissingHeaders,
	"Invalid Signature Headers":   verify.ErrInvalidHeaders,
	"No matching signature found": verify.ErrNoMatchingSignature,
	"Message timestamp too old":   verify.ErrTimestampTooOld,
	"Message timestamp too new":   verify.ErrTimestampTooNew,
}

// bothVerdicts runs the svix library and our verifier on the same request.
// Both read the wall clock; the verdicts are only comparable if both ran in
// the same wall-clock second (every tolerance decision flips on a second
// boundary), so the pair is re-run until that holds.
func bothVerdicts(t testing.TB, secret string, h http.Header, body []byte) (svixErr, ourErr error) {
	t.Helper()
	wh, err := svix.NewWebhook(secret)
	require.NoError(t, err)
	ours, err := verify.NewSvix(secret)
	require.NoError(t, err)
	for range 10 {
		start := time.Now()
		svixErr = wh.Verify(body, h)
		var res verify.Result
		res, ourErr = ours.VerifyResult(h, body)
		if time.Now().Unix() == start.Unix() {
			if ourErr == nil {
				// The library reads svix-* when all three are set, else
				// webhook-*; the id reported must be the one it verified.
				want := h.Get("svix-id")
				if want == "" || h.Get("svix-timestamp") == "" || h.Get("svix-signature") == "" {
					want = h.Get("webhook-id")
				}
				require.Equal(t, want, res.ID, "VerifyResult reports the id of the verified set\nheaders: %q", h)
			}
			return svixErr, ourErr
		}
	}
	t.Fatal("could not run both verifiers within one wall-clock second")
	return nil, nil
}

// requireSameVerdict fails unless both verifiers accept, or both reject with
// corresponding errors. It returns the common verdict: nil or a sentinel.
func requireSameVerdict(t testing.TB, secret string, h http.Header, body []byte, what string) error {
	t.Helper()
	svixErr, ourErr := bothVerdicts(t, secret, h, body)
	if svixErr == nil {
		require.NoError(t, ourErr, "%s: svix accepts, we reject\nheaders: %q", what, h)
		return nil
	}
	want, known := svixCategory[svixErr.Error()]
	require.True(t, known, "%s: unexpected svix error %v", what, svixErr)
	require.ErrorIs(t, ourErr, want, "%s: svix says %q\nheaders: %q", what, svixErr, h)
	return want
}

type diffCase struct {
	secret string
	id     string
	ts     int64
	body   []byte
	sig    string // svix's signature header value for the above
}

func (c diffCase) header() http.Header {
	return http.Header{
		verify.HeaderSvixID:        {c.id},
		verify.HeaderSvixTimestamp: {strconv.FormatInt(c.ts, 10)},
		verify.HeaderSvixSignature: {c.sig},
	}
}

func randomBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return b
}

func randomString(r *rand.Rand, alphabet string, min, max int) string {
	n := min + r.IntN(max-min+1)
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

const idAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"

// timestampOffsets are the signing times tried relative to now, concentrated
// around the tolerance boundaries.
var timestampOffsets = []int64{0, -1, 1, -299, 299, -300, 300, -301, 301, -302, 302, -3600, 3600, -86400 * 400, 86400 * 400}

func randomDiffCase(t testing.TB, r *rand.Rand) diffCase {
	t.Helper()
	key := randomBytes(r, 24+r.IntN(41))
	secret := base64.StdEncoding.EncodeToString(key)
	if r.IntN(2) == 0 {
		secret = "whsec_" + secret
	}
	id := "msg_" + randomString(r, idAlphabet, 10, 40)
	if r.IntN(8) == 0 {
		id = string(randomBytes(r, 1+r.IntN(300))) // arbitrary bytes, even dots and commas
		if id[0] == 0 {
			id = "x" + id
		}
	}
	offset := timestampOffsets[r.IntN(len(timestampOffsets))]
	if r.IntN(3) != 0 {
		offset = r.Int64N(580) - 290 // most mutations only matter inside the window
	}
	var body []byte
	switch r.IntN(4) {
	case 0:
		body = nil
	case 1:
		body = randomBytes(r, r.IntN(3000))
	default:
		body = fmt.Appendf(nil, `{"type":"user.created","data":{"id":"%s","n":%d}}`, randomString(r, idAlphabet, 0, 2000), r.Int64())
	}
	ts := time.Now().Unix() + offset
	wh, err := svix.NewWebhook(secret)
	require.NoError(t, err)
	sig, err := wh.Sign(id, time.Unix(ts, 0), body)
	require.NoError(t, err)
	return diffCase{secret: secret, id: id, ts: ts, body: body, sig: sig}
}

// mutation derives a request from a correctly signed one.
type mutation struct {
	name  string
	apply func(r *rand.Rand, c diffCase) (secret string, h http.Header, body []byte)
}

func headerMutation(name string, f func(r *rand.Rand, c diffCase, h http.Header)) mutation {
	return mutation{name, func(r *rand.Rand, c diffCase) (string, http.Header, []byte) {
		h := c.header()
		f(r, c, h)
		return c.secret, h, c.body
	}}
}

func bodyMutation(name string, f func(r *rand.Rand, body []byte) []byte) mutation {
	return mutation{name, func(r *rand.Rand, c diffCase) (string, http.Header, []byte) {
		return c.secret, c.header(), f(r, append([]byte(nil), c.body...))
	}}
}

func tsText(name string, f func(ts string) string) mutation {
	return headerMutation("timestamp/"+name, func(_ *rand.Rand, c diffCase, h http.Header) {
		h[verify.HeaderSvixTimestamp] = []string{f(strconv.FormatInt(c.ts, 10))}
	})
}

func sigText(name string, f func(r *rand.Rand, sig string) string) mutation {
	return headerMutation("signature/"+name, func(r *rand.Rand, c diffCase, h http.Header) {
		h[verify.HeaderSvixSignature] = []string{f(r, c.sig)}
	})
}

// flipBase64Char changes one character of the base64 part of a "v1,..." entry.
func flipBase64Char(r *rand.Rand, sig string) string {
	b := []byte(sig)
	i := 3 + r.IntN(len(b)-3)
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
	for {
		c := alphabet[r.IntN(len(alphabet))]
		if c != b[i] {
			b[i] = c
			return string(b)
		}
	}
}

func randomV1Entry(r *rand.Rand) string {
	return "v1," + base64.StdEncoding.EncodeToString(randomBytes(r, 32))
}

func moveTo(h http.Header, from, to string) {
	h[to] = h[from]
	delete(h, from)
}

var svixMutations = []mutation{
	{"unchanged", func(_ *rand.Rand, c diffCase) (string, http.Header, []byte) { return c.secret, c.header(), c.body }},

	bodyMutation("body/flip_bit", func(r *rand.Rand, b []byte) []byte {
		if len(b) == 0 {
			return []byte{0}
		}
		b[r.IntN(len(b))] ^= 1 << r.IntN(8)
		return b
	}),
	bodyMutation("body/append_newline", func(_ *rand.Rand, b []byte) []byte { return append(b, '\n') }),
	bodyMutation("body/drop_last", func(_ *rand.Rand, b []byte) []byte {
		if len(b) == 0 {
			return b
		}
		return b[:len(b)-1]
	}),
	bodyMutation("body/empty", func(_ *rand.Rand, _ []byte) []byte { return nil }),

	headerMutation("id/append_dot", func(_ *rand.Rand, c diffCase, h http.Header) { h[verify.HeaderSvixID] = []string{c.id + "."} }),
	headerMutation("id/leading_space", func(_ *rand.Rand, c diffCase, h http.Header) { h[verify.HeaderSvixID] = []string{" " + c.id} }),
	headerMutation("id/upper", func(_ *rand.Rand, c diffCase, h http.Header) {
		h[verify.HeaderSvixID] = []string{strings.ToUpper(c.id)}
	}),
	headerMutation("id/empty", func(_ *rand.Rand, _ diffCase, h http.Header) { h[verify.HeaderSvixID] = []string{""} }),
	headerMutation("id/moved_into_timestamp", func(_ *rand.Rand, c diffCase, h http.Header) {
		// "a.b" + "." + "c" == "a" + "." + "b.c": the scheme's ambiguity.
		h[verify.HeaderSvixID] = []string{c.id + "." + strconv.FormatInt(c.ts, 10)}
	}),

	tsText("plus", func(ts string) string { return "+" + ts }),
	tsText("leading_zero", func(ts string) string { return "0" + ts }),
	tsText("leading_zeros", func(ts string) string { return "000" + ts }),
	tsText("leading_space", func(ts string) string { return " " + ts }),
	tsText("trailing_space", func(ts string) string { return ts + " " }),
	tsText("trailing_letter", func(ts string) string { return ts + "x" }),
	tsText("decimal_point", func(ts string) string { return ts + ".0" }),
	tsText("minus", func(ts string) string { return "-" + ts }),
	tsText("plus_minus", func(ts string) string { return "+-" + ts }),
	tsText("hex", func(ts string) string { return "0x" + ts }),
	tsText("underscore", func(ts string) string { return ts[:2] + "_" + ts[2:] }),
	tsText("empty", func(string) string { return "" }),
	tsText("word", func(string) string { return "hello" }),
	tsText("overflow", func(ts string) string { return "9" + ts + "99999999999" }),
	tsText("plus_one", func(ts string) string {
		n, _ := strconv.ParseInt(ts, 10, 64)
		return strconv.FormatInt(n+1, 10)
	}),
	tsText("minus_one", func(ts string) string {
		n, _ := strconv.ParseInt(ts, 10, 64)
		return strconv.FormatInt(n-1, 10)
	}),
	tsText("milliseconds", func(ts string) string { return ts + "000" }),
	tsText("arabic_digit", func(ts string) string { return ts + "٣" }),

	sigText("flip_char", func(r *rand.Rand, s string) string { return flipBase64Char(r, s) }),
	sigText("decoys_around", func(r *rand.Rand, s string) string {
		return randomV1Entry(r) + " " + s + " " + randomV1Entry(r)
	}),
	sigText("decoys_only", func(r *rand.Rand, _ string) string { return randomV1Entry(r) + " " + randomV1Entry(r) }),
	sigText("v2", func(_ *rand.Rand, s string) string { return "v2," + strings.TrimPrefix(s, "v1,") }),
	sigText("v1a", func(_ *rand.Rand, s string) string { return "v1a," + strings.TrimPrefix(s, "v1,") }),
	sigText("V1", func(_ *rand.Rand, s string) string { return "V1," + strings.TrimPrefix(s, "v1,") }),
	sigText("v2_then_v1", func(_ *rand.Rand, s string) string { return "v2,abc " + s }),
	sigText("trailing_field", func(_ *rand.Rand, s string) string { return s + ",extra" }),
	sigText("trailing_comma", func(_ *rand.Rand, s string) string { return s + "," }),
	sigText("double_comma", func(_ *rand.Rand, s string) string { return "v1,," + strings.TrimPrefix(s, "v1,") }),
	sigText("comma_inside", func(_ *rand.Rand, s string) string { return s[:10] + "," + s[10:] }),
	sigText("leading_spaces", func(_ *rand.Rand, s string) string { return "  " + s }),
	sigText("trailing_spaces", func(_ *rand.Rand, s string) string { return s + "  " }),
	sigText("double_space_between", func(r *rand.Rand, s string) string { return randomV1Entry(r) + "  " + s }),
	sigText("tab_between", func(r *rand.Rand, s string) string { return randomV1Entry(r) + "\t" + s }),
	sigText("space_after_comma", func(_ *rand.Rand, s string) string { return "v1, " + strings.TrimPrefix(s, "v1,") }),
	sigText("no_padding", func(_ *rand.Rand, s string) string { return strings.TrimRight(s, "=") }),
	sigText("lowercase", func(_ *rand.Rand, s string) string { return strings.ToLower(s) }),
	sigText("truncated", func(r *rand.Rand, s string) string { return s[:r.IntN(len(s))] }),
	sigText("partial", func(*rand.Rand, string) string { return "v1," }),
	sigText("only_space", func(*rand.Rand, string) string { return " " }),
	sigText("url_alphabet", func(_ *rand.Rand, s string) string {
		return strings.NewReplacer("+", "-", "/", "_").Replace(s)
	}),
	sigText("twice", func(_ *rand.Rand, s string) string { return s + " " + s }),

	{"secret/other", func(r *rand.Rand, c diffCase) (string, http.Header, []byte) {
		return base64.StdEncoding.EncodeToString(randomBytes(r, 32)), c.header(), c.body
	}},

	headerMutation("brand/webhook_only", func(_ *rand.Rand, _ diffCase, h http.Header) {
		moveTo(h, verify.HeaderSvixID, verify.HeaderWebhookID)
		moveTo(h, verify.HeaderSvixTimestamp, verify.HeaderWebhookTimestamp)
		moveTo(h, verify.HeaderSvixSignature, verify.HeaderWebhookSignature)
	}),
	headerMutation("brand/svix_id_empty_webhook_full", func(_ *rand.Rand, c diffCase, h http.Header) {
		h[verify.HeaderWebhookID] = []string{c.id}
		h[verify.HeaderWebhookTimestamp] = h[verify.HeaderSvixTimestamp]
		h[verify.HeaderWebhookSignature] = h[verify.HeaderSvixSignature]
		h[verify.HeaderSvixID] = []string{""}
	}),
	headerMutation("brand/svix_timestamp_missing_webhook_partial", func(_ *rand.Rand, _ diffCase, h http.Header) {
		moveTo(h, verify.HeaderSvixTimestamp, verify.HeaderWebhookTimestamp)
	}),
	headerMutation("brand/svix_full_webhook_garbage", func(r *rand.Rand, c diffCase, h http.Header) {
		h[verify.HeaderWebhookID] = []string{"other"}
		h[verify.HeaderWebhookTimestamp] = []string{"1"}
		h[verify.HeaderWebhookSignature] = []string{randomV1Entry(r)}
	}),
	headerMutation("brand/svix_garbage_webhook_good", func(r *rand.Rand, c diffCase, h http.Header) {
		h[verify.HeaderWebhookID] = h[verify.HeaderSvixID]
		h[verify.HeaderWebhookTimestamp] = h[verify.HeaderSvixTimestamp]
		h[verify.HeaderWebhookSignature] = h[verify.HeaderSvixSignature]
		h[verify.HeaderSvixSignature] = []string{randomV1Entry(r)}
	}),
	headerMutation("brand/non_canonical_keys", func(_ *rand.Rand, _ diffCase, h http.Header) {
		moveTo(h, verify.HeaderSvixID, "svix-id")
		moveTo(h, verify.HeaderSvixTimestamp, "svix-timestamp")
		moveTo(h, verify.HeaderSvixSignature, "svix-signature")
	}),
	headerMutation("brand/first_value_empty", func(_ *rand.Rand, c diffCase, h http.Header) {
		h[verify.HeaderSvixSignature] = []string{"", c.sig}
	}),
	headerMutation("brand/second_value_garbage", func(r *rand.Rand, c diffCase, h http.Header) {
		h[verify.HeaderSvixSignature] = []string{c.sig, randomV1Entry(r)}
	}),
	headerMutation("brand/no_values", func(_ *rand.Rand, _ diffCase, h http.Header) {
		h[verify.HeaderSvixID] = []string{}
	}),
}

// TestSvixDifferential checks, for many random signed requests and mutations
// of them, that we accept exactly the requests the official svix library
// accepts, and reject the others for the corresponding reason.
func TestSvixDifferential(t *testing.T) {
	const seed = 20261122
	r := rand.New(rand.NewPCG(seed, seed))
	cases := 300
	verdicts := map[error]int{}
	if testing.Short() {
		cases = 50
	}
	for i := range cases {
		c := randomDiffCase(t, r)
		offset := c.ts - time.Now().Unix()
		if offset > -299 && offset < 299 {
			// Everything svix signs now, we accept now.
			ours, err := verify.NewSvix(c.secret)
			require.NoError(t, err)
			require.NoError(t, ours.Verify(c.header(), c.body), "case %d (seed %d)", i, seed)
		}
		for _, m := range svixMutations {
			secret, h, body := m.apply(r, c)
			verdicts[requireSameVerdict(t, secret, h, body, fmt.Sprintf("case %d (seed %d, offset %ds) %s", i, seed, offset, m.name))]++
		}
	}
	// The comparison is only meaningful if every outcome actually occurred.
	for _, want := range []error{nil, verify.ErrMissingHeaders, verify.ErrInvalidHeaders, verify.ErrNoMatchingSignature, verify.ErrTimestampTooOld, verify.ErrTimestampTooNew} {
		require.Positive(t, verdicts[want], "no case ended in %v", want)
	}
	t.Logf("verdicts: %v", verdicts)
}
