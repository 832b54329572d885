/* view: text layout (width, truncation, wrapping), scroll windows, the
 * progress bar and diff line kinds; no terminal involved. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shipshape/fsutil.h"
#include "shipshape/view.h"
#include "testutil.h"

START_TEST(test_utf8_decode)
{
	uint32_t cp;
	ck_assert_uint_eq(view_utf8_next("a", 1, &cp), 1);
	ck_assert_uint_eq(cp, 'a');
	ck_assert_uint_eq(view_utf8_next("\xc3\xa9", 2, &cp), 2);
	ck_assert_uint_eq(cp, 0xE9);
	ck_assert_uint_eq(view_utf8_next("\xe2\x80\xa6", 3, &cp), 3);
	ck_assert_uint_eq(cp, 0x2026);
	ck_assert_uint_eq(view_utf8_next("\xf0\x9f\x9a\x80", 4, &cp), 4);
	ck_assert_uint_eq(cp, 0x1F680);
	/* truncated, overlong, surrogate, stray continuation: one byte each */
	ck_assert_uint_eq(view_utf8_next("\xe2\x80", 2, &cp), 1);
	ck_assert_uint_eq(view_utf8_next("\xc0\xaf", 2, &cp), 1);
	ck_assert_uint_eq(view_utf8_next("\xed\xa0\x80", 3, &cp), 1);
	ck_assert_uint_eq(view_utf8_next("\x80", 1, &cp), 1);
	ck_assert_uint_eq(view_utf8_next("", 0, &cp), 0);
}
END_TEST

START_TEST(test_width)
{
	ck_assert_uint_eq(view_width(""), 0);
	ck_assert_uint_eq(view_width("hello"), 5);
	ck_assert_uint_eq(view_width("caf\xc3\xa9"), 4);	      /* café */
	ck_assert_uint_eq(view_width("e\xcc\x81"), 1);		      /* e + combining acute */
	ck_assert_uint_eq(view_width("\xe6\x97\xa5\xe6\x9c\xac"), 4); /* 日本 */
	ck_assert_uint_eq(view_width("\xf0\x9f\x9a\x80!"), 3);	      /* rocket + ! */
	ck_assert_uint_eq(view_width("a\x01"
				     "b"),
			  3);			      /* control shown as ? */
	ck_assert_uint_eq(view_width("\xff\xfe"), 2); /* invalid bytes */
}
END_TEST

static char *trunc_to(const char *s, size_t w)
{
	struct strbuf sb = STRBUF_INIT;
	size_t used = view_truncate(&sb, s, w);
	ck_assert_uint_le(used, w);
	ck_assert_uint_eq(view_width(sb.buf), used);
	return strbuf_detach(&sb, NULL);
}

START_TEST(test_truncate)
{
	char *s;
	s = trunc_to("hello", 10);
	ck_assert_str_eq(s, "hello");
	free(s);
	s = trunc_to("hello", 5);
	ck_assert_str_eq(s, "hello");
	free(s);
	s = trunc_to("hello world", 5);
	ck_assert_str_eq(s, "hell\xe2\x80\xa6");
	free(s);
	s = trunc_to("hello", 0);
	ck_assert_str_eq(s, "");
	free(s);
	s = trunc_to("hello", 1);
	ck_assert_str_eq(s, "\xe2\x80\xa6");
	free(s);
	/* never cuts a multi-byte character or a wide character in half */
	s = trunc_to("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4); /* 日本語 in 4 cols: 日… */
	ck_assert_str_eq(s, "\xe6\x97\xa5\xe2\x80\xa6");
	free(s);
	s = trunc_to("caf\xc3\xa9 au lait", 5);
	ck_assert_str_eq(s, "caf\xc3\xa9\xe2\x80\xa6");
	free(s);
	/* control characters and invalid bytes are made visible, tabs a space */
	s = trunc_to("a\x1b[31mb\tc\xff", 20);
	ck_assert_str_eq(s, "a?[31mb c?");
	free(s);
}
END_TEST

START_TEST(test_fit_and_center)
{
	struct strbuf sb = STRBUF_INIT;
	view_fit(&sb, "ab", 5);
	ck_assert_str_eq(sb.buf, "ab   ");
	strbuf_reset(&sb);
	view_fit(&sb, "abcdef", 4);
	ck_assert_str_eq(sb.buf, "abc\xe2\x80\xa6");
	strbuf_reset(&sb);
	view_fit(&sb, "\xe6\x97\xa5x", 4);
	ck_assert_str_eq(sb.buf, "\xe6\x97\xa5x ");
	strbuf_reset(&sb);
	view_center(&sb, "ab", 6);
	ck_assert_str_eq(sb.buf, "  ab");
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_skip)
{
	ck_assert_str_eq(view_skip("hello", 0), "hello");
	ck_assert_str_eq(view_skip("hello", 2), "llo");
	ck_assert_str_eq(view_skip("hello", 9), "");
	ck_assert_str_eq(view_skip("caf\xc3\xa9s", 4), "s");
	ck_assert_str_eq(view_skip("e\xcc\x81x", 1), "x"); /* the accent goes too */
	ck_assert_str_eq(view_skip("\xe6\x97\xa5\xe6\x9c\xac", 1), "\xe6\x9c\xac"); /* half of 日 */
	ck_assert_str_eq(view_skip("", 3), "");
}
END_TEST

static void wrap_eq(const char *text, size_t width, size_t hang, const char *const *want)
{
	struct view_lines l = VIEW_LINES_INIT;
	size_t n = 0;

	view_wrap(&l, text, width, hang);
	while (want[n])
		n++;
	for (size_t i = 0; i < l.nr && i < n; i++) {
		ck_assert_str_eq(l.v[i], want[i]);
		ck_assert_uint_le(view_width(l.v[i]), width);
	}
	ck_assert_uint_eq(l.nr, n);
	view_lines_release(&l);
}

START_TEST(test_wrap)
{
	const char *a[] = {"the quick", "brown fox", "jumps", NULL};
	const char *b[] = {"one", "", "two three", NULL};
	const char *c[] = {"abcde", "fghij", "k", NULL};
	const char *d[] = {"  - a list", "    item", "    that", "    wraps", NULL};
	const char *e[] = {"Run it:", "  shipshape", "  next", NULL};
	const char *f[] = {"", NULL};
	const char *g[] = {"\xe6\x97\xa5\xe6\x9c\xac", "\xe8\xaa\x9e", NULL};
	const char *h[] = {"x", NULL};
	wrap_eq("the quick brown fox jumps", 10, 0, a);
	wrap_eq("one\n\ntwo three", 10, 0, b);
	wrap_eq("abcdefghijk", 5, 0, c);
	wrap_eq("  - a list item that wraps", 10, 2, d);
	wrap_eq("Run it:\n  shipshape next", 11, 0, e);
	wrap_eq("", 10, 0, f);
	wrap_eq("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 5, 0,
		g); /* 日本語: wide chars never split */
	wrap_eq("x\n", 10, 0, h);
}
END_TEST

START_TEST(test_wrap_width_one)
{
	struct view_lines l = VIEW_LINES_INIT;
	view_wrap(&l, "ab \xe6\x97\xa5", 1, 5);
	ck_assert_uint_eq(l.nr, 3);
	ck_assert_str_eq(l.v[0], "a");
	ck_assert_str_eq(l.v[1], "b");
	ck_assert_str_eq(l.v[2], "\xe6\x97\xa5"); /* cannot fit: shown alone rather than lost */
	view_lines_release(&l);
}
END_TEST

START_TEST(test_lines_split)
{
	struct view_lines l = VIEW_LINES_INIT;
	const char *t = "a\tb\n\nlast\n";
	view_lines_split(&l, t, strlen(t));
	ck_assert_uint_eq(l.nr, 3);
	ck_assert_str_eq(l.v[0], "a       b");
	ck_assert_str_eq(l.v[1], "");
	ck_assert_str_eq(l.v[2], "last");
	view_lines_addf(&l, "%d-%s", 4, "x");
	ck_assert_str_eq(l.v[3], "4-x");
	view_lines_release(&l);
	view_lines_release(NULL);
	view_lines_split(&l, "no newline", 10);
	ck_assert_uint_eq(l.nr, 1);
	view_lines_release(&l);
}
END_TEST

static void scroll_inv(const struct view_scroll *s)
{
	if (s->n == 0) {
		ck_assert_uint_eq(s->cur, 0);
		ck_assert_uint_eq(s->top, 0);
		return;
	}
	ck_assert_uint_lt(s->cur, s->n);
	ck_assert_uint_le(s->top, s->cur);
	ck_assert_uint_lt(s->cur, s->top + s->height);
	if (s->n > s->height)
		ck_assert_uint_le(s->top + s->height, s->n);
	else
		ck_assert_uint_eq(s->top, 0);
}

START_TEST(test_scroll_list)
{
	struct view_scroll s;
	view_scroll_init(&s);
	scroll_inv(&s);
	view_scroll_move(&s, 3);
	scroll_inv(&s);
	view_scroll_resize(&s, 20, 5);
	scroll_inv(&s);
	view_scroll_move(&s, 1);
	ck_assert_uint_eq(s.cur, 1);
	view_scroll_move(&s, 5);
	ck_assert_uint_eq(s.cur, 6);
	ck_assert_uint_eq(s.top, 2);
	scroll_inv(&s);
	view_scroll_move(&s, -100);
	ck_assert_uint_eq(s.cur, 0);
	ck_assert_uint_eq(s.top, 0);
	view_scroll_page(&s, 1);
	ck_assert_uint_eq(s.cur, 4);
	view_scroll_page(&s, 1);
	ck_assert_uint_eq(s.cur, 8);
	ck_assert_uint_eq(s.top, 4);
	view_scroll_end(&s);
	ck_assert_uint_eq(s.cur, 19);
	ck_assert_uint_eq(s.top, 15);
	view_scroll_move(&s, 1000000);
	ck_assert_uint_eq(s.cur, 19);
	view_scroll_move(&s, (long)(~0UL >> 1));
	ck_assert_uint_eq(s.cur, 19);
	view_scroll_home(&s);
	ck_assert_uint_eq(s.top, 0);
	/* shrinking the list or the window keeps the cursor visible */
	view_scroll_goto(&s, 18);
	view_scroll_resize(&s, 10, 3);
	ck_assert_uint_eq(s.cur, 9);
	scroll_inv(&s);
	view_scroll_resize(&s, 10, 30);
	ck_assert_uint_eq(s.top, 0);
	scroll_inv(&s);
	view_scroll_resize(&s, 10, 0);
	ck_assert_uint_eq(s.height, 1);
	scroll_inv(&s);
	view_scroll_resize(&s, 0, 4);
	scroll_inv(&s);
}
END_TEST

START_TEST(test_scroll_pager)
{
	struct view_scroll s;
	struct strbuf sb = STRBUF_INIT;
	view_scroll_init(&s);
	view_scroll_resize(&s, 50, 10);
	view_pager_move(&s, 3);
	ck_assert_uint_eq(s.top, 3);
	view_pager_page(&s, 1);
	ck_assert_uint_eq(s.top, 12);
	view_pager_end(&s);
	ck_assert_uint_eq(s.top, 40);
	view_pager_move(&s, 5);
	ck_assert_uint_eq(s.top, 40);
	view_scroll_position(&s, &sb);
	ck_assert_str_eq(sb.buf, "41-50 of 50");
	view_pager_move(&s, -100);
	ck_assert_uint_eq(s.top, 0);
	view_pager_page(&s, -1);
	ck_assert_uint_eq(s.top, 0);
	view_pager_end(&s);
	view_pager_home(&s);
	ck_assert_uint_eq(s.top, 0);
	/* a pager over fewer lines than its height never scrolls */
	view_scroll_resize(&s, 4, 10);
	view_pager_move(&s, 3);
	ck_assert_uint_eq(s.top, 0);
	strbuf_reset(&sb);
	view_scroll_position(&s, &sb);
	ck_assert_str_eq(sb.buf, "");
	strbuf_release(&sb);
}
END_TEST

static const char *const names[7] = {"baseline",	"security",   "automation", "correctness",
				     "reproducibility", "build-time", "image-size"};

START_TEST(test_progress)
{
	struct view_progress_seg g[7];
	size_t w;

	w = view_progress(g, 120, 2, 1, names);
	ck_assert_uint_le(w, 120);
	ck_assert_str_eq(g[0].text, "0 baseline");
	ck_assert_str_eq(g[6].text, "6 image-size");
	ck_assert_int_eq(g[0].state, VIEW_TIER_DONE);
	ck_assert_int_eq(g[1].state, VIEW_TIER_DONE);
	ck_assert_int_eq(g[2].state, VIEW_TIER_CURRENT);
	ck_assert_int_eq(g[3].state, VIEW_TIER_TODO);
	ck_assert_uint_eq(g[0].x, 0);
	ck_assert_uint_eq(g[1].x, strlen("0 baseline") + 3);

	/* 80 columns: numbers, with the current tier's name */
	w = view_progress(g, 60, 4, -1, names);
	ck_assert_uint_le(w, 60);
	ck_assert_str_eq(g[4].text, "4 reproducibility");
	ck_assert_str_eq(g[3].text, "3");
	ck_assert_int_eq(g[0].state, VIEW_TIER_TODO);
	for (int t = 1; t < 7; t++)
		ck_assert_uint_gt(g[t].x, g[t - 1].x + strlen(g[t - 1].text) - 1);

	/* tiny: numbers only */
	w = view_progress(g, 20, 0, -1, names);
	ck_assert_uint_le(w, 20);
	ck_assert_str_eq(g[0].text, "0");
}
END_TEST

START_TEST(test_diff_kind)
{
	ck_assert_int_eq(view_diff_kind("--- a/Dockerfile"), VIEW_DIFF_FILE);
	ck_assert_int_eq(view_diff_kind("+++ b/Dockerfile"), VIEW_DIFF_FILE);
	ck_assert_int_eq(view_diff_kind("@@ -1,3 +1,4 @@"), VIEW_DIFF_HUNK);
	ck_assert_int_eq(view_diff_kind("+USER app"), VIEW_DIFF_ADD);
	ck_assert_int_eq(view_diff_kind("-USER root"), VIEW_DIFF_DEL);
	ck_assert_int_eq(view_diff_kind(" FROM python"), VIEW_DIFF_CONTEXT);
	ck_assert_int_eq(view_diff_kind("\\ No newline at end of file"), VIEW_DIFF_NOTE);
	ck_assert_int_eq(view_diff_kind(""), VIEW_DIFF_NOTE);
	ck_assert_int_eq(view_diff_kind("++x"), VIEW_DIFF_ADD);
}
END_TEST

/* ---- the session: what the wizard's screens show, on the example app ---- */

struct fixture {
	char *tmp;
	struct strbuf dir;
	struct tstore ts;
	struct view_session s;
};

static void open_example(struct fixture *f, const char *dockerfile)
{
	struct ss_error err;
	struct strbuf path = STRBUF_INIT;

	ss_error_init(&err);
	f->tmp = tu_tmpdir();
	strbuf_init(&f->dir, 0);
	strbuf_addf(&f->dir, "%s/flask-gunicorn", f->tmp);
	ck_assert_int_eq(fs_copy_tree(tu_src("examples/flask-gunicorn"), f->dir.buf, &err), 0);
	fs_path_join(&path, f->dir.buf, "answers.json");
	unlink(path.buf);
	if (dockerfile) {
		fs_path_join(&path, f->dir.buf, "Dockerfile");
		tu_spew(path.buf, dockerfile);
	}
	tstore_init(&f->ts);
	tstore_add_dir(&f->ts, tu_src("templates"));
	view_session_init(&f->s);
	ck_assert_msg(view_session_open(&f->s, f->dir.buf, &f->ts, &err) == 0, "open: %s", err.msg);
	strbuf_release(&path);
}

static void close_example(struct fixture *f)
{
	view_session_release(&f->s);
	view_session_release(&f->s); /* twice is fine */
	tstore_release(&f->ts);
	tu_rmrf(f->tmp);
	free(f->tmp);
	strbuf_release(&f->dir);
}

static const struct view_fact *fact(const struct view_session *s, const char *key)
{
	for (size_t i = 0; i < s->nfacts; i++)
		if (!strcmp(s->fact_rows[i].key, key))
			return &s->fact_rows[i];
	return NULL;
}

static int has_line(const struct view_lines *l, const char *s)
{
	for (size_t i = 0; i < l->nr; i++)
		if (!strcmp(l->v[i], s))
			return 1;
	return 0;
}

START_TEST(test_session_found)
{
	struct fixture f;
	struct ss_error err;
	const struct view_fact *fw;

	open_example(&f, NULL);
	ck_assert_int_eq(f.s.tier, 0);
	ck_assert_int_eq(f.s.has_profile, 0);
	ck_assert_ptr_null(f.s.unmanaged);
	fw = fact(&f.s, "framework");
	ck_assert_ptr_nonnull(fw);
	ck_assert_str_eq(fw->value, "flask");
	ck_assert_msg(!strncmp(fw->source, "app.py:", 7), "source %s", fw->source);
	ck_assert_str_eq(fw->confidence, "certain");
	/* editing a fact: refused values leave it alone, good ones read as the user's */
	ss_error_init(&err);
	ck_assert_int_ne(view_session_set_answer(&f.s, "port", "eighty", &err), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "port"));
	ck_assert_int_eq(f.s.dirty, 0);
	ck_assert_int_ne(view_session_set_answer(&f.s, "entrypoint", "app:app\nRUN x", &err), 0);
	ck_assert_int_eq(view_session_set_answer(&f.s, "port", "8080", &err), 0);
	ck_assert_str_eq(fact(&f.s, "port")->value, "8080");
	ck_assert_str_eq(fact(&f.s, "port")->confidence, "you");
	/* another entrypoint: a warning to check the linked facts, once */
	ck_assert_uint_eq(f.s.warnings.nr, 0);
	ck_assert_int_eq(view_session_set_answer(&f.s, "entrypoint", "wsgi:application", &err), 0);
	ck_assert_uint_eq(f.s.warnings.nr, 1);
	ck_assert_ptr_nonnull(strstr(f.s.warnings.v[0], "app_kind"));
	ck_assert_int_eq(view_session_set_answer(&f.s, "entrypoint", "wsgi:application", &err), 0);
	ck_assert_uint_eq(f.s.warnings.nr, 1);
	ck_assert_int_eq(f.s.dirty, 1);
	close_example(&f);
}
END_TEST

START_TEST(test_session_questions)
{
	struct fixture f;
	struct ss_error err;

	open_example(&f, NULL);
	view_session_questions(&f.s);
	for (size_t i = 0; i < f.s.nquestions; i++) {
		const struct view_question *q = &f.s.questions[i];
		ck_assert_int_le(q->k->tier, 0);
		ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(f.s.answers, q->k->key));
		ck_assert_ptr_null(fact(&f.s, q->k->key)); /* detection did not settle it */
	}
	/* later tiers ask more, never what is answered */
	f.s.tier = 6;
	view_session_questions(&f.s);
	ck_assert_uint_gt(f.s.nquestions, 0);
	for (size_t i = 0; i < f.s.nquestions; i++) {
		struct view_question *q = &f.s.questions[i];
		ss_error_init(&err);
		if (q->k->type && !strcmp(q->k->type, "int")) {
			strbuf_reset(&q->text);
			strbuf_addstr(&q->text, "not a number");
			ck_assert_int_ne(view_session_answer(&f.s, i, &err), 0);
			ck_assert_ptr_nonnull(q->error);
		}
		strbuf_reset(&q->text);
		if (q->k->default_value)
			answers_format_text(q->k, q->k->default_value, &q->text);
		if (q->k->default_value) {
			ck_assert_msg(view_session_answer(&f.s, i, &err) == 0, "%s: %s", q->k->key,
				      err.msg);
			ck_assert_ptr_null(q->error);
		}
	}
	close_example(&f);
}
END_TEST

START_TEST(test_session_tiers)
{
	struct fixture f;
	struct ss_error err;
	struct strbuf sb = STRBUF_INIT, path = STRBUF_INIT;
	size_t skip = 0;

	open_example(&f, NULL);
	ss_error_init(&err);
	ck_assert_msg(view_session_prepare(&f.s, &err) == 0, "%s", err.msg);
	ck_assert_uint_gt(f.s.nitems, 0);
	ck_assert_uint_le(f.s.nfile_items, f.s.nitems);
	for (size_t i = 0; i < f.s.nitems; i++) {
		ck_assert_int_eq(f.s.items[i].p->tier, 0);
		ck_assert_int_eq(f.s.items[i].p->process, i >= f.s.nfile_items);
	}
	ck_assert_ptr_nonnull(strstr(f.s.diff.buf, "+++ b/Dockerfile"));
	ck_assert(has_line(&f.s.changes, "Dockerfile (new file)"));
	view_session_why(&f.s, 0, &sb);
	ck_assert_ptr_nonnull(strstr(sb.buf, f.s.items[0].p->title));
	ck_assert_ptr_nonnull(strstr(sb.buf, f.s.items[0].p->id));

	/* skipping re-renders: the skip is recorded with its reason, and undone */
	while (skip < f.s.nfile_items && strcmp(f.s.items[skip].p->id, "baseline.dockerignore"))
		skip++;
	ck_assert_uint_lt(skip, f.s.nfile_items);
	{
		ck_assert_int_eq(view_session_skip(&f.s, skip, "we keep our own", &err), 0);
		ck_assert_int_eq(f.s.items[skip].skipped, 1);
		ck_assert_str_eq(f.s.items[skip].reason, "we keep our own");
		ck_assert_int_eq(rendering_has_practice(&f.s.rendering, "baseline.dockerignore"),
				 0);
		ck_assert(profile_is_skipped(&f.s.profile, "baseline.dockerignore", NULL));
		ck_assert_int_eq(view_session_skip(&f.s, skip, NULL, &err), 0);
		ck_assert_int_eq(f.s.items[skip].skipped, 0);
		ck_assert_int_eq(rendering_has_practice(&f.s.rendering, "baseline.dockerignore"),
				 1);
		ck_assert(!profile_is_skipped(&f.s.profile, "baseline.dockerignore", NULL));
	}

	/* write tier 0 (project_write): the files exist, nothing is left to change */
	ck_assert_msg(view_session_write(&f.s, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(f.s.written_tier, 0);
	ck_assert_int_eq(f.s.dirty, 0);
	ck_assert_uint_gt(f.s.written.nwritten, 0);
	fs_path_join(&path, f.dir.buf, "Dockerfile");
	ck_assert(fs_exists(path.buf));
	fs_path_join(&path, f.dir.buf, PROFILE_FILE);
	ck_assert(fs_exists(path.buf));
	ck_assert_int_eq(view_session_prepare(&f.s, &err), 0);
	ck_assert_uint_eq(f.s.changes.nr, 0);
	ck_assert_uint_eq(f.s.diff.len, 0);

	/* tier 1 changes the Dockerfile */
	ck_assert_int_eq(view_session_next_tier(&f.s), 1);
	ck_assert_int_eq(f.s.tier, 1);
	ck_assert_uint_eq(f.s.nitems, 0);
	ck_assert_int_eq(view_session_prepare(&f.s, &err), 0);
	ck_assert(has_line(&f.s.changes, "Dockerfile (changed)"));
	ck_assert_ptr_nonnull(strstr(f.s.diff.buf, "--- a/Dockerfile"));
	f.s.tier = 6;
	ck_assert_int_eq(view_session_next_tier(&f.s), 0);
	strbuf_release(&sb);
	strbuf_release(&path);
	close_example(&f);
}
END_TEST

START_TEST(test_session_resume)
{
	struct fixture f;
	struct ss_error err;
	struct view_session again;

	open_example(&f, NULL);
	ss_error_init(&err);
	ck_assert_int_eq(view_session_set_answer(&f.s, "port", "8080", &err), 0);
	ck_assert_int_eq(view_session_prepare(&f.s, &err), 0);
	ck_assert_int_eq(view_session_write(&f.s, &err), 0);
	/* a second session resumes at tier 1 with the recorded answers */
	view_session_init(&again);
	ck_assert_int_eq(view_session_open(&again, f.dir.buf, &f.ts, &err), 0);
	ck_assert_int_eq(again.has_profile, 1);
	ck_assert_int_eq(again.start_tier, 0);
	ck_assert_int_eq(again.tier, 1);
	ck_assert_ptr_null(again.unmanaged);
	ck_assert_str_eq(fact(&again, "port")->value, "8080");
	/* detection now reads the port from the Dockerfile shipshape wrote */
	ck_assert_str_ne(fact(&again, "port")->confidence, "recorded");
	ck_assert_str_eq(fact(&again, "framework")->confidence, "certain");
	/* tier 1's own questions come back, holding the recorded values */
	view_session_questions(&again);
	ck_assert_uint_gt(again.nquestions, 0);
	for (size_t i = 0; i < again.nquestions; i++) {
		ck_assert_int_eq(again.questions[i].k->tier, 1);
		ck_assert_uint_gt(again.questions[i].text.len, 0);
		ck_assert_int_eq(view_session_answer(&again, i, &err), 0);
	}
	view_session_questions(&again);
	ck_assert_uint_eq(again.nquestions, 0);
	view_session_release(&again);
	close_example(&f);
}
END_TEST

START_TEST(test_session_entrypoint_candidates)
{
	struct view_session s;
	struct tstore ts;
	struct ss_error err;
	char *tmp = tu_tmpdir();
	struct strbuf dir = STRBUF_INIT;

	ss_error_init(&err);
	strbuf_addf(&dir, "%s/multi", tmp);
	ck_assert_int_eq(
	    fs_copy_tree(tu_src("tests/fixtures/projects/several-candidates"), dir.buf, &err), 0);
	tstore_init(&ts);
	tstore_add_dir(&ts, tu_src("templates"));
	view_session_init(&s);
	ck_assert_msg(view_session_open(&s, dir.buf, &ts, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(fact(&s, "framework")->value, "flask");
	/* picking the FastAPI candidate brings its kind and framework along */
	ck_assert_int_eq(view_session_set_answer(&s, "entrypoint", "api.main:api", &err), 0);
	ck_assert_str_eq(fact(&s, "app_kind")->value, "asgi");
	ck_assert_str_eq(fact(&s, "framework")->value, "fastapi");
	ck_assert_ptr_nonnull(strstr(s.warnings.v[s.warnings.nr - 1], "follow"));
	view_session_release(&s);
	tstore_release(&ts);
	tu_rmrf(tmp);
	free(tmp);
	strbuf_release(&dir);
}
END_TEST

START_TEST(test_session_unmanaged_dockerignore)
{
	struct fixture f;
	struct strbuf path = STRBUF_INIT;
	struct view_session again;
	struct ss_error err;

	open_example(&f, NULL);
	ck_assert_ptr_null(f.s.unmanaged);
	fs_path_join(&path, f.dir.buf, ".dockerignore");
	tu_spew(path.buf, ".git\n");
	ss_error_init(&err);
	view_session_init(&again);
	ck_assert_int_eq(view_session_open(&again, f.dir.buf, &f.ts, &err), 0);
	ck_assert_str_eq(again.unmanaged, "'.dockerignore'");
	fs_path_join(&path, f.dir.buf, "Dockerfile");
	tu_spew(path.buf, "FROM python:3.12\n");
	view_session_release(&again);
	view_session_init(&again);
	ck_assert_int_eq(view_session_open(&again, f.dir.buf, &f.ts, &err), 0);
	ck_assert_str_eq(again.unmanaged, "'Dockerfile' and '.dockerignore'");
	view_session_release(&again);
	strbuf_release(&path);
	close_example(&f);
}
END_TEST

START_TEST(test_session_unmanaged_read_only)
{
	struct fixture f;
	struct ss_error err;
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	const char *mine = "FROM python:3.12\nCOPY . .\nCMD [\"python\", \"app.py\"]\n";

	open_example(&f, mine);
	ck_assert_ptr_nonnull(f.s.unmanaged);
	ck_assert_str_eq(f.s.unmanaged, "'Dockerfile'");
	f.s.read_only = 1;
	ss_error_init(&err);
	ck_assert_int_eq(view_session_prepare(&f.s, &err), 0);
	ck_assert(has_line(&f.s.changes, "Dockerfile (changed)"));
	ck_assert_int_eq(view_session_write(&f.s, &err), 0);
	ck_assert_uint_eq(f.s.written.nwritten, 0);
	fs_path_join(&path, f.dir.buf, "Dockerfile");
	tu_slurp(path.buf, &text);
	ck_assert_str_eq(text.buf, mine);
	fs_path_join(&path, f.dir.buf, PROFILE_FILE);
	ck_assert(!fs_exists(path.buf));
	ck_assert_ptr_null(f.s.blocked);
	/* and writing for real is refused by project_write, naming the file */
	f.s.read_only = 0;
	ck_assert_int_eq(view_session_prepare(&f.s, &err), 0);
	ck_assert_ptr_nonnull(f.s.blocked);
	ck_assert_str_eq(f.s.blocked, "Dockerfile");
	ck_assert_int_eq(view_session_write(&f.s, &err), SS_ERR_CONFLICT);
	ck_assert_str_eq(err.file, "Dockerfile");
	strbuf_release(&path);
	strbuf_release(&text);
	close_example(&f);
}
END_TEST

Suite *suite_view(void)
{
	Suite *s = suite_create("view");
	TCase *tc = tcase_create("layout");
	tcase_add_test(tc, test_utf8_decode);
	tcase_add_test(tc, test_width);
	tcase_add_test(tc, test_truncate);
	tcase_add_test(tc, test_fit_and_center);
	tcase_add_test(tc, test_skip);
	tcase_add_test(tc, test_wrap);
	tcase_add_test(tc, test_wrap_width_one);
	tcase_add_test(tc, test_lines_split);
	tcase_add_test(tc, test_scroll_list);
	tcase_add_test(tc, test_scroll_pager);
	tcase_add_test(tc, test_progress);
	tcase_add_test(tc, test_diff_kind);
	suite_add_tcase(s, tc);
	tc = tcase_create("session");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_session_found);
	tcase_add_test(tc, test_session_questions);
	tcase_add_test(tc, test_session_tiers);
	tcase_add_test(tc, test_session_resume);
	tcase_add_test(tc, test_session_unmanaged_read_only);
	tcase_add_test(tc, test_session_unmanaged_dockerignore);
	tcase_add_test(tc, test_session_entrypoint_candidates);
	suite_add_tcase(s, tc);
	return s;
}
