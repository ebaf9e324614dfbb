package dispatch_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dynamic"
	"github.com/typedhooks/typedhooks/internal/samples"
	"github.com/typedhooks/typedhooks/verify"
)

// TestDynamicFixtureEndToEnd sends Dynamic's documented
// wallet.delegation.created example, signed as Dynamic signs, through a
// dispatcher built on dynamic.Parse: the typed callback gets the event, and
// the delivery id comes from the body's messageId because Dynamic sends no
// id header.
func TestDynamicFixtureEndToEnd(t *testing.T) {
	body, err := samples.Read("dynamic", "wallet.delegation.created.json")
	require.NoError(t, err)
	dv, err := verify.NewDynamic("dyn_test_secret")
	require.NoError(t, err)
	d := dispatch.New(dv, dynamic.Parse, dispatch.WithNamespace("dynamic"), dispatch.WithLogger(quiet))
	var got []*dynamic.WalletDelegationCreated
	var ids []string
	require.NoError(t, dispatch.On(d, func(ctx context.Context, e *dynamic.WalletDelegationCreated) error {
		del, _ := dispatch.DeliveryFrom(ctx)
		ids = append(ids, del.ID)
		got = append(got, e)
		return nil
	}))

	for range 2 {
		r, err := dv.SignedRequest("/webhooks/dynamic", body)
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, serve(d, r).Code)
	}
	require.Len(t, got, 1, "the second delivery of the same messageId is a duplicate")
	assert.Equal(t, []string{"f44da9f0-a5b5-47f6-965f-f04af51c903e"}, ids)
	assert.Equal(t, "f44da9f0-a5b5-47f6-965f-f04af51c903e", got[0].MessageID)
}
