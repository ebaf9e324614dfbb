package redisqueue_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"

	"github.com/redis/go-redis/v9"

	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dispatch/redisqueue"
	"github.com/typedhooks/typedhooks/dispatch/redisstore"
	"github.com/typedhooks/typedhooks/verify"
)

// The endpoint stores verified deliveries and answers 202; workers run the
// callbacks, registered as usual, from the stream. parse stands for a
// provider's Parse function (crossmint.Parse). The example needs a Redis
// server, so it is compiled but not run.
func Example() {
	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
	sv, err := verify.NewSvix(os.Getenv("CROSSMINT_WEBHOOK_SECRET"))
	if err != nil {
		log.Fatal(err)
	}

	// Ingest, in every replica that receives webhooks.
	q, err := redisqueue.New(rdb, "crossmint", sv, parse)
	if err != nil {
		log.Fatal(err)
	}
	http.Handle("POST /webhooks/crossmint", q)

	// Work, in the same processes or others. The dispatcher is unverified
	// (the queue verified at ingest) and de-duplicates through Redis.
	d := dispatch.New(dispatch.Unverified(), parse,
		dispatch.WithNamespace("crossmint"),
		dispatch.WithStore(redisstore.New(rdb)),
		dispatch.WithAttemptHeader(redisqueue.AttemptHeader))
	if err := dispatch.On(d, func(ctx context.Context, e *madeUpOrderPaid) error {
		del, _ := dispatch.DeliveryFrom(ctx)
		fmt.Println("order", e.OrderID, "paid; delivery", del.ID)
		return nil
	}); err != nil {
		log.Fatal(err)
	}
	w, err := q.NewWorker(d, redisqueue.WithConcurrency(8))
	if err != nil {
		log.Fatal(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() { log.Fatal(http.ListenAndServe(":8080", nil)) }()
	if err := w.Run(ctx); err != nil { // returns after a graceful shutdown
		log.Fatal(err)
	}
}

// Dead letters are listed page by page and, once their cause is fixed,
// moved back to the queue.
func ExampleQueue_Redrive() {
	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
	sv, err := verify.NewSvix(os.Getenv("CROSSMINT_WEBHOOK_SECRET"))
	if err != nil {
		log.Fatal(err)
	}
	q, err := redisqueue.New(rdb, "crossmint", sv, parse)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	var ids []string
	for after := ""; ; {
		page, err := q.DeadLetters(ctx, after, 100)
		if err != nil {
			log.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		for _, dl := range page {
			fmt.Println(dl.DeliveryID, dl.EventType, dl.Attempts, dl.Error)
			ids = append(ids, dl.ID)
		}
		after = page[len(page)-1].ID
	}
	n, err := q.Redrive(ctx, ids...)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("re-driven:", n)
}

// Queue statistics as gauges: workers report them periodically, and
// Stats reads them on demand.
func ExampleWithStatsObserver() {
	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
	sv, err := verify.NewSvix(os.Getenv("CROSSMINT_WEBHOOK_SECRET"))
	if err != nil {
		log.Fatal(err)
	}
	_, err = redisqueue.New(rdb, "crossmint", sv, parse,
		redisqueue.WithStatsObserver(func(s redisqueue.Stats) {
			fmt.Println("backlog", s.Length, "pending", s.Pending,
				"oldest pending", s.OldestPendingAge, "dead letters", s.DeadLetters)
		}),
		redisqueue.WithObserver(func(o redisqueue.Outcome) {
			if o.DeadLettered {
				fmt.Println("dead letter:", o.DeliveryID, o.Err)
			}
		}))
	if err != nil {
		log.Fatal(err)
	}
}
