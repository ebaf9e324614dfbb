package redisstore_test

import (
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dispatch/redisstore"
	"github.com/typedhooks/typedhooks/verify"
)

// A verifier (built once, its error checked) and a stand-in for a
// provider's Parse function (crossmint.Parse), so that the examples compile
// on their own.
var (
	verifier = mustSvix(os.Getenv("CROSSMINT_WEBHOOK_SECRET"))
	parse    = func(body []byte) (typedhooks.Event, error) { return madeUpParse(body) }
)

func mustSvix(secret string) dispatch.Verifier {
	if secret == "" {
		// Only so that the examples compile and load without the
		// variable; a real service refuses to start instead.
		secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	}
	sv, err := verify.NewSvix(secret)
	if err != nil {
		panic(err)
	}
	return sv
}

// Switching a dispatcher from the in-memory default, which protects one
// process only, to de-duplication shared by every replica takes a Redis
// client and one option. The example needs a Redis server, so it is
// compiled but not run.
func ExampleNew() {
	// Before: d := dispatch.New(verifier, parse, dispatch.WithNamespace("crossmint"))
	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
	d := dispatch.New(verifier, parse, dispatch.WithNamespace("crossmint"),
		dispatch.WithStore(redisstore.New(rdb)))

	http.Handle("POST /webhooks/crossmint", d)
}

// With Redis Cluster, set ClusterStateReloadInterval to a second: with
// go-redis's default (60 s) the client keeps sending a dead master's keys to
// a node that is no longer responsible for them for up to a minute after a
// failover (a dead node sends no MOVED redirect), and every delivery of
// those keys is answered 503. The store's keys live in one slot each, so
// nothing else changes. TestCluster_FailoverWhileDeliveriesFlow runs this
// configuration against a real cluster while a master is killed.
func ExampleNew_cluster() {
	rdb := redis.NewClusterClient(&redis.ClusterOptions{
		Addrs:                      strings.Split(os.Getenv("REDIS_CLUSTER_ADDRS"), ","),
		ClusterStateReloadInterval: time.Second,
	})
	d := dispatch.New(verifier, parse, dispatch.WithNamespace("crossmint"),
		dispatch.WithStore(redisstore.New(rdb)))

	http.Handle("POST /webhooks/crossmint", d)
}

// With WithReplicaAcks a claim and a done mark count only once the key's
// replica has them, so a master dying mid-delivery cannot make a delivery
// run twice; while a master has no replica (after a failover, until the
// dead node is back as a replica) its keys are answered 503.
// TestCluster_FailoverWhileDeliveriesFlow holds every delivery to exactly
// once with it.
func ExampleWithReplicaAcks() {
	rdb := redis.NewClusterClient(&redis.ClusterOptions{
		Addrs:                      strings.Split(os.Getenv("REDIS_CLUSTER_ADDRS"), ","),
		ClusterStateReloadInterval: time.Second,
	})
	store := redisstore.New(rdb, redisstore.WithReplicaAcks(1, 100*time.Millisecond))
	d := dispatch.New(verifier, parse, dispatch.WithNamespace("crossmint"), dispatch.WithStore(store))

	http.Handle("POST /webhooks/crossmint", d)
}

// Stores with different key prefixes share nothing, for services that share
// a Redis database; the retention and claim TTL defaults suit the Svix and
// Dynamic retry schedules (see DefaultRetention and DefaultClaimTTL).
func ExampleWithKeyPrefix() {
	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
	store := redisstore.New(rdb,
		redisstore.WithKeyPrefix("billing-webhooks:"),
		redisstore.WithRetention(redisstore.DefaultRetention),
		redisstore.WithClaimTTL(redisstore.DefaultClaimTTL),
	)
	_ = dispatch.New(verifier, parse, dispatch.WithNamespace("dynamic"), dispatch.WithStore(store))
}
