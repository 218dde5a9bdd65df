//go:build unix

package engine

import (
	"io/fs"
	"syscall"
)

// readFile reads the named file into buf's storage (growing it when the
// file does not fit) and returns the bytes read. size is the file's size
// when the caller knows it (the walk stat'ed it), or negative.
//
// It calls the system directly: os.Open on Linux also puts the descriptor
// in non-blocking mode, tries to register it with the network poller and
// takes it out of non-blocking mode again (five fcntl and epoll_ctl calls
// for a regular file, which the poller cannot use), and allocates a File
// with a cleanup. Here a file costs an open, one read when it still has the
// size the walk saw (else reads until end of file, as os.ReadFile does) and
// a close. Errors are *fs.PathError as os.ReadFile returns them.
func readFile(name string, size int64, buf []byte) ([]byte, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	if size < 0 {
		var st syscall.Stat_t
		if err := syscall.Fstat(fd, &st); err == nil {
			size = st.Size
		}
	}
	b := grow(buf, size)
	for {
		want := cap(b) - len(b)
		n, err := syscall.Read(fd, b[len(b):cap(b)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		b = b[:len(b)+n]
		// A read that returns nothing is the end of the file; one that
		// returns less than asked with the whole expected size read is
		// too (a regular file is read short only at its end), which
		// saves the second read os.ReadFile makes to see the end.
		if n == 0 || (n < want && int64(len(b)) == size) {
			return b, nil
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // the file grew: more room
		}
	}
}
