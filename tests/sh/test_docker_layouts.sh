#!/bin/sh
# Project layouts a new user brings, built and run with a real Docker engine
# (the walkthrough's findings): each case writes a small project, lets
# `shipshape generate DIR --answers OVERRIDES --tier N --out CTX` detect the
# rest, builds CTX, runs it and checks that `/` answers, plus the case's own
# promise:
#   secrets   nested .env / *.key / id_rsa are not in the image (tier 1, F26)
#   pyproject PEP 621 dependencies only, no requirements file (F14)
#   setuppy   setup.py install_requires only, no requirements file (F14)
#   reqdir    requirements/prod.txt with '-r base.txt' beside it (F23)
#   srclayout code under src/ run from the tree, not installed (F22)
# Offline rules as in test_docker_tiers.sh: --network host, syntax_directive
# false, a port the kernel hands out. The build cache stays for the next run.
#
# LAYOUTS="secrets pyproject" narrows a run by hand.
set -u
src=${SS_SOURCE_DIR:?}
ss=${SHIPSHAPE:?}
e2e=$src/tests/e2e
. "$e2e/lib.sh"

e2e_require_engine
e2e_require_index

work=$(mktemp -d "${TMPDIR:-/tmp}/shipshape-layouts.XXXXXX")
e2e_init "$work"
trap 'e2e_cleanup' EXIT
trap 'exit 130' INT TERM
tag=shipshape-layouts-$$
failures=0 checks=0
t_start=$(date +%s)

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# flask_app FILE NAME: a Flask app object 'app' answering NAME on /
flask_app() {
	mkdir -p "$(dirname "$1")"
	cat >"$1" <<EOF
from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "$2\n"
EOF
}

# make_secrets DIR: the example app with secrets at the top and nested
make_secrets() {
	cp -R "$src/examples/flask-gunicorn/." "$1"
	rm -f "$1/answers.json"
	mkdir -p "$1/config/certs" "$1/deploy/.ssh" "$1/pkg"
	echo 'SECRET_KEY=top' >"$1/.env"
	echo 'DB_PASSWORD=nested' >"$1/config/.env"
	echo 'DB_PASSWORD=nested' >"$1/config/.env.production"
	echo 'not a real key' >"$1/config/certs/server.key"
	echo 'not a real key' >"$1/config/certs/server.pem"
	echo 'not a real key' >"$1/deploy/id_rsa"
	echo 'not a real key' >"$1/deploy/.ssh/id_ed25519"
}
secrets_absent='.env config/.env config/.env.production config/certs/server.key
config/certs/server.pem deploy/id_rsa deploy/.ssh/id_ed25519'

# make_pyproject DIR: PEP 621 dependencies, a package, no requirements file
make_pyproject() {
	cat >"$1/pyproject.toml" <<'EOF'
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "tidyweb"
version = "0.1.0"
requires-python = ">=3.9"
dependencies = ["flask==2.2.2", "gunicorn==20.1.0"]
EOF
	flask_app "$1/tidyweb/__init__.py" tidyweb
}

# make_setuppy DIR: setup.py install_requires, no requirements file
make_setuppy() {
	cat >"$1/setup.py" <<'EOF'
from setuptools import find_packages, setup

setup(
    name="svc",
    version="0.1.0",
    packages=find_packages(),
    install_requires=["flask==2.2.2", "gunicorn==20.1.0"],
)
EOF
	flask_app "$1/svc/web.py" svc
	: >"$1/svc/__init__.py"
}

# make_reqdir DIR: requirements/prod.txt includes requirements/base.txt (-r)
make_reqdir() {
	mkdir -p "$1/requirements"
	printf -- '-r base.txt\ngunicorn==20.1.0\n' >"$1/requirements/prod.txt"
	printf 'flask==2.2.2\n' >"$1/requirements/base.txt"
	flask_app "$1/shop/web.py" shop
	: >"$1/shop/__init__.py"
}

# make_srclayout DIR: requirements.txt and the code under src/, not packaged
make_srclayout() {
	printf 'flask==2.2.2\ngunicorn==20.1.0\n' >"$1/requirements.txt"
	flask_app "$1/src/notes/main.py" notes
	: >"$1/src/notes/__init__.py"
}

# overrides CASE PORT: the answers a user of that layout writes by hand
overrides() {
	case $1 in
	# detection does not set source_dir yet (see /work/notes/lead-gaps.md)
	srclayout) extra='"source_dir": "src",' ;;
	*) extra= ;;
	esac
	printf '{%s "syntax_directive": false, "python_version": "3.11", "port": %s}\n' "$extra" "$2"
}

# check CASE TIER: make, render, build, run and check one case at one tier
check() {
	case_=$1 tier=$2
	dir=$work/$case_-$tier
	image=$tag-$case_:tier$tier
	name=$tag-$case_-$tier
	checks=$((checks + 1))
	before=$failures
	mkdir -p "$dir/proj"
	"make_$case_" "$dir/proj"
	port=$(e2e_free_port)
	overrides "$case_" "$port" >"$dir/answers.json"
	cp -R "$dir/proj" "$dir/ctx"
	if ! "$ss" generate "$dir/proj" --answers "$dir/answers.json" --tier "$tier" \
		--out "$dir/ctx" >"$work/gen.log" 2>&1; then
		cat "$work/gen.log"
		fail "$case_ tier $tier: shipshape generate failed"
		return
	fi
	if ! e2e_build "$image" "$dir/ctx" "$work/build.log"; then
		tail -n 20 "$work/build.log"
		fail "$case_ tier $tier: docker build failed (build log above, Dockerfile below)"
		sed 's/^/    | /' "$dir/ctx/Dockerfile"
		return
	fi
	if ! e2e_run "$name" "$image"; then
		fail "$case_ tier $tier: docker run failed"
		return
	fi
	if ! e2e_wait_http "$port" / 60 "$name"; then
		fail "$case_ tier $tier: / did not answer on port $port within 60 s"
		e2e_docker logs --tail 20 "$name" 2>&1 | sed 's/^/    | /'
		sed 's/^/    | /' "$dir/ctx/Dockerfile"
	fi
	case $case_ in
	secrets)
		app_dir=$(e2e_docker inspect -f '{{.Config.WorkingDir}}' "$image")
		for f in $secrets_absent; do
			if e2e_docker exec "$name" test -e "$app_dir/$f"; then
				fail "$case_ tier $tier: '$f' from the build context is in the image at $app_dir/$f"
			fi
		done
		;;
	esac
	e2e_docker rm -f "$name" >/dev/null 2>&1
	[ "$failures" -ne "$before" ] || echo "ok: $case_ tier $tier"
}

for c in ${LAYOUTS:-secrets pyproject setuppy reqdir srclayout}; do
	case $c in
	secrets) check secrets 1 ;;
	*)
		check "$c" 0
		check "$c" 6
		;;
	esac
done

echo "layouts: $checks builds, $failures failure(s), $(($(date +%s) - t_start)) s"
[ "$failures" -eq 0 ]
