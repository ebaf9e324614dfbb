package dynamic_test

import (
	"encoding/json"
	"testing"

	"github.com/typedhooks/typedhooks/dynamic"
	"github.com/typedhooks/typedhooks/internal/eventtest"
)

// BenchmarkParse measures Parse on the documented wallet.delegation.created
// body. Its baseline, BenchmarkParse_BaselineStdlib, is encoding/json
// decoding the same body into a plain struct of the same shape with no
// member preservation: the difference is the cost of being lossless.
func BenchmarkParse(b *testing.B) {
	body := eventtest.Fixture(b, delegationCreated)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := dynamic.Parse(body); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse_BaselineStdlib(b *testing.B) {
	type encrypted struct {
		Alg, IV, CT, Tag, EK, KID string
	}
	type plain struct {
		EventID, MessageID, WebhookID, UserID, EventName, EnvironmentID, EnvironmentName, Timestamp string
		Redelivery                                                                                  bool
		Data                                                                                        struct {
			Chain                   string
			EncryptedDelegatedShare encrypted
			EncryptedWalletAPIKey   encrypted `json:"encryptedWalletApiKey"`
			PublicKey, UserID       string
			WalletID                string
		}
	}
	body := eventtest.Fixture(b, delegationCreated)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		var p plain
		if err := json.Unmarshal(body, &p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarshal measures writing a parsed event back, as a receiver that
// stores events does.
func BenchmarkMarshal(b *testing.B) {
	ev, err := dynamic.Parse(eventtest.Fixture(b, delegationCreated))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(ev); err != nil {
			b.Fatal(err)
		}
	}
}
