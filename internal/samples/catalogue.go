package samples

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"path"
	"slices"
	"strings"
)

// catalogues holds each provider's catalogue.tsv: the event types its public
// documentation names, one a line (docs/PROVIDER-CATALOGUES.md explains the
// research behind them).
//
//go:embed */catalogue.tsv
var catalogues embed.FS

// Evidence says how a catalogue entry is known.
type Evidence string

const (
	// Example: the provider publishes a JSON example of the event.
	Example Evidence = "example"
	// Named: a provider page names the event but shows no JSON.
	Named Evidence = "named"
	// Inferred: no reachable page spells the name out; it follows the
	// provider's own naming rule.
	Inferred Evidence = "inferred"
)

// Entry is one documented event type.
type Entry struct {
	// Type is the event type as it is on the wire.
	Type string
	// Canonical is the current name of the type: Type itself, or for a
	// deprecated alias the name that replaced it.
	Canonical string
	// Evidence says how the type is known.
	Evidence Evidence
	// Source names the public page(s) and section that document it.
	Source string
}

// IsAlias reports whether the entry is a deprecated name of another type.
func (e Entry) IsAlias() bool { return e.Type != e.Canonical }

// Catalogue returns the documented event types of provider, in the order of
// its catalogue.tsv. Lines are type, canonical ("-" for the type itself),
// evidence and source, separated by tabs; lines starting with # are
// comments.
func Catalogue(provider string) ([]Entry, error) {
	if !slices.Contains(Providers, provider) {
		return nil, fmt.Errorf("samples: unknown provider %q", provider)
	}
	name := path.Join(provider, "catalogue.tsv")
	b, err := catalogues.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("samples: %w", err)
	}
	var entries []Entry
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("samples: %s:%d: %d tab-separated fields, want 4", name, n, len(f))
		}
		e := Entry{Type: f[0], Canonical: f[1], Evidence: Evidence(f[2]), Source: f[3]}
		if e.Canonical == "-" {
			e.Canonical = e.Type
		}
		switch {
		case e.Type == "" || strings.ContainsAny(e.Type, " \t"):
			return nil, fmt.Errorf("samples: %s:%d: bad type %q", name, n, e.Type)
		case seen[e.Type]:
			return nil, fmt.Errorf("samples: %s:%d: %s listed twice", name, n, e.Type)
		case e.Evidence != Example && e.Evidence != Named && e.Evidence != Inferred:
			return nil, fmt.Errorf("samples: %s:%d: evidence %q is not example, named or inferred", name, n, e.Evidence)
		case !strings.Contains(e.Source, "https://"):
			return nil, fmt.Errorf("samples: %s:%d: source names no public page", name, n)
		}
		seen[e.Type] = true
		entries = append(entries, e)
	}
	for _, e := range entries {
		if e.IsAlias() && !seen[e.Canonical] {
			return nil, fmt.Errorf("samples: %s: alias %s names %s, which has no line", name, e.Type, e.Canonical)
		}
	}
	return entries, sc.Err()
}

// TypeOfName returns the event type a body file of provider stands for,
// read from its name: the name without a madeup_ or reconstructed_ prefix
// and without .json is either a type of the catalogue or a type followed by
// a dot and a variant (nfts.create.succeeded.evm.json). The longest matching
// type wins; ok is false when no type of the catalogue matches.
func TypeOfName(catalogue []Entry, name string) (eventType string, ok bool) {
	s := strings.TrimSuffix(name, ".json")
	s = strings.TrimPrefix(s, "madeup_")
	s = strings.TrimPrefix(s, "reconstructed_")
	for _, e := range catalogue {
		if (s == e.Type || strings.HasPrefix(s, e.Type+".")) && len(e.Type) > len(eventType) {
			eventType, ok = e.Type, true
		}
	}
	return eventType, ok
}
