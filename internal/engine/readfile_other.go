//go:build !unix

package engine

import (
	"io"
	"os"
)

// readFile reads the named file into buf's storage (growing it when the
// file does not fit) and returns the bytes read. size is the file's size
// when the caller knows it, or negative. Errors are os.ReadFile's.
func readFile(name string, size int64, buf []byte) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if size < 0 {
		if info, err := f.Stat(); err == nil {
			size = info.Size()
		}
	}
	b := grow(buf, size)
	for {
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // the file grew: more room
		}
	}
}
