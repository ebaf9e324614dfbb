package dynamic_test

import (
	"testing"

	"github.com/typedhooks/typedhooks/dynamic"
	"github.com/typedhooks/typedhooks/internal/eventtest"
)

// TestMarshal_FixturesKeepMadeUpMembers holds every Dynamic fixture to the
// exact round trip, with a made-up member added to each of its objects, as
// the other providers' fixtures are held.
func TestMarshal_FixturesKeepMadeUpMembers(t *testing.T) {
	eventtest.RequireFixturesLossless(t, dynamic.Parse, nil)
}

// TestMarshal_EveryRegisteredTypeKeepsMadeUpMembers holds every event type
// Parse knows, those without a documented example included, to the lossless
// round trip, and checks that no MarshalJSON hides a field.
func TestMarshal_EveryRegisteredTypeKeepsMadeUpMembers(t *testing.T) {
	eventtest.RequireEveryTypeLossless(t, dynamic.Types(), dynamic.New, dynamic.Parse,
		func(m map[string]any, eventType string) { m["eventName"] = eventType })
}
