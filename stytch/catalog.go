package stytch

import "github.com/typedhooks/typedhooks/internal/catalog"

// Tells dispatch.On which Go types Parse produces, and the dispatcher how
// to parse a body it hands over (see wire.Registry.ParseOwned).
func init() { catalog.Register(Parse, Types, New, registry.ParseOwned) }
