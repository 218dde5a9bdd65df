package stance

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
)

// ExpandPattern turns a pattern into RE2 syntax. Patterns are RE2 regular
// expressions matched case-insensitively at word boundaries, with three
// conveniences: a space (outside brackets) matches any run of white space
// and hyphens, an
// apostrophe matches ' or ’, and {name} expands to the alternatives of
// macro name (themselves patterns, expanded without macros).
func ExpandPattern(p string, macros map[string][]string) (string, error) {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p):
			b.WriteByte(c)
			b.WriteByte(p[i+1])
			i++
		case inClass:
			if c == ']' {
				inClass = false
			}
			if c == '\'' {
				b.WriteString(`'’`)
				continue
			}
			b.WriteByte(c)
		case c == '[':
			inClass = true
			b.WriteByte(c)
			if i+1 < len(p) && p[i+1] == '^' {
				b.WriteByte('^')
				i++
			}
			if i+1 < len(p) && p[i+1] == ']' {
				b.WriteByte(']')
				i++
			}
		case c == ' ':
			for i+1 < len(p) && p[i+1] == ' ' {
				i++
			}
			b.WriteString(`[\s-]+`)
		case c == '\'':
			b.WriteString(`['’]`)
		case c == '{' && i+1 < len(p) && isNameStart(p[i+1]):
			end := strings.IndexByte(p[i:], '}')
			if end < 0 {
				return "", fmt.Errorf("pattern %q: unclosed {", p)
			}
			name := p[i+1 : i+end]
			alts, ok := macros[name]
			if !ok {
				return "", fmt.Errorf("pattern %q: unknown macro {%s}", p, name)
			}
			if len(alts) == 0 {
				return "", fmt.Errorf("pattern %q: macro {%s} is empty", p, name)
			}
			parts := make([]string, len(alts))
			for j, a := range alts {
				if refersToMacro(a) {
					return "", fmt.Errorf("macro {%s}: %q refers to another macro", name, a)
				}
				e, err := ExpandPattern(a, nil)
				if err != nil {
					return "", fmt.Errorf("macro {%s}: %w", name, err)
				}
				parts[j] = e
			}
			b.WriteString("(?:" + strings.Join(parts, "|") + ")")
			i += end
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// refersToMacro reports whether p holds "{" before a name's first
// letter (a macro reference).
func refersToMacro(p string) bool {
	for i := 0; i+1 < len(p); i++ {
		if p[i] == '{' && isNameStart(p[i+1]) {
			return true
		}
	}
	return false
}

func isNameStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }

// CompilePattern compiles one pattern (see ExpandPattern) into a
// case-insensitive regexp matched at word boundaries.
func CompilePattern(p string, macros map[string][]string) (*regexp.Regexp, error) {
	re, err := compileList([]string{p}, macros)
	if err != nil {
		return nil, err.err
	}
	return re, nil
}

// listError is a compile error of one entry of a pattern list.
type listError struct {
	index int
	err   error
}

// compileList compiles patterns into one alternation; nil for an empty
// list. It compiles the alternation once and compiles entries one by one
// only to locate a problem.
func compileList(patterns []string, macros map[string][]string) (*regexp.Regexp, *listError) {
	return compileListAnchored(patterns, macros, false)
}

// compileListAnchored is compileList; with anchor, the alternation
// matches only at the start of the text (after list numbers, markup and
// quotation marks), as heading frames do.
func compileListAnchored(patterns []string, macros map[string][]string, anchor bool) (*regexp.Regexp, *listError) {
	if len(patterns) == 0 {
		return nil, nil
	}
	parts := make([]string, 0, len(patterns))
	for i, p := range patterns {
		if strings.TrimSpace(p) == "" {
			return nil, &listError{i, fmt.Errorf("empty pattern")}
		}
		e, err := ExpandPattern(strings.TrimSpace(p), macros)
		if err != nil {
			return nil, &listError{i, err}
		}
		parts = append(parts, "(?:"+e+")")
	}
	expr := `(?i)\b(?:` + strings.Join(parts, "|") + `)\b`
	if anchor {
		expr = `^[\s\d.)#*_"“'‘(\[-]*(?:` + expr + `)\b`
	}
	re, err := regexp.Compile(expr)
	if err == nil {
		return re, nil
	}
	for i, e := range parts {
		if _, err := regexp.Compile(e); err != nil {
			var se *syntax.Error
			if errors.As(err, &se) {
				return nil, &listError{i, fmt.Errorf("pattern %q: invalid regular expression: %s", strings.TrimSpace(patterns[i]), se.Code)}
			}
			return nil, &listError{i, fmt.Errorf("pattern %q: %w", strings.TrimSpace(patterns[i]), err)}
		}
	}
	return nil, &listError{0, fmt.Errorf("patterns: %w", err)}
}
