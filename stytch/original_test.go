package stytch_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/eventtest"
	"github.com/typedhooks/typedhooks/stytch"
)

// TestMarshal_MadeUpMembersInEveryObjectSurvive adds an unknown member to
// every object of each documented example (the user's emails included) and
// requires encoding the event to give back every member: Stytch adds members
// without notice, and a stored or forwarded event must not lose them.
func TestMarshal_MadeUpMembersInEveryObjectSurvive(t *testing.T) {
	eventtest.RequireFixturesLossless(t, stytch.Parse, func(t *testing.T, _ string, _ typedhooks.Event, body []byte) {
		assert.Contains(t, string(body), eventtest.MadeUpMember)
	})
}

// TestMarshal_EveryRegisteredTypeKeepsMadeUpMembers holds every event type,
// those without a documented example included, to the lossless round trip,
// and checks that no MarshalJSON hides a field of an event type.
func TestMarshal_EveryRegisteredTypeKeepsMadeUpMembers(t *testing.T) {
	eventtest.RequireEveryTypeLossless(t, stytch.Types(), stytch.New, stytch.Parse,
		func(m map[string]any, eventType string) {
			parts := strings.Split(eventType, ".")
			require.Len(t, parts, 3)
			m["source"], m["object_type"], m["action"] = strings.ToUpper(parts[0]), parts[1], strings.ToUpper(parts[2])
		})
}

func TestMarshal_MadeUpChangeAfterParseWins(t *testing.T) {
	ev, _ := eventtest.RequireLossless(t, stytch.Parse, eventtest.Fixture(t, "direct.user.update.json"))
	e := eventtest.As[*stytch.DirectUserUpdate](t, ev)
	e.User.Status = "deleted"
	e.User.Emails[0].Verified = true
	e.User.Name.FirstName = ""
	e.Vertical = ""

	out, err := json.Marshal(e)
	require.NoError(t, err)
	var got struct {
		Vertical *string `json:"vertical"`
		User     map[string]any
	}
	require.NoError(t, json.Unmarshal(out, &got))
	assert.Nil(t, got.Vertical, "emptied by the user, so not written back")
	assert.Equal(t, "deleted", got.User["status"])
	email := got.User["emails"].([]any)[0].(map[string]any)
	assert.Equal(t, true, email["verified"])
	assert.Contains(t, email, eventtest.MadeUpMember, "unknown members of array elements stay")
	name := got.User["name"].(map[string]any)
	assert.Equal(t, "", name["first_name"])
	assert.Equal(t, "Lovelace", name["last_name"])
	assert.Contains(t, name, eventtest.MadeUpMember)
}

func TestMarshal_BuiltInCodeEncodesItsFields(t *testing.T) {
	ev := &stytch.DirectUserDelete{UserEvent: stytch.UserEvent{Envelope: stytch.Envelope{
		ProjectID: "p", EventID: "e", WireAction: "DELETE", WireObjectType: "user", WireSource: "DIRECT", ID: "u",
	}}}
	out, err := json.Marshal(ev)
	require.NoError(t, err)
	assert.JSONEq(t, `{"project_id":"p","event_id":"e","action":"DELETE","object_type":"user","source":"DIRECT","id":"u","timestamp":null}`, string(out))
	assert.Nil(t, ev.OriginalBody())
}

func TestParse_MadeUpBufferReuseDoesNotChangeTheEvent(t *testing.T) {
	eventtest.RequireBufferReuseSafe(t, stytch.Parse, eventtest.Fixture(t, "direct.user.create.json"))
}
