package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	svix "github.com/svix/svix-webhooks/go"

	"github.com/typedhooks/typedhooks/verify"
)

// The three benchmarks below share body=<name>/impl=<name> sub-benchmark
// names so that benchstat can put the implementations side by side
// (benchstat -col /impl). Each one runs its baselines in the same run.

// BenchmarkVerify compares signature checking: a bare HMAC-SHA256 of the
// signed bytes (the floor), typedhooks' verify.Svix and the official svix
// library.
func BenchmarkVerify(b *testing.B) {
	for _, bd := range loadBodies(b) {
		b.Run("body="+bd.name+"/impl=hmac", func(b *testing.B) {
			h := newBareHMAC("msg_bench", time.Now())
			b.SetBytes(int64(len(bd.bytes)))
			b.ReportAllocs()
			for b.Loop() {
				h.sign(bd.bytes)
			}
		})
		b.Run("body="+bd.name+"/impl=typedhooks", func(b *testing.B) {
			v := newSvixVerifier(b)
			header := v.SignedHeader("msg_bench", time.Now(), bd.bytes)
			b.SetBytes(int64(len(bd.bytes)))
			b.ReportAllocs()
			for b.Loop() {
				if err := v.Verify(header, bd.bytes); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("body="+bd.name+"/impl=svix", func(b *testing.B) {
			wh, err := svix.NewWebhook(secret)
			if err != nil {
				b.Fatal(err)
			}
			header := newSvixVerifier(b).SignedHeader("msg_bench", time.Now(), bd.bytes)
			b.SetBytes(int64(len(bd.bytes)))
			b.ReportAllocs()
			for b.Loop() {
				if err := wh.Verify(bd.bytes, header); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParse compares decoding the body into the event's struct:
// encoding/json straight into the struct, encoding/json into an envelope
// and then into the struct (what the hand-written receiver does), and the
// provider's Parse (type located by a top-level scan, then one decode).
func BenchmarkParse(b *testing.B) {
	for _, bd := range loadBodies(b) {
		newTarget := stdlibTargets[bd.provider]
		b.Run("body="+bd.name+"/impl=encoding-json", func(b *testing.B) {
			b.SetBytes(int64(len(bd.bytes)))
			b.ReportAllocs()
			for b.Loop() {
				if err := json.Unmarshal(bd.bytes, newTarget()); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("body="+bd.name+"/impl=encoding-json-envelope", func(b *testing.B) {
			b.SetBytes(int64(len(bd.bytes)))
			b.ReportAllocs()
			for b.Loop() {
				var env envelope
				if err := json.Unmarshal(bd.bytes, &env); err != nil {
					b.Fatal(err)
				}
				if err := json.Unmarshal(bd.bytes, newTarget()); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("body="+bd.name+"/impl=typedhooks", func(b *testing.B) {
			parse := parseFuncs[bd.provider]
			b.SetBytes(int64(len(bd.bytes)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := parse(bd.bytes); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRequest compares the whole request path, from reading the body
// off the request to the typed callback's return: the hand-written receiver
// against the typedhooks dispatcher (see alwaysNew for its store).
func BenchmarkRequest(b *testing.B) {
	for _, bd := range loadBodies(b) {
		b.Run("body="+bd.name+"/impl=handwritten", func(b *testing.B) {
			h := newHandWritten(b, bd.provider)
			benchHandler(b, h, bd.bytes)
			if h.handled.Load() == 0 {
				b.Fatal("the handler never ran")
			}
		})
		b.Run("body="+bd.name+"/impl=typedhooks", func(b *testing.B) {
			d, handled := typedDispatcher(b, bd.provider, alwaysNew{})
			benchHandler(b, d, bd.bytes)
			if handled.Load() == 0 {
				b.Fatal("the callback never ran")
			}
		})
	}
}

// BenchmarkRequestFresh is the whole request path as production runs it:
// the default in-memory de-duplication, and a fresh delivery id (so a fresh
// signature) per request, against the floor, which reads the body and
// computes one HMAC, and the hand-written receiver, given the same requests.
// Every request is a new event too: the Crossmint bodies get a fresh
// actionId each, since the dispatcher keys a Crossmint event on it (with
// one actionId for all, every request after the first would be answered
// as a duplicate without running the callback). The requests are signed
// ahead, in batches, outside the timer.
func BenchmarkRequestFresh(b *testing.B) { benchFreshReceivers(b, benchFreshIDs) }

// benchFreshReceivers runs the floor, the hand-written receiver and the
// typedhooks dispatcher (default store) on every body through send, and
// fails unless each handler ran once per request.
func benchFreshReceivers(b *testing.B, send func(*testing.B, http.Handler, []byte) int64) {
	for _, bd := range loadBodies(b) {
		b.Run("body="+bd.name+"/impl=floor", func(b *testing.B) {
			send(b, &floor{}, bd.bytes)
		})
		b.Run("body="+bd.name+"/impl=handwritten", func(b *testing.B) {
			h := newHandWritten(b, bd.provider)
			if served := send(b, h, bd.bytes); h.handled.Load() != served {
				b.Fatalf("the handler ran %d times for %d requests", h.handled.Load(), served)
			}
		})
		b.Run("body="+bd.name+"/impl=typedhooks", func(b *testing.B) {
			d, handled := typedDispatcher(b, bd.provider, nil)
			if served := send(b, d, bd.bytes); handled.Load() != served {
				b.Fatalf("the callback ran %d times for %d requests", handled.Load(), served)
			}
		})
	}
}

// BenchmarkServeFresh is BenchmarkRequestFresh behind a real net/http
// server on the loopback interface: what a user's process spends per
// webhook, net/http's parsing and the client's work included, for the
// same three receivers. It puts the handler-level ratios of
// BenchmarkRequestFresh into proportion; it does not replace them.
func BenchmarkServeFresh(b *testing.B) { benchFreshReceivers(b, benchServeFresh) }

// floor is the least any verifying receiver does: read the body into a
// reused buffer and compute one HMAC-SHA256 of what the signature covers,
// with an already keyed state; no header parsing, no comparison, no JSON.
// It names the headers in their canonical form, so that looking them up
// allocates nothing.
type floor struct {
	buf bytes.Buffer
	mac *bareHMAC
}

func (f *floor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if f.mac == nil {
		f.mac = newBareHMAC("", time.Time{})
	}
	f.buf.Reset()
	if _, err := f.buf.ReadFrom(r.Body); err != nil {
		http.Error(w, "read", http.StatusBadRequest)
		return
	}
	f.mac.prefix = append(append(append(f.mac.prefix[:0], r.Header.Get("Svix-Id")...), '.'), r.Header.Get("Svix-Timestamp")...)
	f.mac.prefix = append(f.mac.prefix, '.')
	f.mac.sign(f.buf.Bytes())
	w.WriteHeader(http.StatusOK)
}

// fixtureActionID is the actionId of the Crossmint fixture, which every
// Crossmint benchmark body holds once.
const fixtureActionID = "771d7e38-2890-47d7-b733-a1462736b528"

// freshRequests hands out signed requests for one body, each with a new
// delivery id (so a new signature), signed ahead in batches outside the
// timer. A body holding the Crossmint fixture's actionId gets a new one per
// request (its last 12 hex digits count the requests), so that each request
// is a new event; body is rewritten in place before each request.
type freshRequests struct {
	b       *testing.B
	signer  *verify.Svix
	body    []byte
	idAt    int
	headers []http.Header
	ids     [][12]byte
	next, n int
}

const freshBatch = 2048

func newFreshRequests(b *testing.B, body []byte) *freshRequests {
	f := &freshRequests{b: b, signer: newSvixVerifier(b), body: bytes.Clone(body)}
	f.idAt = bytes.Index(f.body, []byte(fixtureActionID))
	if f.idAt >= 0 {
		f.idAt += len(fixtureActionID) - 12
	}
	f.refill()
	return f
}

func (f *freshRequests) refill() {
	f.headers, f.ids, f.next = f.headers[:0], f.ids[:0], 0
	now := time.Now()
	for range freshBatch {
		f.n++
		var id [12]byte
		if f.idAt >= 0 {
			hex := strconv.FormatInt(int64(f.n), 16)
			copy(id[:], "000000000000"[len(hex):]+hex)
			copy(f.body[f.idAt:], id[:])
		}
		f.ids = append(f.ids, id)
		f.headers = append(f.headers, f.signer.SignedHeader("msg_fresh_"+strconv.Itoa(f.n), now, f.body))
	}
}

// take prepares f.body for the next request and returns its headers.
func (f *freshRequests) take() http.Header {
	if f.next == len(f.headers) {
		f.b.StopTimer()
		f.refill()
		f.b.StartTimer()
	}
	if f.idAt >= 0 {
		copy(f.body[f.idAt:], f.ids[f.next][:])
	}
	f.next++
	return f.headers[f.next-1]
}

// benchFreshIDs sends body through h.ServeHTTP with fresh requests (see
// freshRequests), reusing the request and response objects so that only
// the handler's own work is measured, and returns how many it sent.
func benchFreshIDs(b *testing.B, h http.Handler, body []byte) int64 {
	b.Helper()
	fr := newFreshRequests(b, body)
	var reader bytes.Reader
	req := newRequest(b, &reader, fr.body, len(fr.body))
	w := &discardWriter{header: http.Header{}}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	var served int64
	for b.Loop() {
		req.Header = fr.take()
		reader.Reset(fr.body)
		w.status = 0
		clear(w.header)
		h.ServeHTTP(w, req)
		if w.status != 0 && w.status != http.StatusOK {
			b.Fatalf("status %d", w.status)
		}
		served++
	}
	return served
}

// benchServeFresh sends body to h behind a real net/http server on the
// loopback interface, over one kept-alive connection, with fresh requests
// (see freshRequests), and returns how many it sent. The time per request
// includes the client's work and net/http's on both ends, as a webhook
// endpoint's process sees it; every receiver pays the same.
func benchServeFresh(b *testing.B, h http.Handler, body []byte) int64 {
	b.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := srv.Client()
	fr := newFreshRequests(b, body)
	var reader bytes.Reader
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	var served int64
	for b.Loop() {
		hdr := fr.take()
		reader.Reset(fr.body)
		req, err := http.NewRequest(http.MethodPost, srv.URL, &reader)
		if err != nil {
			b.Fatal(err)
		}
		req.Header = hdr
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
		served++
	}
	return served
}

// newRequest returns a reusable POST request whose body is read from
// reader, signed for signed.
func newRequest(tb testing.TB, reader *bytes.Reader, signed []byte, size int) *http.Request {
	tb.Helper()
	// A request that net/http serves carries a cancelable context (it ends
	// when the client goes away) holding the server; http.NewRequest's
	// context.Background() would spare the handler work it does in
	// production, such as detaching the store's writes from cancellation.
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), http.ServerContextKey, &http.Server{}))
	tb.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://127.0.0.1/webhooks", nil)
	if err != nil {
		tb.Fatal(err)
	}
	req.Header = newSvixVerifier(tb).SignedHeader("msg_bench", time.Now(), signed)
	req.Body = io.NopCloser(reader)
	req.ContentLength = int64(size)
	return req
}

// serveSigned sends body, signed as if it were signed, through h once.
func serveSigned(tb testing.TB, h http.Handler, signed, body []byte) *discardWriter {
	tb.Helper()
	reader := bytes.NewReader(body)
	w := &discardWriter{header: http.Header{}}
	h.ServeHTTP(w, newRequest(tb, reader, signed, len(body)))
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w
}

func serveOnce(tb testing.TB, h http.Handler, body []byte) *discardWriter {
	return serveSigned(tb, h, body, body)
}

// benchHandler replays one signed request through h, reusing the request
// and response objects so that only the handler's own work is measured.
func benchHandler(b *testing.B, h http.Handler, body []byte) {
	b.Helper()
	var reader bytes.Reader
	req := newRequest(b, &reader, body, len(body))
	w := &discardWriter{header: http.Header{}}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		reader.Reset(body)
		w.status = 0
		clear(w.header)
		h.ServeHTTP(w, req)
		if w.status != 0 && w.status != http.StatusOK {
			b.Fatalf("status %d", w.status)
		}
	}
}

// discardWriter is a reusable http.ResponseWriter that keeps only the status.
type discardWriter struct {
	header http.Header
	status int
}

func (w *discardWriter) Header() http.Header { return w.header }
func (w *discardWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return len(p), nil
}
func (w *discardWriter) WriteHeader(status int) { w.status = status }
