package dispatch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"time"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/verify"
)

// Delivery is the metadata of the webhook delivery a callback is running
// for. Callbacks get it from their context with [DeliveryFrom].
type Delivery struct {
	// ID is the key the delivery is de-duplicated on, and it comes only
	// from bytes the signature covers: the event's own key when the event
	// implements typedhooks.IdempotencyKeyer and returns a non-empty string
	// (it is read from the signed body: Dynamic's messageId, Stytch's
	// event_id, Crossmint's action:<actionId>:<type>, the top-level
	// webhook id of Crossmint's other events when the body has one),
	// else TransportID.
	// When there is neither and the verifier reports that its signature
	// covered the body alone (verify.ResultVerifier with a zero Result:
	// verify.Dynamic, for a message that lacks both messageId and eventId),
	// it is "sha256:" and the hex SHA-256 of the body: such a scheme signs
	// no timestamp, so a replay, which must repeat these very bytes, would
	// otherwise run the callbacks again for ever. (Two messages with
	// byte-identical bodies then count as one; Dynamic's envelope carries
	// the event's time in milliseconds, so only such bodies as a repeated
	// bare ping are alike.) Otherwise (a
	// [VerifierFunc], [Unverified] given no id header) it is "" for an
	// event without a key, and such a delivery is not de-duplicated. For
	// [Dispatcher.Deliver] it is the event's key.
	ID string
	// TransportID is the message id the verifier reported as covered by the
	// signature (verify.ResultVerifier): the svix-id or webhook-id of the
	// header set that was verified. It is "" when the scheme signs no id
	// (Dynamic) or the verifier does not report one (a [VerifierFunc]); no
	// id header is ever read on its own. [Unverified] reports the id
	// headers it is given.
	TransportID string
	// EventKey identifies the event across the deliveries of it to several
	// endpoints, when the event offers such a key besides its delivery key
	// through an EventKey() string method: Dynamic's eventId, the same in
	// the message to every configured webhook (ID is the messageId, which
	// differs per webhook). It is informational: nothing is de-duplicated
	// on it.
	EventKey string
	// Timestamp is the signing time the verifier reported as covered by the
	// signature (the svix-timestamp or webhook-timestamp of the verified
	// set), or the zero time when there is none (Dynamic, a VerifierFunc,
	// Deliver).
	Timestamp time.Time
	// Header is the request's header, as received: only what the verifier
	// reported is verified. Callbacks must not modify it. It is nil for
	// [Dispatcher.Deliver].
	Header http.Header
	// Body is the raw request body. It may live in a buffer that is reused
	// for another request once the callbacks return: it is valid only
	// during the callback, and must be copied (bytes.Clone) to be kept.
	// Callbacks must not modify it: a large body (over 64 KiB) is kept by
	// the parsed event itself instead of a copy. It is nil for
	// [Dispatcher.Deliver].
	Body []byte
	// Redelivery reports that the provider says this is not the first
	// attempt: the event implements typedhooks.Redeliverer and says so, or
	// the attempt header named with [WithAttemptHeader] holds a number
	// greater than 1.
	Redelivery bool
	// EventType is the event's canonical type, as its EventType method
	// returns it.
	EventType string
}

type deliveryKey struct{}

// deliveryContext carries the Delivery inside the context value itself, so
// that attaching the metadata costs one allocation per request instead of
// two (context.WithValue plus a separate Delivery).
type deliveryContext struct {
	context.Context
	d Delivery
}

// Value returns the delivery for the package's key and defers to the parent
// for every other key, so cancellation and other values pass through.
func (c *deliveryContext) Value(key any) any {
	if key == (deliveryKey{}) {
		return &c.d
	}
	return c.Context.Value(key)
}

// DeliveryFrom returns the delivery that the callback receiving ctx runs
// for, and false when ctx does not come from a [Dispatcher].
func DeliveryFrom(ctx context.Context) (*Delivery, bool) {
	d, ok := ctx.Value(deliveryKey{}).(*Delivery)
	return d, ok
}

// eventKeyer is implemented by events that carry an event id besides their
// delivery key (Dynamic's eventId).
type eventKeyer interface{ EventKey() string }

// MaxIDBytes bounds a delivery id, and an event's own idempotency key: a
// longer one is refused with [ErrMalformed] (400) before the idempotency
// store sees it, so that a sender cannot fill memory or Redis with large
// keys. Svix message ids are about 30 bytes, UUIDs 36.
const MaxIDBytes = 256

// fillEvent sets the metadata that comes from the event itself; ID is the
// event's own key, or "".
func (d *Delivery) fillEvent(ev typedhooks.Event) {
	d.EventType = ev.EventType()
	if k, ok := ev.(typedhooks.IdempotencyKeyer); ok {
		d.ID = k.IdempotencyKey()
	}
	if k, ok := ev.(eventKeyer); ok {
		d.EventKey = k.EventKey()
	}
	if r, ok := ev.(typedhooks.Redeliverer); ok && r.IsRedelivery() {
		d.Redelivery = true
	}
}

// fill sets the delivery's metadata from what the verifier reported as
// signed, the header, the body and the event. The event's own key, read
// from the signed body, wins over the transport id: it is the one key a
// delivery of the same event through Deliver (or another transport) has
// too.
func (d *Delivery) fill(signed verify.Result, h http.Header, body []byte, ev typedhooks.Event, attemptHeader string) {
	d.Header = h
	d.Body = body
	d.fillEvent(ev)
	d.TransportID = signed.ID
	d.Timestamp = signed.Timestamp
	if d.ID == "" {
		d.ID = signed.ID
	}
	if attemptHeader != "" {
		if n, err := strconv.Atoi(h.Get(attemptHeader)); err == nil && n > 1 {
			d.Redelivery = true
		}
	}
}

// bodyKey is the delivery id of a delivery whose signature covers only its
// body and whose event carries no key of its own (see [Delivery].ID): a
// digest of the signed bytes, 71 bytes whatever the body's size.
func bodyKey(body []byte) string {
	sum := sha256.Sum256(body)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// headerSet is one naming of the Svix / Standard Webhooks id and timestamp
// headers, in canonical form.
type headerSet struct{ id, timestamp string }

var headerSets = [...]headerSet{
	{verify.HeaderSvixID, verify.HeaderSvixTimestamp},
	{verify.HeaderWebhookID, verify.HeaderWebhookTimestamp},
}

// trustedHeaders is what [Unverified] reports: the svix-* id and timestamp
// when svix-id is set, else the webhook-* ones. It trusts them: they were
// verified (or are trusted) before the delivery reached the dispatcher.
func trustedHeaders(h http.Header) verify.Result {
	for _, set := range headerSets {
		id := h.Get(set.id)
		if id == "" {
			continue
		}
		r := verify.Result{ID: id}
		if sec, err := strconv.ParseInt(h.Get(set.timestamp), 10, 64); err == nil {
			r.Timestamp = time.Unix(sec, 0)
		}
		return r
	}
	return verify.Result{}
}
