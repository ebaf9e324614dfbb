package redisstore_test

import (
	"testing"

	"github.com/typedhooks/typedhooks/internal/redistest"
)

type redisServer = redistest.Server

// startRedis starts a fresh redis-server for t (see package redistest).
func startRedis(t testing.TB) *redisServer { t.Helper(); return redistest.Start(t) }
