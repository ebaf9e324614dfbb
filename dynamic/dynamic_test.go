package dynamic_test

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/dynamic"
	"github.com/typedhooks/typedhooks/internal/eventtest"
)

// fixtureOf maps each event type that has a documented example to its file
// in internal/samples/dynamic (see its SOURCES.md).
var fixtureOf = map[string]string{
	dynamic.TypeUserCreated:              "reconstructed_user.created.json",
	dynamic.TypeWalletDelegationCreated:  "wallet.delegation.created.json",
	dynamic.TypeWalletDelegationRevoked:  "wallet.delegation.revoked.json",
	dynamic.TypeWalletActivityRegistered: "wallet.activity.registered.json",
	dynamic.TypeWalletLinked:             "reconstructed_wallet.linked.json",
}

// withoutExample lists the event types for which Dynamic's documentation
// shows no example payload: its pages describe them in a sentence ("Occurs
// whenever ... Is a wallet.") or a schema at most. Each is tested with a
// made-up body, the wallet.activity.registered fixture with its eventName
// changed (TestParse_MadeUpEventsWithoutExample).
var withoutExample = []string{
	dynamic.TypePing,
	dynamic.TypeUserUpdated,
	dynamic.TypeUserDeleted,
	dynamic.TypeUserMerged,
	dynamic.TypeVisitCreated,
	dynamic.TypeUserSessionCreated,
	dynamic.TypeUserSessionRevoked,
	dynamic.TypeUserSocialLinked,
	dynamic.TypeUserSocialUnlinked,
	dynamic.TypeUserPasskeyRecoveryStarted,
	dynamic.TypeUserPasskeyRecoveryCompleted,
	dynamic.TypeUserEmailUnlinked,
	dynamic.TypeWalletCreated,
	dynamic.TypeWalletUnlinked,
	dynamic.TypeWalletExported,
	dynamic.TypeWalletTransferred,
	dynamic.TypeWalletSignature,
	dynamic.TypeWalletDeleted,
	dynamic.TypeWalletActivity, // the on-chain events page has examples, but no stored copy shows them
	dynamic.TypeWalletDelegationSignature,
	dynamic.TypeWalletSanctionsBlocked,
	dynamic.AliasSanctionsWalletBlocked,
	dynamic.TypeWalletAddressScreeningBlocked,
	dynamic.TypeWalletAddressScreeningAlerted,
	dynamic.TypeWaaSPolicyViolation,
	dynamic.TypeBusinessAccountCreated,
	dynamic.TypeBusinessAccountUpdated,
	dynamic.TypeBusinessAccountMemberAdded,
	dynamic.TypeBusinessAccountMemberRoleChanged,
	dynamic.TypeBusinessAccountMemberRemoved,
	dynamic.TypeBusinessAccountSignerRevoked,
	dynamic.TypeBusinessAccountProposalCreated,
	dynamic.TypeBusinessAccountProposalApproved,
	dynamic.TypeBusinessAccountProposalWithdrawn,
	dynamic.TypeBusinessAccountProposalVetoed,
	dynamic.TypeBusinessAccountProposalExecuted,
	dynamic.TypeBusinessAccountProposalExpired,
	dynamic.TypeAdminUserCreated,
	dynamic.TypeAdminWebhookUpdated,
}

func mustParse(t testing.TB, body []byte) typedhooks.Event {
	t.Helper()
	ev, err := dynamic.Parse(body)
	require.NoError(t, err)
	return ev
}

func dataOf(m map[string]any) map[string]any { return m["data"].(map[string]any) }

func TestParse_Fixtures(t *testing.T) {
	tests := []struct {
		file  string
		check func(t *testing.T, ev typedhooks.Event)
	}{
		{"reconstructed_user.created.json", func(t *testing.T, ev typedhooks.Event) {
			e, ok := ev.(*dynamic.UserCreated)
			require.True(t, ok, "got %T", ev)
			assert.Equal(t, "2a92c161-3167-44ad-8fce-4c6cdaed8129", e.EventID)
			assert.Equal(t, "5a2a5360-bb7e-4ea6-9bd3-0146bf2f734f", e.MessageID)
			assert.Equal(t, "a86acea4-e050-4846-8e4f-0ae039f6e37c", e.WebhookID)
			assert.Empty(t, e.UserID, "the example has no userId: an API key triggered it")
			assert.True(t, e.IsSandbox())
			assert.Equal(t, time.Date(2024, 5, 31, 17, 21, 14, 890e6, time.UTC), e.Timestamp.UTC())
			assert.Equal(t, "95b11417-f18f-457f-8804-68e361f9164f", e.Data.ID)
			require.Len(t, e.Data.VerifiedCredentials, 1)
			vc := e.Data.VerifiedCredentials[0]
			assert.Equal(t, "blockchain", vc.Format)
			assert.True(t, vc.SignInEnabled)
			assert.Equal(t, "0xbF394748301603f18d953C90F0b087CBEC0E1834", vc.Address)
			assert.Equal(t, "browserExtension", vc.WalletProvider)
			assert.Equal(t, "emailOnly", vc.OAuthProvider)
			assert.Equal(t, "US", vc.IsoCountryCode)
			assert.Equal(t, []string{"<string>"}, vc.OAuthEmails)
			assert.JSONEq(t, `{"avatar":"<string>","name":"<string>"}`, mustMarshal(t, vc.NameService))
			assert.Contains(t, string(vc.WalletProperties), `"kernelVersion": "v2_4"`)
		}},
		{"wallet.delegation.created.json", func(t *testing.T, ev typedhooks.Event) {
			e, ok := ev.(*dynamic.WalletDelegationCreated)
			require.True(t, ok, "got %T", ev)
			assert.Equal(t, "f44da9f0-a5b5-47f6-965f-f04af51c903e", e.IdempotencyKey())
			assert.Equal(t, "2cf779a8-89da-486f-974e-2b77b738e4ac", e.EventKey())
			assert.Equal(t, "7eb7843b-2a4d-4f69-b95e-d219f0662fda", e.UserID)
			assert.Equal(t, "53728749-1f19-4cab-becf-b88f952c3a3c", e.EnvironmentID)
			assert.False(t, e.IsRedelivery())
			assert.Equal(t, time.Date(2025, 10, 1, 15, 13, 26, 348e6, time.UTC), e.Timestamp.UTC())
			assert.Equal(t, "EVM", e.Data.Chain)
			assert.Equal(t, "HYBRID-RSA-AES-256", e.Data.EncryptedDelegatedShare.Alg)
			assert.Equal(t, "dzePdAUMQd6lWQngEXWPdQ", e.Data.EncryptedDelegatedShare.IV)
			assert.Equal(t, "Yq8bpMU8huIx7UzUUUgI9Q", e.Data.EncryptedDelegatedShare.Tag)
			assert.Empty(t, e.Data.EncryptedDelegatedShare.KeyID, "the share carries no kid in the example")
			assert.Equal(t, "dynamic_rsa_lSuvWlCy", e.Data.EncryptedWalletAPIKey.KeyID)
			assert.Equal(t, "PzeliI...0kB9C0", e.Data.EncryptedWalletAPIKey.Ciphertext)
			assert.Equal(t, "iWJgZQ...rxt", e.Data.EncryptedWalletAPIKey.EncryptedKey)
			assert.Equal(t, "0xd74ff800a3c6f66ecd217118aaa6fb1c916fa4e2", e.Data.PublicKey)
			assert.Equal(t, "25193936-3ecd-4c1b-84e6-9eabc82e53c2", e.Data.WalletID)
			assert.Equal(t, e.UserID, e.Data.UserID)
		}},
		{"wallet.delegation.revoked.json", func(t *testing.T, ev typedhooks.Event) {
			e, ok := ev.(*dynamic.WalletDelegationRevoked)
			require.True(t, ok, "got %T", ev)
			assert.Equal(t, "3f0a1b1c-0000-4000-8000-aaaaaaaaaaaa", e.EventID)
			assert.Empty(t, e.MessageID, "Dynamic's example has no messageId")
			assert.Equal(t, e.EventID, e.IdempotencyKey(), "falls back to the event id")
			assert.False(t, e.IsSandbox(), "no environmentName in the example")
			assert.Equal(t, time.Date(2025, 10, 1, 16, 0, 0, 0, time.UTC), e.Timestamp.UTC())
			assert.Equal(t, "25193936-3ecd-4c1b-84e6-9eabc82e53c2", e.Data.WalletID)
			assert.Equal(t, "EVM", e.Data.Chain)
		}},
		{"reconstructed_wallet.linked.json", func(t *testing.T, ev typedhooks.Event) {
			e, ok := ev.(*dynamic.WalletLinked)
			require.True(t, ok, "got %T", ev)
			w := e.Data
			assert.Equal(t, "95b11417-f18f-457f-8804-68e361f9164f", w.ID)
			assert.Equal(t, w.ID, w.UserID)
			assert.Equal(t, "ETH", w.Chain)
			assert.Equal(t, "0xbF394748301603f18d953C90F0b087CBEC0E1834", w.PublicKey)
			assert.Equal(t, w.PublicKey, w.LowerPublicKey, "as in Dynamic's example")
			assert.Equal(t, "browserExtension", w.Provider)
			assert.Equal(t, "95b11417-f18f-457f-8804-68e361f9164f", w.ProjectEnvironmentID)
			assert.Equal(t, "95b11417-f18f-457f-8804-68e361f9164f", w.SignerWalletID)
			assert.Equal(t, []dynamic.WalletAdditionalAddress{{Address: "<string>", Type: "ordinals", PublicKey: "<string>"}}, w.WalletAdditionalAddresses)
			created := time.Date(2023, 11, 7, 5, 31, 56, 0, time.UTC)
			assert.True(t, w.CreatedAt.Equal(created))
			assert.True(t, w.UpdatedAt.Equal(created))
			assert.True(t, w.LastSelectedAt.Equal(created))
			assert.True(t, w.SignInEnabled)
			assert.Equal(t, "An example name", w.WalletBookName)
			assert.JSONEq(t, `{}`, string(w.HardwareWallet))
		}},
		{"wallet.activity.registered.json", func(t *testing.T, ev typedhooks.Event) {
			e, ok := ev.(*dynamic.WalletActivityRegistered)
			require.True(t, ok, "got %T", ev)
			assert.Equal(t, "f0e1d2c3-b4a5-6789-0abc-def123456789", e.IdempotencyKey())
			assert.Equal(t, "sandbox", e.EnvironmentName)
			assert.Equal(t, "0x3FcE1F4F28DbA209344072867134A3a7F547C7f1", e.Data.WalletAddress)
			assert.Equal(t, "484e49ba-3026-4e2c-9bf0-ed98ae224833", e.Data.WalletID)
			assert.Equal(t, "a5914498-7a8b-4c58-b04c-9624fef2897c", e.Data.UserID)
			assert.Equal(t, time.Date(2025, 6, 9, 14, 30, 59, 210e6, time.UTC), e.Timestamp.UTC())
		}},
	}
	require.Len(t, eventtest.DocumentedFixtureNames(t), len(tests), "every documented fixture needs a row in this table")
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body := eventtest.Fixture(t, tt.file)
			ev := mustParse(t, body)
			tt.check(t, ev)
			require.Empty(t, eventtest.RoundTripDiff(body, ev))
		})
	}
}

func mustMarshal(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// canonicalOf is the current name of an event type: the alias maps to the
// name it was renamed to.
func canonicalOf(eventType string) string {
	if eventType == dynamic.AliasSanctionsWalletBlocked {
		return dynamic.TypeWalletSanctionsBlocked
	}
	return eventType
}

func TestTypes_Complete(t *testing.T) {
	types := dynamic.Types()
	require.NotEmpty(t, types)
	assert.True(t, slices.IsSorted(types))
	for _, eventType := range types {
		ev, ok := dynamic.New(eventType)
		require.True(t, ok, eventType)
		assert.Equal(t, canonicalOf(eventType), ev.EventType(), "EventType of %T", ev)
		_, hasFixture := fixtureOf[eventType]
		listed := slices.Contains(withoutExample, eventType)
		assert.True(t, hasFixture != listed, "%s: needs exactly one of a fixture or a withoutExample entry", eventType)
		// Every event carries the envelope helpers the dispatcher relies on.
		assert.Implements(t, (*typedhooks.IdempotencyKeyer)(nil), ev)
		assert.Implements(t, (*typedhooks.Redeliverer)(nil), ev)
	}
	for eventType, file := range fixtureOf {
		assert.Contains(t, types, eventType)
		assert.Contains(t, eventtest.FixtureNames(t), file)
	}
	for _, eventType := range withoutExample {
		assert.Contains(t, types, eventType)
	}
	assert.Len(t, types, len(fixtureOf)+len(withoutExample))
}

func TestTypes_DistinctGoTypes(t *testing.T) {
	seen := map[reflect.Type]string{}
	for _, eventType := range dynamic.Types() {
		ev, _ := dynamic.New(eventType)
		goType := reflect.TypeOf(ev)
		if other, dup := seen[goType]; dup {
			assert.Equal(t, canonicalOf(other), canonicalOf(eventType), "%v serves two event types", goType)
		}
		seen[goType] = eventType
	}
}

func TestParse_MadeUpEventsWithoutExample(t *testing.T) {
	for _, eventType := range withoutExample {
		t.Run(eventType, func(t *testing.T) {
			body := eventtest.EditFixture(t, "wallet.activity.registered.json", func(m map[string]any) {
				m["eventName"] = eventType
			})
			ev := mustParse(t, body)
			want, _ := dynamic.New(eventType)
			require.IsType(t, want, ev)
			assert.Equal(t, canonicalOf(eventType), ev.EventType())
			assert.Equal(t, "f0e1d2c3-b4a5-6789-0abc-def123456789", ev.(typedhooks.IdempotencyKeyer).IdempotencyKey())
			out, err := json.Marshal(ev)
			require.NoError(t, err)
			assert.Contains(t, string(out), `"eventName":"`+eventType+`"`, "the wire name, alias included, survives")
			require.Empty(t, eventtest.RoundTripDiff(body, ev))
		})
	}
}

func TestParse_MadeUpAliasSanctionsWalletBlocked(t *testing.T) {
	body := eventtest.EditFixture(t, "wallet.activity.registered.json", func(m map[string]any) {
		m["eventName"] = dynamic.AliasSanctionsWalletBlocked
		m["data"] = map[string]any{
			"walletAddress":          "0x3fce1f4f28dba209344072867134a3a7f547c7f1",
			"chain":                  "EVM",
			"sanctionsProvider":      "dynamic-sanctions-screening",
			"sanctionCheckRequestId": "484e49ba-3026-4e2c-9bf0-ed98ae224833",
			"categories":             []string{},
			"origin":                 "signIn",
		}
	})
	ev := mustParse(t, body)
	e, ok := ev.(*dynamic.WalletSanctionsBlocked)
	require.True(t, ok, "got %T", ev)
	assert.Equal(t, dynamic.TypeWalletSanctionsBlocked, e.EventType())
	assert.Equal(t, dynamic.AliasSanctionsWalletBlocked, e.EventName)
	assert.Equal(t, "signIn", e.Data.Origin)
	assert.Equal(t, "dynamic-sanctions-screening", e.Data.SanctionsProvider)
	assert.NotNil(t, e.Data.Categories)
	assert.Empty(t, e.Data.Categories)
	require.Empty(t, eventtest.RoundTripDiff(body, ev))
	assert.Contains(t, mustMarshal(t, ev), `"categories":[]`)
}
