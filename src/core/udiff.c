/*
 * udiff: line diff with Myers' linear-space algorithm (find the middle
 * snake, recurse on both halves), then hunks in the unified format.
 */
#include "shipshape/udiff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/xalloc.h"

struct line {
	const char *s;
	size_t len;      /* bytes including the newline, if any */
	int has_nl;
	uint32_t id;     /* equal lines (same bytes) share an id */
};

struct side {
	struct line *v;
	size_t nr;
	char *chg;       /* 1: line deleted (a) / inserted (b) */
};

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static void split_lines(const char *t, size_t n, struct side *out)
{
	size_t alloc = 0, i = 0;
	out->v = NULL;
	out->nr = 0;
	while (i < n) {
		const char *nl = memchr(t + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - t) + 1 : n;
		out->nr++;
		ALLOC_GROW(out->v, out->nr, alloc);
		out->v[out->nr - 1].s = t + i;
		out->v[out->nr - 1].len = end - i;
		out->v[out->nr - 1].has_nl = nl != NULL;
		out->v[out->nr - 1].id = 0;
		i = end;
	}
	out->chg = xcalloc(out->nr + 1, 1);
}

/* Give every distinct line one id (open addressing over both sides). */
static void assign_ids(struct side *a, struct side *b)
{
	size_t total = a->nr + b->nr, cap = 16;
	struct slot { const struct line *l; uint64_t h; uint32_t id; } *tab;
	uint32_t next = 1;
	while (cap < total * 2)
		cap <<= 1;
	tab = xcalloc(cap, sizeof(*tab));
	for (int s = 0; s < 2; s++) {
		struct side *sd = s ? b : a;
		for (size_t i = 0; i < sd->nr; i++) {
			struct line *l = &sd->v[i];
			uint64_t h = hash_bytes(l->s, l->len);
			size_t k = (size_t)h & (cap - 1);
			while (tab[k].l && !(tab[k].h == h && tab[k].l->len == l->len &&
					     !memcmp(tab[k].l->s, l->s, l->len)))
				k = (k + 1) & (cap - 1);
			if (!tab[k].l) {
				tab[k].l = l;
				tab[k].h = h;
				tab[k].id = next++;
			}
			l->id = tab[k].id;
		}
	}
	free(tab);
}

struct myers {
	const struct line *a, *b;
	char *achg, *bchg;
	long *fv, *bv;   /* indexed by diagonal + off */
	long off;
	long long budget; /* snake steps left; at 0 the rest is marked changed */
};

/*
 * Work limit: Myers is O((N+M)D), quadratic for two long unrelated texts.
 * Past this many diagonal steps the remaining ranges are reported as
 * replaced wholesale: still a correct diff, no longer a minimal one.
 */
#define UDIFF_BUDGET (40LL * 1000 * 1000)

#define EQ(m, x, y) ((m)->a[x].id == (m)->b[y].id)

/*
 * Find a point (*sx, *sy) (absolute) on an optimal path from (a0,b0) to
 * (a1,b1), strictly between the corners. Both ranges are non-empty and
 * differ at both ends, so the edit distance is at least 2. Returns -1 when
 * the work budget runs out first.
 */
static int middle_snake(struct myers *m, long a0, long a1, long b0, long b1, long *sx, long *sy)
{
	long n = a1 - a0, mm = b1 - b0, delta = n - mm, off = m->off;
	int odd = (int)(delta & 1);
	long max = (n + mm + 1) / 2;
	long *fv = m->fv, *bv = m->bv;

	fv[off + 1] = 0;
	bv[off + 1] = 0;
	for (long d = 0; d <= max; d++) {
		m->budget -= 2 * d + 2;
		if (m->budget < 0)
			return -1;
		for (long k = -d; k <= d; k += 2) {
			long x, y;
			if (k == -d || (k != d && fv[off + k - 1] < fv[off + k + 1]))
				x = fv[off + k + 1];
			else
				x = fv[off + k - 1] + 1;
			y = x - k;
			while (x < n && y < mm && EQ(m, a0 + x, b0 + y)) {
				x++;
				y++;
			}
			fv[off + k] = x;
			if (odd && d > 0 && delta - k >= -(d - 1) && delta - k <= d - 1 &&
			    x + bv[off + delta - k] >= n) {
				*sx = a0 + x;
				*sy = b0 + y;
				return 0;
			}
		}
		for (long k = -d; k <= d; k += 2) {
			long x, y;
			if (k == -d || (k != d && bv[off + k - 1] < bv[off + k + 1]))
				x = bv[off + k + 1];
			else
				x = bv[off + k - 1] + 1;
			y = x - k;
			while (x < n && y < mm && EQ(m, a1 - 1 - x, b1 - 1 - y)) {
				x++;
				y++;
			}
			bv[off + k] = x;
			if (!odd && delta - k >= -d && delta - k <= d &&
			    x + fv[off + delta - k] >= n) {
				*sx = a1 - x;
				*sy = b1 - y;
				return 0;
			}
		}
	}
	/* not reached for valid input; split anywhere that makes progress */
	*sx = a0 + (n + 1) / 2;
	*sy = b0;
	return 0;
}

static void compare(struct myers *m, long a0, long a1, long b0, long b1)
{
	long sx, sy;
	while (a0 < a1 && b0 < b1 && EQ(m, a0, b0)) {
		a0++;
		b0++;
	}
	while (a0 < a1 && b0 < b1 && EQ(m, a1 - 1, b1 - 1)) {
		a1--;
		b1--;
	}
	if (a0 == a1) {
		for (long j = b0; j < b1; j++)
			m->bchg[j] = 1;
		return;
	}
	if (b0 == b1) {
		for (long i = a0; i < a1; i++)
			m->achg[i] = 1;
		return;
	}
	if (middle_snake(m, a0, a1, b0, b1, &sx, &sy) < 0) {
		for (long i = a0; i < a1; i++)
			m->achg[i] = 1;
		for (long j = b0; j < b1; j++)
			m->bchg[j] = 1;
		return;
	}
	compare(m, a0, sx, b0, sy);
	compare(m, sx, a1, sy, b1);
}

static void diff_sides(struct side *a, struct side *b)
{
	struct myers m;
	size_t span = a->nr + b->nr + 2;
	assign_ids(a, b);
	m.a = a->v;
	m.b = b->v;
	m.achg = a->chg;
	m.bchg = b->chg;
	m.fv = xcalloc(2 * span + 1, sizeof(long));
	m.bv = xcalloc(2 * span + 1, sizeof(long));
	m.off = (long)span;
	m.budget = UDIFF_BUDGET;
	compare(&m, 0, (long)a->nr, 0, (long)b->nr);
	free(m.fv);
	free(m.bv);
}

static void free_side(struct side *s)
{
	free(s->v);
	free(s->chg);
}

size_t udiff_count_changes(const char *a, size_t alen, const char *b, size_t blen)
{
	struct side sa, sb;
	size_t n = 0;
	split_lines(a, alen, &sa);
	split_lines(b, blen, &sb);
	diff_sides(&sa, &sb);
	for (size_t i = 0; i < sa.nr; i++)
		n += sa.chg[i] != 0;
	for (size_t j = 0; j < sb.nr; j++)
		n += sb.chg[j] != 0;
	free_side(&sa);
	free_side(&sb);
	return n;
}

static void add_range(struct strbuf *out, size_t start, size_t count)
{
	/* diff -u: a range of length 0 is named by the line before it */
	if (count == 0)
		strbuf_addf(out, "%zu,0", start ? start - 1 : 0);
	else if (count == 1)
		strbuf_addf(out, "%zu", start);
	else
		strbuf_addf(out, "%zu,%zu", start, count);
}

static void add_line(struct strbuf *out, char mark, const struct line *l)
{
	strbuf_addch(out, mark);
	strbuf_add(out, l->s, l->len);
	if (!l->has_nl)
		strbuf_addstr(out, "\n\\ No newline at end of file\n");
}

/*
 * Emit one hunk covering a[i0..i1) and b[j0..j1), walking the change marks.
 */
static void emit_hunk(struct strbuf *out, const struct side *a, const struct side *b, size_t i0,
		      size_t i1, size_t j0, size_t j1)
{
	size_t i = i0, j = j0;
	strbuf_addstr(out, "@@ -");
	add_range(out, i0 + 1, i1 - i0);
	strbuf_addstr(out, " +");
	add_range(out, j0 + 1, j1 - j0);
	strbuf_addstr(out, " @@\n");
	while (i < i1 || j < j1) {
		if (i < i1 && a->chg[i]) {
			add_line(out, '-', &a->v[i++]);
		} else if (j < j1 && b->chg[j]) {
			add_line(out, '+', &b->v[j++]);
		} else {
			add_line(out, ' ', &a->v[i]);
			i++;
			j++;
		}
	}
}

void udiff_unified(const char *a_label, const char *a, size_t alen, const char *b_label,
		   const char *b, size_t blen, int context, struct strbuf *out)
{
	struct side sa, sb;
	size_t i = 0, j = 0, ctx;
	int header = 0;

	if (alen == blen && (alen == 0 || !memcmp(a, b, alen)))
		return;
	ctx = context < 0 ? 3 : (size_t)context;
	split_lines(a, alen, &sa);
	split_lines(b, blen, &sb);
	diff_sides(&sa, &sb);

	while (i < sa.nr || j < sb.nr) {
		size_t hi0, hj0, ei, ej, back;
		/* skip equal lines up to the next change */
		while (i < sa.nr && j < sb.nr && !sa.chg[i] && !sb.chg[j]) {
			i++;
			j++;
		}
		if (i >= sa.nr && j >= sb.nr)
			break;
		back = i < ctx ? i : ctx;
		if (back > j)
			back = j;
		hi0 = i - back;
		hj0 = j - back;
		/* extend the hunk while the gap between changes is <= 2*ctx */
		ei = i;
		ej = j;
		for (;;) {
			size_t gap = 0, ti, tj;
			while (ei < sa.nr && sa.chg[ei])
				ei++;
			while (ej < sb.nr && sb.chg[ej])
				ej++;
			ti = ei;
			tj = ej;
			while (ti < sa.nr && tj < sb.nr && !sa.chg[ti] && !sb.chg[tj]) {
				ti++;
				tj++;
				gap++;
			}
			if ((ti < sa.nr && sa.chg[ti]) || (tj < sb.nr && sb.chg[tj])) {
				if (gap <= 2 * ctx) {
					ei = ti;
					ej = tj;
					continue;
				}
			}
			gap = gap < ctx ? gap : ctx;
			ei += gap;
			ej += gap;
			break;
		}
		if (!header) {
			strbuf_addf(out, "--- %s\n+++ %s\n", a_label, b_label);
			header = 1;
		}
		emit_hunk(out, &sa, &sb, hi0, ei, hj0, ej);
		i = ei;
		j = ej;
	}
	free_side(&sa);
	free_side(&sb);
}
