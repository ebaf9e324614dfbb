package dynamic_test

import (
	"encoding/json"
	"fmt"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/dynamic"
)

// A receiver verifies the signature on the raw body first, then parses it
// and switches on the Go type.
func ExampleParse() {
	body := []byte(`{
		"messageId": "f44da9f0-a5b5-47f6-965f-f04af51c903e",
		"eventId": "2cf779a8-89da-486f-974e-2b77b738e4ac",
		"eventName": "wallet.delegation.revoked",
		"timestamp": "2025-10-01T16:00:00.000Z",
		"environmentName": "sandbox",
		"data": {"walletId": "25193936-3ecd-4c1b-84e6-9eabc82e53c2", "chain": "EVM"}
	}`)
	ev, err := dynamic.Parse(body)
	if err != nil {
		fmt.Println("not a Dynamic event:", err)
		return
	}
	switch e := ev.(type) {
	case *dynamic.WalletDelegationCreated:
		fmt.Println("store the delegated share of wallet", e.Data.WalletID)
	case *dynamic.WalletDelegationRevoked:
		fmt.Println("forget the delegated share of wallet", e.Data.WalletID, "on", e.Data.Chain)
		fmt.Println("sandbox:", e.IsSandbox(), "redelivery:", e.IsRedelivery())
		fmt.Println("idempotency key:", e.IdempotencyKey())
	case *typedhooks.Unknown:
		fmt.Println("no struct yet for", e.Type)
	}
	// Output:
	// forget the delegated share of wallet 25193936-3ecd-4c1b-84e6-9eabc82e53c2 on EVM
	// sandbox: true redelivery: false
	// idempotency key: f44da9f0-a5b5-47f6-965f-f04af51c903e
}

// Event types this package does not know yet arrive as *typedhooks.Unknown
// with the whole body, so nothing is lost; json.Marshal gives the body back.
func ExampleParse_unknown() {
	body := []byte(`{"eventName":"flow.settlement.updated","eventId":"e1","data":{"state":"completed"}}`)
	ev, err := dynamic.Parse(body)
	if err != nil {
		panic(err)
	}
	if u, ok := ev.(*typedhooks.Unknown); ok {
		out, _ := json.Marshal(u)
		fmt.Println(u.Type)
		fmt.Println(string(out))
	}
	// Output:
	// flow.settlement.updated
	// {"eventName":"flow.settlement.updated","eventId":"e1","data":{"state":"completed"}}
}

// Members this package has no field for are kept with the event's body and
// written back by json.Marshal, exactly as they came, so a stored or
// forwarded event loses nothing.
func ExampleParse_unknownMembers() {
	body := []byte(`{"eventName":"wallet.activity.registered","apiVersion":"2","data":{"walletId":"w1","walletAddress":"0x3f","network":"base"}}`)
	ev, _ := dynamic.Parse(body)
	e := ev.(*dynamic.WalletActivityRegistered)
	fmt.Println(e.Data.WalletID)
	out, _ := json.Marshal(e)
	fmt.Println(string(out))
	// Output:
	// w1
	// {"eventName":"wallet.activity.registered","apiVersion":"2","data":{"walletId":"w1","walletAddress":"0x3f","network":"base"}}
}

// The deprecated name sanctions.wallet.blocked decodes into the same struct
// as wallet.sanctions.blocked; EventName keeps what was sent.
func ExampleWalletSanctionsBlocked() {
	ev, _ := dynamic.Parse([]byte(`{"eventName":"sanctions.wallet.blocked","data":{"walletAddress":"0xabc","chain":"EVM","categories":["sanctions"],"origin":"signIn"}}`))
	e := ev.(*dynamic.WalletSanctionsBlocked)
	fmt.Println(e.EventType(), e.EventName, e.Data.Categories, e.Data.Origin)
	// Output:
	// wallet.sanctions.blocked sanctions.wallet.blocked [sanctions] signIn
}

// Undocumented payloads are kept as json.RawMessage; decode them into a
// type of your own.
func ExampleBusinessAccountMemberAdded() {
	ev, _ := dynamic.Parse([]byte(`{"eventName":"businessAccount.member.added","data":{"role":"admin"}}`))
	e := ev.(*dynamic.BusinessAccountMemberAdded)
	var member struct {
		Role string `json:"role"`
	}
	if err := json.Unmarshal(e.Data, &member); err != nil {
		panic(err)
	}
	fmt.Println(member.Role)
	// Output:
	// admin
}
