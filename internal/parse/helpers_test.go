package parse

import (
	"errors"
	"fmt"
	"testing"
)

var errStop = errors.New("stop")

// subTB reports failures with a file name and stops the check without
// calling runtime.Goexit, so it can be used from other goroutines.
type subTB struct {
	testing.TB
	name string
}

func (s *subTB) Helper() {}

func (s *subTB) Fatalf(format string, args ...any) {
	s.TB.Errorf("%s: %s", s.name, fmt.Sprintf(format, args...))
	panic(errStop)
}

func asErr[T error](err error, target *T) bool { return errors.As(err, target) }
