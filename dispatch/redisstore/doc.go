// Package redisstore keeps a dispatcher's de-duplication in Redis, so that
// every replica of a service behind a load balancer shares it.
//
// Providers deliver at least once and retry: Svix makes up to 8 attempts
// over about a day, Dynamic up to 5 retries over a day, and a retry may
// land on any replica. With the in-memory default each replica remembers
// only its own deliveries, so a retry that reaches another replica runs the
// side effect twice. A [Store] shares the memory through Redis:
//
//   - Claim sets the key to a claim holding a random token with SET-if-absent
//     semantics and an expiry (the claim TTL), atomically in a Lua script
//     that also tells a completed key (AlreadyDone) from a claimed one
//     (InFlight).
//   - Complete replaces it with a "done" mark kept for the retention period.
//   - Release deletes it only while it still holds the caller's token, so
//     the provider's retry runs the callbacks again.
//   - A claim whose handler died expires by itself after the claim TTL, so a
//     crashed replica does not block the event forever.
//
// The dispatcher passes keys of the form "namespace:id" (provider or
// endpoint, then the delivery id), so two providers' ids never collide; the
// store adds its key prefix in front. When Redis cannot be reached every
// method returns a wrapped error, and the dispatcher answers 503 so that the
// provider retries later: the callbacks never run without protection.
// Complete and Release, which run after the callbacks, retry with backoff
// for up to [DefaultRetry] (5 s) instead, so that a failover of a few
// seconds neither loses the done mark (a later retry would run the
// callbacks again) nor leaves a failed delivery's claim behind (retries
// would get 409 until it expired).
//
// Redis Cluster works through a *redis.ClusterClient; set
// ClusterStateReloadInterval: time.Second in its options (see the
// Example for New with a cluster). go-redis reloads the slot map every 60 s
// by default, and a dead master sends no MOVED redirect, so for up to a
// minute after a failover the client keeps asking the wrong node for the
// dead master's keys and those deliveries are answered 503; with one second
// it recovers about a second after the replica takes over.
//
// Redis replicates asynchronously: a claim or done mark that a master
// acknowledged in the last instant before it died may be missing on the
// replica that takes over, so a delivery in flight at a failover can run its
// callbacks a second time when the provider sends it again. Deliveries
// finished before the failover and those after it run once. [WithReplicaAcks]
// closes that window (Redis WAIT after each claim and done mark), at the
// price of a round trip to a replica per write and of refusing the keys of
// a master that has no replica left.
package redisstore
