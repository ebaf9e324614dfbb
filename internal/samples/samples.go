package samples

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// files holds <provider>/<name>.json and each provider's SOURCES.md.
//
//go:embed */*.json */SOURCES.md
var files embed.FS

// Providers are the directories, one per provider package, in the order
// the README lists the providers.
var Providers = []string{"crossmint", "credentials", "stytch", "dynamic"}

// FS returns the embedded files: <provider>/<name>.json and
// <provider>/SOURCES.md.
func FS() fs.FS { return files }

// Names returns the file names (without directory) of provider's bodies,
// sorted; nil for a provider that has none.
func Names(provider string) []string {
	entries, err := fs.ReadDir(files, provider)
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".json") {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	return names
}

// Read returns a fresh copy of provider's body name (a file name as Names
// returns it), which the caller may change.
func Read(provider, name string) ([]byte, error) {
	if !slices.Contains(Providers, provider) {
		return nil, fmt.Errorf("samples: unknown provider %q", provider)
	}
	b, err := fs.ReadFile(files, path.Join(provider, name))
	if err != nil {
		return nil, fmt.Errorf("samples: %s: %w", provider, err)
	}
	return b, nil
}

// MadeUp reports whether the body called name was made up or reconstructed
// rather than copied from the provider's documentation (its name says so).
func MadeUp(name string) bool {
	return strings.HasPrefix(name, "madeup_") || strings.HasPrefix(name, "reconstructed_")
}
