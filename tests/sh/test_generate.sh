#!/bin/sh
# shipshape generate: --stdout heads each file with '==> PATH <==', --file
# prints one file alone, --out writes a directory; output is byte-identical
# across runs; neither DIR nor its profile is touched.
set -u
src=${SS_SOURCE_DIR:?}
ss=${SHIPSHAPE:?}
answers=$src/examples/flask-gunicorn/answers.json
work=$(mktemp -d "${TMPDIR:-/tmp}/shipshape-gen.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }
run() { "$ss" --templates "$src/templates" "$@"; }
mkdir "$work/p"
cp -R "$src/examples/flask-gunicorn/." "$work/p/"
run init "$work/p" --answers "$answers" --tier 1 --yes >/dev/null 2>&1 || no "init failed"
snap() { (cd "$work/p" && find . -type f | LC_ALL=C sort | xargs cksum); }
snap >"$work/before"

for tier in 0 3 6; do
	run generate "$work/p" --tier "$tier" --stdout >"$work/s1" || no "generate --stdout tier $tier failed"
	run generate "$work/p" --tier "$tier" >"$work/s2" || no "generate tier $tier failed"
	cmp -s "$work/s1" "$work/s2" || no "generate is not byte-identical across runs (tier $tier)"
	head -n 1 "$work/s1" | grep -qx '==> Dockerfile <==' || no "first line is not '==> Dockerfile <=='"
	grep -qx '==> .dockerignore <==' "$work/s1" || no "no '==> .dockerignore <==' header"
	run generate "$work/p" --tier "$tier" --file Dockerfile >"$work/df" || no "--file failed"
	head -n 1 "$work/df" | grep -q '^==>' && no "--file printed a header"
	run generate "$work/p" --tier "$tier" --out "$work/out$tier" >/dev/null || no "--out failed"
	cmp -s "$work/df" "$work/out$tier/Dockerfile" || no "--file and --out differ (tier $tier)"
	# the --stdout form is exactly the files, in order, separated by one blank line
	(
		first=1
		for f in Dockerfile .dockerignore docker-entrypoint.sh .github/workflows/docker.yml .github/dependabot.yml; do
			[ -f "$work/out$tier/$f" ] || continue
			[ $first -eq 1 ] || echo
			first=0
			echo "==> $f <=="
			cat "$work/out$tier/$f"
		done
	) | cmp -s - "$work/s1" || no "--stdout is not the files with '==> PATH <==' headers (tier $tier)"
done
[ -f "$work/out6/.github/workflows/docker.yml" ] || no "tier 6 has no GitHub workflow"
[ ! -f "$work/out0/.github/workflows/docker.yml" ] || no "tier 0 has a GitHub workflow"
snap >"$work/after"
cmp -s "$work/before" "$work/after" || no "generate touched DIR or its profile"

# without a profile: --answers and defaults; never writes a profile
mkdir "$work/e"
run generate "$work/e" --answers "$answers" --tier 2 --file .github/workflows/docker.yml >/dev/null ||
	no "generate without a profile failed"
[ -z "$(ls -A "$work/e")" ] || no "generate wrote into a directory without a profile"

# no profile, no --answers: detection supplies the answers
mkdir "$work/d"
cp "$src/examples/flask-gunicorn/app.py" "$src/examples/flask-gunicorn/requirements.txt" "$work/d/"
run generate "$work/d" --tier 0 --file Dockerfile >"$work/det" 2>"$work/err" || no "generate with detection failed: $(cat "$work/err")"
grep -q '"app:app"\]$' "$work/det" || no "detection did not supply the entrypoint"
[ ! -e "$work/d/.shipshape.json" ] || no "generate wrote a profile"
# a partial answers file without a profile keeps detection (as init does):
# the entrypoint is detected, the file's keys win
printf '{"syntax_directive": false, "port": 18081}\n' >"$work/partial.json"
run generate "$work/d" --tier 0 --answers "$work/partial.json" --file Dockerfile >"$work/det2" 2>"$work/err" ||
	no "generate --answers with a partial file and no profile failed: $(cat "$work/err")"
grep -q '"app:app"\]$' "$work/det2" || no "--answers without a profile dropped detection (entrypoint)"
grep -q '0.0.0.0:18081' "$work/det2" || no "--answers did not win over detection (port)"
grep -q '^# syntax=' "$work/det2" && no "--answers did not win over the defaults (syntax_directive)"
run generate "$work/d" --help | grep -q "else over what detection finds" || no "--help does not give the layering"
# --answers from a pipe: '-' (standard input) and a FIFO (what <(...) gives)
run generate "$work/d" --tier 0 --answers "$work/partial.json" --file Dockerfile >"$work/viafile" 2>/dev/null
run generate "$work/d" --tier 0 --answers - --file Dockerfile <"$work/partial.json" >"$work/viastdin" 2>"$work/err" ||
	no "--answers - failed: $(cat "$work/err")"
cmp -s "$work/viafile" "$work/viastdin" || no "--answers - differs from the same file"
mkfifo "$work/fifo"
cat "$work/partial.json" >"$work/fifo" &
run generate "$work/d" --tier 0 --answers "$work/fifo" --file Dockerfile >"$work/viafifo" 2>"$work/err" ||
	no "--answers FIFO failed: $(cat "$work/err")"
wait
cmp -s "$work/viafile" "$work/viafifo" || no "--answers FIFO differs from the same file"
printf '{"port": "x"}' | run generate "$work/d" --tier 0 --answers - >/dev/null 2>"$work/err"
[ $? -eq 2 ] && grep -q "^shipshape: -: invalid value for 'port'" "$work/err" || no "a bad answer on stdin should exit 2 naming '-' and the key: $(cat "$work/err")"
# DIR is a project that lacks a file the Dockerfile copies: a warning, still exit 0
mkdir "$work/po"
printf '[tool.poetry]\nname = "po"\nversion = "0.1.0"\n\n[tool.poetry.dependencies]\npython = "^3.11"\nflask = "2.2.2"\n' >"$work/po/pyproject.toml"
printf 'from flask import Flask\napp = Flask(__name__)\n' >"$work/po/app.py"
run generate "$work/po" --tier 0 --file Dockerfile >/dev/null 2>"$work/err" || no "generate should still render without poetry.lock"
grep -q "warning: missing 'poetry.lock'" "$work/err" || no "generate should warn about the missing lock: $(cat "$work/err")"
run generate "$work/e" --answers "$answers" --tier 0 --file Dockerfile >/dev/null 2>"$work/err"
[ ! -s "$work/err" ] || no "generate from answers alone (no project) should not warn: $(cat "$work/err")"
# an empty directory with neither: exit 2 saying what detection looked for
mkdir "$work/nothing"
run generate "$work/nothing" --tier 0 >/dev/null 2>"$work/err"
[ $? -eq 2 ] || no "generate in an empty directory with no answers should exit 2"
grep -q "no python project" "$work/err" || no "the message should say what was looked for: $(cat "$work/err")"
# a required answer that nothing supplies: exit 2 naming it
printf '{"app_kind": "worker"}\n' >"$work/worker.json"
run generate "$work/e" --answers "$work/worker.json" --tier 0 >/dev/null 2>"$work/err"
[ $? -eq 2 ] || no "a missing required answer should exit 2"
grep -q "missing answer 'command'" "$work/err" || no "the message should name 'command': $(cat "$work/err")"

# --out never overwrites a file with other content without --force (exit 3,
# naming it, nothing written); a file with the same content is fine
mkdir "$work/o"
printf 'FROM scratch\n# my own\n' >"$work/o/Dockerfile"
run generate "$work/p" --tier 1 --out "$work/o" >"$work/log" 2>"$work/err"
[ $? -eq 3 ] || no "--out over a hand-written Dockerfile should exit 3"
grep -q "refusing to overwrite '$work/o/Dockerfile'" "$work/err" || no "the refusal should name the file: $(cat "$work/err")"
grep -q -- "--force" "$work/err" || no "the refusal should mention --force: $(cat "$work/err")"
[ "$(cat "$work/o/Dockerfile")" = "$(printf 'FROM scratch\n# my own')" ] || no "--out changed the hand-written Dockerfile"
[ "$(ls -A "$work/o")" = "Dockerfile" ] || no "--out wrote other files although it refused: $(ls -A "$work/o")"
run generate "$work/p" --tier 1 --out "$work/o" --force >/dev/null 2>"$work/err" || no "--force failed: $(cat "$work/err")"
run generate "$work/p" --tier 1 --file Dockerfile >"$work/df1"
cmp -s "$work/df1" "$work/o/Dockerfile" || no "--force did not replace the Dockerfile"
run generate "$work/p" --tier 1 --out "$work/o" >"$work/log" 2>"$work/err" || no "--out over identical files should succeed: $(cat "$work/err")"
grep -q "unchanged $work/o/Dockerfile" "$work/log" || no "identical files should be reported unchanged: $(cat "$work/log")"
run generate "$work/p" --tier 2 --out "$work/o" >/dev/null 2>&1
[ $? -eq 3 ] || no "--out with another tier's files there should exit 3"
cmp -s "$work/df1" "$work/o/Dockerfile" || no "a refused --out changed a file"
run generate "$work/p" --help | grep -q -- "--force" || no "--help does not document --force"

# usage errors
run generate "$work/p" --stdout >/dev/null 2>&1; [ $? -eq 2 ] || no "missing --tier should exit 2"
run generate "$work/p" --tier 7 >/dev/null 2>&1; [ $? -eq 2 ] || no "--tier 7 should exit 2"
run generate "$work/p" --tier 1 --file nope >/dev/null 2>"$work/err"; [ $? -eq 2 ] || no "unknown --file should exit 2"
grep -q "'nope'" "$work/err" || no "unknown --file message should name it"
grep -q "it has 'Dockerfile', '.dockerignore'" "$work/err" || no "unknown --file message should list the files: $(cat "$work/err")"
run generate "$work/p" --tier 1 --stdout --out "$work/x" >/dev/null 2>&1; [ $? -eq 2 ] || no "--stdout with --out should exit 2"
[ $fail -eq 0 ] && echo "generate: headers, --file, --out, determinism, DIR untouched, usage errors"
exit $fail
