package dynamic_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/dynamic"
	"github.com/typedhooks/typedhooks/internal/eventtest"
)

// TestCatalogue holds the package to the event types Dynamic documents
// (internal/samples/dynamic/catalogue.tsv): a struct and a body for each.
func TestCatalogue(t *testing.T) {
	eventtest.RequireCatalogue(t, "dynamic", eventtest.Package{Types: dynamic.Types(), New: dynamic.New, Parse: dynamic.Parse})
}

// parseExact parses a fixture and requires it to encode back exactly.
func parseExact(t *testing.T, name string) any {
	t.Helper()
	body := eventtest.Fixture(t, name)
	ev := mustParse(t, body)
	out, err := json.Marshal(ev)
	require.NoError(t, err)
	eventtest.RequireExact(t, body, out)
	return ev
}

func TestParse_MadeUpUserFields(t *testing.T) {
	e := parseExact(t, "madeup_user.updated.camelcase.json").(*dynamic.UserUpdated)
	u := e.Data
	assert.Equal(t, "8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a", u.LastVerifiedCredentialID)
	assert.Equal(t, "6e5d4c3b-2a19-4807-b6a5-948372615049", u.SessionID)
	assert.Equal(t, "ada", u.Username)
	assert.False(t, u.NewUser)
	assert.True(t, u.FirstVisit.Equal(time.Date(2025, 3, 16, 9, 40, 42, 971e6, time.UTC)))
	assert.True(t, u.LastVisit.Equal(time.Date(2025, 3, 20, 15, 22, 59, 958e6, time.UTC)))
	assert.JSONEq(t, `{"plan":"pro"}`, string(u.Metadata))
	assert.Empty(t, u.MFABackupCodeAcknowledgement, "null")
	assert.Equal(t, []string{}, u.Lists)
	assert.Equal(t, "superuser", u.Scope)
	assert.JSONEq(t, `[]`, string(u.MissingFields))
}

// TestParse_CredentialSpellings: both of Dynamic's documented spellings of a
// credential fill the same fields, and encoding writes each member back with
// the name it arrived with.
func TestParse_CredentialSpellings(t *testing.T) {
	camel := parseExact(t, "madeup_user.updated.camelcase.json").(*dynamic.UserUpdated).Data.VerifiedCredentials
	require.Len(t, camel, 2)
	assert.Equal(t, "metamask", camel[0].WalletName)
	assert.Equal(t, "browserExtension", camel[0].WalletProvider)
	assert.Equal(t, "0xdBFB58b0CAD55a68cF542654C906033DF234e220", camel[0].PublicIdentifier)
	assert.Equal(t, dynamic.NameService{Name: "ada.eth", Avatar: "https://example.com/ada.png"}, camel[0].NameService)
	assert.True(t, camel[0].LastSelectedAt.Equal(time.Date(2025, 3, 20, 15, 22, 59, 958e6, time.UTC)))
	assert.Equal(t, "google", camel[1].OAuthProvider)
	assert.Equal(t, "ada", camel[1].OAuthUsername)
	assert.Equal(t, "Ada Lovelace", camel[1].OAuthDisplayName)
	assert.Equal(t, "108000000000000000000", camel[1].OAuthAccountID)
	assert.Equal(t, []string{"ada@example.com"}, camel[1].OAuthEmails)
	assert.Equal(t, []string{}, camel[1].OAuthAccountPhotos)

	snake := parseExact(t, "reconstructed_user.created.json").(*dynamic.UserCreated).Data.VerifiedCredentials
	require.Len(t, snake, 1)
	assert.Equal(t, "browserExtension", snake[0].WalletProvider)
	assert.Equal(t, "emailOnly", snake[0].OAuthProvider)
}

func TestMarshal_MadeUpCredentialKeepsItsSpelling(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"camelCase", `{"walletName":"metamask","x":1}`, `{"walletName":"rainbow","x":1}`},
		{"snake_case", `{"wallet_name":"metamask","x":1}`, `{"wallet_name":"rainbow","x":1}`},
		{"both, camelCase fills the field", `{"wallet_name":"a","walletName":"metamask"}`, `{"wallet_name":"rainbow","walletName":"rainbow"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c dynamic.VerifiedCredential
			require.NoError(t, json.Unmarshal([]byte(tt.body), &c))
			assert.Equal(t, "metamask", c.WalletName)
			out, err := json.Marshal(c)
			require.NoError(t, err)
			eventtest.RequireExact(t, []byte(tt.body), out)

			c.WalletName = "rainbow"
			out, err = json.Marshal(c)
			require.NoError(t, err)
			assert.JSONEq(t, tt.want, string(out), "a changed field keeps the spelling it arrived with")
		})
	}

	// Both spellings with different values, unchanged: each comes back.
	body := `{"oauth_provider":"apple","oauthProvider":"google"}`
	var c dynamic.VerifiedCredential
	require.NoError(t, json.Unmarshal([]byte(body), &c))
	assert.Equal(t, "google", c.OAuthProvider)
	out, err := json.Marshal(c)
	require.NoError(t, err)
	eventtest.RequireExact(t, []byte(body), out)

	// Built in code: the API reference's snake_case.
	out, err = json.Marshal(dynamic.VerifiedCredential{WalletName: "metamask", OAuthEmails: []string{"a@b"}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"wallet_name":"metamask","oauth_emails":["a@b"]}`, string(out))

	// A value of the wrong kind leaves its field empty and is kept.
	body = `{"walletName":7,"wallet_provider":"browserExtension"}`
	c = dynamic.VerifiedCredential{}
	require.NoError(t, json.Unmarshal([]byte(body), &c))
	assert.Empty(t, c.WalletName)
	assert.Equal(t, "browserExtension", c.WalletProvider)
	out, err = json.Marshal(c)
	require.NoError(t, err)
	eventtest.RequireExact(t, []byte(body), out)
}

func TestParse_MadeUpWalletUnlinkedShapes(t *testing.T) {
	cred := parseExact(t, "madeup_wallet.unlinked.credential.json").(*dynamic.WalletUnlinked).Data
	assert.Equal(t, "0xB6b7cE10a5Aaf0B9dB80bdB8aAAc01237CB78103", cred.Address)
	assert.Equal(t, cred.Address, cred.WalletAddress())
	assert.Equal(t, "metamask", cred.WalletName)
	assert.Equal(t, "browserExtension", cred.WalletProvider)
	assert.Equal(t, "blockchain", cred.Format)
	assert.Equal(t, "eip155", cred.Chain)
	assert.Equal(t, "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910", cred.ID)

	wallet := parseExact(t, "madeup_wallet.unlinked.json").(*dynamic.WalletUnlinked).Data
	assert.NotEmpty(t, wallet.PublicKey)
	assert.Equal(t, wallet.PublicKey, wallet.WalletAddress())
	assert.Empty(t, wallet.Address)
}

func TestParse_MadeUpAdminEvents(t *testing.T) {
	e := parseExact(t, "madeup_admin.user.created.json").(*dynamic.AdminUserCreated)
	assert.Equal(t, dynamic.TypeAdminUserCreated, e.EventName)
	assert.JSONEq(t, `{}`, string(e.Data))
	assert.Equal(t, "5e6f7081-92a3-4b4c-8d6e-7f8091021324", e.IdempotencyKey())
	w := parseExact(t, "madeup_admin.webhook.updated.json").(*dynamic.AdminWebhookUpdated)
	assert.Equal(t, dynamic.TypeAdminWebhookUpdated, w.EventType())
}
