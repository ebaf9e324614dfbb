package crossmint_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/internal/eventtest"
)

// actionFixture reads testdata/actions/name (see testdata/SOURCES.md).
func actionFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", "actions", name))
	require.NoError(tb, err)
	return body
}

func parseActionFixture(t *testing.T, name string) *crossmint.Action {
	t.Helper()
	a, err := crossmint.ParseAction(actionFixture(t, name))
	require.NoError(t, err)
	return a
}

func TestParseAction_DocumentedPendingExample(t *testing.T) {
	a := parseActionFixture(t, "get-action-status.pending.json")
	assert.Equal(t, "66881a4d-eff9-467a-b19d-a2ff76eef5c2", a.ActionID)
	assert.Equal(t, crossmint.ActionNFTCreate, a.Action)
	assert.Equal(t, crossmint.ActionPending, a.Status)
	assert.False(t, a.Done())
	assert.True(t, a.StartedAt.Equal(time.Date(2023, 10, 2, 22, 10, 41, 0, time.UTC)))
	assert.True(t, a.CompletedAt.IsZero(), "the documented example has no completedAt")
	assert.Equal(t, "https://staging.crossmint.com/api/2022-06-09/actions/66881a4d-eff9-467a-b19d-a2ff76eef5c2", a.Resource)
	data, ok := a.Data.(*crossmint.NFTData)
	require.True(t, ok, "data of nfts.create is %T, want *crossmint.NFTData", a.Data)
	assert.Equal(t, typedhooks.ID("someCollection"), data.Collection.ID)
	assert.Equal(t, "0x0B7c736cD6D517b6AFfB3F6151eC662B0000018B", data.Collection.ContractAddress)
	require.NotNil(t, data.Recipient)
	assert.Equal(t, "0x6Def4FF2Efe3731EB2Ca09c625d21bfd6da00000", data.Recipient.WalletAddress)
	require.NotNil(t, data.Token)
	assert.Equal(t, typedhooks.ID("66881a4d-eff9-467a-b19d-a2ff76eef5c2"), data.Token.ID)
	assert.JSONEq(t, `{"collection":{"id":"someCollection","contractAddress":"0x0B7c736cD6D517b6AFfB3F6151eC662B0000018B"},"recipient":{"walletAddress":"0x6Def4FF2Efe3731EB2Ca09c625d21bfd6da00000"},"token":{"id":"66881a4d-eff9-467a-b19d-a2ff76eef5c2"}}`, string(a.RawData))

	ev, err := a.Event()
	assert.Nil(t, ev)
	assert.ErrorIs(t, err, crossmint.ErrActionPending)
}

func TestActionEvent_MadeUpSucceededIsTheWebhookStruct(t *testing.T) {
	a := parseActionFixture(t, "madeup_nfts.create.succeeded.json")
	assert.True(t, a.Done())
	assert.True(t, a.CompletedAt.Equal(time.Date(2023, 10, 2, 22, 10, 55, 0, time.UTC)))
	ev, err := a.Event()
	require.NoError(t, err)
	e := eventtest.As[*crossmint.NFTCreateSucceeded](t, ev)
	assert.Equal(t, crossmint.TypeNFTCreateSucceeded, e.Type)
	assert.Equal(t, typedhooks.ID(a.ActionID), e.ActionID)
	assert.True(t, e.StartedAt.Equal(a.StartedAt))
	assert.True(t, e.CompletedAt.Equal(a.CompletedAt))
	assert.Equal(t, a.Resource, e.Resource)
	assert.Equal(t, "polygon", e.Data.Chain)
	require.NotNil(t, e.Data.Token)
	assert.Equal(t, typedhooks.ID("15"), e.Data.Token.TokenID)
	assert.Equal(t, "action:66881a4d-eff9-467a-b19d-a2ff76eef5c2:nfts.create.succeeded", e.IdempotencyKey())

	// The event is the webhook's body: encoding it and parsing it as a
	// webhook gives the same event and key.
	out, err := json.Marshal(ev)
	require.NoError(t, err)
	assert.NotContains(t, string(out), `"status"`)
	assert.NotContains(t, string(out), `"action"`)
	again, err := crossmint.Parse(out)
	require.NoError(t, err)
	assert.Equal(t, e.IdempotencyKey(), again.(typedhooks.IdempotencyKeyer).IdempotencyKey())
}

func TestActionEvent_MadeUpFailedCarriesTheError(t *testing.T) {
	a := parseActionFixture(t, "madeup_nfts.create.failed.json")
	data := a.Data.(*crossmint.NFTData)
	require.NotNil(t, data.Error)
	assert.Equal(t, "execution_reverted", data.Error.Reason)
	ev, err := a.Event()
	require.NoError(t, err)
	e := eventtest.As[*crossmint.NFTCreateFailed](t, ev)
	assert.Equal(t, "execution reverted: Wrong value for key", e.Data.Error.RevertReason)
	assert.JSONEq(t, `{"key":28}`, string(e.Data.ContractArguments))
	assert.Equal(t, "action:cf9985d3-3341-4fd6-bd0e-548ef97a3486:nfts.create.failed", e.IdempotencyKey())
}

func TestActionEvent_MadeUpCollection(t *testing.T) {
	a := parseActionFixture(t, "madeup_collections.create.succeeded.json")
	data, ok := a.Data.(*crossmint.CollectionData)
	require.True(t, ok, "%T", a.Data)
	assert.Equal(t, "0x59195995f248450267AD40CAc1d79fAAba290467", data.Collection.ContractAddress)
	ev, err := a.Event()
	require.NoError(t, err)
	eventtest.As[*crossmint.CollectionCreateSucceeded](t, ev)
}

// Every action of the table, both outcomes, gives the struct registered for
// the webhook of that name; an Action built in code (no Raw) works too.
func TestActionEvent_EveryKnownActionAndOutcomeMadeUp(t *testing.T) {
	for _, action := range []string{
		crossmint.ActionNFTCreate, crossmint.ActionNFTUpdate, crossmint.ActionNFTDelete,
		crossmint.ActionCollectionCreate, crossmint.ActionCollectionUpdate,
	} {
		for _, status := range []string{crossmint.ActionSucceeded, crossmint.ActionFailed} {
			want, ok := crossmint.EventTypeOf(action, status)
			require.True(t, ok, action+" "+status)
			assert.Equal(t, action+"."+status, want)
			a := &crossmint.Action{ActionID: "a-1", Action: action, Status: status,
				StartedAt: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), RawData: json.RawMessage(`{"chain":"base"}`)}
			ev, err := a.Event()
			require.NoError(t, err)
			assert.Equal(t, want, ev.EventType())
			proto, ok := crossmint.New(want)
			require.True(t, ok)
			assert.IsType(t, proto, ev)
			k, ok := ev.(typedhooks.IdempotencyKeyer)
			require.True(t, ok, "%T has no IdempotencyKey", ev)
			assert.Equal(t, "action:a-1:"+want, k.IdempotencyKey())
		}
	}
}

func TestActionEvent_BuiltInCodeWithTypedData(t *testing.T) {
	a := &crossmint.Action{ActionID: "a-2", Action: crossmint.ActionNFTUpdate, Status: crossmint.ActionSucceeded,
		Data: &crossmint.NFTData{Chain: "solana", Changes: []string{"metadata"}}}
	ev, err := a.Event()
	require.NoError(t, err)
	e := eventtest.As[*crossmint.NFTUpdateSucceeded](t, ev)
	assert.Equal(t, []string{"metadata"}, e.Data.Changes)
	assert.True(t, e.Data.IsSolana())
}

func TestActionEvent_UnknownActionKeepsRawAndIsNoError(t *testing.T) {
	a := parseActionFixture(t, "madeup_wallets-nfts.transfer.succeeded.json")
	assert.Equal(t, crossmint.ActionNFTTransfer, a.Action)
	assert.Nil(t, a.Data, "no webhook data type for this action")
	assert.JSONEq(t, `{"chain":"polygon","madeUpMember":{"kept":true}}`, string(a.RawData))
	_, ok := crossmint.EventTypeOf(a.Action, a.Status)
	assert.False(t, ok)

	ev, err := a.Event()
	require.NoError(t, err)
	u := eventtest.As[*typedhooks.Unknown](t, ev)
	assert.Equal(t, "wallets:nfts.transfer.succeeded", u.Type)
	var body map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(u.Raw, &body))
	assert.JSONEq(t, string(a.RawData), string(body["data"]))
	assert.JSONEq(t, `"5f0d3a1e-7c2b-4e8a-9b61-2f4c8d7e9a10"`, string(body["actionId"]))

	// A brand-new action name behaves the same.
	b, err := crossmint.ParseAction([]byte(`{"actionId":"x","action":"nfts.teleport","status":"failed","data":{"why":"made up"}}`))
	require.NoError(t, err)
	assert.Nil(t, b.Data)
	ev, err = b.Event()
	require.NoError(t, err)
	assert.Equal(t, "nfts.teleport.failed", ev.EventType())
}

func TestActionEvent_UnknownStatusIsNoOutcomeMadeUp(t *testing.T) {
	a, err := crossmint.ParseAction([]byte(`{"actionId":"x","action":"nfts.create","status":"processing","data":{}}`))
	require.NoError(t, err)
	assert.False(t, a.Done())
	_, err = a.Event()
	assert.ErrorIs(t, err, crossmint.ErrActionPending)
}

func TestParseAction_TolerantMadeUp(t *testing.T) {
	// Wrong kinds cost only their field; a number id is kept; a member
	// spelled TYPE does not change the event's type; an unknown member is
	// kept in Raw.
	a, err := crossmint.ParseAction([]byte(`{"actionId":12345,"action":"nfts.create","status":"succeeded","startedAt":{"no":1},` +
		`"completedAt":1696424259573,"resource":7,"TYPE":"nfts.create.failed","madeUp":[1],"data":{"chain":3,"txId":"0xab"}}`))
	require.NoError(t, err)
	assert.Equal(t, "12345", a.ActionID)
	assert.True(t, a.StartedAt.IsZero())
	assert.True(t, a.CompletedAt.Equal(time.UnixMilli(1696424259573)))
	assert.Empty(t, a.Resource)
	assert.Contains(t, string(a.Raw), `"madeUp":[1]`)
	require.IsType(t, &crossmint.NFTData{}, a.Data)
	assert.Equal(t, "0xab", a.Data.(*crossmint.NFTData).TxID)
	ev, err := a.Event()
	require.NoError(t, err)
	e := eventtest.As[*crossmint.NFTCreateSucceeded](t, ev)
	assert.Equal(t, crossmint.TypeNFTCreateSucceeded, e.Type)

	// No data at all.
	a, err = crossmint.ParseAction([]byte(`{"actionId":"x","action":"nfts.create","status":"pending","data":null}`))
	require.NoError(t, err)
	assert.Nil(t, a.Data)
	assert.Nil(t, a.RawData)
}

func TestParseAction_NotAnObject(t *testing.T) {
	for _, body := range []string{``, `null`, `[]`, `"x"`, `<html>502 Bad Gateway</html>`, `{"actionId":`} {
		_, err := crossmint.ParseAction([]byte(body))
		assert.ErrorIs(t, err, typedhooks.ErrNotObject, "%q", body)
	}
}

func TestAction_UnmarshalJSON(t *testing.T) {
	var a crossmint.Action
	require.NoError(t, json.Unmarshal(actionFixture(t, "get-action-status.pending.json"), &a))
	assert.Equal(t, crossmint.ActionPending, a.Status)
	assert.IsType(t, &crossmint.NFTData{}, a.Data)
	assert.True(t, errors.Is(json.Unmarshal([]byte(`[1]`), &a), typedhooks.ErrNotObject))
}

// FuzzParseAction checks that the action response parser never panics, and
// that an action it accepts with an outcome gives an event that encodes and
// parses back as a webhook of the same type and key.
func FuzzParseAction(f *testing.F) {
	names, err := filepath.Glob(filepath.Join("testdata", "actions", "*.json"))
	if err != nil || len(names) == 0 {
		f.Fatalf("action fixtures: %v (found %d)", err, len(names))
	}
	for _, n := range names {
		f.Add(actionFixture(f, filepath.Base(n)))
	}
	f.Add([]byte(`{"actionId":1,"action":"collections.update","status":"failed","data":[],"Type":"x"}`))
	f.Add([]byte(`{"action":"nfts.delete","status":"succeeded","data":{"token":{"tokenId":12345678901234567890}}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		a, err := crossmint.ParseAction(body)
		if err != nil {
			if !errors.Is(err, typedhooks.ErrNotObject) {
				t.Fatalf("error %v does not wrap ErrNotObject", err)
			}
			return
		}
		ev, err := a.Event()
		if !a.Done() {
			if !errors.Is(err, crossmint.ErrActionPending) {
				t.Fatalf("status %q: err %v, want ErrActionPending", a.Status, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Event of %s: %v", body, err)
		}
		if want, ok := crossmint.EventTypeOf(a.Action, a.Status); ok && ev.EventType() != want {
			t.Fatalf("event type %q, want %q", ev.EventType(), want)
		}
		out, err := json.Marshal(ev)
		if err != nil {
			t.Fatalf("marshal %T: %v", ev, err)
		}
		again, err := crossmint.Parse(out)
		if err != nil {
			t.Fatalf("re-parse of %s: %v", out, err)
		}
		if again.EventType() != ev.EventType() {
			t.Fatalf("type %q became %q", ev.EventType(), again.EventType())
		}
		if k, ok := ev.(typedhooks.IdempotencyKeyer); ok {
			if k2 := again.(typedhooks.IdempotencyKeyer); k.IdempotencyKey() != k2.IdempotencyKey() {
				t.Fatalf("key %q became %q", k.IdempotencyKey(), k2.IdempotencyKey())
			}
		}
	})
}

// An Action stored as JSON reads back the same, decoded or built in code.
func TestAction_MarshalRoundTrip(t *testing.T) {
	a := parseActionFixture(t, "madeup_nfts.create.succeeded.json")
	out, err := json.Marshal(a)
	require.NoError(t, err)
	assert.JSONEq(t, string(actionFixture(t, "madeup_nfts.create.succeeded.json")), string(out))

	built := crossmint.Action{ActionID: "b-1", Action: crossmint.ActionCollectionCreate, Status: crossmint.ActionFailed,
		StartedAt: time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC), Data: &crossmint.CollectionData{Chain: "base"}}
	out, err = json.Marshal(built)
	require.NoError(t, err)
	var back crossmint.Action
	require.NoError(t, json.Unmarshal(out, &back))
	assert.Equal(t, "b-1", back.ActionID)
	assert.Equal(t, crossmint.ActionCollectionCreate, back.Action)
	assert.Equal(t, crossmint.ActionFailed, back.Status)
	assert.True(t, back.StartedAt.Equal(built.StartedAt))
	assert.Equal(t, "base", back.Data.(*crossmint.CollectionData).Chain)
}
