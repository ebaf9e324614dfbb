package dispatch

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/verify"
)

// Delivery is the metadata of the webhook delivery a callback is running
// for. Callbacks get it from their context with [DeliveryFrom].
type Delivery struct {
	// ID identifies the message across the provider's retries: the svix-id
	// (or webhook-id) header, else the event's own key when it implements
	// typedhooks.IdempotencyKeyer (Dynamic's messageId), else "".
	ID string
	// Timestamp is the signing time of this attempt from the svix-timestamp
	// (or webhook-timestamp) header, or the zero time when there is none.
	Timestamp time.Time
	// Header is the request's header. Callbacks must not modify it.
	Header http.Header
	// Body is the raw request body. It lives in a buffer that is reused for
	// another request once the callbacks return: it is valid only during
	// the callback, and must be copied (bytes.Clone) to be kept. The parsed
	// event does not share memory with it.
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

// Header names, in canonical form so that http.Header.Get does not have to
// canonicalise (and allocate) on the hot path. The Svix names come first
// because the providers served here use them; the Standard Webhooks names
// are what white-labelled Svix senders use.
var (
	idHeaders        = [...]string{verify.HeaderSvixID, verify.HeaderWebhookID}
	timestampHeaders = [...]string{verify.HeaderSvixTimestamp, verify.HeaderWebhookTimestamp}
)

func firstHeader(h http.Header, names []string) string {
	for _, n := range names {
		if v := h.Get(n); v != "" {
			return v
		}
	}
	return ""
}

// MaxIDBytes bounds a delivery id, and an event's own idempotency key: a
// longer one is refused with [ErrMalformed] (400) before the idempotency
// store sees it, so that a sender cannot fill memory or Redis with large
// keys. Svix message ids are about 30 bytes, UUIDs 36.
const MaxIDBytes = 256

// fillTrusted sets the metadata of an event given to Deliver.
func (d *Delivery) fillTrusted(ev typedhooks.Event) {
	d.EventType = ev.EventType()
	if k, ok := ev.(typedhooks.IdempotencyKeyer); ok {
		d.ID = k.IdempotencyKey()
	}
	if r, ok := ev.(typedhooks.Redeliverer); ok && r.IsRedelivery() {
		d.Redelivery = true
	}
}

// fill sets the delivery's metadata from the header, the body and the event.
func (d *Delivery) fill(h http.Header, body []byte, ev typedhooks.Event, attemptHeader string) {
	d.Header = h
	d.Body = body
	d.EventType = ev.EventType()
	d.ID = firstHeader(h, idHeaders[:])
	if d.ID == "" {
		if k, ok := ev.(typedhooks.IdempotencyKeyer); ok {
			d.ID = k.IdempotencyKey()
		}
	}
	if ts := firstHeader(h, timestampHeaders[:]); ts != "" {
		if sec, err := strconv.ParseInt(ts, 10, 64); err == nil {
			d.Timestamp = time.Unix(sec, 0)
		}
	}
	if r, ok := ev.(typedhooks.Redeliverer); ok && r.IsRedelivery() {
		d.Redelivery = true
	}
	if attemptHeader != "" {
		if n, err := strconv.Atoi(h.Get(attemptHeader)); err == nil && n > 1 {
			d.Redelivery = true
		}
	}
}
