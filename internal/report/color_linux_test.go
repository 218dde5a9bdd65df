package report

import (
	"fmt"
	"os"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// openTerminal opens the follower side of a new pseudo-terminal, or skips
// the test when the system has none to give.
func openTerminal(t *testing.T) *os.File {
	t.Helper()
	leader, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { leader.Close() })
	fd := int(leader.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlocking pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetUint32(fd, unix.TIOCGPTN)
	if err != nil {
		t.Skipf("pseudo-terminal number: %v", err)
	}
	tty, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("opening pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { tty.Close() })
	return tty
}

func TestColorEnabledTerminal(t *testing.T) {
	tty := openTerminal(t)
	t.Setenv("TERM", "xterm-256color")
	t.Setenv("NO_COLOR", "")
	os.Unsetenv("NO_COLOR")
	if !ColorEnabled(tty, false) {
		t.Fatal("colour disabled for a terminal")
	}
	if ColorEnabled(tty, true) {
		t.Error("colour enabled for a terminal despite --no-color")
	}
	t.Setenv("TERM", "dumb")
	if ColorEnabled(tty, false) {
		t.Error("colour enabled for TERM=dumb")
	}
	t.Setenv("TERM", "xterm-256color")
	for _, v := range []string{"1", ""} {
		t.Setenv("NO_COLOR", v)
		if ColorEnabled(tty, false) {
			t.Errorf("colour enabled with NO_COLOR=%q", v)
		}
	}
}
