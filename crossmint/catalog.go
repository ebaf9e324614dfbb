package crossmint

import "github.com/typedhooks/typedhooks/internal/catalog"

// Tells dispatch.On which Go types Parse produces.
func init() { catalog.Register(Parse, Types, New) }
