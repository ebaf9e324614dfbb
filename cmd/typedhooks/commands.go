package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/typedhooks/typedhooks/internal/kit"
	"github.com/typedhooks/typedhooks/verify"
)

func runTypes(c *cli, args []string) int {
	f := c.newFlags("types", `
Prints PROVIDER's event types under their current names, one a line, sorted.
crossmint includes the credential events, which Crossmint delivers to the
same endpoint. With --all, the legacy names the provider still sends (such
as Crossmint's mint.succeeded for nfts.create.succeeded) follow, also sorted.`)
	all := f.Bool("all", false, "add the legacy names of renamed types")
	pos, status, ok := c.parse(f, args, "PROVIDER")
	if !ok {
		return status
	}
	if !c.provider("types", pos[0]) {
		return exitUsage
	}
	types, err := kit.EventTypes(pos[0])
	if err != nil {
		c.errorf("types", "%v", err)
		return exitFailure
	}
	if *all {
		legacy, err := kit.LegacyTypes(pos[0])
		if err != nil {
			c.errorf("types", "%v", err)
			return exitFailure
		}
		var names []string
		for name := range legacy {
			names = append(names, name)
		}
		slices.Sort(names)
		types = append(types, names...)
	}
	for _, t := range types {
		fmt.Fprintln(c.stdout, t)
	}
	return exitOK
}

// sampleArgs parses the arguments of a command that takes PROVIDER TYPE and
// finds the sample of that type, or says what to do instead. It returns
// the provider, the sample and, when the command must stop, its exit
// status (ok false).
func (c *cli) sampleArgs(f *flags, args []string) (provider string, s kit.Sample, status int, ok bool) {
	cmd := f.Name()
	pos, status, ok := c.parse(f, args, "PROVIDER", "TYPE")
	if !ok {
		return "", s, status, false
	}
	if !c.provider(cmd, pos[0]) {
		return "", s, exitUsage, false
	}
	s, err := kit.Lookup(pos[0], pos[1])
	if err != nil {
		c.errorf(cmd, "%s has no event type %q: 'typedhooks types --all %s' lists them", pos[0], pos[1], pos[0])
		return "", s, exitUsage, false
	}
	return pos[0], s, exitOK, true
}

func runSample(c *cli, args []string) int {
	f := c.newFlags("sample", `
Prints the sample body of PROVIDER's event type TYPE on standard output,
byte for byte: the provider's documented example where there is one,
otherwise a constructed body, as the provider documents the type without an
example (a note on standard error says so).`)
	provider, s, status, ok := c.sampleArgs(f, args)
	if !ok {
		return status
	}
	if _, err := c.stdout.Write(s.Body); err != nil {
		c.errorf("sample", "%v", err)
		return exitFailure
	}
	legacy, _ := kit.LegacyTypes(provider)
	switch current, isLegacy := legacy[s.Type]; {
	case isLegacy && s.MadeUp:
		fmt.Fprintf(c.stderr, "typedhooks sample: note: %s is the legacy name of %s; this is the sample of %s with its type changed\n", s.Type, current, current)
	case s.MadeUp:
		fmt.Fprintf(c.stderr, "typedhooks sample: note: %s documents %s without an example; this body is made up (%s)\n", provider, s.Type, s.File)
	}
	return exitOK
}

func runTrigger(c *cli, args []string) int {
	f := c.newFlags("trigger", `
POSTs the sample body of PROVIDER's event type TYPE (see 'typedhooks sample')
to URL, signed with the secret as the provider signs it: svix-id (new each
time), svix-timestamp (now) and svix-signature for crossmint, credentials and
stytch; x-dynamic-signature-256 for dynamic. Prints the response status and
exits 0 only on a 2xx answer; the start of any other answer's body goes to
standard error.

Like a new event from the provider, each trigger carries a new event id: the
sample's own id (Stytch's event_id, Dynamic's messageId and eventId, ...) is
replaced by a random one in the same form, so that a receiver that
de-duplicates runs its callbacks for every trigger. --keep-id sends the
sample byte for byte instead, to test that de-duplication.`)
	u := f.String("url", "", "the endpoint to POST to (http:// or https://)")
	secret := f.String("secret", "", secretHelp)
	timeout := timeoutFlag(f)
	keepID := f.Bool("keep-id", false, "send the sample byte for byte, with its own event id, instead of a new id")
	provider, s, status, ok := c.sampleArgs(f, args)
	if !ok {
		return status
	}
	body := s.Body
	if !*keepID {
		fresh, err := kit.WithNewID(provider, body)
		if err != nil {
			c.errorf("trigger", "%v", err)
			return exitFailure
		}
		body = fresh
	}
	return c.post("trigger", provider, *u, *secret, *timeout, body)
}

func runSend(c *cli, args []string) int {
	f := c.newFlags("send", `
POSTs the body in file F (- reads standard input) to URL, signed with the
secret as PROVIDER signs its deliveries (see 'typedhooks trigger --help').
The body is sent byte for byte, even if it is not JSON (a note on standard
error says so). Prints the response status; exits 0 only on a 2xx answer.`)
	u := f.String("url", "", "the endpoint to POST to (http:// or https://)")
	secret := f.String("secret", "", secretHelp)
	file := f.String("file", "", "the body to send; - reads standard input")
	timeout := timeoutFlag(f)
	pos, status, ok := c.parse(f, args, "PROVIDER")
	if !ok {
		return status
	}
	if !c.provider("send", pos[0]) {
		return exitUsage
	}
	if *file == "" {
		c.errorf("send", "--file is required: the body to send, or - for standard input")
		return exitUsage
	}
	body, err := c.readInput(*file)
	if err != nil {
		c.errorf("send", "reading the body: %v", err)
		return exitFailure
	}
	if !json.Valid(body) {
		fmt.Fprintf(c.stderr, "typedhooks send: note: the body is not valid JSON; sending it anyway\n")
	}
	return c.post("send", pos[0], *u, *secret, *timeout, body)
}

// post signs body as provider does and POSTs it to rawURL.
func (c *cli) post(cmd, provider, rawURL, flagSecret string, timeout time.Duration, body []byte) int {
	if rawURL == "" {
		c.errorf(cmd, "--url is required: the endpoint to POST to, such as http://localhost:8080/webhooks/%s", provider)
		return exitUsage
	}
	target, err := url.Parse(rawURL)
	if err != nil || (target.Scheme != "http" && target.Scheme != "https") || target.Host == "" {
		c.errorf(cmd, "--url %q is not an http:// or https:// URL", rawURL)
		return exitUsage
	}
	if timeout <= 0 {
		c.errorf(cmd, "--timeout must be positive, such as 10s")
		return exitUsage
	}
	secret, ok := c.secret(cmd, flagSecret)
	if !ok {
		return exitUsage
	}
	if problem := secretProblem(provider, secret); problem != "" {
		c.errorf(cmd, "%s", problem)
		return exitUsage
	}
	header, err := kit.Sign(provider, secret, body)
	if err != nil { // secretProblem caught what Sign rejects
		c.errorf(cmd, "signing: %v", err)
		return exitFailure
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target.String(), bytes.NewReader(body))
	if err != nil {
		c.errorf(cmd, "%v", err)
		return exitUsage
	}
	req.Header = header
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "typedhooks-cli")
	// Providers do not follow redirects, so neither does the command: a
	// redirect is reported instead of silently turned into a GET.
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			c.errorf(cmd, "no answer from %s within %v (--timeout)", target.Redacted(), timeout)
		} else {
			c.errorf(cmd, "could not deliver to %s: %v", target.Redacted(), unwrapURLError(err))
		}
		return exitFailure
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
	fmt.Fprintln(c.stdout, resp.Status)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		msg := strings.TrimSpace(string(answer))
		if msg != "" {
			fmt.Fprintf(c.stderr, "typedhooks %s: the endpoint answered %s: %s\n", cmd, resp.Status, msg)
		} else {
			fmt.Fprintf(c.stderr, "typedhooks %s: the endpoint answered %s\n", cmd, resp.Status)
		}
		if loc := resp.Header.Get("Location"); resp.StatusCode >= 300 && resp.StatusCode < 400 && loc != "" {
			fmt.Fprintf(c.stderr, "typedhooks %s: the endpoint redirects to %s; providers do not follow redirects, so give that address to the provider (and to --url)\n", cmd, loc)
		}
		if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden {
			fmt.Fprintf(c.stderr, "typedhooks %s: a 401 or 403 usually means the endpoint verifies with another secret than --secret\n", cmd)
		}
		return exitFailure
	}
	return exitOK
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// secretProblem says what is wrong with secret for provider, or "".
func secretProblem(provider, secret string) string {
	svix, _ := kit.IsSvix(provider)
	if !svix {
		if _, err := verify.NewDynamic(secret); err != nil {
			return "the secret is empty"
		}
		return ""
	}
	if strings.HasPrefix(secret, "dyn_") {
		return fmt.Sprintf("the secret looks like a Dynamic secret (dyn_...), but %s delivers through Svix: use the endpoint's Svix signing secret, whsec_ followed by base64, from the provider's webhook settings", provider)
	}
	if _, err := verify.NewSvix(secret); err != nil {
		detail := strings.TrimPrefix(err.Error(), verify.ErrInvalidSecret.Error()+": ")
		return fmt.Sprintf("the secret is not a valid Svix signing secret (%s): %s expects whsec_ followed by base64, as its webhook settings show it", detail, provider)
	}
	return ""
}
