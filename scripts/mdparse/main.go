// Command mdparse measures goldmark-only parse throughput over a directory
// of Markdown files, as a baseline for galley's own numbers (see
// scripts/bench.sh). It parses every *.md and *.markdown file below DIR
// with the same goldmark extensions galley enables and prints MB/s.
//
//	go run ./scripts/mdparse DIR
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: mdparse DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "mdparse:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	var docs [][]byte
	var total int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		ext := strings.ToLower(filepath.Ext(p))
		if d.IsDir() || (ext != ".md" && ext != ".markdown") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("reading %s: %w", p, err)
		}
		docs = append(docs, data)
		total += int64(len(data))
		return nil
	})
	if err != nil {
		return fmt.Errorf("walking %s: %w", dir, err)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.TaskList))
	p := md.Parser()
	start := time.Now()
	for _, d := range docs {
		p.Parse(text.NewReader(d))
	}
	el := time.Since(start)
	fmt.Printf("goldmark parse: %d files, %.1f MB in %s: %.1f MB/s (one goroutine)\n",
		len(docs), float64(total)/1e6, el.Round(time.Millisecond), float64(total)/1e6/el.Seconds())
	return nil
}
