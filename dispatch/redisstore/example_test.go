package redisstore_test

import (
	"net/http"
	"os"

	"github.com/redis/go-redis/v9"
	svix "github.com/svix/svix-webhooks/go"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dispatch/redisstore"
)

// Stand-ins for a verifier of package verify (verify.NewSvix) and a
// provider's Parse function (crossmint.Parse), so that the examples compile
// on their own.
var (
	verifier = dispatch.VerifierFunc(func(h http.Header, body []byte) error {
		wh, err := svix.NewWebhook(os.Getenv("CROSSMINT_WEBHOOK_SECRET"))
		if err != nil {
			return err
		}
		return wh.Verify(body, h)
	})
	parse = func(body []byte) (typedhooks.Event, error) { return madeUpRegistry.Parse(body) }
)

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
