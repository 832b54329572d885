#!/bin/sh
# `shipshape parse`: --dump prints BuildKit's test format (every conformance
# Dockerfile dumps to its result file), errors are one line naming the file
# (and the line), exit statuses follow PRODUCT.md, a mistyped option gets a
# suggestion.
set -u
bin=${SHIPSHAPE:?}
shared=${SS_SHARED_DIR:?}
conf="$shared/conformance/dockerfile-parser"
[ -d "$conf/testfiles" ] || { echo "SKIP: no conformance files in $conf"; exit 77; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fail=1; }

# 1. --dump equals the result file, byte for byte, for every positive case
n=0 good=0
for d in "$conf"/testfiles/*/; do
	n=$((n + 1))
	if "$bin" parse --dump "$d/Dockerfile" >"$tmp/out" 2>"$tmp/err" &&
	   cmp -s "$tmp/out" "$d/result" && [ ! -s "$tmp/err" ]; then
		good=$((good + 1))
	else
		bad "dump of $(basename "$d") differs from its result file"
	fi
done
[ "$n" -gt 0 ] && [ "$good" -eq "$n" ] && ok "--dump matches $good/$n result files"

# 2. every negative case: exit 2, one line on stderr naming the file
for d in "$conf"/testfiles-negative/*/; do
	"$bin" parse --dump "$d/Dockerfile" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	lines=$(wc -l <"$tmp/err")
	if [ $rc -eq 2 ] && [ "$lines" -eq 1 ] && grep -q "cannot parse '.*Dockerfile'" "$tmp/err" &&
	   [ ! -s "$tmp/out" ]; then
		ok "negative $(basename "$d"): $(cat "$tmp/err")"
	else
		bad "negative $(basename "$d"): exit $rc, stderr: $(cat "$tmp/err")"
	fi
done

# 3. a missing file: exit 2, one line naming it
"$bin" parse --dump "$tmp/no-such-Dockerfile" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
   grep -q "^shipshape: .*'$tmp/no-such-Dockerfile'" "$tmp/err"; then
	ok "missing file: $(cat "$tmp/err")"
else
	bad "missing file: exit $rc, stderr: $(cat "$tmp/err")"
fi

# 4. a mistyped option suggests the right one
"$bin" parse --dupm "$conf/testfiles/json/Dockerfile" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "did you mean '--dump'" "$tmp/err"; then
	ok "bad flag: $(cat "$tmp/err")"
else
	bad "bad flag: exit $rc, stderr: $(cat "$tmp/err")"
fi

# 5. --check: unknown instructions are errors with file and line; the
#    syntax layer alone (--dump) accepts them
printf 'FROM python:3.12-slim\n\nRUNN pip install x\n' >"$tmp/Dockerfile"
"$bin" parse --check "$tmp/Dockerfile" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -qx "shipshape: cannot parse '$tmp/Dockerfile' line 3: unknown instruction 'RUNN'; did you mean 'RUN'?" "$tmp/err"; then
	ok "--check: $(cat "$tmp/err")"
else
	bad "--check: exit $rc, stderr: $(cat "$tmp/err")"
fi
if "$bin" parse --dump "$tmp/Dockerfile" >"$tmp/out" 2>"$tmp/err" &&
   [ "$(sed -n 2p "$tmp/out")" = '(runn "")' ]; then
	ok "--dump accepts an unknown instruction as BuildKit does"
else
	bad "--dump of an unknown instruction: $(cat "$tmp/out" "$tmp/err")"
fi

# 6. the outline: stages, lines, forms, flags, heredocs
cat >"$tmp/Dockerfile" <<'EOF'
# syntax=docker/dockerfile:1
FROM python:3.12-slim AS build
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install -r requirements.txt
FROM python:3.12-slim
COPY --from=build /app /app
RUN <<EOT
echo hi
EOT
CMD ["gunicorn", "app:app"]
EOF
if "$bin" parse --check "$tmp/Dockerfile" >"$tmp/out" 2>"$tmp/err" &&
   grep -q '^stage 0 build: python:3.12-slim, lines 2-4$' "$tmp/out" &&
   grep -q '^  3-4 *RUN shell --mount$' "$tmp/out" &&
   grep -q '^  6 *COPY shell --from$' "$tmp/out" &&
   grep -q '^  7-9 *RUN shell <<EOT$' "$tmp/out" &&
   grep -q '^  10 *CMD exec$' "$tmp/out" &&
   grep -q '^directive syntax=docker/dockerfile:1 (line 1)$' "$tmp/out"; then
	ok "outline"
else
	bad "outline: $(cat "$tmp/out" "$tmp/err")"
fi

# 7. binary junk and an empty FILE argument list are input errors
head -c 4096 /dev/urandom >"$tmp/junk"
printf 'FROM a\nRUN \000\n' >"$tmp/nul"
for f in "$tmp/junk" "$tmp/nul"; do
	"$bin" parse --dump "$f" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "not a text file" "$tmp/err"; then
		ok "binary $(basename "$f"): $(cat "$tmp/err")"
	else
		bad "binary $(basename "$f"): exit $rc, stderr: $(cat "$tmp/err")"
	fi
done
"$bin" parse >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "missing FILE" "$tmp/err" && ok "no FILE" || bad "no FILE: $(cat "$tmp/err")"

exit $fail
