package crossmint_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/internal/eventtest"
)

func TestIdempotencyKey_DocumentedWebhooksKeyOnActionAndOutcome(t *testing.T) {
	for name, want := range map[string]string{
		"collections.create.succeeded.evm.json": "action:897eadae-ee2d-43f9-a97b-1a9d9c682d6f:collections.create.succeeded",
		"collections.update.succeeded.evm.json": "action:e0926e73-8212-4074-b934-4d6ac68cfcff:collections.update.succeeded",
		"nfts.create.succeeded.evm.json":        "action:771d7e38-2890-47d7-b733-a1462736b528:nfts.create.succeeded",
		"nfts.create.failed.evm.json":           "action:cf9985d3-3341-4fd6-bd0e-548ef97a3486:nfts.create.failed",
		"nfts.update.succeeded.solana.json":     "action:57d3cedd-e8e8-4509-88bc-97d6baea478f:nfts.update.succeeded",
	} {
		ev, err := crossmint.Parse(eventtest.Fixture(t, name))
		require.NoError(t, err)
		k, ok := ev.(typedhooks.IdempotencyKeyer)
		require.True(t, ok, "%s: %T", name, ev)
		assert.Equal(t, want, k.IdempotencyKey(), name)
	}
}

// A webhook sent under its pre-2024 name keys as the current name, so that
// it converges with the Action Status API's outcome too.
func TestIdempotencyKey_LegacyNameKeysAsCanonicalMadeUp(t *testing.T) {
	for legacy, canonical := range map[string]string{
		crossmint.AliasMintSucceeded:               crossmint.TypeNFTCreateSucceeded,
		crossmint.AliasMintUpdateSucceeded:         crossmint.TypeNFTUpdateSucceeded,
		crossmint.AliasCollectionCreationSucceeded: crossmint.TypeCollectionCreateSucceeded,
	} {
		ev, err := crossmint.Parse([]byte(`{"type":"` + legacy + `","actionId":"a-9","data":{}}`))
		require.NoError(t, err)
		assert.Equal(t, "action:a-9:"+canonical, ev.(typedhooks.IdempotencyKeyer).IdempotencyKey())
	}
}

// Every collections.* and nfts.* type has the key; no actionId, no key.
// Orders share the envelope but have none: one order sends several
// orders.quote.updated under one actionId.
func TestIdempotencyKey_WhichTypesHaveOne(t *testing.T) {
	for _, typ := range crossmint.Types() {
		ev, ok := crossmint.New(typ)
		require.True(t, ok)
		_, keyed := ev.(typedhooks.IdempotencyKeyer)
		outcome := strings.HasPrefix(ev.EventType(), "collections.") || strings.HasPrefix(ev.EventType(), "nfts.")
		if outcome {
			assert.True(t, keyed, "%s (%T) has no IdempotencyKey", typ, ev)
			assert.Empty(t, ev.(typedhooks.IdempotencyKeyer).IdempotencyKey(), "%s without actionId", typ)
		}
		if strings.HasPrefix(typ, "orders.") {
			// Keyed on the webhook id only, never on the actionId that
			// an order's events share.
			ev, err := crossmint.Parse([]byte(`{"type":"` + typ + `","actionId":"a-1","data":{}}`))
			require.NoError(t, err)
			assert.Empty(t, ev.(typedhooks.IdempotencyKeyer).IdempotencyKey(), "%s must not be keyed on its actionId", typ)
			ev, err = crossmint.Parse([]byte(`{"id":"w-1","type":"` + typ + `","actionId":"a-1","data":{}}`))
			require.NoError(t, err)
			assert.Equal(t, "w-1", ev.(typedhooks.IdempotencyKeyer).IdempotencyKey(), "%s keys on its webhook id", typ)
		}
	}
}
