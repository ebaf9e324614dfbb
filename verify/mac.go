package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"sync"
)

// macKey is one HMAC-SHA256 secret with a pool of ready-to-use hash states.
//
// hmac.New hashes the padded key on every call and allocates several objects;
// a pooled HMAC whose Reset restores the precomputed inner and outer states
// (crypto/hmac does this for marshalable hashes like SHA-256) costs nothing
// per request beyond the hashing itself.
type macKey struct {
	key  []byte
	pool sync.Pool // of *scratch
}

// scratch is the per-request working memory of a verification. Every buffer
// the hash state sees lives here rather than on the stack: the hash is called
// through an interface, so stack buffers passed to it would escape and be
// heap-allocated on every request.
type scratch struct {
	mac  hash.Hash
	buf  [256]byte             // staging for the id and timestamp text
	sum  [sha256.Size]byte     // raw MAC
	enc  [2 * sha256.Size]byte // MAC as base64 (44 bytes) or hex (64 bytes)
	cand [2 * sha256.Size]byte // copy of one received signature, for hmac.Equal
}

func newMacKey(key []byte) *macKey {
	k := &macKey{key: key}
	k.pool.New = func() any {
		m := hmac.New(sha256.New, k.key)
		// The first Reset snapshots the keyed states; later ones restore them.
		m.Reset()
		return &scratch{mac: m}
	}
	return k
}

// get returns a scratch whose MAC is reset to the keyed initial state.
func (k *macKey) get() *scratch {
	sc := k.pool.Get().(*scratch)
	sc.mac.Reset()
	return sc
}

func (k *macKey) put(sc *scratch) { k.pool.Put(sc) }

// writeString feeds s to the MAC without converting it to a []byte (which
// would allocate, since the slice escapes into the hash interface).
func (sc *scratch) writeString(s string) {
	for len(s) > 0 {
		n := copy(sc.buf[:], s)
		sc.mac.Write(sc.buf[:n])
		s = s[n:]
	}
}

// sumMAC finishes the MAC into sc.sum and returns it.
func (sc *scratch) sumMAC() []byte {
	return sc.mac.Sum(sc.sum[:0])
}

// equal reports, in time independent of the contents, whether the received
// signature text equals the computed one. The lengths are compared first, as
// hmac.Equal does: the length of a valid signature is public. The bytes are
// compared eight at a time, every word of them whatever the earlier ones
// held (no branch depends on the contents), which is what
// crypto/subtle.ConstantTimeCompare does a byte at a time.
func (sc *scratch) equal(received string, computed []byte) bool {
	if len(received) != len(computed) {
		return false
	}
	n := copy(sc.cand[:], received)
	a, b := sc.cand[:n], computed[:n]
	var diff uint64
	for len(a) >= 8 {
		diff |= binary.LittleEndian.Uint64(a) ^ binary.LittleEndian.Uint64(b)
		a, b = a[8:], b[8:]
	}
	for i := range a {
		diff |= uint64(a[i] ^ b[i])
	}
	return diff == 0
}
