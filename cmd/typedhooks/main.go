package main

import (
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// command is one subcommand.
type command struct {
	name    string
	usage   string // the synopsis after "typedhooks "
	summary string
	run     func(c *cli, args []string) int
}

var commands []command

func init() {
	commands = []command{
		{"types", "types [--all] PROVIDER", "print the provider's event types, one a line", runTypes},
		{"sample", "sample PROVIDER TYPE", "print the sample body of an event type", runSample},
		{"trigger", "trigger --url URL --secret S [--timeout D] [--keep-id] PROVIDER TYPE", "POST the sample of a type, signed as the provider signs it", runTrigger},
		{"send", "send --url URL --secret S --file F [--timeout D] PROVIDER", "POST your own body (F, or - for standard input), signed as the provider signs it", runSend},
		{"verify", "verify --secret S --body F --header 'Name: value' [--header ...] [--tolerance D] PROVIDER", "check a captured delivery and say why it does not verify", runVerify},
	}
}

// cli carries the streams of one run.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// run is the whole command; main adds only the process's streams and exit.
// Tests call it directly.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := &cli{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	return c.main(args)
}

func (c *cli) main(args []string) int {
	if len(args) == 0 {
		c.usage(c.stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 && args[0] == "help" {
			return c.main([]string{args[1], "--help"})
		}
		c.usage(c.stdout)
		return exitOK
	}
	for _, cmd := range commands {
		if cmd.name == args[0] {
			return cmd.run(c, args[1:])
		}
	}
	c.errorf("", "unknown command %q", args[0])
	c.usage(c.stderr)
	return exitUsage
}

func (c *cli) usage(w io.Writer) {
	io.WriteString(w, "typedhooks lists, prints, sends and checks webhook deliveries of Crossmint, Stytch and Dynamic.\n\nUsage:\n")
	for _, cmd := range commands {
		io.WriteString(w, "  typedhooks "+cmd.usage+"\n")
	}
	io.WriteString(w, "\nPROVIDER is crossmint, credentials, stytch or dynamic.\nRun 'typedhooks COMMAND --help' for the details of a command.\n")
}
