package samples_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/internal/samples"
)

func TestCatalogue_EveryProviderReads(t *testing.T) {
	for _, p := range samples.Providers {
		entries, err := samples.Catalogue(p)
		require.NoError(t, err, p)
		require.NotEmpty(t, entries, p)
		for _, e := range entries {
			assert.Contains(t, e.Source, "https://", "%s %s", p, e.Type)
			assert.NotContains(t, e.Source, "/work/", "%s %s cites a machine path", p, e.Type)
		}
	}
	_, err := samples.Catalogue("nope")
	assert.ErrorContains(t, err, `unknown provider "nope"`)
}

func TestCatalogue_Aliases(t *testing.T) {
	entries, err := samples.Catalogue("crossmint")
	require.NoError(t, err)
	byType := map[string]samples.Entry{}
	for _, e := range entries {
		byType[e.Type] = e
	}
	alias := byType["mint.succeeded"]
	assert.True(t, alias.IsAlias())
	assert.Equal(t, "nfts.create.succeeded", alias.Canonical)
	assert.False(t, byType["nfts.create.succeeded"].IsAlias())
	assert.Equal(t, samples.Example, byType["nfts.create.succeeded"].Evidence)
	assert.Equal(t, samples.Inferred, byType["nfts.delete.failed"].Evidence)
}

// TestTypeOfName_EveryBodyNamesAType holds the file names of the embedded
// bodies to the catalogue: each names a documented type (possibly with a
// variant after it), so a test can tell which types have a fixture.
func TestTypeOfName_EveryBodyNamesAType(t *testing.T) {
	for _, p := range samples.Providers {
		entries, err := samples.Catalogue(p)
		require.NoError(t, err)
		for _, name := range samples.Names(p) {
			_, ok := samples.TypeOfName(entries, name)
			assert.True(t, ok, "%s/%s names no type of %s/catalogue.tsv", p, name, p)
		}
	}
}

func TestTypeOfName(t *testing.T) {
	cat := []samples.Entry{
		{Type: "nfts.create.succeeded", Canonical: "nfts.create.succeeded"},
		{Type: "wallet.activity", Canonical: "wallet.activity"},
		{Type: "wallet.activity.registered", Canonical: "wallet.activity.registered"},
	}
	tests := []struct {
		name, want string
		ok         bool
	}{
		{"nfts.create.succeeded.evm.json", "nfts.create.succeeded", true},
		{"madeup_nfts.create.succeeded.with-id.json", "nfts.create.succeeded", true},
		{"reconstructed_wallet.activity.json", "wallet.activity", true},
		{"wallet.activity.registered.json", "wallet.activity.registered", true},
		{"nfts.create.json", "", false},
		{"nfts.create.succeededx.json", "", false},
	}
	for _, tt := range tests {
		got, ok := samples.TypeOfName(cat, tt.name)
		assert.Equal(t, tt.want, got, tt.name)
		assert.Equal(t, tt.ok, ok, tt.name)
	}
}
