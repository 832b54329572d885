#!/bin/sh
# `shipshape verify` end to end: exit 2 without an engine or with bad input
# (these cases run even when no engine answers), then, with the real engine,
# exit 0 on a project `shipshape init` brought to tier 3, and exit 1 naming
# the promise once its Dockerfile is hand-edited to run as root.
set -u
src=${SS_SOURCE_DIR:?}
ss=${SHIPSHAPE:?}
e2e=$src/tests/e2e
. "$e2e/lib.sh"
export SHIPSHAPE_DOCKER="$E2E_DOCKER"

work=$(mktemp -d "${TMPDIR:-/tmp}/shipshape-verify.XXXXXX")
e2e_init "$work"
trap 'e2e_cleanup' EXIT
trap 'exit 130' INT TERM
failures=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# expect CODE PATTERN DESCRIPTION -- ARGS...: run verify (with $with_env, a
# VAR=VALUE, set when not empty), check its exit code and stderr
with_env=
expect() {
	code=$1 pattern=$2 what=$3
	shift 4
	if [ -n "$with_env" ]; then
		env "$with_env" "$ss" verify "$@" >"$work/out" 2>"$work/err"
	else
		"$ss" verify "$@" >"$work/out" 2>"$work/err"
	fi
	rc=$?
	if [ "$rc" -ne "$code" ]; then
		fail "$what: exit $rc, expected $code"
		sed 's/^/    | /' "$work/out" "$work/err"
	elif [ -n "$pattern" ] && ! grep -q -- "$pattern" "$work/err"; then
		fail "$what: stderr lacks '$pattern'"
		sed 's/^/    | /' "$work/err"
	else
		echo "ok: $what (exit $rc)"
	fi
}

proj=$work/proj
mkdir -p "$proj"
cp -R "$src/examples/flask-gunicorn/." "$proj"
port=$(e2e_free_port)
python3 - "$src/examples/flask-gunicorn/answers.json" "$work/answers.json" "$port" <<'EOF'
import json, sys
answers = json.load(open(sys.argv[1]))
answers["port"] = int(sys.argv[3])
answers["syntax_directive"] = False  # the '# syntax=' frontend image needs a registry
json.dump(answers, open(sys.argv[2], "w"), indent=2)
EOF
if ! "$ss" init "$proj" --answers "$work/answers.json" --yes --tier 3 >"$work/init.log" 2>&1; then
	cat "$work/init.log"
	echo "FAIL: shipshape init --tier 3 failed"
	exit 1
fi

# bad input and no engine: exit 2, before any engine is needed
with_env="DOCKER_HOST=unix://$work/no-such.sock"
expect 2 "cannot reach the Docker engine" "no engine (DOCKER_HOST to nowhere)" -- "$proj"
with_env="SHIPSHAPE_DOCKER=$work/no-such-docker"
expect 2 "cannot reach the Docker engine" "no docker client" -- "$proj"
with_env=
expect 2 "not a directory" "missing directory" -- "$work/nowhere"
mkdir -p "$work/empty"
expect 2 "no 'Dockerfile'" "directory without a Dockerfile" -- "$work/empty"
printf 'FROM python:3.12-slim\nEXPOSE 8000\n' >"$work/empty/Dockerfile"
expect 2 "no tier to verify" "no profile and no --tier" -- "$work/empty"
expect 2 "tier" "tier out of range" -- "$proj" --tier 9
expect 2 "did you mean" "misspelt option" -- "$proj" --tierr 1
expect 2 "unexpected argument '.*' for 'verify'" "two directories" -- "$proj" "$proj"

e2e_require_engine
e2e_require_index

t0=$(e2e_now_ms)
expect 0 "" "tier 3 project from init holds its promises" -- "$proj"
sed 's/^/    | /' "$work/out"
for promise in "builds" "answers on its port" "non-root user" "reports healthy" "stops promptly"; do
	grep -q "ok  *$promise" "$work/out" || fail "verify did not report '$promise' as ok"
done
grep -q "all 5 promises of tier 3 hold" "$work/out" || fail "verify's summary line is missing"

# a hand edit that runs the app as root breaks tier 1's promise
grep -v '^USER' "$proj/Dockerfile" >"$work/Dockerfile.root"
cp "$work/Dockerfile.root" "$proj/Dockerfile"
expect 1 "promise 'non-root user' of tier 3 failed" "Dockerfile edited to run as root" -- "$proj"
grep -q "FAIL  *non-root user" "$work/out" || fail "verify did not mark 'non-root user' FAIL"
# ... while tier 0's promises still hold
expect 0 "" "--tier 0 on the same project" -- "$proj" --tier 0
grep -q "non-root" "$work/out" && fail "--tier 0 checked a tier 1 promise"

# a Dockerfile that does not build
printf 'RUN exit 3\n' >>"$proj/Dockerfile"
expect 1 "promise 'builds'" "Dockerfile that does not build" -- "$proj"

# tier 6 promises an image no bigger than tier 5's: psycopg2 leaves its
# compiler behind, so tier 6 is much smaller; bloating it breaks the promise
p6=$work/p6
mkdir -p "$p6"
cp -R "$e2e/apps/flask-psycopg2/." "$p6"
python3 - "$e2e/apps/flask-psycopg2/answers.json" "$work/answers6.json" "$(e2e_free_port)" <<'EOF2'
import json, sys
answers = json.load(open(sys.argv[1]))
answers["port"] = int(sys.argv[3])
answers["syntax_directive"] = False
json.dump(answers, open(sys.argv[2], "w"), indent=2)
EOF2
if "$ss" init "$p6" --answers "$work/answers6.json" --yes --tier 6 >"$work/init.log" 2>&1; then
	expect 0 "" "tier 6 psycopg2 project holds its promises" -- "$p6"
	sed 's/^/    | /' "$work/out"
	grep -q "ok  *no bigger than tier 5" "$work/out" || fail "verify did not compare with tier 5"
	grep -q "all 6 promises of tier 6 hold" "$work/out" || fail "verify's tier 6 summary is missing"
	# 300 MB of zeros in the runtime stage: now bigger than tier 5
	awk '/^USER /{print "RUN head -c 300000000 /dev/zero > /ballast"} {print}' "$p6/Dockerfile" \
		>"$work/Dockerfile.big"
	cp "$work/Dockerfile.big" "$p6/Dockerfile"
	expect 1 "promise 'no bigger than tier 5' of tier 6 failed" "tier 6 bloated past tier 5" -- "$p6"
else
	cat "$work/init.log"
	fail "shipshape init --tier 6 failed"
fi

# other app kinds: a worker must keep running and (tier 3) stop promptly,
# a cli must exit 0; a tier 0 worker (Python as PID 1 ignores SIGTERM)
# breaks tier 3's stop promise
kind_project() { # NAME TIER DIR
	mkdir -p "$3"
	cp -R "$e2e/apps/$1/." "$3"
	python3 -c 'import json, sys; a = json.load(open(sys.argv[1])); a["syntax_directive"] = False; json.dump(a, open(sys.argv[2], "w"))' \
		"$e2e/apps/$1/answers.json" "$work/answers-$1.json"
	"$ss" init "$3" --answers "$work/answers-$1.json" --yes --tier "$2" >"$work/init.log" 2>&1 ||
		{ cat "$work/init.log"; fail "shipshape init $1 --tier $2 failed"; return 1; }
}
if kind_project worker-loop 3 "$work/w3"; then
	expect 0 "" "tier 3 worker runs, is not root and stops promptly" -- "$work/w3"
	sed 's/^/    | /' "$work/out"
	grep -q "ok  *stops promptly" "$work/out" || fail "verify did not check the worker's stop"
	grep -q "ok  *runs" "$work/out" || fail "verify did not check that the worker runs"
fi
if kind_project worker-loop 0 "$work/w0"; then
	expect 1 "promise 'non-root user' of tier 3 failed" "tier 0 worker checked against tier 3" -- \
		"$work/w0" --tier 3
	sed 's/^/    | /' "$work/out"
	grep -q "FAIL  *stops promptly" "$work/out" || fail "verify did not catch the slow stop"
fi
if kind_project cli-hello 1 "$work/c1"; then
	expect 0 "" "tier 1 cli exits 0 and is not root" -- "$work/c1"
	grep -q "ok  *runs  *the default command exits 0" "$work/out" || fail "verify did not run the cli"
fi

# verify cleans up after itself
left=$(e2e_docker ps -a --filter name=shipshape-verify- -q | wc -l)
[ "$left" -eq 0 ] || fail "verify left $left container(s) behind"
left=$(e2e_docker images -q 'shipshape-verify-*' | wc -l)
[ "$left" -eq 0 ] || fail "verify left $left image(s) behind"

echo "verify runs took $(e2e_ms_to_s $(($(e2e_now_ms) - t0))) s"
if [ "$failures" -gt 0 ]; then
	echo "test_docker_verify: $failures failure(s)"
	exit 1
fi
echo "test_docker_verify: ok"
exit 0
