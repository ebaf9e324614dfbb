package bench

import (
	"bytes"
	"fmt"
	"io/fs"
	"testing"

	"github.com/typedhooks/typedhooks/internal/samples"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// body is one request body of the benchmarks and the provider it belongs to.
type body struct {
	name     string // benchstat key: body=<name>
	provider string // "crossmint" or "stytch"
	bytes    []byte
}

const (
	crossmintFixture = "crossmint/nfts.create.succeeded.evm.json"
	stytchFixture    = "stytch/direct.user.create.json"
)

// loadBodies returns the documented Crossmint nfts.create.succeeded and
// Stytch direct.user.create bodies, and 64 KiB and 1 MiB bodies built from the
// Crossmint one.
func loadBodies(tb testing.TB) []body {
	tb.Helper()
	crossmint := readFixture(tb, crossmintFixture)
	stytch := readFixture(tb, stytchFixture)
	return []body{
		{fmt.Sprintf("crossmint-%dB", len(crossmint)), "crossmint", crossmint},
		{fmt.Sprintf("stytch-%dB", len(stytch)), "stytch", stytch},
		{"crossmint-64KiB", "crossmint", padded(tb, crossmint, 64<<10)},
		{"crossmint-1MiB", "crossmint", padded(tb, crossmint, 1<<20)},
	}
}

func readFixture(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := fs.ReadFile(samples.FS(), path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// padded grows a real fixture to exactly size bytes by adding a MADE-UP
// top-level member, "madeUpPadding", that no provider sends: an array of
// copies of the fixture's own "data" object (so the decoder skips realistic
// JSON rather than one long string), then spaces to reach the exact size.
// Every struct ignores the member, so the work that grows with the body is
// reading, verifying and skipping it.
func padded(tb testing.TB, fixture []byte, size int) []byte {
	tb.Helper()
	var data []byte
	if err := wire.EachField(fixture, func(k, v []byte) bool {
		if string(k) == "data" {
			data = v
		}
		return true
	}); err != nil || data == nil {
		tb.Fatalf("fixture has no data object: %v", err)
	}
	end := bytes.LastIndexByte(fixture, '}')
	out := append([]byte(nil), fixture[:end]...)
	out = append(out, `,"madeUpPadding":[`...)
	for i := 0; len(out)+len(data)+4 < size; i++ {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, data...)
	}
	out = append(out, ']')
	out = append(out, bytes.Repeat([]byte{' '}, size-len(out)-1)...)
	out = append(out, '}')
	if len(out) != size {
		tb.Fatalf("padded body is %d bytes, want %d", len(out), size)
	}
	return out
}
