package redisqueue_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// redisServer is a redis-server process owned by one test, listening on a
// loopback port. Tests stop and restart it to simulate an outage.
type redisServer struct {
	t    testing.TB
	bin  string
	dir  string
	port int
	aof  bool // appendonly yes, appendfsync always: data survives a kill

	mu     sync.Mutex
	cmd    *exec.Cmd
	exited chan struct{}
	output *bytes.Buffer
}

// startRedis starts a fresh redis-server for t and kills it when t ends.
// Without the binary the test is skipped, unless TYPEDHOOKS_REQUIRE_REDIS=1
// is set (CI sets it), so that CI can never pass by skipping.
func startRedis(t testing.TB) *redisServer { t.Helper(); return startRedisWith(t, false) }

// startRedisAOF starts a server that writes every change to its append-only
// file before answering, so that a restart after a kill keeps every write
// it acknowledged.
func startRedisAOF(t testing.TB) *redisServer { t.Helper(); return startRedisWith(t, true) }

func startRedisWith(t testing.TB, aof bool) *redisServer {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		const msg = "redis-server not found in PATH; install it (apt-get install redis-server) to run the Redis tests"
		if os.Getenv("TYPEDHOOKS_REQUIRE_REDIS") == "1" {
			t.Fatal(msg + " (required because TYPEDHOOKS_REQUIRE_REDIS=1 is set)")
		}
		t.Skip(msg)
	}
	s := &redisServer{t: t, bin: bin, dir: t.TempDir(), aof: aof}
	t.Cleanup(s.Stop)
	// Another process may take the free port between probe and bind, so
	// try a few ports before giving up.
	var lastErr error
	for range 3 {
		s.port = freePort(t)
		if lastErr = s.start(); lastErr == nil {
			return s
		}
	}
	t.Fatalf("starting redis-server: %v", lastErr)
	return nil
}

// Addr is the server's host:port.
func (s *redisServer) Addr() string {
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port))
}

// Client returns a client with short timeouts, so that an outage shows up
// as a prompt error rather than a hung test, closed when the test ends.
func (s *redisServer) Client() *redis.Client {
	c := redis.NewClient(&redis.Options{
		Addr:         s.Addr(),
		DialTimeout:  500 * time.Millisecond,
		ReadTimeout:  500 * time.Millisecond,
		WriteTimeout: 500 * time.Millisecond,
		MaxRetries:   1,
	})
	s.t.Cleanup(func() { _ = c.Close() })
	return c
}

// Stop kills the server (SIGKILL: no clean shutdown, like a crash) and
// waits for it to exit. Stopping a stopped server does nothing.
func (s *redisServer) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	<-s.exited
	s.cmd = nil
}

// Restart starts a new server on the same port after Stop: empty, or with
// the data of its append-only file for a server started with startRedisAOF.
func (s *redisServer) Restart() {
	s.t.Helper()
	// The old socket may linger briefly; retry the bind for a moment.
	var err error
	for range 10 {
		if err = s.start(); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.t.Fatalf("restarting redis-server on port %d: %v", s.port, err)
}

func (s *redisServer) start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil {
		return fmt.Errorf("redis-server already running on port %d", s.port)
	}
	appendonly := "no"
	if s.aof {
		appendonly = "yes"
	}
	cmd := exec.Command(s.bin,
		"--port", strconv.Itoa(s.port),
		"--bind", "127.0.0.1",
		"--save", "",
		"--appendonly", appendonly,
		"--appendfsync", "always",
		"--dir", s.dir,
	)
	out := &bytes.Buffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()

	c := redis.NewClient(&redis.Options{Addr: s.Addr(), DialTimeout: 200 * time.Millisecond, MaxRetries: -1})
	defer c.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		select {
		case <-exited:
			return fmt.Errorf("redis-server exited at start: %s", out.String())
		default:
		}
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		err := c.Ping(ctx).Err()
		cancel()
		if err == nil {
			s.cmd, s.exited, s.output = cmd, exited, out
			return nil
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			<-exited
			return fmt.Errorf("redis-server did not answer PING within 10s (last error %v): %s", err, out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// freePort returns a loopback TCP port that was free a moment ago.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
