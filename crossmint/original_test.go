package crossmint_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/internal/eventtest"
)

// TestMarshal_EveryRegisteredTypeKeepsMadeUpMembers holds every event type
// Parse knows, those without a documented example and the credentials
// package's included, to the lossless round trip, and checks that no
// MarshalJSON hides a field of an event type.
func TestMarshal_EveryRegisteredTypeKeepsMadeUpMembers(t *testing.T) {
	eventtest.RequireEveryTypeLossless(t, crossmint.Types(), crossmint.New, crossmint.Parse,
		func(m map[string]any, eventType string) { m["type"] = eventType })
}

func TestMarshal_MadeUpChangeAfterParseWins(t *testing.T) {
	ev, _ := eventtest.RequireLossless(t, crossmint.Parse, eventtest.Fixture(t, "nfts.create.succeeded.evm.json"))
	e := eventtest.As[*crossmint.NFTCreateSucceeded](t, ev)
	e.Data.Chain = "ethereum"
	e.Data.TxID = ""       // omitted: the original txId must not come back
	e.Data.Recipient = nil // omitted, with the members the struct did not know
	e.Data.Token.TokenID = "16"
	e.Resource = ""

	out, err := json.Marshal(e)
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(out, &got))
	data := got["data"].(map[string]any)
	assert.Equal(t, "ethereum", data["chain"])
	assert.NotContains(t, data, "txId")
	assert.NotContains(t, data, "recipient")
	assert.NotContains(t, got, "resource")
	assert.Equal(t, "16", data["token"].(map[string]any)["tokenId"])
	// What the user did not touch is still there, unknown members too.
	assert.Contains(t, got, eventtest.MadeUpMember)
	assert.Contains(t, data["token"], eventtest.MadeUpMember)
	assert.Equal(t, "771d7e38-2890-47d7-b733-a1462736b528", got["actionId"])
}

func TestMarshal_MadeUpEmptyMembersSurvive(t *testing.T) {
	// omitempty would drop these; their original text decodes to what the
	// fields still hold, so it is written back.
	body := []byte(`{"type":"nfts.update.succeeded","actionId":"a","data":{"chain":"","txId":null,"changes":[],"collection":{"id":"c","mintAddress":""}}}`)
	ev, err := crossmint.Parse(body)
	require.NoError(t, err)
	out, err := json.Marshal(ev)
	require.NoError(t, err)
	for _, want := range []string{`"chain":""`, `"txId":null`, `"changes":[]`, `"mintAddress":""`} {
		assert.Contains(t, string(out), want)
	}

	// A member the user emptied is not brought back.
	e := eventtest.As[*crossmint.NFTUpdateSucceeded](t, ev)
	e.ActionID = ""
	out, err = json.Marshal(e)
	require.NoError(t, err)
	assert.NotContains(t, string(out), `"actionId"`)
}

func TestMarshal_BuiltInCodeEncodesItsFields(t *testing.T) {
	ev := &crossmint.UserCreated{
		UserEnvelope: crossmint.UserEnvelope{Type: crossmint.TypeUserCreated, Status: "success"},
		Data:         crossmint.UserCreatedData{ID: "u1", Email: "a@example.com"},
	}
	out, err := json.Marshal(ev)
	require.NoError(t, err)
	assert.JSONEq(t, `{"type":"users.created","status":"success","data":{"id":"u1","email":"a@example.com"}}`, string(out))
	assert.Nil(t, ev.OriginalBody())

	var decoded crossmint.NFTCreateSucceeded
	require.NoError(t, json.Unmarshal(eventtest.Fixture(t, "nfts.create.succeeded.evm.json"), &decoded))
	assert.Nil(t, decoded.OriginalBody(), "only Parse keeps the body")
}

func TestParse_MadeUpBufferReuseDoesNotChangeTheEvent(t *testing.T) {
	eventtest.RequireBufferReuseSafe(t, crossmint.Parse, eventtest.Fixture(t, "nfts.create.failed.evm.json"))
}

// The event's strings refer to its kept copy of the body, so OriginalBody
// must hand out a copy that the caller may change freely.
func TestOriginalBody_IsACopy(t *testing.T) {
	body := eventtest.Fixture(t, "nfts.create.succeeded.evm.json")
	ev, err := crossmint.Parse(body)
	require.NoError(t, err)
	e := eventtest.As[*crossmint.NFTCreateSucceeded](t, ev)
	before, err := json.Marshal(e)
	require.NoError(t, err)
	chain := e.Data.Chain
	got := e.OriginalBody()
	copy(got, bytes.Repeat([]byte("x"), len(got)))
	assert.Equal(t, chain, e.Data.Chain)
	after, err := json.Marshal(e)
	require.NoError(t, err)
	assert.Equal(t, string(before), string(after))
	assert.Equal(t, body, e.OriginalBody())
}

func TestMarshal_MadeUpUnknownTypeStaysRaw(t *testing.T) {
	body := []byte(`{"type":"made.up.type","madeUpMember":{"a":1}}`)
	ev, err := crossmint.Parse(body)
	require.NoError(t, err)
	out, err := json.Marshal(ev)
	require.NoError(t, err)
	assert.Equal(t, string(body), string(out))
	assert.Equal(t, "made.up.type", eventtest.As[*typedhooks.Unknown](t, ev).Type)
}
