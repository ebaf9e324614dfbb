package typedhookstest_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/credentials"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dynamic"
	"github.com/typedhooks/typedhooks/stytch"
	"github.com/typedhooks/typedhooks/typedhookstest"
	"github.com/typedhooks/typedhooks/verify"
)

// endpoint is one provider's endpoint as an application builds it, with the
// kit's secret.
type endpoint struct {
	provider string
	secret   string
	parse    func([]byte) (typedhooks.Event, error)
	verifier func() (verify.Verifier, error)
}

var endpoints = []endpoint{
	{"crossmint", typedhookstest.SvixSecret, crossmint.Parse, func() (verify.Verifier, error) { return verify.NewSvix(typedhookstest.SvixSecret) }},
	{"credentials", typedhookstest.SvixSecret, credentials.Parse, func() (verify.Verifier, error) { return verify.NewSvix(typedhookstest.SvixSecret) }},
	{"stytch", typedhookstest.SvixSecret, stytch.Parse, func() (verify.Verifier, error) { return verify.NewSvix(typedhookstest.SvixSecret) }},
	{"dynamic", typedhookstest.DynamicSecret, dynamic.Parse, func() (verify.Verifier, error) { return verify.NewDynamic(typedhookstest.DynamicSecret) }},
}

// TestNewRequestReachesTheDispatcher sends the signed request of every
// sample through the dispatcher a user would build: each arrives as its
// typed event, with 200.
func TestNewRequestReachesTheDispatcher(t *testing.T) {
	for _, e := range endpoints {
		all := typedhookstest.Samples(e.provider)
		require.NotEmpty(t, all, e.provider)
		for _, s := range all {
			t.Run(e.provider+"/"+s.Type, func(t *testing.T) {
				assert.Equal(t, e.provider, s.Provider)
				v, err := e.verifier()
				require.NoError(t, err)
				var got typedhooks.Event
				d := dispatch.New(v, e.parse, dispatch.WithFallback(func(_ context.Context, ev typedhooks.Event) error {
					got = ev
					return nil
				}))
				rec := httptest.NewRecorder()
				d.ServeHTTP(rec, typedhookstest.NewRequest(e.provider, e.secret, "/webhooks/"+e.provider, s.Body))
				require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
				require.NotNil(t, got)
				_, unknown := got.(*typedhooks.Unknown)
				assert.False(t, unknown)
				assert.Equal(t, s.Type, got.EventType())
			})
		}
	}
}

// TestSignaturesAreReal: the headers verify under the secret they were made
// with and under no other, and carry the provider's header names.
func TestSignaturesAreReal(t *testing.T) {
	body := typedhookstest.Body("stytch", "direct.user.create")
	req := typedhookstest.NewRequest("stytch", typedhookstest.SvixSecret, "/hook", body)
	other, err := verify.NewSvix("whsec_b3RoZXItc2VjcmV0LW9mLWVub3VnaC1sZW5ndGg=")
	require.NoError(t, err)
	assert.ErrorIs(t, other.Verify(req.Header, body), verify.ErrNoMatchingSignature)
	sv, err := verify.NewSvix(typedhookstest.SvixSecret)
	require.NoError(t, err)
	assert.NoError(t, sv.Verify(req.Header, body))
	for _, name := range []string{"Svix-Id", "Svix-Timestamp", "Svix-Signature"} {
		assert.NotEmpty(t, req.Header.Get(name), name)
	}
	assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
	assert.Equal(t, "/hook", req.RequestURI, "a server request, as httptest.NewRequest makes")
	assert.NotEqual(t, req.Header.Get("Svix-Id"), typedhookstest.Header("stytch", typedhookstest.SvixSecret, body).Get("Svix-Id"), "a new message id each time")

	dyn := typedhookstest.Header("dynamic", typedhookstest.DynamicSecret, body)
	assert.True(t, strings.HasPrefix(dyn.Get("X-Dynamic-Signature-256"), "sha256="))
	assert.Empty(t, dyn.Get("Svix-Signature"))
	dv, err := verify.NewDynamic(typedhookstest.DynamicSecret)
	require.NoError(t, err)
	assert.NoError(t, dv.Verify(dyn, body))
}

// TestMistakesPanic: like httptest.NewRequest, the kit panics on a mistake
// in its arguments, saying what it is.
func TestMistakesPanic(t *testing.T) {
	assert.PanicsWithError(t, `typedhooks: unknown provider "github" (known: crossmint, credentials, stytch, dynamic)`, func() { typedhookstest.Samples("github") })
	assert.Panics(t, func() { typedhookstest.Body("stytch", "no.such.type") })
	assert.Panics(t, func() { typedhookstest.Header("stytch", "", nil) })
	assert.Panics(t, func() { typedhookstest.Header("stytch", typedhookstest.DynamicSecret, nil) })
	assert.Panics(t, func() { typedhookstest.NewRequest("stytch", typedhookstest.SvixSecret, "://bad", nil) })
}

// TestBodyIsACopy: changing a returned body changes no later one.
func TestBodyIsACopy(t *testing.T) {
	a := typedhookstest.Body("crossmint", crossmint.TypeUserCreated)
	a[0] = 'X'
	assert.Equal(t, byte('{'), typedhookstest.Body("crossmint", crossmint.TypeUserCreated)[0])
	s := typedhookstest.Samples("crossmint")
	s[0].Body[0] = 'X'
	assert.Equal(t, byte('{'), typedhookstest.Samples("crossmint")[0].Body[0])
}

// TestLegacyNames: Body takes a legacy name too; its sample parses to the
// current type's event.
func TestLegacyNames(t *testing.T) {
	ev, err := crossmint.Parse(typedhookstest.Body("crossmint", crossmint.AliasMintSucceeded))
	require.NoError(t, err)
	assert.IsType(t, &crossmint.NFTCreateSucceeded{}, ev)
}
