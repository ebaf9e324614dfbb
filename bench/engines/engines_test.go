package engines

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/bytedance/sonic"
	gojson "github.com/goccy/go-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/stytch"
)

// engine is one JSON decoder under comparison.
type engine struct {
	name      string
	unmarshal func(data []byte, v any) error
}

// engines are the candidates; engines_jsonv2_test.go adds encoding/json/v2
// when GOEXPERIMENT=jsonv2 makes it available.
var engines = []engine{
	{name: "encoding-json", unmarshal: json.Unmarshal},
	// sonic.ConfigStd is the configuration typedhooks used until it
	// dropped sonic: it validates and copies strings as encoding/json does.
	{name: "sonic-std", unmarshal: sonic.ConfigStd.Unmarshal},
	// sonicOwned is what Parse used on the copy of the body the event
	// keeps: ConfigStd, except that strings refer to the input.
	{name: "sonic-owned", unmarshal: sonicOwned.Unmarshal},
	{name: "goccy-go-json", unmarshal: gojson.Unmarshal},
}

var sonicOwned = sonic.Config{
	EscapeHTML:       true,
	SortMapKeys:      true,
	CompactMarshaler: true,
	ValidateString:   true,
}.Froze()

// body is a documented provider body and the struct its event decodes into.
type body struct {
	name   string
	path   string
	target func() any
}

var bodies = []body{
	{"crossmint-nfts.create.succeeded", "../../internal/samples/crossmint/nfts.create.succeeded.evm.json", func() any { return new(crossmint.NFTCreateSucceeded) }},
	{"stytch-direct.user.create", "../../internal/samples/stytch/direct.user.create.json", func() any { return new(stytch.DirectUserCreate) }},
}

func read(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	require.NoError(tb, err)
	return b
}

// TestEngines_DecodeFixturesLikeEncodingJSON checks that every candidate
// fills the structs, lenient scalar types included, exactly as
// encoding/json does.
func TestEngines_DecodeFixturesLikeEncodingJSON(t *testing.T) {
	for _, bd := range bodies {
		data := read(t, bd.path)
		want := bd.target()
		require.NoError(t, json.Unmarshal(data, want))
		for _, e := range engines[1:] {
			t.Run(bd.name+"/"+e.name, func(t *testing.T) {
				got := bd.target()
				require.NoError(t, e.unmarshal(data, got))
				assert.Equal(t, want, got)
			})
		}
	}
}

// TestEngines_RejectMalformedSkippedMembers holds every candidate to
// encoding/json's rule that a body is rejected when a member no struct field
// keeps holds malformed JSON: otherwise a corrupted body would be
// acknowledged as a valid event. The bodies are MADE-UP; no provider sends
// them. goccy/go-json v0.10.5 accepted most of them, which is why it was
// first ruled out; v0.12.0 rejects them all.
func TestEngines_RejectMalformedSkippedMembers(t *testing.T) {
	malformed := map[string]string{
		"MadeUpMissingComma":       `{"type":"nfts.create.succeeded","madeUp":[1 2]}`,
		"MadeUpMissingColon":       `{"type":"nfts.create.succeeded","madeUp":{"a" 1}}`,
		"MadeUpTrailingComma":      `{"type":"nfts.create.succeeded","data":{"madeUp":{"a":1,}}}`,
		"MadeUpNumberKey":          `{"type":"nfts.create.succeeded","madeUp":{1:2}}`,
		"MadeUpLeadingZero":        `{"type":"nfts.create.succeeded","madeUp":01}`,
		"MadeUpBareMinus":          `{"type":"nfts.create.succeeded","madeUp":-}`,
		"MadeUpTruncatedLiteral":   `{"type":"nfts.create.succeeded","madeUp":[nul]}`,
		"MadeUpMismatchedBrackets": `{"type":"nfts.create.succeeded","madeUp":{"a":[}]}}`,
		"MadeUpBadEscape":          `{"type":"nfts.create.succeeded","madeUp":"\x"}`,
		"MadeUpShortUnicodeEscape": `{"type":"nfts.create.succeeded","madeUp":["\u12"]}`,
		"MadeUpControlCharacter":   "{\"type\":\"nfts.create.succeeded\",\"madeUp\":\"a\tb\"}",
		"MadeUpTrailingCloseBrace": `{"type":"nfts.create.succeeded","madeUp":{"a":1}}}`,
		"MadeUpUnterminatedArray":  `{"type":"nfts.create.succeeded","madeUp":[1,2,{"a":}]}`,
		"MadeUpObjectWithoutValue": `{"type":"nfts.create.succeeded","madeUp":{"a"}}`,
	}
	for _, e := range engines {
		for name, data := range malformed {
			t.Run(e.name+"/"+name, func(t *testing.T) {
				require.False(t, json.Valid([]byte(data)), "the made-up body must be malformed")
				assert.Error(t, e.unmarshal([]byte(data), new(crossmint.NFTCreateSucceeded)))
			})
		}
	}
}

// BenchmarkDecode decodes each documented body into its event struct with
// every engine. typedhooks' own Parse is included for reference: it locates
// the type and decodes with internal/fastjson, falling back to encoding/json.
func BenchmarkDecode(b *testing.B) {
	parse := map[string]func([]byte) (typedhooks.Event, error){
		"crossmint-nfts.create.succeeded": crossmint.Parse,
		"stytch-direct.user.create":       stytch.Parse,
	}
	for _, bd := range bodies {
		data := read(b, bd.path)
		for _, e := range engines {
			b.Run("body="+bd.name+"/engine="+e.name, func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					if err := e.unmarshal(data, bd.target()); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		b.Run("body="+bd.name+"/engine=typedhooks-Parse", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				ev, err := parse[bd.name](data)
				if err != nil {
					b.Fatal(err)
				}
				if reflect.TypeOf(ev) != reflect.TypeOf(bd.target()) {
					b.Fatalf("Parse returned %T", ev)
				}
			}
		})
	}
}
