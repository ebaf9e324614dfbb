package redisqueue_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dispatch/redisqueue"
	"github.com/typedhooks/typedhooks/verify"
)

func TestIngest_Statuses(t *testing.T) {
	srv := startRedis(t)
	client := srv.Client()
	var outcomes []redisqueue.Outcome
	q := newQueue(t, client, "statuses", redisqueue.WithMaxBodyBytes(1024),
		redisqueue.WithObserver(func(o redisqueue.Outcome) { outcomes = append(outcomes, o) }))
	ctx := context.Background()
	good := orderBody(1)
	sv := svixVerifier(t)

	serveOne := func(r *http.Request) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		q.ServeHTTP(rec, r)
		return rec
	}
	post := func(h http.Header, body []byte) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, "/hooks", strings.NewReader(string(body)))
		for k, v := range h {
			r.Header[k] = v
		}
		return serveOne(r)
	}

	for _, tc := range []struct {
		name   string
		rec    func() *httptest.ResponseRecorder
		status int
		err    error
	}{
		{"get", func() *httptest.ResponseRecorder {
			return serveOne(httptest.NewRequest(http.MethodGet, "/hooks", nil))
		}, http.StatusMethodNotAllowed, dispatch.ErrMethodNotAllowed},
		{"too_large", func() *httptest.ResponseRecorder {
			big := []byte(`{"type":"orders.paid","orderId":"` + strings.Repeat("x", 2000) + `"}`)
			return post(sv.SignedHeader("msg_big", time.Now(), big), big)
		}, http.StatusRequestEntityTooLarge, dispatch.ErrBodyTooLarge},
		{"unsigned", func() *httptest.ResponseRecorder { return post(http.Header{}, good) }, http.StatusUnauthorized, dispatch.ErrVerification},
		{"forged_signature", func() *httptest.ResponseRecorder {
			return post(sv.SignedHeader("msg_1", time.Now(), []byte("other")), good)
		}, http.StatusUnauthorized, dispatch.ErrVerification},
		{"stale_timestamp", func() *httptest.ResponseRecorder {
			return post(sv.SignedHeader("msg_1", time.Now().Add(-time.Hour), good), good)
		}, http.StatusUnauthorized, dispatch.ErrVerification},
		{"signed_but_not_an_event", func() *httptest.ResponseRecorder {
			body := []byte(`[1,2,3]`)
			return post(sv.SignedHeader("msg_2", time.Now(), body), body)
		}, http.StatusBadRequest, dispatch.ErrMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			outcomes = nil
			rec := tc.rec()
			assert.Equal(t, tc.status, rec.Code)
			require.Len(t, outcomes, 1)
			assert.ErrorIs(t, outcomes[0].Err, tc.err)
			assert.Equal(t, tc.status, outcomes[0].Status)
			assert.Equal(t, redisqueue.Ingest, outcomes[0].Stage)
			if tc.status == http.StatusMethodNotAllowed {
				assert.Equal(t, http.MethodPost, rec.Header().Get("Allow"))
			}
			n, err := client.XLen(ctx, q.Stream()).Result()
			if err != nil {
				require.ErrorIs(t, err, redis.Nil)
			}
			assert.Zero(t, n, "a refused delivery must not enter the stream")
		})
	}

	t.Run("stored", func(t *testing.T) {
		outcomes = nil
		signedAt := time.Now().Add(-time.Minute).Truncate(time.Second)
		h := sv.SignedHeader("msg_stored", signedAt, good)
		h.Set("Content-Type", "application/json")
		h.Set("X-Unrelated", "not stored")
		rec := post(h, good)
		require.Equal(t, http.StatusAccepted, rec.Code)
		require.Len(t, outcomes, 1)
		o := outcomes[0]
		assert.NoError(t, o.Err)
		assert.Equal(t, "msg_stored", o.DeliveryID)
		assert.Equal(t, "orders.paid", o.EventType)

		msgs, err := client.XRange(ctx, q.Stream(), "-", "+").Result()
		require.NoError(t, err)
		require.Len(t, msgs, 1)
		assert.Equal(t, o.EntryID, msgs[0].ID)
		v := msgs[0].Values
		assert.Equal(t, string(good), v["body"])
		assert.Equal(t, "msg_stored", v["id"])
		assert.Equal(t, itoa(int(signedAt.Unix())), v["ts"])
		assert.Equal(t, "orders.paid", v["type"])
		assert.Contains(t, v["header"], "application/json")
		assert.NotContains(t, v["header"], "not stored")
		require.NoError(t, client.Del(ctx, q.Stream()).Err())
	})

	// An unsigned svix-id next to a webhook-* signed set must not become
	// the stored id: only what the signature covered enters the stream.
	t.Run("unsigned_id_header_ignored", func(t *testing.T) {
		h := sv.SignedStandardHeader("msg_signed", time.Now(), good)
		h.Set(verify.HeaderSvixID, "msg_forged")
		require.Equal(t, http.StatusAccepted, post(h, good).Code)
		msgs, err := client.XRange(ctx, q.Stream(), "-", "+").Result()
		require.NoError(t, err)
		require.Len(t, msgs, 1)
		assert.Equal(t, "msg_signed", msgs[0].Values["id"])
		require.NoError(t, client.Del(ctx, q.Stream()).Err())
	})

	t.Run("redis_down", func(t *testing.T) {
		srv.Stop()
		defer srv.Restart()
		outcomes = nil
		rec := post(sv.SignedHeader("msg_down", time.Now(), good), good)
		assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
		assert.Equal(t, "10", rec.Header().Get("Retry-After"))
		require.Len(t, outcomes, 1)
		assert.ErrorIs(t, outcomes[0].Err, redisqueue.ErrUnavailable)
	})
}

func TestIngest_MaxLength(t *testing.T) {
	srv := startRedis(t)
	client := srv.Client()
	q := newQueue(t, client, "bounded", redisqueue.WithMaxLength(3), redisqueue.WithRetryAfter(2*time.Second))
	sv := svixVerifier(t)
	for i := range 5 {
		body := orderBody(i)
		rec := httptest.NewRecorder()
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(body)))
		r.Header = sv.SignedHeader("msg_"+itoa(i), time.Now(), body)
		q.ServeHTTP(rec, r)
		if i < 3 {
			assert.Equal(t, http.StatusAccepted, rec.Code, i)
		} else {
			assert.Equal(t, http.StatusServiceUnavailable, rec.Code, i)
			assert.Equal(t, "2", rec.Header().Get("Retry-After"))
		}
	}
	n, err := client.XLen(context.Background(), q.Stream()).Result()
	require.NoError(t, err)
	assert.EqualValues(t, 3, n)
}

func TestNew_Errors(t *testing.T) {
	client := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	defer client.Close()
	v := svixVerifier(t)
	for name, fn := range map[string]func() (*redisqueue.Queue, error){
		"nil_client":   func() (*redisqueue.Queue, error) { return redisqueue.New(nil, "q", v, parse) },
		"nil_verifier": func() (*redisqueue.Queue, error) { return redisqueue.New(client, "q", nil, parse) },
		"nil_parse":    func() (*redisqueue.Queue, error) { return redisqueue.New(client, "q", v, nil) },
		"empty_name":   func() (*redisqueue.Queue, error) { return redisqueue.New(client, "", v, parse) },
		"braces":       func() (*redisqueue.Queue, error) { return redisqueue.New(client, "a}b", v, parse) },
	} {
		_, err := fn()
		assert.Error(t, err, name)
	}
	q, err := redisqueue.New(client, "q", v, parse)
	require.NoError(t, err)
	assert.Equal(t, "typedhooks:{q}:stream", q.Stream())
	assert.Equal(t, "typedhooks:{q}:dead", q.DeadLetterStream())
	_, err = q.NewWorker(nil)
	assert.Error(t, err)
	d := dispatch.New(dispatch.Unverified(), parse)
	_, err = q.NewWorker(d, redisqueue.WithMaxAttempts(0))
	assert.Error(t, err)
	_, err = q.NewWorker(d, redisqueue.WithBackoff(time.Second, time.Millisecond))
	assert.Error(t, err)
}

// What ingest stores as the delivery's identity comes only from what the
// verifier reports as signed; an id the workers' dispatcher would refuse,
// or a verifier or parse function that panics, keeps the delivery out of
// the stream.
func TestIngest_Identity(t *testing.T) {
	srv := startRedis(t)
	client := srv.Client()
	ctx := context.Background()
	sv := svixVerifier(t)
	body := orderBody(1)
	stored := func(q *redisqueue.Queue) []redis.XMessage {
		msgs, err := client.XRange(ctx, q.Stream(), "-", "+").Result()
		require.NoError(t, err)
		require.NoError(t, client.Del(ctx, q.Stream()).Err())
		return msgs
	}
	serveOne := func(q *redisqueue.Queue, h http.Header, body []byte) int {
		rec := httptest.NewRecorder()
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(body)))
		r.Header = h
		q.ServeHTTP(rec, r)
		return rec.Code
	}

	t.Run("verifier_without_result", func(t *testing.T) {
		// A VerifierFunc reports nothing as signed: the svix-id header it
		// was given is not the delivery's id.
		v := dispatch.VerifierFunc(func(h http.Header, b []byte) error { return sv.Verify(h, b) })
		q, err := redisqueue.New(client, "plain", v, parse, redisqueue.WithLogger(quietLogger()))
		require.NoError(t, err)
		require.Equal(t, http.StatusAccepted, serveOne(q, sv.SignedHeader("msg_plain", time.Now(), body), body))
		msgs := stored(q)
		require.Len(t, msgs, 1)
		assert.Empty(t, msgs[0].Values["id"])
		assert.Empty(t, msgs[0].Values["ts"])
	})

	t.Run("id_too_long", func(t *testing.T) {
		long := "msg_" + strings.Repeat("x", dispatch.MaxIDBytes)
		var o redisqueue.Outcome
		q, err := redisqueue.New(client, "long-id", sv, parse, redisqueue.WithLogger(quietLogger()),
			redisqueue.WithObserver(func(got redisqueue.Outcome) { o = got }))
		require.NoError(t, err)
		assert.Equal(t, http.StatusBadRequest, serveOne(q, sv.SignedHeader(long, time.Now(), body), body))
		assert.ErrorIs(t, o.Err, dispatch.ErrMalformed)
		assert.Empty(t, o.DeliveryID)
		assert.Empty(t, stored(q))
	})

	t.Run("panics", func(t *testing.T) {
		panicking := dispatch.VerifierFunc(func(http.Header, []byte) error { panic("verifier bug") })
		q, err := redisqueue.New(client, "panics", panicking, parse, redisqueue.WithLogger(quietLogger()))
		require.NoError(t, err)
		assert.Equal(t, http.StatusInternalServerError, serveOne(q, sv.SignedHeader("msg_x", time.Now(), body), body))
		q, err = redisqueue.New(client, "panics", sv, func([]byte) (typedhooks.Event, error) { panic("parse bug") }, redisqueue.WithLogger(quietLogger()))
		require.NoError(t, err)
		assert.Equal(t, http.StatusInternalServerError, serveOne(q, sv.SignedHeader("msg_x", time.Now(), body), body))
		assert.Empty(t, stored(q))
	})

	t.Run("typed_nil_verifier", func(t *testing.T) {
		var nilSvix *verify.Svix
		_, err := redisqueue.New(client, "nil", nilSvix, parse)
		assert.Error(t, err)
	})
}
