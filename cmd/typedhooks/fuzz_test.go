package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/typedhooks/typedhooks/internal/kit"
	"github.com/typedhooks/typedhooks/typedhookstest"
	"github.com/typedhooks/typedhooks/verify"
)

// FuzzDiagnose holds verify's diagnosis to the verifiers: it never panics,
// never prints the secret (unless the secret is in a header value it
// quotes), says "" (ok) exactly when the verifier accepts the delivery, and
// explains every rejection. names picks the header names the Svix values
// travel under: svix-*, webhook-*, webhook-* with a stray svix-id, or the
// two sets mixed.
func FuzzDiagnose(f *testing.F) {
	now := time.Unix(1_800_000_000, 0)
	for _, p := range []string{"stytch", "dynamic"} {
		secret := secretFor(p)
		body := typedhookstest.Body("stytch", "direct.user.create")
		if p == "dynamic" {
			body = typedhookstest.Body(p, "ping")
		}
		h, _ := kit.SignAt(p, secret, "msg_1", now, body)
		for names := range uint8(4) {
			f.Add(p == "dynamic", secret, body, h.Get("Svix-Id"), h.Get("Svix-Timestamp"), h.Get("Svix-Signature"), h.Get("X-Dynamic-Signature-256"), names)
		}
	}
	f.Add(false, "whsec_%%", []byte(`{}`), "", "", "v1,", "", uint8(0))
	f.Add(true, "dyn_x", []byte(`{"a": 1}`), "", "", "", "sha256=00", uint8(0))
	// A secret that is part of a malformed header value, which the message
	// quotes (found by the fuzzer).
	f.Add(true, "00000000000000", []byte(`{}`), "0", "0", "", "sha256=00000000000000000000000X0000000000000000000000000000000000000000", uint8(0))
	f.Fuzz(func(t *testing.T, dynamic bool, secret string, body []byte, id, ts, sig, dsig string, names uint8) {
		provider := "stytch"
		if dynamic {
			provider = "dynamic"
		}
		svixNames := [3]string{"Svix-Id", "Svix-Timestamp", "Svix-Signature"}
		webhookNames := [3]string{"Webhook-Id", "Webhook-Timestamp", "Webhook-Signature"}
		set := func(h http.Header, name, v string) {
			if v != "" {
				h.Set(name, v)
			}
		}
		h := http.Header{}
		for i, v := range [3]string{id, ts, sig} {
			switch names % 4 {
			case 0:
				set(h, svixNames[i], v)
			case 1:
				set(h, webhookNames[i], v)
			case 2:
				set(h, webhookNames[i], v)
				set(h, "Svix-Id", "msg_stray")
			case 3:
				set(h, [2][3]string{svixNames, webhookNames}[i%2][i], v)
			}
		}
		set(h, "X-Dynamic-Signature-256", dsig)
		msg := diagnose(provider, secret, body, h, now, verify.DefaultTolerance)
		if len(secret) >= 8 && strings.Contains(msg, secret) && !strings.Contains(id+ts+sig+dsig, secret) {
			t.Fatalf("the message prints the secret: %s", msg)
		}
		var v verify.Verifier
		var err error
		if dynamic {
			v, err = verify.NewDynamic(secret)
		} else {
			v, err = verify.NewSvix(secret, verify.WithClock(func() time.Time { return now }))
		}
		accepted := err == nil && v.Verify(h, body) == nil
		if accepted != (msg == "") {
			t.Fatalf("verifier accepted=%v, diagnosis %q", accepted, msg)
		}
	})
}
