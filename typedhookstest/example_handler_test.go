package typedhookstest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/typedhookstest"
	"github.com/typedhooks/typedhooks/verify"
)

// mints is the application's state that its callback changes.
type mints struct{ chains []string }

// newCrossmintHandler is the application's code: its Crossmint endpoint,
// built from the signing secret, with the callback under test.
func newCrossmintHandler(secret string, m *mints) (http.Handler, error) {
	sv, err := verify.NewSvix(secret)
	if err != nil {
		return nil, err
	}
	d := dispatch.New(sv, crossmint.Parse, dispatch.WithNamespace("crossmint"))
	err = dispatch.On(d, func(ctx context.Context, e *crossmint.NFTCreateSucceeded) error {
		m.chains = append(m.chains, e.Data.Chain)
		return nil
	})
	return d, err
}

// A test of a callback, through the handler the application mounts: build it
// with the kit's secret, serve it the provider's sample signed as the
// provider signs it, and check what the callback did. In a _test.go file,
// panic is t.Fatal and the Println an assertion.
func Example() {
	var m mints
	h, err := newCrossmintHandler(typedhookstest.SvixSecret, &m)
	if err != nil {
		panic(err)
	}
	body := typedhookstest.Body("crossmint", crossmint.TypeNFTCreateSucceeded)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, typedhookstest.NewRequest("crossmint", typedhookstest.SvixSecret, "/webhooks/crossmint", body))
	fmt.Println(rec.Code, m.chains)
	// Output: 200 [polygon]
}
