package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	svix "github.com/svix/svix-webhooks/go"
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
func BenchmarkRequestFresh(b *testing.B) {
	for _, bd := range loadBodies(b) {
		b.Run("body="+bd.name+"/impl=floor", func(b *testing.B) {
			benchFreshIDs(b, &floor{}, bd.bytes)
		})
		b.Run("body="+bd.name+"/impl=handwritten", func(b *testing.B) {
			h := newHandWritten(b, bd.provider)
			if served := benchFreshIDs(b, h, bd.bytes); h.handled.Load() != served {
				b.Fatalf("the handler ran %d times for %d requests", h.handled.Load(), served)
			}
		})
		b.Run("body="+bd.name+"/impl=typedhooks", func(b *testing.B) {
			d, handled := typedDispatcher(b, bd.provider, nil)
			if served := benchFreshIDs(b, d, bd.bytes); handled.Load() != served {
				b.Fatalf("the callback ran %d times for %d requests", handled.Load(), served)
			}
		})
	}
}

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

// benchFreshIDs sends body through h with a new delivery id, and a
// signature for it, on every request, and returns how many it sent. A body
// holding the Crossmint fixture's actionId is sent with a new one each
// time (its last 12 hex digits count the requests), so that each request
// is a new event.
func benchFreshIDs(b *testing.B, h http.Handler, body []byte) int64 {
	b.Helper()
	signer := newSvixVerifier(b)
	body = bytes.Clone(body)
	idAt := bytes.Index(body, []byte(fixtureActionID))
	if idAt >= 0 {
		idAt += len(fixtureActionID) - 12
	}
	var reader bytes.Reader
	req := newRequest(b, &reader, body, len(body))
	w := &discardWriter{header: http.Header{}}
	const batch = 2048
	headers := make([]http.Header, 0, batch)
	ids := make([][12]byte, 0, batch)
	next, n := 0, 0
	refill := func() {
		headers, ids, next = headers[:0], ids[:0], 0
		now := time.Now()
		for range batch {
			n++
			var id [12]byte
			if idAt >= 0 {
				hex := strconv.FormatInt(int64(n), 16)
				copy(id[:], "000000000000"[len(hex):]+hex)
				copy(body[idAt:], id[:])
			}
			ids = append(ids, id)
			headers = append(headers, signer.SignedHeader("msg_fresh_"+strconv.Itoa(n), now, body))
		}
	}
	refill()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	var served int64
	for b.Loop() {
		if next == len(headers) {
			b.StopTimer()
			refill()
			b.StartTimer()
		}
		if idAt >= 0 {
			copy(body[idAt:], ids[next][:])
		}
		req.Header = headers[next]
		next++
		reader.Reset(body)
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
