//go:build amd64 || arm64

package typedhooks

import (
	"unsafe"

	"github.com/bytedance/sonic"
)

// stdConfig is sonic's ConfigStd, the configuration that matches
// encoding/json: strings are validated (control characters rejected,
// invalid UTF-8 replaced) and copied out of the input rather than referring
// to it.
var stdConfig = sonic.Config{
	EscapeHTML:       true,
	SortMapKeys:      true,
	CompactMarshaler: true,
	CopyString:       true,
	ValidateString:   true,
}

// fastUnmarshal decodes with sonic. sonic decodes from a string and would
// copy data into one; viewing the bytes as a string instead is safe because
// this configuration copies every string and raw member it keeps, and data
// is not modified while it decodes (TestUnmarshal_DoesNotAliasTheBody holds
// it to that).
var fastUnmarshal = decodeWith(stdConfig)

// fastUnmarshalOwned is fastUnmarshal without copying strings: decoded
// strings refer to data. Only for data the decoded value owns and nothing
// modifies (the copy of the body that Registry.Parse keeps in the event's
// Original). Raw members and []byte are still copied.
var fastUnmarshalOwned = decodeWith(func() sonic.Config {
	c := stdConfig
	c.CopyString = false
	return c
}())

// decodeWith returns a decoder for sonic configured with c.
func decodeWith(c sonic.Config) func(data []byte, v any) error {
	api := c.Froze()
	return func(data []byte, v any) error {
		return api.UnmarshalFromString(unsafe.String(unsafe.SliceData(data), len(data)), v)
	}
}
