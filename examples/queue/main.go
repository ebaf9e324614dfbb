// Command queue shows dispatch/redisqueue end to end in one process: an
// HTTP endpoint that verifies Crossmint deliveries and stores them in a
// Redis stream (answering 202 at once), and two workers that run the typed
// callbacks from the stream, with retries and exactly-once de-duplication.
// It sends itself a signed copy of every documented Crossmint sample, one
// of whose callbacks fails on its first attempt to show a retry, prints one
// line per event processed and the queue's statistics, and exits with
// status 0 only if every sample ran once.
//
//	go run ./examples/queue                        # starts a throwaway redis-server found on PATH
//	go run ./examples/queue -redis localhost:6379  # or uses yours (keys under typedhooks:{example-...})
//
// The signing secret is random for each run: the program plays both
// Crossmint, signing with verify.Svix, and the receiver.
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dispatch/redisqueue"
	"github.com/typedhooks/typedhooks/dispatch/redisstore"
	"github.com/typedhooks/typedhooks/internal/samples"
	"github.com/typedhooks/typedhooks/verify"
)

func main() {
	addr := flag.String("redis", "", "address of a Redis server (host:port); empty starts redis-server from PATH on a free loopback port")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *addr, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "queue:", err)
		os.Exit(1)
	}
}

// run is the whole program; out receives the report.
func run(ctx context.Context, redisAddr string, out io.Writer) error {
	out = &lockedWriter{w: out} // callbacks and the observer run on the workers' goroutines
	if redisAddr == "" {
		addr, stop, err := startRedis()
		if err != nil {
			return err
		}
		defer stop()
		redisAddr = addr
	}
	client := redis.NewClient(&redis.Options{Addr: redisAddr, DialTimeout: time.Second, ReadTimeout: 2 * time.Second, WriteTimeout: 2 * time.Second})
	defer client.Close()
	if err := client.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("redis at %s: %w", redisAddr, err)
	}

	secret := "whsec_" + base64.StdEncoding.EncodeToString([]byte(rand.Text()[:24]))
	sv, err := verify.NewSvix(secret)
	if err != nil {
		return err
	}
	// A name of its own per run, so that runs against a shared Redis do not
	// see each other's entries.
	name := "example-" + strings.ToLower(rand.Text()[:8])
	// The one failure is planned: the observer reports it on out instead.
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError + 1}))
	processed := &tally{want: map[string]bool{}, runs: map[string]int{}}

	// Ingest: verify, parse, store, answer 202.
	q, err := redisqueue.New(client, name, sv, crossmint.Parse, redisqueue.WithLogger(logger),
		redisqueue.WithObserver(func(o redisqueue.Outcome) {
			if o.Retry {
				fmt.Fprintf(out, "  %-15s %-36s attempt %d failed (%v); retried later\n", o.DeliveryID, o.EventType, o.Attempt, o.Err)
			}
		}))
	if err != nil {
		return err
	}
	defer client.Del(context.WithoutCancel(ctx), q.Stream(), q.DeadLetterStream())

	// Work: a dispatcher as usual, but unverified (the queue verified at
	// ingest) and de-duplicating through Redis, shared by both workers.
	d := dispatch.New(dispatch.Unverified(), crossmint.Parse,
		dispatch.WithNamespace(name),
		dispatch.WithStore(redisstore.New(client, redisstore.WithKeyPrefix("typedhooks:"+name+":"))),
		dispatch.WithAttemptHeader(redisqueue.AttemptHeader),
		dispatch.WithLogger(logger),
		dispatch.WithFallback(func(ctx context.Context, ev typedhooks.Event) error {
			return processed.record(ctx, out, ev)
		}))
	var failedOnce sync.Once
	if err := dispatch.On(d, func(ctx context.Context, e *crossmint.NFTCreateSucceeded) error {
		var fail bool
		failedOnce.Do(func() { fail = true })
		if fail {
			return errors.New("the mint ledger is busy") // a transient failure: the queue retries
		}
		return processed.record(ctx, out, e)
	}); err != nil {
		return err
	}

	mux := http.NewServeMux()
	mux.Handle("POST /webhooks/crossmint", q)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	url := "http://" + ln.Addr().String() + "/webhooks/crossmint"

	// Play Crossmint: send every sample, signed.
	names := samples.Names("crossmint")
	for i, n := range names {
		body, err := samples.Read("crossmint", n)
		if err != nil {
			return err
		}
		id := "msg_sample_" + strconv.Itoa(i)
		req, err := sv.SignedRequest(url, id, time.Now(), body)
		if err != nil {
			return err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusAccepted {
			return fmt.Errorf("sample %s: ingest answered %d", n, resp.StatusCode)
		}
		processed.expect(id)
	}
	fmt.Fprintf(out, "stored %d deliveries (each answered 202); two workers run them:\n", len(names))

	workCtx, stopWorkers := context.WithCancel(ctx)
	var workers sync.WaitGroup
	for i := range 2 {
		w, err := q.NewWorker(d, redisqueue.WithConsumer(fmt.Sprintf("worker-%d", i+1)),
			redisqueue.WithBackoff(200*time.Millisecond, 2*time.Second),
			redisqueue.WithPollInterval(100*time.Millisecond))
		if err != nil {
			stopWorkers()
			return err
		}
		workers.Go(func() { _ = w.Run(workCtx) })
	}
	defer func() { stopWorkers(); workers.Wait() }()

	deadline := time.After(30 * time.Second)
	for !processed.complete() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-deadline:
			return fmt.Errorf("only %d of %d deliveries ran within 30s", processed.count(), len(names))
		case <-time.After(20 * time.Millisecond):
		}
	}
	var s redisqueue.Stats
	for {
		if s, err = q.Stats(ctx); err != nil {
			return err
		}
		if s.Length == 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	fmt.Fprintf(out, "queue %s: length %d, pending %d, dead letters %d\n", s.Queue, s.Length, s.Pending, s.DeadLetters)
	return processed.check()
}

// lockedWriter serialises writes to w.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// tally records which delivery ids ran, to check each ran once.
type tally struct {
	mu   sync.Mutex
	want map[string]bool
	runs map[string]int
}

func (t *tally) expect(id string) {
	t.mu.Lock()
	t.want[id] = true
	t.mu.Unlock()
}

func (t *tally) record(ctx context.Context, out io.Writer, ev typedhooks.Event) error {
	del, _ := dispatch.DeliveryFrom(ctx)
	en, _ := redisqueue.EntryFrom(ctx)
	t.mu.Lock()
	defer t.mu.Unlock()
	t.runs[del.TransportID]++
	fmt.Fprintf(out, "  %-15s %-36s attempt %d  %T\n", del.TransportID, ev.EventType(), en.Attempt, ev)
	return nil
}

func (t *tally) count() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.runs)
}

func (t *tally) complete() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	for id := range t.want {
		if t.runs[id] == 0 {
			return false
		}
	}
	return true
}

func (t *tally) check() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	for id := range t.want {
		if n := t.runs[id]; n != 1 {
			return fmt.Errorf("delivery %s ran %d times", id, n)
		}
	}
	return nil
}

// startRedis starts redis-server from PATH on a free loopback port, with
// its files in a temporary directory, and returns its address and a
// function that stops it.
func startRedis() (addr string, stop func(), err error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return "", nil, errors.New("redis-server is not on PATH: install it (apt-get install redis-server) or pass -redis host:port")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	dir, err := os.MkdirTemp("", "typedhooks-queue-example-")
	if err != nil {
		return "", nil, err
	}
	var log bytes.Buffer
	cmd := exec.Command(bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "",
		"--appendonly", "yes", "--appendfsync", "always", "--dir", dir)
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	stop = func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		os.RemoveAll(dir)
	}
	addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
	defer c.Close()
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		if c.Ping(context.Background()).Err() == nil {
			return addr, stop, nil
		}
		if time.Since(start) > 10*time.Second {
			stop()
			return "", nil, fmt.Errorf("redis-server did not start: %s", log.String())
		}
	}
}
