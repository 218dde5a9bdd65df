package rulepack

import (
	"fmt"
	"strconv"

	"github.com/galley-lint/galley/internal/check"

	"go.yaml.in/yaml/v3"
)

// Layer is one set of options for a rule: the `options:` of its spec, or
// settings from the user's configuration merged over them.
type Layer struct {
	// File names the file Node came from, for error messages.
	File string
	// Node is the YAML value (normally a mapping).
	Node *yaml.Node
}

// OptionSource supplies user option layers for a rule, lowest precedence
// first. The configuration implements it.
type OptionSource interface {
	RuleOptions(ruleID string) []Layer
}

// Options implements check.Options over merged YAML layers, decoding
// strictly and naming the file and line of each problem.
type Options struct {
	node  *yaml.Node
	files map[*yaml.Node]string
	file  string
}

// NewOptions merges layers in order (later layers win: mappings merge key
// by key, recursively; any other value, lists included, is replaced) and
// returns the result. Duplicate keys within a layer are reported as errors.
func NewOptions(layers ...Layer) (*Options, error) {
	o := &Options{}
	var errs Errors
	for _, l := range layers {
		n := l.Node
		if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
			n = n.Content[0]
		}
		if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
			continue
		}
		d := &decoder{file: l.File}
		d.checkDuplicates(n)
		errs = append(errs, d.errs...)
		if o.node == nil {
			// Nodes not in o.files are o.file's, so a single layer (a
			// spec's own options, the common case) needs no tagging.
			o.node, o.file = n, l.File
			continue
		}
		if o.files == nil {
			o.files = map[*yaml.Node]string{}
			tagFiles(o.node, o.file, o.files)
		}
		tagFiles(n, l.File, o.files)
		o.node = merge(o.node, n, l.File, o.files, 0)
	}
	return o, errs.Err()
}

// tagFiles records file for every node under n not yet recorded (alias
// targets are part of the tree already; skipping seen nodes also stops
// alias cycles).
func tagFiles(n *yaml.Node, file string, files map[*yaml.Node]string) {
	if n == nil {
		return
	}
	if _, seen := files[n]; seen {
		return
	}
	files[n] = file
	for _, c := range n.Content {
		tagFiles(c, file, files)
	}
}

func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// merge returns src merged over dst without modifying either.
func merge(dst, src *yaml.Node, file string, files map[*yaml.Node]string, depth int) *yaml.Node {
	dst, src = deref(dst), deref(src)
	if dst == nil || dst.Kind != yaml.MappingNode || src.Kind != yaml.MappingNode || depth > maxDepth {
		return src
	}
	out := &yaml.Node{Kind: yaml.MappingNode, Tag: src.Tag, Line: src.Line, Column: src.Column}
	files[out] = file
	index := map[string]int{}
	for i := 0; i+1 < len(dst.Content); i += 2 {
		index[dst.Content[i].Value] = len(out.Content)
		out.Content = append(out.Content, dst.Content[i], dst.Content[i+1])
	}
	for i := 0; i+1 < len(src.Content); i += 2 {
		k, v := src.Content[i], src.Content[i+1]
		if j, ok := index[k.Value]; ok {
			out.Content[j] = k
			out.Content[j+1] = merge(out.Content[j+1], v, file, files, depth+1)
			continue
		}
		index[k.Value] = len(out.Content)
		out.Content = append(out.Content, k, v)
	}
	return out
}

// Decode strictly decodes the merged options into v, a pointer to a
// struct. Unknown keys, duplicate keys and wrong types are errors of type
// Errors, one Problem per fault, each naming the file and line. Absent
// options leave v unchanged.
func (o *Options) Decode(v any) error {
	if o == nil {
		return nil
	}
	d := &decoder{file: o.file, files: o.files}
	if o.node == nil {
		return nil
	}
	d.decodeInto(o.node, v)
	return d.errs.Err()
}

// Node returns the merged options, or nil when there are none.
func (o *Options) Node() *yaml.Node {
	if o == nil {
		return nil
	}
	return o.node
}

// Pos returns "file:line" of the value at the given key path (for example
// Pos("swap", "alot")), or of the deepest existing node on the way, so that
// kinds can point errors at the option at fault. List elements are named
// by their index ("0", "1", ...). With no path it returns the position of
// the options themselves; "" when there are none.
func (o *Options) Pos(path ...string) string {
	file, line := o.locate(path)
	if file == "" {
		return ""
	}
	return Problem{File: file, Line: line}.Position()
}

// Errorf returns a Problem located at the option named by path (see Pos).
func (o *Options) Errorf(path []string, format string, args ...any) Problem {
	file, line := o.locate(path)
	return Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// OptionErrorf returns a Problem located at the option named by path when
// opts are rulepack Options (see Options.Errorf), and an unlocated Problem
// otherwise (Load then places it at the rule). Kinds use it for errors in
// option values, such as invalid regular expressions, and may collect
// several into Errors.
func OptionErrorf(opts check.Options, path []string, format string, args ...any) Problem {
	if o, ok := opts.(*Options); ok && o != nil && o.node != nil {
		return o.Errorf(path, format, args...)
	}
	return Problem{Msg: fmt.Sprintf(format, args...)}
}

func (o *Options) locate(path []string) (file string, line int) {
	if o == nil || o.node == nil {
		return "", 0
	}
	n := o.node
	for _, key := range path {
		n = deref(n)
		var next *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == key {
					next = n.Content[i+1]
				}
			}
		case yaml.SequenceNode:
			if i, err := strconv.Atoi(key); err == nil && i >= 0 && i < len(n.Content) {
				next = n.Content[i]
			}
		}
		if next == nil {
			break
		}
		n = next
	}
	file = o.file
	if f, ok := o.files[n]; ok {
		file = f
	}
	return file, n.Line
}

// Resolved returns a copy of the merged options with every YAML alias
// replaced by the value it names and anchors dropped, for display: a rule
// that shares settings through an anchor shows them in full. Nil when there
// are none.
func (o *Options) Resolved() *yaml.Node {
	if o == nil || o.node == nil {
		return nil
	}
	return resolveAliases(o.node, 0)
}

func resolveAliases(n *yaml.Node, depth int) *yaml.Node {
	n = deref(n)
	if n == nil {
		return nil
	}
	c := *n
	c.Anchor = ""
	c.Content = nil
	if depth > maxDepth {
		return &c
	}
	for _, child := range n.Content {
		c.Content = append(c.Content, resolveAliases(child, depth+1))
	}
	return &c
}
