# Shared pieces of the Docker e2e tests (sourced by tests/sh/test_docker_*.sh).
#
# The engine on these machines has no bridge network: builds and runs use
# --network host, containers listen on a port the kernel just handed out,
# and nothing but 127.0.0.1 is ever addressed. Every container and image a
# test makes is recorded and removed by e2e_cleanup (install it in a trap).

E2E_DOCKER=${SHIPSHAPE_DOCKER:-/usr/bin/docker}
E2E_INDEX=${E2E_INDEX:-http://127.0.0.1:3141/simple}
export DOCKER_BUILDKIT=1

e2e_docker() { "$E2E_DOCKER" "$@"; }

# Skip (77) when no engine answers; under CI=true that is a failure.
e2e_require_engine() {
	if ! "$E2E_DOCKER" info >/dev/null 2>&1; then
		if [ "${CI:-}" = true ]; then
			echo "FAIL: no Docker engine ($E2E_DOCKER info failed) and CI=true"
			exit 1
		fi
		echo "SKIP: no Docker engine"
		exit 77
	fi
}

# The local package index must answer too (Dockerfiles install from it).
e2e_require_index() {
	if ! curl -fsS --max-time 5 "$E2E_INDEX/" >/dev/null 2>&1; then
		if [ "${CI:-}" = true ]; then
			echo "FAIL: the local package index $E2E_INDEX does not answer and CI=true"
			exit 1
		fi
		echo "SKIP: the local package index $E2E_INDEX does not answer (../shared/offline/serve-index)"
		exit 77
	fi
}

# e2e_init WORKDIR: remember where the cleanup lists live.
e2e_init() {
	E2E_WORK=$1
	: >"$E2E_WORK/containers"
	: >"$E2E_WORK/images"
}

e2e_cleanup() {
	if [ -n "${E2E_WORK:-}" ] && [ -d "$E2E_WORK" ]; then
		while read -r c; do
			[ -n "$c" ] && "$E2E_DOCKER" rm -f "$c" >/dev/null 2>&1
		done <"$E2E_WORK/containers"
		while read -r i; do
			[ -n "$i" ] && "$E2E_DOCKER" rmi -f "$i" >/dev/null 2>&1
		done <"$E2E_WORK/images"
		rm -rf "$E2E_WORK"
	fi
}

# A TCP port the kernel considers free right now.
e2e_free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Milliseconds since the epoch.
e2e_now_ms() { python3 -c 'import time; print(int(time.time() * 1000))'; }

# e2e_ms_to_s MS: "1.234"
e2e_ms_to_s() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }

# e2e_build TAG CONTEXT LOG: build with BuildKit on the host network.
e2e_build() {
	echo "$1" >>"$E2E_WORK/images"
	nice -n 10 "$E2E_DOCKER" build --network host -t "$1" "$2" >"$3" 2>&1
}

# e2e_run NAME IMAGE [docker run options...]: start detached on the host network.
e2e_run() {
	_name=$1 _image=$2
	shift 2
	echo "$_name" >>"$E2E_WORK/containers"
	"$E2E_DOCKER" run -d --network host --name "$_name" "$@" "$_image" >/dev/null
}

# e2e_wait_http PORT PATH SECONDS CONTAINER: 0 once PATH answers with 2xx.
e2e_wait_http() {
	_deadline=$(($(date +%s) + $3))
	while [ "$(date +%s)" -le $_deadline ]; do
		if curl -fsS --max-time 2 -o "$E2E_WORK/http-body" "http://127.0.0.1:$1$2" 2>/dev/null; then
			return 0
		fi
		[ "$("$E2E_DOCKER" inspect -f '{{.State.Running}}' "$4" 2>/dev/null)" = true ] || return 1
		sleep 0.5
	done
	return 1
}

# e2e_wait_healthy CONTAINER SECONDS: 0 once the HEALTHCHECK says healthy.
e2e_wait_healthy() {
	_deadline=$(($(date +%s) + $2))
	while [ "$(date +%s)" -le $_deadline ]; do
		case $("$E2E_DOCKER" inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$1" 2>/dev/null) in
		healthy) return 0 ;;
		none) return 2 ;;
		esac
		sleep 0.5
	done
	return 1
}

# e2e_stop_ms CONTAINER: stop it (10 s grace) and print how long that took, in ms.
e2e_stop_ms() {
	_t0=$(e2e_now_ms)
	"$E2E_DOCKER" stop -t 10 "$1" >/dev/null 2>&1
	_t1=$(e2e_now_ms)
	echo $((_t1 - _t0))
}

# e2e_image_size IMAGE: bytes.
e2e_image_size() { "$E2E_DOCKER" image inspect -f '{{.Size}}' "$1"; }

# e2e_mb BYTES: "123.4 MB" (decimal, as docker images prints).
e2e_mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
