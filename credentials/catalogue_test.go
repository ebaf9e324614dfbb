package credentials_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/credentials"
	"github.com/typedhooks/typedhooks/internal/eventtest"
)

// TestCatalogue holds the package to the credential event types Crossmint
// documents (internal/samples/credentials/catalogue.tsv).
func TestCatalogue(t *testing.T) {
	eventtest.RequireCatalogue(t, "credentials", eventtest.Package{Types: credentials.Types(), New: credentials.New, Parse: credentials.Parse})
}

func TestIdempotencyKey_MadeUpWebhookID(t *testing.T) {
	ev, err := credentials.Parse([]byte(`{"id":"msg_1","type":"credential.creation.failed","data":{"error":{}}}`))
	require.NoError(t, err)
	assert.Equal(t, "msg_1", ev.(typedhooks.IdempotencyKeyer).IdempotencyKey())
	ev, err = credentials.Parse([]byte(`{"type":"credential:creation.failed","data":{"error":{}}}`))
	require.NoError(t, err)
	assert.Empty(t, ev.(typedhooks.IdempotencyKeyer).IdempotencyKey(), "no id: the transport's id is the key")
}
