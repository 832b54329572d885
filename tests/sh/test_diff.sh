#!/bin/sh
# shipshape diff: a unified diff of the files on disk against the next tier
# (default) or --tier N; nothing is written; needs a profile.
set -u
src=${SS_SOURCE_DIR:?}
ss=${SHIPSHAPE:?}
answers=$src/examples/flask-gunicorn/answers.json
work=$(mktemp -d "${TMPDIR:-/tmp}/shipshape-diff.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }
run() { "$ss" --templates "$src/templates" "$@"; }
mkdir "$work/p"
cp -R "$src/examples/flask-gunicorn/." "$work/p/"

run diff "$work/p" >/dev/null 2>"$work/err"
[ $? -eq 2 ] || no "diff without a profile should exit 2"
grep -q "shipshape init" "$work/err" || no "the message should point at 'shipshape init'"

run init "$work/p" --answers "$answers" --yes >/dev/null 2>&1 || no "init failed"
cp "$work/p/.shipshape.json" "$work/profile"
run diff "$work/p" >"$work/d1" || no "diff failed"
grep -q '^--- a/Dockerfile$' "$work/d1" && grep -q '^+++ b/Dockerfile$' "$work/d1" || no "no Dockerfile diff headers"
grep -q '^@@ -[0-9]' "$work/d1" || no "no hunk header"
grep -q '^+USER appuser$' "$work/d1" || no "tier 1 should add USER appuser"
grep -q '^-FROM python:3.12-slim$' "$work/d1" && grep -q '^+FROM python:3.12-slim-bookworm$' "$work/d1" ||
	no "tier 1 should pin the Debian release in FROM"
grep -q '^+++ b/.github/dependabot.yml$' "$work/d1" || no "tier 1 adds the update bot config"
# the diff applies: patch a copy and compare with generate
mkdir "$work/q"
cp "$work/p/Dockerfile" "$work/p/.dockerignore" "$work/q/"
if command -v patch >/dev/null 2>&1; then
	(cd "$work/q" && patch -s -p1 <"$work/d1") || no "the diff does not apply with patch -p1"
	run generate "$work/p" --tier 1 --file Dockerfile | cmp -s - "$work/q/Dockerfile" ||
		no "patched Dockerfile differs from tier 1"
fi
run diff "$work/p" --tier 0 >"$work/d0" 2>"$work/err" || no "diff --tier 0 failed"
[ ! -s "$work/d0" ] || no "diff against the tier on disk should be empty"
grep -q "no differences" "$work/err" || no "an empty diff should say so on stderr"
run diff "$work/p" --tier 6 >"$work/d6" || no "diff --tier 6 failed"
grep -q '^+FROM python:3.12-slim-bookworm AS runtime$' "$work/d6" || no "tier 6 diff lacks the runtime stage"
cmp -s "$work/profile" "$work/p/.shipshape.json" || no "diff changed the profile"
[ ! -e "$work/p/.github" ] || no "diff wrote files"
grep -q "edited by hand" "$work/err" && no "an untouched project got a hand-edit note"
# a hand-edited Dockerfile: the diff says next will stop there (exit 0 still)
echo 'RUN echo hi' >>"$work/p/Dockerfile"
run diff "$work/p" >/dev/null 2>"$work/err" || no "diff of a hand-edited project failed"
grep -q "note: 'Dockerfile' was edited by hand.*'shipshape next' will stop there (exit 3)" "$work/err" ||
	no "diff should say that next will stop at the hand-edited Dockerfile: $(cat "$work/err")"
# a file the next tier's Dockerfile copies is missing: the diff says so
mv "$work/p/requirements.txt" "$work/req.txt"
run diff "$work/p" >/dev/null 2>"$work/err" || no "diff with a missing requirements.txt failed"
grep -q "note: missing 'requirements.txt' in .*'shipshape next' will stop there" "$work/err" ||
	no "diff should say the Dockerfile copies a missing file: $(cat "$work/err")"
mv "$work/req.txt" "$work/p/requirements.txt"
[ $fail -eq 0 ] && echo "diff: next-tier default, --tier, applies with patch, writes nothing"
exit $fail
