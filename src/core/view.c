/*
 * view: text layout for the wizard (see view.h). Pure functions: no
 * curses, no locale, no I/O.
 */
#include "shipshape/view.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/xalloc.h"

#define VIEW_BAD 0xFFFFFFFFu /* marks an invalid byte (shown as '?') */

size_t view_utf8_next(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t need, i;
	uint32_t c, min;

	if (!len) {
		*cp = 0;
		return 0;
	}
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xE0) == 0xC0) {
		need = 1;
		c &= 0x1F;
		min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		need = 2;
		c &= 0x0F;
		min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		need = 3;
		c &= 0x07;
		min = 0x10000;
	} else {
		*cp = VIEW_BAD;
		return 1;
	}
	if (len < need + 1) {
		*cp = VIEW_BAD;
		return 1;
	}
	for (i = 1; i <= need; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = VIEW_BAD;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = VIEW_BAD;
		return 1;
	}
	*cp = c;
	return need + 1;
}

struct range {
	uint32_t lo, hi;
};

static const struct range zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A}, {0x064B, 0x065F},
    {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F},
    {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xE0100, 0xE01EF},
};

static const struct range wide[] = {
    {0x1100, 0x115F},	{0x231A, 0x231B},   {0x2329, 0x232A},	{0x23E9, 0x23EC},
    {0x23F0, 0x23F0},	{0x23F3, 0x23F3},   {0x25FD, 0x25FE},	{0x2614, 0x2615},
    {0x2648, 0x2653},	{0x267F, 0x267F},   {0x2693, 0x2693},	{0x26A1, 0x26A1},
    {0x26AA, 0x26AB},	{0x26BD, 0x26BE},   {0x26C4, 0x26C5},	{0x26CE, 0x26CE},
    {0x26D4, 0x26D4},	{0x26EA, 0x26EA},   {0x26F2, 0x26F3},	{0x26F5, 0x26F5},
    {0x26FA, 0x26FA},	{0x26FD, 0x26FD},   {0x2705, 0x2705},	{0x270A, 0x270B},
    {0x2728, 0x2728},	{0x274C, 0x274C},   {0x274E, 0x274E},	{0x2753, 0x2755},
    {0x2757, 0x2757},	{0x2795, 0x2797},   {0x27B0, 0x27B0},	{0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},	{0x2B50, 0x2B50},   {0x2B55, 0x2B55},	{0x2E80, 0x303E},
    {0x3041, 0x33FF},	{0x3400, 0x4DBF},   {0x4E00, 0x9FFF},	{0xA000, 0xA4CF},
    {0xA960, 0xA97F},	{0xAC00, 0xD7A3},   {0xF900, 0xFAFF},	{0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},	{0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},	{0x1F004, 0x1F004},
    {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251},
    {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F900, 0x1F9FF}, {0x1FA70, 0x1FAFF},
    {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

static int in_ranges(uint32_t cp, const struct range *r, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/* A code point shown as '?': control characters and invalid bytes. */
static int is_shown_as_qmark(uint32_t cp)
{
	return cp == VIEW_BAD || (cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp < 0xA0);
}

int view_cp_width(uint32_t cp)
{
	if (cp == '\t' || is_shown_as_qmark(cp))
		return 1;
	if (cp < 0x300)
		return 1;
	if (in_ranges(cp, zero_width, sizeof(zero_width) / sizeof(zero_width[0])))
		return 0;
	if (in_ranges(cp, wide, sizeof(wide) / sizeof(wide[0])))
		return 2;
	return 1;
}

size_t view_width_n(const char *s, size_t len)
{
	size_t w = 0, i = 0;

	while (i < len) {
		uint32_t cp;
		i += view_utf8_next(s + i, len - i, &cp);
		w += (size_t)view_cp_width(cp);
	}
	return w;
}

size_t view_width(const char *s)
{
	return view_width_n(s, strlen(s));
}

/* Append one decoded character (bytes s[0..n)) as it is shown. */
static void emit_char(struct strbuf *out, const char *s, size_t n, uint32_t cp)
{
	if (cp == '\t')
		strbuf_addch(out, ' ');
	else if (is_shown_as_qmark(cp))
		strbuf_addch(out, '?');
	else
		strbuf_add(out, s, n);
}

/* Append the shown form of s[0..len); returns its width. */
static size_t emit(struct strbuf *out, const char *s, size_t len)
{
	size_t i = 0, w = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = view_utf8_next(s + i, len - i, &cp);
		emit_char(out, s + i, n, cp);
		w += (size_t)view_cp_width(cp);
		i += n;
	}
	return w;
}

/* Bytes of s[0..len) that fit in cols columns; *used gets their width.
 * Zero-width characters after the last fitting one are kept with it. */
static size_t fit_bytes(const char *s, size_t len, size_t cols, size_t *used)
{
	size_t i = 0, w = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = view_utf8_next(s + i, len - i, &cp);
		size_t cw = (size_t)view_cp_width(cp);
		if (w + cw > cols)
			break;
		w += cw;
		i += n;
	}
	if (used)
		*used = w;
	return i;
}

size_t view_truncate(struct strbuf *out, const char *s, size_t width)
{
	size_t len = strlen(s), used, n;

	if (view_width_n(s, len) <= width)
		return emit(out, s, len);
	if (width == 0)
		return 0;
	n = fit_bytes(s, len, width - 1, &used);
	emit(out, s, n);
	strbuf_addstr(out, "\xe2\x80\xa6"); /* … */
	return used + 1;
}

const char *view_skip(const char *s, size_t cols)
{
	size_t len = strlen(s), i = 0, w = 0;

	while (i < len && w < cols) {
		uint32_t cp;
		i += view_utf8_next(s + i, len - i, &cp);
		w += (size_t)view_cp_width(cp);
	}
	/* combining marks belong to the character skipped before them */
	while (i < len) {
		uint32_t cp;
		size_t n = view_utf8_next(s + i, len - i, &cp);
		if (view_cp_width(cp) != 0)
			break;
		i += n;
	}
	return s + i;
}

void view_fit(struct strbuf *out, const char *s, size_t width)
{
	size_t w = view_truncate(out, s, width);
	strbuf_addchars(out, ' ', width - w);
}

void view_center(struct strbuf *out, const char *s, size_t width)
{
	size_t w = view_width(s);

	if (w < width)
		strbuf_addchars(out, ' ', (width - w) / 2);
	view_truncate(out, s, width);
}

/* ---- line lists ---------------------------------------------------------- */

void view_lines_init(struct view_lines *l)
{
	l->v = NULL;
	l->nr = l->alloc = 0;
}

void view_lines_release(struct view_lines *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->nr; i++)
		free(l->v[i]);
	free(l->v);
	view_lines_init(l);
}

void view_lines_addn(struct view_lines *l, const char *s, size_t len)
{
	ALLOC_GROW(l->v, l->nr + 1, l->alloc);
	l->v[l->nr++] = xstrndup(s, len);
}

void view_lines_add(struct view_lines *l, const char *s)
{
	view_lines_addn(l, s, strlen(s));
}

void view_lines_addf(struct view_lines *l, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	ALLOC_GROW(l->v, l->nr + 1, l->alloc);
	l->v[l->nr++] = strbuf_detach(&sb, NULL);
}

void view_lines_split(struct view_lines *l, const char *text, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t col = 0;

		strbuf_reset(&sb);
		for (size_t j = i; j < end;) {
			uint32_t cp;
			size_t n = view_utf8_next(text + j, end - j, &cp);
			if (cp == '\t') {
				size_t to = (col / 8 + 1) * 8;
				strbuf_addchars(&sb, ' ', to - col);
				col = to;
			} else {
				strbuf_add(&sb, text + j, n);
				col += (size_t)view_cp_width(cp);
			}
			j += n;
		}
		view_lines_addn(l, sb.buf, sb.len);
		i = end + 1;
	}
	strbuf_release(&sb);
}

/* ---- word wrap ---------------------------------------------------------------- */

static void flush_line(struct view_lines *out, struct strbuf *line)
{
	strbuf_rtrim(line);
	view_lines_addn(out, line->buf, line->len);
	strbuf_reset(line);
}

static void wrap_paragraph(struct view_lines *out, const char *s, size_t len, size_t width,
			   size_t hang)
{
	struct strbuf line = STRBUF_INIT;
	size_t lead = 0, indent, col, i = 0;
	int has_word = 0;

	while (lead < len && s[lead] == ' ')
		lead++;
	if (lead >= width)
		lead = 0;
	indent = lead + hang < width ? lead + hang : (lead < width ? lead : 0);
	strbuf_addchars(&line, ' ', lead);
	col = lead;
	i = lead;
	if (i >= len) {
		flush_line(out, &line);
		goto out;
	}
	while (i < len) {
		size_t start, wlen, ww;

		while (i < len && s[i] == ' ')
			i++;
		if (i >= len)
			break;
		start = i;
		while (i < len && s[i] != ' ')
			i++;
		wlen = i - start;
		ww = view_width_n(s + start, wlen);
		if (has_word && col + 1 + ww <= width) {
			strbuf_addch(&line, ' ');
			col += 1 + emit(&line, s + start, wlen);
			continue;
		}
		if (has_word) {
			flush_line(out, &line);
			strbuf_addchars(&line, ' ', indent);
			col = indent;
		}
		/* a word longer than the room is cut into pieces */
		while (col + ww > width) {
			size_t used, n = fit_bytes(s + start, wlen, width - col, &used);
			if (n == 0) /* a wide char in a 1-column room */
				n = view_utf8_next(s + start, wlen, &(uint32_t){0});
			emit(&line, s + start, n);
			flush_line(out, &line);
			strbuf_addchars(&line, ' ', indent);
			col = indent;
			start += n;
			wlen -= n;
			ww = view_width_n(s + start, wlen);
			has_word = 0;
		}
		if (wlen == 0)
			continue;
		col += emit(&line, s + start, wlen);
		has_word = 1;
	}
	if (has_word)
		flush_line(out, &line);
out:
	strbuf_release(&line);
}

void view_wrap(struct view_lines *out, const char *text, size_t width, size_t hang)
{
	size_t len = strlen(text), i = 0;

	if (width == 0)
		width = 1;
	if (hang >= width)
		hang = 0;
	while (i <= len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;

		if (!nl && end == i && i == len && i > 0)
			break; /* text ended with a newline */
		wrap_paragraph(out, text + i, end - i, width, hang);
		i = end + 1;
	}
}

/* ---- scroll windows ------------------------------------------------------------ */

void view_scroll_init(struct view_scroll *s)
{
	s->n = 0;
	s->height = 1;
	s->top = 0;
	s->cur = 0;
}

static void clamp(struct view_scroll *s)
{
	if (s->height == 0)
		s->height = 1;
	if (s->n == 0) {
		s->cur = s->top = 0;
		return;
	}
	if (s->cur >= s->n)
		s->cur = s->n - 1;
	if (s->cur < s->top)
		s->top = s->cur;
	if (s->cur >= s->top + s->height)
		s->top = s->cur - s->height + 1;
	if (s->n <= s->height)
		s->top = 0;
	else if (s->top + s->height > s->n)
		s->top = s->n - s->height;
}

void view_scroll_resize(struct view_scroll *s, size_t n, size_t height)
{
	s->n = n;
	s->height = height ? height : 1;
	clamp(s);
}

void view_scroll_goto(struct view_scroll *s, size_t idx)
{
	s->cur = idx;
	clamp(s);
}

void view_scroll_move(struct view_scroll *s, long delta)
{
	if (delta < 0 && (size_t)-delta > s->cur)
		s->cur = 0;
	else
		s->cur += (size_t)delta;	 /* wraps correctly for negative delta */
	if (delta > 0 && s->cur < (size_t)delta) /* overflow */
		s->cur = s->n;
	clamp(s);
}

void view_scroll_page(struct view_scroll *s, int dir)
{
	long step = s->height > 1 ? (long)s->height - 1 : 1;
	view_scroll_move(s, dir < 0 ? -step : step);
}

void view_scroll_home(struct view_scroll *s)
{
	view_scroll_goto(s, 0);
}

void view_scroll_end(struct view_scroll *s)
{
	view_scroll_goto(s, s->n ? s->n - 1 : 0);
}

static size_t pager_max(const struct view_scroll *s)
{
	return s->n > s->height ? s->n - s->height : 0;
}

void view_pager_move(struct view_scroll *s, long delta)
{
	size_t max = pager_max(s);

	if (delta < 0)
		s->top = (size_t)-delta > s->top ? 0 : s->top - (size_t)-delta;
	else
		s->top = (size_t)delta > max - s->top ? max : s->top + (size_t)delta;
	if (s->height == 0)
		s->height = 1;
	if (s->top > max)
		s->top = max;
	s->cur = s->top;
}

void view_pager_page(struct view_scroll *s, int dir)
{
	long step = s->height > 1 ? (long)s->height - 1 : 1;
	view_pager_move(s, dir < 0 ? -step : step);
}

void view_pager_home(struct view_scroll *s)
{
	s->top = s->cur = 0;
}

void view_pager_end(struct view_scroll *s)
{
	s->top = s->cur = pager_max(s);
}

void view_scroll_position(const struct view_scroll *s, struct strbuf *out)
{
	size_t last;

	if (s->n <= s->height)
		return;
	last = s->top + s->height < s->n ? s->top + s->height : s->n;
	strbuf_addf(out, "%zu-%zu of %zu", s->top + 1, last, s->n);
}

/* ---- progress bar --------------------------------------------------------------- */

static void seg_text(struct view_progress_seg *g, int tier, const char *name, int with_name)
{
	if (with_name)
		snprintf(g->text, sizeof(g->text), "%d %.*s", tier, 30, name);
	else
		snprintf(g->text, sizeof(g->text), "%d", tier);
}

size_t view_progress(struct view_progress_seg segs[7], size_t width, int current, int reached,
		     const char *const names[7])
{
	size_t full = 0, x = 0;
	int mode;

	/* mode 2: every name; 1: numbers plus the current name; 0: numbers */
	for (int t = 0; t < 7; t++)
		full += 2 + strlen(names[t]) + (t ? 3 : 0); /* " - " between */
	if (full <= width)
		mode = 2;
	else if (7 * 2 + 6 * 3 + strlen(current >= 0 && current < 7 ? names[current] : "") + 1 <=
		 width)
		mode = 1;
	else
		mode = 0;
	for (int t = 0; t < 7; t++) {
		struct view_progress_seg *g = &segs[t];
		g->tier = t;
		g->state = t == current ? VIEW_TIER_CURRENT
					: (t <= reached ? VIEW_TIER_DONE : VIEW_TIER_TODO);
		seg_text(g, t, names[t], mode == 2 || (mode == 1 && t == current));
		if (t)
			x += mode ? 3 : 1;
		g->x = x;
		x += strlen(g->text);
	}
	return x;
}

/* ---- diffs ------------------------------------------------------------------------ */

enum view_diff_kind view_diff_kind(const char *line)
{
	if (!strncmp(line, "+++ ", 4) || !strncmp(line, "--- ", 4))
		return VIEW_DIFF_FILE;
	if (!strncmp(line, "@@", 2))
		return VIEW_DIFF_HUNK;
	switch (line[0]) {
	case '+':
		return VIEW_DIFF_ADD;
	case '-':
		return VIEW_DIFF_DEL;
	case ' ':
		return VIEW_DIFF_CONTEXT;
	default:
		return VIEW_DIFF_NOTE;
	}
}
