/*
 * screen_found: "what we found". Each fact with its evidence and
 * confidence; Enter edits one in place (validated by the core's grammar
 * for that answer); detection's warnings below.
 */
#include <stdlib.h>
#include <string.h>

#include "shipshape/xalloc.h"
#include "tui/tui.h"

#define HIT_ROW 200
#define HIT_BUTTON 100
#define LABEL_W 20
#define VALUE_X (2 + LABEL_W + 1)

static const char *const labels[] = {"Continue", "Back"};

static void found_enter(struct tui *ui)
{
	/* Continue has the focus: Enter accepts what was found; arrows go to the facts */
	ui->focus = 1;
	view_scroll_init(&ui->list);
	ui->editing = 0;
	free(ui->edit_error);
	ui->edit_error = NULL;
	strbuf_reset(&ui->status);
}

/* Rows the warnings take at the bottom (at most 5). */
static int warning_rows(struct tui *ui, struct view_lines *out)
{
	for (size_t i = 0; i < ui->s->warnings.nr; i++) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "! %s", ui->s->warnings.v[i]);
		view_wrap(out, sb.buf, (size_t)ui->cols - 4, 2);
		strbuf_release(&sb);
	}
	return out->nr > 5 ? 5 : (int)out->nr;
}

static int list_y(const struct tui *ui)
{
	return tui_top(ui) + 3;
}

static void found_draw(struct tui *ui)
{
	struct view_session *s = ui->s;
	struct view_lines warn = VIEW_LINES_INIT;
	struct strbuf sb = STRBUF_INIT;
	int y = tui_top(ui), nwarn, ybuttons = tui_bottom(ui) - 2, height, evx;

	tui_title(ui, "what we found");
	tui_text(ui, y, 2, ui->cols - 4, ST_HEADING, "What shipshape found in the project");
	tui_text(ui, y + 1, 2, ui->cols - 4, ST_DIM,
		 "Check these facts. Enter on Continue accepts them; \xe2\x86\x91\xe2\x86\x93 "
		 "choose one to edit.");
	nwarn = warning_rows(ui, &warn);
	y = list_y(ui);
	tui_fill(ui, y - 1 + 0, 2, LABEL_W, ST_DIM, "fact");
	evx = VALUE_X + (ui->cols - VALUE_X) * 2 / 5;
	tui_text(ui, y - 1, VALUE_X, evx - VALUE_X - 1, ST_DIM, "value");
	tui_text(ui, y - 1, evx, ui->cols - evx - 1, ST_DIM, "evidence");
	height = ybuttons - 2 - y - (nwarn ? nwarn + 1 : 0);
	if (height < 1)
		height = 1;
	view_scroll_resize(&ui->list, s->nfacts, (size_t)height);
	if (!s->nfacts)
		tui_para(ui, y, 2, ui->cols - 4, y + height, ST_NORMAL,
			 "Nothing could be detected for sure; the next screen asks instead.");
	for (size_t i = ui->list.top; i < s->nfacts && i < ui->list.top + ui->list.height; i++) {
		const struct view_fact *f = &s->fact_rows[i];
		int row = y + (int)(i - ui->list.top);
		int sel = i == ui->list.cur && ui->focus == 0;
		enum tui_style st = sel ? ST_SELECTED : ST_NORMAL;

		tui_fill(ui, row, 1, ui->cols - 2, st, "");
		if (sel)
			tui_text(ui, row, 0, 1, ST_HEADING, "\xe2\x96\xb8");
		tui_text(ui, row, 2, LABEL_W, st, f->key);
		tui_text(ui, row, VALUE_X, evx - VALUE_X - 1, sel ? st : ST_HEADING, f->value);
		strbuf_reset(&sb);
		if (*f->source)
			strbuf_addf(&sb, "%s \xc2\xb7 %s", f->source, f->confidence);
		else
			strbuf_addstr(&sb, f->confidence);
		tui_text(ui, row, evx, ui->cols - evx - 1, sel ? st : ST_DIM, sb.buf);
		tui_hit_add(ui, row, 1, ui->cols - 2, HIT_ROW + (int)(i - ui->list.top));
	}
	strbuf_reset(&sb);
	view_scroll_position(&ui->list, &sb);
	if (sb.len)
		tui_text(ui, y - 1, ui->cols - 1 - (int)sb.len, (int)sb.len, ST_DIM, sb.buf);
	if (s->nfacts && ui->focus == 0) { /* what the selected fact means */
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s: %s", s->fact_rows[ui->list.cur].key,
			    s->fact_rows[ui->list.cur].label);
		tui_text(ui, y + (int)ui->list.height, 2, ui->cols - 4, ST_DIM, sb.buf);
	}
	if (ui->editing) {
		int row = y + (int)(ui->list.cur - ui->list.top);
		tui_field_place(ui, row, VALUE_X, ui->cols - VALUE_X - 2);
	}
	if (nwarn) {
		int wy = ybuttons - 1 - nwarn;
		for (int i = 0; i < nwarn; i++)
			tui_text(ui, wy + i, 2, ui->cols - 4, ST_WARNING, warn.v[i]);
	}
	tui_buttons(ui, ybuttons, labels, 2, ui->focus - 1, HIT_BUTTON);
	view_lines_release(&warn);
	strbuf_release(&sb);
}

static void start_edit(struct tui *ui)
{
	if (!ui->s->nfacts)
		return;
	ui->editing = 1;
	tui_field_open(ui, ui->s->fact_rows[ui->list.cur].text, 0, 0, 10);
	tui_status(ui, 0, "editing '%s': Enter keeps it, Esc cancels",
		   ui->s->fact_rows[ui->list.cur].key);
}

static enum tui_reaction edit_key(struct tui *ui, const struct tui_event *ev)
{
	struct strbuf text = STRBUF_INIT;
	struct ss_error err;

	if (tui_field_key(ui, ev))
		return TUI_REDRAW;
	if (ev->action == ACT_BACK) {
		ui->editing = 0;
		tui_field_close(ui);
		strbuf_reset(&ui->status);
	} else if (ev->action == ACT_ENTER || ev->action == ACT_TAB) {
		char *key = xstrdup(ui->s->fact_rows[ui->list.cur].key);
		tui_field_text(ui, &text);
		ss_error_init(&err);
		if (view_session_set_answer(ui->s, key, text.buf, &err)) {
			tui_status(ui, 1, "%s", err.msg); /* the field keeps the focus */
		} else {
			ui->editing = 0;
			tui_field_close(ui);
			tui_status(ui, 0, "'%s' is now '%s'", key, text.buf);
		}
		free(key);
	}
	strbuf_release(&text);
	return TUI_REDRAW;
}

static enum tui_reaction found_key(struct tui *ui, const struct tui_event *ev)
{
	int press = -1;

	if (ui->editing)
		return edit_key(ui, ev);
	switch (ev->action) {
	case ACT_UP:
		if (ui->focus == 0) {
			view_scroll_move(&ui->list, -1);
		} else { /* from the buttons back into the facts, at the bottom */
			ui->focus = 0;
			view_scroll_end(&ui->list);
		}
		break;
	case ACT_DOWN:
		if (ui->focus == 0) {
			view_scroll_move(&ui->list, 1);
		} else {
			ui->focus = 0;
			view_scroll_home(&ui->list);
		}
		break;
	case ACT_PGUP:
		view_scroll_page(&ui->list, -1);
		break;
	case ACT_PGDN:
		view_scroll_page(&ui->list, 1);
		break;
	case ACT_HOME:
		view_scroll_home(&ui->list);
		break;
	case ACT_END:
		view_scroll_end(&ui->list);
		break;
	case ACT_TAB:
	case ACT_RIGHT:
		ui->focus = (ui->focus + 1) % 3;
		break;
	case ACT_BACKTAB:
	case ACT_LEFT:
		ui->focus = (ui->focus + 2) % 3;
		break;
	case ACT_ENTER:
	case ACT_SPACE:
		if (ui->focus == 0)
			start_edit(ui);
		else
			press = ui->focus - 1;
		break;
	case ACT_BACK:
		press = 1;
		break;
	case ACT_CLICK:
		if (ev->hit >= HIT_ROW && ev->hit < HIT_ROW + 100) {
			size_t i = ui->list.top + (size_t)(ev->hit - HIT_ROW);
			ui->focus = 0;
			if (i == ui->list.cur)
				start_edit(ui);
			view_scroll_goto(&ui->list, i);
		} else if (ev->hit == HIT_BUTTON || ev->hit == HIT_BUTTON + 1) {
			press = ev->hit - HIT_BUTTON;
		}
		break;
	case ACT_NONE:
	case ACT_SEARCH:
	case ACT_HELP:
	case ACT_QUIT:
	case ACT_VIEW:
	case ACT_BACKSPACE:
	case ACT_DELETE:
	case ACT_RESIZE:
	case ACT_REDRAW:
	case ACT_INTERRUPT:
		return TUI_NONE;
	}
	if (press == 0) {
		strbuf_reset(&ui->status);
		tui_goto(ui, SCR_QUESTIONS);
	} else if (press == 1) {
		tui_goto(ui, SCR_WELCOME);
	}
	return TUI_REDRAW;
}

static const char *found_keys(struct tui *ui)
{
	if (ui->editing)
		return "Enter|keep|Esc|cancel|\xe2\x86\x90\xe2\x86\x92|move in the text";
	if (ui->focus == 1)
		return "Enter|continue|\xe2\x86\x91\xe2\x86\x93|facts|Tab|next button|Esc|back";
	if (ui->focus == 2)
		return "Enter|back|Tab|next|Esc|back";
	return "\xe2\x86\x91\xe2\x86\x93|choose|Enter|edit|Tab|Continue|Esc|back";
}

const struct tui_screen screen_found = {"found", found_enter, found_draw, found_key, found_keys};
