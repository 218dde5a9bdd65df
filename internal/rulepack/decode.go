package rulepack

import (
	"encoding"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Problem is one error at a place in a YAML file.
type Problem struct {
	// File is the file name shown to the user.
	File string
	// Line is 1-based; 0 when unknown.
	Line int
	// Msg says what is wrong.
	Msg string
}

// Error formats the problem as "file:line: message".
func (p Problem) Error() string {
	switch {
	case p.File == "":
		return p.Msg
	case p.Line <= 0:
		return p.File + ": " + p.Msg
	}
	return p.File + ":" + strconv.Itoa(p.Line) + ": " + p.Msg
}

// Position returns "file:line" (or "file" when the line is unknown).
func (p Problem) Position() string {
	if p.Line <= 0 {
		return p.File
	}
	return p.File + ":" + strconv.Itoa(p.Line)
}

// Errors is a list of problems, reported together. Its Error method puts
// one problem on each line.
type Errors []Problem

// Error joins the problems, one per line.
func (e Errors) Error() string {
	lines := make([]string, len(e))
	for i, p := range e {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Err returns e as an error, or nil when e is empty.
func (e Errors) Err() error {
	if len(e) == 0 {
		return nil
	}
	return e
}

// decoder decodes YAML nodes into Go values strictly: unknown keys,
// duplicate keys and wrong types are problems naming the file and line of
// the offending node. It keeps going after a problem so that every problem
// of a tree is reported at once.
type decoder struct {
	// file is the file of nodes absent from files.
	file string
	// files maps nodes of merged trees to the file they came from.
	files map[*yaml.Node]string
	errs  Errors
	depth int
	// structs caches the YAML fields of struct types met so far.
	structs map[reflect.Type]*structInfo
}

// maxDepth bounds nesting (and so alias cycles) when walking YAML trees.
const maxDepth = 100

func (d *decoder) fileOf(n *yaml.Node) string {
	if f, ok := d.files[n]; ok {
		return f
	}
	return d.file
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	d.errs = append(d.errs, Problem{File: d.fileOf(n), Line: line, Msg: fmt.Sprintf(format, args...)})
}

var (
	nodeType            = reflect.TypeFor[yaml.Node]()
	yamlUnmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	obsoleteUnmarshaler = reflect.TypeFor[interface {
		UnmarshalYAML(unmarshal func(any) error) error
	}]()
)

// DecodeNode strictly decodes n into v, a non-nil pointer. Problems name
// file and the line of the node at fault. A nil node leaves v unchanged.
func DecodeNode(file string, n *yaml.Node, v any) error {
	d := &decoder{file: file}
	d.decodeInto(n, v)
	return d.errs.Err()
}

func (d *decoder) decodeInto(n *yaml.Node, v any) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		d.errorf(n, "internal error: decode target %T is not a non-nil pointer", v)
		return
	}
	d.decode(n, rv.Elem())
}

// kindName names a node kind for messages.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "a YAML node"
}

// want names the YAML shape a Go type needs.
func want(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Struct, reflect.Map:
		return "a mapping"
	case reflect.Slice, reflect.Array:
		return "a list"
	}
	return t.String()
}

func (d *decoder) decode(n *yaml.Node, v reflect.Value) {
	if n == nil {
		return
	}
	if d.depth > maxDepth {
		d.errorf(n, "value nested too deeply")
		return
	}
	d.depth++
	defer func() { d.depth-- }()
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			d.decode(n.Content[0], v)
		}
		return
	case yaml.AliasNode:
		if n.Alias != nil {
			d.decode(n.Alias, v)
		}
		return
	}
	t := v.Type()
	switch {
	case t == nodeType:
		v.Set(reflect.ValueOf(*n))
		return
	case t.Kind() == reflect.Pointer && t.Elem() == nodeType:
		v.Set(reflect.ValueOf(n))
		return
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		// An explicit null (or an empty value) leaves the zero value.
		v.SetZero()
		return
	}
	if t.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(t.Elem()))
		}
		d.decode(n, v.Elem())
		return
	}
	if reflect.PointerTo(t).Implements(yamlUnmarshalerType) ||
		(reflect.PointerTo(t).Implements(textUnmarshalerType) && n.Kind == yaml.ScalarNode) {
		d.leaf(n, v)
		return
	}
	switch t.Kind() {
	case reflect.Interface:
		d.leaf(n, v)
	case reflect.Struct:
		d.structure(n, v)
	case reflect.Map:
		d.mapping(n, v)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.errorf(n, "want a list, got %s", kindName(n))
			return
		}
		s := reflect.MakeSlice(t, len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.decode(c, s.Index(i))
		}
		v.Set(s)
	default:
		if n.Kind != yaml.ScalarNode {
			d.errorf(n, "want %s, got %s", want(t), kindName(n))
			return
		}
		if t.Kind() == reflect.String && n.Tag == "!!str" && !reflect.PointerTo(t).Implements(obsoleteUnmarshaler) {
			// What yaml.v3 does with a string scalar and a string type
			// that has no unmarshaler (see its decoder.scalar), without
			// building a decoder per value: most of a rule pack's values.
			v.SetString(n.Value)
			return
		}
		d.leaf(n, v)
	}
}

// leaf decodes n with yaml.v3 and reports its errors at n.
func (d *decoder) leaf(n *yaml.Node, v reflect.Value) {
	err := n.Decode(v.Addr().Interface())
	if err == nil {
		return
	}
	if _, ok := err.(*yaml.TypeError); ok && n.Kind == yaml.ScalarNode {
		d.errorf(n, "want %s, got %s", want(v.Type()), kindName(n))
		return
	}
	msg := err.Error()
	// Unmarshalers may return errors prefixed by yaml.v3 with "line N: ".
	msg = strings.TrimPrefix(msg, "yaml: unmarshal errors:\n  ")
	if strings.HasPrefix(msg, "line ") {
		if i := strings.Index(msg, ": "); i > 0 {
			msg = msg[i+2:]
		}
	}
	d.errorf(n, "%s", msg)
}

// field is a struct field with its YAML name.
type field struct {
	name  string
	index []int
}

// yamlFields lists the fields of struct type t by YAML name, descending
// into fields tagged ",inline".
func yamlFields(t reflect.Type) []field {
	var out []field
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, flags, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if strings.Contains(","+flags+",", ",inline,") && f.Type.Kind() == reflect.Struct {
			for _, sub := range yamlFields(f.Type) {
				out = append(out, field{name: sub.name, index: append([]int{i}, sub.index...)})
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out = append(out, field{name: name, index: []int{i}})
	}
	return out
}

// structInfo is what decoding needs to know of a struct type.
type structInfo struct {
	byName map[string][]int
	// known lists the YAML names, sorted and joined for messages.
	known string
}

// structOf returns the fields of struct type t, computed once per decoder.
func (d *decoder) structOf(t reflect.Type) *structInfo {
	if si, ok := d.structs[t]; ok {
		return si
	}
	fields := yamlFields(t)
	si := &structInfo{byName: make(map[string][]int, len(fields))}
	names := make([]string, 0, len(fields))
	for _, f := range fields {
		si.byName[f.name] = f.index
		names = append(names, f.name)
	}
	sort.Strings(names)
	si.known = strings.Join(names, ", ")
	if d.structs == nil {
		d.structs = map[reflect.Type]*structInfo{}
	}
	d.structs[t] = si
	return si
}

// duplicateKey returns the earlier key node of mapping n with the same
// value as the key at index i (an even index into n.Content), or nil.
// Small mappings, the common case, are scanned without a map.
func duplicateKey(n *yaml.Node, i int, seen map[string]*yaml.Node) *yaml.Node {
	k := n.Content[i]
	if seen != nil {
		if prev, ok := seen[k.Value]; ok {
			return prev
		}
		seen[k.Value] = k
		return nil
	}
	for j := 0; j < i; j += 2 {
		if prev := n.Content[j]; prev.Kind == yaml.ScalarNode && prev.Value == k.Value {
			return prev
		}
	}
	return nil
}

// seenMap returns a map for duplicateKey when mapping n is too large to
// scan, else nil.
func seenMap(n *yaml.Node) map[string]*yaml.Node {
	if len(n.Content) <= 32 {
		return nil
	}
	return make(map[string]*yaml.Node, len(n.Content)/2)
}

func (d *decoder) structure(n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "want a mapping, got %s", kindName(n))
		return
	}
	si := d.structOf(v.Type())
	seen := seenMap(n)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "want a string key, got %s", kindName(k))
			continue
		}
		if prev := duplicateKey(n, i, seen); prev != nil {
			d.errorf(k, "duplicate key %q (first at line %d)", k.Value, prev.Line)
			continue
		}
		idx, ok := si.byName[k.Value]
		if !ok {
			d.errorf(k, "unknown key %q (known keys: %s)", k.Value, si.known)
			continue
		}
		d.decode(val, v.FieldByIndex(idx))
	}
}

func (d *decoder) mapping(n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "want a mapping, got %s", kindName(n))
		return
	}
	t := v.Type()
	if v.IsNil() {
		v.Set(reflect.MakeMapWithSize(t, len(n.Content)/2))
	}
	seen := seenMap(n)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode {
			if prev := duplicateKey(n, i, seen); prev != nil {
				d.errorf(k, "duplicate key %q (first at line %d)", k.Value, prev.Line)
				continue
			}
		}
		kv := reflect.New(t.Key()).Elem()
		before := len(d.errs)
		d.decode(k, kv)
		if len(d.errs) > before {
			continue
		}
		ev := reflect.New(t.Elem()).Elem()
		d.decode(val, ev)
		v.SetMapIndex(kv, ev)
	}
}

// checkDuplicates reports duplicate keys anywhere in the tree under n.
func (d *decoder) checkDuplicates(n *yaml.Node) {
	if n == nil || d.depth > maxDepth {
		return
	}
	d.depth++
	defer func() { d.depth-- }()
	if n.Kind == yaml.MappingNode {
		// Each repeat names the key's previous occurrence.
		seen := seenMap(n)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				continue
			}
			var prev *yaml.Node
			if seen != nil {
				prev = seen[k.Value]
				seen[k.Value] = k
			} else {
				for j := i - 2; j >= 0 && prev == nil; j -= 2 {
					if c := n.Content[j]; c.Kind == yaml.ScalarNode && c.Value == k.Value {
						prev = c
					}
				}
			}
			if prev != nil {
				d.errorf(k, "duplicate key %q (first at line %d)", k.Value, prev.Line)
			}
		}
	}
	for _, c := range n.Content {
		d.checkDuplicates(c)
	}
}
