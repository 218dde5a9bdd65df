package parse

import "bytes"

// frontMatterEnd returns the offset just past the closing delimiter line of
// YAML ("---" … "---" or "...") or TOML ("+++" … "+++") front matter at
// src[start:], or 0 if there is none.
func frontMatterEnd(src []byte, start int) int {
	open, next := delimLine(src, start)
	var closers []string
	switch open {
	case "---":
		closers = []string{"---", "..."}
	case "+++":
		closers = []string{"+++"}
	default:
		return 0
	}
	for i := next; i < len(src); {
		d, n := delimLine(src, i)
		for _, c := range closers {
			if d == c {
				return n
			}
		}
		if n <= i {
			break
		}
		i = n
	}
	return 0
}

// delimLine returns the line starting at i with trailing white space
// removed, if it is three characters long, and the offset of the next line.
func delimLine(src []byte, i int) (string, int) {
	e := i
	if i < len(src) {
		e = len(src)
		if k := bytes.IndexByte(src[i:], '\n'); k >= 0 {
			e = i + k
		}
	}
	next := e
	if e < len(src) {
		next = e + 1
	}
	t := trimRightSpace(src, i, e)
	if t-i == 3 {
		return string(src[i:t]), next
	}
	return "", next
}
