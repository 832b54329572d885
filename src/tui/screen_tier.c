/*
 * screen_tier: one tier. The progress bar on top; the tier's practices on
 * the left, each applied or skipped with a typed reason (the team's
 * process practices in their own checklist); on the right the Why pane
 * (catalog text, references) or the Diff pane (coloured unified diff of
 * every file the tier changes). Enter goes on to writing.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/xalloc.h"
#include "tui/tui.h"

#define HIT_ROW 200
#define HIT_BOX 400
#define HIT_TAB_WHY 600
#define HIT_TAB_DIFF 601

/* Display rows of the list: the file practices, a heading, the team's ones. */
static size_t nrows(const struct view_session *s)
{
	return s->nitems + (s->nitems > s->nfile_items ? 1 : 0);
}

static int row_item(const struct view_session *s, size_t row)
{
	if (row < s->nfile_items)
		return (int)row;
	if (row == s->nfile_items)
		return -1; /* the heading */
	return (int)row - 1;
}

static size_t item_row(const struct view_session *s, size_t item)
{
	return item < s->nfile_items ? item : item + 1;
}

static int cur_item(struct tui *ui)
{
	if (!ui->s->nitems)
		return -1;
	return row_item(ui->s, ui->list.cur);
}

/* Move the cursor by delta rows, stepping over the heading. */
static void list_move(struct tui *ui, long delta)
{
	view_scroll_move(&ui->list, delta);
	if (ui->s->nitems && row_item(ui->s, ui->list.cur) < 0) {
		if (delta >= 0 && ui->list.cur + 1 < ui->list.n)
			view_scroll_move(&ui->list, 1);
		else
			view_scroll_move(&ui->list, ui->list.cur > 0 ? -1 : 1);
	}
}

static void tier_enter(struct tui *ui)
{
	view_scroll_init(&ui->list);
	view_scroll_init(&ui->pane);
	view_scroll_resize(&ui->list, nrows(ui->s), 1);
	list_move(ui, 0);
	ui->pane_focus = 0;
	ui->pane_x = 0;
	ui->searching = 0;
	strbuf_reset(&ui->search);
}

/* The pane's lines for the current item (Why) or the tier (Diff). */
static void pane_lines(struct tui *ui, struct view_lines *out, size_t width)
{
	struct view_session *s = ui->s;
	struct strbuf sb = STRBUF_INIT;
	int item = cur_item(ui);

	if (ui->pane_diff) {
		if (!s->changes.nr) {
			view_wrap(out,
				  "This tier changes no file: what it needs is already on disk.",
				  width, 0);
		} else {
			view_lines_add(out, s->read_only ? "Files this tier would change:"
							 : "Files this tier changes:");
			for (size_t i = 0; i < s->changes.nr; i++)
				view_lines_addf(out, "  %s", s->changes.v[i]);
			view_lines_add(out, "");
			view_lines_split(out, s->diff.buf, s->diff.len);
		}
	} else if (item >= 0) {
		view_session_why(s, (size_t)item, &sb);
		view_wrap(out, sb.buf, width, 0);
	} else {
		strbuf_addf(&sb, "%s\n\n%s",
			    s->catalog.tiers[s->tier].title ? s->catalog.tiers[s->tier].title : "",
			    s->catalog.tiers[s->tier].why
				? s->catalog.tiers[s->tier].why
				: "This tier has no practice for this app.");
		view_wrap(out, sb.buf, width, 0);
	}
	strbuf_release(&sb);
}

static enum tui_style diff_style(const char *line)
{
	switch (view_diff_kind(line)) {
	case VIEW_DIFF_ADD:
		return ST_ADD;
	case VIEW_DIFF_DEL:
		return ST_DEL;
	case VIEW_DIFF_HUNK:
		return ST_HUNK;
	case VIEW_DIFF_FILE:
		return ST_FILE;
	case VIEW_DIFF_CONTEXT:
	case VIEW_DIFF_NOTE:
		break;
	}
	return ST_NORMAL;
}

static void draw_list(struct tui *ui, int y, int h, int w)
{
	struct view_session *s = ui->s;
	struct strbuf sb = STRBUF_INIT;

	view_scroll_resize(&ui->list, nrows(s), (size_t)h);
	if (!s->nitems)
		tui_para(ui, y, 1, w - 1, y + h, ST_DIM,
			 "No practice of this tier applies to this app.");
	for (size_t r = ui->list.top; r < ui->list.n && r < ui->list.top + ui->list.height; r++) {
		int row = y + (int)(r - ui->list.top), item = row_item(s, r);
		const struct view_item *it;
		int sel;

		if (item < 0) {
			tui_text(ui, row, 1, w - 1, ST_HEADING, "Team checklist");
			continue;
		}
		it = &s->items[item];
		sel = r == ui->list.cur;
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s %s", it->skipped ? "[ ]" : "[x]",
			    it->p->title ? it->p->title : it->p->id);
		tui_fill(ui, row, 1, w - 1,
			 sel ? (ui->pane_focus ? ST_HEADING : ST_SELECTED)
			     : (it->skipped ? ST_DIM : ST_NORMAL),
			 sb.buf);
		if (sel) /* visible without colour and in the screen tests */
			tui_text(ui, row, 0, 1, ST_HEADING, "\xe2\x96\xb8");
		tui_hit_add(ui, row, 1, 3, HIT_BOX + (int)(r - ui->list.top));
		tui_hit_add(ui, row, 4, w - 4, HIT_ROW + (int)(r - ui->list.top));
	}
	strbuf_release(&sb);
}

static void draw_pane(struct tui *ui, int y, int x, int h, int w)
{
	struct view_lines l = VIEW_LINES_INIT;
	struct strbuf pos = STRBUF_INIT;
	int tx = x;

	tx += tui_text(ui, y, tx, 8, ui->pane_diff ? ST_BUTTON : ST_BUTTON_FOCUS, "[ Why ]");
	tui_hit_add(ui, y, x, 7, HIT_TAB_WHY);
	tui_hit_add(ui, y, tx + 1, 8, HIT_TAB_DIFF);
	tui_text(ui, y, tx + 1, 8, ui->pane_diff ? ST_BUTTON_FOCUS : ST_BUTTON, "[ Diff ]");
	pane_lines(ui, &l, (size_t)w);
	view_scroll_resize(&ui->pane, l.nr, (size_t)(h - 1));
	ui->pane.top = ui->pane.cur; /* a pager: cur tracks top */
	view_pager_move(&ui->pane, 0);
	view_scroll_position(&ui->pane, &pos);
	if (ui->pane_diff && ui->pane_x) /* scrolled sideways: from which column */
		strbuf_addf(&pos, "%scol %d", pos.len ? ", " : "", ui->pane_x + 1);
	if (pos.len) {
		int pw = (int)view_width(pos.buf);
		tui_text(ui, y, x + w - pw, pw, ui->pane_focus ? ST_HEADING : ST_DIM, pos.buf);
	}
	for (size_t i = ui->pane.top; i < l.nr && i < ui->pane.top + ui->pane.height; i++) {
		int row = y + 1 + (int)(i - ui->pane.top);
		strbuf_reset(&pos);
		enum view_diff_kind kind = view_diff_kind(l.v[i]);
		if (!ui->pane_diff || !ui->pane_x || kind == VIEW_DIFF_HUNK) {
			strbuf_addstr(&pos, l.v[i]);
		} else if (kind == VIEW_DIFF_ADD || kind == VIEW_DIFF_DEL ||
			   kind == VIEW_DIFF_CONTEXT) {
			/* keep the +/- column, scroll the rest */
			strbuf_addch(&pos, l.v[i][0]);
			strbuf_addstr(&pos, view_skip(l.v[i] + 1, (size_t)ui->pane_x));
		} else {
			strbuf_addstr(&pos, view_skip(l.v[i], (size_t)ui->pane_x));
		}
		tui_text(ui, row, x, w, ui->pane_diff ? diff_style(l.v[i]) : ST_NORMAL, pos.buf);
	}
	view_lines_release(&l);
	strbuf_release(&pos);
}

static void tier_draw(struct tui *ui)
{
	struct view_session *s = ui->s;
	const struct catalog_tier *ct = &s->catalog.tiers[s->tier];
	struct strbuf sb = STRBUF_INIT;
	int top = tui_top(ui), h;
	/* the diff wants the width; the list wants it for the titles */
	int lw = ui->pane_diff ? ui->cols * 3 / 10 : ui->cols / 2;

	strbuf_addf(&sb, "tier %d of 6: %s", s->tier, catalog_tier_names[s->tier]);
	tui_title(ui, sb.buf);
	tui_progress(ui, 1, s->tier);
	strbuf_reset(&sb);
	/* the tier's question, capitalised: the title and the bar already name the tier */
	strbuf_addstr(&sb, ct->question ? ct->question : catalog_tier_names[s->tier]);
	if (sb.len && sb.buf[0] >= 'a' && sb.buf[0] <= 'z')
		sb.buf[0] = (char)(sb.buf[0] - 'a' + 'A');
	tui_text(ui, top, 1, ui->cols - 2, ST_HEADING, sb.buf);
	tui_hline(ui, top + 1, 0, ui->cols);
	h = tui_bottom(ui) - (top + 2);
	draw_list(ui, top + 2, h, lw);
	tui_vline(ui, top + 2, lw, h);
	draw_pane(ui, top + 2, lw + 2, h, ui->cols - lw - 3);
	if (s->blocked && !ui->status.len && !ui->searching) {
		strbuf_reset(&sb);
		strbuf_addf(&sb,
			    "'%s' exists and shipshape did not write it (or it was edited): "
			    "move it aside to write this tier",
			    s->blocked);
		tui_fill(ui, ui->lines - 2, 0, ui->cols, ST_WARNING, sb.buf);
	}
	if (ui->searching) {
		tui_fill(ui, ui->lines - 2, 0, ui->cols, ST_NORMAL, "");
		tui_text(ui, ui->lines - 2, 1, 8, ST_HEADING, "search:");
		tui_field_place(ui, ui->lines - 2, 9, ui->cols - 10);
	}
	strbuf_release(&sb);
}

/* 1 when hay holds needle, ignoring ASCII case. */
static int contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] &&
		       tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return 1;
	}
	return 0;
}

/* Find the next item (from the cursor, wrapping) whose title or id holds text. */
static int search(struct tui *ui, const char *text, int from_next)
{
	struct view_session *s = ui->s;
	int start = cur_item(ui);

	if (!*text || !s->nitems)
		return 0;
	if (start < 0)
		start = 0;
	for (size_t k = 0; k < s->nitems; k++) {
		size_t i = ((size_t)start + k + (from_next ? 1 : 0)) % s->nitems;
		const struct practice *p = s->items[i].p;
		if ((p->title && contains(p->title, text)) || contains(p->id, text)) {
			view_scroll_goto(&ui->list, item_row(s, i));
			view_pager_home(&ui->pane);
			return 1;
		}
	}
	return 0;
}

static enum tui_reaction search_key(struct tui *ui, const struct tui_event *ev)
{
	if (tui_field_key(ui, ev)) {
		tui_field_text(ui, &ui->search);
		if (ui->search.len && !search(ui, ui->search.buf, 0))
			tui_status(ui, 1, "no practice matches '%s'", ui->search.buf);
		else
			strbuf_reset(&ui->status);
		return TUI_REDRAW;
	}
	if (ev->action == ACT_ENTER || ev->action == ACT_DOWN) {
		if (!search(ui, ui->search.buf, 1))
			tui_status(ui, 1, "no practice matches '%s'", ui->search.buf);
	} else if (ev->action == ACT_BACK || ev->action == ACT_TAB) {
		ui->searching = 0;
		tui_field_close(ui);
		strbuf_reset(&ui->status);
	}
	return TUI_REDRAW;
}

static enum tui_reaction reason_key(struct tui *ui, const struct tui_event *ev)
{
	struct strbuf text = STRBUF_INIT;
	struct ss_error err;

	if (tui_field_key(ui, ev))
		return TUI_REDRAW;
	if (ev->action == ACT_BACK) {
		ui->overlay = OV_NONE;
		tui_field_close(ui);
	} else if (ev->action == ACT_ENTER) {
		tui_field_text(ui, &text);
		free(ui->reason_error);
		ui->reason_error = NULL;
		ss_error_init(&err);
		if (!text.len) {
			ui->reason_error =
			    xstrdup("type a reason: a skip is a decision, not an omission");
		} else if (view_session_skip(ui->s, (size_t)ui->reason_item, text.buf, &err)) {
			tui_status(ui, 1, "%s", err.msg);
			ui->overlay = OV_NONE;
			tui_field_close(ui);
		} else {
			ui->overlay = OV_NONE;
			tui_field_close(ui);
			tui_status(
			    ui, 0,
			    "skipped, with your reason; the Diff pane shows the tier without it");
		}
	}
	strbuf_release(&text);
	return TUI_REDRAW;
}

static void toggle(struct tui *ui)
{
	int item = cur_item(ui);
	struct ss_error err;

	if (item < 0)
		return;
	if (ui->s->items[item].skipped) {
		ss_error_init(&err);
		if (view_session_skip(ui->s, (size_t)item, NULL, &err))
			tui_status(ui, 1, "%s", err.msg);
		else
			tui_status(ui, 0, "applied again");
		return;
	}
	ui->reason_item = item;
	free(ui->reason_error);
	ui->reason_error = NULL;
	ui->overlay = OV_REASON;
	tui_field_open(ui, "", 0, 0, 10);
}

static void pane_or_list(struct tui *ui, enum tui_action a)
{
	struct view_scroll *p = &ui->pane;
	long page = (long)(ui->list.height > 1 ? ui->list.height - 1 : 1);

	if (ui->pane_focus) {
		if (a == ACT_UP || a == ACT_DOWN)
			view_pager_move(p, a == ACT_UP ? -1 : 1);
		else if (a == ACT_PGUP || a == ACT_PGDN)
			view_pager_page(p, a == ACT_PGUP ? -1 : 1);
		else if (a == ACT_HOME)
			view_pager_home(p);
		else if (a == ACT_END)
			view_pager_end(p);
		return;
	}
	if (a == ACT_UP || a == ACT_DOWN) {
		list_move(ui, a == ACT_UP ? -1 : 1);
	} else if (a == ACT_PGUP || a == ACT_PGDN) {
		list_move(ui, a == ACT_PGUP ? -page : page);
	} else if (a == ACT_HOME) {
		view_scroll_home(&ui->list);
		list_move(ui, 0);
	} else if (a == ACT_END) {
		view_scroll_end(&ui->list);
		list_move(ui, 0);
	}
	if (!ui->pane_diff)
		view_pager_home(p);
}

static enum tui_reaction tier_key(struct tui *ui, const struct tui_event *ev)
{
	if (ui->overlay == OV_REASON)
		return reason_key(ui, ev);
	if (ui->searching)
		return search_key(ui, ev);
	switch (ev->action) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PGUP:
	case ACT_PGDN:
	case ACT_HOME:
	case ACT_END:
		pane_or_list(ui, ev->action);
		break;
	case ACT_RIGHT:
		if (ui->pane_focus && ui->pane_diff) /* long diff lines: scroll sideways */
			ui->pane_x += 8;
		ui->pane_focus = 1;
		break;
	case ACT_LEFT:
		if (ui->pane_focus && ui->pane_x > 0)
			ui->pane_x = ui->pane_x > 8 ? ui->pane_x - 8 : 0;
		else
			ui->pane_focus = 0;
		break;
	case ACT_TAB:
	case ACT_BACKTAB:
		ui->pane_focus = !ui->pane_focus;
		break;
	case ACT_VIEW:
		ui->pane_diff = !ui->pane_diff;
		ui->pane_x = 0;
		view_pager_home(&ui->pane);
		break;
	case ACT_SPACE:
		toggle(ui);
		break;
	case ACT_SEARCH:
		ui->searching = 1;
		ui->pane_focus = 0;
		strbuf_reset(&ui->search);
		tui_field_open(ui, "", 0, 0, 10);
		tui_status(ui, 0, " ");
		break;
	case ACT_ENTER:
		tui_goto(ui, SCR_WRITE);
		break;
	case ACT_BACK:
		tui_goto(ui, ui->s->nquestions ? SCR_QUESTIONS : SCR_FOUND);
		break;
	case ACT_CLICK:
		if (ev->hit == HIT_TAB_WHY || ev->hit == HIT_TAB_DIFF) {
			ui->pane_diff = ev->hit == HIT_TAB_DIFF;
			view_pager_home(&ui->pane);
		} else if (ev->hit >= HIT_ROW && ev->hit < HIT_ROW + 100) {
			ui->pane_focus = 0;
			view_scroll_goto(&ui->list, ui->list.top + (size_t)(ev->hit - HIT_ROW));
			list_move(ui, 0);
			view_pager_home(&ui->pane);
		} else if (ev->hit >= HIT_BOX && ev->hit < HIT_BOX + 100) {
			view_scroll_goto(&ui->list, ui->list.top + (size_t)(ev->hit - HIT_BOX));
			toggle(ui);
		}
		break;
	case ACT_NONE:
	case ACT_HELP:
	case ACT_QUIT:
	case ACT_BACKSPACE:
	case ACT_DELETE:
	case ACT_RESIZE:
	case ACT_REDRAW:
	case ACT_INTERRUPT:
		return TUI_NONE;
	}
	return TUI_REDRAW;
}

static const char *tier_keys(struct tui *ui)
{
	if (ui->overlay == OV_REASON)
		return "Enter|skip it|Esc|keep it";
	if (ui->searching)
		return "Enter|next match|Esc|close";
	if (ui->pane_focus)
		return ui->pane_diff ? "\xe2\x86\x91\xe2\x86\x93\xe2\x86\x90\xe2\x86\x92 PgUp "
				       "PgDn|scroll|Tab|list|d|why|Enter|write|Esc|back"
				     : "\xe2\x86\x91\xe2\x86\x93 PgUp "
				       "PgDn|scroll|Tab|list|d|diff|Enter|write|Esc|back";
	return ui->pane_diff ? "\xe2\x86\x91\xe2\x86\x93|move|Space|skip|d|why|Tab|pane|/"
			       "|find|Enter|write|Esc|back"
			     : "\xe2\x86\x91\xe2\x86\x93|move|Space|skip|d|diff|Tab|pane|/"
			       "|find|Enter|write|Esc|back";
}

const struct tui_screen screen_tier = {"tier", tier_enter, tier_draw, tier_key, tier_keys};
