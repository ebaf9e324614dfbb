// Command quickstart shows typedhooks end to end in one process: it mounts
// one dispatcher per provider on an http.ServeMux, listens on a free
// loopback port, sends itself a signed sample of every provider event it has
// (Crossmint, Crossmint's verifiable credentials, Stytch, Dynamic), prints
// one line per typed event its callbacks receive, and exits with status 0
// only if every sample was delivered once, as a typed event.
//
//	go run ./examples/quickstart
//
// The samples are the bodies the provider packages' own tests use, embedded
// in the module (internal/samples; each provider's SOURCES.md there names the
// documentation page every body comes from). Most are the providers'
// documented examples, copied verbatim. The others are marked in the output:
// "(made-up)" for the three credential events, which Crossmint documents only
// as pseudo-code, and "(reconstructed)" for bodies whose documented example
// is cut off in every reachable copy and was completed from the provider's
// schema (Dynamic's user.created and wallet.linked, Crossmint's
// orders.payment.succeeded). The bodies constructed for the other types
// documented without an example are not sent. The signing secrets are
// random for each run: the quickstart plays both the provider, signing with
// verify's Sign methods, and the receiver.
package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dynamic"
	"github.com/typedhooks/typedhooks/internal/samples"
	"github.com/typedhooks/typedhooks/stytch"
	"github.com/typedhooks/typedhooks/verify"
)

// sampleHeader tells the callbacks which sample a delivery carries, so that
// the quickstart can check each one arrived exactly once. Headers reach the
// callbacks through dispatch.DeliveryFrom.
const sampleHeader = "X-Quickstart-Sample"

// sampleSet is one directory of samples and the endpoint they go to.
// Crossmint delivers its verifiable-credential events to the same endpoint
// as its other events, so crossmint.Parse decodes both.
type sampleSet struct {
	dir      string // the provider directory in internal/samples; also the provider name printed
	endpoint string
	parse    func([]byte) (typedhooks.Event, error) // what the receiver will decode it with
	// madeUp includes the bodies constructed for types documented without
	// an example (names starting "madeup_"); the quickstart sends only the
	// documented examples, except for the credential events, which
	// Crossmint documents without any.
	madeUp bool
}

var sampleSets = []sampleSet{
	{"crossmint", "crossmint", crossmint.Parse, false},
	{"credentials", "crossmint", crossmint.Parse, true},
	{"stytch", "stytch", stytch.Parse, false},
	{"dynamic", "dynamic", dynamic.Parse, false},
}

// names returns the file names of the set's samples.
func (s sampleSet) names() []string {
	var names []string
	for _, name := range samples.Names(s.dir) {
		if s.madeUp || !strings.HasPrefix(name, "madeup_") {
			names = append(names, name)
		}
	}
	return names
}

// line is how the quickstart prints a received event: the provider, the
// event type, the Go type, and a mark for a sample that is not the
// provider's documented example (see provenance).
func line(sample string, ev typedhooks.Event) string {
	l := fmt.Sprintf("%-11s %-42s %T", path.Dir(sample), ev.EventType(), ev)
	if p := provenance(path.Base(sample)); p != "" {
		l += " " + p
	}
	return l
}

// provenance marks a sample that is not a provider's documented example,
// as its file name says.
func provenance(name string) string {
	switch {
	case strings.HasPrefix(name, "madeup_"):
		return "(made-up)"
	case strings.HasPrefix(name, "reconstructed_"):
		return "(reconstructed)"
	}
	return ""
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// receiver collects what the callbacks saw, keyed by sample.
type receiver struct {
	mu    sync.Mutex
	out   io.Writer
	seen  map[string][]typedhooks.Event
	write error
}

func (r *receiver) record(ctx context.Context, ev typedhooks.Event) error {
	del, ok := dispatch.DeliveryFrom(ctx)
	if !ok {
		return errors.New("no delivery in the callback's context")
	}
	sample := del.Header.Get(sampleHeader)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seen[sample] = append(r.seen[sample], ev)
	if _, err := fmt.Fprintln(r.out, line(sample, ev)); err != nil && r.write == nil {
		r.write = err
	}
	return nil
}

// run is the whole quickstart; main only adds signal handling and the exit
// status, so that tests drive exactly this.
func run(ctx context.Context, out io.Writer) error {
	svixSecret, dynamicSecret := newSvixSecret(), rand.Text()
	svix, err := verify.NewSvix(svixSecret)
	if err != nil {
		return err
	}
	dyn, err := verify.NewDynamic(dynamicSecret)
	if err != nil {
		return err
	}

	// The receiving side: one dispatcher per provider endpoint.
	rec := &receiver{out: out, seen: map[string][]typedhooks.Event{}}
	quiet := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	options := func(namespace string) []dispatch.Option {
		return []dispatch.Option{
			dispatch.WithNamespace(namespace),
			dispatch.WithLogger(quiet),
			// Events without a typed callback reach the fallback; here it
			// records them too.
			dispatch.WithFallback(rec.record),
		}
	}
	dispatchers := map[string]*dispatch.Dispatcher{
		"crossmint": dispatch.New(svix, crossmint.Parse, options("crossmint")...),
		"stytch":    dispatch.New(svix, stytch.Parse, options("stytch")...),
		"dynamic":   dispatch.New(dyn, dynamic.Parse, options("dynamic")...),
	}
	// A typed callback: no type assertion, the fields are right there.
	err = dispatch.On(dispatchers["crossmint"], func(ctx context.Context, e *crossmint.NFTCreateSucceeded) error {
		return rec.record(ctx, e)
	})
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	for name, d := range dispatchers {
		mux.Handle("POST /webhooks/"+name, d)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer func() {
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdownCtx)
	}()
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(out, "listening on %s\n", base)

	// The sending side: every sample, signed as its provider signs.
	var failures []string
	sent, notDocumented := 0, 0
	for _, set := range sampleSets {
		for _, name := range set.names() {
			body, err := samples.Read(set.dir, name)
			if err != nil {
				return err
			}
			sample := set.dir + "/" + name
			sent++
			if provenance(name) != "" {
				notDocumented++
			}
			var req *http.Request
			url := base + "/webhooks/" + set.endpoint
			if set.endpoint == "dynamic" {
				req, err = dyn.SignedRequest(url, body)
			} else {
				req, err = svix.SignedRequest(url, fmt.Sprintf("msg_quickstart_%03d", sent), time.Now(), body)
			}
			if err != nil {
				return err
			}
			req = req.WithContext(ctx)
			req.Header.Set(sampleHeader, sample)
			if problem := deliver(req, rec, sample); problem != "" {
				failures = append(failures, sample+": "+problem)
			}
		}
	}
	rec.mu.Lock()
	writeErr := rec.write
	rec.mu.Unlock()
	if writeErr != nil {
		return fmt.Errorf("writing output: %w", writeErr)
	}
	if len(failures) > 0 {
		return fmt.Errorf("%d of %d samples not delivered as typed events:\n  %s", len(failures), sent, strings.Join(failures, "\n  "))
	}
	fmt.Fprintf(out, "all %d samples delivered as typed events (%d of them not documented examples, marked)\n", sent, notDocumented)
	return nil
}

// deliver posts req and checks that its sample reached a callback exactly
// once, as a typed event; it returns what went wrong, or "".
func deliver(req *http.Request, rec *receiver, sample string) string {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err.Error()
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "status " + resp.Status
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	got := rec.seen[sample]
	switch {
	case len(got) != 1:
		return fmt.Sprintf("received %d times", len(got))
	case isUnknown(got[0]):
		return fmt.Sprintf("type %q has no Go type in its provider package", got[0].EventType())
	}
	return ""
}

func isUnknown(ev typedhooks.Event) bool {
	_, ok := ev.(*typedhooks.Unknown)
	return ok
}

// newSvixSecret returns a random secret in the form the Svix dashboards
// show: "whsec_" and the base64 of 24 random bytes.
func newSvixSecret() string {
	key := make([]byte, 24)
	_, _ = rand.Read(key) // never fails (crypto/rand documents it)
	return "whsec_" + base64.StdEncoding.EncodeToString(key)
}
