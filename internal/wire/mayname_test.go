package wire

import (
	"bytes"
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
	if MayNameAgain([]byte(filler), true, keys...) {
		t.Fatal("a body without the keys' tails counts as naming them")
	}
	for _, spelling := range []string{`"OBJECT_TYPE"`, `"oBjEcT_tYpE"`, `"Action"`, `"sOURCE"`, `"bject_type"`} {
		for p := 0; p < 2300; p += 7 {
			rest := []byte(filler[:p] + spelling + filler[p:])
			if !MayNameAgain(rest, true, keys...) {
				t.Fatalf("%s at %d not found", spelling, p)
			}
			if want := bytes.Contains(rest, []byte(keys[1][1:]+`"`)) || bytes.Contains(rest, []byte(keys[2][1:]+`"`)) || bytes.Contains(rest, []byte(keys[0][1:]+`"`)); MayNameAgain(rest, false, keys...) != want {
				t.Fatalf("%s at %d: exact search says %v", spelling, p, !want)
			}
		}
	}
	for _, other := range []string{`"s\u006furce"`, "\"\u017fource\"", "\"\u212aind\""} {
		if !MayNameAgain([]byte(filler+other+filler), true, "source", "kind") {
			t.Errorf("%s not counted as a possible spelling", other)
		}
	}
	if MayNameAgain([]byte(filler+`"TYPE"`), false, "type") {
		t.Error("the exact search folded a name")
	}
}
