package crossmint_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/credentials"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/internal/eventtest"
)

// TestCatalogue holds the package to the event types Crossmint documents
// (internal/samples/crossmint/catalogue.tsv): a struct and a body for each.
// The credential events Parse also decodes are the credentials package's,
// held to its own catalogue there.
func TestCatalogue(t *testing.T) {
	var types []string
	for _, typ := range crossmint.Types() {
		if !slices.Contains(credentials.Types(), typ) {
			types = append(types, typ)
		}
	}
	eventtest.RequireCatalogue(t, "crossmint", eventtest.Package{Types: types, New: crossmint.New, Parse: crossmint.Parse})
}

// TestParse_MadeUpWebhookID: the top-level webhook id is typed on every
// envelope, and the events that are not action outcomes key on it.
func TestParse_MadeUpWebhookID(t *testing.T) {
	nft := eventtest.As[*crossmint.NFTCreateSucceeded](t, parseFixture(t, "madeup_nfts.create.succeeded.with-id.json"))
	assert.Equal(t, typedhooks.ID("msg_2pX7aK3m9ZsQ1wYcE5vN8rTb0Hd"), nft.ID)
	assert.Equal(t, "action:5f0c2b9e-8d41-4c7a-9e36-2a7d1b8c4e90:nfts.create.succeeded", nft.IdempotencyKey(),
		"an action outcome keeps its action key, which the Action Status API can match")

	user := eventtest.As[*crossmint.UserCreated](t, parseFixture(t, "madeup_users.created.with-id.json"))
	assert.Equal(t, typedhooks.ID("msg_2pX7dT4uGc8jFq2xLw0SaNe6Rm1"), user.ID)
	assert.Equal(t, "msg_2pX7dT4uGc8jFq2xLw0SaNe6Rm1", user.IdempotencyKey())
	assert.Equal(t, typedhooks.ID("123"), user.UserID(), "the envelope's id is not the user's")

	purchase := eventtest.As[*crossmint.PurchaseSucceeded](t, parseFixture(t, "madeup_purchase.succeeded.solana.with-id.json"))
	assert.Equal(t, "msg_2pX7eV5yHd9kGr3zMx1TbOf7Sn2", purchase.IdempotencyKey())

	order := eventtest.As[*crossmint.OrderPaymentFailed](t, parseFixture(t, "madeup_orders.payment.failed.json"))
	assert.Equal(t, "msg_2pX7b1Hn0qA5u9cYtBf3KzLmW4e", order.IdempotencyKey())

	// Without the member the key is empty, so a dispatcher keys on the
	// signed svix-id.
	for _, name := range []string{"users.created.json", "purchase.succeeded.solana.json", "export.succeeded.json"} {
		ev := parseFixture(t, name)
		k, ok := ev.(typedhooks.IdempotencyKeyer)
		require.True(t, ok, "%T", ev)
		assert.Empty(t, k.IdempotencyKey(), name)
	}
}

func TestParse_MadeUpOrders(t *testing.T) {
	failed := eventtest.As[*crossmint.OrderPaymentFailed](t, parseFixture(t, "madeup_orders.payment.failed.json"))
	require.NotNil(t, failed.Data.Payment)
	assert.Equal(t, "failed", failed.Data.Payment.Status)
	require.NotNil(t, failed.Data.Payment.FailureReason)
	assert.Equal(t, "insufficient-funds", failed.Data.Payment.FailureReason.Code)
	assert.Equal(t, "usdc", failed.Data.Payment.Currency)

	done := eventtest.As[*crossmint.OrderDeliveryCompleted](t, parseFixture(t, "madeup_orders.delivery.completed.json"))
	assert.Equal(t, "completed", done.Data.Phase)
	require.Len(t, done.Data.LineItems, 1)
	d := done.Data.LineItems[0].Delivery
	require.NotNil(t, d)
	assert.Equal(t, "completed", d.Status)
	require.Len(t, d.Tokens, 1)
	assert.Equal(t, typedhooks.ID("3"), d.Tokens[0].TokenID)
	assert.Nil(t, d.Tokens[0].Decimals, "an NFT has no decimals")
}
