package samples_test

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/internal/samples"
)

// TestEveryBodyIsJSONAndSourced checks that every embedded body is one JSON
// object and that its provider's SOURCES.md names it.
func TestEveryBodyIsJSONAndSourced(t *testing.T) {
	for _, p := range samples.Providers {
		names := samples.Names(p)
		require.NotEmpty(t, names, p)
		sources, err := fs.ReadFile(samples.FS(), p+"/SOURCES.md")
		require.NoError(t, err)
		for _, name := range names {
			body, err := samples.Read(p, name)
			require.NoError(t, err)
			var obj map[string]any
			assert.NoError(t, json.Unmarshal(body, &obj), "%s/%s", p, name)
			assert.Contains(t, string(sources), "`"+name+"`", "%s/SOURCES.md does not name %s", p, name)
		}
		assert.NotContains(t, string(sources), "/work/", "%s/SOURCES.md cites a machine path; cite the public page", p)
	}
}

func TestRead_Errors(t *testing.T) {
	_, err := samples.Read("nope", "users.created.json")
	assert.ErrorContains(t, err, `unknown provider "nope"`)
	_, err = samples.Read("crossmint", "nope.json")
	assert.Error(t, err)
	assert.Nil(t, samples.Names("nope"))
}

func TestRead_ReturnsACopy(t *testing.T) {
	name := samples.Names("stytch")[0]
	a, err := samples.Read("stytch", name)
	require.NoError(t, err)
	a[0] = 'X'
	b, err := samples.Read("stytch", name)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(b), "{"))
}

func TestMadeUp(t *testing.T) {
	assert.True(t, samples.MadeUp("madeup_x.json"))
	assert.True(t, samples.MadeUp("reconstructed_user.created.json"))
	assert.False(t, samples.MadeUp("users.created.json"))
}
