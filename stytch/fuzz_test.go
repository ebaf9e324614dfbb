package stytch_test

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/internal/eventtest"
	"github.com/typedhooks/typedhooks/stytch"
)

// FuzzParse checks that Parse never panics and that whatever it accepts
// encodes to a body that parses back to the same event type.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	require.NoError(f, err)
	require.NotEmpty(f, files)
	for _, file := range files {
		f.Add(eventtest.Fixture(f, filepath.Base(file)))
	}
	f.Add([]byte(`{"source":"SCIM","object_type":"member","action":"UPDATE","member":{"roles":[{"role_id":"r","sources":[{"type":"direct_assignment","details":{}}]}]}}`))
	f.Add([]byte(`{"source":"DIRECT","object_type":"oidc_connection","action":"CREATE","oidc_connection":{"connection_id":1}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := stytch.Parse(body)
		if err != nil {
			return
		}
		out, err := json.Marshal(ev)
		require.NoError(t, err)
		again, err := stytch.Parse(out)
		require.NoError(t, err, "%s", out)
		require.Equal(t, ev.EventType(), again.EventType(), "%s", out)
	})
}
