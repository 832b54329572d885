#!/bin/sh
# shipshape next: one tier per call up to 6, each write backed up; declines
# without --yes and without a terminal; a hand edit stops it (exit 3) with
# nothing written; at the top it says so and exits 0.
set -u
src=${SS_SOURCE_DIR:?}
ss=${SHIPSHAPE:?}
answers=$src/examples/flask-gunicorn/answers.json
work=$(mktemp -d "${TMPDIR:-/tmp}/shipshape-next.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }
run() { "$ss" --templates "$src/templates" "$@"; }
mkdir "$work/p"
cp -R "$src/examples/flask-gunicorn/." "$work/p/"

run next "$work/p" --yes >/dev/null 2>&1
[ $? -eq 2 ] || no "next without a profile should exit 2"
run init "$work/p" --answers "$answers" --yes >/dev/null 2>&1 || no "init failed"

run next "$work/p" </dev/null >/dev/null 2>"$work/err"
[ $? -eq 1 ] || no "next without --yes and without a terminal should exit 1"
grep -q '"tier": 0' "$work/p/.shipshape.json" || no "a declined next changed the tier"

for tier in 1 2 3 4 5 6; do
	run next "$work/p" --yes </dev/null >"$work/out" 2>&1 || { no "next to tier $tier failed: $(cat "$work/out")"; break; }
	grep -q "\"tier\": $tier" "$work/p/.shipshape.json" || no "profile not at tier $tier"
	grep -q "now at tier $tier" "$work/out" || no "next does not say the new tier"
	grep -q "backups in .shipshape/backups/" "$work/out" || no "tier $tier: no backup reported"
	run generate "$work/p" --tier "$tier" --file Dockerfile | cmp -s - "$work/p/Dockerfile" ||
		no "tier $tier Dockerfile differs from generate --tier $tier"
done
n=$(ls "$work/p/.shipshape/backups" | wc -l)
[ "$n" -eq 6 ] || no "expected 6 backup directories, found $n"
[ -f "$work/p/.github/workflows/docker.yml" ] || no "no CI workflow after tier 2"
run next "$work/p" --yes >"$work/out" 2>&1 || no "next at the top should exit 0"
grep -q "top tier" "$work/out" || no "next at the top should say so"

# on a terminal: shows what the tier adds and the diff, then asks
if python3 -c 'import pty' 2>/dev/null; then
	mkdir "$work/t"
	cp -R "$src/examples/flask-gunicorn/." "$work/t/"
	run init "$work/t" --answers "$answers" --yes >/dev/null 2>&1 || no "init failed"
	for reply in n y; do
		python3 - "$ss" "$src/templates" "$work/t" "$reply" >"$work/tty.out" <<'PY'
import os, pty, sys, time
ss, tpl, d, reply = sys.argv[1:5]
pid, fd = pty.fork()
if pid == 0:
    os.execv(ss, [ss, "--templates", tpl, "next", d])
out = b""
deadline = time.time() + 30
while time.time() < deadline:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    if b"[y/N]" in out and not out.endswith(b"\n"):
        os.write(fd, (reply + "\n").encode())
        out += b"\n"
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors="replace"))
print("EXIT %d" % os.WEXITSTATUS(status))
PY
		grep -q "tier 1 (security) adds:" "$work/tty.out" || no "next on a terminal does not say what the tier adds"
		grep -q "^+USER appuser" "$work/tty.out" || no "next on a terminal does not show the diff"
		if [ "$reply" = n ]; then
			grep -q "EXIT 1" "$work/tty.out" || no "answering n should exit 1"
			grep -q '"tier": 0' "$work/t/.shipshape.json" || no "answering n changed the tier"
		else
			grep -q "EXIT 0" "$work/tty.out" || no "answering y should exit 0: $(tail -3 "$work/tty.out")"
			grep -q '"tier": 1' "$work/t/.shipshape.json" || no "answering y did not upgrade"
		fi
	done
fi

# a hand edit: exit 3, nothing written
mkdir "$work/h"
cp -R "$src/examples/flask-gunicorn/." "$work/h/"
run init "$work/h" --answers "$answers" --tier 2 --yes >/dev/null 2>&1 || no "init --tier 2 failed"
echo "  - my-step" >>"$work/h/.github/workflows/docker.yml"
cp "$work/h/Dockerfile" "$work/df.before"
run next "$work/h" --yes >/dev/null 2>"$work/err"
[ $? -eq 3 ] || no "next over a hand-edited workflow should exit 3"
grep -q "'.github/workflows/docker.yml'" "$work/err" || no "the conflict should name the file: $(cat "$work/err")"
cmp -s "$work/df.before" "$work/h/Dockerfile" || no "next wrote the Dockerfile despite the conflict"
grep -q '"tier": 2' "$work/h/.shipshape.json" || no "the tier moved despite the conflict"
[ ! -e "$work/h/docker-entrypoint.sh" ] || no "tier 3 files were written despite the conflict"
# a legacy project (its own Dockerfile, no profile): the message says what stops init
mkdir "$work/legacy"
printf 'FROM python:3.12\nCMD ["python", "app.py"]\n' >"$work/legacy/Dockerfile"
run next "$work/legacy" --yes </dev/null >/dev/null 2>"$work/err"
[ $? -eq 2 ] || no "next without a profile should exit 2"
grep -q "no profile in .*run 'shipshape init' first (its Dockerfile was not written by shipshape: move it aside" "$work/err" ||
	no "next in a legacy project should say to move the Dockerfile aside: $(cat "$work/err")"
[ $fail -eq 0 ] && echo "next: tiers 1-6 with backups, declines, top tier, hand-edit refusal"
exit $fail
