package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/typedhooks/typedhooks/internal/kit"
	"github.com/typedhooks/typedhooks/verify"
)

func runVerify(c *cli, args []string) int {
	f := c.newFlags("verify", `
Checks a delivery you captured (its body and signature headers) against the
endpoint's secret, as the typedhooks verifiers do. Prints "ok" and exits 0
when it verifies; otherwise exits 1 and says why on standard error: which
header is missing or empty, what is wrong with the secret, how far the
timestamp is outside the tolerance and in which direction, whether the
signature matches a re-serialized form of the same JSON (the body was
changed on its way to you), or that the signature was made with another
secret. The secret is never printed.

Pass the body exactly as received (not re-encoded, not copied from a
pretty-printing log viewer) and each signature header with --header:
svix-id, svix-timestamp and svix-signature for crossmint, credentials and
stytch (the unbranded webhook-* names work too), x-dynamic-signature-256 for
dynamic.`)
	secret := f.String("secret", "", secretHelp)
	bodyFile := f.String("body", "", "file holding the body exactly as received; - reads standard input")
	var headers headerFlags
	f.Var(&headers, "header", "a header of the delivery as `'Name: value'`, as curl -H takes it; repeat for each")
	tolerance := f.Duration("tolerance", verify.DefaultTolerance, "how far the Svix timestamp may be from now, either way")
	pos, status, ok := c.parse(f, args, "PROVIDER")
	if !ok {
		return status
	}
	provider := pos[0]
	if !c.provider("verify", provider) {
		return exitUsage
	}
	if *bodyFile == "" {
		c.errorf("verify", "--body is required: the file holding the body exactly as received, or - for standard input")
		return exitUsage
	}
	if *tolerance <= 0 {
		c.errorf("verify", "--tolerance must be positive, such as 5m")
		return exitUsage
	}
	key, ok := c.secret("verify", *secret)
	if !ok {
		return exitUsage
	}
	body, err := c.readInput(*bodyFile)
	if err != nil {
		c.errorf("verify", "reading the body: %v", err)
		return exitFailure
	}
	h := headers.h
	if h == nil {
		h = http.Header{}
	}
	problem := diagnose(provider, key, body, h, time.Now(), *tolerance)
	if problem != "" {
		c.errorf("verify", "%s", problem)
		return exitFailure
	}
	fmt.Fprintln(c.stdout, "ok")
	return exitOK
}

// diagnose says why the delivery (body and h) does not verify for provider
// under secret, or returns "" when it does. It never includes the secret.
func diagnose(provider, secret string, body []byte, h http.Header, now time.Time, tolerance time.Duration) string {
	if problem := secretProblem(provider, secret); problem != "" {
		return problem
	}
	if svix, _ := kit.IsSvix(provider); svix {
		return diagnoseSvix(provider, secret, body, h, now, tolerance)
	}
	return diagnoseDynamic(secret, body, h)
}

var (
	svixNames    = []string{"svix-id", "svix-timestamp", "svix-signature"}
	webhookNames = []string{"webhook-id", "webhook-timestamp", "webhook-signature"}
)

// headerProblems names the headers of names that are missing or empty.
func headerProblems(h http.Header, names []string) string {
	var missing, empty []string
	for _, n := range names {
		v, present := h[http.CanonicalHeaderKey(n)]
		switch {
		case !present:
			missing = append(missing, n)
		case len(v) == 0 || strings.TrimSpace(v[0]) == "":
			empty = append(empty, n)
		}
	}
	var parts []string
	if len(missing) > 0 {
		parts = append(parts, plural("missing header", missing))
	}
	if len(empty) > 0 {
		parts = append(parts, plural("empty header", empty))
	}
	return strings.Join(parts, "; ")
}

func plural(what string, names []string) string {
	if len(names) == 1 {
		return what + " " + names[0]
	}
	return what + "s " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func present(h http.Header, names []string) bool {
	for _, n := range names {
		if _, ok := h[http.CanonicalHeaderKey(n)]; ok {
			return true
		}
	}
	return false
}

// complete reports whether every header of names has a non-empty first
// value: the test by which verify.Svix picks the header set it verifies.
func complete(h http.Header, names []string) bool {
	for _, n := range names {
		if h.Get(n) == "" {
			return false
		}
	}
	return true
}

func diagnoseSvix(provider, secret string, body []byte, h http.Header, now time.Time, tolerance time.Duration) string {
	// The set is chosen as verify.Svix chooses it, so that a delivery the
	// verifier (and a dispatcher) accepts is never diagnosed as broken: a
	// complete svix-* set, else a complete webhook-* set (even with a stray
	// svix-id), else the set that is partly there, to say what it lacks.
	names := svixNames
	switch {
	case complete(h, svixNames):
	case complete(h, webhookNames):
		names = webhookNames
	case present(h, svixNames):
	case present(h, webhookNames):
		names = webhookNames
	case present(h, []string{verify.HeaderDynamicSignature}):
		return fmt.Sprintf("the delivery carries x-dynamic-signature-256, Dynamic's signature header, and none of the Svix headers %s delivers with: if it came from Dynamic, verify it as provider dynamic", provider)
	default:
		return fmt.Sprintf("missing headers svix-id, svix-timestamp and svix-signature: %s signs through Svix; pass each with --header, such as --header 'svix-id: msg_...'", provider)
	}
	if problem := headerProblems(h, names); problem != "" {
		return problem + ": Svix sends " + strings.Join(names, ", ") + " with every delivery; pass each with --header as received"
	}
	tsText := strings.TrimSpace(h.Get(names[1]))
	sec, err := strconv.ParseInt(tsText, 10, 64)
	if err != nil {
		return fmt.Sprintf("header %s %q is not a Unix time in seconds", names[1], clip(tsText))
	}
	sig := h.Get(names[2])
	if !strings.Contains(" "+sig, " v1,") {
		return fmt.Sprintf("header %s %q holds no v1 signature: Svix writes \"v1,\" and the base64 HMAC, several separated by spaces", names[2], clip(sig))
	}
	v, err := verify.NewSvix(secret, verify.WithoutTimestampCheck())
	if err != nil {
		return "the secret is not a valid Svix signing secret"
	}
	drift := timestampDrift(names[1], time.Unix(sec, 0), now, tolerance)
	err = v.Verify(h, body)
	switch {
	case err == nil:
		return drift
	case !errors.Is(err, verify.ErrNoMatchingSignature):
		return strings.TrimPrefix(err.Error(), "verify: ")
	}
	return join(mismatch(v, h, body, names[2], false, secret), drift)
}

// timestampDrift says how far ts is outside the tolerance, or "".
func timestampDrift(header string, ts, now time.Time, tolerance time.Duration) string {
	d := now.Sub(ts)
	switch {
	case d > tolerance:
		return fmt.Sprintf("the signature timestamp (%s %d, %s) is %v in the past, beyond the %v tolerance: the delivery was replayed or held back too long; ask the provider to send it again (every retry is signed anew), or pass --tolerance to check an old capture",
			header, ts.Unix(), ts.UTC().Format(time.RFC3339), d.Round(time.Second), tolerance)
	case -d > tolerance:
		return fmt.Sprintf("the signature timestamp (%s %d, %s) is %v in the future, beyond the %v tolerance: the sender's clock or this machine's clock is wrong",
			header, ts.Unix(), ts.UTC().Format(time.RFC3339), (-d).Round(time.Second), tolerance)
	}
	return ""
}

func diagnoseDynamic(secret string, body []byte, h http.Header) string {
	name := "x-dynamic-signature-256"
	if _, ok := h[verify.HeaderDynamicSignature]; !ok {
		if present(h, svixNames) || present(h, webhookNames) {
			return "missing header x-dynamic-signature-256; the delivery carries Svix headers instead: if it came from Crossmint or Stytch, verify it as provider crossmint or stytch"
		}
		return "missing header x-dynamic-signature-256: Dynamic sends it with every delivery; pass it with --header 'x-dynamic-signature-256: sha256=...'"
	}
	sig := strings.TrimSpace(h.Get(verify.HeaderDynamicSignature))
	if sig == "" {
		return "empty header " + name
	}
	hexPart, ok := strings.CutPrefix(sig, "sha256=")
	if !ok || len(hexPart) != 64 || strings.Trim(strings.ToLower(hexPart), "0123456789abcdef") != "" {
		return fmt.Sprintf("header %s %q is not sha256= followed by 64 hex digits, the form Dynamic sends", name, clip(sig))
	}
	v, err := verify.NewDynamic(secret)
	if err != nil {
		return "the secret is empty"
	}
	err = v.Verify(h, body)
	switch {
	case err == nil:
		return ""
	case !errors.Is(err, verify.ErrNoMatchingSignature):
		return strings.TrimPrefix(err.Error(), "verify: ")
	}
	return mismatch(v, h, body, name, true, secret)
}

// mismatch explains a signature that does not match body: either it matches
// another serialization of the same JSON (the body was changed on its way),
// or it was made with another secret.
func mismatch(v verify.Verifier, h http.Header, body []byte, header string, dynamic bool, secret string) string {
	for _, alt := range reserialized(body) {
		if v.Verify(h, alt.body) == nil {
			return fmt.Sprintf("the body was re-serialized after it was signed: the signature in %s matches %s, not these bytes. "+
				"Something between the provider and you re-encoded it, typically a framework's JSON middleware or body parser, a logger, or a log viewer you copied it from. "+
				"Verify the raw request body exactly as received, before anything decodes it.", header, alt.what)
		}
	}
	msg := fmt.Sprintf("the signature in %s was made with another secret: it matches neither this body nor a re-serialized form of it (compact, indented, re-encoded, other line endings) under the secret given. "+
		"Use the signing secret of the endpoint this delivery was sent to (each endpoint, and each test or live environment, has its own)", header)
	if dynamic && strings.HasPrefix(secret, "whsec_") {
		msg += "; the secret given looks like a Svix secret (whsec_...), but Dynamic signs with the webhook secret from Dynamic's dashboard"
	}
	return msg
}

type alternative struct {
	what string
	body []byte
}

// reserialized returns the forms a JSON body commonly takes after being
// decoded and encoded again, or its whitespace touched, excluding body
// itself.
func reserialized(body []byte) []alternative {
	var out []alternative
	add := func(what string, b []byte) {
		if !bytes.Equal(b, body) {
			out = append(out, alternative{what, b})
		}
	}
	trimmed := bytes.TrimRight(body, " \t\r\n")
	add("the same bytes without the trailing newline", trimmed)
	add("the same bytes with a trailing newline", append(bytes.Clone(trimmed), '\n'))
	add("the same bytes with \\r\\n line endings", bytes.ReplaceAll(bytes.ReplaceAll(body, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n")))
	add("the same bytes with \\n line endings", bytes.ReplaceAll(body, []byte("\r\n"), []byte("\n")))
	if !json.Valid(body) {
		return out
	}
	var compact bytes.Buffer
	_ = json.Compact(&compact, body)
	add("the compact form of this JSON (no whitespace), which is how the provider signed it", compact.Bytes())
	for _, indent := range []string{"  ", "    ", "\t"} {
		var b bytes.Buffer
		_ = json.Indent(&b, compact.Bytes(), "", indent)
		what := fmt.Sprintf("an indented form of this JSON (%q)", indent)
		add(what, b.Bytes())
		add(what+" with a trailing newline", append(bytes.Clone(b.Bytes()), '\n'))
	}
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var v any
	if d.Decode(&v) == nil {
		if b, err := json.Marshal(v); err == nil {
			add("this JSON decoded and encoded again (members sorted, as encoding/json writes a map)", b)
		}
	}
	return out
}

func join(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; also, " + b
}

// clip shortens a header value for a message.
func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}
