/*
 * wizard: the full-screen TUI (also what `shipshape` alone runs).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "shipshape/fsutil.h"
#include "shipshape/view.h"
#include "tui/tui.h"

#define DEMO_PREFIX "examples/flask-gunicorn/"

/* Copy the bundled example app (examples/flask-gunicorn, compiled into the
 * binary as examples/flask-gunicorn/...; a templates directory may override it file by file) into
 * a fresh temporary directory. */
static int make_demo(const struct tstore *ts, struct strbuf *dir, struct ss_error *err)
{
	struct strbuf path = STRBUF_INIT, data = STRBUF_INIT, parent = STRBUF_INIT;
	const char *tmp = getenv("TMPDIR");
	size_t copied = 0;
	int ret = 0;

	strbuf_addf(dir, "%s/shipshape-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir->buf)) {
		ret = ss_error_set(err, SS_ERR_IO, dir->buf, 0, 0,
				   "cannot create a temporary directory");
		goto out;
	}
	strbuf_addstr(dir, "/flask-gunicorn");
	for (size_t i = 0; i < tstore_embedded_count; i++) {
		const char *name = tstore_embedded_files[i].name;
		const char *rel, *slash;

		if (strncmp(name, DEMO_PREFIX, strlen(DEMO_PREFIX)) != 0)
			continue;
		rel = name + strlen(DEMO_PREFIX);
		strbuf_reset(&data);
		ret = tstore_read(ts, name, &data, NULL, err);
		if (ret)
			goto out;
		fs_path_join(&path, dir->buf, rel);
		slash = strrchr(path.buf, '/');
		strbuf_reset(&parent);
		strbuf_add(&parent, path.buf, (size_t)(slash - path.buf));
		ret = fs_mkdirs(parent.buf, err);
		if (!ret)
			ret = fs_write_atomic(path.buf, data.buf, data.len, 0644, err);
		if (ret)
			goto out;
		copied++;
	}
	if (!copied)
		ret = ss_error_set(err, SS_ERR_INPUT, "", 0, 0,
				   "this shipshape has no bundled example app ('%s')", DEMO_PREFIX);
out:
	strbuf_release(&path);
	strbuf_release(&data);
	strbuf_release(&parent);
	return ret;
}

static int run(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_opt opts[] = {{"demo", 0, 1}, {NULL, 0, 0}};
	struct cli_parser p;
	struct strbuf why = STRBUF_INIT, demo = STRBUF_INIT;
	struct view_session s;
	struct ss_error err;
	struct tui ui;
	const char *dir = NULL, *val;
	int opt, is_demo = 0, ret = 0;

	view_session_init(&s);
	ss_error_init(&err);
	cli_parser_init(&p, argc, argv, "wizard");
	while ((opt = cli_next(&p, opts, &val)) != CLI_END) {
		if (opt == CLI_ERR) {
			ret = 2;
			goto out;
		} else if (opt == CLI_ARG) {
			if (dir) {
				cli_errorf("wizard takes one directory, not '%s' too", val);
				ret = 2;
				goto out;
			}
			dir = val;
		} else if (opt == 1) {
			is_demo = 1;
		}
	}
	if (is_demo && dir) {
		cli_errorf("'--demo' works on a copy of the example app; leave out '%s'", dir);
		ret = 2;
		goto out;
	}
	if (tui_terminal_ok(&why)) {
		cli_errorf("%s; answer without it: 'shipshape init --answers FILE'", why.buf);
		ret = 2;
		goto out;
	}
	if (is_demo) {
		if (make_demo(&ctx->templates, &demo, &err)) {
			ret = cli_report(&err);
			goto out;
		}
		dir = demo.buf;
	}
	if (!dir)
		dir = ".";
	if (!fs_is_dir(dir)) {
		cli_errorf("cannot open directory '%s'", dir);
		ret = 2;
		goto out;
	}
	if (view_session_open(&s, dir, &ctx->templates, &err)) {
		ret = cli_report(&err);
		goto out;
	}
	if (tui_open(&ui, &s, NULL, NULL, NULL)) {
		cli_errorf(
		    "cannot start the terminal (TERM='%s'); use 'shipshape init --answers FILE'",
		    getenv("TERM") ? getenv("TERM") : "");
		ret = 2;
		goto out;
	}
	cli_set_fatal_cleanup(tui_fatal_cleanup);
	if (is_demo)
		ui.demo_dir = dir;
	ret = tui_run(&ui);
	tui_close(&ui);
	cli_set_fatal_cleanup(NULL);
	if (ui.exit_msg.len)
		printf("shipshape: %s\n", ui.exit_msg.buf);
	if (is_demo)
		printf("shipshape: the demo copy of the example app is in '%s'\n", dir);
	strbuf_release(&ui.exit_msg);
out:
	view_session_release(&s);
	strbuf_release(&why);
	strbuf_release(&demo);
	return ret;
}

const struct cmd cmd_wizard = {
    "wizard", 10, "the full-screen wizard: walk the tiers with previews (the default)",
    "usage: shipshape wizard [DIR] [--demo]\n"
    "\n"
    "Walk a Python project in DIR (default: the current directory) through the\n"
    "seven tiers, one at a time: check what was detected, answer what the tier\n"
    "needs, see why each practice matters and the diff of every file, then write.\n"
    "Writes what 'shipshape init' and 'shipshape next' write for the same answers.\n"
    "\n"
    "  --demo   work on a fresh temporary copy of the bundled example app\n"
    "\n"
    "Needs a terminal of at least 80x24. Without one (TERM unset or dumb, or\n"
    "input not a terminal) it exits with status 2: use 'shipshape init --answers'.\n",
    run};
