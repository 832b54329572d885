/*
 * buttons: a row of buttons is a one-row menu from the menu library, in a
 * panel of its own above stdscr. Like everything else it is rebuilt on
 * every frame from the screen's state (which button has the focus), so a
 * resize or a screen change needs no bookkeeping.
 */
#include <stdlib.h>

#include "shipshape/xalloc.h"
#include "tui/tui.h"

#define GAP 2 /* columns between buttons */

void tui_buttons_free(struct tui *ui)
{
	struct tui_button_row *b = &ui->buttons;

	if (b->menu) {
		unpost_menu(b->menu);
		free_menu(b->menu);
	}
	for (int i = 0; i < TUI_MAX_BUTTONS; i++) {
		if (b->items[i])
			free_item(b->items[i]);
		free(b->names[i]);
		b->items[i] = NULL;
		b->names[i] = NULL;
	}
	if (b->panel)
		del_panel(b->panel);
	if (b->win)
		delwin(b->win);
	b->menu = NULL;
	b->panel = NULL;
	b->win = NULL;
}

void tui_buttons(struct tui *ui, int y, const char *const *labels, int n, int focused, int base)
{
	struct tui_button_row *b = &ui->buttons;
	struct strbuf sb = STRBUF_INIT;
	int rows = 0, cols = 0, colw = 0, x = 2;

	tui_buttons_free(ui);
	if (n > TUI_MAX_BUTTONS)
		n = TUI_MAX_BUTTONS;
	/* the menu gives every column the widest label's width: centre the
	   labels in buttons of that width */
	for (int i = 0; i < n; i++) {
		int w = (int)view_width(labels[i]);
		if (w > colw)
			colw = w;
	}
	for (int i = 0; i < n; i++) {
		int pad = colw - (int)view_width(labels[i]);
		strbuf_reset(&sb);
		strbuf_addstr(&sb, "[ ");
		strbuf_addchars(&sb, ' ', (size_t)(pad / 2));
		strbuf_addstr(&sb, labels[i]);
		strbuf_addchars(&sb, ' ', (size_t)(pad - pad / 2));
		strbuf_addstr(&sb, " ]");
		b->names[i] = xstrdup(sb.buf);
		b->items[i] = new_item(b->names[i], "");
	}
	colw += 4; /* "[ " and " ]" */
	b->items[n] = NULL;
	b->menu = new_menu(b->items);
	if (!b->menu)
		goto out;
	set_menu_format(b->menu, 1, n);
	set_menu_mark(b->menu, "");
	set_menu_spacing(b->menu, 0, 1, GAP);
	menu_opts_off(b->menu, O_SHOWDESC);
	set_menu_back(b->menu, tui_attr(ui, ST_BUTTON));
	/* no focus on the buttons: the current item looks like the others */
	set_menu_fore(b->menu, tui_attr(ui, focused >= 0 ? ST_BUTTON_FOCUS : ST_BUTTON));
	scale_menu(b->menu, &rows, &cols);
	if (cols > ui->cols - x)
		cols = ui->cols - x;
	b->win = newwin(rows, cols, y, x);
	if (!b->win)
		goto out;
	b->panel = new_panel(b->win);
	set_menu_win(b->menu, b->win);
	set_menu_sub(b->menu, b->win);
	if (focused >= 0 && focused < n)
		set_current_item(b->menu, b->items[focused]);
	post_menu(b->menu);
	for (int i = 0; i < n; i++)
		tui_hit_add(ui, y, x + i * (colw + GAP), colw, base + i);
out:
	strbuf_release(&sb);
}
