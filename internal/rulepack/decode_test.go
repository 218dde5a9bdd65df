package rulepack

import (
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

type textName string

func (t *textName) UnmarshalText(b []byte) error {
	*t = textName("text:" + string(b))
	return nil
}

type scalars struct {
	S  string            `yaml:"s"`
	N  textName          `yaml:"n"`
	L  []string          `yaml:"l"`
	M  map[string]string `yaml:"m"`
	I  int               `yaml:"i"`
	B  bool              `yaml:"b"`
	A  any               `yaml:"a"`
	Ps *string           `yaml:"ps"`
}

// TestDecodeScalarsLikeYAML checks that the decoder's own handling of
// string scalars gives what yaml.v3 gives, for every scalar style. (Nulls
// are the decoder's own business: a null list item is kept as a zero value.)
func TestDecodeScalarsLikeYAML(t *testing.T) {
	values := []string{"plain", "'single'", `"double\tq"`, "1", "0x10", "yes", "true", "1.5", "2001-12-14", "!!str 12", "!!binary aGk=", "|\n    lit\n    eral\n", ">\n    fol\n    ded\n", "''", `""`, "é ü", "'# not a comment'"}
	for _, v := range values {
		src := fmt.Sprintf("s: %s\nn: %s\nl: [%s]\nm: {k: %s}\na: %s\nps: %s\n", v, v, flow(v), flow(v), v, v)
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(src), &n); err != nil {
			t.Fatalf("%q: %v", v, err)
		}
		var want, got scalars
		wantErr := n.Decode(&want)
		gotErr := DecodeNode("f.yaml", &n, &got)
		if (wantErr == nil) != (gotErr == nil) {
			t.Errorf("%q: yaml.v3 error %v, ours %v", v, wantErr, gotErr)
			continue
		}
		if wantErr != nil {
			continue
		}
		wp, gp := strOrNil(want.Ps), strOrNil(got.Ps)
		want.Ps, got.Ps = nil, nil
		if w, g := fmt.Sprintf("%#v %v", want, wp), fmt.Sprintf("%#v %v", got, gp); w != g {
			t.Errorf("%q:\nyaml.v3 %s\nours    %s", v, w, g)
		}
	}
}

// flow makes a block scalar usable inside a flow collection.
func flow(v string) string {
	if strings.HasPrefix(v, "|") || strings.HasPrefix(v, ">") {
		return `"block"`
	}
	return v
}

func strOrNil(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestDuplicateKeysLargeAndSmall checks duplicate keys are found both in
// small mappings (scanned) and large ones (indexed), naming the right
// earlier line.
func TestDuplicateKeysLargeAndSmall(t *testing.T) {
	for _, size := range []int{3, 40} {
		var b strings.Builder
		b.WriteString("m:\n")
		for i := range size {
			fmt.Fprintf(&b, "  k%d: v\n", i)
		}
		b.WriteString("  k1: again\n  k1: thrice\n")
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(b.String()), &n); err != nil {
			t.Fatal(err)
		}
		last := size + 3 // line of the third k1
		var v struct {
			M map[string]string `yaml:"m"`
		}
		err := DecodeNode("f.yaml", &n, &v)
		want := fmt.Sprintf("f.yaml:%d: duplicate key \"k1\" (first at line 3)\nf.yaml:%d: duplicate key \"k1\" (first at line 3)", last-1, last)
		if err == nil || err.Error() != want {
			t.Errorf("size %d decode: got\n%v\nwant\n%s", size, err, want)
		}
		_, err = NewOptions(Layer{File: "f.yaml", Node: &n})
		want = fmt.Sprintf("f.yaml:%d: duplicate key \"k1\" (first at line 3)\nf.yaml:%d: duplicate key \"k1\" (first at line %d)", last-1, last, last-1)
		if err == nil || err.Error() != want {
			t.Errorf("size %d options: got\n%v\nwant\n%s", size, err, want)
		}
	}
}
