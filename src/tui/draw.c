/*
 * draw: small layout helpers over stdscr. Text is fitted by the core's
 * view_* functions; these only place it and pick its style.
 */
#include <string.h>

#include "tui/tui.h"

attr_t tui_attr(const struct tui *ui, enum tui_style st)
{
	return ui->style[st];
}

int tui_top(const struct tui *ui)
{
	(void)ui;
	return 2;
}

int tui_bottom(const struct tui *ui)
{
	return ui->lines - 2;
}

int tui_text(struct tui *ui, int y, int x, int w, enum tui_style st, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t used;

	if (w <= 0 || y < 0 || y >= ui->lines || x >= ui->cols)
		return 0;
	if (x + w > ui->cols)
		w = ui->cols - x;
	used = view_truncate(&sb, s, (size_t)w);
	wattrset(stdscr, tui_attr(ui, st));
	mvwaddstr(stdscr, y, x, sb.buf);
	wattrset(stdscr, A_NORMAL);
	strbuf_release(&sb);
	return (int)used;
}

void tui_fill(struct tui *ui, int y, int x, int w, enum tui_style st, const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	if (w <= 0 || y < 0 || y >= ui->lines || x >= ui->cols)
		return;
	if (x + w > ui->cols)
		w = ui->cols - x;
	view_fit(&sb, s, (size_t)w);
	wattrset(stdscr, tui_attr(ui, st));
	/* the last cell of the screen: addstr would scroll, so stop one short */
	if (y == ui->lines - 1 && x + w == ui->cols)
		mvwaddnstr(stdscr, y, x, sb.buf, (int)sb.len - 1);
	else
		mvwaddstr(stdscr, y, x, sb.buf);
	wattrset(stdscr, A_NORMAL);
	strbuf_release(&sb);
}

void tui_title(struct tui *ui, const char *title)
{
	struct strbuf sb = STRBUF_INIT;
	const char *dir = ui->s->dir ? strrchr(ui->s->dir, '/') : NULL;
	const char *name = dir ? dir + 1 : (ui->s->dir ? ui->s->dir : "");
	int w;

	strbuf_addf(&sb, " shipshape \xc2\xb7 %s", title);
	tui_fill(ui, 0, 0, ui->cols, ST_TITLE, sb.buf);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s%s ", ui->s->read_only ? "read-only \xc2\xb7 " : "", name);
	w = (int)view_width(sb.buf);
	if (w < ui->cols / 2)
		tui_text(ui, 0, ui->cols - w, w, ST_TITLE, sb.buf);
	strbuf_release(&sb);
}

void tui_progress(struct tui *ui, int y, int current)
{
	struct view_progress_seg segs[7];
	size_t used;
	int x0;

	used = view_progress(segs, (size_t)ui->cols - 12, current, ui->s->profile.tier,
			     catalog_tier_names);
	x0 = tui_text(ui, y, 1, 10, ST_DIM, "tiers:") + 2;
	(void)used;
	for (int t = 0; t < 7; t++) {
		enum tui_style st = segs[t].state == VIEW_TIER_CURRENT ? ST_TIER_CURRENT
				    : segs[t].state == VIEW_TIER_DONE  ? ST_TIER_DONE
								       : ST_TIER_TODO;
		int x = x0 + (int)segs[t].x;
		if (t && segs[t].x - segs[t - 1].x - strlen(segs[t - 1].text) == 3)
			tui_text(ui, y, x - 2, 1, ST_DIM, "-");
		tui_text(ui, y, x, (int)strlen(segs[t].text), st, segs[t].text);
	}
}

int tui_para(struct tui *ui, int y, int x, int w, int ymax, enum tui_style st, const char *s)
{
	struct view_lines l = VIEW_LINES_INIT;

	if (w <= 0)
		return y;
	view_wrap(&l, s, (size_t)w, 0);
	for (size_t i = 0; i < l.nr && y < ymax; i++, y++)
		tui_text(ui, y, x, w, st, l.v[i]);
	view_lines_release(&l);
	return y;
}

void tui_hit_add(struct tui *ui, int y, int x, int w, int id)
{
	if (ui->nhits >= TUI_MAX_HITS)
		return;
	ui->hits[ui->nhits].y = y;
	ui->hits[ui->nhits].x = x;
	ui->hits[ui->nhits].w = w;
	ui->hits[ui->nhits].id = id;
	ui->nhits++;
}

/* Lines are drawn with Unicode box characters rather than the alternate
 * character set: some terminals (tmux with TERM=xterm-256color, for one)
 * show ACS as letters in a UTF-8 locale, and the wizard always runs in one. */
void tui_hline(struct tui *ui, int y, int x, int w)
{
	struct strbuf sb = STRBUF_INIT;

	if (y < 0 || y >= ui->lines || w <= 0)
		return;
	for (int i = 0; i < w; i++)
		strbuf_addstr(&sb, "\xe2\x94\x80"); /* ─ */
	tui_text(ui, y, x, w, ST_DIM, sb.buf);
	strbuf_release(&sb);
}

void tui_vline(struct tui *ui, int y, int x, int h)
{
	for (int i = 0; i < h; i++)
		tui_text(ui, y + i, x, 1, ST_DIM, "\xe2\x94\x82"); /* │ */
}

void tui_box(WINDOW *w)
{
	cchar_t ls, rs, ts, bs, tl, tr, bl, br;

	setcchar(&ls, L"\x2502", A_NORMAL, 0, NULL);
	setcchar(&rs, L"\x2502", A_NORMAL, 0, NULL);
	setcchar(&ts, L"\x2500", A_NORMAL, 0, NULL);
	setcchar(&bs, L"\x2500", A_NORMAL, 0, NULL);
	setcchar(&tl, L"\x250c", A_NORMAL, 0, NULL);
	setcchar(&tr, L"\x2510", A_NORMAL, 0, NULL);
	setcchar(&bl, L"\x2514", A_NORMAL, 0, NULL);
	setcchar(&br, L"\x2518", A_NORMAL, 0, NULL);
	wborder_set(w, &ls, &rs, &ts, &bs, &tl, &tr, &bl, &br);
}
