package redisqueue_test

import (
	"testing"

	"github.com/typedhooks/typedhooks/internal/redistest"
)

type redisServer = redistest.Server

// startRedis starts a fresh redis-server for t (see package redistest).
func startRedis(t testing.TB) *redisServer { t.Helper(); return redistest.Start(t) }

// startRedisAOF starts a server that keeps every write it acknowledged
// across a kill and restart.
func startRedisAOF(t testing.TB) *redisServer {
	t.Helper()
	return redistest.Start(t, redistest.AppendOnly())
}
