package eventtest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
)

// Fixture returns testdata/name of the package under test: a documented
// provider payload (each testdata/SOURCES.md says where it comes from).
func Fixture(tb testing.TB, name string) []byte {
	tb.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(tb, err)
	return body
}

// FixtureNames lists the base names of the package's testdata/*.json, and
// fails the test when there are none.
func FixtureNames(tb testing.TB) []string {
	tb.Helper()
	names, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	require.NoError(tb, err)
	require.NotEmpty(tb, names)
	for i := range names {
		names[i] = filepath.Base(names[i])
	}
	return names
}

// EditFixture decodes fixture name, lets edit change it and encodes it
// again: how the tests derive made-up inputs from documented ones. Numbers
// are json.Number, so large ids keep every digit.
func EditFixture(tb testing.TB, name string, edit func(m map[string]any)) []byte {
	tb.Helper()
	d := json.NewDecoder(bytes.NewReader(Fixture(tb, name)))
	d.UseNumber()
	var m map[string]any
	require.NoError(tb, d.Decode(&m))
	edit(m)
	body, err := json.Marshal(m)
	require.NoError(tb, err)
	return body
}

// As asserts that ev has the Go type E and returns it as E.
func As[E typedhooks.Event](tb testing.TB, ev typedhooks.Event) E {
	tb.Helper()
	e, ok := ev.(E)
	require.Truef(tb, ok, "got %T, want %T", ev, *new(E))
	return e
}
