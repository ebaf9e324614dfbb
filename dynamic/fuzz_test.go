package dynamic_test

import (
	"encoding/json"
	"testing"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/dynamic"
	"github.com/typedhooks/typedhooks/internal/eventtest"
)

// FuzzParse checks that Parse never panics and that whatever it accepts
// encodes again, re-parses as the same event type and, for typed events,
// gives back every member it received.
func FuzzParse(f *testing.F) {
	for _, name := range eventtest.FixtureNames(f) {
		f.Add(eventtest.Fixture(f, name))
	}
	// Made-up seeds for the corners of the decoder.
	f.Add([]byte(`{"eventName":"sanctions.wallet.blocked","data":{"categories":["a",1],"chain":null}}`))
	f.Add([]byte(`{"eventName":"ping","EVENTNAME":"user.created","eventName":"user.created","data":"x"}`))
	f.Add([]byte(`{"event\u004eame":"user.session.created","data":{"verifiedCredentials":[{"signInEnabled":"no"}],"createdAt":1700000000}}`))
	f.Add([]byte(`{"eventName":"wallet.created","timestamp":{},"data":{"lastSelectedAt":1759331606348.5}}`))
	f.Add([]byte(`{"eventName":"wallet.activity","redelivery":true,"data":{"assetTransfers":[{"amount":1e3,"amountRaw":"1000"}],"labels":["sent"]}}`))
	f.Add([]byte(`{"eventName":"user.updated","data":{"verifiedCredentials":[{"wallet_name":"a","walletName":"b","oauthEmails":"x","WALLETNAME":1,"nameService":{"name":2}}]}}`))
	f.Add([]byte(`{"eventName":"wallet.unlinked","data":{"address":"0x1","publicKey":7,"walletName":null}}`))

	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := dynamic.Parse(body)
		if err != nil {
			return
		}
		out, err := json.Marshal(ev)
		if err != nil {
			t.Fatalf("Marshal(%T): %v", ev, err)
		}
		again, err := dynamic.Parse(out)
		if err != nil {
			t.Fatalf("re-parse of %s: %v", out, err)
		}
		if again.EventType() != ev.EventType() {
			t.Fatalf("re-parse gives %q, first parse %q", again.EventType(), ev.EventType())
		}
		if _, unknown := ev.(*typedhooks.Unknown); !unknown {
			if diff := eventtest.RoundTripDiff(body, ev); len(diff) > 0 {
				t.Fatalf("round trip of %s:\n%v", body, diff)
			}
		}
	})
}
