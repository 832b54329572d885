/*
 * view: pure text layout for the wizard's screens, and the view-models
 * they draw.
 *
 * Nothing here knows about curses: the TUI asks these functions what a
 * line says and where it goes (wrapped, truncated to a display width,
 * windowed by a scroll position), then only puts the result on the
 * terminal. Display widths follow UTF-8 with a small built-in table (wide
 * East Asian ranges and emoji take 2 columns, combining marks 0), so
 * layout does not depend on the process locale and tests are exact.
 * Invalid UTF-8 bytes and control characters are shown as '?'.
 */
#ifndef SHIPSHAPE_VIEW_H
#define SHIPSHAPE_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "shipshape/strbuf.h"

/* ---- UTF-8 and display width ---------------------------------------- */

/*
 * Decode the code point at s (at most len bytes) into *cp. Returns the
 * bytes consumed (>= 1 when len > 0, 0 when len == 0). An invalid or
 * truncated sequence consumes one byte and gives U+FFFD.
 */
size_t view_utf8_next(const char *s, size_t len, uint32_t *cp);
/* Columns a code point takes: 0 (combining, zero-width), 1 or 2 (wide). */
int view_cp_width(uint32_t cp);
/* Display width of the first len bytes of s / of the NUL-terminated s. */
size_t view_width_n(const char *s, size_t len);
size_t view_width(const char *s);

/*
 * Append to out the longest prefix of s that fits in width columns. When s
 * does not fit whole, the prefix fits width - 1 columns and "…" follows.
 * Control characters and invalid bytes become '?', tabs one space.
 * Returns the columns appended (<= width).
 */
size_t view_truncate(struct strbuf *out, const char *s, size_t width);
/* view_truncate, then spaces up to exactly width columns. */
void view_fit(struct strbuf *out, const char *s, size_t width);
/* Append s (display width w <= width) centred in width columns (no padding on the right). */
void view_center(struct strbuf *out, const char *s, size_t width);

/* ---- line lists --------------------------------------------------------- */

/* A list of owned, NUL-terminated lines. */
struct view_lines {
	char **v;
	size_t nr, alloc;
};
#define VIEW_LINES_INIT { NULL, 0, 0 }

void view_lines_init(struct view_lines *l);
/* Free every line and leave l in the init state. Accepts NULL. */
void view_lines_release(struct view_lines *l);
/* Append a copy of s / of the first len bytes of s / a formatted line. */
void view_lines_add(struct view_lines *l, const char *s);
void view_lines_addn(struct view_lines *l, const char *s, size_t len);
void view_lines_addf(struct view_lines *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Split text at '\n' into lines (a final newline adds no empty line), tabs
   expanded to 8-column stops. */
void view_lines_split(struct view_lines *l, const char *text, size_t len);

/*
 * Word-wrap text into lines of at most width columns (width >= 1),
 * appending them to out. '\n' ends a line; an empty input line stays an
 * empty line. Lines after the first of a paragraph are indented by hang
 * spaces (hang < width, else 0), and also by the paragraph's own leading
 * spaces, so "  - item text" wraps under "item". A word longer than the
 * room is cut at the width. Trailing spaces are dropped.
 */
void view_wrap(struct view_lines *out, const char *text, size_t width, size_t hang);

/* ---- scroll windows ------------------------------------------------------ */

/*
 * A window of height rows over n items, with a cursor (lists) or without
 * (pagers: only top matters). Invariants after every call: cur < n (0 when
 * n == 0); top <= cur < top + height for lists; top + height <= n when
 * n > height, else top == 0.
 */
struct view_scroll {
	size_t n, height, top, cur;
};

void view_scroll_init(struct view_scroll *s);
/* New item count and height (height 0 is taken as 1); clamps top and cur. */
void view_scroll_resize(struct view_scroll *s, size_t n, size_t height);
/* Cursor moves, clamped, keeping the cursor visible. */
void view_scroll_move(struct view_scroll *s, long delta);
void view_scroll_goto(struct view_scroll *s, size_t idx);
void view_scroll_page(struct view_scroll *s, int dir); /* dir < 0: up, > 0: down */
void view_scroll_home(struct view_scroll *s);
void view_scroll_end(struct view_scroll *s);
/* Pager moves: scroll top by delta rows / a page (height - 1) / to an end; cur follows top. */
void view_pager_move(struct view_scroll *s, long delta);
void view_pager_page(struct view_scroll *s, int dir);
void view_pager_home(struct view_scroll *s);
void view_pager_end(struct view_scroll *s);
/* "12-30 of 41" style position text, or "" when everything fits. Appends to out. */
void view_scroll_position(const struct view_scroll *s, struct strbuf *out);

/* ---- the tier progress bar ---------------------------------------------- */

enum view_tier_state { VIEW_TIER_DONE, VIEW_TIER_CURRENT, VIEW_TIER_TODO };

struct view_progress_seg {
	int tier;                   /* 0..6 */
	size_t x;                   /* column where the segment starts */
	char text[40];              /* what it shows: "2 automation" or "2" */
	enum view_tier_state state;
};

/*
 * Lay out the 0-6 progress bar in width columns: tiers up to reached are
 * done, current is highlighted. With room, every segment shows its number
 * and name ("0 baseline"); else numbers only, plus the current tier's name.
 * names[7] are the tier names. Fills segs[7]; returns the width used.
 */
size_t view_progress(struct view_progress_seg segs[7], size_t width, int current, int reached,
		     const char *const names[7]);

/* ---- unified diffs -------------------------------------------------------- */

enum view_diff_kind {
	VIEW_DIFF_CONTEXT, /* " line" */
	VIEW_DIFF_ADD,     /* "+line" */
	VIEW_DIFF_DEL,     /* "-line" */
	VIEW_DIFF_HUNK,    /* "@@ -1,3 +1,4 @@" */
	VIEW_DIFF_FILE,    /* "--- a/x", "+++ b/x" */
	VIEW_DIFF_NOTE     /* anything else: "\ No newline...", our own headings */
};

/* What kind of unified-diff line this is (for colouring). */
enum view_diff_kind view_diff_kind(const char *line);

#endif
