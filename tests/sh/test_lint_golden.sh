#!/bin/sh
# Consistency with the generator: every golden Dockerfile rendered at tier N
# lints with a tier reached >= N and no findings from tiers <= N (skip lines
# in the header honoured). The goldens are tests/golden/COMBO/tierN.txt in
# `generate --stdout` form; the Dockerfile is the part after
# "==> Dockerfile <==" up to the next "==> " header.
set -u
bin=${SHIPSHAPE:?}
src=${SS_SOURCE_DIR:?}
golden="$src/tests/golden"
ls "$golden"/*/tier0.txt >/dev/null 2>&1 || { echo "SKIP: no golden files"; exit 77; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0 n=0 good=0

for f in "$golden"/*/tier[0-6].txt; do
	combo=$(basename "$(dirname "$f")")
	tier=$(basename "$f" .txt)
	tier=${tier#tier}
	df="$tmp/$combo-$tier.Dockerfile"
	awk '/^==> Dockerfile <==$/ { on = 1; next } /^==> / { on = 0 } on' "$f" >"$df"
	[ -s "$df" ] || continue
	n=$((n + 1))
	# findings of tiers <= N, at any severity: there must be none
	"$bin" lint --format gnu --tier "$tier" --fail-level info "$df" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	reached=$("$bin" lint --format tty "$df" 2>/dev/null | sed -n 's/.*tier reached: \([0-9]\).*/\1/p' | head -n 1)
	if [ $rc -eq 0 ] && [ ! -s "$tmp/out" ] && [ -n "$reached" ] && [ "$reached" -ge "$tier" ]; then
		good=$((good + 1))
	else
		echo "FAIL: $combo tier $tier: exit $rc, reached '${reached:-none}'"
		sed 's/^/    /' "$tmp/out" "$tmp/err" | head -n 10
		fail=1
	fi
done
echo "round trip: $good/$n golden Dockerfiles lint at their tier with no findings at or below it"
[ "$n" -gt 0 ] || fail=1

# Practices skipped in the profile come out as `# shipshape skip=ID reason=...`
# header lines; lint honours them: the tier still counts as reached.
proj="$tmp/skipproj"
mkdir -p "$proj"
cat >"$proj/.shipshape.json" <<'EOF'
{"schema_version": 1, "answers": {}, "tier": -1,
 "practices": {"security.non-root-user": {"state": "skipped", "reason": "the platform sets the user"},
               "correctness.healthcheck": {"state": "skipped", "reason": "the orchestrator probes it"}},
 "files": {}}
EOF
for combo in pip-flask uv-fastapi poetry-django; do
	"$bin" generate "$proj" --tier 3 --answers "$golden/answers/$combo.json" --file Dockerfile \
		>"$proj/Dockerfile" 2>"$tmp/err" || { echo "FAIL: generate $combo: $(cat "$tmp/err")"; fail=1; continue; }
	if ! grep -q '^# shipshape skip=security.non-root-user reason=' "$proj/Dockerfile" ||
	   grep -q '^USER ' "$proj/Dockerfile"; then
		echo "FAIL: $combo: the rendering does not show the skip as expected"
		fail=1
		continue
	fi
	"$bin" lint --tier 3 --fail-level info --format gnu "$proj/Dockerfile" >"$tmp/out" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && [ ! -s "$tmp/out" ] &&
	   "$bin" lint "$proj/Dockerfile" | grep -q 'skipped on purpose: security.non-root-user correctness.healthcheck'; then
		echo "ok: $combo tier 3 with two skipped practices lints clean at tier 3"
	else
		echo "FAIL: $combo with skips: exit $rc"; sed 's/^/    /' "$tmp/out"; fail=1
	fi
done
exit $fail
