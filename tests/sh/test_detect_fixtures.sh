#!/bin/sh
# Run `shipshape detect --json` on every project tree under
# tests/fixtures/projects/ and compare with its hand-written expected.json,
# semantically (key order does not matter; warnings compare as a set).
#
# Each fixture is copied to a scratch directory first. expected.json may hold
# a "_fixture" object steering the run:
#   "dir": "services/api"   run detect on this subdirectory of the copy
#   "git": "."              create an empty .git directory there (a repository root)
#   "unprivileged": true    run as uid/gid 65534 (setpriv) when we are root
#   "exit": 2, "stderr": "text"   expected exit status and stderr substring
# and an optional setup.sh runs inside the copy (symlinks, unreadable files,
# big files: what git cannot keep). Neither file is left in the copy.
# SHIPSHAPE_TODAY is fixed so that end-of-life warnings do not rot.
set -u
bin=${SHIPSHAPE:?}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
src=$(cd "${SS_SOURCE_DIR:?}" && pwd)
fixtures="$src/tests/fixtures/projects"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is needed to compare JSON"; exit 77; }

tmp=$(mktemp -d)
trap 'chmod -R u+rwX "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
chmod 755 "$tmp"
export SHIPSHAPE_TODAY=2026-06-01

pass=0 fail=0 total=0
for fx in "$fixtures"/*/; do
	name=$(basename "$fx")
	total=$((total + 1))
	work="$tmp/$name"
	cp -R "$fx" "$work"
	rm -f "$work/expected.json" "$work/setup.sh"
	ctl=$(python3 -c '
import json, sys
f = json.load(open(sys.argv[1])).get("_fixture", {})
print(f.get("dir", "."), f.get("git", "-"), "1" if f.get("unprivileged") else "0", f.get("exit", 0))
' "$fx/expected.json") || { echo "FAIL $name: bad expected.json"; fail=$((fail + 1)); continue; }
	set -- $ctl
	dir=$1 git=$2 unpriv=$3
	if [ "$git" != "-" ]; then mkdir -p "$work/$git/.git"; fi
	# readable by the unprivileged user first; setup.sh may then take modes away
	chmod -R a+rX "$work" 2>/dev/null
	if [ -f "$fx/setup.sh" ]; then
		(cd "$work" && sh "$fx/setup.sh") || { echo "FAIL $name: setup.sh failed"; fail=$((fail + 1)); continue; }
	fi
	run_as=""
	if [ "$unpriv" = "1" ]; then
		if [ "$(id -u)" = "0" ]; then
			command -v setpriv >/dev/null 2>&1 || { echo "SKIP $name: no setpriv"; continue; }
			run_as="setpriv --reuid=65534 --regid=65534 --clear-groups"
		fi
	fi
	rc=0
	(cd "$work" && $run_as "$bin" detect "$dir" --json >"$tmp/$name.out" 2>"$tmp/$name.err") || rc=$?
	if python3 - "$fx/expected.json" "$tmp/$name.out" "$tmp/$name.err" "$rc" <<'PYEOF'
import json, sys
exp = json.load(open(sys.argv[1]))
ctl = exp.pop("_fixture", {})
rc = int(sys.argv[4])
err = open(sys.argv[3]).read()
problems = []
if rc != ctl.get("exit", 0):
    problems.append("exit status %d, expected %d (stderr: %s)" % (rc, ctl.get("exit", 0), err.strip()))
if "stderr" in ctl and ctl["stderr"] not in err:
    problems.append("stderr %r lacks %r" % (err.strip(), ctl["stderr"]))
if ctl.get("exit", 0) == 0 and not problems:
    try:
        got = json.load(open(sys.argv[2]))
    except Exception as e:
        got = None
        problems.append("output is not JSON: %s" % e)
    if got is not None:
        for k in sorted(set(exp) | set(got)):
            if k == "notes":
                for nk, nv in exp.get("notes", {}).items():
                    if got.get("notes", {}).get(nk) != nv:
                        problems.append("notes.%s: got %s, expected %s" % (nk, json.dumps(got.get("notes", {}).get(nk)), json.dumps(nv)))
                continue
            if k not in got:
                problems.append("missing %s: expected %s" % (k, json.dumps(exp[k])))
            elif k not in exp:
                problems.append("unexpected %s: %s" % (k, json.dumps(got[k])))
            elif k == "warnings":
                if sorted(exp[k]) != sorted(got[k]):
                    for w in sorted(set(exp[k]) - set(got[k])):
                        problems.append("warning missing: %s" % w)
                    for w in sorted(set(got[k]) - set(exp[k])):
                        problems.append("warning unexpected: %s" % w)
            elif exp[k] != got[k]:
                problems.append("%s: got %s, expected %s" % (k, json.dumps(got[k]), json.dumps(exp[k])))
for p in problems:
    print("   ", p)
sys.exit(1 if problems else 0)
PYEOF
	then
		pass=$((pass + 1))
		echo "ok   $name"
	else
		fail=$((fail + 1))
		echo "FAIL $name"
	fi
done
echo "detect fixtures: $pass passed, $fail failed, $total total"
[ "$total" -ge 1 ] || exit 1
[ "$fail" -eq 0 ]
