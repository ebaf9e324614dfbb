package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/verify"
)

func main() {
	router := flag.String("router", "servemux", "router to mount the webhook on: "+strings.Join(routerNames(), ", "))
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()

	if err := serve(*router, *addr, os.Getenv("CROSSMINT_WEBHOOK_SECRET")); err != nil {
		fmt.Fprintln(os.Stderr, "routers:", err)
		os.Exit(1)
	}
}

// newWebhook returns the Crossmint webhook handler that every router
// mounts: a dispatcher that logs each minted NFT.
func newWebhook(secret string, logger *slog.Logger) (*dispatch.Dispatcher, error) {
	sv, err := verify.NewSvix(secret)
	if err != nil {
		return nil, fmt.Errorf("CROSSMINT_WEBHOOK_SECRET: %w", err)
	}
	d := dispatch.New(sv, crossmint.Parse, dispatch.WithNamespace("crossmint"), dispatch.WithLogger(logger))
	err = dispatch.On(d, func(ctx context.Context, e *crossmint.NFTCreateSucceeded) error {
		logger.InfoContext(ctx, "NFT minted", "action_id", e.ActionID, "chain", e.Data.Chain)
		return nil
	})
	return d, err
}

func serve(routerName, addr, secret string) error {
	logger := slog.Default()
	webhook, err := newWebhook(secret, logger)
	if err != nil {
		return err
	}
	handler, err := newRouter(routerName, webhook)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Addr:              addr,
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      20 * time.Second,
		IdleTimeout:       60 * time.Second,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdownCtx)
	}()
	logger.Info("listening", "addr", addr, "router", routerName, "path", webhookPath)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
