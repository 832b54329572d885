#!/bin/sh
# The detect command line: the readable table, --json, --help (with the
# documented precedence), and the exit statuses for bad input.
set -u
bin=${SHIPSHAPE:?}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
src=${SS_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export SHIPSHAPE_TODAY=2026-06-01
fail=0
check() { # description, condition result
	if [ "$2" -eq 0 ]; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}

cp -R "$src/tests/fixtures/projects/pip-flask-psycopg2" "$tmp/p"
rm -f "$tmp/p/expected.json"

out=$("$bin" detect "$tmp/p"); rc=$?
check "table: exit 0" $rc
printf '%s\n' "$out" | grep -qx 'framework            flask  (app.py:7, certain)'
check "table: framework line with evidence" $?
printf '%s\n' "$out" | grep -qx 'port                 8080  (Procfile:1, certain)'
check "table: port from the Procfile" $?
printf '%s\n' "$out" | grep -qx 'system_packages      build: gcc libpq-dev; runtime: libpq5  (requirements.txt:4, likely)'
check "table: system packages" $?
printf '%s\n' "$out" | grep -qx '  ci           .github/workflows/test.yml'
check "table: existing CI file" $?

(cd "$tmp/p" && "$bin" detect --json) >"$tmp/out.json"; rc=$?
check "json: default directory is the current one" $rc
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["entrypoint"]["value"] == "app:app"; assert d["warnings"] == []' "$tmp/out.json"
	check "json: parses, entrypoint app:app" $?
fi

help=$("$bin" detect --help); rc=$?
check "help: exit 0" $rc
printf '%s\n' "$help" | grep -q 'uv (uv.lock, \[tool.uv\]) > poetry'
check "help: documents the dependency-manager precedence" $?

mkdir "$tmp/empty" && echo '{}' >"$tmp/empty/package.json"
"$bin" detect "$tmp/empty" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ]; check "no python: exit 2" $?
grep -q "^shipshape: no python project in '$tmp/empty': looked for pyproject.toml" "$tmp/err"
check "no python: one line saying what was looked for" $?
[ "$(wc -l <"$tmp/err")" -eq 1 ]; check "no python: a single line on stderr" $?

"$bin" detect "$tmp/missing" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ]; check "missing directory: exit 2" $?
grep -q "cannot read directory" "$tmp/err"; check "missing directory: message" $?

"$bin" detect --jsn "$tmp/p" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ]; check "unknown option: exit 2" $?
grep -q "json" "$tmp/err"; check "unknown option: did-you-mean" $?

"$bin" detect "$tmp/p" "$tmp/p" >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ]; check "two directories: exit 2" $?
exit $fail
