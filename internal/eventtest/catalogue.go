package eventtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"slices"
	"strconv"
	"strings"
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

// RequireCatalogue is the one coverage test of a provider package: it holds
// the package to the event types the provider documents
// (internal/samples/<provider>/catalogue.tsv, with the sources;
// docs/PROVIDER-CATALOGUES.md has the research behind it) and to the
// add-an-event-type recipe of CONTRIBUTING.md, so that the next documented
// type we miss, or a step of the recipe left out, is found by a test rather
// than by a user:
//
//   - every catalogued type has a struct, whose EventType is the type's
//     canonical name (an alias decodes into the struct of its current name),
//     and that struct keeps its body (it embeds the package's envelope);
//   - every canonical type has at least one body in internal/samples whose
//     file name says the type (a documented example, or a madeup_ or
//     reconstructed_ one), and each such body parses into that struct;
//   - every type the package registers is catalogued, so that nothing is
//     typed from guesswork without its evidence written down;
//   - the Type... string constants of the package (its non-test files in
//     the test's working directory) are exactly its registered canonical
//     types: a constant without a table line, or a table line without a
//     constant, fails.
func RequireCatalogue(t *testing.T, provider string, pkg Package) {
	t.Helper()
	requireConstants(t, pkg)
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
			_, keeps := want.(interface{ OriginalBody() []byte })
			assert.Truef(t, keeps, "%T does not keep its body: embed the package's envelope", want)
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

// requireConstants holds the package's Type... constants to its registry
// table, both ways.
func requireConstants(t *testing.T, pkg Package) {
	t.Helper()
	consts := typeConstants(t, ".")
	values := map[string]bool{}
	for name, value := range consts {
		values[value] = true
		assert.Truef(t, slices.Contains(pkg.Types, value), "%s = %q has no line in the registry table", name, value)
	}
	for _, typ := range pkg.Types {
		ev, ok := pkg.New(typ)
		if ok && ev.EventType() == typ {
			assert.Truef(t, values[typ], "%s is registered without a Type constant", typ)
		}
	}
}

// typeConstants returns the string constants named Type... that the
// non-test files of the package in dir declare, by name.
func typeConstants(t *testing.T, dir string) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, dir, func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	require.NoError(t, err)
	out := map[string]string{}
	for _, p := range pkgs {
		for _, f := range p.Files {
			for _, decl := range f.Decls {
				gd, ok := decl.(*ast.GenDecl)
				if !ok || gd.Tok != token.CONST {
					continue
				}
				for _, spec := range gd.Specs {
					vs := spec.(*ast.ValueSpec)
					for i, name := range vs.Names {
						if !strings.HasPrefix(name.Name, "Type") || i >= len(vs.Values) {
							continue
						}
						if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							out[name.Name], _ = strconv.Unquote(lit.Value)
						}
					}
				}
			}
		}
	}
	require.NotEmptyf(t, out, "no Type constants in %s", dir)
	return out
}
