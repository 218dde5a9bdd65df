package config

// Template is a commented .galley.yaml for `galley init`. It loads without
// error with the built-in rules and changes nothing from the defaults until
// edited.
const Template = `# galley configuration. galley looks for this file (.galley.yaml or
# .galley.yml) in the working directory and its parents. Every key is
# optional; run "galley rules" to list rule IDs.

# Extra rule packs: YAML files, or directories of them, relative to this file.
packs: []
#  - house-rules.yaml
#  - rules/extra/

# Rule settings by ID, glob (style/*) or family name. A value is a severity
# (error, warning, info), "on" or "off", or a mapping with severity, enabled
# and options (merged over the rule's own options). More specific entries
# win over globs; among equals, later entries win.
rules: {}
#  style/*: warning
#  boilerplate/template-line: off
#  style/repeated-word: {severity: error, options: {allow: [that]}}

# Which files to check when given directories.
files:
  extensions: [.md, .markdown, .txt]
  ignore: []
#    - "vendor/**"
#    - "drafts/**"
  max-size: 10MB

# Per-path rule settings (severities and on/off only); later entries win.
overrides: []
#  - files: ["legacy/**"]
#    rules: {style/sentence-case: off}

# Settings merged into the options of every citation/* rule, for example:
# citations: {style: auto}

# House stances, given to every contradiction/* rule as {house: ...}:
# stances: {contact: keep-contact}
`
