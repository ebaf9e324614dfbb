package crossmint_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/internal/eventtest"
)

func obj(m map[string]any, key string) map[string]any { return m[key].(map[string]any) }

func TestParse_MadeUpExtraMembersEverywhere(t *testing.T) {
	body := eventtest.EditFixture(t, "nfts.create.succeeded.evm.json", func(m map[string]any) {
		m["newTopLevel"] = map[string]any{"nested": []any{1, "x"}}
		d := obj(m, "data")
		d["newInData"] = 42
		obj(d, "collection")["newInCollection"] = true
		obj(d, "recipient")["phone"] = "+1"
		tok := obj(d, "token")
		tok["metadata"] = map[string]any{"name": "n"}
		obj(tok, "owner")["email"] = "o@example.com"
	})
	ev, err := crossmint.Parse(body)
	require.NoError(t, err)
	e := eventtest.As[*crossmint.NFTCreateSucceeded](t, ev)
	assert.Equal(t, typedhooks.ID("15"), e.Data.Token.TokenID)
	assert.Equal(t, typedhooks.ID("default-polygon"), e.Data.Collection.ID)
	assert.Equal(t, "0x10324e5B8879CA6662ff83617F74b0AaD251b819", e.Data.Token.Owner.WalletAddress)
}

func TestParse_MadeUpNullOptionalMembers(t *testing.T) {
	body := eventtest.EditFixture(t, "nfts.create.failed.evm.json", func(m map[string]any) {
		m["completedAt"] = nil
		m["timestamp"] = nil
		d := obj(m, "data")
		d["txId"] = nil
		d["recipient"] = nil
		d["contractArguments"] = nil
		d["changes"] = nil
		obj(d, "error")["callInfo"] = nil
		obj(d, "token")["tokenId"] = nil
	})
	ev, err := crossmint.Parse(body)
	require.NoError(t, err)
	e := eventtest.As[*crossmint.NFTCreateFailed](t, ev)
	assert.Nil(t, e.Data.Recipient)
	assert.Nil(t, e.Data.Error.CallInfo)
	assert.Equal(t, "execution_reverted", e.Data.Error.Reason)
	assert.True(t, e.Timestamp.IsZero())
	assert.Empty(t, e.Data.Token.TokenID)
	// null and absent mean the same, so the round trip still holds.
	assert.Empty(t, eventtest.RoundTripDiff(body, ev))
}

func TestParse_MadeUpTokenIDAsNumber(t *testing.T) {
	// A uint256 beyond float64 precision: every digit must survive.
	const big = "115792089237316195423570985008687907853269984665640564039457584007913129639935"
	body := eventtest.EditFixture(t, "nfts.create.succeeded.evm.json", func(m map[string]any) {
		obj(obj(m, "data"), "token")["tokenId"] = json.Number(big)
	})
	ev, err := crossmint.Parse(body)
	require.NoError(t, err)
	e := eventtest.As[*crossmint.NFTCreateSucceeded](t, ev)
	assert.Equal(t, typedhooks.ID(big), e.Data.Token.TokenID)

	body = eventtest.EditFixture(t, "nfts.update.succeeded.evm.json", func(m map[string]any) {
		obj(obj(m, "data"), "token")["tokenId"] = 16
	})
	ev, err = crossmint.Parse(body)
	require.NoError(t, err)
	assert.Equal(t, typedhooks.ID("16"), eventtest.As[*crossmint.NFTUpdateSucceeded](t, ev).Data.Token.TokenID)
}

func TestParse_MadeUpTimestampForms(t *testing.T) {
	for name, value := range map[string]any{
		"digits in a string": "1696424259573",
		"RFC 3339":           "2023-10-04T12:57:39.573Z",
	} {
		t.Run(name, func(t *testing.T) {
			body := eventtest.EditFixture(t, "collections.update.succeeded.evm.json", func(m map[string]any) {
				m["timestamp"] = value
			})
			ev, err := crossmint.Parse(body)
			require.NoError(t, err)
			e := eventtest.As[*crossmint.CollectionUpdateSucceeded](t, ev)
			assert.True(t, e.Timestamp.Equal(ms(1696424259573)), "got %v", e.Timestamp)
			assert.Empty(t, eventtest.RoundTripDiff(body, ev), "encodes in the form it came in")
		})
	}
}

func TestParse_MadeUpWrongKindKeepsEvent(t *testing.T) {
	// A value of an unexpected kind costs only that field.
	body := eventtest.EditFixture(t, "nfts.update.succeeded.evm.json", func(m map[string]any) {
		obj(m, "data")["changes"] = "metadata"
	})
	ev, err := crossmint.Parse(body)
	require.NoError(t, err)
	e := eventtest.As[*crossmint.NFTUpdateSucceeded](t, ev)
	assert.Empty(t, e.Data.Changes)
	assert.Equal(t, typedhooks.ID("f7fedd17-2feb-4bc9-88fa-8890ea8f99e8"), e.ActionID)
}

func TestParse_MadeUpUserIDSpelling(t *testing.T) {
	body := eventtest.EditFixture(t, "users.created.json", func(m map[string]any) {
		d := obj(m, "data")
		d["userId"] = d["id"]
		delete(d, "id")
	})
	ev, err := crossmint.Parse(body)
	require.NoError(t, err)
	e := eventtest.As[*crossmint.UserCreated](t, ev)
	assert.Equal(t, typedhooks.ID("123"), e.UserID())
	assert.Empty(t, e.Data.ID)
	assert.Empty(t, eventtest.RoundTripDiff(body, ev))
}

func TestParse_MadeUpUnknownType(t *testing.T) {
	body := eventtest.EditFixture(t, "nfts.create.succeeded.evm.json", func(m map[string]any) {
		m["type"] = "nfts.teleport.succeeded"
	})
	ev, err := crossmint.Parse(body)
	require.NoError(t, err)
	u := eventtest.As[*typedhooks.Unknown](t, ev)
	assert.Equal(t, "nfts.teleport.succeeded", u.Type)
	assert.Equal(t, string(body), string(u.Raw))
	out, err := json.Marshal(ev)
	require.NoError(t, err)
	assert.JSONEq(t, string(body), string(out))
}

func TestParse_Errors(t *testing.T) {
	noType := eventtest.EditFixture(t, "nfts.create.succeeded.evm.json", func(m map[string]any) { delete(m, "type") })
	numericType := eventtest.EditFixture(t, "nfts.create.succeeded.evm.json", func(m map[string]any) { m["type"] = 7 })
	for name, tc := range map[string]struct {
		body []byte
		want error
	}{
		"array":                  {[]byte(`[{"type":"nfts.create.succeeded"}]`), typedhooks.ErrNotObject},
		"string":                 {[]byte(`"nfts.create.succeeded"`), typedhooks.ErrNotObject},
		"empty":                  {nil, typedhooks.ErrNotObject},
		"truncated":              {eventtest.Fixture(t, "nfts.create.succeeded.evm.json")[:40], typedhooks.ErrNotObject},
		"MadeUp no type":         {noType, typedhooks.ErrNoEventType},
		"MadeUp type not string": {numericType, typedhooks.ErrNoEventType},
	} {
		t.Run(name, func(t *testing.T) {
			ev, err := crossmint.Parse(tc.body)
			require.Error(t, err)
			assert.Nil(t, ev)
			assert.Truef(t, errors.Is(err, tc.want), "got %v", err)
			assert.Contains(t, err.Error(), "crossmint")
		})
	}
}

func TestParse_MadeUpWalletTransfer(t *testing.T) {
	// Members from Crossmint's wallets webhook field table (id, type,
	// data.sender, data.recipient) and, for the rest, the unverified
	// third-party shape recorded in the reference notes.
	body := eventtest.EditFixture(t, "users.created.json", func(m map[string]any) {
		delete(m, "status")
		m["type"] = crossmint.TypeWalletTransferOut
		m["id"] = "msg_2kPq"
		m["data"] = map[string]any{
			"transferId": "tr_1",
			"sender":     map[string]any{"address": "0xA", "chain": "polygon", "locator": "polygon:0xA", "owner": "email:a@example.com"},
			"recipient":  map[string]any{"address": "0xB", "chain": "polygon", "locator": "polygon:0xB"},
			"token": map[string]any{"type": "fungible", "chain": "polygon", "amount": "1.0", "rawAmount": "1000000",
				"decimals": 6, "symbol": "USDC", "contractAddress": "0xC", "locator": "polygon:0xC"},
			"status":      "failed",
			"onChain":     map[string]any{"txId": "0xT", "explorerLink": "https://polygonscan.com/tx/0xT"},
			"completedAt": "2026-02-11T10:00:00.000Z",
		}
	})
	ev, err := crossmint.Parse(body)
	require.NoError(t, err)
	e := eventtest.As[*crossmint.WalletTransferOut](t, ev)
	assert.Equal(t, "msg_2kPq", e.IdempotencyKey())
	var keyer typedhooks.IdempotencyKeyer = e
	assert.Equal(t, "msg_2kPq", keyer.IdempotencyKey())
	assert.Equal(t, "email:a@example.com", e.Data.Sender.Owner)
	assert.Equal(t, "polygon:0xB", e.Data.Recipient.Locator)
	require.NotNil(t, e.Data.Token.Decimals)
	assert.Equal(t, 6, *e.Data.Token.Decimals)
	assert.Equal(t, "failed", e.Data.Status)
	assert.Contains(t, string(e.Data.OnChain), "explorerLink")
	assert.Empty(t, eventtest.RoundTripDiff(body, ev))
}

func TestParse_MadeUpLegacyPurchase(t *testing.T) {
	// The EVM variant of the documented Solana example: Crossmint's own EVM
	// example is not JSON ("tokenIds": [<TOKEN_IDS>]), so its members are
	// added here, token ids as numbers and strings.
	body := eventtest.EditFixture(t, "purchase.succeeded.solana.json", func(m map[string]any) {
		delete(m, "mintAddress")
		m["walletAddress"] = "0xW"
		m["projectId"] = "p1"
		m["collectionId"] = "c1"
		m["contractAddress"] = "0xC"
		m["tokenIds"] = []any{7, "8"}
		m["passThroughArgs"] = `{"orderId":"o1"}`
	})
	ev, err := crossmint.Parse(body)
	require.NoError(t, err)
	e := eventtest.As[*crossmint.PurchaseSucceeded](t, ev)
	assert.Equal(t, []typedhooks.ID{"7", "8"}, e.TokenIDs)
	assert.Equal(t, "success", e.Status)
	assert.Equal(t, `{"orderId":"o1"}`, e.PassThroughArgs)
	assert.Equal(t, typedhooks.ID("p1"), e.ProjectID)
	assert.Equal(t, "0xC", e.ContractAddress)
	// The numeric id comes back as the number it was; nothing changes.
	assert.Empty(t, eventtest.RoundTripDiff(body, ev))
}

func TestParse_MadeUpIDsAsNumbers(t *testing.T) {
	// Every id member accepts a JSON number and keeps its digits; the
	// event is encoded back with the id as the same number.
	body := eventtest.EditFixture(t, "nfts.create.succeeded.evm.json", func(m map[string]any) {
		m["actionId"] = 771
		d := obj(m, "data")
		obj(d, "collection")["id"] = 42
		tok := obj(d, "token")
		tok["id"] = json.Number("9007199254740993") // beyond float64
		tok["tokenId"] = 15
	})
	ev, err := crossmint.Parse(body)
	require.NoError(t, err)
	e := eventtest.As[*crossmint.NFTCreateSucceeded](t, ev)
	assert.Equal(t, typedhooks.ID("771"), e.ActionID)
	assert.Equal(t, typedhooks.ID("42"), e.Data.Collection.ID)
	assert.Equal(t, typedhooks.ID("9007199254740993"), e.Data.Token.ID)
	assert.Equal(t, typedhooks.ID("15"), e.Data.Token.TokenID)
	out, err := json.Marshal(ev)
	require.NoError(t, err)
	assert.Equal(t, string(body), string(out), "the same members, numbers as numbers")

	for fixture, edit := range map[string]func(m map[string]any){
		"users.created.json": func(m map[string]any) { obj(m, "data")["id"] = 123 },
		"users.updated.json": func(m map[string]any) {
			d := obj(m, "data")
			d["userId"], d["actionId"] = 123, 1234
		},
		"export.succeeded.json":          func(m map[string]any) { m["tokenId"] = 7 },
		"purchase.succeeded.solana.json": func(m map[string]any) { m["clientId"] = 99 },
	} {
		t.Run(fixture, func(t *testing.T) {
			body := eventtest.EditFixture(t, fixture, edit)
			ev, err := crossmint.Parse(body)
			require.NoError(t, err)
			assert.Empty(t, eventtest.RoundTripDiff(body, ev), "the ids come back as numbers")
			switch e := ev.(type) {
			case *crossmint.UserCreated:
				assert.Equal(t, typedhooks.ID("123"), e.UserID())
			case *crossmint.UserUpdated:
				assert.Equal(t, typedhooks.ID("123"), e.Data.UserID)
				assert.Equal(t, typedhooks.ID("1234"), e.Data.ActionID)
			case *crossmint.ExportSucceeded:
				assert.Equal(t, typedhooks.ID("7"), e.TokenID)
			case *crossmint.PurchaseSucceeded:
				assert.Equal(t, typedhooks.ID("99"), e.ClientID)
			default:
				t.Fatalf("unexpected %T", ev)
			}
		})
	}
}

func TestParse_MadeUpOrder(t *testing.T) {
	// The shape third-party notes report for Checkout V3 deliveries:
	// {type, actionId, timestamp, data{orderId, payment, lineItems, phase, quote}}.
	body := eventtest.EditFixture(t, "collections.update.succeeded.evm.json", func(m map[string]any) {
		m["type"] = crossmint.TypeOrderDeliveryCompleted
		for _, k := range []string{"startedAt", "completedAt", "resource"} {
			delete(m, k)
		}
		m["data"] = map[string]any{
			"orderId":   "b2959ca5-65e4-466a-bd26-1bd05cb4f837",
			"phase":     "completed",
			"lineItems": []any{map[string]any{"delivery": map[string]any{"status": "completed"}}},
			"quote":     map[string]any{"status": "valid"},
			"payment":   map[string]any{"status": "completed"},
		}
	})
	ev, err := crossmint.Parse(body)
	require.NoError(t, err)
	e := eventtest.As[*crossmint.OrderDeliveryCompleted](t, ev)
	assert.Equal(t, "completed", e.Data.Phase)
	assert.Equal(t, typedhooks.ID("b2959ca5-65e4-466a-bd26-1bd05cb4f837"), e.Data.OrderID)
	require.Len(t, e.Data.LineItems, 1)
	require.NotNil(t, e.Data.LineItems[0].Delivery)
	assert.Equal(t, "completed", e.Data.LineItems[0].Delivery.Status)
	assert.Equal(t, "valid", e.Data.Quote.Status)
	assert.Equal(t, "completed", e.Data.Payment.Status)
	assert.True(t, e.Timestamp.Equal(ms(1696424259573)))
	assert.Empty(t, eventtest.RoundTripDiff(body, ev))
}
