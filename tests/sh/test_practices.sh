#!/bin/sh
# shipshape practices [--json]: the catalog grouped by tier, as text and JSON.
set -u
ss=${SHIPSHAPE:?}
src=${SS_SOURCE_DIR:?}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fail=1; }

"$ss" practices >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 0 ] && ok "practices exits 0" || bad "practices exit $rc: $(cat "$tmp/err")"
[ -s "$tmp/err" ] && bad "practices wrote to stderr: $(cat "$tmp/err")"
for t in "tier 0 baseline" "tier 1 security" "tier 2 automation" "tier 3 correctness" \
	"tier 4 reproducibility" "tier 5 build-time" "tier 6 image-size"; do
	grep -q "^$t: " "$tmp/out" && ok "heading '$t'" || bad "no heading '$t'"
done
grep -q '^  security.non-root-user  *Run the app as an unprivileged user$' "$tmp/out" \
	&& ok "one line per practice" || bad "no line for security.non-root-user"
grep -q '^  security.scan-fixable-only .*\[process\]$' "$tmp/out" \
	&& ok "process practices are marked" || bad "process practice not marked"
# headings come in tier order and every practice sits under its own tier
awk '/^tier [0-6] /{t=$2} /^  [a-z-]+\./{split($1,a,"."); print t, a[1]}' "$tmp/out" |
	sort -u >"$tmp/pairs"
want="0 baseline
1 security
2 automation
3 correctness
4 reproducibility
5 build-time
6 image-size"
[ "$(cat "$tmp/pairs")" = "$want" ] && ok "practices grouped under their tier" \
	|| bad "grouping: $(cat "$tmp/pairs")"
n=$(grep -c '^  [a-z-]*\.' "$tmp/out")
summary=$(tail -2 "$tmp/out" | head -1)
echo "$summary" | grep -q "^$n practices: " && ok "summary counts $n practices" \
	|| bad "summary '$summary' does not count $n"

# JSON: the whole catalog, machine-readable
"$ss" practices --json >"$tmp/json" 2>"$tmp/err" || bad "practices --json failed: $(cat "$tmp/err")"
python3 - "$tmp/json" "$n" <<'PY' && ok "--json is the whole catalog" || bad "--json content"
import json, sys
d = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
tiers = d["tiers"]
assert [t["number"] for t in tiers] == list(range(7)), "tier numbers"
ps = [p for t in tiers for p in t["practices"]]
assert len(ps) == n, (len(ps), n)
fields = {"id", "tier", "title", "why", "fix", "process", "dockerfile", "lint", "changes",
          "references", "applies_when", "conflicts", "replaces", "equivalents", "skippable_offline"}
for t in tiers:
    for p in t["practices"]:
        assert set(p) == fields, p["id"]
        assert p["tier"] == t["number"], p["id"]
files = [p for p in ps if not p["process"]]
assert len(files) >= 45, len(files)
ids = {p["id"] for p in ps}
assert "image-size.pip-no-cache-dir" in {r for p in ps for r in p["replaces"]}
assert all(r in ids for p in ps for r in p["replaces"] + p["conflicts"])
PY

# a catalog override that is broken: exit 2, file and JSON path named
mkdir "$tmp/tpl"
sed 's/"tier": 6,/"tier": 9,/' "$src/templates/practices.json" >"$tmp/tpl/practices.json"
"$ss" --templates "$tmp/tpl" practices >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && ok "broken catalog exits 2" || bad "broken catalog exit $rc"
grep -q "practices.json: practices\[[0-9]*\]\.tier: tier 9 is out of range 0-6" "$tmp/err" \
	&& ok "error names file and path: $(cat "$tmp/err")" || bad "error: $(cat "$tmp/err")"
printf '{\n  "schema_version": 1,\n  "tiers": [,\n' >"$tmp/tpl/practices.json"
"$ss" --templates "$tmp/tpl" practices >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "practices.json:3:13: invalid JSON" "$tmp/err" \
	&& ok "syntax error with line:col: $(cat "$tmp/err")" || bad "syntax error ($rc): $(cat "$tmp/err")"
# --templates must name a readable directory
"$ss" --templates "$tmp/tpl/practices.json" practices >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -qx "shipshape: cannot read templates directory '.*practices.json': not a directory" "$tmp/err" \
	&& ok "--templates FILE exits 2" || bad "--templates FILE ($rc): $(cat "$tmp/err")"
"$ss" --templates "$tmp/nowhere" practices >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "cannot read templates directory '.*nowhere'" "$tmp/err" \
	&& ok "--templates missing exits 2" || bad "--templates missing ($rc): $(cat "$tmp/err")"

"$ss" practices extra >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && ok "unexpected argument exits 2" || bad "unexpected argument exit $rc"
"$ss" practices --jsn >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "did you mean '--json'" "$tmp/err" && ok "option typo suggests --json" \
	|| bad "option typo: $(cat "$tmp/err")"
"$ss" practices --help >"$tmp/out" 2>&1 && grep -q "usage: shipshape practices" "$tmp/out" \
	&& ok "--help" || bad "--help"
exit $fail
