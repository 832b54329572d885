/*
 * tui: the wizard's ncursesw front end.
 *
 * Raw keys go through one table (keys.c) to actions; a screen (one
 * screen_X.c each: enter, draw, key) turns actions into changes of the
 * session (the core's view-model, view.h) and returns a reaction. Only
 * tui.c refreshes the terminal, handles KEY_RESIZE, the too-small
 * terminal, the help and quit overlays, signals and the fatal cleanup.
 * Every frame is drawn from state, so a resize is just another frame.
 */
#ifndef SHIPSHAPE_TUI_H
#define SHIPSHAPE_TUI_H

#include <stdio.h>
#include <wchar.h>

#include <curses.h>
#include <form.h>
#include <menu.h>
#include <panel.h>

#include "shipshape/strbuf.h"
#include "shipshape/view.h"

#define TUI_MIN_COLS 80
#define TUI_MIN_LINES 24

/* What a key means, whatever key it was (keys.c maps keys to these). */
enum tui_action {
	ACT_NONE,
	ACT_UP,
	ACT_DOWN,
	ACT_LEFT,
	ACT_RIGHT,
	ACT_TAB,
	ACT_BACKTAB,
	ACT_ENTER,
	ACT_SPACE,
	ACT_BACK,
	ACT_PGUP,
	ACT_PGDN,
	ACT_HOME,
	ACT_END,
	ACT_SEARCH,
	ACT_HELP,
	ACT_QUIT,
	ACT_VIEW, /* tier screen: switch the Why / Diff pane */
	ACT_BACKSPACE,
	ACT_DELETE,
	ACT_CLICK, /* mouse button 1; event.hit says on what */
	ACT_RESIZE,
	ACT_REDRAW,   /* ^L */
	ACT_INTERRUPT /* ^C */
};

/* One key as read from the terminal (wget_wch): fkey = 1 for KEY_* codes. */
struct tui_key {
	int code;
	int fkey;
};

struct tui_event {
	enum tui_action action;
	int text; /* 1: a printable character (ch) a text field would insert */
	wchar_t ch;
	int hit; /* ACT_CLICK: id of the region clicked, -1 for none */
};

/* What a screen's key handler asks for. Screens never refresh. */
enum tui_reaction { TUI_NONE, TUI_REDRAW, TUI_NEXT, TUI_BACK, TUI_QUIT, TUI_EXIT };

/* Styles: one table of colour and monochrome attributes (tui.c). */
enum tui_style {
	ST_NORMAL,
	ST_TITLE,
	ST_HEADING,
	ST_SELECTED,
	ST_DIM,
	ST_KEY,
	ST_KEYLABEL,
	ST_BUTTON,
	ST_BUTTON_FOCUS,
	ST_ERROR,
	ST_WARNING,
	ST_OK,
	ST_ADD,
	ST_DEL,
	ST_HUNK,
	ST_FILE,
	ST_TIER_DONE,
	ST_TIER_CURRENT,
	ST_TIER_TODO,
	ST_FIELD,
	ST_NSTYLES
};

enum tui_screen_id { SCR_WELCOME, SCR_FOUND, SCR_QUESTIONS, SCR_TIER, SCR_WRITE, SCR_COUNT };
enum tui_overlay { OV_NONE, OV_HELP, OV_QUIT, OV_REASON };

struct tui;

/* A screen: ncdu-style, three small functions. */
struct tui_screen {
	const char *name;
	void (*enter)(struct tui *ui);
	void (*draw)(struct tui *ui);
	enum tui_reaction (*key)(struct tui *ui, const struct tui_event *ev);
	/* the bottom key line: "Enter|continue|Esc|back|..." (key|label pairs) */
	const char *(*keys)(struct tui *ui);
};

extern const struct tui_screen screen_welcome, screen_found, screen_questions, screen_tier,
    screen_write;

struct tui_hit {
	int y, x, w, id;
};

/* The one text field (form library), shown in a panel above the screen. */
struct tui_field {
	FORM *form;
	FIELD *fields[2];
	WINDOW *win;
	PANEL *panel;
	int y, x, w;
	int active;
};

/* A row of buttons: a one-row menu (menu library) in its own panel,
 * rebuilt on every frame like the rest of the screen. */
#define TUI_MAX_BUTTONS 4
struct tui_button_row {
	MENU *menu;
	ITEM *items[TUI_MAX_BUTTONS + 1];
	char *names[TUI_MAX_BUTTONS];
	WINDOW *win;
	PANEL *panel;
};

#define TUI_MAX_HITS 128

struct tui {
	struct view_session *s; /* borrowed */
	SCREEN *term;
	int lines, cols;
	int small; /* the terminal is below 80x24 */
	int color;
	attr_t style[ST_NSTYLES];
	enum tui_screen_id cur;
	const struct tui_screen *screen;
	enum tui_overlay overlay;
	WINDOW *ov_win;
	PANEL *ov_panel;
	struct tui_field field;
	struct tui_button_row buttons;
	struct tui_hit hits[TUI_MAX_HITS];
	size_t nhits;
	struct strbuf status; /* one message line above the keys */
	int status_error;
	struct strbuf exit_msg; /* printed after the terminal is restored */
	int exit_code;
	int done;

	/* per-screen state */
	int focus;		 /* which part has the keys: 0 content, 1.. buttons */
	int button;		 /* welcome/write: focused button */
	struct view_scroll list; /* found: facts; tier: practices; questions: which */
	struct view_scroll pane; /* tier: the Why/Diff pane */
	int pane_diff;		 /* tier: 1 shows the diff */
	int pane_focus;		 /* tier: arrows scroll the pane */
	int pane_x;		 /* tier: the Diff pane's horizontal scroll, in columns */
	int editing;		 /* found: the field edits a fact */
	char *edit_error;
	int searching; /* tier: the field holds a search */
	struct strbuf search;
	int reason_item; /* OV_REASON: the item being skipped */
	char *reason_error;
	int write_stage; /* write: 0 confirm, 1 written, 2 failed */
	struct strbuf write_error;
	int q_tier;	      /* questions: the tier s->questions were built for + 1, 0 none */
	const char *demo_dir; /* --demo: where the scratch copy is (borrowed), else NULL */
};

/* ---- tui.c: lifecycle and the loop ---- */

/*
 * Check that stdin/stdout are a terminal and TERM is usable; else fill why
 * (for the message pointing to `init --answers`) and return -1.
 */
int tui_terminal_ok(struct strbuf *why);
/* Set up ui on a terminal: out/in (NULL: stdout/stdin), term type (NULL:
   $TERM). Installs signal handlers first. Returns 0 or -1. */
int tui_open(struct tui *ui, struct view_session *s, const char *term, FILE *out, FILE *in);
/* Restore the terminal and free everything (idempotent). */
void tui_close(struct tui *ui);
/* The fatal hook: restores the terminal (async-safe enough for exit paths). */
void tui_fatal_cleanup(void);
/* Draw the current state (the only place that refreshes). */
void tui_draw(struct tui *ui);
/* Handle one key and redraw; 1 when the wizard is finished. */
int tui_feed(struct tui *ui, const struct tui_key *k);
/* Read keys from the terminal until done; returns the exit code. */
int tui_run(struct tui *ui);
/* Switch screens (calls the screen's enter). */
void tui_goto(struct tui *ui, enum tui_screen_id id);
/* Set the message line (error: shown in the error style). */
void tui_status(struct tui *ui, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Block/unblock the termination signals around writes. */
void tui_block_signals(int block);

/* ---- keys.c ---- */

/* Map a raw key to an event (the one key table). */
void tui_key_event(const struct tui_key *k, struct tui_event *ev);
/* The help text: every binding with what it does. Appends lines. */
void tui_keys_help(struct view_lines *out);

/* ---- draw.c: layout helpers (content rows are 2 .. lines-3) ---- */

attr_t tui_attr(const struct tui *ui, enum tui_style st);
/* Text at y,x cut to w columns (view_truncate), in style st. Returns columns. */
int tui_text(struct tui *ui, int y, int x, int w, enum tui_style st, const char *s);
/* The same, padded with spaces to w columns. */
void tui_fill(struct tui *ui, int y, int x, int w, enum tui_style st, const char *s);
void tui_title(struct tui *ui, const char *title);
void tui_progress(struct tui *ui, int y, int current);
/* Wrapped paragraph from row y; returns the next free row (stops at ymax). */
int tui_para(struct tui *ui, int y, int x, int w, int ymax, enum tui_style st, const char *s);
/* buttons.c: a row of buttons at y (a menu): labels, the focused one (-1
   none); clicks report hit ids base+i. Replaces the previous frame's row. */
void tui_buttons(struct tui *ui, int y, const char *const *labels, int n, int focused, int base);
/* Remove the row of buttons (every frame starts without one). */
void tui_buttons_free(struct tui *ui);
void tui_hline(struct tui *ui, int y, int x, int w);
void tui_vline(struct tui *ui, int y, int x, int h);
/* A border around w in box-drawing characters. */
void tui_box(WINDOW *w);
void tui_hit_add(struct tui *ui, int y, int x, int w, int id);
/* Content area rows. */
int tui_top(const struct tui *ui);
int tui_bottom(const struct tui *ui); /* first row below the content */

/* ---- field.c: the one text field ---- */

void tui_field_open(struct tui *ui, const char *text, int y, int x, int w);
/* Keep the field at y,x,w (recreated, text kept, when the geometry changed). */
void tui_field_place(struct tui *ui, int y, int x, int w);
/* 1 when ev was an editing key the field consumed. */
int tui_field_key(struct tui *ui, const struct tui_event *ev);
/* Replace out with the field's text (trailing blanks trimmed). */
void tui_field_text(struct tui *ui, struct strbuf *out);
void tui_field_close(struct tui *ui);

#endif
