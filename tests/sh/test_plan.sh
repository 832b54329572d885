#!/bin/sh
# shipshape plan [DIR]: tier reached, applied/skipped/n/a practices, the
# process checklist and what the next tier adds; no profile is exit 2.
set -u
ss=${SHIPSHAPE:?}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fail=1; }

mkdir "$tmp/app"
"$ss" plan "$tmp/app" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && ok "no profile exits 2" || bad "no profile exit $rc"
grep -q "run 'shipshape init $tmp/app' first" "$tmp/err" && ok "points to init: $(cat "$tmp/err")" || bad "message: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && bad "wrote to stdout without a profile"

cat >"$tmp/app/.shipshape.json" <<'JSON'
{
  "answers": {
    "app_kind": "wsgi",
    "ci": "github",
    "entrypoint": "app:app",
    "health_path": "/healthz",
    "port": 8000
  },
  "files": {},
  "practices": {
    "correctness.healthcheck": {
      "reason": "probes live in the Kubernetes manifests",
      "state": "skipped"
    },
    "security.dependency-update-bot": {
      "reason": "renovate runs org-wide",
      "state": "skipped"
    }
  },
  "schema_version": 1,
  "tier": 2
}
JSON
cp "$tmp/app/.shipshape.json" "$tmp/before"
(cd "$tmp/app" && "$ss" plan) >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 0 ] && ok "plan exits 0" || bad "plan exit $rc: $(cat "$tmp/err")"
cmp -s "$tmp/before" "$tmp/app/.shipshape.json" && ok "plan writes nothing" || bad "profile changed"
head -1 "$tmp/out" | grep -qx 'tier reached: 2 automation (of 6)' && ok "tier reached" || bad "tier: $(head -1 "$tmp/out")"
grep -q '^  applied  security.non-root-user ' "$tmp/out" && ok "applied practice" || bad "applied"
grep -q '^  skipped  security.dependency-update-bot ' "$tmp/out" && ok "skipped practice" || bad "skipped"
grep -q '(reason: renovate runs org-wide)' "$tmp/out" && ok "skip reason shown" || bad "reason"
grep -q '^  \[ \]      security.scan-fixable-only ' "$tmp/out" && ok "process checklist" || bad "checklist"
grep -q '^next: tier 3 correctness: ' "$tmp/out" && ok "next tier" || bad "next tier"
grep -q '^  + correctness.unbuffered-output  Flush' "$tmp/out" && ok "next tier adds" || bad "adds"
grep -q 'docker logs' "$tmp/out" && ok "with its why" || bad "why"
grep -q '^  - correctness.healthcheck  Declare a health check$' "$tmp/out" && ok "pre-skipped in next tier" || bad "next skip"
grep -q '(skipped: probes live in the Kubernetes manifests)' "$tmp/out" && ok "next skip reason" || bad "next skip reason"
grep -q "(not applicable: app_kind is 'wsgi', it applies to worker or cli)" "$tmp/out" && ok "n/a with the reason" || bad "n/a"
grep -q '^  \[ \] correctness.stop-grace-period ' "$tmp/out" && ok "next checklist" || bad "next checklist"
grep -q "practices to add. 'shipshape diff' shows the changes, 'shipshape next' applies them." "$tmp/out" \
	&& ok "points to diff/next" || bad "footer"
# tiers above the one reached are not listed as applied
grep -q '^  applied  correctness\.' "$tmp/out" && bad "tier 3 shown as applied" || ok "tier 3 not applied yet"

# the cache mount replaces --no-cache-dir once tier 5 is reached
sed 's/"tier": 2/"tier": 6/' "$tmp/before" >"$tmp/app/.shipshape.json"
"$ss" plan "$tmp/app" >"$tmp/out" || bad "plan at tier 6"
grep -q '^  replaced image-size.pip-no-cache-dir ' "$tmp/out" && ok "replaced practice" || bad "replaced"
grep -q '(by build-time.package-cache-mount)' "$tmp/out" && ok "replaced by" || bad "replaced by"
grep -q '^every tier is reached' "$tmp/out" && ok "no next tier at 6" || bad "tier 6 footer"

# a fresh profile (tier -1)
printf '{"schema_version": 1, "tier": -1, "answers": {"app_kind": "worker", "command": ["celery", "-A", "proj", "worker"]}}\n' >"$tmp/app/.shipshape.json"
"$ss" plan "$tmp/app" >"$tmp/out" || bad "plan at tier -1"
head -1 "$tmp/out" | grep -qx 'tier reached: none yet (nothing written)' && ok "no tier yet" || bad "tier -1: $(head -1 "$tmp/out")"
grep -q '^next: tier 0 baseline' "$tmp/out" && ok "next is tier 0" || bad "next tier 0"
grep -q '^  . baseline.expose-port ' "$tmp/out" && ok "worker: EXPOSE not applicable" || bad "worker n/a"

# bad profiles: exit 2 naming the file and the key
printf '{"schema_version": 9}\n' >"$tmp/app/.shipshape.json"
"$ss" plan "$tmp/app" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "\.shipshape\.json.*unsupported 'schema_version' 9" "$tmp/err" && ok "too new: $(cat "$tmp/err")" || bad "too new ($rc): $(cat "$tmp/err")"
printf '{"schema_version": 1, "colour": 1}\n' >"$tmp/app/.shipshape.json"
"$ss" plan "$tmp/app" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "unknown key 'colour'" "$tmp/err" && ok "unknown key" || bad "unknown key ($rc): $(cat "$tmp/err")"
printf '{"schema_version": 1, "answers": {"entrypoint": "app:app\\nRUN evil"}}\n' >"$tmp/app/.shipshape.json"
"$ss" plan "$tmp/app" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "invalid value for 'entrypoint': contains a newline" "$tmp/err" && ok "hostile answer: $(cat "$tmp/err")" || bad "hostile answer ($rc): $(cat "$tmp/err")"
printf '{"schema_version": 1,\n "tier": 2,,\n}\n' >"$tmp/app/.shipshape.json"
"$ss" plan "$tmp/app" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "\.shipshape\.json:2:12: invalid JSON" "$tmp/err" && ok "syntax error line:col" || bad "syntax ($rc): $(cat "$tmp/err")"
"$ss" plan a b >/dev/null 2>&1; [ $? -eq 2 ] && ok "two directories exit 2" || bad "two dirs"
exit $fail
