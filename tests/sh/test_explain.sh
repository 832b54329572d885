#!/bin/sh
# shipshape explain PRACTICE|TIER: a practice in full, a tier with its
# practices; unknown names exit 2 with a suggestion.
set -u
ss=${SHIPSHAPE:?}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fail=1; }

"$ss" explain security.non-root-user >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 0 ] && ok "explain a practice exits 0" || bad "exit $rc: $(cat "$tmp/err")"
head -1 "$tmp/out" | grep -qx 'security.non-root-user (tier 1 security)' && ok "header" || bad "header: $(head -1 "$tmp/out")"
sed -n 2p "$tmp/out" | grep -qx 'Run the app as an unprivileged user' && ok "title" || bad "title"
grep -q 'root inside a container' "$tmp/out" && ok "why" || bad "why missing"
grep -q '^how: RUN useradd' "$tmp/out" && ok "fix" || bad "fix missing"
grep -qx 'changes: Dockerfile' "$tmp/out" && ok "changes" || bad "changes"
grep -qx 'satisfies: hadolint DL3002' "$tmp/out" && ok "equivalents" || bad "equivalents"
grep -q '^  https://' "$tmp/out" && ok "references" || bad "references"
awk 'length > 78 && !/^  https:/ {exit 1}' "$tmp/out" && ok "wrapped at 78 columns" || bad "line longer than 78"

"$ss" explain baseline.exec-form-cmd >"$tmp/out" || bad "exec-form-cmd"
grep -qx 'satisfies: hadolint DL3025; BuildKit check JSONArgsRecommended' "$tmp/out" \
	&& ok "hadolint and BuildKit equivalents" || bad "equivalents: $(grep satisfies "$tmp/out")"
grep -q 'kind: a correctness rule lint checks' "$tmp/out" && ok "lint rule kind" || bad "lint kind"
"$ss" explain build-time.package-cache-mount >"$tmp/out" || bad "cache mount"
grep -qx 'replaces: image-size.pip-no-cache-dir' "$tmp/out" && ok "replaces" || bad "replaces"
grep -q '^applies when: dependency_manager is pip, pip-tools, poetry, pipenv or uv$' "$tmp/out" \
	&& ok "applies when" || bad "applies when: $(grep applies "$tmp/out")"
"$ss" explain image-size.pip-no-cache-dir >"$tmp/out" || bad "no-cache-dir"
grep -qx 'replaced by: build-time.package-cache-mount (when it applies)' "$tmp/out" \
	&& ok "replaced by" || bad "replaced by"
"$ss" explain build-time.syntax-directive >"$tmp/out" || bad "syntax"
grep -q '^needs the internet: yes' "$tmp/out" && ok "offline-skippable noted" || bad "offline"
"$ss" explain security.scan-fixable-only >"$tmp/out" || bad "process"
grep -q '^kind: a process practice' "$tmp/out" && ok "process kind" || bad "process kind"

# tiers by number and by name give the same text
"$ss" explain 3 >"$tmp/t3" 2>"$tmp/err" || bad "explain 3: $(cat "$tmp/err")"
"$ss" explain correctness >"$tmp/tc" || bad "explain correctness"
cmp -s "$tmp/t3" "$tmp/tc" && ok "tier by number = by name" || bad "tier 3 differs by name"
head -2 "$tmp/t3" | tr '\n' '|' | grep -qx 'tier 3: correctness|does it start, stop, log and fail correctly; can a bug be traced to an image?|' \
	&& ok "tier header and question" || bad "tier header: $(head -2 "$tmp/t3")"
grep -q '^  correctness.healthcheck  *Declare a health check$' "$tmp/t3" && ok "tier lists practices" || bad "tier practices"
grep -q "^next: tier 4 reproducibility" "$tmp/t3" && ok "points to the next tier" || bad "next tier"
"$ss" explain "build time" >/dev/null && ok "tier name with a space" || bad "build time"
"$ss" explain 6 | grep -q '^next:' && bad "tier 6 has no next" || ok "tier 6 has no next"

# unknown ids: exit 2 and a suggestion
"$ss" explain securty >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -qx "shipshape: unknown practice or tier 'securty'; did you mean 'security'?" "$tmp/err" \
	&& ok "typo of a tier" || bad "typo ($rc): $(cat "$tmp/err")"
"$ss" explain security.non-rot-user >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "did you mean 'security.non-root-user'" "$tmp/err" && ok "typo of an id" || bad "id typo: $(cat "$tmp/err")"
"$ss" explain healthcheck >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "did you mean 'correctness.healthcheck'" "$tmp/err" && ok "slug alone" || bad "slug: $(cat "$tmp/err")"
"$ss" explain zzzzzzzz >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "see 'shipshape practices'" "$tmp/err" && ok "no suggestion" || bad "unknown: $(cat "$tmp/err")"
"$ss" explain 7 >/dev/null 2>&1; [ $? -eq 2 ] && ok "tier 7 exits 2" || bad "tier 7"
"$ss" explain >/dev/null 2>"$tmp/err"; [ $? -eq 2 ] && ok "no argument exits 2" || bad "no argument"
"$ss" explain a b >/dev/null 2>&1; [ $? -eq 2 ] && ok "two arguments exit 2" || bad "two arguments"
# help: 'shipshape help explain' is the usage; an unknown command to help is bad usage
"$ss" help explain >"$tmp/out" 2>&1 && "$ss" explain --help >"$tmp/out2" 2>&1 && cmp -s "$tmp/out" "$tmp/out2" \
	&& head -1 "$tmp/out" | grep -q '^usage: shipshape explain' && ok "help explain" || bad "help explain"
"$ss" help explan >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && grep -qx "shipshape: unknown command 'explan'; did you mean 'explain'?" "$tmp/err" \
	&& ok "help with a mistyped command exits 2" || bad "help explan: exit $rc, $(cat "$tmp/err")"
# every command listed by --help answers --help with its own usage
"$ss" --help | awk '/^commands:/{c=1; next} c && /^  [a-z]/{print $1} /^$/{c=0}' >"$tmp/cmds"
n=0
while read -r c; do
	"$ss" "$c" --help >"$tmp/out" 2>&1 && head -1 "$tmp/out" | grep -q "^usage: shipshape $c" \
		|| bad "'$c --help'"
	n=$((n + 1))
done <"$tmp/cmds"
[ $n -ge 5 ] && ok "--help on all $n commands" || bad "only $n commands in --help"
# every practice in the catalog explains
"$ss" practices | awk '/^  [a-z-]+\./{print $1}' >"$tmp/ids"
n=0
while read -r id; do
	"$ss" explain "$id" >/dev/null 2>&1 || bad "explain $id"
	n=$((n + 1))
done <"$tmp/ids"
ok "explained all $n practices"
exit $fail
