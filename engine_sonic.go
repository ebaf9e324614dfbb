//go:build amd64 || arm64

package typedhooks

import (
	"unsafe"

	"github.com/bytedance/sonic"
)

// sonicStd is sonic's configuration that matches encoding/json: strings are
// validated (control characters rejected, invalid UTF-8 replaced) and copied
// out of the input rather than referencing it.
var sonicStd = sonic.ConfigStd

// fastUnmarshal decodes with sonic. sonic decodes from a string and would
// copy data into one; viewing the bytes as a string instead is safe because
// this configuration copies every string and raw member it keeps, and data
// is not modified while it decodes (TestUnmarshal_DoesNotAliasTheBody holds
// it to that).
var fastUnmarshal = func(data []byte, v any) error {
	return sonicStd.UnmarshalFromString(unsafe.String(unsafe.SliceData(data), len(data)), v)
}

// sonicOwned is sonicStd without copying strings: decoded strings refer to
// the input. Only for input the decoded value owns and nothing modifies (the
// copy of the body that Registry.Parse keeps in the event's Original).
var sonicOwned = sonic.Config{
	EscapeHTML:       true,
	SortMapKeys:      true,
	CompactMarshaler: true,
	ValidateString:   true,
}.Froze()

// fastUnmarshalOwned is fastUnmarshal for input that the decoded value owns.
var fastUnmarshalOwned = func(data []byte, v any) error {
	return sonicOwned.UnmarshalFromString(unsafe.String(unsafe.SliceData(data), len(data)), v)
}
