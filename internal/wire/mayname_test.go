package wire

import (
	"strings"
	"testing"
)

// TestMayNameAgain_FindsEverySpellingAnywhere holds the chunked, folded
// search to what it must never miss: a key's tail and quote in any ASCII
// case at any position, the ends of the chunks it searches included, an
// escape, and the non-ASCII letters that fold to s and k.
func TestMayNameAgain_FindsEverySpellingAnywhere(t *testing.T) {
	keys := []string{"source", "object_type", "action"}
	filler := strings.Repeat(`{"a":"b_c","d":[1,true,null]},`, 200) // no key's tail
	if MayNameAgain([]byte(filler), keys...) {
		t.Fatal("a body without the keys' tails counts as naming them")
	}
	for _, spelling := range []string{`"OBJECT_TYPE"`, `"oBjEcT_tYpE"`, `"Action"`, `"sOURCE"`, `"bject_type"`} {
		for p := 0; p < 2300; p += 7 {
			rest := []byte(filler[:p] + spelling + filler[p:])
			if !MayNameAgain(rest, keys...) {
				t.Fatalf("%s at %d not found", spelling, p)
			}
		}
	}
	for _, other := range []string{`"s\u006furce"`, "\"\u017fource\"", "\"\u212aind\""} {
		if !MayNameAgain([]byte(filler+other+filler), "source", "kind") {
			t.Errorf("%s not counted as a possible spelling", other)
		}
	}
}
