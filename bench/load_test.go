//go:build load

package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dispatch"
)

// Load test parameters. LOAD_DURATION bounds the time spent starting new
// deliveries; maxDeliveries bounds their number so that a fast machine does
// not grow the test without limit.
const (
	senders         = 16
	maxDeliveries   = 20000
	maxAttempts     = 20
	failEvery       = 5 // every 5th delivery's first attempt fails in the callback
	duplicateEvery  = 7 // every 7th delivery is sent again after its 2xx
	concurrentEvery = 11
)

// ledger is what the receiving side saw, per delivery id.
type ledger struct {
	mu       sync.Mutex
	attempts map[string]int // callback invocations
	handled  map[string]int // callback invocations that succeeded
}

func (l *ledger) call(id string) (attempt int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.attempts[id]++
	return l.attempts[id]
}

func (l *ledger) succeed(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.handled[id]++
}

var errTransient = errors.New("made-up transient failure")

// TestLoad_EveryAcknowledgedDeliveryHandledOnce runs the Crossmint dispatcher
// (real MemoryStore) behind a real http.Server and posts signed deliveries
// from many goroutines, retrying like Svix does on any non-2xx answer. Some
// deliveries fail in the callback on their first attempt, some are sent
// again after being acknowledged, some are sent twice at the same time. At
// the end every delivery must have been acknowledged and its callback must
// have succeeded exactly once.
func TestLoad_EveryAcknowledgedDeliveryHandledOnce(t *testing.T) {
	duration := 5 * time.Second
	if s := os.Getenv("LOAD_DURATION"); s != "" {
		d, err := time.ParseDuration(s)
		require.NoError(t, err, "LOAD_DURATION")
		duration = d
	}
	fixture := readFixture(t, crossmintFixture)
	// Each delivery is another mint: Crossmint action events are
	// de-duplicated on their action id and type, so delivery n gets action
	// id act_n (and svix-id msg_n) from a copy of the fixture.
	require.True(t, bytes.Contains(fixture, []byte(fixtureActionID)), "the fixture's actionId changed")
	bodyOf := func(n int) []byte {
		return bytes.Replace(fixture, []byte(fixtureActionID), fmt.Appendf(nil, "act_%d", n), 1)
	}
	signer := newSvixVerifier(t)

	book := &ledger{attempts: map[string]int{}, handled: map[string]int{}}
	var duplicates, conflicts atomic.Int64
	d := dispatch.New(newSvixVerifier(t), crossmint.Parse,
		dispatch.WithNamespace("crossmint"),
		dispatch.WithRetryAfter(time.Millisecond),
		// The made-up transient failures are expected; keep the output readable.
		dispatch.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))),
		dispatch.WithObserver(func(o dispatch.Outcome) {
			if o.Duplicate {
				duplicates.Add(1)
			}
			if o.Status == http.StatusConflict {
				conflicts.Add(1)
			}
		}))
	require.NoError(t, dispatch.On(d, func(ctx context.Context, e *crossmint.NFTCreateSucceeded) error {
		delivery, ok := dispatch.DeliveryFrom(ctx)
		if !ok || delivery.TransportID == "" {
			return errors.New("no delivery id in context")
		}
		var n int
		if _, err := fmt.Sscanf(delivery.TransportID, "msg_%d", &n); err != nil {
			return err
		}
		if delivery.ID != fmt.Sprintf("action:act_%d:%s", n, crossmint.TypeNFTCreateSucceeded) {
			return fmt.Errorf("delivery %s keyed %q, not on its action", delivery.TransportID, delivery.ID)
		}
		if book.call(delivery.TransportID) == 1 && n%failEvery == 0 {
			return errTransient
		}
		book.succeed(delivery.TransportID)
		return nil
	}))

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := &http.Server{Handler: d, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() {
		// Generous: on a loaded 2-core machine under -race the last
		// requests can take seconds; a handler that hangs still fails.
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		assert.NoError(t, srv.Shutdown(ctx))
	})
	url := "http://" + ln.Addr().String() + "/webhooks/crossmint"
	client := &http.Client{
		Timeout:   10 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: senders, MaxConnsPerHost: senders * 2},
	}

	// deliver posts delivery n until a 2xx answer or maxAttempts, and
	// reports whether it was acknowledged. Each attempt is signed anew, as
	// Svix does, so the signing time stays fresh.
	deliver := func(n int) (bool, error) {
		id := fmt.Sprintf("msg_%d", n)
		body := bodyOf(n)
		for attempt := 1; attempt <= maxAttempts; attempt++ {
			req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
			if err != nil {
				return false, err
			}
			req.Header = signer.SignedHeader(id, time.Now(), body)
			resp, err := client.Do(req)
			if err != nil {
				return false, err
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			switch {
			case resp.StatusCode >= 200 && resp.StatusCode < 300:
				return true, nil
			case resp.StatusCode == http.StatusInternalServerError, resp.StatusCode == http.StatusConflict,
				resp.StatusCode == http.StatusServiceUnavailable:
				time.Sleep(time.Millisecond)
			default:
				return false, fmt.Errorf("%s: unexpected status %d", id, resp.StatusCode)
			}
		}
		return false, fmt.Errorf("%s: not acknowledged after %d attempts", id, maxAttempts)
	}

	var (
		next      atomic.Int64
		acked     sync.Map // id -> true
		failures  = make(chan error, senders*4)
		started   atomic.Int64
		deadline  = time.Now().Add(duration)
		wg        sync.WaitGroup
		ackAndLog = func(n int) {
			ok, err := deliver(n)
			if err != nil {
				select {
				case failures <- err:
				default:
				}
				return
			}
			if ok {
				acked.Store(fmt.Sprintf("msg_%d", n), true)
			}
		}
	)
	for range senders {
		wg.Go(func() {
			for time.Now().Before(deadline) {
				n := int(next.Add(1))
				if n > maxDeliveries {
					return
				}
				started.Add(1)
				if n%concurrentEvery == 0 {
					// The same delivery twice at once: one runs the
					// callback, the other gets 409 or 200 and retries.
					var pair sync.WaitGroup
					pair.Go(func() { ackAndLog(n) })
					ackAndLog(n)
					pair.Wait()
				} else {
					ackAndLog(n)
				}
				if n%duplicateEvery == 0 {
					ackAndLog(n) // a redelivery of an acknowledged message
				}
			}
		})
	}
	wg.Wait()
	close(failures)
	for err := range failures {
		t.Error(err)
	}

	total := int(started.Load())
	require.Positive(t, total)
	book.mu.Lock()
	defer book.mu.Unlock()
	lost, doubled := 0, 0
	for n := 1; n <= total; n++ {
		id := fmt.Sprintf("msg_%d", n)
		if _, ok := acked.Load(id); !ok {
			lost++
			continue
		}
		if book.handled[id] != 1 {
			doubled++
			t.Errorf("%s acknowledged but handled %d times", id, book.handled[id])
		}
	}
	assert.Zero(t, lost, "deliveries never acknowledged")
	assert.Zero(t, doubled, "acknowledged deliveries not handled exactly once")
	assert.Len(t, book.handled, total, "no callback ran for an id that was never sent")
	transient := 0
	for id, n := range book.attempts {
		if n > book.handled[id] {
			transient++
		}
	}
	assert.Positive(t, transient, "some callbacks failed and were retried")
	assert.Positive(t, duplicates.Load(), "duplicates were acknowledged without running the callback")
	t.Logf("%d deliveries in %v (%d senders): %d with a transient failure, %d duplicates answered, %d concurrent claims answered 409; every 2xx handled exactly once",
		total, duration, senders, transient, duplicates.Load(), conflicts.Load())
}
