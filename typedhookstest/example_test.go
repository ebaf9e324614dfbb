package typedhookstest_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dynamic"
	"github.com/typedhooks/typedhooks/stytch"
	"github.com/typedhooks/typedhooks/typedhookstest"
	"github.com/typedhooks/typedhooks/verify"
)

// A body of your own (here a sample with one value changed), signed as
// Dynamic signs it: x-dynamic-signature-256.
func ExampleNewRequest() {
	dv, err := verify.NewDynamic(typedhookstest.DynamicSecret)
	if err != nil {
		panic(err)
	}
	d := dispatch.New(dv, dynamic.Parse)
	if err := dispatch.On(d, func(ctx context.Context, e *dynamic.WalletDelegationCreated) error {
		fmt.Println("delegated on", e.Data.Chain)
		return nil
	}); err != nil {
		panic(err)
	}
	body := bytes.Replace(typedhookstest.Body("dynamic", dynamic.TypeWalletDelegationCreated), []byte(`"EVM"`), []byte(`"SOL"`), 1)
	rec := httptest.NewRecorder()
	d.ServeHTTP(rec, typedhookstest.NewRequest("dynamic", typedhookstest.DynamicSecret, "/webhooks/dynamic", body))
	fmt.Println(rec.Code)
	// Output:
	// delegated on SOL
	// 200
}

// Every event type of a provider, for a table test that a handler takes
// them all. Stytch documents its B2B events without examples, so their
// samples are made up.
func ExampleSamples() {
	all := typedhookstest.Samples("stytch")
	typed := 0
	for _, s := range all {
		ev, err := stytch.Parse(s.Body)
		if _, unknown := ev.(*typedhooks.Unknown); err == nil && !unknown {
			typed++
		}
	}
	fmt.Println(len(all), "samples,", typed, "typed; first:", all[0].Type, all[0].File, all[0].MadeUp)
	// Output: 44 samples, 44 typed; first: dashboard.member.create dashboard.member.create.json false
}

// The headers alone, for code that takes a header and a body rather than a
// request (a queue consumer calling dispatch's Dispatch, for example).
func ExampleHeader() {
	sv, err := verify.NewSvix(typedhookstest.SvixSecret)
	if err != nil {
		panic(err)
	}
	d := dispatch.New(sv, stytch.Parse, dispatch.WithFallback(func(ctx context.Context, ev typedhooks.Event) error {
		fmt.Println("got", ev.EventType())
		return nil
	}))
	body := typedhookstest.Body("stytch", stytch.TypeDirectUserCreate)
	fmt.Println(d.Dispatch(context.Background(), typedhookstest.Header("stytch", typedhookstest.SvixSecret, body), body))
	// Output:
	// got direct.user.create
	// <nil>
}

// The sample body alone, for a unit test of a function that takes a parsed
// event.
func ExampleBody() {
	ev, err := stytch.Parse(typedhookstest.Body("stytch", stytch.TypeDirectUserCreate))
	fmt.Printf("%T %v\n", ev, err)
	// Output: *stytch.DirectUserCreate <nil>
}
