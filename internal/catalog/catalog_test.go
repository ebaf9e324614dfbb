package catalog_test

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/credentials"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dynamic"
	"github.com/typedhooks/typedhooks/internal/catalog"
	"github.com/typedhooks/typedhooks/internal/samples"
	"github.com/typedhooks/typedhooks/stytch"
)

func TestProviderPackagesRegister(t *testing.T) {
	type provider struct {
		name  string
		parse catalog.Parse
		types func() []string
		new   func(string) (typedhooks.Event, bool)
	}
	providers := []provider{
		{"crossmint", crossmint.Parse, crossmint.Types, crossmint.New},
		{"credentials", credentials.Parse, credentials.Types, credentials.New},
		{"stytch", stytch.Parse, stytch.Types, stytch.New},
		{"dynamic", dynamic.Parse, dynamic.Types, dynamic.New},
	}
	for _, p := range providers {
		t.Run(p.name, func(t *testing.T) {
			unknown := reflect.TypeFor[*typedhooks.Unknown]()
			ok, known := catalog.Produces(p.parse, unknown)
			assert.True(t, known, "the package registers its Parse")
			assert.True(t, ok, "every parse produces *typedhooks.Unknown")
			for _, name := range p.types() {
				ev, found := p.new(name)
				if !assert.True(t, found, name) {
					continue
				}
				ok, _ := catalog.Produces(p.parse, reflect.TypeOf(ev))
				assert.True(t, ok, "%s: %T", name, ev)
			}
			// No type of another provider is produced (crossmint's Parse
			// covers the credentials types, which share its endpoints).
			for _, other := range providers {
				if other.name == p.name || p.name+other.name == "crossmintcredentials" || p.name+other.name == "credentialscrossmint" {
					continue
				}
				for _, name := range other.types() {
					ev, _ := other.new(name)
					ok, _ := catalog.Produces(p.parse, reflect.TypeOf(ev))
					assert.False(t, ok, "%s produces %T of %s", p.name, ev, other.name)
				}
			}
		})
	}

	custom := func([]byte) (typedhooks.Event, error) { return nil, nil }
	ok, known := catalog.Produces(custom, reflect.TypeFor[*stytch.DirectUserCreate]())
	assert.False(t, known, "a parse function nobody registered is unknown")
	assert.True(t, ok)
}

// providerParses are the provider packages' Parse functions, by the
// directory of their samples.
var providerParses = map[string]catalog.Parse{
	"crossmint":   crossmint.Parse,
	"credentials": credentials.Parse,
	"stytch":      stytch.Parse,
	"dynamic":     dynamic.Parse,
}

// TestParseProducesOnlyCatalogedTypes holds the catalogue to what Parse
// really returns: every embedded sample parses to a Go type the catalogue
// says its Parse produces, so dispatch.On never refuses a callback that
// could run.
func TestParseProducesOnlyCatalogedTypes(t *testing.T) {
	// Crossmint's endpoint also receives the credential events.
	dirs := map[string][]string{"crossmint": {"crossmint", "credentials"}}
	checked := 0
	for name, parse := range providerParses {
		own, ok := dirs[name]
		if !ok {
			own = []string{name}
		}
		for _, dir := range own {
			for _, file := range samples.Names(dir) {
				body, err := samples.Read(dir, file)
				if !assert.NoError(t, err) {
					continue
				}
				ev, err := parse(body)
				if !assert.NoError(t, err, "%s/%s", dir, file) {
					continue
				}
				ok, known := catalog.Produces(parse, reflect.TypeOf(ev))
				assert.True(t, known)
				assert.True(t, ok, "%s.Parse returns %T for %s/%s, which the catalogue does not list", name, ev, dir, file)
				checked++
			}
		}
	}
	assert.Greater(t, checked, 100)
}

// TestOwned_ParsesAsParseDoes holds each provider's owning parse to its
// Parse: every embedded sample gives an equal event that marshals to the
// same bytes, whether the body is handed over or copied. Each body is
// handed over in an array of its own, as the dispatcher does.
func TestOwned_ParsesAsParseDoes(t *testing.T) {
	checked := 0
	for dir, parse := range providerParses {
		owned := catalog.Owned(parse)
		if !assert.NotNil(t, owned, "%s registers no owning parse", dir) {
			continue
		}
		for _, file := range samples.Names(dir) {
			body, err := samples.Read(dir, file)
			require.NoError(t, err)
			want, wantErr := parse(body)
			got, gotErr := owned(slices.Clone(body))
			require.Equal(t, wantErr, gotErr, "%s/%s", dir, file)
			if wantErr != nil {
				continue
			}
			assert.Equal(t, want, got, "%s/%s", dir, file)
			wantOut, err := json.Marshal(want)
			require.NoError(t, err)
			gotOut, err := json.Marshal(got)
			require.NoError(t, err)
			assert.Equal(t, string(wantOut), string(gotOut), "%s/%s", dir, file)
			checked++
		}
	}
	assert.Greater(t, checked, 100)

	custom := func([]byte) (typedhooks.Event, error) { return nil, nil }
	assert.Nil(t, catalog.Owned(custom), "a parse function nobody registered has no owning form")
	assert.Nil(t, catalog.Owned(nil))
}
