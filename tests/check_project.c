/* project: writes, backups, hand-edit and foreign-file refusal, symlinks,
 * the profile's update, diffs. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shipshape/catalog.h"
#include "shipshape/fsutil.h"
#include "shipshape/profile.h"
#include "shipshape/project.h"
#include "shipshape/render.h"
#include "shipshape/sha256.h"
#include "testutil.h"

static struct tstore ts;
static struct catalog cat;
static char *dir;

static void setup(void)
{
	struct ss_error err;
	ss_error_init(&err);
	tstore_init(&ts);
	tstore_add_dir(&ts, tu_src("templates"));
	ts.no_embedded = 1;
	catalog_init(&cat);
	ck_assert_msg(catalog_load(&cat, &ts, &err) == 0, "catalog: %s", err.msg);
	dir = tu_tmpdir();
}

static void teardown(void)
{
	catalog_release(&cat);
	tstore_release(&ts);
	tu_rmrf(dir);
	free(dir);
}

static void new_profile(struct profile *p)
{
	struct strbuf sb = STRBUF_INIT;
	cJSON *a;
	tu_slurp(tu_src("examples/flask-gunicorn/answers.json"), &sb);
	a = cJSON_Parse(sb.buf);
	profile_init(p);
	profile_set_answers(p, a);
	cJSON_Delete(a);
	strbuf_release(&sb);
}

static void render(const struct profile *p, int tier, struct rendering *r)
{
	struct ss_error err;
	ss_error_init(&err);
	rendering_init(r);
	ck_assert_msg(render_tier(&cat, &ts, p, tier, r, &err) == 0, "%s", err.msg);
}

static const char *path_in(const char *rel)
{
	static char buf[4096];
	snprintf(buf, sizeof(buf), "%s/%s", dir, rel);
	return buf;
}

static void slurp_rel(const char *rel, struct strbuf *out)
{
	tu_slurp(path_in(rel), out);
}

START_TEST(test_write_then_upgrade_with_backup)
{
	struct profile p, loaded;
	struct rendering r0, r1;
	struct project_write_result res;
	struct ss_error err;
	struct strbuf sb = STRBUF_INIT;
	char hex[SHA256_HEX_LEN + 1];

	new_profile(&p);
	render(&p, 0, &r0);
	project_write_result_init(&res);
	ss_error_init(&err);
	ck_assert_int_eq(project_write_at(dir, &p, &cat, &r0, 0, 1700000000, &res, &err), 0);
	ck_assert_uint_eq(res.nwritten, 2);
	ck_assert_ptr_null(res.backup_dir); /* nothing replaced, no profile before */
	project_write_result_release(&res);
	slurp_rel("Dockerfile", &sb);
	ck_assert_int_eq(strbuf_cmp(&sb, &rendering_find(&r0, "Dockerfile")->content), 0);
	ck_assert_int_eq(p.tier, 0);
	sha256_hex(sb.buf, sb.len, hex);
	ck_assert_str_eq(profile_file_hash(&p, "Dockerfile"), hex);

	/* the saved profile equals the in-memory one */
	profile_init(&loaded);
	ck_assert_int_eq(project_load_profile(dir, &loaded, &err), 0);
	ck_assert_int_eq(loaded.tier, 0);
	ck_assert_str_eq(profile_file_hash(&loaded, "Dockerfile"), hex);
	ck_assert(profile_is_applied(&loaded, "baseline.exec-form-cmd"));
	ck_assert(!profile_is_applied(&loaded, "baseline.smoke-test")); /* a process item */
	profile_release(&loaded);

	/* tier 1: backs up the replaced files and the profile */
	render(&p, 1, &r1);
	ck_assert_int_eq(project_write_at(dir, &p, &cat, &r1, 1, 1700000000, &res, &err), 0);
	ck_assert_str_eq(res.backup_dir, ".shipshape/backups/20231114-221320");
	tu_slurp(path_in(".shipshape/backups/20231114-221320/Dockerfile"), &sb);
	ck_assert_int_eq(strbuf_cmp(&sb, &rendering_find(&r0, "Dockerfile")->content), 0);
	ck_assert(fs_exists(path_in(".shipshape/backups/20231114-221320/.shipshape.json")));
	ck_assert(fs_exists(path_in(".github/dependabot.yml")));
	ck_assert_int_eq(p.tier, 1);
	ck_assert(profile_is_applied(&p, "security.non-root-user"));
	project_write_result_release(&res);

	/* the same again: nothing changes, so nothing is written, not even a backup */
	ck_assert_int_eq(project_write_at(dir, &p, &cat, &r1, 1, 1700000000, &res, &err), 0);
	ck_assert_uint_eq(res.nwritten, 0);
	ck_assert_ptr_null(res.backup_dir);
	ck_assert(!fs_exists(path_in(".shipshape/backups/20231114-221320-2")));
	project_write_result_release(&res);

	/* back to tier 0 in the same second: a distinct backup directory; the
	   tier-1 file no longer rendered is backed up and removed, and the
	   profile forgets it and the tier-1 practices */
	ck_assert_int_eq(project_write_at(dir, &p, &cat, &r0, 0, 1700000000, &res, &err), 0);
	ck_assert_str_eq(res.backup_dir, ".shipshape/backups/20231114-221320-2");
	ck_assert_uint_eq(res.nremoved, 1);
	ck_assert_str_eq(res.removed[0], ".github/dependabot.yml");
	ck_assert(!fs_exists(path_in(".github/dependabot.yml")));
	ck_assert(fs_exists(path_in(".shipshape/backups/20231114-221320-2/.github/dependabot.yml")));
	ck_assert_ptr_null(profile_file_hash(&p, ".github/dependabot.yml"));
	ck_assert(!profile_is_applied(&p, "security.non-root-user"));
	ck_assert(profile_is_applied(&p, "baseline.exec-form-cmd"));
	project_write_result_release(&res);

	rendering_release(&r0);
	rendering_release(&r1);
	profile_release(&p);
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_hand_edit_refused_nothing_written)
{
	struct profile p;
	struct rendering r0, r1;
	struct ss_error err;
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT, prof = STRBUF_INIT,
		      prof2 = STRBUF_INIT;

	new_profile(&p);
	render(&p, 0, &r0);
	render(&p, 1, &r1);
	ss_error_init(&err);
	ck_assert_int_eq(project_write(dir, &p, &cat, &r0, 0, NULL, &err), 0);
	/* the user edits .dockerignore */
	slurp_rel(".dockerignore", &before);
	strbuf_addstr(&before, "mydata/\n");
	tu_spew(path_in(".dockerignore"), before.buf);
	slurp_rel(".shipshape.json", &prof);
	slurp_rel("Dockerfile", &after);

	ck_assert_int_eq(project_write(dir, &p, &cat, &r1, 1, NULL, &err), SS_ERR_CONFLICT);
	ck_assert_str_eq(err.file, ".dockerignore");
	ck_assert_ptr_nonnull(strstr(err.msg, "'.dockerignore'"));
	ck_assert_ptr_nonnull(strstr(err.msg, "edited by hand"));
	ck_assert_int_eq(project_check(dir, &p, &r1, &err), SS_ERR_CONFLICT);
	/* nothing moved: Dockerfile, .dockerignore and the profile as they were */
	slurp_rel("Dockerfile", &prof2);
	ck_assert_int_eq(strbuf_cmp(&prof2, &after), 0);
	slurp_rel(".dockerignore", &prof2);
	ck_assert_int_eq(strbuf_cmp(&prof2, &before), 0);
	slurp_rel(".shipshape.json", &prof2);
	ck_assert_int_eq(strbuf_cmp(&prof2, &prof), 0);
	ck_assert(!fs_exists(path_in(".shipshape/backups")));
	ck_assert(!fs_exists(path_in(".github")));
	ck_assert_int_eq(p.tier, 0);

	rendering_release(&r0);
	rendering_release(&r1);
	profile_release(&p);
	strbuf_release(&before);
	strbuf_release(&after);
	strbuf_release(&prof);
	strbuf_release(&prof2);
}
END_TEST

START_TEST(test_foreign_file_refused)
{
	struct profile p;
	struct rendering r;
	struct ss_error err;
	struct strbuf sb = STRBUF_INIT;
	new_profile(&p);
	render(&p, 0, &r);
	tu_spew(path_in("Dockerfile"), "FROM python:3.12\nCMD python app.py\n");
	ss_error_init(&err);
	ck_assert_int_eq(project_write(dir, &p, &cat, &r, 0, NULL, &err), SS_ERR_CONFLICT);
	ck_assert_str_eq(err.file, "Dockerfile");
	ck_assert_ptr_nonnull(strstr(err.msg, "did not write it"));
	/* no command that does not exist (adopt is not there yet) */
	ck_assert_ptr_null(strstr(err.msg, "adopt"));
	ck_assert_ptr_nonnull(strstr(err.msg, "move it away; 'shipshape lint' shows which tier it "
					     "reaches"));
	ck_assert(!fs_exists(path_in(".dockerignore")));
	ck_assert(!fs_exists(path_in(".shipshape.json")));
	slurp_rel("Dockerfile", &sb);
	ck_assert_str_eq(sb.buf, "FROM python:3.12\nCMD python app.py\n");
	/* a foreign file that already equals the rendering is no conflict */
	tu_spew(path_in("Dockerfile"), rendering_find(&r, "Dockerfile")->content.buf);
	ck_assert_int_eq(project_write(dir, &p, &cat, &r, 0, NULL, &err), 0);
	rendering_release(&r);
	profile_release(&p);
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_symlink_outside_refused)
{
	struct profile p;
	struct rendering r;
	struct ss_error err;
	char *outside = tu_tmpdir();
	new_profile(&p);
	render(&p, 2, &r);
	ck_assert_int_eq(symlink(outside, path_in(".github")), 0);
	ss_error_init(&err);
	ck_assert_int_ne(project_write(dir, &p, &cat, &r, 2, NULL, &err), 0);
	ck_assert(!fs_exists(path_in("Dockerfile")));
	{
		char buf[4200];
		snprintf(buf, sizeof(buf), "%s/workflows", outside);
		ck_assert(!fs_exists(buf));
	}
	rendering_release(&r);
	profile_release(&p);
	tu_rmrf(outside);
	free(outside);
}
END_TEST

START_TEST(test_entrypoint_mode_and_diff)
{
	struct profile p;
	struct rendering r3, r4;
	struct ss_error err;
	struct strbuf out = STRBUF_INIT;
	struct stat st;
	size_t changed = 99;
	new_profile(&p);
	render(&p, 3, &r3);
	ss_error_init(&err);
	ck_assert_int_eq(project_write(dir, &p, &cat, &r3, 3, NULL, &err), 0);
	ck_assert_int_eq(stat(path_in("docker-entrypoint.sh"), &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0755);
	/* no difference against the tier on disk */
	ck_assert_int_eq(project_diff(dir, &r3, 3, &out, &changed, &err), 0);
	ck_assert_uint_eq(changed, 0);
	ck_assert_uint_eq(out.len, 0);
	/* tier 4 differs in the Dockerfile (and in every header) */
	render(&p, 4, &r4);
	ck_assert_int_eq(project_diff(dir, &r4, 3, &out, &changed, &err), 0);
	ck_assert_uint_eq(changed, r4.nr);
	ck_assert_ptr_nonnull(strstr(out.buf, "--- a/Dockerfile\n+++ b/Dockerfile\n"));
	ck_assert_ptr_nonnull(strstr(out.buf, "\n+ARG SOURCE_DATE_EPOCH\n"));
	strbuf_reset(&out);
	project_describe_step(&cat, &r3, &r4, &out);
	ck_assert_ptr_nonnull(strstr(out.buf, "(reproducibility.source-date-epoch)"));
	ck_assert_ptr_null(strstr(out.buf, "(security.non-root-user)"));
	rendering_release(&r3);
	rendering_release(&r4);
	profile_release(&p);
	strbuf_release(&out);
}
END_TEST

/* A rendered Dockerfile that copies a file the project lacks is refused, naming it. */
/* A file no longer rendered that was edited by hand is kept, listed, and forgotten. */
START_TEST(test_stale_edited_file_kept)
{
	struct profile p;
	struct rendering r0, r1;
	struct project_write_result res;
	struct ss_error err;
	struct strbuf sb = STRBUF_INIT;

	ss_error_init(&err);
	project_write_result_init(&res);
	new_profile(&p);
	render(&p, 1, &r1);
	render(&p, 0, &r0);
	ck_assert_int_eq(project_write_at(dir, &p, &cat, &r1, 1, 1700000000, &res, &err), 0);
	project_write_result_release(&res);
	tu_spew(path_in(".github/dependabot.yml"), "# mine\n");
	ck_assert_int_eq(project_write_at(dir, &p, &cat, &r0, 0, 1700000001, &res, &err), 0);
	ck_assert_uint_eq(res.nremoved, 0);
	ck_assert_uint_eq(res.nkept, 1);
	ck_assert_str_eq(res.kept[0], ".github/dependabot.yml");
	tu_slurp(path_in(".github/dependabot.yml"), &sb);
	ck_assert_str_eq(sb.buf, "# mine\n");
	ck_assert_ptr_null(profile_file_hash(&p, ".github/dependabot.yml"));
	project_write_result_release(&res);
	rendering_release(&r0);
	rendering_release(&r1);
	profile_release(&p);
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_check_sources)
{
	struct profile p;
	struct rendering r;
	struct ss_error err;
	cJSON *a;

	new_profile(&p);
	render(&p, 6, &r);
	/* the example's requirements.txt is missing; docker-entrypoint.sh is rendered */
	ss_error_init(&err);
	ck_assert_int_eq(project_check_sources(dir, &r, &err), SS_ERR_INPUT);
	ck_assert_msg(strstr(err.msg, "missing 'requirements.txt' in '") &&
			      strstr(err.msg, "the tier 6 Dockerfile copies it; set requirements_file"),
		      "%s", err.msg);
	tu_spew(path_in("requirements.txt"), "flask\n");
	ss_error_init(&err);
	ck_assert_msg(project_check_sources(dir, &r, &err) == 0, "%s", err.msg);
	rendering_release(&r);
	/* uv: the bind-mounted lock too, with how to make it */
	a = cJSON_Parse("{\"dependency_manager\": \"uv\"}");
	cJSON_AddItemToObject(a, "app_kind", cJSON_CreateString("wsgi"));
	cJSON_AddItemToObject(a, "entrypoint", cJSON_CreateString("app:app"));
	cJSON_AddItemToObject(a, "installable_package", cJSON_CreateFalse());
	profile_set_answers(&p, a);
	cJSON_Delete(a);
	render(&p, 5, &r);
	tu_spew(path_in("pyproject.toml"), "[project]\nname = \"x\"\n");
	ss_error_init(&err);
	ck_assert_int_eq(project_check_sources(dir, &r, &err), SS_ERR_INPUT);
	ck_assert_msg(strstr(err.msg, "missing 'uv.lock'") && strstr(err.msg, "run 'uv lock'"),
		      "%s", err.msg);
	tu_spew(path_in("uv.lock"), "version = 1\n");
	ss_error_init(&err);
	ck_assert_msg(project_check_sources(dir, &r, &err) == 0, "%s", err.msg);
	rendering_release(&r);
	profile_release(&p);
}
END_TEST

/* A pip project whose dependencies are only in pyproject.toml installs them with the project. */
START_TEST(test_derive_requirements_from_metadata)
{
	struct profile p;
	struct rendering r;
	struct ss_error err;
	cJSON *a = cJSON_Parse("{\"dependency_manager\": \"pip\", \"app_kind\": \"cli\", "
			       "\"command\": [\"tidy\"], \"installable_package\": false}");
	const char *d;

	tu_spew(path_in("pyproject.toml"), "[project]\nname = \"tidy\"\n");
	ck_assert_int_eq(project_derive_answers(dir, a), 1);
	ck_assert_str_eq(cJSON_GetObjectItem(a, "requirements_file")->valuestring,
			 "pyproject.toml");
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(a, "installable_package")));
	profile_init(&p);
	profile_set_answers(&p, a);
	for (int tier = 0; tier <= 6; tier++) {
		render(&p, tier, &r);
		d = rendering_find(&r, "Dockerfile")->content.buf;
		ck_assert_msg(!strstr(d, "COPY requirements") && !strstr(d, " -r "), "tier %d:\n%s",
			      tier, d);
		ck_assert_ptr_nonnull(strstr(d, "pip install ."));
		ck_assert_ptr_null(strstr(d, "--no-deps"));
		ss_error_init(&err);
		ck_assert_msg(project_check_sources(dir, &r, &err) == 0, "%s", err.msg);
		rendering_release(&r);
	}
	/* it needs the project installed */
	cJSON_ReplaceItemInObject(a, "installable_package", cJSON_CreateFalse());
	profile_set_answers(&p, a);
	rendering_init(&r);
	ss_error_init(&err);
	ck_assert_int_eq(render_tier(&cat, &ts, &p, 0, &r, &err), SS_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "'installable_package'"));
	profile_release(&p);
	/* a requirements file or a detected one wins; other managers are left alone */
	cJSON_DeleteItemFromObject(a, "requirements_file");
	tu_spew(path_in("requirements.txt"), "click\n");
	ck_assert_int_eq(project_derive_answers(dir, a), 0);
	cJSON_Delete(a);
	a = cJSON_Parse("{\"dependency_manager\": \"poetry\"}");
	ck_assert_int_eq(project_derive_answers(dir, a), 0);
	cJSON_Delete(a);
}
END_TEST

START_TEST(test_open_needs_profile)
{
	struct project pj;
	struct ss_error err;
	project_init(&pj);
	ss_error_init(&err);
	ck_assert_int_eq(project_open(&pj, dir, &ts, 1, &err), SS_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "run 'shipshape init' first"));
	project_release(&pj);
	project_init(&pj);
	ck_assert_int_eq(project_open(&pj, dir, &ts, 0, &err), 0);
	ck_assert_int_eq(pj.has_profile, 0);
	ck_assert_uint_gt(pj.catalog.nr, 40);
	project_release(&pj);
	project_init(&pj);
	ck_assert_int_eq(project_open(&pj, path_in("nope"), &ts, 0, &err), SS_ERR_INPUT);
	project_release(&pj);
}
END_TEST

Suite *suite_project(void)
{
	Suite *s = suite_create("project");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_write_then_upgrade_with_backup);
	tcase_add_test(tc, test_hand_edit_refused_nothing_written);
	tcase_add_test(tc, test_foreign_file_refused);
	tcase_add_test(tc, test_symlink_outside_refused);
	tcase_add_test(tc, test_entrypoint_mode_and_diff);
	tcase_add_test(tc, test_open_needs_profile);
	tcase_add_test(tc, test_check_sources);
	tcase_add_test(tc, test_stale_edited_file_kept);
	tcase_add_test(tc, test_derive_requirements_from_metadata);
	suite_add_tcase(s, tc);
	return s;
}
