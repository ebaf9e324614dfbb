// Command server is a production-shaped webhook endpoint for Crossmint
// (including its verifiable-credential events), Stytch and Dynamic.
//
// Each provider's endpoint is mounted when its signing secret is set:
//
//	CROSSMINT_WEBHOOK_SECRET  whsec_... (Crossmint console, endpoint details)  -> POST /webhooks/crossmint
//	STYTCH_WEBHOOK_SECRET     whsec_... (Stytch dashboard, webhook details)     -> POST /webhooks/stytch
//	DYNAMIC_WEBHOOK_SECRET    the webhook's secret (Dynamic dashboard)          -> POST /webhooks/dynamic
//
// Run it with
//
//	go run ./examples/server -addr :8080
//
// It logs every event it receives as JSON on standard error, answers the
// providers as package dispatch documents, has timeouts on every phase of a
// request, and shuts down gracefully on SIGINT or SIGTERM (requests in
// progress finish first).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dynamic"
	"github.com/typedhooks/typedhooks/stytch"
	"github.com/typedhooks/typedhooks/verify"
)

// config holds the signing secrets; an empty secret leaves its provider's
// endpoint unmounted.
type config struct {
	CrossmintSecret string
	StytchSecret    string
	DynamicSecret   string
}

// configFromEnv reads the secrets through getenv (os.Getenv in main).
func configFromEnv(getenv func(string) string) (config, error) {
	cfg := config{
		CrossmintSecret: getenv("CROSSMINT_WEBHOOK_SECRET"),
		StytchSecret:    getenv("STYTCH_WEBHOOK_SECRET"),
		DynamicSecret:   getenv("DYNAMIC_WEBHOOK_SECRET"),
	}
	if cfg == (config{}) {
		return cfg, errors.New("no provider configured: set CROSSMINT_WEBHOOK_SECRET, STYTCH_WEBHOOK_SECRET and/or DYNAMIC_WEBHOOK_SECRET")
	}
	return cfg, nil
}

// endpoint is one provider's mount: its path, verifier and parser.
type endpoint struct {
	name     string
	secret   string
	verifier func(secret string) (dispatch.Verifier, error)
	parse    func([]byte) (typedhooks.Event, error)
	register func(*dispatch.Dispatcher, *slog.Logger) error // typed callbacks, if any
}

func svixVerifier(secret string) (dispatch.Verifier, error)    { return verify.NewSvix(secret) }
func dynamicVerifier(secret string) (dispatch.Verifier, error) { return verify.NewDynamic(secret) }

// newMux mounts one dispatcher per configured provider, plus GET /healthz.
func newMux(cfg config, logger *slog.Logger) (*http.ServeMux, error) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	endpoints := []endpoint{
		{"crossmint", cfg.CrossmintSecret, svixVerifier, crossmint.Parse, registerCrossmint},
		{"stytch", cfg.StytchSecret, svixVerifier, stytch.Parse, nil},
		{"dynamic", cfg.DynamicSecret, dynamicVerifier, dynamic.Parse, nil},
	}
	for _, ep := range endpoints {
		if ep.secret == "" {
			continue
		}
		v, err := ep.verifier(ep.secret)
		if err != nil {
			return nil, fmt.Errorf("%s secret: %w", ep.name, err)
		}
		d := dispatch.New(v, ep.parse,
			dispatch.WithNamespace(ep.name),
			dispatch.WithLogger(logger.With("provider", ep.name)),
			dispatch.WithFallback(logEvent(logger, ep.name)))
		if ep.register != nil {
			if err := ep.register(d, logger); err != nil {
				return nil, err
			}
		}
		mux.Handle("POST /webhooks/"+ep.name, d)
	}
	return mux, nil
}

// registerCrossmint adds the application's typed Crossmint callbacks (dispatch.On
// refuses a type the dispatcher's provider never sends). A real service
// would do its work here (and return an error to have the provider retry).
func registerCrossmint(d *dispatch.Dispatcher, logger *slog.Logger) error {
	return dispatch.On(d, func(ctx context.Context, e *crossmint.NFTCreateSucceeded) error {
		del, _ := dispatch.DeliveryFrom(ctx)
		logger.InfoContext(ctx, "NFT minted", "delivery_id", del.ID, "action_id", e.ActionID, "chain", e.Data.Chain)
		return nil
	})
}

// logEvent is the fallback: every event without a typed callback is logged
// and acknowledged.
func logEvent(logger *slog.Logger, provider string) dispatch.Callback {
	return func(ctx context.Context, ev typedhooks.Event) error {
		del, _ := dispatch.DeliveryFrom(ctx)
		logger.InfoContext(ctx, "webhook event", "provider", provider, "event_type", ev.EventType(),
			"go_type", fmt.Sprintf("%T", ev), "delivery_id", del.ID, "redelivery", del.Redelivery)
		return nil
	}
}

// newServer wraps handler in a server with a timeout on every phase: slow
// or stalled clients cannot hold connections open.
func newServer(handler http.Handler) *http.Server {
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		// Providers wait 15 s for an answer (Svix); past that the attempt
		// counts as failed anyway.
		WriteTimeout: 20 * time.Second,
		IdleTimeout:  60 * time.Second,
	}
}

// serve runs the server on ln until ctx is cancelled, then shuts it down
// gracefully: requests in progress get up to grace to finish.
func serve(ctx context.Context, ln net.Listener, handler http.Handler, grace time.Duration) error {
	srv := newServer(handler)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	logger := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	if err := run(*addr, logger); err != nil {
		logger.Error("server failed", "error", err)
		os.Exit(1)
	}
}

func run(addr string, logger *slog.Logger) error {
	cfg, err := configFromEnv(os.Getenv)
	if err != nil {
		return err
	}
	mux, err := newMux(cfg, logger)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger.Info("listening", "addr", ln.Addr().String())
	return serve(ctx, ln, mux, 15*time.Second)
}
