#!/bin/sh
# The wizard end to end in a real terminal: tmux at 80x24 runs the binary
# on a copy of the example app and walks tiers 0 -> 2 with keystrokes,
# resizing to 40x10 and back on the way, then quits. The files on disk must
# be byte-identical to what `init --answers ... --tier 2 --yes` writes on
# another copy, and .shipshape.json must record tier 2. Also: no terminal
# (TERM dumb, stdin not a tty) exits 2 pointing to `init --answers`.
set -u
bin=${SHIPSHAPE:?}
src=${SS_SOURCE_DIR:?}
command -v tmux >/dev/null 2>&1 || { echo "skip: no tmux"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "skip: no python3"; exit 77; }

tmp=$(mktemp -d)
sock="ss-wizard-$$"
T() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() { T kill-server >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; echo "--- screen:"; T capture-pane -p -t w 2>/dev/null; exit 1; }

# no terminal: exit 2 with a pointer to init --answers
out=$(TERM=dumb "$bin" wizard "$src/examples/flask-gunicorn" 2>&1 </dev/null); rc=$?
[ $rc -eq 2 ] || fail "TERM=dumb: exit $rc, want 2"
echo "$out" | grep -q "init --answers" || fail "TERM=dumb: message does not point to init --answers: $out"
out=$("$bin" wizard "$src/examples/flask-gunicorn" 2>&1 </dev/null); rc=$?
[ $rc -eq 2 ] || fail "stdin not a tty: exit $rc, want 2"
out=$(env -u TERM "$bin" wizard "$src/examples/flask-gunicorn" 2>&1); rc=$?
[ $rc -eq 2 ] || fail "TERM unset: exit $rc, want 2"


mkdir -p "$tmp/a" "$tmp/b"
cp -r "$src/examples/flask-gunicorn" "$tmp/a/"
cp -r "$src/examples/flask-gunicorn" "$tmp/b/"
rm -f "$tmp/a/flask-gunicorn/answers.json" "$tmp/b/flask-gunicorn/answers.json"

# (under ASan, LeakSanitizer would report ncurses' stdscr pseudo panel, which
# delscreen never frees: the screen tests' suppression covers it)
T new-session -d -s w -x 80 -y 24 -e TERM=xterm-256color -e LANG=C.UTF-8 \
	-e "LSAN_OPTIONS=suppressions=$src/tests/tui/lsan.supp" \
	"'$bin' wizard '$tmp/a/flask-gunicorn' 2>'$tmp/err'; echo \$? >'$tmp/rc'; sleep 30" ||
	fail "cannot start tmux"
T set-option -t w window-size manual >/dev/null 2>&1

screen() { T capture-pane -p -t w; }
# wait until the screen shows text (fixed string), at most 10 s
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		screen | grep -qF -- "$1" && return 0
		[ -f "$tmp/rc" ] && fail "the wizard exited while waiting for '$1': $(cat "$tmp/err")"
		sleep 0.1
		i=$((i + 1))
	done
	fail "timed out waiting for '$1'"
}
key() { T send-keys -t w "$@"; }
# answer the tier's questions with their defaults until the tier screen
# shows; after each Enter, wait for the screen to change (no key runs ahead)
through_questions() {
	i=0
	while [ $i -lt 100 ]; do
		now=$(screen)
		echo "$now" | grep -qF "tier $1 of 6" && return 0
		if echo "$now" | grep -qF "tier $1: questions"; then
			key Enter
			j=0
			while [ "$(screen)" = "$now" ] && [ $j -lt 100 ]; do sleep 0.05; j=$((j + 1)); done
		else
			sleep 0.1
		fi
		i=$((i + 1))
	done
	fail "tier $1 screen never came"
}

wait_for "Start at tier 0"
key Enter
wait_for "What shipshape found"
key Enter
through_questions 0
key d
wait_for "Files this tier changes"
# mid-way: too small, then back
T resize-window -t w -x 40 -y 10
wait_for "enlarge the terminal"
T resize-window -t w -x 80 -y 24
wait_for "tier 0 of 6: baseline"
wait_for "Files this tier changes"
key Enter
wait_for "Ready to write tier 0"
key Enter
wait_for "Tier 0 (baseline) is written"
key Enter
through_questions 1
key Enter
wait_for "Ready to write tier 1"
key Enter
wait_for "Tier 1 (security) is written"
key Enter
through_questions 2
key Enter
wait_for "Ready to write tier 2"
key Enter
wait_for "Tier 2 (automation) is written"
key q
i=0
while [ ! -f "$tmp/rc" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ -f "$tmp/rc" ] || fail "q did not quit"
[ "$(cat "$tmp/rc")" = 0 ] || fail "wizard exit status $(cat "$tmp/rc"): $(cat "$tmp/err")"
screen | grep -q "you are at tier 2" || fail "no 'you are at tier 2' after quitting"

a="$tmp/a/flask-gunicorn"
b="$tmp/b/flask-gunicorn"
python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); assert p["tier"] == 2, p["tier"]; json.dump(p["answers"], open(sys.argv[2], "w"))' \
	"$a/.shipshape.json" "$tmp/answers.json" || fail ".shipshape.json does not record tier 2"
"$bin" init "$b" --answers "$tmp/answers.json" --tier 2 --yes >"$tmp/init.out" 2>&1 ||
	fail "init failed: $(cat "$tmp/init.out")"
# byte-identical, backups aside (the wizard wrote three times, init once)
diff -r --exclude=.shipshape "$a" "$b" >"$tmp/diff" 2>&1 || { cat "$tmp/diff"; fail "the wizard and init wrote different files"; }
n=$(find "$a" -type f ! -path '*/.shipshape/*' | wc -l)
[ -f "$a/Dockerfile" ] && [ -f "$a/.dockerignore" ] || fail "no Dockerfile/.dockerignore written"
echo "ok: wizard walked tiers 0-2 at 80x24 (resized to 40x10 and back); $n files byte-identical to init --tier 2"
