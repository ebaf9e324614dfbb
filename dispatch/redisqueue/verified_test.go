package redisqueue

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/typedhooks/typedhooks/verify"
)

// A Dynamic delivery (its signature covers the body alone) enters the
// stream keyed on the body's digest, as dispatch keys it over HTTP, so that
// a replay of the same bytes is recognised by the workers; a forged svix-id
// beside it is ignored.
func TestVerifyDelivery_BodyOnlySignatureKeysOnTheDigest(t *testing.T) {
	dy, err := verify.NewDynamic("made-up-dynamic-secret")
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(`{"eventName":"ping","data":{}}`) // made up: no messageId, no eventId
	h := dy.SignedHeader(body)
	h.Set("Svix-Id", "msg_forged")
	id, ts, err := verifyDelivery(dy, h, body)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(body)
	if want := "sha256:" + hex.EncodeToString(sum[:]); id != want || ts != "" {
		t.Fatalf("id %q ts %q, want %q and no timestamp", id, ts, want)
	}
}
