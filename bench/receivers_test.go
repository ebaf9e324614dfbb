package bench

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	svix "github.com/svix/svix-webhooks/go"
	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/stytch"
	"github.com/typedhooks/typedhooks/verify"
)

// secret is a made-up Svix endpoint secret ("whsec_" + base64 of the key).
var secret = "whsec_" + base64.StdEncoding.EncodeToString([]byte("made-up benchmark signing key 32"))

func newSvixVerifier(tb testing.TB) *verify.Svix {
	tb.Helper()
	v, err := verify.NewSvix(secret)
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

// bareHMAC is the floor for verification: one HMAC-SHA256 of the bytes a
// Svix signature covers ("<id>.<timestamp>." and the body) with a reused,
// already keyed hash state; no header parsing, no encoding, no comparison.
type bareHMAC struct {
	mac    hash.Hash
	prefix []byte
	sum    [sha256.Size]byte
}

func newBareHMAC(id string, ts time.Time) *bareHMAC {
	return &bareHMAC{
		mac:    hmac.New(sha256.New, []byte("made-up benchmark signing key 32")),
		prefix: []byte(id + "." + strconv.FormatInt(ts.Unix(), 10) + "."),
	}
}

func (h *bareHMAC) sign(body []byte) []byte {
	h.mac.Reset()
	h.mac.Write(h.prefix)
	h.mac.Write(body)
	return h.mac.Sum(h.sum[:0])
}

// parseFuncs are the typed decoders of the providers under test.
var parseFuncs = map[string]func([]byte) (typedhooks.Event, error){
	"crossmint": crossmint.Parse,
	"stytch":    stytch.Parse,
}

// stdlibTargets are the structs encoding/json decodes each provider's
// benchmark body into, the same ones Parse returns.
var stdlibTargets = map[string]func() any{
	"crossmint": func() any { return new(crossmint.NFTCreateSucceeded) },
	"stytch":    func() any { return new(stytch.DirectUserCreate) },
}

// envelope is what a hand-written receiver decodes first to learn the event
// type: Crossmint names it in "type", Stytch in source/object_type/action.
type envelope struct {
	Type       string          `json:"type"`
	Source     string          `json:"source"`
	ObjectType string          `json:"object_type"`
	Action     string          `json:"action"`
	Data       json.RawMessage `json:"data"`
}

func (e *envelope) eventType(provider string) string {
	if provider == "stytch" {
		return strings.ToLower(e.Source + "." + e.ObjectType + "." + e.Action)
	}
	return e.Type
}

// handWritten is the baseline receiver of issue #7, written the way the
// providers' guides suggest: read the body, verify it with the official
// svix library, decode an envelope with encoding/json, then decode the body
// again into the struct for its type and call the handler.
type handWritten struct {
	wh       *svix.Webhook
	provider string
	handled  atomic.Int64
}

func newHandWritten(tb testing.TB, provider string) *handWritten {
	tb.Helper()
	wh, err := svix.NewWebhook(secret)
	if err != nil {
		tb.Fatal(err)
	}
	return &handWritten{wh: wh, provider: provider}
}

func (h *handWritten) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 4<<20))
	if err != nil {
		http.Error(w, "read", http.StatusBadRequest)
		return
	}
	if err := h.wh.Verify(body, r.Header); err != nil {
		http.Error(w, "signature", http.StatusUnauthorized)
		return
	}
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		http.Error(w, "json", http.StatusBadRequest)
		return
	}
	switch t := env.eventType(h.provider); t {
	case crossmint.TypeNFTCreateSucceeded:
		var ev crossmint.NFTCreateSucceeded
		if err := json.Unmarshal(body, &ev); err != nil {
			http.Error(w, "json", http.StatusBadRequest)
			return
		}
		h.handle(&ev)
	case stytch.TypeDirectUserCreate:
		var ev stytch.DirectUserCreate
		if err := json.Unmarshal(body, &ev); err != nil {
			http.Error(w, "json", http.StatusBadRequest)
			return
		}
		h.handle(&ev)
	default:
		http.Error(w, fmt.Sprintf("unexpected type %q", t), http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (h *handWritten) handle(typedhooks.Event) { h.handled.Add(1) }

// typedDispatcher is the typedhooks request path for provider: the Svix
// verifier, the provider's Parse and one typed callback. store replaces the
// default MemoryStore when non-nil.
func typedDispatcher(tb testing.TB, provider string, store dispatch.IdempotencyStore) (*dispatch.Dispatcher, *atomic.Int64) {
	tb.Helper()
	opts := []dispatch.Option{dispatch.WithNamespace(provider), dispatch.WithMaxBodyBytes(4 << 20)}
	if store != nil {
		opts = append(opts, dispatch.WithStore(store))
	}
	d := dispatch.New(newSvixVerifier(tb), parseFuncs[provider], opts...)
	handled := new(atomic.Int64)
	var err error
	switch provider {
	case "crossmint":
		err = dispatch.On(d, func(context.Context, *crossmint.NFTCreateSucceeded) error { handled.Add(1); return nil })
	case "stytch":
		err = dispatch.On(d, func(context.Context, *stytch.DirectUserCreate) error { handled.Add(1); return nil })
	}
	if err != nil {
		tb.Fatal(err)
	}
	return d, handled
}

// alwaysNew is an idempotency store that treats every delivery as new. The
// benchmarks replay one signed request, which the default store would
// rightly answer as a duplicate without running the callback; the
// hand-written baseline does no de-duplication either. The load test uses
// the real MemoryStore.
type alwaysNew struct{}

func (alwaysNew) Claim(context.Context, string) (dispatch.ClaimStatus, string, error) {
	return dispatch.Claimed, "t", nil
}
func (alwaysNew) Complete(context.Context, string, string) error { return nil }
func (alwaysNew) Release(context.Context, string, string) error  { return nil }
