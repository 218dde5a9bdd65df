package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var updateScripts = flag.Bool("update-scripts", false, "rewrite cmp targets in testdata/script/*.txtar with the actual output")

// TestMain registers galley as a testscript command: scripts run it as
// `galley ...` (or `exec galley ...`), re-executing this test binary.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"galley": func() { os.Exit(run()) },
	})
}

// raceScripts are the scripts run under -race: each galley command in a
// script is a new process, and a race-instrumented galley spends seconds
// of CPU loading and checking, so running all of them would take many
// minutes. These exercise the concurrent parts (the engine's workers with
// several --jobs, the corpus phase, every reporter); the full set runs
// without -race.
var raceScripts = []string{"check_stats_jobs.txtar", "check_formats.txtar"}

// TestScripts runs the end-to-end scripts in testdata/script.
func TestScripts(t *testing.T) {
	dir := filepath.Join("testdata", "script")
	var files []string
	if raceBuild {
		for _, f := range raceScripts {
			files = append(files, filepath.Join(dir, f))
		}
		all, _ := filepath.Glob(filepath.Join(dir, "*.txtar"))
		t.Logf("race build: running %d of %d scripts (%s); run go test without -race for all of them",
			len(files), len(all), strings.Join(raceScripts, ", "))
		dir = ""
	}
	testscript.Run(t, testscript.Params{
		Dir:                 dir,
		Files:               files,
		UpdateScripts:       *updateScripts,
		RequireExplicitExec: false,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			// Scripts must not depend on the developer's environment.
			env.Setenv("NO_COLOR", "1")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"sarif":    cmdSARIF,
			"jsonpath": cmdJSONPath,
			"bytes":    cmdBytes,
		},
	})
}

// cmdSARIF checks that a file is a SARIF 2.1.0 log with one run:
//
//	sarif FILE RESULTS [RULE...]
//
// RESULTS is the expected number of results; each RULE must be the ruleId
// of at least one result and be described in tool.driver.rules.
func cmdSARIF(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! sarif")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: sarif FILE RESULTS [RULE...]")
	}
	var log struct {
		Version string `json:"version"`
		Schema  string `json:"$schema"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	data := ts.ReadFile(args[0])
	if err := json.Unmarshal([]byte(data), &log); err != nil {
		ts.Fatalf("%s: not JSON: %v", args[0], err)
	}
	if log.Version != "2.1.0" {
		ts.Fatalf("%s: version %q, want 2.1.0", args[0], log.Version)
	}
	if len(log.Runs) != 1 {
		ts.Fatalf("%s: %d runs, want 1", args[0], len(log.Runs))
	}
	r := log.Runs[0]
	if r.Tool.Driver.Name != "galley" {
		ts.Fatalf("%s: tool %q, want galley", args[0], r.Tool.Driver.Name)
	}
	var want int
	if _, err := fmt.Sscan(args[1], &want); err != nil {
		ts.Fatalf("bad RESULTS %q", args[1])
	}
	if len(r.Results) != want {
		ts.Fatalf("%s: %d results, want %d", args[0], len(r.Results), want)
	}
	described := map[string]bool{}
	for _, rule := range r.Tool.Driver.Rules {
		described[rule.ID] = true
	}
	for _, res := range r.Results {
		if len(res.Locations) == 0 || res.Locations[0].PhysicalLocation.Region.StartLine < 1 {
			ts.Fatalf("%s: result for %s has no location with a line", args[0], res.RuleID)
		}
		if !described[res.RuleID] {
			ts.Fatalf("%s: result rule %s is not in tool.driver.rules", args[0], res.RuleID)
		}
	}
	for _, rule := range args[2:] {
		found := false
		for _, res := range r.Results {
			found = found || res.RuleID == rule
		}
		if !found {
			ts.Fatalf("%s: no result for rule %s", args[0], rule)
		}
	}
}

// cmdJSONPath checks a value in a JSON file:
//
//	jsonpath FILE PATH WANT
//
// PATH is a dot-separated list of object keys and array indexes, plus
// "len" for the length of an array or object; WANT is compared with the
// value printed with %v (strings unquoted).
func cmdJSONPath(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: jsonpath FILE PATH WANT")
	}
	var v any
	if err := json.Unmarshal([]byte(ts.ReadFile(args[0])), &v); err != nil {
		ts.Fatalf("%s: not JSON: %v", args[0], err)
	}
	for _, key := range strings.Split(args[1], ".") {
		switch x := v.(type) {
		case map[string]any:
			if key == "len" {
				v = len(x)
				continue
			}
			var ok bool
			if v, ok = x[key]; !ok {
				ts.Fatalf("%s: no key %q in path %s", args[0], key, args[1])
			}
		case []any:
			if key == "len" {
				v = len(x)
				continue
			}
			var i int
			if _, err := fmt.Sscan(key, &i); err != nil || i < 0 || i >= len(x) {
				ts.Fatalf("%s: bad index %q in path %s (length %d)", args[0], key, args[1], len(x))
			}
			v = x[i]
		default:
			ts.Fatalf("%s: cannot index %T with %q", args[0], v, key)
		}
	}
	got := fmt.Sprint(v)
	if (got == args[2]) == neg {
		ts.Fatalf("%s: %s = %q, want %s%q", args[0], args[1], got, map[bool]string{true: "not ", false: ""}[neg], args[2])
	}
}

// cmdBytes writes a file from a Go string literal's body, for bytes a
// txtar archive cannot hold (NUL, invalid UTF-8, CR):
//
//	bytes FILE 'text\x00with\r\nescapes'
func cmdBytes(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: bytes FILE ESCAPED-TEXT")
	}
	data, err := strconv.Unquote(`"` + strings.ReplaceAll(args[1], `"`, `\"`) + `"`)
	if err != nil {
		ts.Fatalf("bad escaped text %q: %v", args[1], err)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(data), 0o644))
}
