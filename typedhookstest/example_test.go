package typedhookstest_test

import (
	"context"
	"fmt"
	"net/http/httptest"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dynamic"
	"github.com/typedhooks/typedhooks/stytch"
	"github.com/typedhooks/typedhooks/typedhookstest"
	"github.com/typedhooks/typedhooks/verify"
)

// The test of a callback: build the dispatcher as the application does, send
// it the kit's signed request for the event type, check what the callback
// got. In a _test.go file the Println lines become assertions on t.
func Example() {
	sv, _ := verify.NewSvix(typedhookstest.SvixSecret)
	d := dispatch.New(sv, crossmint.Parse)
	var got *crossmint.NFTCreateSucceeded
	_ = dispatch.On(d, func(ctx context.Context, e *crossmint.NFTCreateSucceeded) error { got = e; return nil })
	rec := httptest.NewRecorder()
	d.ServeHTTP(rec, typedhookstest.Request("crossmint", crossmint.TypeNFTCreateSucceeded, "/webhooks/crossmint", typedhookstest.SvixSecret))
	fmt.Println(rec.Code, got.Data.Chain, got.Data.Recipient.Email)
	// Output: 200 polygon recipient@crossmint.com
}

// Dynamic signs with x-dynamic-signature-256; the kit signs its samples the
// same way.
func Example_dynamic() {
	dv, _ := verify.NewDynamic(typedhookstest.DynamicSecret)
	d := dispatch.New(dv, dynamic.Parse)
	var got *dynamic.WalletDelegationCreated
	_ = dispatch.On(d, func(ctx context.Context, e *dynamic.WalletDelegationCreated) error { got = e; return nil })
	rec := httptest.NewRecorder()
	d.ServeHTTP(rec, typedhookstest.Request("dynamic", dynamic.TypeWalletDelegationCreated, "/webhooks/dynamic", typedhookstest.DynamicSecret))
	fmt.Println(rec.Code, got.Data.Chain)
	// Output: 200 EVM
}

// A body of your own, such as a sample with one value changed, signed as the
// provider signs it.
func ExampleSignedRequest() {
	body := []byte(`{"type":"users.created","data":{"id":"u_42","email":"ada@example.com"}}`)
	sv, _ := verify.NewSvix(typedhookstest.SvixSecret)
	d := dispatch.New(sv, crossmint.Parse)
	_ = dispatch.On(d, func(ctx context.Context, e *crossmint.UserCreated) error {
		fmt.Println("created", e.Data.ID, e.Data.Email)
		return nil
	})
	rec := httptest.NewRecorder()
	d.ServeHTTP(rec, typedhookstest.SignedRequest("crossmint", "/webhooks/crossmint", typedhookstest.SvixSecret, body))
	fmt.Println(rec.Code)
	// Output:
	// created u_42 ada@example.com
	// 200
}

// Every event type of a provider, for a table test that a handler accepts
// them all. Stytch documents its B2B events without examples, so their
// samples are made up.
func ExampleSamples() {
	all, _ := typedhookstest.Samples("stytch")
	typed := 0
	for _, s := range all {
		ev, err := stytch.Parse(s.Body)
		if _, unknown := ev.(*typedhooks.Unknown); err == nil && !unknown {
			typed++
		}
	}
	fmt.Println(len(all), "samples,", typed, "typed; first:", all[0].Type, all[0].File, all[0].MadeUp)
	// Output: 39 samples, 39 typed; first: dashboard.member.create madeup_dashboard.member.create.json true
}

// The headers alone, for code that takes a header and a body rather than a
// request (a queue consumer calling dispatch's Dispatch, for example).
func ExampleHeader() {
	body := typedhookstest.Body("stytch", "direct.user.create")
	h := typedhookstest.Header("stytch", typedhookstest.SvixSecret, body)
	sv, _ := verify.NewSvix(typedhookstest.SvixSecret)
	fmt.Println(sv.Verify(h, body))
	// Output: <nil>
}

// The sample body alone, for a unit test of a function that takes a parsed
// event.
func ExampleBody() {
	ev, _ := crossmint.Parse(typedhookstest.Body("crossmint", "users.created"))
	_, unknown := ev.(*typedhooks.Unknown)
	fmt.Printf("%T %v\n", ev, unknown)
	// Output: *crossmint.UserCreated false
}
