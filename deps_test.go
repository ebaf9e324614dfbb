package typedhooks_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestDeps_CoreIsStandardLibraryOnly holds the packages every user program
// imports to the standard library and this module: a third-party import
// there (a JSON engine, say) would reach every program that receives a
// webhook, with its platforms, its bugs and its licence. Optional parts
// (dispatch/redisstore) and tests may use other modules.
func TestDeps_CoreIsStandardLibraryOnly(t *testing.T) {
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		if goTool, err = exec.LookPath("go"); err != nil {
			t.Skip("no go command to list the dependencies with")
		}
	}
	const module = "github.com/typedhooks/typedhooks"
	core := []string{"crossmint", "credentials", "stytch", "dynamic", "dispatch", "verify"}
	args := []string{"list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}"}
	for _, p := range core {
		args = append(args, module+"/"+p)
	}
	cmd := exec.Command(goTool, args...)
	out, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("go list: %v\n%s", err, stderr)
	}
	var listed int
	for _, p := range strings.Fields(string(out)) {
		listed++
		if p != module && !strings.HasPrefix(p, module+"/") {
			t.Errorf("%s is neither in the standard library nor in this module", p)
		}
	}
	if listed < len(core) {
		t.Fatalf("go list named %d packages, want at least the %d core ones:\n%s", listed, len(core), out)
	}
}
