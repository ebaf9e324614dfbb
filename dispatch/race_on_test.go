//go:build race

package dispatch_test

// raceEnabled reports a -race build, in which sync.Pool drops a share of
// the items put into it on purpose, so pooled buffers are reallocated.
const raceEnabled = true
