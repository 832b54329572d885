#!/bin/sh
# The generated CI files parse as YAML and contain what the automation tier
# promises: build on push, tags by branch and commit, a Dockerfile lint
# step, the image's test, a scheduled no-cache rebuild (and from tier 5 the
# build cache). Checked for GitHub Actions and GitLab CI at tiers 2-6, and
# for their absence below tier 2 or with ci=none.
set -u
src=${SS_SOURCE_DIR:?}
ss=${SHIPSHAPE:?}
if ! python3 -c 'import yaml' 2>/dev/null; then
	[ "${CI:-false}" = true ] && { echo "FAIL: python3-yaml is missing"; exit 1; }
	echo "SKIP: python3 with yaml (python3-yaml) is not available"
	exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/shipshape-ci.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/empty"
fail=0

for ci in github gitlab none; do
	python3 - "$src/examples/flask-gunicorn/answers.json" "$ci" >"$work/answers-$ci.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
a["ci"] = sys.argv[2]
print(json.dumps(a))
PY
	for tier in 0 1 2 3 4 5 6; do
		out=$work/$ci-$tier
		rm -rf "$out"
		if ! "$ss" --templates "$src/templates" generate "$work/empty" \
			--answers "$work/answers-$ci.json" --tier "$tier" --out "$out" >/dev/null 2>"$work/err"; then
			echo "FAIL: ci=$ci tier $tier: $(cat "$work/err")"
			fail=1
			continue
		fi
		python3 - "$out" "$ci" "$tier" <<'PY' || fail=1
import os, sys, yaml
out, ci, tier = sys.argv[1], sys.argv[2], int(sys.argv[3])
gh = os.path.join(out, ".github/workflows/docker.yml")
gl = os.path.join(out, ".gitlab-ci.yml")
problems = []
def need(cond, what):
    if not cond:
        problems.append(what)
if ci == "none" or tier < 2:
    need(not os.path.exists(gh) and not os.path.exists(gl), "no CI file below tier 2 / with ci=none")
elif ci == "github":
    need(not os.path.exists(gl), "no .gitlab-ci.yml for github")
    text = open(gh).read()
    doc = yaml.safe_load(text)
    on = doc.get("on", doc.get(True))
    need(isinstance(on, dict) and "push" in on, "build on push (on: push)")
    need("schedule" in on and on["schedule"][0].get("cron"), "a schedule with a cron")
    steps = doc["jobs"]["image"]["steps"]
    names = " | ".join(s.get("name", "") for s in steps)
    build = [s for s in steps if "build-push-action" in str(s.get("uses", ""))]
    need(build, "a build step")
    w = build[0]["with"] if build else {}
    need("github.event_name == 'schedule'" in str(w.get("no-cache")), "no-cache on the schedule")
    need("$GITHUB_SHA" in text and "$IMAGE:$branch" in text, "tags by commit sha and branch")
    need(any("hadolint" in str(s.get("uses", "")) for s in steps), "a Dockerfile lint step")
    need(any("docker run --rm" in str(s.get("run", "")) and "flask --app app routes" in str(s.get("run", "")) for s in steps), "the image's test")
    need("GIT_SHA=" in str(w.get("build-args")), "the commit passed as GIT_SHA")
    need((tier >= 5) == ("type=gha" in str(w.get("cache-from"))), "the CI build cache from tier 5 only")
    need(any("docker push" in str(s.get("run", "")) for s in steps), "a push")
else:
    need(not os.path.exists(gh), "no GitHub workflow for gitlab")
    text = open(gl).read()
    doc = yaml.safe_load(text)
    job = doc["image"]
    script = "\n".join(job["script"])
    rules = str(job.get("rules"))
    need('"push"' in rules, "build on push (rules)")
    need("--no-cache" in script and '"schedule"' in script, "no-cache on scheduled pipelines")
    need("$CI_COMMIT_SHA" in script and "$CI_COMMIT_REF_SLUG" in script, "tags by commit sha and branch")
    need("hadolint" in str(doc.get("lint-dockerfile")), "a Dockerfile lint job")
    need("docker run --rm" in script and "flask --app app routes" in script, "the image's test")
    need("docker push" in script, "a push")
    need((tier >= 5) == ("cache-from" in script), "the CI build cache from tier 5 only")
    need("$CI_OPEN_MERGE_REQUESTS" in str(doc.get("workflow", {}).get("rules")), "one pipeline per push (workflow:rules, no duplicate MR pipelines)")
    need("'0 4 * * 1'" in text, "the schedule's cron (rebuild_schedule) in the comment")
if problems:
    print("FAIL: ci=%s tier %d: missing: %s" % (ci, tier, "; ".join(problems)))
    sys.exit(1)
PY
	done
done
# the update bot's config (tier 1): dependabot.yml is YAML, renovate.json5 is
# JSON once its // comment lines are dropped
for bot in dependabot renovate; do
	python3 - "$src/examples/flask-gunicorn/answers.json" "$bot" >"$work/bot.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
a["update_bot"] = sys.argv[2]
print(json.dumps(a))
PY
	rm -rf "$work/bot"
	"$ss" --templates "$src/templates" generate "$work/empty" --answers "$work/bot.json" --tier 1 \
		--out "$work/bot" >/dev/null 2>&1 || { echo "FAIL: update_bot=$bot: generate failed"; fail=1; continue; }
	python3 - "$work/bot" "$bot" <<'PY' || fail=1
import json, os, re, sys, yaml
d, bot = sys.argv[1], sys.argv[2]
if bot == "dependabot":
    doc = yaml.safe_load(open(os.path.join(d, ".github/dependabot.yml")))
    eco = {u["package-ecosystem"] for u in doc["updates"]}
    ok = doc["version"] == 2 and {"pip", "docker"} <= eco
else:
    text = re.sub(r"(?m)^\s*//.*$", "", open(os.path.join(d, "renovate.json5")).read())
    doc = json.loads(text)
    ok = "config:recommended" in doc["extends"] and not os.path.exists(os.path.join(d, ".github/dependabot.yml"))
if not ok:
    print("FAIL: update_bot=%s: unexpected config" % bot)
    sys.exit(1)
PY
done

# A first push with the defaults must be able to pass: image_name left unset
# names the image after the repository (ghcr.io/app is refused), a one-part
# name on ghcr.io goes under the owner, and the test command defaults to a
# smoke test that needs no pytest (a Django app with no pytest).
for case in github-unset gitlab-unset github-onepart; do
	ci=${case%%-*}
	extra=
	[ "$case" = github-onepart ] && extra=', "image_name": "shop"'
	printf '{"ci": "%s", "app_kind": "wsgi", "framework": "django", "entrypoint": "shop.wsgi:application", "build_env": ["DJANGO_SECRET_KEY"]%s}\n' \
		"$ci" "$extra" >"$work/$case.json"
	for tier in 2 6; do
		out=$work/$case-$tier
		rm -rf "$out"
		if ! "$ss" --templates "$src/templates" generate "$work/empty" --answers "$work/$case.json" \
			--tier "$tier" --out "$out" >/dev/null 2>"$work/err"; then
			echo "FAIL: $case tier $tier: $(cat "$work/err")"
			fail=1
			continue
		fi
		python3 - "$out" "$case" "$tier" <<'PY' || fail=1
import os, sys, yaml
out, case, tier = sys.argv[1], sys.argv[2], int(sys.argv[3])
problems = []
def need(cond, what):
    if not cond:
        problems.append(what)
if case.startswith("github"):
    text = open(os.path.join(out, ".github/workflows/docker.yml")).read()
    doc = yaml.safe_load(text)
    image = doc["env"]["IMAGE"]
    if case == "github-unset":
        need(image == "ghcr.io/${{ github.repository }}", "IMAGE named after the repository, not %r" % image)
    else:
        need(image == "ghcr.io/${{ github.repository_owner }}/shop", "a one-part name under the owner, not %r" % image)
    steps = doc["jobs"]["image"]["steps"]
    meta = [s for s in steps if s.get("id") == "meta"][0]["run"]
    need("tr '[:upper:]' '[:lower:]'" in meta and '"$GITHUB_ENV"' in meta, "the image name lowercased for later steps")
    runs = " ".join(str(s.get("run", "")) for s in steps)
else:
    text = open(os.path.join(out, ".gitlab-ci.yml")).read()
    doc = yaml.safe_load(text)
    need(doc["variables"]["IMAGE"] == "$CI_REGISTRY_IMAGE", "IMAGE is $CI_REGISTRY_IMAGE, not %r" % doc["variables"]["IMAGE"])
    runs = "\n".join(doc["image"]["script"])
    need('--password-stdin "$CI_REGISTRY"' in runs, "the login goes to $CI_REGISTRY")
need("ghcr.io/app" not in text, "no ghcr.io/app")
need("pytest" not in text, "no pytest (not a dependency)")
need("docker run --rm" in runs and "python -c 'import shop.wsgi'" in runs, "the smoke test imports the entrypoint's module")
need("docker run --rm -e DJANGO_SECRET_KEY=build-only-placeholder " in runs, "the settings' build_env placeholders in the test run")
if problems:
    print("FAIL: %s tier %d: %s" % (case, tier, "; ".join(problems)))
    sys.exit(1)
PY
	done
done

# a project in a subdirectory of a monorepo gets an image of its own under
# the repository's (REPO/<last part of repo_subdir>, lowercase)
for ci in github gitlab; do
	printf '{"ci": "%s", "app_kind": "wsgi", "entrypoint": "app:app", "repo_subdir": "services/Billing-API_"}\n' "$ci" >"$work/mono.json"
	f=.github/workflows/docker.yml
	want='IMAGE: "ghcr.io/${{ github.repository }}/billing-api"'
	if [ $ci = gitlab ]; then f=.gitlab-ci.yml; want='IMAGE: "$CI_REGISTRY_IMAGE/billing-api"'; fi
	"$ss" --templates "$src/templates" generate "$work/empty" --answers "$work/mono.json" --tier 2 --file $f >"$work/mono.yml" 2>"$work/err" ||
		{ echo "FAIL: monorepo $ci: $(cat "$work/err")"; fail=1; continue; }
	grep -qF "$want" "$work/mono.yml" || { echo "FAIL: monorepo $ci: no '$want': $(grep IMAGE: "$work/mono.yml")"; fail=1; }
	python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' "$work/mono.yml" || { echo "FAIL: monorepo $ci: not YAML"; fail=1; }
done

[ $fail -eq 0 ] && echo "ci yaml: github, gitlab and none at tiers 0-6 parse and keep their promises; update bot configs parse"
exit $fail
