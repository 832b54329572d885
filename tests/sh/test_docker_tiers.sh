#!/bin/sh
# The e2e tier matrix with a real Docker engine: the example app
# (examples/flask-gunicorn) and tests/e2e/apps/flask-psycopg2 are rendered
# by `shipshape generate --tier N` for every tier 0-6, built, run and
# checked against the tier's promises:
#   - tier 0+: the image builds and `/` answers on the app's port
#   - tier 1+: `id -u` in the container is not 0
#   - tier 3+: the HEALTHCHECK reports healthy; `docker stop` takes < 3 s
#   - tier 6 : no bigger than tier 5 (example), strictly smaller (psycopg2),
#              and the answers' build packages (gcc, libpq-dev) are gone while
#              the runtime ones (libpq5) are installed at every tier
# plus a pip-tools case at tier 4 whose hashed lock is written at test time
# from the local index (tests/e2e/hash-lock), and a Pipenv case at tiers 4
# and 6 whose Pipfile.lock `pipenv lock` writes at test time (in the base
# image, against the local index). Locks hold the index's hashes, which
# differ from machine to machine, so none is committed.
#
# Offline rules: practices that need a registry or the internet are skipped
# in the profile with a reason (tests/e2e/make-profile prints them) and
# "syntax_directive" is false. Containers use --network host and a port the
# kernel hands out, passed through the answers ("port"). Everything the test
# makes is removed on exit; the build cache stays for the next run.
#
# E2E_APPS="flask-gunicorn flask-psycopg2 pip-tools pipenv" and E2E_TIERS="0 1
# 2 3 4 5 6" narrow a run by hand.
set -u
src=${SS_SOURCE_DIR:?}
ss=${SHIPSHAPE:?}
e2e=$src/tests/e2e
. "$e2e/lib.sh"

e2e_require_engine
e2e_require_index

apps=${E2E_APPS:-flask-gunicorn flask-psycopg2 pip-tools pipenv}
tiers=${E2E_TIERS:-0 1 2 3 4 5 6}
t_start=$(date +%s)
work=$(mktemp -d "${TMPDIR:-/tmp}/shipshape-e2e.XXXXXX")
e2e_init "$work"
trap 'e2e_cleanup' EXIT
trap 'exit 130' INT TERM
tag=shipshape-e2e-$$
results=$work/results
: >"$results"
failures=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# app_source NAME: the app's directory
app_source() {
	case $1 in
	flask-gunicorn | pip-tools | pipenv) echo "$src/examples/flask-gunicorn" ;;
	*) echo "$e2e/apps/$1" ;;
	esac
}

# app_answers NAME: its answers file
app_answers() {
	case $1 in
	flask-gunicorn | pip-tools | pipenv) echo "$src/examples/flask-gunicorn/answers.json" ;;
	*) echo "$e2e/apps/$1/answers.json" ;;
	esac
}

# prepare_pip_tools DIR: turn a copy of the example into a pip-tools project:
# requirements.in (the direct dependencies) and requirements.txt, a hashed
# lock resolved by pip inside the base image and hashed from the index.
prepare_pip_tools() {
	printf '# direct dependencies; requirements.txt is the hashed lock\nFlask==2.2.2\ngunicorn==20.1.0\n' \
		>"$1/requirements.in"
	py=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("python_version", "3.12"))' \
		"$(app_answers pip-tools)")
	if ! e2e_docker run --rm --network host -v "$e2e:/e2e:ro" -v "$1:/proj:ro" "python:$py-slim" \
		python3 /e2e/hash-lock "$E2E_INDEX" /proj/requirements.in >"$work/lock.txt" 2>"$work/lock.err"; then
		cat "$work/lock.err"
		return 1
	fi
	mv "$work/lock.txt" "$1/requirements.txt"
	echo "pip-tools: wrote a hashed lock of $(grep -c -- '--hash=sha256:' "$1/requirements.txt") pins from $E2E_INDEX"
}

# prepare_pipenv DIR: turn a copy of the example into a Pipenv project: a
# Pipfile whose source is the local index, and the Pipfile.lock that
# `pipenv lock` writes inside the base image.
prepare_pipenv() {
	rm -f "$1/requirements.txt"
	cat >"$1/Pipfile" <<EOF
[[source]]
url = "$E2E_INDEX"
verify_ssl = false
name = "local"

[packages]
flask = "==2.2.2"
gunicorn = "==20.1.0"
EOF
	py=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("python_version", "3.12"))' \
		"$(app_answers pipenv)")
	if ! e2e_docker run --rm --network host -v "$1:/proj" -w /proj "python:$py-slim" \
		sh -c 'pip install -q --disable-pip-version-check pipenv && pipenv lock' \
		>"$work/lock.err" 2>&1; then
		tail -n 20 "$work/lock.err"
		return 1
	fi
	echo "pipenv: wrote Pipfile.lock ($(grep -c '"version": "==' "$1/Pipfile.lock") pins) from $E2E_INDEX"
}

# pkgs_of APP build|runtime: the app's system_packages of that kind
pkgs_of() {
	python3 -c 'import json, sys; print(" ".join(json.load(open(sys.argv[1])).get("system_packages", {}).get(sys.argv[2], [])))' \
		"$(app_answers "$1")" "$2"
}

# installed CONTAINER PACKAGE: 0 when dpkg has it installed
installed() {
	e2e_docker exec "$1" dpkg-query -W -f '${Status}' "$2" 2>/dev/null | grep -q 'install ok installed'
}

# check_tier APP TIER: render, build, run and check one tier of one app.
# Appends "app tier size build_ms stop_ms health uid status" to $results.
check_tier() {
	app=$1 tier=$2
	dir=$work/$app
	ctx=$dir/ctx$tier
	gen=$dir/gen$tier
	image=$tag-$app:tier$tier
	name=$tag-$app-$tier
	status=ok size=0 build_ms=0 stop_ms=- health=- uid=-

	port=$(e2e_free_port)
	"$e2e/make-profile" "$src/templates/practices.json" "$(app_answers "$app")" \
		"$dir/proj/.shipshape.json" "port=$port" $extra >"$work/profile.log" || {
		fail "$app tier $tier: cannot write the profile"
		return
	}
	[ -n "${printed_skips:-}" ] || { cat "$work/profile.log"; printed_skips=1; }
	rm -rf "$gen" "$ctx"
	if ! "$ss" generate "$dir/proj" --tier "$tier" --out "$gen" >"$work/gen.log" 2>&1; then
		cat "$work/gen.log"
		fail "$app tier $tier: shipshape generate failed"
		echo "$app $tier 0 0 - - - render-failed" >>"$results"
		return
	fi
	cp -R "$dir/proj/." "$ctx"
	cp -R "$gen/." "$ctx"

	t0=$(e2e_now_ms)
	if ! e2e_build "$image" "$ctx" "$work/build.log"; then
		tail -n 30 "$work/build.log"
		fail "$app tier $tier: docker build failed (build log above, Dockerfile below)"
		sed 's/^/    | /' "$ctx/Dockerfile"
		echo "$app $tier 0 0 - - - build-failed" >>"$results"
		return
	fi
	build_ms=$(($(e2e_now_ms) - t0))
	size=$(e2e_image_size "$image")

	health_opts=
	[ "$tier" -ge 3 ] && health_opts="--health-interval 1s"
	# shellcheck disable=SC2086 # word splitting of the options is intended
	if ! e2e_run "$name" "$image" $health_opts; then
		fail "$app tier $tier: docker run failed"
		echo "$app $tier $size $build_ms - - - run-failed" >>"$results"
		return
	fi

	if e2e_wait_http "$port" / 60 "$name"; then
		if [ "$app" = flask-psycopg2 ] && ! grep -q '"libpq_version":[1-9]' "$work/http-body"; then
			fail "$app tier $tier: / does not report psycopg2's libpq version: $(cat "$work/http-body")"
			status=FAIL
		fi
	else
		fail "$app tier $tier: / did not answer on port $port within 60 s"
		e2e_docker logs --tail 20 "$name" 2>&1 | sed 's/^/    | /'
		status=FAIL
	fi

	# system packages: runtime ones at every tier, build ones gone at tier 6
	for pkg in $(pkgs_of "$app" runtime); do
		installed "$name" "$pkg" || {
			fail "$app tier $tier: runtime package '$pkg' is not installed in the image"
			status=FAIL
		}
	done
	if [ "$tier" -ge 6 ]; then
		for pkg in $(pkgs_of "$app" build); do
			! installed "$name" "$pkg" || {
				fail "$app tier $tier: build package '$pkg' is still in the final image"
				status=FAIL
			}
		done
	fi

	uid=$(e2e_docker exec "$name" id -u 2>/dev/null || echo '?')
	if [ "$tier" -ge 1 ] && [ "$uid" = 0 -o "$uid" = '?' ]; then
		fail "$app tier $tier: id -u in the container is '$uid' (tier 1 promises a non-root user)"
		status=FAIL
	fi

	if [ "$tier" -ge 3 ]; then
		e2e_wait_healthy "$name" 60
		case $? in
		0) health=healthy ;;
		2)
			health=none
			fail "$app tier $tier: the image has no HEALTHCHECK"
			status=FAIL
			;;
		*)
			health=$(e2e_docker inspect -f '{{.State.Health.Status}}' "$name" 2>/dev/null)
			fail "$app tier $tier: the HEALTHCHECK did not report healthy within 60 s ($health)"
			e2e_docker inspect -f '{{range .State.Health.Log}}{{.Output}}{{end}}' "$name" 2>/dev/null |
				tail -n 5 | sed 's/^/    | /'
			status=FAIL
			;;
		esac
	fi

	stop_ms=$(e2e_stop_ms "$name")
	if [ "$tier" -ge 3 ] && [ "$stop_ms" -ge 3000 ]; then
		# a loaded machine (two cores, parallel tests) can slow one stop;
		# an app that ignores SIGTERM takes the full 10 s every time
		echo "$app tier $tier: docker stop took $(e2e_ms_to_s "$stop_ms") s; measuring once more on a fresh container"
		e2e_docker rm -f "$name" >/dev/null 2>&1
		# shellcheck disable=SC2086
		if e2e_run "$name-again" "$image" $health_opts && e2e_wait_http "$port" / 60 "$name-again"; then
			stop_ms=$(e2e_stop_ms "$name-again")
		fi
		e2e_docker rm -f "$name-again" >/dev/null 2>&1
		if [ "$stop_ms" -ge 3000 ]; then
			fail "$app tier $tier: docker stop took $(e2e_ms_to_s "$stop_ms") s (limit 3 s)"
			status=FAIL
		fi
	fi
	e2e_docker rm -f "$name" >/dev/null 2>&1
	e2e_docker rmi "$image" >/dev/null 2>&1
	echo "$app $tier $size $build_ms $stop_ms $health $uid $status" >>"$results"
	echo "$app tier $tier: $status ($(e2e_mb "$size"), built in $(e2e_ms_to_s "$build_ms") s, stop $(e2e_ms_to_s "$stop_ms") s, uid $uid, health $health)"
}

for app in $apps; do
	dir=$work/$app
	mkdir -p "$dir/proj"
	cp -R "$(app_source "$app")/." "$dir/proj"
	rm -rf "$dir/proj/.shipshape" "$dir/proj/__pycache__"
	extra=
	app_tiers=$tiers
	printed_skips=
	echo "== $app"
	if [ "$app" = pip-tools ]; then
		extra='dependency_manager="pip-tools"'
		app_tiers=4
		if ! prepare_pip_tools "$dir/proj"; then
			fail "pip-tools: cannot write the hashed lock"
			continue
		fi
	fi
	if [ "$app" = pipenv ]; then
		extra='dependency_manager="pipenv"'
		app_tiers="4 6"
		if ! prepare_pipenv "$dir/proj"; then
			fail "pipenv: pipenv lock failed"
			continue
		fi
	fi
	for tier in $app_tiers; do
		check_tier "$app" "$tier"
	done
done

# tier 6 against tier 5
size_of() { awk -v a="$1" -v t="$2" '$1 == a && $2 == t { print $3 }' "$results"; }
for app in flask-gunicorn flask-psycopg2; do
	s5=$(size_of "$app" 5)
	s6=$(size_of "$app" 6)
	[ -n "$s5" ] && [ -n "$s6" ] && [ "$s5" -gt 0 ] && [ "$s6" -gt 0 ] || continue
	if [ "$app" = flask-psycopg2 ]; then
		[ "$s6" -lt "$s5" ] || fail "$app: tier 6 image ($s6 bytes) is not smaller than tier 5's ($s5 bytes)"
	else
		[ "$s6" -le "$s5" ] || fail "$app: tier 6 image ($s6 bytes) is bigger than tier 5's ($s5 bytes)"
	fi
done

echo
echo "== sizes and stop times"
printf '%-16s %4s %10s %9s %8s %8s %6s  %s\n' app tier size build stop health uid result
while read -r app tier size build stop health uid status; do
	[ "$stop" = - ] || stop="$(e2e_ms_to_s "$stop") s"
	printf '%-16s %4s %10s %9s %8s %8s %6s  %s\n' "$app" "$tier" "$(e2e_mb "$size")" \
		"$(e2e_ms_to_s "$build") s" "$stop" "$health" "$uid" "$status"
done <"$results"
echo "total e2e time: $(($(date +%s) - t_start)) s"
if [ "$failures" -gt 0 ]; then
	echo "test_docker_tiers: $failures failure(s)"
	exit 1
fi
echo "test_docker_tiers: ok"
exit 0
