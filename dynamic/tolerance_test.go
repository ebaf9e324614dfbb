package dynamic_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/dynamic"
	"github.com/typedhooks/typedhooks/internal/eventtest"
)

const delegationCreated = "wallet.delegation.created.json"

func parseDelegation(t *testing.T, body []byte) *dynamic.WalletDelegationCreated {
	t.Helper()
	ev := mustParse(t, body)
	e, ok := ev.(*dynamic.WalletDelegationCreated)
	require.True(t, ok, "got %T", ev)
	require.Empty(t, eventtest.RoundTripDiff(body, ev))
	return e
}

func TestParse_MadeUpExtraMembers(t *testing.T) {
	body := eventtest.EditFixture(t, delegationCreated, func(m map[string]any) {
		m["apiVersion"] = "2027-01-01"
		m["trace"] = map[string]any{"hops": []any{1, 2}}
		d := dataOf(m)
		d["delegatedTo"] = "agent-7"
		d["encryptedDelegatedShare"].(map[string]any)["kdf"] = map[string]any{"name": "HKDF", "rounds": 3}
	})
	e := parseDelegation(t, body)
	assert.JSONEq(t, `"2027-01-01"`, member(t, e, "apiVersion"))
	assert.JSONEq(t, `{"hops":[1,2]}`, member(t, e, "trace"))
	assert.JSONEq(t, `"agent-7"`, member(t, e, "data", "delegatedTo"))
	assert.JSONEq(t, `{"name":"HKDF","rounds":3}`, member(t, e, "data", "encryptedDelegatedShare", "kdf"))
	// The documented fields are still decoded next to the unknown ones.
	assert.Equal(t, "EVM", e.Data.Chain)
	assert.Equal(t, "dzePdAUMQd6lWQngEXWPdQ", e.Data.EncryptedDelegatedShare.IV)
}

func TestParse_MadeUpNulls(t *testing.T) {
	body := eventtest.EditFixture(t, delegationCreated, func(m map[string]any) {
		m["userId"] = nil
		m["externalUserId"] = nil
		m["redelivery"] = nil
		m["timestamp"] = nil
		d := dataOf(m)
		d["publicKey"] = nil
		d["encryptedWalletApiKey"] = nil
	})
	e := parseDelegation(t, body)
	assert.Empty(t, e.UserID)
	assert.Empty(t, e.ExternalUserID)
	assert.False(t, e.IsRedelivery())
	assert.True(t, e.Timestamp.IsZero())
	assert.Empty(t, e.Data.PublicKey)
	assert.Zero(t, e.Data.EncryptedWalletAPIKey)
	assert.Equal(t, "HYBRID-RSA-AES-256", e.Data.EncryptedDelegatedShare.Alg)
}

func TestParse_MadeUpDataNull(t *testing.T) {
	body := eventtest.EditFixture(t, delegationCreated, func(m map[string]any) { m["data"] = nil })
	e := parseDelegation(t, body)
	assert.Zero(t, e.Data)
}

func TestParse_MadeUpMissingUserID(t *testing.T) {
	// Dynamic leaves userId out when an API key triggered the event.
	body := eventtest.EditFixture(t, delegationCreated, func(m map[string]any) { delete(m, "userId") })
	e := parseDelegation(t, body)
	assert.Empty(t, e.UserID)
	assert.Equal(t, "7eb7843b-2a4d-4f69-b95e-d219f0662fda", e.Data.UserID, "data keeps its own userId")
	assert.NotContains(t, mustMarshal(t, e), `"userId":""`, "an absent userId stays absent")
}

func TestParse_MadeUpExternalUserID(t *testing.T) {
	body := eventtest.EditFixture(t, delegationCreated, func(m map[string]any) { m["externalUserId"] = "ext-42" })
	e := parseDelegation(t, body)
	assert.Equal(t, "ext-42", e.ExternalUserID)
}

func TestParse_MadeUpRedelivery(t *testing.T) {
	tests := []struct {
		name  string
		value any // nil: member absent
		want  bool
	}{
		{"absent", nil, false},
		{"true", true, true},
		{"false", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := eventtest.EditFixture(t, delegationCreated, func(m map[string]any) {
				if tt.value != nil {
					m["redelivery"] = tt.value
				}
			})
			e := parseDelegation(t, body)
			assert.Equal(t, tt.want, e.IsRedelivery())
			var r typedhooks.Redeliverer = e
			assert.Equal(t, tt.want, r.IsRedelivery())
			out := mustMarshal(t, e)
			if tt.value == nil {
				assert.NotContains(t, out, "redelivery")
			} else {
				assert.Contains(t, out, `"redelivery":`+mustMarshal(t, tt.value), "a received false is written back")
			}
		})
	}
}

func TestParse_MadeUpEnvironment(t *testing.T) {
	for name, want := range map[string]bool{"sandbox": true, "live": false, "": false} {
		body := eventtest.EditFixture(t, delegationCreated, func(m map[string]any) { m["environmentName"] = name })
		e := parseDelegation(t, body)
		assert.Equal(t, want, e.IsSandbox(), "environmentName %q", name)
	}
}

func TestParse_MadeUpWrongTypes(t *testing.T) {
	// Values of an unexpected JSON type cost only their own member, which is
	// kept raw and written back unchanged.
	body := eventtest.EditFixture(t, delegationCreated, func(m map[string]any) {
		m["eventId"] = json.Number("12345")
		m["redelivery"] = "yes"
		d := dataOf(m)
		d["chain"] = json.Number("1")
		d["encryptedWalletApiKey"] = "not-an-object"
		d["encryptedDelegatedShare"].(map[string]any)["iv"] = []any{1, 2}
	})
	e := parseDelegation(t, body)
	assert.Empty(t, e.EventID)
	assert.JSONEq(t, `12345`, member(t, e, "eventId"))
	assert.False(t, e.IsRedelivery())
	assert.JSONEq(t, `"yes"`, member(t, e, "redelivery"))
	assert.Empty(t, e.Data.Chain)
	assert.JSONEq(t, `1`, member(t, e, "data", "chain"))
	assert.Zero(t, e.Data.EncryptedWalletAPIKey)
	assert.JSONEq(t, `"not-an-object"`, member(t, e, "data", "encryptedWalletApiKey"))
	assert.JSONEq(t, `[1,2]`, member(t, e, "data", "encryptedDelegatedShare", "iv"))
	// Everything else is decoded as usual.
	assert.Equal(t, "f44da9f0-a5b5-47f6-965f-f04af51c903e", e.IdempotencyKey())
	assert.Equal(t, "25193936-3ecd-4c1b-84e6-9eabc82e53c2", e.Data.WalletID)
	assert.Equal(t, "HYBRID-RSA-AES-256", e.Data.EncryptedDelegatedShare.Alg)
}

func TestParse_MadeUpDataNotAnObject(t *testing.T) {
	for _, data := range []any{"oops", []any{1}, json.Number("7"), true} {
		body := eventtest.EditFixture(t, delegationCreated, func(m map[string]any) { m["data"] = data })
		e := parseDelegation(t, body)
		assert.Zero(t, e.Data)
		assert.JSONEq(t, mustMarshal(t, data), member(t, e, "data"))
	}
}

func TestParse_MadeUpEmptyValues(t *testing.T) {
	// Empty strings, false and [] are members too: they survive omitempty.
	body := eventtest.EditFixture(t, "reconstructed_user.created.json", func(m map[string]any) {
		m["externalUserId"] = ""
		d := dataOf(m)
		d["email"] = ""
		d["verifiedCredentials"] = []any{map[string]any{
			"signInEnabled": false, "oauth_emails": []any{}, "oauth_metadata": map[string]any{}, "name_service": map[string]any{},
		}}
	})
	ev := mustParse(t, body)
	require.IsType(t, &dynamic.UserCreated{}, ev)
	require.Empty(t, eventtest.RoundTripDiff(body, ev))
	out := mustMarshal(t, ev)
	for _, member := range []string{`"externalUserId":""`, `"email":""`, `"signInEnabled":false`, `"oauth_emails":[]`, `"name_service":{}`} {
		assert.Contains(t, out, member)
	}
}

func TestParse_MadeUpTimestampForms(t *testing.T) {
	want := time.Date(2025, 10, 1, 15, 13, 26, 348e6, time.UTC)
	tests := []struct {
		name  string
		value any
		form  typedhooks.TimeForm
		want  time.Time
	}{
		{"unix millis", json.Number("1759331606348"), typedhooks.TimeFormUnixMillis, want},
		{"unix seconds", json.Number("1759331606.348"), typedhooks.TimeFormUnixSeconds, want},
		{"offset", "2025-10-01T17:13:26.348+02:00", typedhooks.TimeFormRFC3339, want},
		{"no fraction", "2025-10-01T15:13:26Z", typedhooks.TimeFormRFC3339, want.Truncate(time.Second)},
		{"not a time", "yesterday", typedhooks.TimeFormText, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := eventtest.EditFixture(t, delegationCreated, func(m map[string]any) { m["timestamp"] = tt.value })
			e := parseDelegation(t, body)
			assert.Equal(t, tt.form, e.Timestamp.Form())
			// Fractional Unix seconds go through a float64 in typedhooks.Time,
			// which is exact to about a microsecond at today's dates.
			assert.WithinDuration(t, tt.want, e.Timestamp.Time, time.Microsecond)
			assert.Equal(t, tt.want.IsZero(), e.Timestamp.Time.IsZero())
		})
	}
}

func TestParse_MadeUpMemberNamesMatchAsEncodingJSON(t *testing.T) {
	// encoding/json fills EventName from "EVENTNAME" too, the last member
	// counting: the registry reads the type the same way, so the event's
	// Go type, its EventName and its re-encoding agree.
	body := eventtest.Fixture(t, delegationCreated)
	end := bytes.LastIndexByte(body, '}')
	body = append(body[:end:end], `,"EVENTNAME":"user.created","EventId":"other"}`...)
	ev := mustParse(t, body)
	e, ok := ev.(*dynamic.UserCreated)
	require.True(t, ok, "got %T", ev)
	assert.Equal(t, dynamic.TypeUserCreated, e.EventName)
	assert.Equal(t, "other", e.EventID)
	out, err := json.Marshal(e)
	require.NoError(t, err)
	eventtest.RequireExact(t, body, out)
}

func TestParse_MadeUpEscapedMemberName(t *testing.T) {
	body := []byte(`{"event\u004eame":"wallet.delegation.revoked","eventId":"e1","data":{"wallet\u0049d":"w1"}}`)
	ev := mustParse(t, body)
	e, ok := ev.(*dynamic.WalletDelegationRevoked)
	require.True(t, ok, "got %T", ev)
	assert.Equal(t, "w1", e.Data.WalletID)
	require.Empty(t, eventtest.RoundTripDiff(body, ev))
}

func TestParse_MadeUpUnknownEventName(t *testing.T) {
	body := eventtest.EditFixture(t, delegationCreated, func(m map[string]any) { m["eventName"] = "exchange.transfer.someday" })
	ev := mustParse(t, body)
	u, ok := ev.(*typedhooks.Unknown)
	require.True(t, ok, "got %T", ev)
	assert.Equal(t, "exchange.transfer.someday", u.Type)
	assert.Equal(t, "exchange.transfer.someday", u.EventType())
	assert.Equal(t, body, []byte(u.Raw))
	require.Empty(t, eventtest.RoundTripDiff(body, ev))
}

func TestParse_Errors(t *testing.T) {
	tests := []struct {
		name string
		body string
		want error
	}{
		{"empty", ``, typedhooks.ErrNotObject},
		{"array", `[{"eventName":"ping"}]`, typedhooks.ErrNotObject},
		{"string", `"ping"`, typedhooks.ErrNotObject},
		{"truncated", `{"eventName":"ping","data":{`, typedhooks.ErrNotObject},
		{"invalid inside data", `{"eventName":"ping","data":{"a":tru}}`, typedhooks.ErrNotObject},
		{"invalid inside unknown", `{"eventName":"nope","data":{"a":tru}}`, typedhooks.ErrNotObject},
		{"trailing data", `{"eventName":"ping"} {}`, typedhooks.ErrNotObject},
		{"no eventName", `{"eventId":"e1","data":{}}`, typedhooks.ErrNoEventType},
		{"eventName not a string", `{"eventName":7}`, typedhooks.ErrNoEventType},
		{"eventName empty", `{"eventName":""}`, typedhooks.ErrNoEventType},
		{"eventName null", `{"eventName":null}`, typedhooks.ErrNoEventType},
		{"type instead of eventName", `{"type":"user.created"}`, typedhooks.ErrNoEventType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := dynamic.Parse([]byte(tt.body))
			require.Error(t, err)
			assert.Nil(t, ev)
			assert.True(t, errors.Is(err, tt.want), "got %v", err)
			assert.Contains(t, err.Error(), "dynamic")
		})
	}
}

func TestUnmarshal_StoredEventReadsBack(t *testing.T) {
	// A receiver that stores json.Marshal(ev) can decode it into the same
	// struct later, with nothing lost.
	body := eventtest.Fixture(t, delegationCreated)
	first := parseDelegation(t, body)
	stored, err := json.Marshal(first)
	require.NoError(t, err)
	var again dynamic.WalletDelegationCreated
	require.NoError(t, json.Unmarshal(stored, &again))
	assert.Equal(t, eventtest.WithoutOriginal(first), &again)
}

func TestParse_MadeUpSyntaxErrorInData(t *testing.T) {
	_, err := dynamic.Parse([]byte(`{"eventName":"wallet.delegation.created","data":{"chain":"EVM",}}`))
	assert.ErrorIs(t, err, typedhooks.ErrNotObject)
}

func TestParse_MadeUpUnusualTimestampKeptRaw(t *testing.T) {
	// A timestamp typedhooks.Time cannot read, or would write back in
	// another form, is kept raw for encoding; the field holds what it read.
	tests := []struct {
		name     string
		value    any
		wantZero bool
	}{
		{"object", map[string]any{}, true},
		{"bool", true, true},
		{"empty string", "", true},
		{"exponent", json.Number("1.759331606348e12"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := eventtest.EditFixture(t, delegationCreated, func(m map[string]any) { m["timestamp"] = tt.value })
			e := parseDelegation(t, body)
			assert.JSONEq(t, mustMarshal(t, tt.value), member(t, e, "timestamp"))
			assert.Equal(t, tt.wantZero, e.Timestamp.Time.IsZero(), "got %v", e.Timestamp.Time)
		})
	}
}

// member returns the raw value at path in json.Marshal(ev), where the
// members the structs have no field for, or that did not fit, come back.
func member(t *testing.T, ev any, path ...string) string {
	t.Helper()
	out, err := json.Marshal(ev)
	require.NoError(t, err)
	raw := json.RawMessage(out)
	for _, p := range path {
		var m map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(raw, &m), "%s", out)
		raw = m[p]
	}
	return string(raw)
}
