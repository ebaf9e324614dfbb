package stytch_test

import (
	"encoding/json"
	"testing"

	"github.com/typedhooks/typedhooks/internal/eventtest"
	"github.com/typedhooks/typedhooks/stytch"
)

// BenchmarkParse measures Parse on the documented direct.user.create body
// (impl=typedhooks) against its baseline (impl=encoding_json):
// encoding/json decoding the same body into a plain struct of the same shape,
// with the event type known in advance and no type location, registry
// lookup or time handling.
func BenchmarkParse(b *testing.B) {
	body := eventtest.Fixture(b, userCreated)
	b.Run("impl=typedhooks", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := stytch.Parse(body); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=encoding_json", func(b *testing.B) {
		type verified struct {
			Verified bool
		}
		type plain struct {
			Action     string `json:"action"`
			EventID    string `json:"event_id"`
			ID         string `json:"id"`
			ObjectType string `json:"object_type"`
			ProjectID  string `json:"project_id"`
			Source     string `json:"source"`
			Timestamp  string `json:"timestamp"`
			Vertical   string `json:"vertical"`
			User       struct {
				BiometricRegistrations []verified `json:"biometric_registrations"`
				CreatedAt              string     `json:"created_at"`
				CryptoWallets          []verified `json:"crypto_wallets"`
				Emails                 []struct {
					Email    string `json:"email"`
					EmailID  string `json:"email_id"`
					Verified bool   `json:"verified"`
				}
				Name struct {
					FirstName  string `json:"first_name"`
					LastName   string `json:"last_name"`
					MiddleName string `json:"middle_name"`
				}
				Password *struct {
					PasswordID string `json:"password_id"`
				}
				PhoneNumbers          []verified      `json:"phone_numbers"`
				Providers             []verified      `json:"providers"`
				Status                string          `json:"status"`
				TOTPs                 []verified      `json:"totps"`
				TrustedMetadata       json.RawMessage `json:"trusted_metadata"`
				UntrustedMetadata     json.RawMessage `json:"untrusted_metadata"`
				UserID                string          `json:"user_id"`
				WebAuthnRegistrations []verified      `json:"webauthn_registrations"`
			}
		}
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			var p plain
			if err := json.Unmarshal(body, &p); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkLocateType measures deriving the event type alone.
func BenchmarkLocateType(b *testing.B) {
	body := eventtest.Fixture(b, userCreated)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := stytch.LocateType(body); err != nil {
			b.Fatal(err)
		}
	}
}
