// Package redistest runs a real redis-server for the tests of this module's
// Redis-backed packages (dispatch/redisstore, dispatch/redisqueue): one
// process per test, on a loopback port, stopped and restarted at will to
// simulate an outage, killed when the test ends.
//
// Without the redis-server binary a test is skipped, unless
// TYPEDHOOKS_REQUIRE_REDIS=1 is set (.ci/run sets it), so that our CI can
// never pass by skipping while `go test all` elsewhere, where the common CI
// variable may be set for other reasons, still passes without Redis.
package redistest

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
)

// Server is a redis-server process owned by one test.
type Server struct {
	t    testing.TB
	bin  string
	dir  string
	port int
	aof  bool
	args []string

	mu     sync.Mutex
	cmd    *exec.Cmd
	exited chan struct{}
}

// Option configures a [Server] started by [Start].
type Option func(*Server)

// AppendOnly makes the server write every change to its append-only file
// before answering (appendonly yes, appendfsync always), so that a restart
// after a kill keeps every write it acknowledged.
func AppendOnly() Option { return func(s *Server) { s.aof = true } }

// Args adds redis-server arguments, such as cluster mode's.
func Args(args ...string) Option {
	return func(s *Server) { s.args = append(s.args, args...) }
}

// Start starts a fresh redis-server for t and kills it when t ends; see the
// package documentation for what happens without the binary.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		const msg = "redis-server not found in PATH; install it (apt-get install redis-server) to run the Redis tests"
		if os.Getenv("TYPEDHOOKS_REQUIRE_REDIS") == "1" {
			t.Fatal(msg + " (required because TYPEDHOOKS_REQUIRE_REDIS=1 is set)")
		}
		t.Skip(msg)
	}
	s := &Server{t: t, bin: bin, dir: t.TempDir()}
	for _, o := range opts {
		o(s)
	}
	t.Cleanup(s.Stop)
	// Another process may take the free port between probe and bind, so
	// try a few ports before giving up.
	var lastErr error
	for range 3 {
		s.port = FreePort(t)
		if lastErr = s.start(); lastErr == nil {
			return s
		}
	}
	t.Fatalf("starting redis-server: %v", lastErr)
	return nil
}

// Addr is the server's host:port.
func (s *Server) Addr() string {
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port))
}

// Client returns a client with short timeouts, so that an outage shows up
// as a prompt error rather than a hung test, closed when the test ends.
func (s *Server) Client() *redis.Client {
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
func (s *Server) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	<-s.exited
	s.cmd = nil
}

// Running reports whether the server is up (started and not stopped).
func (s *Server) Running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cmd != nil
}

// Restart starts a new server on the same port after Stop: empty, or with
// the data of its append-only file for a server started with [AppendOnly].
func (s *Server) Restart() {
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

func (s *Server) start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil {
		return fmt.Errorf("redis-server already running on port %d", s.port)
	}
	appendonly := "no"
	if s.aof {
		appendonly = "yes"
	}
	cmd := exec.Command(s.bin, append([]string{
		"--port", strconv.Itoa(s.port),
		"--bind", "127.0.0.1",
		"--save", "",
		"--appendonly", appendonly,
		"--appendfsync", "always",
		"--dir", s.dir,
	}, s.args...)...)
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
			s.cmd, s.exited = cmd, exited
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

// FreePort returns a loopback TCP port that was free a moment ago.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("finding a free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
