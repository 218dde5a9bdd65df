#!/usr/bin/env bash
# Proves galley's .pre-commit-hooks.yaml with the real pre-commit: in a
# temporary articles repository whose .pre-commit-config.yaml points at a
# temporary clone of this repository's HEAD, pre-commit builds galley
# (language: golang), a commit of a clean article passes, and a commit of
# a broken one is blocked with galley's message shown.
#
# Skips (exit 0, with a message) when pre-commit or git is not installed;
# install it with `apt-get install -y pre-commit` or `pipx install
# pre-commit`. Only committed files are used: commit
# .pre-commit-hooks.yaml first.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

for tool in pre-commit git go; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "precommit-proof: SKIP: $tool is not installed (apt-get install -y pre-commit)"
		exit 0
	fi
done

tmp="$(mktemp -d)"
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

# Isolate git and pre-commit from the user's configuration and caches, but
# reuse Go's module and build caches so the build needs no network and is
# quick.
export GOMODCACHE="${GOMODCACHE:-$(go env GOMODCACHE)}"
export GOCACHE="${GOCACHE:-$(go env GOCACHE)}"
export HOME="$tmp/home"
mkdir -p "$HOME"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$tmp/gitconfig"
export GIT_AUTHOR_NAME=proof GIT_AUTHOR_EMAIL=proof@example.com
export GIT_COMMITTER_NAME=proof GIT_COMMITTER_EMAIL=proof@example.com
export PRE_COMMIT_HOME="$tmp/pre-commit-cache"
export GOFLAGS="${GOFLAGS:-} -modcacherw"
export GOTOOLCHAIN=local
unset GITHUB_STEP_SUMMARY CI_COLOR || true
printf '[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n' >"$GIT_CONFIG_GLOBAL"

fail() {
	echo "precommit-proof: FAIL: $*" >&2
	exit 1
}

# The hooks' repository: a clone of HEAD.
git clone --quiet --no-local "$root" "$tmp/galley"
rev="$(git -C "$tmp/galley" rev-parse HEAD)"
[[ -f "$tmp/galley/.pre-commit-hooks.yaml" ]] || fail ".pre-commit-hooks.yaml is not committed"

# The articles repository.
articles="$tmp/articles"
mkdir -p "$articles"
cd "$articles"
git init --quiet
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: $tmp/galley
    rev: $rev
    hooks:
      - id: galley
      - id: galley-corpus
EOF
git add .pre-commit-config.yaml
git commit --quiet -m "pre-commit configuration"
pre-commit install >/dev/null

echo "precommit-proof: building galley through pre-commit (language: golang)…"
start=$SECONDS
pre-commit install-hooks >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log" >&2; fail "pre-commit could not build galley"; }
echo "precommit-proof: built in $((SECONDS - start))s"

# 1. A clean article: the commit goes through.
cat >clean.md <<'EOF'
# A clean article

Editors read this before it went out. Nothing in it should trouble a
linter.
EOF
git add clean.md
if ! git commit --quiet -m "clean article" >"$tmp/clean.log" 2>&1; then
	cat "$tmp/clean.log" >&2
	fail "the commit of a clean article was blocked"
fi
grep -q 'galley.*Passed' "$tmp/clean.log" || { cat "$tmp/clean.log" >&2; fail "galley did not run on the clean commit"; }
grep -q 'galley (whole corpus).*Passed' "$tmp/clean.log" || { cat "$tmp/clean.log" >&2; fail "galley-corpus did not run on the clean commit"; }
echo "precommit-proof: ok: clean article committed"
sed 's/^/    | /' "$tmp/clean.log"

# 2. A broken article: the commit is blocked and galley says why.
cat >broken.md <<'EOF'
# A broken article

We went to the the shop.
EOF
git add broken.md
if git commit --quiet -m "broken article" >"$tmp/broken.log" 2>&1; then
	cat "$tmp/broken.log" >&2
	fail "the commit of a broken article went through"
fi
grep -q 'galley.*Failed' "$tmp/broken.log" || { cat "$tmp/broken.log" >&2; fail "galley did not fail the commit"; }
grep -q 'broken.md:3:16: warning: Repeated word "the". \[style/repeated-word\]' "$tmp/broken.log" ||
	{ cat "$tmp/broken.log" >&2; fail "galley's message is not shown"; }
[[ "$(git rev-list --count HEAD)" == 2 ]] || fail "a commit was made despite the failure"
echo "precommit-proof: ok: broken article blocked, with galley's message:"
sed 's/^/    | /' "$tmp/broken.log"

echo "precommit-proof: PASS"
