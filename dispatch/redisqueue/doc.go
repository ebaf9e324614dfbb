// Package redisqueue puts a durable Redis Streams queue between a webhook
// endpoint and its callbacks: the endpoint answers the provider as soon as
// the delivery is verified and stored, and workers run the callbacks later,
// retrying them, with no delivery lost when a process dies.
//
// Providers give a receiver little time (Svix waits 15 seconds) and retry on
// their own schedule; callbacks that send email or wait on other systems are
// slow and fail for reasons of their own. A [Queue] does what the providers
// advise — verify, store, answer 2xx, then process — on Redis, which many
// services already run:
//
//   - Ingest: a Queue is an http.Handler. It checks the method, the body
//     size, the signature (a verify.Verifier) and that the body parses (the
//     provider's Parse), then adds the delivery to a stream with XADD — the
//     raw body, the headers that matter, the id and signing time the
//     signature covered, the time it was received — and answers 202 only
//     after Redis accepted the write. When Redis cannot take it the answer is
//     503 with Retry-After, and nothing was acknowledged.
//   - Work: a [Worker] is one consumer of the stream's consumer group. It
//     hands each entry to a dispatch.Dispatcher (built with
//     dispatch.Unverified, since the signature was checked at ingest, and with
//     callbacks registered as usual with dispatch.On), so callbacks receive
//     the same typed events and the same dispatch.Delivery metadata. An entry
//     is acknowledged (XACK, then XDEL) only after its callbacks succeeded. A
//     failure or panic leaves it pending; it is retried with exponential
//     backoff and after the last attempt moved to a dead-letter stream with
//     its error. Entries of a worker that died are claimed by another worker
//     after an idle timeout (XAUTOCLAIM); live workers keep theirs fresh.
//   - Exactly once: entries are delivered at least once, so the worker's
//     dispatcher must de-duplicate through a store every worker shares
//     (dispatch/redisstore): a provider's retry and an entry claimed from a
//     dead worker then run the callbacks once.
//
// Statuses at ingest: 202 stored; 401 bad signature; 413 too large; 400 not
// parseable; 405 not POST; 503 Redis unavailable (or the backlog is over
// [WithMaxLength]). A callback's failure no longer reaches the provider (no
// 500, no 409): the queue retries it instead.
//
// Whoever can write to the queue's stream can make workers run callbacks:
// entries are trusted, since they were verified at ingest. Protect the
// Redis server as you protect the signing secret.
//
// Keys: the stream, its dead-letter stream and a hash of last errors share
// one Redis Cluster hash slot ("typedhooks:{name}:stream", ":dead",
// ":errors"). Run Redis with appendonly yes (appendfsync always, or everysec
// if losing the last second of acknowledged deliveries on a crash of the
// Redis host is acceptable): a queue is only as durable as its Redis.
package redisqueue
