package dispatch_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/verify"
)

// OrderShipped is an event of a made-up provider, standing in for a typed
// event of a provider package such as crossmint.NFTCreateSucceeded.
type OrderShipped struct {
	Type    string        `json:"type"`
	OrderID typedhooks.ID `json:"orderId"`
}

// EventType returns the canonical type string; it does not read the
// receiver, which is how dispatch.On learns it.
func (*OrderShipped) EventType() string { return "orders.shipped" }

// PaymentSettled is a made-up event whose body carries its own key, as
// Dynamic's events (messageId) and Crossmint's action events do.
type PaymentSettled struct {
	Type      string `json:"type"`
	PaymentID string `json:"paymentId"`
}

func (*PaymentSettled) EventType() string { return "payments.settled" }

// IdempotencyKey implements typedhooks.IdempotencyKeyer: the same for the
// webhook and for the status API's answer about the same payment.
func (e *PaymentSettled) IdempotencyKey() string { return "payment:" + e.PaymentID }

// shopEvents is the made-up provider's table from type string to struct.
var shopEvents = map[string]func() typedhooks.Event{
	"orders.shipped":   func() typedhooks.Event { return new(OrderShipped) },
	"payments.settled": func() typedhooks.Event { return new(PaymentSettled) },
}

// shopParse plays the part of a provider package's Parse function: any
// func([]byte) (typedhooks.Event, error) does.
func shopParse(body []byte) (typedhooks.Event, error) {
	var head struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(body, &head); err != nil {
		return nil, err
	}
	if head.Type == "" {
		return nil, fmt.Errorf("shop: %w", typedhooks.ErrNoEventType)
	}
	newEvent, ok := shopEvents[head.Type]
	if !ok {
		return &typedhooks.Unknown{Type: head.Type, Raw: bytes.Clone(body)}, nil
	}
	ev := newEvent()
	return ev, json.Unmarshal(body, ev)
}

// quiet keeps the examples' output to what they print themselves.
var quiet = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError + 1}))

// shopSigner signs like the provider would; in production, the verifier is
// built from the signing secret in the provider's dashboard.
var shopSigner = func() *verify.Svix {
	sv, err := verify.NewSvix("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	if err != nil {
		panic(err)
	}
	return sv
}()

// deliver sends body to h as the provider would, signed by signer, and
// returns the status.
func deliver(h http.Handler, signer *verify.Svix, id, body string) int {
	r, err := signer.SignedRequest("/webhooks/shop", id, time.Now(), []byte(body))
	if err != nil {
		panic(err)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Code
}

func ExampleOn() {
	sv, err := verify.NewSvix("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	if err != nil {
		panic(err)
	}
	d := dispatch.New(sv, shopParse, dispatch.WithLogger(quiet))
	err = dispatch.On(d, func(ctx context.Context, e *OrderShipped) error {
		del, _ := dispatch.DeliveryFrom(ctx)
		fmt.Printf("order %s shipped (delivery %s)\n", e.OrderID, del.ID)
		return nil
	})
	if err != nil {
		panic(err)
	}

	forger, err := verify.NewSvix("whsec_" + base64.StdEncoding.EncodeToString([]byte("not the endpoint's secret")))
	if err != nil {
		panic(err)
	}
	fmt.Println(deliver(d, sv, "msg_1", `{"type":"orders.shipped","orderId":1042}`))
	fmt.Println(deliver(d, sv, "msg_1", `{"type":"orders.shipped","orderId":1042}`), "(duplicate, not run again)")
	fmt.Println(deliver(d, forger, "msg_2", `{"type":"orders.shipped","orderId":1043}`))
	// Output:
	// order 1042 shipped (delivery msg_1)
	// 200
	// 200 (duplicate, not run again)
	// 401
}

func ExampleNew() {
	d := dispatch.New(shopSigner, shopParse,
		dispatch.WithNamespace("shop"),
		dispatch.WithMaxBodyBytes(64<<10),
		dispatch.WithLogger(quiet),
		dispatch.WithObserver(func(o dispatch.Outcome) {
			fmt.Printf("observed: %s %q status=%d\n", o.Namespace, o.EventType, o.Status)
		}),
		dispatch.WithFallback(func(_ context.Context, ev typedhooks.Event) error {
			fmt.Println("no typed callback for", ev.EventType())
			return nil
		}),
	)
	if err := d.OnType("orders.refunded", func(_ context.Context, ev typedhooks.Event) error {
		fmt.Printf("refund, raw body: %s\n", ev.(*typedhooks.Unknown).Raw)
		return nil
	}); err != nil {
		panic(err)
	}

	mux := http.NewServeMux()
	mux.Handle("POST /webhooks/shop", d)

	deliver(mux, shopSigner, "msg_1", `{"type":"orders.refunded","orderId":"7"}`)
	deliver(mux, shopSigner, "msg_2", `{"type":"orders.cancelled"}`)
	deliver(mux, shopSigner, "msg_3", `not json`)
	// Output:
	// refund, raw body: {"type":"orders.refunded","orderId":"7"}
	// observed: shop "orders.refunded" status=200
	// no typed callback for orders.cancelled
	// observed: shop "orders.cancelled" status=200
	// observed: shop "" status=400
}

func ExampleDispatcher_Dispatch() {
	// Deliveries verified when they arrived and then queued without their
	// signing headers are dispatched without HTTP and without verification.
	d := dispatch.New(dispatch.Unverified(), shopParse, dispatch.WithLogger(quiet))
	attempts := 0
	if err := dispatch.On(d, func(_ context.Context, e *OrderShipped) error {
		attempts++
		if attempts == 1 {
			return errors.New("warehouse API unavailable")
		}
		fmt.Println("shipped", e.OrderID)
		return nil
	}); err != nil {
		panic(err)
	}

	header := http.Header{}
	header.Set("Svix-Id", "msg_queued")
	for _, body := range []string{
		`{"type":"orders.shipped","orderId":"A-1"}`,
		`{"type":"orders.shipped","orderId":"A-1"}`,
		`{"orderId":"A-2"}`,
	} {
		err := d.Dispatch(context.Background(), header, []byte(body))
		fmt.Printf("err=%v retryable=%t status=%d\n", err != nil, dispatch.Retryable(err), dispatch.StatusCode(err))
	}
	// Output:
	// err=true retryable=true status=500
	// shipped A-1
	// err=false retryable=false status=200
	// err=true retryable=false status=400
}

// Deliver runs the callbacks for an event learnt from a trusted source (here,
// a status API the service polled because the webhook was late), keyed on
// the event's own key: the webhook that arrives afterwards is acknowledged
// without running the callback a second time.
func ExampleDispatcher_Deliver() {
	d := dispatch.New(shopSigner, shopParse, dispatch.WithLogger(quiet))
	if err := dispatch.On(d, func(ctx context.Context, e *PaymentSettled) error {
		del, _ := dispatch.DeliveryFrom(ctx)
		fmt.Println("settled", e.PaymentID, "key", del.ID)
		return nil
	}); err != nil {
		panic(err)
	}

	polled := &PaymentSettled{Type: "payments.settled", PaymentID: "p-7"}
	fmt.Println(d.Deliver(context.Background(), polled))

	late := deliver(d, shopSigner, "msg_late_webhook", `{"type":"payments.settled","paymentId":"p-7"}`)
	fmt.Println("late webhook:", late)

	// An event without a key of its own could not be recognised again.
	err := d.Deliver(context.Background(), &OrderShipped{Type: "orders.shipped", OrderID: "A-1"})
	fmt.Println(errors.Is(err, dispatch.ErrMalformed))
	// Output:
	// settled p-7 key payment:p-7
	// <nil>
	// late webhook: 200
	// true
}
