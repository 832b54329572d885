/*
 * The wizard's screens on a dummy terminal (tig's approach): the real
 * screens and key table, a terminal that writes to /dev/null at a fixed
 * size, keys fed through the one input function (tui_feed), and the screen
 * read back from curscr and compared with golden .screen files.
 *
 *   ss_tui_test [--update] [CASE...]   compare (or rewrite) the goldens
 *   ss_tui_test --bench                time the first frame and key presses
 *   ss_tui_test --monkey SEED          20000 random keys, resizes and clicks
 *
 * Each case runs on a fresh copy of examples/flask-gunicorn, at 80x24 and
 * at 120x40, against the templates in the source tree.
 */
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "shipshape/fsutil.h"
#include "shipshape/view.h"
#include "tui/tui.h"

struct tcase {
	const char *name;
	const char *keys;	/* space-separated: <Name> for special keys, else characters */
	const char *dockerfile; /* a hand-written Dockerfile put in the copy first, or NULL */
};

#define HAND_DOCKERFILE "FROM python:3.12\nCOPY . /srv\nCMD python /srv/app.py\n"

/* Keys: <Enter> <Tab> <BTab> <Esc> <Up> <Down> <Left> <Right> <PgUp> <PgDn>
 * <Home> <End> <Sp> <BS> <F1>; <Resize:COLSxLINES> resizes the terminal;
 * <Click:X,Y> clicks mouse button 1 at column X, row Y (0-based). */
static const struct tcase cases[] = {
    {"welcome", "", NULL},
    {"help", "?", NULL},
    {"found", "<Enter>", NULL},
    {"found-edit-error", "<Enter> <Up> <End> <Enter> <Home> x <Enter>", NULL},
    {"found-buttons", "<Enter> <Tab>", NULL},
    {"questions", "<Enter> <Enter>", NULL},
    {"tier0-why", "<Enter> <Enter> @tier", NULL},
    {"tier0-diff", "<Enter> <Enter> @tier d", NULL},
    {"tier0-diff-scrolled", "<Enter> <Enter> @tier d <Tab> <PgDn>", NULL},
    {"tier0-diff-sideways", "<Enter> <Enter> @tier d <Right> <Right> <Right>", NULL},
    {"tier0-skip-reason", "<Enter> <Enter> @tier <Down> <Sp> <Enter>", NULL},
    {"tier0-search", "<Enter> <Enter> @tier / ignore", NULL},
    {"write-confirm", "<Enter> <Enter> @tier <Enter>", NULL},
    {"quit-confirm", "<Enter> <Enter> @tier <Enter> <Esc> <Sp> <Esc> q", NULL},
    {"too-small", "<Resize:40x10>", NULL},
    {"resize-recovers", "<Enter> <Resize:40x10> <Resize:80x24>", NULL},
    {"question-error", "<Enter> <Enter> <BS> <BS> <BS> <BS> app <Enter>", NULL},
    {"question-fixed", "<Enter> <Enter> <BS> <BS> <BS> <BS> app <Enter> <Home> /", NULL},
    {"question-choices", "<Enter> <Enter> @tier <Enter> <Enter> <Enter> <Sp>", NULL},
    {"walk-to-tier6",
     "<Enter> <Enter> @tier <Enter> <Enter> <Enter> @tier <Enter> <Enter> <Enter> @tier <Enter> "
     "<Enter> <Enter> @tier <Enter> <Enter> <Enter> @tier <Enter> <Enter> <Enter> @tier <Enter> "
     "<Enter> <Enter> @tier <Enter> <Enter>",
     NULL},
    {"resume-welcome", "<Enter> <Enter> @tier <Enter> <Enter> <Right> <Enter> <Restart>", NULL},
    {"resume-questions",
     "<Enter> <Enter> @tier <Enter> <Enter> <Right> <Enter> <Restart> <Enter> <Enter>", NULL},
    {"hand-edit-refused",
     "<Enter> <Enter> @tier <Enter> <Enter> <Right> <Enter> <HandEdit> <Restart> <Enter> <Enter> "
     "@tier <Enter>",
     NULL},
    {"all-done-welcome",
     "<Enter> <Enter> @tier <Enter> <Enter> <Enter> @tier <Enter> <Enter> <Enter> @tier <Enter> "
     "<Enter> <Enter> @tier <Enter> <Enter> <Enter> @tier <Enter> <Enter> <Enter> @tier <Enter> "
     "<Enter> <Enter> @tier <Enter> <Enter> <Enter> <Restart>",
     NULL},
    {"mouse", "<Click:4,20> <Click:4,20> <Enter> <Click:2,5> <Esc> <Click:51,4> <Click:10,6>",
     NULL},
    {"read-only-welcome", "", HAND_DOCKERFILE},
    {"read-only-write", "<Enter> <Enter> @tier <Enter>", HAND_DOCKERFILE},
    {"tier0-written", "<Enter> <Enter> @tier <Enter> <Enter>", NULL},
    {"tier1-after-write", "<Enter> <Enter> @tier <Enter> <Enter> <Enter>", NULL},
};

static const char *src_dir = SS_SOURCE_DIR;

struct named {
	const char *name;
	int code, fkey;
};
static const struct named names[] = {
    {"Enter", '\r', 0},	    {"Tab", '\t', 0},	      {"BTab", KEY_BTAB, 1},
    {"Esc", 27, 0},	    {"Up", KEY_UP, 1},	      {"Down", KEY_DOWN, 1},
    {"Left", KEY_LEFT, 1},  {"Right", KEY_RIGHT, 1},  {"PgUp", KEY_PPAGE, 1},
    {"PgDn", KEY_NPAGE, 1}, {"Home", KEY_HOME, 1},    {"End", KEY_END, 1},
    {"Sp", ' ', 0},	    {"BS", KEY_BACKSPACE, 1}, {"F1", KEY_F(1), 1},
};

static void feed(struct tui *ui, int code, int fkey)
{
	struct tui_key k;
	k.code = code;
	k.fkey = fkey;
	tui_feed(ui, &k);
}

/* Feed the questions' defaults until the tier screen shows (at most 30). */
static void to_tier(struct tui *ui)
{
	for (int i = 0; i < 30 && ui->cur == SCR_QUESTIONS; i++)
		feed(ui, '\r', 0);
}

/* What <Restart> and <HandEdit> need: the case's project and terminal. */
struct rig {
	struct tui *ui;
	struct view_session *s;
	struct tstore *ts;
	const char *dir;
	int cols, lines;
	FILE **o, **i;
};

static int start(struct tui *ui, struct view_session *s, struct tstore *ts, const char *dir,
		 int cols, int lines, FILE **o, FILE **i);
static void stop(struct tui *ui, FILE *o, FILE *i);

static int run_keys(struct tui *ui, const char *keys, const struct rig *rig)
{
	char *copy = strdup(keys), *save = NULL, *tok;
	int ret = 0;

	for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		int cols, lines;
		if (rig && !strcmp(tok, "<Restart>")) { /* quit and run shipshape again */
			stop(rig->ui, *rig->o, *rig->i);
			view_session_release(rig->s);
			view_session_init(rig->s);
			if (start(rig->ui, rig->s, rig->ts, rig->dir, rig->cols, rig->lines, rig->o,
				  rig->i)) {
				ret = -1;
				break;
			}
			continue;
		}
		if (rig && !strcmp(tok, "<HandEdit>")) { /* a user changes the Dockerfile */
			struct strbuf path = STRBUF_INIT;
			FILE *f;
			fs_path_join(&path, rig->dir, "Dockerfile");
			f = fopen(path.buf, "a");
			if (f) {
				fputs("# changed by hand\n", f);
				fclose(f);
			}
			strbuf_release(&path);
			continue;
		}
		if (!strcmp(tok, "@tier")) {
			to_tier(ui);
			continue;
		}
		if (sscanf(tok, "<Click:%d,%d>", &cols, &lines) == 2) { /* x,y (0-based) */
			MEVENT me;
			memset(&me, 0, sizeof(me));
			me.x = cols;
			me.y = lines;
			me.bstate = BUTTON1_CLICKED;
			ungetmouse(&me);
			feed(ui, KEY_MOUSE, 1);
			continue;
		}
		if (sscanf(tok, "<Resize:%dx%d>", &cols, &lines) == 2) {
			resize_term(lines, cols);
			feed(ui, KEY_RESIZE, 1);
			continue;
		}
		if (tok[0] == '<' && tok[1]) {
			size_t i;
			for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
				size_t n = strlen(names[i].name);
				if (!strncmp(tok + 1, names[i].name, n) && tok[n + 1] == '>' &&
				    !tok[n + 2])
					break;
			}
			if (i == sizeof(names) / sizeof(names[0])) {
				fprintf(stderr, "ss_tui_test: unknown key '%s'\n", tok);
				ret = -1;
				break;
			}
			feed(ui, names[i].code, names[i].fkey);
			continue;
		}
		for (const char *c = tok; *c; c++)
			feed(ui, (unsigned char)*c, 0);
	}
	free(copy);
	return ret;
}

/* The screen as text: every row of curscr, trailing blanks trimmed. */
static void dump_screen(struct strbuf *out)
{
	int lines, cols;
	cchar_t *row;

	getmaxyx(curscr, lines, cols);
	row = calloc((size_t)cols + 1, sizeof(*row));
	for (int y = 0; y < lines; y++) {
		size_t start = out->len;
		mvwin_wchnstr(curscr, y, 0, row, cols);
		for (int x = 0; x < cols; x++) {
			wchar_t wch[CCHARW_MAX + 1];
			attr_t a;
			short pair;
			char mb[MB_LEN_MAX];
			if (getcchar(&row[x], wch, &a, &pair, NULL) == ERR || !wch[0])
				continue;
			if (a & A_ALTCHARSET) { /* line drawing: show it as ASCII */
				strbuf_addch(out, wch[0] == 'q' ? '-' : wch[0] == 'x' ? '|' : '+');
				continue;
			}
			for (int i = 0; wch[i]; i++) {
				mbstate_t st;
				size_t n;
				memset(&st, 0, sizeof(st));
				n = wcrtomb(mb, wch[i], &st);
				if (n != (size_t)-1)
					strbuf_add(out, mb, n);
			}
			if (view_cp_width((uint32_t)wch[0]) == 2)
				x++;
		}
		while (out->len > start && out->buf[out->len - 1] == ' ')
			strbuf_setlen(out, out->len - 1);
		strbuf_addch(out, '\n');
	}
	free(row);
}

/* Backup directories carry the time (YYYYmmdd-HHMMSS, then -N for more
 * writes in the same second): mask both. */
static void mask_times(struct strbuf *sb)
{
	for (size_t i = 0; i + 15 <= sb->len; i++) {
		size_t j, end;
		for (j = 0; j < 15; j++) {
			char c = sb->buf[i + j];
			if (j == 8 ? c != '-' : (c < '0' || c > '9'))
				break;
		}
		if (j < 15 || (i && sb->buf[i - 1] >= '0' && sb->buf[i - 1] <= '9'))
			continue;
		memcpy(sb->buf + i, "YYYYmmdd-HHMMSS", 15);
		end = i + 15;
		if (end + 1 < sb->len && sb->buf[end] == '-' && sb->buf[end + 1] >= '0' &&
		    sb->buf[end + 1] <= '9') { /* "-2": several writes in one second */
			size_t k = end + 1;
			while (k < sb->len && sb->buf[k] >= '0' && sb->buf[k] <= '9')
				k++;
			strbuf_remove(sb, end, k - end);
		}
		i = end;
	}
}

static int copy_example(char **tmp, struct strbuf *dir)
{
	struct strbuf src = STRBUF_INIT;
	struct ss_error err;
	char tmpl[] = "/tmp/ss-tui-XXXXXX";
	int ret;

	ss_error_init(&err);
	*tmp = strdup(mkdtemp(tmpl) ? tmpl : "/tmp");
	strbuf_reset(dir);
	strbuf_addf(dir, "%s/flask-gunicorn", *tmp);
	strbuf_addf(&src, "%s/examples/flask-gunicorn", src_dir);
	ret = fs_copy_tree(src.buf, dir->buf, &err);
	if (ret)
		fprintf(stderr, "ss_tui_test: cannot copy the example: %s\n", err.msg);
	strbuf_release(&src);
	return ret;
}

static void rmrf(const char *dir)
{
	struct strbuf cmd = STRBUF_INIT;
	strbuf_addf(&cmd, "rm -rf '%s'", dir);
	if (system(cmd.buf) != 0)
		fprintf(stderr, "ss_tui_test: could not remove '%s'\n", dir);
	strbuf_release(&cmd);
}

static FILE *devnull(const char *mode)
{
	FILE *f = fopen("/dev/null", mode);
	if (!f) {
		perror("/dev/null");
		exit(2);
	}
	return f;
}

/* Open a session on dir and a dummy terminal of cols x lines. */
static int start(struct tui *ui, struct view_session *s, struct tstore *ts, const char *dir,
		 int cols, int lines, FILE **o, FILE **i)
{
	struct ss_error err;
	char buf[32];

	ss_error_init(&err);
	if (view_session_open(s, dir, ts, &err)) {
		fprintf(stderr, "ss_tui_test: cannot open '%s': %s\n", dir, err.msg);
		return -1;
	}
	snprintf(buf, sizeof(buf), "%d", cols);
	setenv("COLUMNS", buf, 1);
	snprintf(buf, sizeof(buf), "%d", lines);
	setenv("LINES", buf, 1);
	*o = devnull("w");
	*i = devnull("r");
	if (tui_open(ui, s, "xterm-256color", *o, *i)) {
		fprintf(stderr, "ss_tui_test: cannot open a dummy terminal\n");
		return -1;
	}
	tui_draw(ui);
	return 0;
}

static void stop(struct tui *ui, FILE *o, FILE *i)
{
	tui_close(ui);
	strbuf_release(&ui->exit_msg);
	fclose(o);
	fclose(i);
}

static int run_case(const struct tcase *c, int cols, int lines, int update, struct tstore *ts)
{
	struct strbuf dir = STRBUF_INIT, got = STRBUF_INIT, want = STRBUF_INIT, path = STRBUF_INIT;
	struct view_session s;
	struct tui ui;
	struct ss_error err;
	struct rig rig;
	FILE *o = NULL, *i = NULL;
	char *tmp = NULL;
	int ret = 1;

	view_session_init(&s);
	ss_error_init(&err);
	if (copy_example(&tmp, &dir))
		goto out;
	if (c->dockerfile) {
		fs_path_join(&path, dir.buf, "Dockerfile");
		if (fs_write_atomic(path.buf, c->dockerfile, strlen(c->dockerfile), 0644, &err))
			goto out;
		strbuf_reset(&path);
	}
	if (start(&ui, &s, ts, dir.buf, cols, lines, &o, &i))
		goto out;
	rig.ui = &ui;
	rig.s = &s;
	rig.ts = ts;
	rig.dir = dir.buf;
	rig.cols = cols;
	rig.lines = lines;
	rig.o = &o;
	rig.i = &i;
	if (run_keys(&ui, c->keys, &rig) == 0) {
		dump_screen(&got);
		mask_times(&got);
		ret = 0;
	}
	stop(&ui, o, i);
	if (ret)
		goto out;
	strbuf_addf(&path, "%s/tests/tui/screens/%s-%dx%d.screen", src_dir, c->name, cols, lines);
	if (update) {
		if (fs_write_atomic(path.buf, got.buf, got.len, 0644, &err)) {
			fprintf(stderr, "ss_tui_test: %s\n", err.msg);
			ret = 1;
		} else {
			printf("wrote %s\n", path.buf);
		}
		goto out;
	}
	if (fs_read_file(path.buf, 1 << 20, &want, &err)) {
		printf("FAIL %s %dx%d: no golden file '%s' (run with --update)\n", c->name, cols,
		       lines, path.buf);
		ret = 1;
	} else if (strcmp(want.buf, got.buf) != 0) {
		printf("FAIL %s %dx%d: the screen differs from %s\n--- got:\n%s", c->name, cols,
		       lines, path.buf, got.buf);
		ret = 1;
	} else {
		printf("ok   %s %dx%d\n", c->name, cols, lines);
	}
out:
	view_session_release(&s);
	if (tmp) {
		rmrf(tmp);
		free(tmp);
	}
	strbuf_release(&dir);
	strbuf_release(&got);
	strbuf_release(&want);
	strbuf_release(&path);
	return ret;
}

static double now_ms(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Times on the real example: open + first frame; keys on the tier screen. */
static int bench(struct tstore *ts)
{
	struct strbuf dir = STRBUF_INIT;
	struct view_session s;
	struct tui ui;
	struct rusage ru;
	FILE *o, *i;
	char *tmp = NULL;
	double t0, t1, c0, max = 0;
	int n = 0, ret = 1;
	static const int seq[][2] = {{KEY_DOWN, 1}, {KEY_DOWN, 1}, {'d', 0},	 {KEY_NPAGE, 1},
				     {KEY_UP, 1},   {'d', 0},	   {KEY_END, 1}, {KEY_HOME, 1}};

	view_session_init(&s);
	if (copy_example(&tmp, &dir))
		goto out;
	t0 = now_ms(CLOCK_MONOTONIC);
	if (start(&ui, &s, ts, dir.buf, 80, 24, &o, &i))
		goto out;
	t1 = now_ms(CLOCK_MONOTONIC);
	printf("first frame (detect, catalog, first draw): %.2f ms\n", t1 - t0);
	run_keys(&ui, "<Enter> <Enter> @tier", NULL);
	c0 = now_ms(CLOCK_PROCESS_CPUTIME_ID);
	for (int r = 0; r < 250; r++) {
		for (size_t k = 0; k < sizeof(seq) / sizeof(seq[0]); k++) {
			double a = now_ms(CLOCK_PROCESS_CPUTIME_ID), b;
			feed(&ui, seq[k][0], seq[k][1]);
			b = now_ms(CLOCK_PROCESS_CPUTIME_ID);
			if (b - a > max)
				max = b - a;
			n++;
		}
	}
	printf("key press + redraw on the tier screen: %.3f ms CPU on average, %.3f ms at most "
	       "(%d keys)\n",
	       (now_ms(CLOCK_PROCESS_CPUTIME_ID) - c0) / n, max, n);
	stop(&ui, o, i);
	/* VmHWM, not ru_maxrss: the latter keeps a parent's peak across fork+exec */
	{
		FILE *st = fopen("/proc/self/status", "r");
		char line[256];
		long kib = -1;
		while (st && fgets(line, sizeof(line), st))
			if (sscanf(line, "VmHWM: %ld", &kib) == 1)
				break;
		if (st)
			fclose(st);
		if (kib < 0) {
			getrusage(RUSAGE_SELF, &ru);
			kib = ru.ru_maxrss;
		}
		printf("max RSS: %.2f MiB\n", (double)kib / 1024.0);
	}
	ret = 0;
out:
	view_session_release(&s);
	if (tmp) {
		rmrf(tmp);
		free(tmp);
	}
	strbuf_release(&dir);
	return ret;
}

/* Random keys (fixed seed) through every screen: nothing may crash, and
 * the session's invariants hold. Resizes, small terminals and clicks too. */
static int monkey(struct tstore *ts, unsigned seed, int n)
{
	static const int keys[][2] = {
	    {KEY_UP, 1},   {KEY_DOWN, 1},  {KEY_LEFT, 1},      {KEY_RIGHT, 1}, {'\t', 0},
	    {KEY_BTAB, 1}, {'\r', 0},	   {'\r', 0},	       {'\r', 0},      {' ', 0},
	    {27, 0},	   {KEY_PPAGE, 1}, {KEY_NPAGE, 1},     {KEY_HOME, 1},  {KEY_END, 1},
	    {'/', 0},	   {'?', 0},	   {'d', 0},	       {'j', 0},       {'k', 0},
	    {'x', 0},	   {'1', 0},	   {KEY_BACKSPACE, 1}, {KEY_DC, 1},    {'\r', 0},
	    {'n', 0},	   {12, 0},	   {0xe9, 0},	       {0x65e5, 0},    {KEY_F(1), 1},
	};
	struct strbuf dir = STRBUF_INIT;
	struct view_session s;
	struct tui ui;
	FILE *o, *i;
	char *tmp = NULL;
	int ret = 1, restarts = 0;

	srand(seed);
	view_session_init(&s);
	if (copy_example(&tmp, &dir) || start(&ui, &s, ts, dir.buf, 80, 24, &o, &i))
		goto out;
	for (int k = 0; k < n; k++) {
		int r = rand() % 100;
		if (r < 2) {
			int big = rand() % 2;
			resize_term(big ? 24 + rand() % 20 : 5 + rand() % 20,
				    big ? 80 + rand() % 60 : 20 + rand() % 60);
			feed(&ui, KEY_RESIZE, 1);
		} else if (r < 5) {
			MEVENT me;
			memset(&me, 0, sizeof(me));
			me.x = rand() % 80;
			me.y = rand() % 24;
			me.bstate = BUTTON1_CLICKED;
			ungetmouse(&me);
			feed(&ui, KEY_MOUSE, 1);
		} else if (r == 5 && rand() % 5 == 0) {
			feed(&ui, 'q', 0);
		} else {
			size_t j = (size_t)rand() % (sizeof(keys) / sizeof(keys[0]));
			feed(&ui, keys[j][0], keys[j][1]);
		}
		if (ui.done) { /* quit: start again on the same project (it may resume) */
			stop(&ui, o, i);
			view_session_release(&s);
			view_session_init(&s);
			restarts++;
			if (start(&ui, &s, ts, dir.buf, 80, 24, &o, &i))
				goto out;
		}
		if (s.nitems && ui.cur == SCR_TIER && ui.list.cur >= ui.list.n) {
			fprintf(stderr, "monkey: list cursor out of range at key %d\n", k);
			stop(&ui, o, i);
			goto out;
		}
	}
	stop(&ui, o, i);
	printf("monkey: %d random keys (seed %u), %d restarts, reached tier %d: ok\n", n, seed,
	       restarts, s.profile.tier);
	ret = 0;
out:
	view_session_release(&s);
	if (tmp) {
		rmrf(tmp);
		free(tmp);
	}
	strbuf_release(&dir);
	return ret;
}

int main(int argc, char **argv)
{
	struct tstore ts;
	struct strbuf tdir = STRBUF_INIT;
	int update = 0, failed = 0, ran = 0, do_bench = 0;
	static const int sizes[][2] = {{80, 24}, {120, 40}};

	setlocale(LC_ALL, "C.UTF-8");
	setenv("NO_COLOR", "1", 1);
	tstore_init(&ts);
	strbuf_addf(&tdir, "%s/templates", src_dir);
	tstore_add_dir(&ts, tdir.buf);
	for (int a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--update"))
			update = 1;
		else if (!strcmp(argv[a], "--bench"))
			do_bench = 1;
		else if (!strcmp(argv[a], "--monkey") && a + 1 < argc) {
			failed = monkey(&ts, (unsigned)atoi(argv[a + 1]), 20000);
			goto out;
		}
	}
	if (do_bench) {
		failed = bench(&ts);
		goto out;
	}
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		int wanted = 1;
		for (int a = 1; a < argc; a++) {
			if (argv[a][0] != '-')
				wanted = 0;
		}
		for (int a = 1; a < argc && !wanted; a++) {
			if (!strcmp(argv[a], cases[c].name))
				wanted = 1;
		}
		if (!wanted)
			continue;
		for (size_t z = 0; z < 2; z++) {
			failed += run_case(&cases[c], sizes[z][0], sizes[z][1], update, &ts);
			ran++;
		}
	}
	printf("%d of %d screens %s\n", ran - failed, ran, update ? "written" : "match");
	if (failed && !update)
		printf(
		    "the goldens show the real catalog, templates and detection: after a "
		    "deliberate "
		    "change there, run '%s --update' and review the diff of tests/tui/screens/\n",
		    argv[0]);
out:
	tstore_release(&ts);
	strbuf_release(&tdir);
	return failed ? 1 : 0;
}
