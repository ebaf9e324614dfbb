package redisqueue

import (
	"net/http"

	"github.com/typedhooks/typedhooks/verify"
)

// verifiedIdentity returns the delivery id and signing timestamp that v's
// signature check covered, as the header texts, or empty strings when the
// scheme signs none (Dynamic: the event's own key, from the signed body,
// identifies the delivery then).
//
// verify.Svix checks the svix-* set when all three of its headers are set
// and the webhook-* set otherwise, so the id is taken from the same set.
// For verifiers this package does not know, the first of svix-id and
// webhook-id is taken, as package dispatch does.
func verifiedIdentity(v verify.Verifier, h http.Header) (id, ts string) {
	switch v.(type) {
	case *verify.Svix:
		id, ts = h.Get(verify.HeaderSvixID), h.Get(verify.HeaderSvixTimestamp)
		if id == "" || ts == "" || h.Get(verify.HeaderSvixSignature) == "" {
			id, ts = h.Get(verify.HeaderWebhookID), h.Get(verify.HeaderWebhookTimestamp)
		}
		return id, ts
	case *verify.Dynamic:
		return "", ""
	}
	id = h.Get(verify.HeaderSvixID)
	if id == "" {
		id = h.Get(verify.HeaderWebhookID)
	}
	ts = h.Get(verify.HeaderSvixTimestamp)
	if ts == "" {
		ts = h.Get(verify.HeaderWebhookTimestamp)
	}
	return id, ts
}
