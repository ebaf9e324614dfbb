// Package eventtest holds what the provider packages' tests share: loading
// and editing their documented fixtures, and the lossless round-trip check
// that every typed event must pass. Only tests import it.
package eventtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"
)

// RoundTripDiff marshals ev with encoding/json and compares the result with
// the original body, member by member. It returns one line per difference,
// or nil when every member of body comes back with the same value.
//
// Members that body has and the encoding lacks are reported, and so are
// changed values; members the encoding adds are reported too unless they are
// null, empty or zero in the encoding (an optional field the provider left
// out). Strings that both sides hold as RFC 3339 times are compared as
// instants, and numbers are compared by value.
func RoundTripDiff(body []byte, ev any) []string {
	out, err := json.Marshal(ev)
	if err != nil {
		return []string{"marshal: " + err.Error()}
	}
	want, err := decode(body)
	if err != nil {
		return []string{"decode body: " + err.Error()}
	}
	got, err := decode(out)
	if err != nil {
		return []string{"decode output: " + err.Error()}
	}
	var diffs []string
	compare("$", want, got, &diffs)
	return diffs
}

func decode(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	err := d.Decode(&v)
	return v, err
}

func compare(path string, want, got any, diffs *[]string) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			*diffs = append(*diffs, fmt.Sprintf("%s: want object, got %s", path, show(got)))
			return
		}
		for _, k := range sortedKeys(w) {
			gv, present := g[k]
			if !present {
				if w[k] == nil {
					continue // null and absent say the same
				}
				*diffs = append(*diffs, fmt.Sprintf("%s.%s: missing after round trip (was %s)", path, k, show(w[k])))
				continue
			}
			compare(path+"."+k, w[k], gv, diffs)
		}
		for _, k := range sortedKeys(g) {
			if _, present := w[k]; !present && !isEmpty(g[k]) {
				*diffs = append(*diffs, fmt.Sprintf("%s.%s: added by round trip: %s", path, k, show(g[k])))
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			*diffs = append(*diffs, fmt.Sprintf("%s: want %s, got %s", path, show(want), show(got)))
			return
		}
		for i := range w {
			compare(fmt.Sprintf("%s[%d]", path, i), w[i], g[i], diffs)
		}
	case json.Number:
		g, ok := got.(json.Number)
		if !ok || !sameNumber(w, g) {
			*diffs = append(*diffs, fmt.Sprintf("%s: want %s, got %s", path, show(want), show(got)))
		}
	case string:
		g, ok := got.(string)
		if ok && sameInstant(w, g) {
			return
		}
		if !ok || g != w {
			*diffs = append(*diffs, fmt.Sprintf("%s: want %s, got %s", path, show(want), show(got)))
		}
	default:
		if !reflect.DeepEqual(want, got) {
			*diffs = append(*diffs, fmt.Sprintf("%s: want %s, got %s", path, show(want), show(got)))
		}
	}
}

func sameNumber(a, b json.Number) bool {
	if a == b {
		return true
	}
	fa, ea := a.Float64()
	fb, eb := b.Float64()
	return ea == nil && eb == nil && fa == fb
}

func sameInstant(a, b string) bool {
	ta, ea := time.Parse(time.RFC3339Nano, a)
	tb, eb := time.Parse(time.RFC3339Nano, b)
	return ea == nil && eb == nil && ta.Equal(tb)
}

func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case bool:
		return !x
	case json.Number:
		f, err := x.Float64()
		return err == nil && f == 0
	case []any:
		return len(x) == 0
	case map[string]any:
		for _, e := range x {
			if !isEmpty(e) {
				return false
			}
		}
		return true
	}
	return false
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	s := string(b)
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return strings.TrimSpace(s)
}
