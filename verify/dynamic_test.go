package verify_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/verify"
)

// dynamicSecret has the shape of the secret in Dynamic's recipe.
const dynamicSecret = "dyn_5LqRXtZsXit7Cjt9KktC8EGywoSkGSbGqtTud[S7AYd{LUTMcS38QRMT"

func referenceDynamicSignature(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

func TestNewDynamic_InvalidSecret(t *testing.T) {
	_, err := verify.NewDynamic("")
	assert.ErrorIs(t, err, verify.ErrInvalidSecret)
	_, err = verify.NewDynamic(dynamicSecret, verify.WithAdditionalSecrets(""))
	require.ErrorIs(t, err, verify.ErrInvalidSecret)
	assert.Contains(t, err.Error(), "additional secret 1")
}

// The secret is the HMAC key as-is: a secret that happens to look like
// base64 or like a Svix secret is not decoded.
func TestDynamic_SecretUsedVerbatim(t *testing.T) {
	for _, secret := range []string{dynamicSecret, vector1Secret, "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "x"} {
		d, err := verify.NewDynamic(secret)
		require.NoError(t, err)
		body := []byte(`{"eventName":"user.created"}`)
		assert.Equal(t, referenceDynamicSignature(secret, body), d.Sign(body))
	}
}

func TestDynamicVerify(t *testing.T) {
	d, err := verify.NewDynamic(dynamicSecret)
	require.NoError(t, err)
	body := []byte(`{"messageId":"d487290b-9bbd-4b50-a5f5-6620634c8dd9","eventName":"user.deleted"}`)
	good := d.Sign(body)
	hexSig := strings.TrimPrefix(good, "sha256=")
	for _, tc := range []struct {
		name  string
		h     http.Header
		want  error
		extra string
	}{
		{"valid", http.Header{verify.HeaderDynamicSignature: {good}}, nil, ""},
		{"valid_set_lowercase", func() http.Header {
			h := http.Header{}
			h.Set("x-dynamic-signature-256", good)
			return h
		}(), nil, ""},
		{"missing", http.Header{}, verify.ErrMissingHeaders, "x-dynamic-signature-256"},
		{"empty", http.Header{verify.HeaderDynamicSignature: {""}}, verify.ErrMissingHeaders, ""},
		{"non_canonical_key", http.Header{"x-dynamic-signature-256": {good}}, verify.ErrMissingHeaders, ""},
		{"no_prefix", http.Header{verify.HeaderDynamicSignature: {hexSig}}, verify.ErrInvalidHeaders, "sha256="},
		{"sha1_prefix", http.Header{verify.HeaderDynamicSignature: {"sha1=" + hexSig}}, verify.ErrInvalidHeaders, ""},
		{"uppercase_prefix", http.Header{verify.HeaderDynamicSignature: {"SHA256=" + hexSig}}, verify.ErrInvalidHeaders, ""},
		{"uppercase_hex", http.Header{verify.HeaderDynamicSignature: {"sha256=" + strings.ToUpper(hexSig)}}, verify.ErrInvalidHeaders, "lowercase"},
		{"short_hex", http.Header{verify.HeaderDynamicSignature: {good[:len(good)-1]}}, verify.ErrInvalidHeaders, ""},
		{"long_hex", http.Header{verify.HeaderDynamicSignature: {good + "0"}}, verify.ErrInvalidHeaders, ""},
		{"not_hex", http.Header{verify.HeaderDynamicSignature: {"sha256=" + strings.Repeat("g", 64)}}, verify.ErrInvalidHeaders, ""},
		{"trailing_space", http.Header{verify.HeaderDynamicSignature: {good + " "}}, verify.ErrInvalidHeaders, ""},
		{"wrong_mac", http.Header{verify.HeaderDynamicSignature: {"sha256=" + strings.Repeat("0", 64)}}, verify.ErrNoMatchingSignature, ""},
		{"first_value_only", http.Header{verify.HeaderDynamicSignature: {"sha256=" + strings.Repeat("0", 64), good}}, verify.ErrNoMatchingSignature, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := d.Verify(tc.h, body)
			if tc.want == nil {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.want)
			assert.Contains(t, err.Error(), tc.extra)
		})
	}
	assert.ErrorIs(t, d.Verify(d.SignedHeader(body), append(bytes.Clone(body), ' ')), verify.ErrNoMatchingSignature)
}

func TestDynamicVerify_KeyRotation(t *testing.T) {
	body := []byte(`{"eventName":"wallet.created"}`)
	both, err := verify.NewDynamic("new-secret", verify.WithAdditionalSecrets("old-secret"))
	require.NoError(t, err)
	old, err := verify.NewDynamic("old-secret")
	require.NoError(t, err)
	assert.NoError(t, both.Verify(old.SignedHeader(body), body))
	assert.NoError(t, both.Verify(both.SignedHeader(body), body))
	assert.Equal(t, referenceDynamicSignature("new-secret", body), both.Sign(body), "Sign uses the primary secret")
	assert.ErrorIs(t, old.Verify(both.SignedHeader(body), body), verify.ErrNoMatchingSignature)
}

func TestDynamicSignedRequest(t *testing.T) {
	d, err := verify.NewDynamic(dynamicSecret)
	require.NoError(t, err)
	body := []byte(`{"eventName":"ping"}`)
	req, err := d.SignedRequest("https://example.com/dynamic", body)
	require.NoError(t, err)
	assert.Equal(t, http.MethodPost, req.Method)
	assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
	got, err := io.ReadAll(req.Body)
	require.NoError(t, err)
	assert.NoError(t, d.Verify(req.Header, got))
}
