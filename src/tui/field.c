/*
 * field: the one single-line text field, built on the form library. It
 * lives in its own panel above stdscr, so redrawing the screen below does
 * not disturb what is being typed; screens place it where their layout
 * wants it on every frame.
 */
#include "tui/tui.h"

void tui_field_close(struct tui *ui)
{
	struct tui_field *f = &ui->field;

	if (f->form) {
		unpost_form(f->form);
		free_form(f->form);
	}
	if (f->fields[0])
		free_field(f->fields[0]);
	if (f->panel)
		del_panel(f->panel);
	if (f->win)
		delwin(f->win);
	f->form = NULL;
	f->fields[0] = f->fields[1] = NULL;
	f->panel = NULL;
	f->win = NULL;
	f->active = 0;
}

void tui_field_open(struct tui *ui, const char *text, int y, int x, int w)
{
	struct tui_field *f = &ui->field;

	tui_field_close(ui);
	if (w < 2)
		w = 2;
	f->win = newwin(1, w, y, x);
	if (!f->win)
		return;
	f->panel = new_panel(f->win);
	f->fields[0] = new_field(1, w, 0, 0, 0, 0);
	f->fields[1] = NULL;
	field_opts_off(f->fields[0], O_STATIC | O_AUTOSKIP | O_BLANK);
	set_max_field(f->fields[0], 0);
	set_field_back(f->fields[0], tui_attr(ui, ST_FIELD) | A_UNDERLINE);
	set_field_buffer(f->fields[0], 0, text);
	f->form = new_form(f->fields);
	set_form_win(f->form, f->win);
	set_form_sub(f->form, f->win);
	post_form(f->form);
	form_driver(f->form, REQ_END_LINE);
	f->y = y;
	f->x = x;
	f->w = w;
	f->active = 1;
}

void tui_field_text(struct tui *ui, struct strbuf *out)
{
	struct tui_field *f = &ui->field;
	const char *b;

	strbuf_reset(out);
	if (!f->active)
		return;
	form_driver(f->form, REQ_VALIDATION);
	b = field_buffer(f->fields[0], 0);
	if (b)
		strbuf_addstr(out, b);
	strbuf_trim(out);
}

void tui_field_place(struct tui *ui, int y, int x, int w)
{
	struct tui_field *f = &ui->field;
	struct strbuf text = STRBUF_INIT;

	if (!f->active || (f->y == y && f->x == x && f->w == w))
		return;
	tui_field_text(ui, &text);
	tui_field_open(ui, text.buf, y, x, w);
	strbuf_release(&text);
}

int tui_field_key(struct tui *ui, const struct tui_event *ev)
{
	struct tui_field *f = &ui->field;
	int req;

	if (!f->active)
		return 0;
	if (ev->text) {
		/* The form library corrupts memory when a double-width (or
		 * zero-width) character goes into a scrolling one-line field
		 * (found by the screen tests' random keys), so only characters
		 * one column wide are typed; every answer grammar is ASCII. */
		if (view_cp_width((uint32_t)ev->ch) != 1)
			tui_status(ui, 1, "only characters one column wide can be typed here");
		else
			form_driver_w(f->form, OK, ev->ch);
		return 1;
	}
	switch (ev->action) {
	case ACT_LEFT:
		req = REQ_PREV_CHAR;
		break;
	case ACT_RIGHT:
		req = REQ_NEXT_CHAR;
		break;
	case ACT_BACKSPACE:
		req = REQ_DEL_PREV;
		break;
	case ACT_DELETE:
		req = REQ_DEL_CHAR;
		break;
	case ACT_HOME:
		req = REQ_BEG_LINE;
		break;
	case ACT_END:
		req = REQ_END_LINE;
		break;
	case ACT_NONE:
	case ACT_UP:
	case ACT_DOWN:
	case ACT_TAB:
	case ACT_BACKTAB:
	case ACT_ENTER:
	case ACT_SPACE:
	case ACT_BACK:
	case ACT_PGUP:
	case ACT_PGDN:
	case ACT_SEARCH:
	case ACT_HELP:
	case ACT_QUIT:
	case ACT_VIEW:
	case ACT_CLICK:
	case ACT_RESIZE:
	case ACT_REDRAW:
	case ACT_INTERRUPT:
	default:
		return 0;
	}
	form_driver(f->form, req);
	return 1;
}
