package redisqueue

import (
	"errors"
	"net/http"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/redis/go-redis/v9"

	"github.com/typedhooks/typedhooks/internal/eventtest"
	"github.com/typedhooks/typedhooks/verify"
)

// asRedisReturns turns the values XADD was given into the field map a
// worker reads back: Redis stores every value as a string.
func asRedisReturns(tb testing.TB, values []any) map[string]any {
	tb.Helper()
	m := make(map[string]any, len(values)/2)
	for i := 0; i+1 < len(values); i += 2 {
		k := values[i].(string)
		switch v := values[i+1].(type) {
		case string:
			m[k] = v
		case []byte:
			m[k] = string(v)
		default:
			tb.Fatalf("field %s: value of type %T", k, v)
		}
	}
	return m
}

func fuzzQueue(tb testing.TB) *Queue {
	tb.Helper()
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"}) // never dialled
	tb.Cleanup(func() { _ = rdb.Close() })
	sv, err := verify.NewSvix("whsec_" + "bWFkZS11cCBmdXp6IHNlY3JldA==")
	if err != nil {
		tb.Fatal(err)
	}
	q, err := New(rdb, "fuzz", sv, eventtest.ParseMadeUp, WithHeaders("X-Extra"))
	if err != nil {
		tb.Fatal(err)
	}
	return q
}

// What ingest stores is what a worker reads back: the body byte for byte,
// the kept headers (and no other), the verified id, timestamp and type,
// and the receive time to the millisecond; the header handed to the
// dispatcher carries the verified id, never a stored identity header.
func FuzzEntry_RoundTrip(f *testing.F) {
	f.Add([]byte(`{"type":"order.paid","data":{"id":"ord_1"}}`), "X-Extra", "v", "Svix-Id", "msg_forged", "msg_1", "1614265330", "order.paid", int64(1_700_000_000_123), 1)
	f.Add([]byte{0, 0xff, '"'}, "User-Agent", "Svix-Webhooks/1.0", "X-Other", "dropped", "", "", "", int64(0), 3)
	f.Add([]byte(nil), "Webhook-Id", "wh_forged", "Content-Type", "application/json", "sha256:ab", "", "unknown", int64(-5), 12)
	q := fuzzQueue(f)
	f.Fuzz(func(t *testing.T, body []byte, name1, value1, name2, value2, id, ts, eventType string, receivedMs int64, attempt int) {
		h := http.Header{}
		h.Add(name1, value1)
		h.Add(name2, value2)
		received := time.UnixMilli(receivedMs % (1 << 50))
		values, err := q.entryValues(h, body, id, ts, eventType, received)
		if err != nil {
			t.Fatal(err)
		}
		s, err := decodeEntry(asRedisReturns(t, values))
		if err != nil {
			t.Fatalf("decodeEntry of what ingest wrote: %v", err)
		}
		if string(s.body) != string(body) {
			t.Fatalf("body %q, want %q", s.body, body)
		}
		if s.id != id || s.timestamp != ts || s.eventType != eventType {
			t.Fatalf("id/ts/type %q %q %q, want %q %q %q", s.id, s.timestamp, s.eventType, id, ts, eventType)
		}
		if !s.received.Equal(received) {
			t.Fatalf("received %v, want %v", s.received, received)
		}
		for name, vs := range h {
			got, kept := s.header[name]
			if kept != q.keep[name] {
				t.Fatalf("header %q kept=%v, want %v", name, kept, q.keep[name])
			}
			if !kept {
				continue
			}
			for i, v := range vs {
				// JSON carries text: a value that is not UTF-8 comes back
				// with replacement characters (no scheme signs headers).
				if utf8.ValidString(v) && got[i] != v {
					t.Fatalf("header %q value %q, want %q", name, got[i], v)
				}
			}
		}
		dh := s.dispatchHeader(attempt)
		switch {
		case id != "" && dh.Get(verify.HeaderSvixID) != id:
			t.Fatalf("dispatch header id %q, want the verified %q", dh.Get(verify.HeaderSvixID), id)
		case id == "" && dh.Get(verify.HeaderSvixID) != "":
			t.Fatalf("dispatch header id %q from a stored header", dh.Get(verify.HeaderSvixID))
		case dh.Get(verify.HeaderWebhookID) != "" || dh.Get(verify.HeaderWebhookTimestamp) != "":
			t.Fatal("a stored webhook-* identity header reached the dispatcher")
		}
	})
}

// Whatever a stream entry holds (a bug, an operator's XADD, a newer
// version), decodeEntry either decodes it or reports errCorrupt, which
// sends it to the dead letters; it never panics.
func FuzzDecodeEntry_AnyFields(f *testing.F) {
	f.Add("1", "{}", `{"Svix-Id":["a"]}`, "msg_1", "1", "t", "17", true)
	f.Add("2", "", "", "", "", "", "x", false)
	f.Add("1", "b", `{"A":[1]}`, "", "", "", "", true)
	f.Add("1", "b", "null", "", "", "", "-1", true)
	f.Fuzz(func(t *testing.T, version, body, header, id, ts, eventType, received string, withBody bool) {
		m := map[string]any{fieldVersion: version, fieldHeader: header, fieldID: id, fieldTime: ts, fieldType: eventType, fieldReceived: received}
		if withBody {
			m[fieldBody] = body
		}
		s, err := decodeEntry(m)
		if err != nil {
			if !errors.Is(err, errCorrupt) {
				t.Fatalf("error %v does not wrap errCorrupt", err)
			}
			return
		}
		if version != entryVersion || !withBody || string(s.body) != body || s.header == nil {
			t.Fatalf("decoded %+v from version %q, body %v %q", s, version, withBody, body)
		}
		_ = s.dispatchHeader(1)
	})
}
