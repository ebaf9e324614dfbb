package credentials_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/credentials"
	"github.com/typedhooks/typedhooks/internal/eventtest"
)

// TestMarshal_MadeUpMembersInEveryObjectSurvive adds an unknown member to
// every object of each fixture and requires encoding the event to give back
// every member: with delegated storage the stored event is the only copy of
// the credential, so it must not lose what Crossmint adds.
func TestMarshal_MadeUpMembersInEveryObjectSurvive(t *testing.T) {
	eventtest.RequireFixturesLossless(t, credentials.Parse, nil)
}

// TestMarshal_EveryRegisteredTypeKeepsMadeUpMembers holds every event type
// to the lossless round trip, and checks that no MarshalJSON hides a field.
func TestMarshal_EveryRegisteredTypeKeepsMadeUpMembers(t *testing.T) {
	eventtest.RequireEveryTypeLossless(t, credentials.Types(), credentials.New, credentials.Parse,
		func(m map[string]any, eventType string) { m["type"] = eventType })
}

func TestMarshal_MadeUpChangeAfterParseWins(t *testing.T) {
	ev, _ := eventtest.RequireLossless(t, credentials.Parse, eventtest.Fixture(t, "madeup_credential.creation.succeeded.json"))
	e := eventtest.As[*credentials.CredentialCreationSucceeded](t, ev)
	e.Data.Secret = ""
	e.Data.Pass = json.RawMessage(`{"url":"https://example.com/pass/new"}`)
	out, err := json.Marshal(e)
	require.NoError(t, err)
	assert.NotContains(t, string(out), `"secret"`)
	assert.Contains(t, string(out), `{"url":"https://example.com/pass/new"}`)
	assert.Equal(t, 1, strings.Count(string(out), `"pass"`))
	assert.Contains(t, string(out), `"`+eventtest.MadeUpMember+`"`)
}

func TestMarshal_BuiltInCodeEncodesItsFields(t *testing.T) {
	ev := credentials.CredentialCreationFailed{
		Envelope: credentials.Envelope{Type: credentials.TypeCredentialCreationFailed},
		Data:     credentials.CreationFailedData{Error: json.RawMessage(`{"message":"m"}`)},
	}
	out, err := json.Marshal(ev)
	require.NoError(t, err)
	assert.Equal(t, `{"type":"credential.creation.failed","data":{"error":{"message":"m"}}}`, string(out))
}

func TestParse_MadeUpBufferReuseDoesNotChangeTheEvent(t *testing.T) {
	eventtest.RequireBufferReuseSafe(t, credentials.Parse, eventtest.Fixture(t, "madeup_credential.creation.failed.json"))
}
