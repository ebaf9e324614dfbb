package wire_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/credentials"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dynamic"
	"github.com/typedhooks/typedhooks/internal/samples"
	"github.com/typedhooks/typedhooks/stytch"
)

// recipeProvider is what the add-an-event-type recipe (CONTRIBUTING.md)
// touches in one provider package.
type recipeProvider struct {
	dir   string
	parse func([]byte) (typedhooks.Event, error)
	types func() []string
	new   func(string) (typedhooks.Event, bool)
}

var recipeProviders = []recipeProvider{
	{"crossmint", crossmint.Parse, crossmint.Types, crossmint.New},
	{"credentials", credentials.Parse, credentials.Types, credentials.New},
	{"stytch", stytch.Parse, stytch.Types, stytch.New},
	{"dynamic", dynamic.Parse, dynamic.Types, dynamic.New},
}

// TestRecipe_EveryEventTypeFollowsIt holds every event type of every
// provider to the recipe: a Type constant, a line in the registry table
// (the constant's value is registered, and everything registered has a
// constant), a struct that parses and keeps its body (the lossless round
// trip itself is each package's RequireEveryTypeLossless), and a fixture
// that parses into that struct.
func TestRecipe_EveryEventTypeFollowsIt(t *testing.T) {
	for _, p := range recipeProviders {
		t.Run(p.dir, func(t *testing.T) {
			consts := typeConstants(t, filepath.Join("..", "..", p.dir))
			registered := p.types()
			canonical := map[string]bool{}
			for _, typ := range registered {
				ev, ok := p.new(typ)
				require.True(t, ok, typ)
				canonical[ev.EventType()] = true
				_, keeps := ev.(interface{ OriginalBody() []byte })
				assert.True(t, keeps, "%s: %T does not keep its body (embed the package's envelope)", typ, ev)
			}
			for name, value := range consts {
				assert.True(t, slices.Contains(registered, value), "%s = %q has no line in the registry table", name, value)
			}
			values := map[string]bool{}
			for _, v := range consts {
				values[v] = true
			}
			for typ := range canonical {
				if p.dir == "crossmint" && strings.HasPrefix(typ, "credential.") {
					continue // credentials' constants
				}
				assert.True(t, values[typ], "%s is registered without a Type constant", typ)
			}

			covered := map[string]bool{}
			for _, name := range samples.Names(p.dir) {
				body, err := samples.Read(p.dir, name)
				require.NoError(t, err)
				ev, err := p.parse(body)
				require.NoError(t, err, name)
				if _, unknown := ev.(*typedhooks.Unknown); !unknown {
					covered[ev.EventType()] = true
				}
			}
			for typ := range canonical {
				if p.dir == "crossmint" && strings.HasPrefix(typ, "credential.") {
					continue // credentials' bodies are under internal/samples/credentials
				}
				assert.True(t, covered[typ], "%s has no body in internal/samples/%s (documented, or madeup_<type>.json) that parses into %T", typ, p.dir, mustNew(p, typ))
			}
		})
	}
}

func mustNew(p recipeProvider, typ string) typedhooks.Event {
	ev, _ := p.new(typ)
	return ev
}

// typeConstants returns the string constants named Type... that the
// non-test files of the package in dir declare, by name.
func typeConstants(t *testing.T, dir string) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, dir, func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	require.NoError(t, err)
	out := map[string]string{}
	for _, pkg := range pkgs {
		for _, f := range pkg.Files {
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
	require.NotEmpty(t, out, "no Type constants in %s", dir)
	return out
}
