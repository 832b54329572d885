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

# 4. gnu format: file:line:col: severity: message [id], with the severities GNU
#    tools know (error, warning, note: info findings are notes)
"$bin" lint --format gnu "$fx/legacy-flask-latest.Dockerfile" >"$tmp/out"
if grep -q "legacy-flask-latest.Dockerfile:2:1: error: MAINTAINER is deprecated \[correctness.no-maintainer\]$" "$tmp/out" &&
   grep -q ': note: ' "$tmp/out" &&
   ! grep -qv '^[^:]*:[0-9][0-9]*:[0-9][0-9]*: \(error\|warning\|note\): .* \[[a-z0-9.-]*\]$' "$tmp/out"; then
	ok "gnu format: $(wc -l <"$tmp/out") lines, all file:line:col: error|warning|note: message [id]"
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

# 6. sarif 2.1.0 in shape: required fields; every rule's helpUri is the
#    practice's first http(s) reference in the catalog (a real page)
"$bin" lint --format sarif "$fx/legacy-flask-latest.Dockerfile" "$fx/apt-legacy.Dockerfile" >"$tmp/out"
if command -v python3 >/dev/null 2>&1; then
	if python3 - "$tmp/out" "$src/templates/practices.json" <<'EOF'
import json, sys
log = json.load(open(sys.argv[1]))
cat = json.load(open(sys.argv[2]))
prs = cat["practices"]
prs = prs.values() if isinstance(prs, dict) else prs
first = {}
for p in prs:
    refs = [r for r in p.get("references", []) if r.startswith(("https://", "http://"))]
    first[p["id"]] = refs[0] if refs else None
assert log["version"] == "2.1.0", log.get("version")
assert log["$schema"].startswith("https://") and "sarif-2.1.0" in log["$schema"], log["$schema"]
assert isinstance(log["runs"], list) and len(log["runs"]) == 1
run = log["runs"][0]
drv = run["tool"]["driver"]
assert isinstance(drv["name"], str) and drv["name"]
rules = drv["rules"]
assert rules, "no rules"
ids = [r["id"] for r in rules]
assert len(ids) == len(set(ids)), "duplicate rule ids"
for r in rules:
    assert r["id"] in first, r["id"]
    assert r["helpUri"] == first[r["id"]], (r["id"], r["helpUri"], first[r["id"]])
    assert r["helpUri"].startswith("https://") and "shipshape-dev" not in r["helpUri"], r["helpUri"]
    assert r["shortDescription"]["text"]
assert run["results"], "no results"
uris = set()
for res in run["results"]:
    assert res["ruleId"] in ids
    assert ids[res["ruleIndex"]] == res["ruleId"]
    assert res["level"] in ("error", "warning", "note"), res["level"]
    assert res["message"]["text"]
    assert res["locations"], res
    for loc in res["locations"]:
        pl = loc["physicalLocation"]
        uris.add(pl["artifactLocation"]["uri"])
        assert isinstance(pl["region"]["startLine"], int) and pl["region"]["startLine"] >= 1
assert any(u.endswith("legacy-flask-latest.Dockerfile") for u in uris), uris
assert any(u.endswith("apt-legacy.Dockerfile") for u in uris), uris
EOF
	then ok "sarif: 2.1.0 shape, rules with the catalog's first reference as helpUri, physical locations"
	else bad "sarif shape: $(head -c 300 "$tmp/out")"; fi
elif grep -q '"version":[[:space:]]*"2.1.0"' "$tmp/out" && grep -q '"helpUri":' "$tmp/out" &&
   grep -q '"physicalLocation":' "$tmp/out" && grep -q '"startLine":[[:space:]]*2' "$tmp/out"; then
	ok "sarif (python3 absent: keys grepped)"
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

# 8b. --ignore with an id that is neither a practice id nor a mapped hadolint or
#     BuildKit id: exit 2, with the closest id when there is one
"$bin" lint --ignore DL400 "$fx/legacy-flask-latest.Dockerfile" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
   grep -q "unknown rule 'DL400' for --ignore; did you mean 'DL4000'?" "$tmp/err"; then
	ok "--ignore DL400: $(cat "$tmp/err")"
else
	bad "--ignore DL400: exit $rc, $(cat "$tmp/err")"
fi
"$bin" lint --ignore correctness.no-maintaner "$fx/legacy-flask-latest.Dockerfile" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "did you mean 'correctness.no-maintainer'" "$tmp/err" &&
	ok "--ignore with a misspelt practice id: did you mean" || bad "--ignore misspelt id: exit $rc, $(cat "$tmp/err")"
"$bin" lint --ignore zzqqxx "$fx/legacy-flask-latest.Dockerfile" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "unknown rule 'zzqqxx'" "$tmp/err" && ! grep -q 'did you mean' "$tmp/err" &&
	ok "--ignore with an unknown id and nothing close: exit 2" || bad "--ignore zzqqxx: exit $rc, $(cat "$tmp/err")"
"$bin" lint --ignore buildkit:JSONArgsRecommended --ignore DL3015 --format gnu "$fx/legacy-flask-latest.Dockerfile" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ ! -s "$tmp/err" ] && ! grep -q 'exec-form-cmd' "$tmp/out" &&
	ok "--ignore accepts buildkit:NAME and mapped DL ids" || bad "--ignore buildkit:NAME: exit $rc, $(cat "$tmp/err")"

# 8c. '-' reads the Dockerfile from standard input, named '-' in the output
"$bin" lint --format gnu "$fx/legacy-flask-latest.Dockerfile" | sed 's|^[^:]*:|-:|' >"$tmp/want"
"$bin" lint --format gnu - <"$fx/legacy-flask-latest.Dockerfile" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 1 ] && [ -s "$tmp/out" ] && cmp -s "$tmp/want" "$tmp/out"; then
	ok "lint -: the same findings as the file, named '-'"
else
	bad "lint -: exit $rc, $(head -n 2 "$tmp/out") $(cat "$tmp/err")"
fi
"$bin" lint --format json - <"$good" >"$tmp/out"
rc=$?
[ $rc -eq 0 ] && grep -q '"file": "-"' "$tmp/out" && grep -q '"tier_reached": 6' "$tmp/out" &&
	ok "lint - with a tier 6 file on stdin: exit 0, json names '-'" || bad "lint - json: exit $rc $(head -c 200 "$tmp/out")"
printf 'FROM python:3.12-slim\nRUNN pip install x\n' | "$bin" lint - >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "'-' line 2" "$tmp/err" && ok "lint - with bad input: $(cat "$tmp/err")" ||
	bad "lint - bad input: exit $rc, $(cat "$tmp/err")"

# 9. --help
"$bin" lint --help | grep -q 'usage: shipshape lint' && ok "--help" || bad "--help"

exit $fail
