package stytch_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/eventtest"
	"github.com/typedhooks/typedhooks/stytch"
)

// FuzzParse checks that Parse never panics, that the event type it decodes
// is the one LocateType finds, and that whatever it accepts encodes to a
// body that parses back to the same event type.
func FuzzParse(f *testing.F) {
	for _, name := range eventtest.FixtureNames(f) {
		f.Add(eventtest.Fixture(f, name))
	}
	f.Add([]byte(`{"source":"SCIM","object_type":"member","action":"UPDATE","member":{"roles":[{"role_id":"r","sources":[{"type":"direct_assignment","details":{}}]}]}}`))
	f.Add([]byte(`{"source":"DIRECT","object_type":"oidc_connection","action":"CREATE","oidc_connection":{"connection_id":1}}`))
	// Members no struct knows, which encoding gives back.
	f.Add([]byte(`{"source":"DIRECT","object_type":"user","action":"UPDATE","madeUp":1,"user":{"emails":[{"email":"","madeUp":[]}],"name":{"madeUp":{}}}}`))
	f.Add([]byte(`{"source":"DIRECT","object_type":"user","action":"UPDATE","user":{},"ſource":"DASHBOARD","Action":"delete"}`))
	f.Add([]byte(`{"source":"DIRECT","object_type":"user","action":"UPDATE","source":5}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := stytch.Parse(body)
		located, locErr := stytch.LocateType(body)
		if err != nil {
			if locErr == nil && json.Valid(body) {
				t.Fatalf("Parse rejected a well-formed body whose type LocateType finds (%q): %v: %s", located, err, body)
			}
			return
		}
		require.NoError(t, locErr, "Parse accepted a body LocateType rejects: %s", body)
		got := ev.EventType()
		if u, ok := ev.(*typedhooks.Unknown); ok {
			got = u.Type
		}
		require.Equal(t, located, got, "%s", body)
		out, err := json.Marshal(ev)
		require.NoError(t, err)
		again, err := stytch.Parse(out)
		require.NoError(t, err, "%s", out)
		require.Equal(t, ev.EventType(), again.EventType(), "%s", out)
	})
}

// FuzzLocateType holds LocateType to encoding/json: for a well-formed body
// that encoding/json decodes into the three envelope members without error,
// the located type is their values joined, lower-cased.
func FuzzLocateType(f *testing.F) {
	for _, name := range eventtest.FixtureNames(f) {
		f.Add(eventtest.Fixture(f, name))
	}
	f.Add([]byte(`{"source":"DIRECT","object_type":"user","action":"UPDATE","user":{},"ACTION":"delete"}`))
	f.Add([]byte(`{"source":"DIRECT","object_type":"user","action":"UPDATE","user":{},"ſource":"scim"}`))
	f.Add([]byte(`{"source":"DIRECT","object_type":"user","action":"UPDATE","x":"\u0061ction","Object_Type":"member"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		if !json.Valid(body) {
			return
		}
		var env struct {
			Source     string `json:"source"`
			ObjectType string `json:"object_type"`
			Action     string `json:"action"`
		}
		if json.Unmarshal(body, &env) != nil || env.Source == "" || env.ObjectType == "" || env.Action == "" {
			return
		}
		got, err := stytch.LocateType(body)
		require.NoError(t, err, "%s", body)
		want := strings.ToLower(env.Source + "." + env.ObjectType + "." + env.Action)
		if !isASCII(want) {
			return // LocateType lower-cases ASCII letters only
		}
		require.Equal(t, want, got, "%s", body)
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
