#!/bin/sh
# `shipshape lint`: default ./Dockerfile, exit statuses (0 clean at the fail
# level, 1 findings, 2 bad input or usage), the four formats, colour only on a
# terminal and never under NO_COLOR, --ignore, several files at once.
set -u
bin=${SHIPSHAPE:?}
src=${SS_SOURCE_DIR:?}
fx="$src/tests/fixtures/dockerfiles"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fail=1; }
esc=$(printf '\033')

# 1. no FILE: ./Dockerfile; none there: exit 2, one line naming it
mkdir -p "$tmp/proj" "$tmp/empty"
cp "$fx/legacy-flask-latest.Dockerfile" "$tmp/proj/Dockerfile"
(cd "$tmp/proj" && "$bin" lint >"$tmp/out" 2>"$tmp/err")
rc=$?
[ $rc -eq 1 ] && grep -q '^Dockerfile: tier reached: none' "$tmp/out" && ok "no FILE lints ./Dockerfile (exit 1)" ||
	bad "no FILE: exit $rc: $(head -n 2 "$tmp/out") $(cat "$tmp/err")"
(cd "$tmp/empty" && "$bin" lint >"$tmp/out" 2>"$tmp/err")
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "Dockerfile" "$tmp/err" &&
	ok "missing ./Dockerfile: exit 2, $(cat "$tmp/err")" || bad "missing Dockerfile: exit $rc $(cat "$tmp/err")"

# 2. strict input: unknown instruction or flag -> exit 2 with file and line
printf 'FROM python:3.12-slim\nRUNN pip install x\n' >"$tmp/bad1"
printf 'FROM python:3.12-slim\nCOPY --chwon=1000 . /app\n' >"$tmp/bad2"
for f in bad1 bad2; do
	"$bin" lint "$tmp/$f" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 2 ] && grep -q "'.*$f' line 2" "$tmp/err" && [ "$(wc -l <"$tmp/err")" -eq 1 ]; then
		ok "$f: $(cat "$tmp/err")"
	else
		bad "$f: exit $rc, $(cat "$tmp/err")"
	fi
done
head -c 3000 /dev/urandom >"$tmp/junk"
"$bin" lint "$tmp/junk" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && ok "binary junk: exit 2" || bad "binary junk not rejected"

# 3. exit status follows --fail-level
good="$fx/multistage-good-tier6.Dockerfile"
"$bin" lint "$good" >/dev/null 2>&1
[ $? -eq 0 ] && ok "a tier 6 file exits 0" || bad "tier 6 file does not exit 0"
info_only="$fx/gunicorn-good-tier3.Dockerfile"
"$bin" lint "$info_only" >/dev/null 2>&1; rc1=$?
"$bin" lint --fail-level info "$info_only" >/dev/null 2>&1; rc2=$?
"$bin" lint --fail-level error "$fx/legacy-flask-latest.Dockerfile" >/dev/null 2>&1; rc3=$?
"$bin" lint --fail-level error "$fx/pip-unpinned.Dockerfile" >/dev/null 2>&1; rc4=$?
if [ $rc1 -eq 0 ] && [ $rc2 -eq 1 ] && [ $rc3 -eq 1 ] && [ $rc4 -eq 0 ]; then
	ok "--fail-level: info-only file 0 at warning, 1 at info; errors 1 at error; warnings 0 at error"
else
	bad "--fail-level: got $rc1 $rc2 $rc3 $rc4, want 0 1 1 0"
fi
"$bin" lint --fail-level fatal "$good" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && ok "bad --fail-level: exit 2" || bad "bad --fail-level accepted"
"$bin" lint --format xml "$good" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && ok "bad --format: exit 2" || bad "bad --format accepted"

# 4. gnu format: file:line:col: severity: message [id]
"$bin" lint --format gnu "$fx/legacy-flask-latest.Dockerfile" >"$tmp/out"
if grep -q "legacy-flask-latest.Dockerfile:2:1: error: MAINTAINER is deprecated \[correctness.no-maintainer\]$" "$tmp/out" &&
   ! grep -qv '^[^:]*:[0-9][0-9]*:[0-9][0-9]*: \(error\|warning\|info\): .* \[[a-z0-9.-]*\]$' "$tmp/out"; then
	ok "gnu format: $(wc -l <"$tmp/out") lines, all file:line:col: severity: message [id]"
else
	bad "gnu format: $(head -n 3 "$tmp/out")"
fi

# 5. json: an array of one object per file, the documented keys
"$bin" lint --format json "$fx/legacy-flask-latest.Dockerfile" "$good" >"$tmp/out"
if command -v python3 >/dev/null 2>&1; then
	if python3 - "$tmp/out" <<'EOF'
import json, sys
a = json.load(open(sys.argv[1]))
assert isinstance(a, list) and len(a) == 2, a
for o in a:
    for k in ("file", "tier_reached", "findings", "suppressed", "skipped", "situation", "not_judged"):
        assert k in o, k
    for f in o["findings"]:
        assert set(f) == {"practice", "tier", "line", "column", "severity", "message", "equivalents"}, f
        assert f["severity"] in ("error", "warning", "info")
assert a[0]["tier_reached"] == -1 and a[1]["tier_reached"] == 6 and a[1]["findings"] == []
assert any(f["practice"] == "correctness.no-maintainer" and "DL4000" in f["equivalents"] for f in a[0]["findings"])
EOF
	then ok "json: two file objects with the documented keys"; else bad "json schema"; fi
else
	grep -q '"tier_reached":' "$tmp/out" && ok "json (python3 absent: keys grepped)" || bad "json"
fi

# 6. sarif 2.1.0 with helpUri and physical locations
"$bin" lint --format sarif "$fx/legacy-flask-latest.Dockerfile" >"$tmp/out"
if grep -q '"version":[[:space:]]*"2.1.0"' "$tmp/out" && grep -q '"helpUri":' "$tmp/out" &&
   grep -q '"physicalLocation":' "$tmp/out" && grep -q '"startLine":[[:space:]]*2' "$tmp/out"; then
	ok "sarif: version 2.1.0, rules with helpUri, results with physical locations"
else
	bad "sarif: $(head -c 300 "$tmp/out")"
fi

# 7. tty: grouped by tier with why and fix; plain in a pipe and under NO_COLOR,
#    coloured on a terminal
"$bin" lint "$fx/legacy-flask-latest.Dockerfile" >"$tmp/out"
if grep -q '^tier 0 (baseline)$' "$tmp/out" && grep -q '^    why: ' "$tmp/out" && grep -q '^    fix: ' "$tmp/out" &&
   grep -q '^not judged: ' "$tmp/out" && ! grep -q "$esc" "$tmp/out"; then
	ok "tty in a pipe: grouped by tier, why and fix, out-of-scope note, no colour"
else
	bad "tty: $(head -n 5 "$tmp/out")"
fi
if command -v script >/dev/null 2>&1; then
	script -qec "$bin lint $fx/legacy-flask-latest.Dockerfile" /dev/null >"$tmp/tty" 2>&1
	NO_COLOR=1 script -qec "$bin lint $fx/legacy-flask-latest.Dockerfile" /dev/null >"$tmp/nc" 2>&1
	if grep -q "$esc\[" "$tmp/tty" && ! grep -q "$esc\[3" "$tmp/nc"; then
		ok "tty on a terminal: coloured; NO_COLOR: plain"
	else
		bad "colour on a terminal / NO_COLOR"
	fi
fi

# 8. --ignore by practice id, hadolint id or BuildKit name
"$bin" lint --format gnu --ignore DL4000 --ignore correctness.copy-not-add --ignore JSONArgsRecommended \
	"$fx/legacy-flask-latest.Dockerfile" >"$tmp/out"
if ! grep -q 'no-maintainer\|copy-not-add\|exec-form-cmd' "$tmp/out" && grep -q 'no-cd-in-run' "$tmp/out"; then
	ok "--ignore with DL4000, a practice id and a BuildKit check name"
else
	bad "--ignore"
fi

# 9. --help
"$bin" lint --help | grep -q 'usage: shipshape lint' && ok "--help" || bad "--help"

exit $fail
