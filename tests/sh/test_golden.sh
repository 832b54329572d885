#!/bin/sh
# Golden files: every tests/golden/answers/COMBO.json rendered at tiers 0-6
# must equal tests/golden/COMBO/tierN.txt byte for byte (regenerate on
# purpose with tests/golden/update). Then every golden Dockerfile must pass
# `dockerfile-utils lint` (npm; scripts/test-all installs it into .tools/)
# with no error. Without dockerfile-utils the lint half prints SKIP and exits
# 77, except under CI=true where that is a failure.
set -u
src=${SS_SOURCE_DIR:?}
ss=${SHIPSHAPE:?}
golden=$src/tests/golden
work=$(mktemp -d "${TMPDIR:-/tmp}/shipshape-golden.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/empty"
fail=0 n=0

for answers in "$golden"/answers/*.json; do
	combo=$(basename "$answers" .json)
	for tier in 0 1 2 3 4 5 6; do
		want=$golden/$combo/tier$tier.txt
		n=$((n + 1))
		if [ ! -f "$want" ]; then
			echo "FAIL: missing golden file tests/golden/$combo/tier$tier.txt (run tests/golden/update)"
			fail=1
			continue
		fi
		if ! "$ss" --templates "$src/templates" generate "$work/empty" --answers "$answers" \
			--tier "$tier" --stdout >"$work/got" 2>"$work/err"; then
			echo "FAIL: $combo tier $tier: generate failed: $(cat "$work/err")"
			fail=1
			continue
		fi
		if ! cmp -s "$want" "$work/got"; then
			echo "FAIL: $combo tier $tier differs from its golden file:"
			diff -u "$want" "$work/got" | head -20
			fail=1
		fi
	done
done
[ -z "$(ls -A "$work/empty")" ] || { echo "FAIL: generate wrote into its DIR"; fail=1; }
echo "golden: $n renderings compared"

# shipshape's own strict parser accepts every golden Dockerfile
checked=0
for f in "$golden"/*/tier*.txt; do
	awk '/^==> /{p = ($2 == "Dockerfile"); next} p' "$f" >"$work/Dockerfile"
	if ! "$ss" parse --check "$work/Dockerfile" >/dev/null 2>"$work/err"; then
		echo "FAIL: shipshape parse --check: ${f#"$golden"/}: $(cat "$work/err")"
		fail=1
	fi
	checked=$((checked + 1))
done
echo "golden: $checked Dockerfiles pass 'shipshape parse --check'"
[ $fail -eq 0 ] || exit 1

# one node process lints every Dockerfile through the package's API (the CLI
# costs a node start per file); the CLI is the fallback
mod=$src/.tools/node_modules/dockerfile-utils
lint=$src/.tools/node_modules/.bin/dockerfile-utils
[ -x "$lint" ] || lint=$(command -v dockerfile-utils || true)
if [ -d "$mod" ] && command -v node >/dev/null 2>&1; then
	NODE_PATH=$src/.tools/node_modules node - "$golden" <<'JS' || fail=1
const fs = require("fs"), path = require("path");
const { validate } = require("dockerfile-utils");
const golden = process.argv[2];
let n = 0, bad = 0;
for (const combo of fs.readdirSync(golden).sort()) {
	const dir = path.join(golden, combo);
	if (combo === "answers" || !fs.statSync(dir).isDirectory()) continue;
	for (const f of fs.readdirSync(dir).sort()) {
		const text = fs.readFileSync(path.join(dir, f), "utf8");
		const m = text.match(/^==> Dockerfile <==\n([\s\S]*?)(?=\n==> |$)/);
		n++;
		if (!m) { console.log("FAIL: no Dockerfile in " + combo + "/" + f); bad++; continue; }
		const errors = validate(m[1]).filter(d => d.severity === 1);
		for (const e of errors)
			console.log("FAIL: dockerfile-utils: " + combo + "/" + f + " line " +
				(e.range.start.line + 1) + ": " + e.message);
		if (errors.length) bad++;
	}
}
console.log("golden: " + (n - bad) + " of " + n + " Dockerfiles pass dockerfile-utils validation");
process.exit(bad ? 1 : 0);
JS
	exit $fail
fi
if [ -z "$lint" ] || [ ! -x "$lint" ]; then
	if [ "${CI:-false}" = true ]; then
		echo "FAIL: dockerfile-utils is not installed (scripts/test-all installs it into .tools/)"
		exit 1
	fi
	echo "SKIP: dockerfile-utils is not installed; golden Dockerfiles not linted"
	exit 77
fi
linted=0
for f in "$golden"/*/tier*.txt; do
	awk '/^==> /{p = ($2 == "Dockerfile"); next} p' "$f" >"$work/Dockerfile"
	if [ ! -s "$work/Dockerfile" ]; then
		echo "FAIL: no Dockerfile in $f"
		fail=1
		continue
	fi
	if ! "$lint" lint "$work/Dockerfile" >"$work/lint.out" 2>&1 || grep -q 'Error' "$work/lint.out"; then
		echo "FAIL: dockerfile-utils lint: ${f#"$golden"/}"
		head -20 "$work/lint.out"
		fail=1
	fi
	linted=$((linted + 1))
done
echo "golden: $linted Dockerfiles passed dockerfile-utils lint"
exit $fail
