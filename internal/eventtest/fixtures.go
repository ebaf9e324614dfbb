package eventtest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/samples"
)

// Provider is the provider whose package is under test: the name of the
// directory go test runs in (crossmint, credentials, stytch or dynamic),
// which is also the directory of its bodies in internal/samples.
func Provider(tb testing.TB) string {
	tb.Helper()
	wd, err := os.Getwd()
	require.NoError(tb, err)
	p := filepath.Base(wd)
	require.Containsf(tb, samples.Providers, p, "eventtest: %s is not a provider package; use FixtureOf", wd)
	return p
}

// Fixture returns the body called name of the provider under test (see
// [Provider]): a documented provider payload, or a made-up one whose name
// says so, from internal/samples (whose SOURCES.md say where each comes
// from).
func Fixture(tb testing.TB, name string) []byte {
	tb.Helper()
	return FixtureOf(tb, Provider(tb), name)
}

// FixtureOf returns provider's body called name from internal/samples.
func FixtureOf(tb testing.TB, provider, name string) []byte {
	tb.Helper()
	body, err := samples.Read(provider, name)
	require.NoError(tb, err)
	return body
}

// FixtureNames lists the file names of the bodies of the provider under
// test, and fails the test when there are none.
func FixtureNames(tb testing.TB) []string {
	tb.Helper()
	return FixtureNamesOf(tb, Provider(tb))
}

// FixtureNamesOf lists the file names of provider's bodies, and fails the
// test when there are none.
func FixtureNamesOf(tb testing.TB, provider string) []string {
	tb.Helper()
	names := samples.Names(provider)
	require.NotEmptyf(tb, names, "no samples for %s", provider)
	return names
}

// DocumentedFixtureNames is [FixtureNames] without the samples constructed
// for types that have no documented example (names starting "madeup_"): the
// bodies that tests holding the package to the providers' examples use.
func DocumentedFixtureNames(tb testing.TB) []string {
	tb.Helper()
	var names []string
	for _, name := range FixtureNames(tb) {
		if !strings.HasPrefix(name, "madeup_") {
			names = append(names, name)
		}
	}
	require.NotEmpty(tb, names, "no documented samples")
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
