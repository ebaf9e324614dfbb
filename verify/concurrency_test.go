package verify_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/verify"
)

// Verifiers share pooled hash states between goroutines; under -race this
// shows that no state leaks from one request into another.
func TestVerify_Concurrent(t *testing.T) {
	s, err := verify.NewSvix(vector1Secret, verify.WithAdditionalSecrets("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"))
	require.NoError(t, err)
	d, err := verify.NewDynamic(dynamicSecret)
	require.NoError(t, err)
	now := time.Now()

	var wg sync.WaitGroup
	errs := make(chan error, 8*200)
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				body := fmt.Appendf(nil, `{"g":%d,"i":%d}`, g, i)
				id := fmt.Sprintf("msg_%d_%d", g, i)
				h := s.SignedHeader(id, now, body)
				if err := s.Verify(h, body); err != nil {
					errs <- fmt.Errorf("svix %s: %w", id, err)
				}
				// Another goroutine's body must never verify.
				if err := s.Verify(h, append(body, '!')); err == nil {
					errs <- fmt.Errorf("svix %s: tampered body accepted", id)
				}
				if err := d.Verify(d.SignedHeader(body), body); err != nil {
					errs <- fmt.Errorf("dynamic %s: %w", id, err)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
}

func TestVerify_NilHeader(t *testing.T) {
	s, err := verify.NewSvix(vector1Secret)
	require.NoError(t, err)
	assert.ErrorIs(t, s.Verify(nil, nil), verify.ErrMissingHeaders)
	d, err := verify.NewDynamic(dynamicSecret)
	require.NoError(t, err)
	assert.ErrorIs(t, d.Verify(nil, nil), verify.ErrMissingHeaders)
}
