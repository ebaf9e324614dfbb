package fastjson

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
)

// The types below hold every kind of field a Decoder decodes. They are made
// up: the provider structs are held to encoding/json by the differential
// tests of package typedhooks, through these same decoders.

type node struct {
	Name string `json:"name"`
	Next *node  `json:"next"`
	Kids []node `json:"kids"`
}

type base struct {
	Base   string `json:"base"`
	Shadow string `json:"shadow"` // hidden by every's own shadow
}

// lenient accepts anything and keeps its text, as typedhooks.ID and Time
// keep what they are given.
type lenient string

func (l *lenient) UnmarshalJSON(b []byte) error {
	*l = lenient("<" + string(b) + ">")
	return nil
}

// picky fails on anything but a string, as an Unmarshaler may.
type picky string

func (p *picky) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*p = picky(s)
	return nil
}

type label string

type every struct {
	base
	Shadow   string          `json:"shadow"`
	S        string          `json:"s"`
	Label    label           `json:"label"`
	B        bool            `json:"b"`
	I        int             `json:"i"`
	I8       int8            `json:"i8"`
	U16      uint16          `json:"u16"`
	F32      float32         `json:"f32"`
	F64      float64         `json:"f64"`
	Untagged string          // named by its Go name
	PS       *string         `json:"ps"`
	PI       *int            `json:"pi"`
	Node     node            `json:"node"`
	PNode    *node           `json:"pnode"`
	Strings  []string        `json:"strings"`
	Nodes    []node          `json:"nodes"`
	PNodes   []*node         `json:"pnodes"`
	Raw      json.RawMessage `json:"raw"`
	Lenient  lenient         `json:"lenient"`
	PLenient *lenient        `json:"plenient"`
	Picky    picky           `json:"picky"`
	Omitted  string          `json:"omitted,omitempty"`
	Skipped  string          `json:"-"`
	private  string
}

// requireSame decodes data into every with the decoder, as an owner of data
// and as a borrower, and requires that whenever it does not decline the
// result is encoding/json's, and encoding/json reports no error.
func requireSame(t *testing.T, data []byte) (declined bool) {
	t.Helper()
	d := For(reflect.TypeFor[every]())
	require.NotNil(t, d)
	var want every
	wantErr := json.Unmarshal(data, &want)
	for _, owned := range []bool{false, true} {
		in := slices.Clone(data)
		var got every
		if !d.Decode(in, unsafe.Pointer(&got), owned) {
			declined = true
			continue
		}
		require.NoError(t, wantErr, "decoded %q, which encoding/json rejects", data)
		require.Equal(t, want, got, "%q (owned %v)", data, owned)
		if !owned {
			// A borrower's strings must not refer to the input.
			clear(in)
			require.Equal(t, want, got, "%q changed with its input", data)
		}
	}
	return declined
}

// decodedCases are decoded without declining.
var decodedCases = []string{
	`{}`,
	` {"s":"x"} `,
	"{\n  \"s\": \"x\",\r\n\t\"b\": true\n}",
	`{"s":"hé ✓ 😀","label":"l","b":false,"i":-12,"i8":127,"u16":65535,"f32":1.5e3,"f64":-0.25E-2}`,
	`{"Untagged":"u","ps":"p","pi":7,"omitted":"o","Skipped":"k","private":"x"}`,
	`{"base":"b","shadow":"mine"}`,
	`{"node":{"name":"a","next":{"name":"b","next":null},"kids":[{"name":"c"},{"name":"d","kids":[]}]}}`,
	`{"pnode":{"name":"p"},"strings":["a","b","c","d","e","f"],"nodes":[{"name":"x"}],"pnodes":[{"name":"y"},null]}`,
	`{"strings":[],"nodes":null,"pnode":null,"ps":null,"pi":null,"s":null,"b":null,"i":null,"node":null}`,
	`{"raw":{"any": [1, "thing", {"nested": true}]},"lenient":123,"plenient":[1,2],"picky":"ok"}`,
	`{"raw":null,"lenient":null,"plenient":null,"picky":null}`,
	`{"unknown":{"a":[1,2,{"b":"c\"\\\/\b\f\n\r\t\u00e9"}],"n":-0.5e+10},"more":[true,false,null],"x":"` + strings.Repeat("long ", 40) + `"}`,
	`{"s":"` + strings.Repeat("abcdefgh", 20) + `"}`,
	`{"s":"\u00e9\ud83d\ude00 \" \\"}`, // escapes take encoding/json's own unquoting
	"{\"s\":\"\xff\xfe bad UTF-8\"}",   // replaced with U+FFFD by encoding/json
	`{"u16":0,"i":-0,"f64":-0.0}`,
	// Skipped members: nesting up to the bound, past the 64 levels one
	// call of the skipper keeps; escapes across eight-byte boundaries;
	// numbers and literals closing containers; whitespace everywhere.
	`{"unknown":` + strings.Repeat("[", maxDepth-1) + strings.Repeat("]", maxDepth-1) + `}`,
	`{"unknown":` + nest(100, 0) + `}`,
	`{"unknown":"` + strings.Repeat(`abcdef\"`, 9) + `\u00E9\/é\n","s":"x"}`,
	`{"unknown":"1234567\\","s":"x"}`,
	`{"unknown":[1,-0,2.5e-3,1E+2,{"a":0},[-1],{"b":[9]}],"i":3}`,
	`{"unknown":[true,false,null,{"t":true,"f":false,"n":null}],"b":true}`,
	" \t\r\n{ \"unknown\" : [ 1 , { \"a\" :\n\t\"b\" } , [ ] , { } ,\r\n \"c\" ] , \"s\" : \"x\" } \n",
	`{"unknown":[[],{},[ ],{ },[[ ]],{"a":{ }},{"b":[ ]}], "s":"x"}`,
}

// nest is depth containers, objects and arrays in turn, around 1; bad > 0
// closes the bad-th container from the inside with the wrong bracket.
func nest(depth, bad int) string {
	var open, close strings.Builder
	for d := range depth {
		if d%3 == 0 {
			open.WriteString("[")
		} else {
			open.WriteString(`{"k":`)
		}
	}
	for d := depth - 1; d >= 0; d-- {
		obj := d%3 != 0
		if depth-d == bad {
			obj = !obj
		}
		if obj {
			close.WriteString("}")
		} else {
			close.WriteString("]")
		}
	}
	return open.String() + "1" + close.String()
}

// declinedCases are left to encoding/json, which decodes some of them
// differently from a naive reading and rejects others.
var declinedCases = []string{
	`[]`, `"s"`, `null`, ``, `{`, `{"s":"x"`, `{"s":"x"}x`, `{"s":"x",}`, `{,}`,
	`{"S":"case-insensitive"}`, `{"NODE":{"name":"n"}}`,
	`{"s":"a","s":"b"}`,                        // duplicates merge or replace by kind
	`{"node":{"name":"a"},"node":{"next":{}}}`, // merge
	`{"\u0073":"escaped name"}`,
	"{\"\u017fhadow\":\"long s folds to s\"}",
	`{"f64":1E400}`, // out of range
	`{"s":1}`, `{"b":"true"}`, `{"i":1.5}`, `{"i":"1"}`, `{"i8":128}`, `{"u16":-1}`, `{"f32":1e39}`,
	`{"strings":"a"}`, `{"node":[]}`, `{"pnode":1}`,
	`{"picky":1}`,                        // its UnmarshalJSON fails
	`{"unknown":[1,]}`, `{"unknown":01}`, // malformed where nothing is kept
	`{"unknown":"\x01"}`, `{"unknown":"\q"}`, // control character, bad escape
	`{"unknown":tru}`, `{"unknown":-}`, `{"unknown":1.}`, `{"unknown":1e}`,
	"{\"s\":\"\xc5\xbf\"} \xff", // not JSON after the value
	`{"raw":` + strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1) + `}`,
	`{"unknown":` + strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth) + `}`,
	`{"unknown":` + nest(100, 1) + `}`, `{"unknown":` + nest(100, 70) + `}`, `{"unknown":` + nest(100, 100) + `}`,
	`{"unknown":[1}`, `{"unknown":{"a":1]}`, `{"unknown":[}`, `{"unknown":{]}`, `{"unknown":{"a"}}`, `{"unknown":{"a":}}`,
	`{"unknown":{1:2}}`, `{"unknown":[1:2]}`, `{"unknown":{"a":1 "b":2}}`, `{"unknown":{"a":1,,"b":2}}`, `{"unknown":[,1]}`,
	`{"unknown":[01]}`, `{"unknown":[-]}`, `{"unknown":[1.]}`, `{"unknown":[1e]}`, `{"unknown":[+1]}`, `{"unknown":[.5]}`,
	`{"unknown":[nul]}`, `{"unknown":[True]}`, `{"unknown":"` + strings.Repeat("x", 15) + "\x1f\"}", `{"unknown":"abcdefg\u12G4"}`,
	"{\"unknown\":[1,\x0b2]}", "{\"unknown\":[1]\x00}", `{"unknown":"` + strings.Repeat("x", 30),
	`{"unknown":[1, ]}`, `{"unknown":{"a":1, }}`, `{"unknown":[ }`, `{"unknown":{ ]}`, `{"unknown":{"a": }}`, `{"unknown":[[ ], ]}`,
}

func TestDecode_SameAsEncodingJSON(t *testing.T) {
	for _, c := range decodedCases {
		require.False(t, requireSame(t, []byte(c)), "declined %q", c)
	}
}

func TestDecode_MadeUpDeclinedCases(t *testing.T) {
	for _, c := range declinedCases {
		require.True(t, requireSame(t, []byte(c)), "decoded %q, which it should leave to encoding/json", c)
	}
}

func TestDecode_OwnedStringsReferToTheInput(t *testing.T) {
	d := For(reflect.TypeFor[every]())
	in := []byte(`{"s":"view"}`)
	var got every
	require.True(t, d.Decode(in, unsafe.Pointer(&got), true))
	require.Equal(t, unsafe.SliceData(in[6:]), unsafe.StringData(got.S))
}

func TestFor_UnsupportedTypes(t *testing.T) {
	for _, typ := range []reflect.Type{
		reflect.TypeFor[string](),
		reflect.TypeFor[struct{ M map[string]int }](),
		reflect.TypeFor[struct{ A any }](),
		reflect.TypeFor[struct{ A [2]int }](),
		reflect.TypeFor[struct{ B []byte }](),
		reflect.TypeFor[struct{ N json.Number }](),
		reflect.TypeFor[struct {
			I int `json:"i,string"`
		}](),
		reflect.TypeFor[struct{ *node }](),
		reflect.TypeFor[struct {
			X string `json:"é"`
		}](),
		reflect.TypeFor[struct{ Inner struct{ M map[string]int } }](),
		reflect.TypeFor[lenientStruct](),
	} {
		require.Nil(t, For(typ), "%v", typ)
	}
	require.NotNil(t, For(reflect.TypeFor[node]()))
	require.Same(t, For(reflect.TypeFor[node]()), For(reflect.TypeFor[node]()))
}

type lenientStruct struct{ A string }

func (l *lenientStruct) UnmarshalJSON([]byte) error { return nil }

func TestLeaf(t *testing.T) {
	type upper string
	type holder struct {
		U  upper  `json:"u"`
		PU *upper `json:"pu"`
	}
	var owners []bool
	Leaf(func(u *upper, raw []byte, owned bool) bool {
		owners = append(owners, owned)
		if string(raw) == "false" {
			return false
		}
		*u = upper(strings.ToUpper(string(raw)))
		return true
	})
	d := For(reflect.TypeFor[holder]())
	var h holder
	require.True(t, d.Decode([]byte(`{"u":"abc","pu":{"x":1}}`), unsafe.Pointer(&h), true))
	require.Equal(t, upper(`"ABC"`), h.U)
	require.Equal(t, upper(`{"X":1}`), *h.PU)
	require.Equal(t, []bool{true, true}, owners)
	h = holder{}
	require.False(t, d.Decode([]byte(`{"u":false}`), unsafe.Pointer(&h), false))
	require.False(t, d.Decode([]byte(`{"u":[1,]}`), unsafe.Pointer(&h), false), "raw must be valid JSON")
}

// FuzzSkip holds the skipper to json.Valid: it accepts a value followed
// only by whitespace exactly when encoding/json does (at encoding/json's
// own depth limit, as EachMember skips).
func FuzzSkip(f *testing.F) {
	for _, c := range append(slices.Clone(decodedCases), declinedCases...) {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := state{data: data, depth: maxDepth - walkDepth}
		got := s.skip() && spaces(data, s.pos) == len(data)
		if got != json.Valid(data) {
			t.Fatalf("%q: skip %v, json.Valid %v", data, got, !got)
		}
	})
}

func FuzzDecode_SameAsEncodingJSON(f *testing.F) {
	for _, c := range append(slices.Clone(decodedCases), declinedCases...) {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		requireSame(t, data)
	})
}
