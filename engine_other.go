//go:build !(amd64 || arm64)

package typedhooks

// fastUnmarshal is nil where sonic does not run: encoding/json decodes alone.
var fastUnmarshal func(data []byte, v any) error

// fastUnmarshalOwned is nil where sonic does not run.
var fastUnmarshalOwned func(data []byte, v any) error
