//go:build !race

// The race detector makes sync.Pool drop items at random, so allocation
// counts are only meaningful without it.

package verify_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/verify"
)

func TestSvixVerify_ZeroAllocs(t *testing.T) {
	now := time.Now()
	body := []byte(strings.Repeat(`{"k":"v"}`, 130))
	single, err := verify.NewSvix(vector1Secret)
	require.NoError(t, err)
	rotating, err := verify.NewSvix("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", verify.WithAdditionalSecrets(vector1Secret))
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		s    *verify.Svix
		h    http.Header
	}{
		{"svix_headers", single, single.SignedHeader("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", now, body)},
		{"webhook_headers", single, single.SignedStandardHeader("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", now, body)},
		{"long_id", single, single.SignedHeader(strings.Repeat("m", 1000), now, body)},
		{"match_on_second_secret", rotating, single.SignedHeader("msg_1", now, body)},
		{"decoys_before_match", single, func() http.Header {
			h := single.SignedHeader("msg_1", now, body)
			h[verify.HeaderSvixSignature] = []string{"v1a,xyz v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= " + h.Get(verify.HeaderSvixSignature)}
			return h
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, tc.s.Verify(tc.h, body))
			allocs := testing.AllocsPerRun(200, func() {
				if err := tc.s.Verify(tc.h, body); err != nil {
					panic(err)
				}
			})
			assert.Zero(t, allocs)
			allocs = testing.AllocsPerRun(200, func() {
				if res, err := tc.s.VerifyResult(tc.h, body); err != nil || res.ID == "" {
					panic(err)
				}
			})
			assert.Zero(t, allocs, "VerifyResult")
		})
	}
}

// Rejections with a fixed explanation are preallocated, so a flood of
// forged requests does not turn into garbage either.
func TestSvixVerify_ZeroAllocsOnMismatchAndMissing(t *testing.T) {
	now := time.Now()
	body := []byte(`{"k":"v"}`)
	s, err := verify.NewSvix(vector1Secret)
	require.NoError(t, err)
	forged := s.SignedHeader("msg_1", now, []byte("other"))
	allocs := testing.AllocsPerRun(200, func() { _ = s.Verify(forged, body) })
	assert.Zero(t, allocs)
	empty := http.Header{}
	allocs = testing.AllocsPerRun(200, func() { _ = s.Verify(empty, body) })
	assert.Zero(t, allocs)
}

func TestDynamicVerify_ZeroAllocs(t *testing.T) {
	body := []byte(strings.Repeat(`{"k":"v"}`, 130))
	d, err := verify.NewDynamic(dynamicSecret, verify.WithAdditionalSecrets("other"))
	require.NoError(t, err)
	other, err := verify.NewDynamic("other")
	require.NoError(t, err)
	for name, h := range map[string]http.Header{"primary": d.SignedHeader(body), "additional": other.SignedHeader(body)} {
		require.NoError(t, d.Verify(h, body), name)
		allocs := testing.AllocsPerRun(200, func() {
			if err := d.Verify(h, body); err != nil {
				panic(err)
			}
		})
		assert.Zero(t, allocs, name)
		allocs = testing.AllocsPerRun(200, func() {
			if _, err := d.VerifyResult(h, body); err != nil {
				panic(err)
			}
		})
		assert.Zero(t, allocs, name+" VerifyResult")
	}
}
