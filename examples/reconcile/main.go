// Command reconcile shows push and pull working together for Crossmint
// action outcomes, the production pattern for "run this once when the mint
// is confirmed":
//
//   - push: Crossmint's webhooks reach a dispatch.Dispatcher, which verifies
//     them and runs the callback;
//   - pull: a reconciler asks the Action Status API about every action still
//     pending in your records after a grace period, and hands each outcome
//     to the same dispatcher with Deliver;
//   - the dispatcher de-duplicates both on the action's identity (its id and
//     outcome, from the signed body), so the callback runs once whichever
//     way, or both ways, the outcome arrives.
//
// Everything runs on loopback: a fake Crossmint (its Action Status API and
// its webhook sender), the webhook endpoint and the reconciler. Two mints
// are started; the webhook of the first arrives, the webhook of the second
// does not (say your endpoint was down past Svix's retries). The reconciler
// finds the second through the API and runs the callback for it; when the
// second webhook finally arrives it is acknowledged without a second call.
//
//	go run ./examples/reconcile
//
// It exits 0 when every callback ran exactly once, 1 otherwise.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/verify"
)

// The example secret of Svix's "verifying payloads manually" page, and a
// made-up API key; the fake Crossmint knows both.
const (
	webhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	apiKey        = "sk_staging_example_not_a_real_key"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := run(ctx, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "reconcile:", err)
		os.Exit(1)
	}
}

// app is your application: the mints it started and has not seen the
// outcome of, and what it does once an outcome is known.
type app struct {
	out io.Writer

	mu        sync.Mutex
	pending   map[string]time.Time // actionId -> when the mint was started
	delivered map[string]int       // actionId -> times the NFT was handed over
}

// onMinted is the callback: the business logic that must run once per
// mint. Here it "hands the NFT over" and closes the pending record.
func (a *app) onMinted(ctx context.Context, e *crossmint.NFTCreateSucceeded) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	id := string(e.ActionID)
	a.delivered[id]++
	delete(a.pending, id)
	via := "webhook"
	if _, ok := ctx.Value(reconcilerKey{}).(bool); ok {
		via = "reconciler"
	}
	token := ""
	if e.Data.Token != nil {
		token = string(e.Data.Token.TokenID)
	}
	fmt.Fprintf(a.out, "callback: NFT %s of mint %s handed over (via %s)\n", token, id, via)
	return nil
}

// started records a mint as pending.
func (a *app) started(id string, at time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.pending[id] = at
}

// stale lists the actions still pending that were started before cutoff.
func (a *app) stale(cutoff time.Time) []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	var ids []string
	for id, started := range a.pending {
		if started.Before(cutoff) {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

// reconcilerKey marks the context of a delivery made by the reconciler,
// for the example's output only.
type reconcilerKey struct{}

// reconciler pulls the outcome of stale actions and delivers it to the
// dispatcher that serves the webhooks, so that both share de-duplication.
type reconciler struct {
	client *crossmint.Client
	d      *dispatch.Dispatcher
	app    *app
	out    io.Writer
	// grace is how long an action may stay pending before it is looked
	// up: long enough for its webhook to arrive in the common case.
	grace time.Duration
}

// pass looks up every stale action once.
func (r *reconciler) pass(ctx context.Context, now time.Time) error {
	var errs []error
	stale := r.app.stale(now.Add(-r.grace))
	if len(stale) == 0 {
		fmt.Fprintln(r.out, "reconciler: nothing pending")
	}
	for _, id := range stale {
		a, err := r.client.ActionStatus(ctx, id)
		if err != nil {
			errs = append(errs, fmt.Errorf("action %s: %w", id, err))
			continue
		}
		fmt.Fprintf(r.out, "reconciler: action %s is %s\n", id, a.Status)
		ev, err := a.Event()
		if errors.Is(err, crossmint.ErrActionPending) {
			continue // next pass
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("action %s: %w", id, err))
			continue
		}
		// Same dispatcher, same store: if the webhook ran the callback
		// meanwhile, this is a duplicate and nothing runs.
		if err := r.d.Deliver(context.WithValue(ctx, reconcilerKey{}, true), ev); err != nil {
			errs = append(errs, fmt.Errorf("action %s: deliver: %w", id, err))
		}
	}
	return errors.Join(errs...)
}

// env is the whole example: your dispatcher, endpoint, records and
// reconciler, and the fake Crossmint.
type env struct {
	d             *dispatch.Dispatcher
	app           *app
	cm            *fakeCrossmint
	r             *reconciler
	endpoint, api *http.Server
}

func newEnv(out io.Writer) (*env, error) {
	// Your side: the dispatcher behind the webhook endpoint.
	v, err := verify.NewSvix(webhookSecret)
	if err != nil {
		return nil, err
	}
	a := &app{out: out, pending: map[string]time.Time{}, delivered: map[string]int{}}
	d := dispatch.New(v, crossmint.Parse, dispatch.WithNamespace("crossmint"),
		dispatch.WithLogger(slog.New(slog.DiscardHandler)),
		dispatch.WithObserver(func(o dispatch.Outcome) {
			if o.Duplicate {
				fmt.Fprintf(out, "dispatcher: %s already handled, acknowledged without a call\n", o.DeliveryID)
			}
		}))
	if err := dispatch.On(d, a.onMinted); err != nil {
		return nil, err
	}
	e := &env{d: d, app: a, cm: newFakeCrossmint(v)}
	if e.endpoint, err = serve(d); err != nil {
		return nil, err
	}
	// Crossmint's side.
	if e.api, err = serve(e.cm); err != nil {
		e.endpoint.Close()
		return nil, err
	}
	client, err := crossmint.NewClient(apiKey, crossmint.WithBaseURL("http://"+e.api.Addr))
	if err != nil {
		e.Close()
		return nil, err
	}
	e.r = &reconciler{client: client, d: d, app: a, out: out, grace: 30 * time.Second}
	return e, nil
}

// Close stops both servers.
func (e *env) Close() {
	e.endpoint.Close()
	e.api.Close()
}

func run(ctx context.Context, out io.Writer) error {
	e, err := newEnv(out)
	if err != nil {
		return err
	}
	defer e.Close()
	a, cm, r := e.app, e.cm, e.r
	endpoint := e.endpoint

	// Two mints are started (the API call that starts one returns its
	// actionId, which you store as pending).
	start := time.Now()
	mints := []struct{ id, tokenID string }{
		{"0d4b5f3a-6c1e-4f7b-9a2d-8e3c1b5a7f90", "15"},
		{"7e2a9c4b-1d3f-4a6e-8b5c-2f9d0e1a3b46", "16"},
	}
	for _, m := range mints {
		cm.startMint(m.id, m.tokenID)
		a.started(m.id, start.Add(-time.Minute))
		fmt.Fprintf(out, "app: mint %s started\n", m.id)
	}
	for _, m := range mints {
		cm.confirm(m.id)
	}

	// The first mint's webhook arrives; the second one's does not.
	status, err := cm.sendWebhook(ctx, "http://"+endpoint.Addr, mints[0].id, "msg_2first")
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "webhook: mint %s answered %d\n", mints[0].id, status)

	// The reconciler's pass finds the second mint pending in your records
	// and Crossmint reporting it done.
	if err := r.pass(ctx, time.Now()); err != nil {
		return err
	}

	// The second webhook finally arrives (Svix retries, or a manual resend
	// from the console): acknowledged, no second call.
	status, err = cm.sendWebhook(ctx, "http://"+endpoint.Addr, mints[1].id, "msg_2second")
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "webhook: mint %s answered %d\n", mints[1].id, status)

	// A later pass has nothing left to do.
	if err := r.pass(ctx, time.Now()); err != nil {
		return err
	}
	if left := a.stale(time.Now()); len(left) > 0 {
		return fmt.Errorf("still pending: %s", strings.Join(left, ", "))
	}

	a.mu.Lock()
	defer a.mu.Unlock()
	for _, m := range mints {
		if n := a.delivered[m.id]; n != 1 {
			return fmt.Errorf("mint %s: callback ran %d times, want 1", m.id, n)
		}
	}
	fmt.Fprintln(out, "done: every callback ran exactly once")
	return nil
}

// serve serves h on a loopback port until the returned server is closed.
func serve(h http.Handler) (*http.Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Addr: ln.Addr().String(), Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return srv, nil
}
