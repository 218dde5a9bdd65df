// Command mdparse measures goldmark-only parse-and-walk throughput over a
// directory of Markdown files, as the ceiling for galley's own numbers (see
// scripts/bench.sh). It parses every *.md and *.markdown file below DIR
// with the goldmark extensions galley enables (tables, strikethrough, task
// lists; galley finds bare URLs itself), walks each tree, and prints MB/s
// on one goroutine and on GOMAXPROCS goroutines (as galley runs). It then
// parses the same files with galley's parser (internal/parse) on one
// goroutine and prints the CPU seconds of both and galley's share on top
// of goldmark, split into structure and sentences+tokens.
//
//	go run ./scripts/mdparse DIR
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/galley-lint/galley/internal/parse"
	"github.com/galley-lint/galley/rules"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
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
	var names []string
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
		names = append(names, filepath.ToSlash(p))
		total += int64(len(data))
		return nil
	})
	if err != nil {
		return fmt.Errorf("walking %s: %w", dir, err)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList))
	parseAndWalk := func(d []byte) {
		root := md.Parser().Parse(text.NewReader(d))
		_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			return ast.WalkContinue, nil
		})
	}
	mb := float64(total) / 1e6

	start, cpu0 := time.Now(), cpuTime()
	for _, d := range docs {
		parseAndWalk(d)
	}
	el, gmCPU := time.Since(start), cpuTime()-cpu0
	fmt.Printf("goldmark parse+walk: %d files, %.1f MB in %s: %.1f MB/s (1 goroutine, %.2f CPU-s)\n",
		len(docs), mb, el.Round(time.Millisecond), mb/el.Seconds(), gmCPU.Seconds())

	lex, err := parse.LoadLexicon(rules.FS)
	if err != nil {
		return fmt.Errorf("lexicon: %w", err)
	}
	p := parse.New(lex).NewWorker() // as each of galley's engine workers parses
	var tm parse.Timing
	start, cpu0 = time.Now(), cpuTime()
	for i, d := range docs {
		_, _ = p.ParseTimed(names[i], d, &tm)
	}
	el, gaCPU := time.Since(start), cpuTime()-cpu0
	fmt.Printf("galley parse: %.1f MB in %s: %.1f MB/s (1 goroutine, %.2f CPU-s: %.2f over goldmark; wall %.2f s structure, %.2f s sentences+tokens)\n",
		mb, el.Round(time.Millisecond), mb/el.Seconds(), gaCPU.Seconds(), (gaCPU - gmCPU).Seconds(), tm.Structure.Seconds(), tm.Sentences.Seconds())

	workers := runtime.GOMAXPROCS(0)
	next := make(chan []byte)
	var wg sync.WaitGroup
	start = time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range next {
				parseAndWalk(d)
			}
		}()
	}
	for _, d := range docs {
		next <- d
	}
	close(next)
	wg.Wait()
	el = time.Since(start)
	fmt.Printf("goldmark parse+walk: %d files, %.1f MB in %s: %.1f MB/s (%d goroutines)\n",
		len(docs), mb, el.Round(time.Millisecond), mb/el.Seconds(), workers)
	fmt.Printf("goldmark-mbps %.2f\n", mb/el.Seconds())
	return nil
}

// cpuTime returns the process's user and system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
