package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/kit"
	"github.com/typedhooks/typedhooks/typedhookstest"
)

// buildBinary builds the command into a temporary directory, as
// `go build` or `go run` would for a user.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "typedhooks")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

// runBinary runs the built command with stdin and returns what it printed
// and its exit status.
func runBinary(t *testing.T, bin, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")} // no TYPEDHOOKS_SECRET
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return result{out.String(), errOut.String(), code}
}

// TestBinary runs the built command against an httptest server with real
// dispatchers: `trigger` of every type `types` lists arrives as that typed
// event, and the other subcommands behave as in-process.
func TestBinary(t *testing.T) {
	bin := buildBinary(t)
	r := newReceiver(t)
	for _, p := range kit.Providers() {
		listed := runBinary(t, bin, "", "types", p)
		require.Equal(t, 0, listed.code, listed.stderr)
		want, err := kit.EventTypes(p)
		require.NoError(t, err)
		require.Equal(t, want, lines(listed.stdout))
		for _, typ := range lines(listed.stdout) {
			r.reset()
			res := runBinary(t, bin, "", "trigger", "--url", r.srv.URL+"/"+p, "--secret", secretFor(p), p, typ)
			require.Equal(t, 0, res.code, "%s %s: %s", p, typ, res.stderr)
			require.Equal(t, "200 OK\n", res.stdout)
			got := r.events()
			require.Len(t, got, 1, "%s %s", p, typ)
			_, unknown := got[0].(*typedhooks.Unknown)
			require.False(t, unknown, "%s %s arrived as *typedhooks.Unknown", p, typ)
			assert.Equal(t, typ, got[0].EventType())
		}
	}

	sample := runBinary(t, bin, "", "sample", "dynamic", "wallet.delegation.created")
	require.Equal(t, 0, sample.code)
	assert.Equal(t, string(typedhookstest.Body("dynamic", "wallet.delegation.created")), sample.stdout)

	body := typedhookstest.Body("stytch", "direct.user.create")
	args := append([]string{"verify", "--secret", typedhookstest.SvixSecret, "--body", "-"}, headerArgs(typedhookstest.Header("stytch", typedhookstest.SvixSecret, body))...)
	ok := runBinary(t, bin, string(body), append(args, "stytch")...)
	assert.Equal(t, 0, ok.code, ok.stderr)
	assert.Equal(t, "ok\n", ok.stdout)
	bad := runBinary(t, bin, string(body)+" ", append(args, "stytch")...)
	assert.Equal(t, 1, bad.code)
	assert.Contains(t, bad.stderr, "re-serialized")

	wrong := runBinary(t, bin, "", "trigger", "--url", r.srv.URL+"/dynamic", "--secret", "dyn_wrong", "dynamic", "ping")
	assert.Equal(t, 1, wrong.code)
	assert.Equal(t, "401 Unauthorized\n", wrong.stdout)

	usage := runBinary(t, bin, "", "trigger", "stytch")
	assert.Equal(t, 2, usage.code)
	assert.Empty(t, usage.stdout)
	assert.NotContains(t, usage.stderr, "goroutine")

	help := runBinary(t, bin, "", "send", "--help")
	assert.Equal(t, 0, help.code)
	assert.Contains(t, help.stdout, "usage: typedhooks send")
}
