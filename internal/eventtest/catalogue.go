package eventtest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/samples"
)

// Package is what [RequireCatalogue] needs of a provider package: its
// registered types, its constructor and its parser.
type Package struct {
	// Types lists the event types the package has a struct for, aliases
	// included.
	Types []string
	// New returns an empty event of the struct registered for a type.
	New func(eventType string) (typedhooks.Event, bool)
	// Parse decodes a body.
	Parse func(body []byte) (typedhooks.Event, error)
}

// RequireCatalogue holds the package of provider to the event types the
// provider documents (internal/samples/<provider>/catalogue.tsv, with the
// sources; docs/PROVIDER-CATALOGUES.md has the research behind it), so that
// the next documented type we miss is found by a test rather than by a user:
//
//   - every catalogued type has a struct, whose EventType is the type's
//     canonical name (an alias decodes into the struct of its current name);
//   - every canonical type has at least one body in internal/samples whose
//     file name says the type (a documented example, or a madeup_ or
//     reconstructed_ one), and each such body parses into that struct;
//   - every type the package registers is catalogued, so that nothing is
//     typed from guesswork without its evidence written down.
func RequireCatalogue(t *testing.T, provider string, pkg Package) {
	t.Helper()
	catalogue, err := samples.Catalogue(provider)
	require.NoError(t, err)
	fixtures := map[string][]string{}
	for _, name := range samples.Names(provider) {
		if typ, ok := samples.TypeOfName(catalogue, name); ok {
			fixtures[typ] = append(fixtures[typ], name)
		}
	}
	catalogued := map[string]bool{}
	for _, e := range catalogue {
		catalogued[e.Type] = true
		t.Run(e.Type, func(t *testing.T) {
			want, ok := pkg.New(e.Type)
			if !assert.Truef(t, ok, "%s is documented (%s, %s) and has no struct", e.Type, e.Evidence, e.Source) {
				return
			}
			assert.Equal(t, e.Canonical, want.EventType(), "EventType of %T", want)
			if e.IsAlias() {
				return
			}
			names := fixtures[e.Type]
			assert.NotEmptyf(t, names, "%s is documented (%s, %s) and has no body in internal/samples/%s", e.Type, e.Evidence, e.Source, provider)
			for _, name := range names {
				body, err := samples.Read(provider, name)
				require.NoError(t, err)
				ev, err := pkg.Parse(body)
				if assert.NoError(t, err, name) {
					assert.IsType(t, want, ev, name)
				}
			}
		})
	}
	for _, typ := range pkg.Types {
		assert.Truef(t, catalogued[typ], "%s has a struct but no line in internal/samples/%s/catalogue.tsv: add it with its source", typ, provider)
	}
}
