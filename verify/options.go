package verify

import (
	"fmt"
	"time"
)

// DefaultTolerance is how far a Svix timestamp may lie in the past or in the
// future of the verifier's clock. It is the value every Svix and Standard
// Webhooks library hard-codes.
const DefaultTolerance = 5 * time.Minute

// Option configures a verifier built by [NewSvix] or [NewDynamic]. The same
// options are accepted by both; those about timestamps ([WithTolerance],
// [WithClock], [WithoutTimestampCheck]) have no effect on [Dynamic], whose
// signing scheme carries no timestamp.
type Option func(*config)

type config struct {
	tolerance      time.Duration
	now            func() time.Time
	checkTimestamp bool
	additional     []string
	err            error
}

func newConfig(opts []Option) (config, error) {
	c := config{tolerance: DefaultTolerance, now: time.Now, checkTimestamp: true}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	return c, c.err
}

// WithTolerance sets how far (in either direction) a Svix timestamp may be
// from the verifier's clock; the default is [DefaultTolerance]. The
// comparison is the one of the official Svix library: a request is too old
// if now − timestamp > d, and too new if the timestamp's Unix second is after
// the Unix second of now + d.
//
// d must be positive: the constructor fails for zero or a negative d, because
// either is far more likely a bug than an intent. To switch the check off use
// [WithoutTimestampCheck].
func WithTolerance(d time.Duration) Option {
	return func(c *config) {
		if d <= 0 {
			c.setErr(fmt.Errorf("verify: WithTolerance(%v): tolerance must be positive (use WithoutTimestampCheck to disable the check)", d))
			return
		}
		c.tolerance = d
	}
}

// WithoutTimestampCheck disables the tolerance check of Svix timestamps, like
// VerifyIgnoringTimestamp of the Svix libraries: the timestamp must still be
// a decimal integer and is still part of the signed content, but may be
// arbitrarily old or new. Use it only to re-verify stored deliveries; on a
// live endpoint it turns every captured request into a replayable one.
func WithoutTimestampCheck() Option {
	return func(c *config) { c.checkTimestamp = false }
}

// WithClock replaces the verifier's clock (time.Now by default), for tests
// and for verifying against a known point in time. A nil now restores
// time.Now.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now == nil {
			now = time.Now
		}
		c.now = now
	}
}

// WithAdditionalSecrets adds secrets the verifier also accepts, for zero
// downtime key rotation: a request verifies if any configured secret produces
// any of its signatures. The secret given to the constructor stays the
// primary one (used first, and alone by [Dynamic.Sign]). Each additional
// secret must satisfy the same rules as the primary one. Repeated options
// accumulate.
func WithAdditionalSecrets(secrets ...string) Option {
	return func(c *config) {
		c.additional = append(c.additional, secrets...)
	}
}

func (c *config) setErr(err error) {
	if c.err == nil {
		c.err = err
	}
}
