/*
 * keys: the one table from keys to actions (dialog's binding tables). No
 * screen switches on curses key codes; the help overlay is generated from
 * this table, so it cannot disagree with what the keys do.
 */
#include <string.h>
#include <wctype.h>

#include "tui/tui.h"

#define CTRL(c) ((c)&0x1f)

struct binding {
	int fkey; /* 1: a KEY_* code; 0: a character */
	int code;
	enum tui_action action;
	const char *name; /* shown in the help */
};

static const struct binding bindings[] = {
    {1, KEY_UP, ACT_UP, "Up"},
    {0, 'k', ACT_UP, "k"},
    {0, CTRL('P'), ACT_UP, "^P"},
    {1, KEY_DOWN, ACT_DOWN, "Down"},
    {0, 'j', ACT_DOWN, "j"},
    {0, CTRL('N'), ACT_DOWN, "^N"},
    {1, KEY_LEFT, ACT_LEFT, "Left"},
    {0, 'h', ACT_LEFT, "h"},
    {1, KEY_RIGHT, ACT_RIGHT, "Right"},
    {0, 'l', ACT_RIGHT, "l"},
    {0, '\t', ACT_TAB, "Tab"},
    {1, KEY_BTAB, ACT_BACKTAB, "Shift-Tab"},
    {0, '\r', ACT_ENTER, "Enter"},
    {0, '\n', ACT_ENTER, NULL},
    {1, KEY_ENTER, ACT_ENTER, NULL},
    {0, ' ', ACT_SPACE, "Space"},
    {0, 27, ACT_BACK, "Esc"},
    {1, KEY_PPAGE, ACT_PGUP, "PgUp"},
    {0, CTRL('B'), ACT_PGUP, "^B"},
    {1, KEY_NPAGE, ACT_PGDN, "PgDn"},
    {0, CTRL('F'), ACT_PGDN, "^F"},
    {1, KEY_HOME, ACT_HOME, "Home"},
    {0, 'g', ACT_HOME, "g"},
    {1, KEY_END, ACT_END, "End"},
    {0, 'G', ACT_END, "G"},
    {0, '/', ACT_SEARCH, "/"},
    {0, '?', ACT_HELP, "?"},
    {1, KEY_F(1), ACT_HELP, "F1"},
    {0, 'q', ACT_QUIT, "q"},
    {0, CTRL('Q'), ACT_QUIT, "^Q"}, /* in text fields, where q is a letter */
    {0, 'd', ACT_VIEW, "d"},
    {1, KEY_BACKSPACE, ACT_BACKSPACE, "Backspace"},
    {0, 127, ACT_BACKSPACE, NULL},
    {0, CTRL('H'), ACT_BACKSPACE, NULL},
    {1, KEY_DC, ACT_DELETE, "Delete"},
    {1, KEY_MOUSE, ACT_CLICK, "mouse"},
    {1, KEY_RESIZE, ACT_RESIZE, NULL},
    {0, CTRL('L'), ACT_REDRAW, "^L"},
    {0, CTRL('C'), ACT_INTERRUPT, "^C"},
};

/* What the actions do, in the order the help lists them; a row may show
 * two actions that mirror each other ("Up k ^P / Down j ^N"). */
static const struct {
	enum tui_action action, action2;
	const char *what;
} help_order[] = {
    {ACT_UP, ACT_DOWN, "move up / down"},
    {ACT_LEFT, ACT_RIGHT, "previous / next button; the Diff sideways"},
    {ACT_TAB, ACT_BACKTAB, "next / previous field, button or pane"},
    {ACT_PGUP, ACT_PGDN, "page up / down in lists, Why and Diff"},
    {ACT_HOME, ACT_END, "first / last line"},
    {ACT_ENTER, ACT_NONE, "choose, edit, confirm, go on"},
    {ACT_SPACE, ACT_NONE, "apply or skip a practice"},
    {ACT_VIEW, ACT_NONE, "switch the Why / Diff pane"},
    {ACT_SEARCH, ACT_NONE, "search the practices"},
    {ACT_BACK, ACT_NONE, "back, cancel"},
    {ACT_CLICK, ACT_NONE, "click items, checkboxes and buttons"},
    {ACT_HELP, ACT_NONE, "this help"},
    {ACT_REDRAW, ACT_NONE, "redraw the screen"},
    {ACT_QUIT, ACT_NONE, "quit (asks when choices are not written)"},
    {ACT_INTERRUPT, ACT_NONE, "quit at once, writing nothing more"},
};

void tui_key_event(const struct tui_key *k, struct tui_event *ev)
{
	ev->action = ACT_NONE;
	ev->text = 0;
	ev->ch = 0;
	ev->hit = -1;
	for (size_t i = 0; i < sizeof(bindings) / sizeof(bindings[0]); i++) {
		if (bindings[i].fkey == k->fkey && bindings[i].code == k->code) {
			ev->action = bindings[i].action;
			break;
		}
	}
	/* printable characters are also text, for fields: 'j' moves, or types a j */
	if (!k->fkey && k->code >= 32 && k->code != 127 && iswprint((wint_t)k->code)) {
		ev->text = 1;
		ev->ch = (wchar_t)k->code;
	}
}

static void add_keys(struct strbuf *sb, enum tui_action a)
{
	int n = 0;

	for (size_t i = 0; i < sizeof(bindings) / sizeof(bindings[0]); i++) {
		if (bindings[i].action != a || !bindings[i].name)
			continue;
		strbuf_addf(sb, "%s%s", n++ ? " " : "", bindings[i].name);
	}
}

void tui_keys_help(struct view_lines *out)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t h = 0; h < sizeof(help_order) / sizeof(help_order[0]); h++) {
		strbuf_reset(&sb);
		add_keys(&sb, help_order[h].action);
		if (help_order[h].action2 != ACT_NONE) {
			strbuf_addstr(&sb, " / ");
			add_keys(&sb, help_order[h].action2);
		}
		while (sb.len < 24)
			strbuf_addch(&sb, ' ');
		strbuf_addf(&sb, " %s", help_order[h].what);
		view_lines_add(out, sb.buf);
	}
	strbuf_release(&sb);
}
