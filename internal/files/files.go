// Package files finds the files galley checks: it expands the paths given on
// the command line into a sorted list of inputs, walking directories for the
// configured extensions, skipping hidden directories, node_modules, ignored
// paths and oversized files, following symbolic links without looping, and
// turning every problem it meets into a notification instead of an error.
package files

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/galley-lint/galley/internal/finding"
)

// DefaultExtensions returns the extensions walked when Options.Extensions
// is empty.
func DefaultExtensions() []string { return []string{".md", ".markdown", ".txt"} }

// DefaultMaxSize is the size limit used when Options.MaxSize is zero.
const DefaultMaxSize int64 = 10 << 20

// Options control which files Collect returns.
type Options struct {
	// Extensions are the file name endings walked in directories
	// (compared case-insensitively; a missing leading dot is added).
	// Default DefaultExtensions().
	Extensions []string
	// Ignore are doublestar globs matched against slash paths relative to
	// the working directory (e.g. "vendor/**", "**/drafts/*.md"). A
	// matching directory is not walked; a matching file, even one given
	// explicitly, is skipped.
	Ignore []string
	// MaxSize is the largest file checked, in bytes; larger files are
	// skipped with a notification. Zero means DefaultMaxSize; a negative
	// value means no limit.
	MaxSize int64
	// Dir is the working directory paths are reported relative to. Empty
	// means the process's working directory.
	Dir string
}

// Input is one file to check.
type Input struct {
	// Path is the reported path: slash-separated, relative to the working
	// directory when the file is below it, absolute otherwise.
	Path string
	// Abs is the absolute path to open (in the OS's form).
	Abs string
	// Size is the file's size in bytes when it was found.
	Size int64
}

// collector holds the state of one Walk call.
type collector struct {
	opts    Options
	wd      string
	exts    []string
	ignore  []string
	maxSize int64
	// found is called with each input; it returns false to stop the
	// walk.
	found    func(Input) bool
	stopped  bool
	seen     map[string]bool // reported paths of the inputs found
	notes    []finding.Notification
	visited  map[string]bool // real paths of directories walked
	noteSeen map[string]bool
}

// Collect expands paths (files and directories; "." when empty) into inputs
// sorted by Path, with notifications for the problems met: paths that do
// not exist, unreadable directories, symbolic link loops, broken links,
// files over the size limit and invalid ignore patterns. Files given
// explicitly are checked whatever their extension; directories are walked
// for Options.Extensions, skipping hidden directories (.git and the like)
// and node_modules. Notification messages start with the path they concern.
func Collect(paths []string, opts Options) ([]Input, []finding.Notification) {
	var out []Input
	notes := Walk(paths, opts, func(in Input) bool {
		out = append(out, in)
		return true
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, notes
}

// Walk finds the inputs Collect returns, but hands each to found as soon
// as the walk meets it (in walk order: the paths in the order given,
// directories in name order, depth first; each reported path once), so
// that checking can start before the walk ends. It stops when found
// returns false. It returns the notifications sorted as Collect does.
func Walk(paths []string, opts Options, found func(Input) bool) []finding.Notification {
	c := &collector{
		opts:     opts,
		found:    found,
		seen:     map[string]bool{},
		visited:  map[string]bool{},
		noteSeen: map[string]bool{},
		maxSize:  opts.MaxSize,
	}
	if c.maxSize == 0 {
		c.maxSize = DefaultMaxSize
	}
	exts := opts.Extensions
	if len(exts) == 0 {
		exts = DefaultExtensions()
	}
	for _, e := range exts {
		e = strings.ToLower(strings.TrimSpace(e))
		if e == "" {
			continue
		}
		if !strings.HasPrefix(e, ".") {
			e = "." + e
		}
		c.exts = append(c.exts, e)
	}
	for _, p := range opts.Ignore {
		if !doublestar.ValidatePattern(p) {
			c.notify(finding.SeverityError, "", fmt.Sprintf("ignore pattern %q: %v", p, doublestar.ErrBadPattern))
			continue
		}
		c.ignore = append(c.ignore, p)
	}
	wd := opts.Dir
	if wd == "" {
		var err error
		if wd, err = os.Getwd(); err != nil {
			wd = ""
		}
	}
	if wd != "" {
		if abs, err := filepath.Abs(wd); err == nil {
			wd = abs
		}
	}
	c.wd = wd
	if len(paths) == 0 {
		paths = []string{"."}
	}
	for _, p := range paths {
		if c.stopped {
			break
		}
		c.root(p)
	}
	sort.SliceStable(c.notes, func(i, j int) bool {
		if c.notes[i].Path != c.notes[j].Path {
			return c.notes[i].Path < c.notes[j].Path
		}
		return c.notes[i].Message < c.notes[j].Message
	})
	return c.notes
}

// notify records a notification once.
func (c *collector) notify(level finding.Severity, p, msg string) {
	key := p + "\x00" + msg
	if c.noteSeen[key] {
		return
	}
	c.noteSeen[key] = true
	c.notes = append(c.notes, finding.Notification{Path: p, Level: level, Message: msg})
}

// problem records a notification for an error met at path p.
func (c *collector) problem(level finding.Severity, p string, err error) {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	c.notify(level, p, err.Error())
}

// abs returns the absolute OS path for a path argument.
func (c *collector) abs(p string) string {
	if filepath.IsAbs(p) || c.wd == "" {
		return filepath.Clean(p)
	}
	return filepath.Join(c.wd, p)
}

// report returns the reported path of an absolute OS path: relative to the
// working directory when below it, slash-separated.
func (c *collector) report(abs string) string {
	if c.wd != "" {
		if rel, err := filepath.Rel(c.wd, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(abs)
}

// ignored reports whether the reported path rel matches an ignore pattern.
func (c *collector) ignored(rel string) bool {
	for _, p := range c.ignore {
		if ok, _ := doublestar.Match(p, rel); ok {
			return true
		}
		// A pattern such as "vendor/**" also names the directory itself.
		if strings.HasSuffix(p, "/**") {
			if ok, _ := doublestar.Match(strings.TrimSuffix(p, "/**"), rel); ok {
				return true
			}
		}
	}
	return false
}

// root handles one path argument.
func (c *collector) root(arg string) {
	abs := c.abs(arg)
	rep := c.report(abs)
	shown := filepath.ToSlash(filepath.Clean(arg))
	info, err := os.Stat(abs)
	if err != nil {
		if _, lerr := os.Lstat(abs); lerr == nil {
			c.problem(finding.SeverityError, shown, c.linkError(abs, err))
			return
		}
		c.problem(finding.SeverityError, shown, err)
		return
	}
	if info.IsDir() {
		if rep != "." && c.ignored(rep) {
			return
		}
		c.walk(abs, rep, "", nil)
		return
	}
	if c.ignored(rep) {
		return
	}
	c.file(abs, rep, info)
}

// linkError describes why a symbolic link could not be followed.
func (c *collector) linkError(abs string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && errors.Is(pe.Err, fs.ErrNotExist) {
		return errors.New("broken symbolic link")
	}
	if errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "too many levels") {
		return errors.New("symbolic link loop")
	}
	return err
}

// file adds a regular file, checking its size.
func (c *collector) file(abs, rep string, info fs.FileInfo) {
	if !info.Mode().IsRegular() {
		c.notify(finding.SeverityWarning, rep, "not a regular file; skipped")
		return
	}
	if c.maxSize > 0 && info.Size() > c.maxSize {
		c.notify(finding.SeverityWarning, rep, fmt.Sprintf("file is %s, over the %s size limit; skipped",
			humanSize(info.Size()), humanSize(c.maxSize)))
		return
	}
	if c.seen[rep] {
		return
	}
	c.seen[rep] = true
	if !c.found(Input{Path: rep, Abs: abs, Size: info.Size()}) {
		c.stopped = true
	}
}

// walk walks the directory abs, reported as rep. real is its path with
// symbolic links resolved ("" to resolve it here: only the root and
// directories reached through a link need it, as a plain subdirectory's
// real path is its parent's joined with its name, and resolving every
// directory would stat each component of its path). ancestors are the
// real paths of the directories above it in this walk, for loop detection.
func (c *collector) walk(abs, rep, real string, ancestors []string) {
	if real == "" {
		var err error
		if real, err = filepath.EvalSymlinks(abs); err != nil {
			c.problem(finding.SeverityError, rep, err)
			return
		}
	}
	for _, a := range ancestors {
		if a == real {
			c.notify(finding.SeverityWarning, rep, "symbolic link loop; not followed")
			return
		}
	}
	if c.visited[real] {
		return // reached again through another link: already walked
	}
	c.visited[real] = true
	entries, err := os.ReadDir(abs)
	if err != nil {
		c.problem(finding.SeverityError, rep, err)
		// ReadDir returns the entries it read before the error.
	}
	ancestors = append(ancestors[:len(ancestors):len(ancestors)], real)
	for _, e := range entries {
		if c.stopped {
			return
		}
		name := e.Name()
		childAbs := join(abs, name, filepath.Separator)
		childRep := name
		if rep != "." {
			childRep = join(rep, name, '/')
		}
		mode := e.Type()
		var info fs.FileInfo
		childReal := real // joined with name below for a plain directory
		if mode&fs.ModeSymlink != 0 {
			childReal = "" // resolved by walk if it is a directory
			info, err = os.Stat(childAbs)
			if err != nil {
				c.problem(finding.SeverityWarning, childRep, c.linkError(childAbs, err))
				continue
			}
			mode = info.Mode().Type()
		}
		if mode.IsDir() {
			if name == "node_modules" || (strings.HasPrefix(name, ".") && name != "." && name != "..") {
				continue
			}
			if c.ignored(childRep) {
				continue
			}
			if childReal != "" {
				childReal = join(childReal, name, filepath.Separator)
			}
			c.walk(childAbs, childRep, childReal, ancestors)
			continue
		}
		if !mode.IsRegular() || !c.wanted(name) || c.ignored(childRep) {
			continue
		}
		if info == nil {
			info, err = e.Info()
			if err != nil {
				c.problem(finding.SeverityWarning, childRep, err)
				continue
			}
		}
		c.file(childAbs, childRep, info)
	}
}

// join returns dir and a directory entry's name joined by sep, as
// filepath.Join or path.Join would: dir is clean and name holds no
// separator and is neither "." nor "..", so there is nothing to clean
// (the joins were a seventh of the walk's time).
func join(dir, name string, sep byte) string {
	if dir != "" && dir[len(dir)-1] == sep {
		return dir + name // a root such as "/"
	}
	return dir + string(sep) + name
}

// wanted reports whether a file name has one of the walked extensions.
func (c *collector) wanted(name string) bool {
	lower := strings.ToLower(name)
	for _, ext := range c.exts {
		if strings.HasSuffix(lower, ext) && len(lower) > len(ext) {
			return true
		}
	}
	return false
}

// humanSize formats a byte count for messages.
func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
