package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/internal/kit"
	"github.com/typedhooks/typedhooks/typedhookstest"
)

const otherSvixSecret = "whsec_c29tZW9uZS1lbHNlcy1zZWNyZXQtMTIzNDU2"

func writeBody(t *testing.T, body []byte) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "body.json")
	require.NoError(t, os.WriteFile(name, body, 0o600))
	return name
}

// headerArgs turns h into --header flags.
func headerArgs(h http.Header) []string {
	var args []string
	for name, values := range h {
		for _, v := range values {
			args = append(args, "--header", name+": "+v)
		}
	}
	return args
}

func svixHeader(t *testing.T, secret string, at time.Time, body []byte) http.Header {
	t.Helper()
	h, err := kit.SignAt("stytch", secret, "msg_test", at, body)
	require.NoError(t, err)
	return h
}

func compactJSON(t *testing.T, body []byte) []byte {
	var b bytes.Buffer
	require.NoError(t, json.Compact(&b, body))
	return b.Bytes()
}

// TestVerify_Diagnoses runs verify on deliveries that are wrong in one way
// each: every one gets its own message, exit status 1, and none prints the
// secret.
func TestVerify_Diagnoses(t *testing.T) {
	now := time.Now()
	body := typedhookstest.Body("stytch", "direct.user.create") // indented, as documented
	compact := compactJSON(t, body)
	good := svixHeader(t, typedhookstest.SvixSecret, now, body)
	without := func(name string) http.Header {
		h := good.Clone()
		h.Del(name)
		return h
	}
	with := func(name, value string) http.Header {
		h := good.Clone()
		h.Set(name, value)
		return h
	}
	webhookNames := http.Header{
		"Webhook-Id":        good["Svix-Id"],
		"Webhook-Timestamp": good["Svix-Timestamp"],
		"Webhook-Signature": good["Svix-Signature"],
	}
	dynBody := typedhookstest.Body("dynamic", "wallet.delegation.created")
	dynGood := typedhookstest.Header("dynamic", typedhookstest.DynamicSecret, dynBody)
	dynCompact := compactJSON(t, dynBody)

	cases := []struct {
		name     string
		provider string
		secret   string
		body     []byte
		header   http.Header
		extra    []string
		want     []string // substrings of the message; nil means it verifies
	}{
		{"verifies", "stytch", typedhookstest.SvixSecret, body, good, nil, nil},
		{"webhook-* names verify", "stytch", typedhookstest.SvixSecret, body, webhookNames, nil, nil},
		// As verify.Svix (and so a dispatcher) decides: a complete webhook-*
		// set is verified alone when the svix-* set is not complete.
		{"webhook-* names and a stray svix-id verify", "stytch", typedhookstest.SvixSecret, body, merge(webhookNames, http.Header{"Svix-Id": {"msg_stray"}}), nil, nil},
		{"complete svix-* set is verified, not the webhook-* set", "stytch", typedhookstest.SvixSecret, body, merge(with("Svix-Signature", "v1,AAAA"), webhookNames), nil, []string{"made with another secret"}},
		{"missing timestamp", "stytch", typedhookstest.SvixSecret, body, without("Svix-Timestamp"), nil, []string{"missing header svix-timestamp"}},
		{"missing id and signature", "crossmint", typedhookstest.SvixSecret, body, without("Svix-Id").Clone(), nil, []string{"missing header svix-id"}},
		{"empty signature", "stytch", typedhookstest.SvixSecret, body, with("Svix-Signature", ""), nil, []string{"empty header svix-signature"}},
		{"no headers", "stytch", typedhookstest.SvixSecret, body, http.Header{}, nil, []string{"missing headers svix-id, svix-timestamp and svix-signature"}},
		{"Dynamic header to a Svix provider", "stytch", typedhookstest.SvixSecret, dynBody, dynGood, nil, []string{"x-dynamic-signature-256", "provider dynamic"}},
		{"secret not base64", "stytch", "whsec_not*base64!", body, good, nil, []string{"not a valid Svix signing secret", "base64"}},
		{"Dynamic secret to a Svix provider", "credentials", "dyn_5LqRXtZsXit7Cjt9KktC8EGywoSkGSbGqtTud", body, good, nil, []string{"looks like a Dynamic secret", "credentials delivers through Svix"}},
		{"timestamp too old", "stytch", typedhookstest.SvixSecret, body, svixHeader(t, typedhookstest.SvixSecret, now.Add(-10*time.Minute-30*time.Second), body), nil, []string{"is 10m3", "s in the past", "5m0s tolerance"}},
		{"old timestamp within a larger tolerance", "stytch", typedhookstest.SvixSecret, body, svixHeader(t, typedhookstest.SvixSecret, now.Add(-10*time.Minute), body), []string{"--tolerance", "1h"}, nil},
		{"timestamp in the future", "stytch", typedhookstest.SvixSecret, body, svixHeader(t, typedhookstest.SvixSecret, now.Add(7*time.Minute+30*time.Second), body), nil, []string{"is 7m", "s in the future", "clock"}},
		{"timestamp not a number", "stytch", typedhookstest.SvixSecret, body, with("Svix-Timestamp", "yesterday"), nil, []string{`svix-timestamp "yesterday" is not a Unix time`}},
		{"no v1 signature", "stytch", typedhookstest.SvixSecret, body, with("Svix-Signature", "v1a,abc"), nil, []string{"holds no v1 signature"}},
		{"signed compact, given indented", "stytch", typedhookstest.SvixSecret, body, svixHeader(t, typedhookstest.SvixSecret, now, compact), nil, []string{"re-serialized", "compact form"}},
		{"signed as documented, given compact", "stytch", typedhookstest.SvixSecret, compact, good, nil, []string{"re-serialized", "indented form"}},
		{"trailing newline lost", "stytch", typedhookstest.SvixSecret, bytes.TrimRight(body, "\n"), good, nil, []string{"re-serialized", "with a trailing newline"}},
		{"another secret", "stytch", typedhookstest.SvixSecret, body, svixHeader(t, otherSvixSecret, now, body), nil, []string{"made with another secret"}},
		{"another secret and an old timestamp", "stytch", typedhookstest.SvixSecret, body, svixHeader(t, otherSvixSecret, now.Add(-time.Hour), body), nil, []string{"made with another secret", "is 1h0m", "s in the past"}},

		{"dynamic verifies", "dynamic", typedhookstest.DynamicSecret, dynBody, dynGood, nil, nil},
		{"dynamic missing header", "dynamic", typedhookstest.DynamicSecret, dynBody, http.Header{}, nil, []string{"missing header x-dynamic-signature-256"}},
		{"dynamic given Svix headers", "dynamic", typedhookstest.DynamicSecret, body, good, nil, []string{"missing header x-dynamic-signature-256", "Svix headers", "provider crossmint or stytch"}},
		{"dynamic empty header", "dynamic", typedhookstest.DynamicSecret, dynBody, http.Header{"X-Dynamic-Signature-256": {""}}, nil, []string{"empty header x-dynamic-signature-256"}},
		{"dynamic malformed header", "dynamic", typedhookstest.DynamicSecret, dynBody, http.Header{"X-Dynamic-Signature-256": {"md5=abc"}}, nil, []string{"not sha256= followed by 64 hex digits"}},
		{"dynamic re-serialized", "dynamic", typedhookstest.DynamicSecret, dynBody, typedhookstest.Header("dynamic", typedhookstest.DynamicSecret, dynCompact), nil, []string{"re-serialized", "compact form"}},
		{"dynamic another secret", "dynamic", "dyn_another_one", dynBody, dynGood, nil, []string{"made with another secret"}},
		{"dynamic given a Svix secret", "dynamic", typedhookstest.SvixSecret, dynBody, dynGood, nil, []string{"made with another secret", "looks like a Svix secret"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"verify", "--secret", c.secret, "--body", writeBody(t, c.body)}, headerArgs(c.header)...)
			args = append(append(args, c.extra...), c.provider)
			res := runCLI(t, "", args...)
			assert.NotContains(t, res.stdout+res.stderr, strings.TrimPrefix(c.secret, "whsec_"), "the secret is never printed")
			assert.NotContains(t, res.stderr, "goroutine")
			if c.want == nil {
				assert.Equal(t, 0, res.code, res.stderr)
				assert.Equal(t, "ok\n", res.stdout)
				assert.Empty(t, res.stderr)
				return
			}
			assert.Equal(t, 1, res.code)
			assert.Empty(t, res.stdout)
			assert.True(t, strings.HasPrefix(res.stderr, "typedhooks verify: "), res.stderr)
			for _, w := range c.want {
				assert.Contains(t, res.stderr, w)
			}
		})
	}
}

// TestVerify_MessagesDiffer: the diagnoses are distinct sentences, not one
// message with different details.
func TestVerify_MessagesDiffer(t *testing.T) {
	now := time.Now()
	body := typedhookstest.Body("crossmint", "users.created")
	secret := typedhookstest.SvixSecret
	run := func(secret string, body []byte, h http.Header) string {
		args := append([]string{"verify", "--secret", secret, "--body", writeBody(t, body)}, headerArgs(h)...)
		res := runCLI(t, "", append(args, "crossmint")...)
		require.Equal(t, 1, res.code)
		return res.stderr
	}
	h := svixHeader(t, secret, now, body)
	h.Del("Svix-Id")
	messages := []string{
		run(secret, body, h),
		run("whsec_%%%", body, svixHeader(t, secret, now, body)),
		run(secret, body, svixHeader(t, secret, now.Add(-time.Hour), body)),
		run(secret, body, svixHeader(t, secret, now, compactJSON(t, body))),
		run(secret, body, svixHeader(t, otherSvixSecret, now, body)),
	}
	seen := map[string]bool{}
	for _, m := range messages {
		first := strings.SplitN(m, ":", 3)[1]
		assert.False(t, seen[first], "same message twice: %s", m)
		seen[first] = true
	}
}

func TestVerify_BodyFromStdinAndFlagsAfter(t *testing.T) {
	body := typedhookstest.Body("crossmint", "users.created")
	h := typedhookstest.Header("crossmint", typedhookstest.SvixSecret, body)
	args := append([]string{"verify", "crossmint", "--secret", typedhookstest.SvixSecret, "--body", "-"}, headerArgs(h)...)
	res := runCLI(t, string(body), args...)
	assert.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, "ok\n", res.stdout)
}

func TestVerify_UsageMistakes(t *testing.T) {
	res := runCLI(t, "", "verify", "--secret", "x", "--body", "-", "--header", "no colon", "dynamic")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "'Name: value'")
	res = runCLI(t, "", "verify", "--secret", "x", "--body", "-", "--tolerance", "-1s", "dynamic")
	assert.Equal(t, 2, res.code)
	res = runCLI(t, "", "verify", "--body", "-", "dynamic")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "--secret is required")
	res = runCLI(t, "", "verify", "--secret", "x", "--body", filepath.Join(t.TempDir(), "nope"), "dynamic")
	assert.Equal(t, 1, res.code)
	assert.Contains(t, res.stderr, "reading the body")
}

func TestTimestampDrift(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	assert.Empty(t, timestampDrift("svix-timestamp", now.Add(-4*time.Minute), now, 5*time.Minute))
	assert.Contains(t, timestampDrift("svix-timestamp", now.Add(-6*time.Minute), now, 5*time.Minute), "svix-timestamp "+strconv.FormatInt(now.Add(-6*time.Minute).Unix(), 10))
	assert.Contains(t, timestampDrift("webhook-timestamp", now.Add(90*time.Second), now, time.Minute), "1m30s in the future")
}

// merge returns the headers of a and b together.
func merge(a, b http.Header) http.Header {
	out := a.Clone()
	for k, v := range b {
		out[k] = v
	}
	return out
}
