/*
 * tui: terminal lifecycle, the one input path, the one refresh, resize,
 * the too-small message, the help / quit / skip-reason overlays, colours
 * and signals. Screens only draw into stdscr and answer actions.
 */
#include "tui/tui.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shipshape/xalloc.h"

static const struct tui_screen *const screens[SCR_COUNT] = {
    &screen_welcome, &screen_found, &screen_questions, &screen_tier, &screen_write,
};

static struct tui *active_ui;
static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

void tui_block_signals(int block)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	sigprocmask(block ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

static void install_signals(void)
{
	struct sigaction sa;
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a blocking read returns and the loop sees the flag */
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

int tui_terminal_ok(struct strbuf *why)
{
	const char *term = getenv("TERM");

	if (!term || !*term) {
		strbuf_addstr(why, "the wizard needs a terminal, and TERM is not set");
		return -1;
	}
	if (!strcmp(term, "dumb")) {
		strbuf_addstr(why, "the wizard needs a full-screen terminal, and TERM is 'dumb'");
		return -1;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		strbuf_addstr(
		    why, "the wizard needs a terminal, and standard input or output is not one");
		return -1;
	}
	return 0;
}

static void setup_styles(struct tui *ui)
{
	const char *nc = getenv("NO_COLOR");
	attr_t mono[ST_NSTYLES] = {0};

	mono[ST_TITLE] = A_REVERSE | A_BOLD;
	mono[ST_HEADING] = A_BOLD;
	mono[ST_SELECTED] = A_REVERSE;
	mono[ST_DIM] = A_NORMAL;
	mono[ST_KEY] = A_REVERSE;
	mono[ST_BUTTON] = A_BOLD;
	mono[ST_BUTTON_FOCUS] = A_REVERSE | A_BOLD;
	mono[ST_ERROR] = A_BOLD;
	mono[ST_WARNING] = A_BOLD;
	mono[ST_OK] = A_BOLD;
	mono[ST_ADD] = A_BOLD;
	mono[ST_HUNK] = A_UNDERLINE;
	mono[ST_FILE] = A_BOLD;
	mono[ST_TIER_DONE] = A_BOLD;
	mono[ST_TIER_CURRENT] = A_REVERSE | A_BOLD;
	mono[ST_FIELD] = A_UNDERLINE;
	memcpy(ui->style, mono, sizeof(mono));
	ui->color = has_colors() && !(nc && *nc) && start_color() == OK;
	if (!ui->color)
		return;
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);
	init_pair(2, COLOR_BLACK, COLOR_CYAN);
	init_pair(3, COLOR_GREEN, -1);
	init_pair(4, COLOR_RED, -1);
	init_pair(5, COLOR_CYAN, -1);
	init_pair(6, COLOR_YELLOW, -1);
	init_pair(7, COLOR_BLACK, COLOR_GREEN);
	init_pair(8, COLOR_BLUE, -1);
	ui->style[ST_TITLE] = COLOR_PAIR(1) | A_BOLD;
	ui->style[ST_SELECTED] = COLOR_PAIR(2);
	ui->style[ST_KEY] = COLOR_PAIR(2);
	ui->style[ST_BUTTON_FOCUS] = COLOR_PAIR(2) | A_BOLD;
	ui->style[ST_ERROR] = COLOR_PAIR(4) | A_BOLD;
	ui->style[ST_WARNING] = COLOR_PAIR(6) | A_BOLD;
	ui->style[ST_OK] = COLOR_PAIR(3) | A_BOLD;
	ui->style[ST_ADD] = COLOR_PAIR(3);
	ui->style[ST_DEL] = COLOR_PAIR(4);
	ui->style[ST_HUNK] = COLOR_PAIR(5);
	ui->style[ST_FILE] = A_BOLD;
	ui->style[ST_DIM] = COLOR_PAIR(8);
	ui->style[ST_TIER_DONE] = COLOR_PAIR(3) | A_BOLD;
	ui->style[ST_TIER_CURRENT] = COLOR_PAIR(7) | A_BOLD;
}

int tui_open(struct tui *ui, struct view_session *s, const char *term, FILE *out, FILE *in)
{
	const char *cs;

	memset(ui, 0, sizeof(*ui));
	ui->s = s;
	strbuf_init(&ui->status, 0);
	strbuf_init(&ui->exit_msg, 0);
	strbuf_init(&ui->search, 0);
	strbuf_init(&ui->write_error, 0);
	view_scroll_init(&ui->list);
	view_scroll_init(&ui->pane);

	/* only the character type: ncursesw needs it for UTF-8, and numbers and
	   messages stay in the C locale like the rest of shipshape */
	setlocale(LC_CTYPE, "");
	cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	/* our handlers first: ncurses then leaves SIGINT/SIGTERM to us */
	install_signals();
	ui->term = newterm(term, out ? out : stdout, in ? in : stdin);
	if (!ui->term)
		return -1;
	set_term(ui->term);
	active_ui = ui;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	setup_styles(ui);
	tui_goto(ui, SCR_WELCOME);
	return 0;
}

static void overlay_free(struct tui *ui)
{
	if (ui->ov_panel)
		del_panel(ui->ov_panel);
	if (ui->ov_win)
		delwin(ui->ov_win);
	ui->ov_panel = NULL;
	ui->ov_win = NULL;
}

void tui_close(struct tui *ui)
{
	if (ui->term) {
		tui_field_close(ui);
		tui_buttons_free(ui);
		overlay_free(ui);
		endwin();
		delscreen(ui->term);
		ui->term = NULL;
	}
	if (active_ui == ui)
		active_ui = NULL;
	free(ui->edit_error);
	free(ui->reason_error);
	ui->edit_error = ui->reason_error = NULL;
	strbuf_release(&ui->status);
	strbuf_release(&ui->search);
	strbuf_release(&ui->write_error);
	/* exit_msg stays for the caller; it releases it */
}

void tui_fatal_cleanup(void)
{
	if (active_ui && active_ui->term)
		endwin();
}

void tui_status(struct tui *ui, int error, const char *fmt, ...)
{
	va_list ap;

	strbuf_reset(&ui->status);
	va_start(ap, fmt);
	strbuf_vaddf(&ui->status, fmt, ap);
	va_end(ap);
	ui->status_error = error;
}

void tui_goto(struct tui *ui, enum tui_screen_id id)
{
	tui_field_close(ui);
	ui->cur = id;
	ui->screen = screens[id];
	ui->focus = 0;
	ui->button = 0;
	if (ui->screen->enter)
		ui->screen->enter(ui);
}

/* ---- drawing the frame ---- */

/* The key line: "key|label|key|label..." pairs, keys highlighted. Pairs are
 * two spaces apart, or one when that is what it takes to fit. */
static void draw_keyline(struct tui *ui)
{
	const char *spec = ui->screen->keys ? ui->screen->keys(ui) : "";
	struct strbuf all = STRBUF_INIT;
	struct view_lines parts = VIEW_LINES_INIT;
	size_t total = 0;
	int y = ui->lines - 1, x = 0, gap;

	strbuf_addstr(&all, spec);
	if (!ui->field.active)
		strbuf_addf(&all, "%s?|help|q|quit", *spec ? "|" : "");
	for (const char *p = all.buf; *p;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		view_lines_addn(&parts, p, n);
		total += view_width(parts.v[parts.nr - 1]) + 1;
		p = bar ? bar + 1 : p + n;
	}
	gap = total + parts.nr / 2 * 2 <= (size_t)ui->cols ? 2 : 1;
	for (size_t i = 0; i < parts.nr && x < ui->cols; i++) {
		if (i % 2 == 0) {
			x += tui_text(ui, y, x, ui->cols - x, ST_KEY, parts.v[i]);
			x += tui_text(ui, y, x, ui->cols - x, ST_KEYLABEL, " ");
		} else {
			x += tui_text(ui, y, x, ui->cols - x, ST_KEYLABEL, parts.v[i]);
			x += gap;
		}
	}
	view_lines_release(&parts);
	strbuf_release(&all);
}

static void draw_small(struct tui *ui)
{
	struct strbuf sb = STRBUF_INIT;
	int y = ui->lines / 2 - 1;

	if (y < 0)
		y = 0;
	strbuf_addf(&sb, "enlarge the terminal to at least %dx%d", TUI_MIN_COLS, TUI_MIN_LINES);
	tui_para(ui, y, 0, ui->cols, ui->lines, ST_HEADING, sb.buf);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "(it is %dx%d now; q quits)", ui->cols, ui->lines);
	if (y + 2 < ui->lines)
		tui_para(ui, y + 2, 0, ui->cols, ui->lines, ST_NORMAL, sb.buf);
	strbuf_release(&sb);
}

/* A centred overlay window of h x w with a border and a title. */
static WINDOW *overlay_win(struct tui *ui, int h, int w, const char *title)
{
	int y, x;

	if (w > ui->cols - 2)
		w = ui->cols - 2;
	if (h > ui->lines - 2)
		h = ui->lines - 2;
	y = (ui->lines - h) / 2;
	x = (ui->cols - w) / 2;
	overlay_free(ui);
	ui->ov_win = newwin(h, w, y, x);
	ui->ov_panel = new_panel(ui->ov_win);
	werase(ui->ov_win);
	tui_box(ui->ov_win);
	if (title) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, " %s ", title);
		wattrset(ui->ov_win, A_BOLD);
		mvwaddstr(ui->ov_win, 0, 2, sb.buf);
		wattrset(ui->ov_win, A_NORMAL);
		strbuf_release(&sb);
	}
	return ui->ov_win;
}

static void ov_text(struct tui *ui, int y, int x, int w, attr_t a, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	view_truncate(&sb, s, (size_t)(w > 0 ? w : 0));
	wattrset(ui->ov_win, a);
	mvwaddstr(ui->ov_win, y, x, sb.buf);
	wattrset(ui->ov_win, A_NORMAL);
	strbuf_release(&sb);
}

#define HIT_OV_YES 9001
#define HIT_OV_NO 9002

static void draw_overlay(struct tui *ui)
{
	struct view_lines l = VIEW_LINES_INIT;
	int oy, ox, h, w;

	switch (ui->overlay) {
	case OV_HELP: {
		view_lines_add(&l, "Every screen says what it wants on the bottom line.");
		view_lines_add(&l, "");
		tui_keys_help(&l);
		h = (int)l.nr + 4;
		w = 72;
		overlay_win(ui, h, w, "keys");
		for (size_t i = 0; i < l.nr && (int)i + 2 < h - 1; i++)
			ov_text(ui, (int)i + 1, 2, w - 4, A_NORMAL, l.v[i]);
		ov_text(ui, h - 2, 2, w - 4, A_BOLD, "any key closes this help");
		break;
	}
	case OV_QUIT: {
		struct strbuf sb = STRBUF_INIT;
		h = 7;
		w = 60;
		overlay_win(ui, h, w, "quit?");
		if (ui->s->read_only)
			strbuf_addstr(&sb, "Read-only: nothing has been written.");
		else
			strbuf_addf(&sb, "Your choices for tier %d are not written yet.",
				    ui->s->tier);
		ov_text(ui, 2, 2, w - 4, A_NORMAL, sb.buf);
		getbegyx(ui->ov_win, oy, ox);
		ov_text(ui, 4, 2, 14, tui_attr(ui, ST_BUTTON_FOCUS), "[ y: quit ]");
		ov_text(ui, 4, 18, 14, tui_attr(ui, ST_BUTTON), "[ n: stay ]");
		tui_hit_add(ui, oy + 4, ox + 2, 11, HIT_OV_YES);
		tui_hit_add(ui, oy + 4, ox + 18, 11, HIT_OV_NO);
		strbuf_release(&sb);
		break;
	}
	case OV_REASON: {
		struct strbuf sb = STRBUF_INIT;
		const struct view_item *it = &ui->s->items[ui->reason_item];
		h = 9;
		w = 70;
		overlay_win(ui, h, w, "skip a practice");
		strbuf_addf(&sb, "Skip '%s'?", it->p->title ? it->p->title : it->p->id);
		ov_text(ui, 1, 2, w - 4, A_BOLD, sb.buf);
		ov_text(ui, 2, 2, w - 4, A_NORMAL,
			"Type why. The reason is kept in .shipshape.json and shown by plan.");
		if (ui->reason_error)
			ov_text(ui, 5, 2, w - 4, tui_attr(ui, ST_ERROR), ui->reason_error);
		ov_text(ui, 7, 2, w - 4, A_NORMAL, "Enter skip it   Esc keep it");
		getbegyx(ui->ov_win, oy, ox);
		tui_field_place(ui, oy + 4, ox + 2, w - 4);
		strbuf_release(&sb);
		break;
	}
	case OV_NONE:
		break;
	}
	view_lines_release(&l);
}

void tui_draw(struct tui *ui)
{
	getmaxyx(stdscr, ui->lines, ui->cols);
	ui->small = ui->lines < TUI_MIN_LINES || ui->cols < TUI_MIN_COLS;
	ui->nhits = 0;
	tui_buttons_free(ui); /* a screen with buttons makes them again */
	werase(stdscr);
	wattrset(stdscr, A_NORMAL);
	if (ui->small) {
		draw_small(ui);
		overlay_free(ui);
		if (ui->field.panel)
			hide_panel(ui->field.panel);
		curs_set(0);
	} else {
		ui->screen->draw(ui);
		if (ui->status.len)
			tui_fill(ui, ui->lines - 2, 0, ui->cols,
				 ui->status_error ? ST_ERROR : ST_OK, ui->status.buf);
		draw_keyline(ui);
		if (ui->overlay != OV_NONE)
			draw_overlay(ui);
		else
			overlay_free(ui);
		if (ui->field.active && ui->field.panel) {
			show_panel(ui->field.panel);
			top_panel(ui->field.panel);
			touchwin(ui->field.win);
			pos_form_cursor(ui->field.form);
		}
		curs_set(ui->field.active && (ui->overlay == OV_NONE || ui->overlay == OV_REASON));
	}
	/* stdscr first (update_panels skips it when no panel exists), then the panels above it */
	wnoutrefresh(stdscr);
	if (ui->ov_win)
		touchwin(ui->ov_win);
	if (ui->field.win && ui->field.active)
		touchwin(ui->field.win);
	update_panels();
	if (ui->field.active && !ui->small) {
		/* the physical cursor goes where the last refreshed window has it */
		pos_form_cursor(ui->field.form);
		wnoutrefresh(ui->field.win);
	}
	doupdate();
}

/* ---- input ---- */

static void finish(struct tui *ui, int code)
{
	ui->done = 1;
	ui->exit_code = code;
	strbuf_reset(&ui->exit_msg);
	if (ui->s->read_only)
		strbuf_addstr(&ui->exit_msg, "read-only: nothing was written");
	else if (ui->s->profile.tier >= 0 && ui->s->written_tier >= 0)
		strbuf_addf(&ui->exit_msg, "you are at tier %d (%s)%s", ui->s->profile.tier,
			    catalog_tier_names[ui->s->profile.tier],
			    ui->s->profile.tier < 6 ? "; run shipshape again to continue"
						    : ": every tier is done");
	else if (ui->s->start_tier >= 0)
		strbuf_addf(&ui->exit_msg, "nothing written; you are still at tier %d",
			    ui->s->start_tier);
	else
		strbuf_addstr(&ui->exit_msg, "nothing written");
}

static void ask_quit(struct tui *ui)
{
	if (ui->s->dirty && !ui->s->read_only)
		ui->overlay = OV_QUIT;
	else
		finish(ui, 0);
}

static int resolve_click(struct tui *ui, struct tui_event *ev)
{
	MEVENT me;

	if (getmouse(&me) != OK)
		return 0;
	if (me.bstate & BUTTON4_PRESSED) {
		ev->action = ACT_UP;
		return 1;
	}
	if (me.bstate & BUTTON5_PRESSED) {
		ev->action = ACT_DOWN;
		return 1;
	}
	if (!(me.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return 0;
	for (size_t i = ui->nhits; i-- > 0;) {
		const struct tui_hit *h = &ui->hits[i];
		if (me.y == h->y && me.x >= h->x && me.x < h->x + h->w) {
			ev->hit = h->id;
			return 1;
		}
	}
	return 0;
}

static void overlay_key(struct tui *ui, struct tui_event *ev)
{
	switch (ui->overlay) {
	case OV_HELP:
		ui->overlay = OV_NONE;
		break;
	case OV_QUIT:
		if ((ev->text && (ev->ch == 'y' || ev->ch == 'Y')) || ev->action == ACT_ENTER ||
		    (ev->action == ACT_CLICK && ev->hit == HIT_OV_YES))
			finish(ui, 0);
		else if ((ev->text && (ev->ch == 'n' || ev->ch == 'N')) || ev->action == ACT_BACK ||
			 ev->action == ACT_QUIT ||
			 (ev->action == ACT_CLICK && ev->hit == HIT_OV_NO))
			ui->overlay = OV_NONE;
		break;
	case OV_REASON:
		/* the tier screen owns the reason field */
		ui->screen->key(ui, ev);
		break;
	case OV_NONE:
		break;
	}
}

int tui_feed(struct tui *ui, const struct tui_key *k)
{
	struct tui_event ev;
	enum tui_reaction r = TUI_NONE;

	tui_key_event(k, &ev);
	if (ev.action == ACT_CLICK && !resolve_click(ui, &ev))
		return ui->done;
	if (ev.action == ACT_INTERRUPT) {
		finish(ui, 130);
		strbuf_addstr(&ui->exit_msg, " (interrupted)");
		return 1;
	}
	if (ev.action == ACT_RESIZE || ev.action == ACT_REDRAW) {
		if (ev.action == ACT_REDRAW)
			clearok(curscr, TRUE);
		tui_draw(ui);
		return ui->done;
	}
	if (ui->small) {
		if (ev.action == ACT_QUIT)
			finish(ui, 0);
		if (!ui->done)
			tui_draw(ui);
		return ui->done;
	}
	if (ui->overlay != OV_NONE) {
		overlay_key(ui, &ev);
	} else if (ev.action == ACT_HELP && !(ui->field.active && ev.text)) {
		ui->overlay = OV_HELP;
	} else {
		r = ui->screen->key(ui, &ev);
		if (r == TUI_NONE && ev.action == ACT_QUIT && !(ui->field.active && ev.text))
			r = TUI_QUIT;
	}
	if (r == TUI_QUIT)
		ask_quit(ui);
	else if (r == TUI_EXIT)
		finish(ui, 0);
	if (!ui->done)
		tui_draw(ui);
	return ui->done;
}

int tui_run(struct tui *ui)
{
	tui_draw(ui);
	wtimeout(stdscr, 200);
	while (!ui->done) {
		struct tui_key k;
		wint_t ch;
		int rc;

		if (got_signal) {
			finish(ui, 128 + (int)got_signal);
			strbuf_addstr(&ui->exit_msg, " (stopped by a signal)");
			break;
		}
		rc = wget_wch(stdscr, &ch);
		if (rc == ERR)
			continue;
		k.code = (int)ch;
		k.fkey = rc == KEY_CODE_YES;
		tui_feed(ui, &k);
	}
	return ui->exit_code;
}
