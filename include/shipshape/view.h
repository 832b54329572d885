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

#include <cjson/cJSON.h>

#include "shipshape/answers.h"
#include "shipshape/catalog.h"
#include "shipshape/error.h"
#include "shipshape/profile.h"
#include "shipshape/project.h"
#include "shipshape/render.h"
#include "shipshape/strbuf.h"
#include "shipshape/tstore.h"

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
/* The rest of s after its first cols columns (for horizontal scrolling);
   a wide character cut in half is skipped whole. Points into s. */
const char *view_skip(const char *s, size_t cols);
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
#define VIEW_LINES_INIT                                                                            \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

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
	int tier;      /* 0..6 */
	size_t x;      /* column where the segment starts */
	char text[40]; /* what it shows: "2 automation" or "2" */
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
	VIEW_DIFF_ADD,	   /* "+line" */
	VIEW_DIFF_DEL,	   /* "-line" */
	VIEW_DIFF_HUNK,	   /* "@@ -1,3 +1,4 @@" */
	VIEW_DIFF_FILE,	   /* "--- a/x", "+++ b/x" */
	VIEW_DIFF_NOTE	   /* anything else: "\ No newline...", our own headings */
};

/* What kind of unified-diff line this is (for colouring). */
enum view_diff_kind view_diff_kind(const char *line);

/* ---- the wizard session: what every screen shows, as plain data ------- */

/* One detected (or recorded) answer, for the "what we found" screen. */
struct view_fact {
	char *key;	  /* answer key, "framework" */
	char *label;	  /* the schema's prompt, or the key */
	char *value;	  /* the value as shown ("none" for empty lists) */
	char *text;	  /* the value as typed (answers_format_text), for editing */
	char *source;	  /* evidence, "app.py:3"; "profile" when recorded; or "" */
	char *confidence; /* "certain", "likely", "guess", "you" (edited), "recorded",
			     or "now found X" (recorded, detection differs) */
};

/* One question the current tier needs. */
struct view_question {
	const struct answer_key *k; /* points into the session's schema */
	struct strbuf text;	    /* what the field holds; starts as the default */
	char *error;		    /* NULL, or why the text was refused */
};

/* One practice of the current tier, with the user's choice. */
struct view_item {
	const struct practice *p; /* points into the session's catalog */
	int skipped;
	char *reason; /* the typed reason when skipped, else NULL */
};

/*
 * Everything the wizard knows. The session owns all of it; the screens read
 * it and call the functions below to change it. It goes through the same
 * core calls as `shipshape init/next` (detect_project, answers_parse_text,
 * render_tier, project_write), so what it writes is what they write.
 */
struct view_session {
	char *dir;		 /* project directory, owned */
	const struct tstore *ts; /* borrowed */
	struct catalog catalog;
	struct answer_schema schema;
	struct profile profile; /* loaded, or fresh */
	int has_profile;	/* DIR/.shipshape.json existed at open */
	int start_tier;		/* the tier reached at open, -1 for none */
	char *unmanaged;	/* "'Dockerfile'" and/or "'.dockerignore'" that exist
				   and shipshape did not write (quoted), or NULL */
	int read_only;		/* show what would be written; write nothing */
	cJSON *facts;		/* detect_project output (may be NULL) */
	cJSON *answers;		/* settled answers, without schema defaults */
	cJSON *answered;	/* {key: true} for what the user set in this session */
	struct view_fact *fact_rows;
	size_t nfacts;
	struct view_lines warnings; /* detection's warnings */
	int tier;		    /* the tier being prepared (0..6) */
	struct view_question *questions;
	size_t nquestions;
	struct view_item *items;
	size_t nitems;		    /* file practices first, then process ones */
	size_t nfile_items;	    /* items[0..nfile_items) change files */
	struct rendering rendering; /* of tier, after view_session_prepare */
	struct strbuf diff;	    /* unified diff: files on disk -> rendering */
	struct view_lines changes;  /* "Dockerfile (new file)", ".dockerignore (changed)" */
	char *blocked;		    /* after prepare: a file this tier would replace that
				       shipshape did not write (project_check), or NULL */
	int dirty;		    /* choices made that are not written yet */
	int written_tier;	    /* the last tier written in this session, -1 none */
	struct project_write_result written; /* what the last write did */
};

void view_session_init(struct view_session *s);
/* Free everything and zero s (view_session_init it again before reuse: the
   profile's init allocates). Accepts NULL and calling it twice. */
void view_session_release(struct view_session *s);

/*
 * Open dir: load the catalog and the answer schema through ts, the profile
 * when dir has one, and detect the project. s->tier becomes the next tier to
 * do (0 for a new project). Errors (SS_ERR_INPUT): no Python project, a bad
 * profile or catalog; the message names the file.
 */
int view_session_open(struct view_session *s, const char *dir, const struct tstore *ts,
		      struct ss_error *err);

/* Set answer key from text typed on the found screen (validated; on error
   nothing changes and err says why). */
int view_session_set_answer(struct view_session *s, const char *key, const char *text,
			    struct ss_error *err);

/* Fill s->questions for s->tier: keys the tier needs (tier <= s->tier,
   ask_when satisfied) that are not answered yet, each holding its default.
   On a resumed project, the new tier's own keys are asked again too (the
   profile holds every key, defaults included), holding the recorded value,
   unless detection found them or they were answered in this session. */
void view_session_questions(struct view_session *s);
/* Validate question i's text; store the value (0) or set its error (non-zero). */
int view_session_answer(struct view_session *s, size_t i, struct ss_error *err);

/*
 * Apply the answers (with defaults) to the profile, list the tier's
 * practices, render s->tier and diff it against the files on disk; set
 * s->blocked when project_write would refuse a hand-made or edited file.
 * Errors come from render_tier (bad answers, template errors).
 */
int view_session_prepare(struct view_session *s, struct ss_error *err);
/* Skip item i with reason (non-empty) or apply it again (reason NULL), then
   re-render. */
int view_session_skip(struct view_session *s, size_t i, const char *reason, struct ss_error *err);
/* The Why text of item i: title, why, files it changes, references. Appended. */
void view_session_why(const struct view_session *s, size_t i, struct strbuf *out);

/*
 * Write the rendering of s->tier with project_write (nothing in read-only
 * mode) and remember the result in s->written. SS_ERR_CONFLICT when a file
 * was edited by hand (err->file names it); nothing is written then.
 */
int view_session_write(struct view_session *s, struct ss_error *err);

/* Whether the rendering could be written: project_check (0 in read-only
   mode); SS_ERR_CONFLICT names a hand-edited or foreign file in err->file. */
int view_session_check(const struct view_session *s, struct ss_error *err);

/* 1 when a later tier exists (s->tier < 6). Moves s->tier on and clears
   the tier's items, rendering and diff. */
int view_session_next_tier(struct view_session *s);

#endif
