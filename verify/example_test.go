package verify_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/typedhooks/typedhooks/verify"
)

// The values of these examples are the canonical test vector of the Svix and
// Standard Webhooks libraries; the clock is pinned to its timestamp.
var exampleClock = verify.WithClock(func() time.Time { return time.Unix(1614265330, 0) })

func ExampleNewSvix() {
	// The secret as shown in the provider's dashboard; the whsec_ prefix is optional.
	v, err := verify.NewSvix("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	fmt.Println(v != nil, err)

	_, err = verify.NewSvix("whsec_")
	fmt.Println(errors.Is(err, verify.ErrInvalidSecret))
	// Output:
	// true <nil>
	// true
}

func ExampleSvix_Verify() {
	v, err := verify.NewSvix("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", exampleClock)
	if err != nil {
		panic(err)
	}
	h := http.Header{}
	h.Set("svix-id", "msg_p5jXN8AQM9LWM0D4loKWxJek")
	h.Set("svix-timestamp", "1614265330")
	h.Set("svix-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")

	fmt.Println(v.Verify(h, []byte(`{"test": 2432232314}`)))
	// The exact bytes are signed: re-encoded JSON does not verify.
	fmt.Println(v.Verify(h, []byte(`{"test":2432232314}`)))
	// Output:
	// <nil>
	// verify: no matching signature found: no v1 signature matches the body under the configured secrets
}

// VerifyResult reports the id and timestamp the signature covered: the ones
// to de-duplicate on. A header the signature did not cover, such as an
// svix-id added to a request signed with the webhook-* names, is ignored.
func ExampleSvix_VerifyResult() {
	v, err := verify.NewSvix("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", exampleClock)
	if err != nil {
		panic(err)
	}
	h := http.Header{}
	h.Set("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek")
	h.Set("webhook-timestamp", "1614265330")
	h.Set("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
	h.Set("svix-id", "msg_added_by_someone_else")

	res, err := v.VerifyResult(h, []byte(`{"test": 2432232314}`))
	fmt.Println(res.ID, res.Timestamp.Unix(), err)
	// Output:
	// msg_p5jXN8AQM9LWM0D4loKWxJek 1614265330 <nil>
}

func ExampleSvix_Sign() {
	v, err := verify.NewSvix("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	if err != nil {
		panic(err)
	}
	fmt.Println(v.Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", time.Unix(1614265330, 0), []byte(`{"test": 2432232314}`)))
	// Output:
	// v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=
}

// A handler test needs no provider: SignedRequest builds the delivery the
// provider would send.
func ExampleSvix_SignedRequest() {
	v, err := verify.NewSvix("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	if err != nil {
		panic(err)
	}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "read error", http.StatusBadRequest)
			return
		}
		if err := v.Verify(r.Header, body); err != nil {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})

	req, err := v.SignedRequest("https://example.com/webhooks", "msg_1", time.Now(), []byte(`{"type":"ping"}`))
	if err != nil {
		panic(err)
	}
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	fmt.Println(rec.Code)
	// Output:
	// 204
}

func ExampleNewDynamic() {
	// GitHub's documented test values; Dynamic uses the same "sha256=<hex>" format.
	v, err := verify.NewDynamic("It's a Secret to Everybody")
	if err != nil {
		panic(err)
	}
	body := []byte("Hello, World!")
	fmt.Println(v.Sign(body))

	h := http.Header{}
	h.Set("x-dynamic-signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
	fmt.Println(v.Verify(h, body))
	// Output:
	// sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17
	// <nil>
}

// During a key rotation the receiver accepts both the new and the old secret.
func ExampleWithAdditionalSecrets() {
	oldSecret := "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"
	newSecret := "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	receiver, err := verify.NewSvix(newSecret, verify.WithAdditionalSecrets(oldSecret))
	if err != nil {
		panic(err)
	}
	oldSender, err := verify.NewSvix(oldSecret)
	if err != nil {
		panic(err)
	}
	body := []byte(`{"type":"ping"}`)
	fmt.Println(receiver.Verify(oldSender.SignedHeader("msg_1", time.Now(), body), body))
	// Output:
	// <nil>
}

// Failures are classified with errors.Is, for example to choose a status
// code or a log level.
func Example_errorHandling() {
	v, err := verify.NewSvix("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", exampleClock)
	if err != nil {
		panic(err)
	}
	body := []byte(`{"test": 2432232314}`)
	signedAt := func(ts time.Time) http.Header { return v.SignedHeader("msg_1", ts, body) }
	requests := []http.Header{
		{},
		{"Svix-Id": {"msg_1"}, "Svix-Timestamp": {"yesterday"}, "Svix-Signature": {"v1,x"}},
		signedAt(time.Unix(1614265330-3600, 0)),
		signedAt(time.Unix(1614265330+3600, 0)),
		{"Svix-Id": {"msg_1"}, "Svix-Timestamp": {"1614265330"}, "Svix-Signature": {"v1,forged"}},
		signedAt(time.Unix(1614265330, 0)),
	}
	for _, h := range requests {
		err := v.Verify(h, body)
		switch {
		case err == nil:
			fmt.Println("ok")
		case errors.Is(err, verify.ErrMissingHeaders), errors.Is(err, verify.ErrInvalidHeaders):
			fmt.Println("malformed request:", err)
		case errors.Is(err, verify.ErrTimestampTooOld), errors.Is(err, verify.ErrTimestampTooNew):
			fmt.Println("outside the replay window:", err)
		case errors.Is(err, verify.ErrNoMatchingSignature):
			fmt.Println("forged or wrong secret")
		}
	}
	// Output:
	// malformed request: verify: missing required headers: no svix-* or webhook-* signature headers are set
	// malformed request: verify: invalid signature headers: header svix-timestamp "yesterday" is not a decimal Unix time
	// outside the replay window: verify: message timestamp too old: timestamp 1614261730 is 1h0m0s before the verifier's clock (tolerance 5m0s)
	// outside the replay window: verify: message timestamp too new: timestamp 1614268930 is 1h0m0s after the verifier's clock (tolerance 5m0s)
	// forged or wrong secret
	// ok
}
