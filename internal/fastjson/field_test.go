package fastjson

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestField_IsComparesEveryByte changes each byte of names of every length
// in turn: the word compares must see every position.
func TestField_IsComparesEveryByte(t *testing.T) {
	alphabet := "abcdefghijklmnopqrstuvwxyz_0123456789"
	for n := 1; n <= len(alphabet); n++ {
		name := alphabet[:n]
		f := newField(name, 0, nil)
		require.True(t, f.is([]byte(name)), name)
		require.False(t, f.is([]byte(name+"x")), "longer than %q", name)
		require.False(t, f.is([]byte(name[:n-1])), "shorter than %q", name)
		for i := range n {
			changed := []byte(name)
			changed[i] = 'X'
			require.False(t, f.is(changed), "%q against %q", changed, name)
		}
		if upper := strings.ToUpper(name); upper != name {
			require.False(t, f.is([]byte(upper)), "names match exactly, case and all: %q", name)
		}
	}
}
