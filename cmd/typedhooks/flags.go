package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/typedhooks/typedhooks/internal/kit"
)

// errorf prints "typedhooks CMD: message" on standard error.
func (c *cli) errorf(cmd, format string, args ...any) {
	prefix := "typedhooks: "
	if cmd != "" {
		prefix = "typedhooks " + cmd + ": "
	}
	fmt.Fprintf(c.stderr, prefix+format+"\n", args...)
}

// flags is a subcommand's flag set, with its help text.
type flags struct {
	*flag.FlagSet
	cmd  command
	help string // what the command does, after the synopsis
}

func (c *cli) newFlags(name, help string) *flags {
	var cmd command
	for _, x := range commands {
		if x.name == name {
			cmd = x
		}
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors and help are printed by parse
	fs.Usage = func() {}
	return &flags{FlagSet: fs, cmd: cmd, help: help}
}

func (f *flags) printHelp(w io.Writer) {
	fmt.Fprintf(w, "usage: typedhooks %s\n\n%s\n", f.cmd.usage, strings.TrimSpace(f.help))
	first := true
	f.VisitAll(func(fl *flag.Flag) {
		if first {
			fmt.Fprintln(w, "\nFlags:")
			first = false
		}
		arg, usage := flag.UnquoteUsage(fl)
		fmt.Fprintf(w, "  --%s %s\n    \t%s", fl.Name, arg, usage)
		if fl.DefValue != "" && fl.DefValue != "false" && fl.DefValue != "[]" {
			fmt.Fprintf(w, " (default %s)", fl.DefValue)
		}
		fmt.Fprintln(w)
	})
}

// parse parses args, flags before or after the positional arguments ("--"
// ends the flags), and checks that there are exactly want positional
// arguments, named in names. It returns the positional arguments and, when
// the command must stop, its exit status (ok false).
func (c *cli) parse(f *flags, args []string, names ...string) (pos []string, status int, ok bool) {
	for {
		if err := f.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				f.printHelp(c.stdout)
				return nil, exitOK, false
			}
			c.errorf(f.Name(), "%v", err)
			fmt.Fprintf(c.stderr, "usage: typedhooks %s\nRun 'typedhooks %s --help' for details.\n", f.cmd.usage, f.Name())
			return nil, exitUsage, false
		}
		rest := f.Args()
		consumed := args[:len(args)-len(rest)]
		if len(consumed) > 0 && consumed[len(consumed)-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		if len(rest) == 0 {
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	if len(pos) != len(names) {
		what := "missing " + strings.Join(names[min(len(pos), len(names)):], " and ")
		if len(pos) > len(names) {
			what = fmt.Sprintf("unexpected argument %q", pos[len(names)])
		}
		c.errorf(f.Name(), "%s", what)
		fmt.Fprintf(c.stderr, "usage: typedhooks %s\nRun 'typedhooks %s --help' for details.\n", f.cmd.usage, f.Name())
		return nil, exitUsage, false
	}
	return pos, exitOK, true
}

// provider checks a PROVIDER argument.
func (c *cli) provider(cmd, name string) bool {
	for _, p := range kit.Providers() {
		if p == name {
			return true
		}
	}
	c.errorf(cmd, "unknown provider %q: use one of %s", name, strings.Join(kit.Providers(), ", "))
	return false
}

// secret returns the --secret value, else $TYPEDHOOKS_SECRET.
func (c *cli) secret(cmd, flagValue string) (string, bool) {
	if flagValue != "" {
		return flagValue, true
	}
	if s := c.getenv("TYPEDHOOKS_SECRET"); s != "" {
		return s, true
	}
	c.errorf(cmd, "--secret is required (or set TYPEDHOOKS_SECRET): the endpoint's signing secret, whsec_... for crossmint, credentials and stytch, the webhook secret from Dynamic's dashboard for dynamic")
	return "", false
}

// readInput reads a file, or standard input for "-".
func (c *cli) readInput(name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(c.stdin)
	}
	return os.ReadFile(name)
}

// headerFlags is a repeatable --header 'Name: value' flag.
type headerFlags struct {
	h     http.Header
	names []string // as given, for messages
}

func (h *headerFlags) String() string { return "" }

func (h *headerFlags) Set(s string) error {
	name, value, ok := strings.Cut(s, ":")
	name = strings.TrimSpace(name)
	if !ok || name == "" || strings.ContainsAny(name, " \t") {
		return fmt.Errorf("want 'Name: value', as curl -H takes it")
	}
	if h.h == nil {
		h.h = http.Header{}
	}
	h.h.Add(name, strings.TrimSpace(value))
	h.names = append(h.names, name)
	return nil
}

const secretHelp = "the endpoint's signing secret: whsec_... (Svix) for crossmint, credentials and stytch, Dynamic's webhook secret for dynamic; default $TYPEDHOOKS_SECRET. Never printed."

func timeoutFlag(f *flags) *time.Duration {
	return f.Duration("timeout", 10*time.Second, "how long to wait for the endpoint's answer, connection included")
}
