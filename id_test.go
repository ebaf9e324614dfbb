package typedhooks_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
)

func TestID_AcceptsStringsNumbersAndNull(t *testing.T) {
	tests := []struct{ in, want string }{
		{`"771d7e38-2890-47d7-b733-a1462736b528"`, "771d7e38-2890-47d7-b733-a1462736b528"},
		{`"15"`, "15"},
		{`15`, "15"},
		{`123456789012345678901234567890`, "123456789012345678901234567890"},
		{`-7`, "-7"},
		{`1e3`, "1e3"},
		{`"a\"b"`, `a"b`},
		{`null`, ""},
		{`true`, ""},
		{`{"x":1}`, ""},
	}
	for _, tt := range tests {
		var id typedhooks.ID
		require.NoError(t, json.Unmarshal([]byte(tt.in), &id), tt.in)
		assert.Equal(t, tt.want, id.String(), tt.in)
	}
}

func TestID_EncodesAsString(t *testing.T) {
	var v struct {
		ID typedhooks.ID `json:"id"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"id": 42}`), &v))
	out, err := json.Marshal(v)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"42"}`, string(out))
}

func TestID_MadeUpMalformedValues(t *testing.T) {
	for _, raw := range []string{`"`, `"abc`, `"a\q"`, `-`, `1.`} {
		var id typedhooks.ID
		require.Error(t, id.UnmarshalJSON([]byte(raw)), raw)
	}
}
