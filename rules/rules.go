// Package rules embeds galley's built-in rule packs: YAML files that hold
// every rule's ID, severity, messages, help text and phrase lists. Go code
// elsewhere holds only the mechanisms (rule kinds) that these files bind.
package rules

import "embed"

// FS holds the built-in packs (*.yaml at the top level, and topic files
// under topics/ when present).
//
//go:embed *.yaml topics/*.yaml
var FS embed.FS
