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
// never prints the secret, says "" (ok) exactly when the verifier accepts
// the delivery, and explains every rejection.
func FuzzDiagnose(f *testing.F) {
	now := time.Unix(1_800_000_000, 0)
	for _, p := range []string{"stytch", "dynamic"} {
		secret := secretFor(p)
		body := typedhookstest.Body("stytch", "direct.user.create")
		if p == "dynamic" {
			body = typedhookstest.Body(p, "ping")
		}
		h, _ := kit.SignAt(p, secret, "msg_1", now, body)
		f.Add(p == "dynamic", secret, body, h.Get("Svix-Id"), h.Get("Svix-Timestamp"), h.Get("Svix-Signature"), h.Get("X-Dynamic-Signature-256"))
	}
	f.Add(false, "whsec_%%", []byte(`{}`), "", "", "v1,", "")
	f.Add(true, "dyn_x", []byte(`{"a": 1}`), "", "", "", "sha256=00")
	f.Fuzz(func(t *testing.T, dynamic bool, secret string, body []byte, id, ts, sig, dsig string) {
		provider := "stytch"
		if dynamic {
			provider = "dynamic"
		}
		h := http.Header{}
		for name, v := range map[string]string{"Svix-Id": id, "Svix-Timestamp": ts, "Svix-Signature": sig, "X-Dynamic-Signature-256": dsig} {
			if v != "" {
				h.Set(name, v)
			}
		}
		msg := diagnose(provider, secret, body, h, now, verify.DefaultTolerance)
		if len(secret) >= 8 && strings.Contains(msg, secret) {
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
