/*
 * dockerfile_text: the Go text primitives BuildKit's parser is built on,
 * reimplemented so that shipshape's AST and dump agree with BuildKit byte
 * for byte (see dockerfile_int.h).
 */
#include <string.h>

#include "dockerfile_int.h"

size_t dfu_decode(const char *str, size_t n, unsigned *r)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0], lo = 0x80, hi = 0xBF;
	size_t w = 1;

	*r = DFU_RUNE_ERROR;
	if (c < 0x80) {
		*r = c;
	} else if (c >= 0xC2 && c <= 0xDF) {
		if (n >= 2 && (s[1] & 0xC0) == 0x80) {
			*r = ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu);
			w = 2;
		}
	} else if (c >= 0xE0 && c <= 0xEF) {
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
		if (n >= 3 && s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80) {
			*r = ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
			w = 3;
		}
	} else if (c >= 0xF0 && c <= 0xF4) {
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
		if (n >= 4 && s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 &&
		    (s[3] & 0xC0) == 0x80) {
			*r = ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) |
			     (s[3] & 0x3Fu);
			w = 4;
		}
	}
	return w;
}

int dfu_is_space(unsigned r)
{
	if (r <= 0xFF)
		return r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0;
	return r == 0x1680 || (r >= 0x2000 && r <= 0x200A) || r == 0x2028 || r == 0x2029 ||
	       r == 0x202F || r == 0x205F || r == 0x3000;
}

int dfu_is_byte_space(unsigned char b)
{
	return b == ' ' || (b >= '\t' && b <= '\r') || b == 0x85 || b == 0xA0;
}

int dfu_is_ascii_ws(unsigned char b)
{
	return b == ' ' || b == '\t' || b == '\v' || b == '\f' || b == '\r';
}

/*
 * Code points above U+00FF that Go's unicode.IsPrint rejects: the format
 * characters, separators, private use areas and noncharacters, plus the
 * largest unassigned blocks. Smaller unassigned gaps inside scripts are
 * treated as printable (Go would escape them as \uXXXX); no Dockerfile in
 * the conformance suite or in practice depends on those.
 */
static const unsigned nonprint[][2] = {
	{0x0378, 0x0379}, {0x0380, 0x0383}, {0x038B, 0x038B}, {0x038D, 0x038D},
	{0x03A2, 0x03A2}, {0x0530, 0x0530}, {0x0557, 0x0558}, {0x058B, 0x058C},
	{0x0590, 0x0590}, {0x05C8, 0x05CF}, {0x05EB, 0x05EE}, {0x05F5, 0x0605},
	{0x061C, 0x061C}, {0x06DD, 0x06DD}, {0x070E, 0x070F}, {0x074B, 0x074C},
	{0x07B2, 0x07BF}, {0x07FB, 0x07FC}, {0x082E, 0x082F}, {0x083F, 0x083F},
	{0x085C, 0x085D}, {0x085F, 0x085F}, {0x086B, 0x086F}, {0x088F, 0x0897},
	{0x08E2, 0x08E2}, {0x180E, 0x180E}, {0x1680, 0x1680}, {0x2000, 0x200F},
	{0x2028, 0x202F}, {0x205F, 0x206F}, {0x2072, 0x2073}, {0x208F, 0x208F},
	{0x209D, 0x209F}, {0x20C1, 0x20CF}, {0x20F1, 0x20FF}, {0x218C, 0x218F},
	{0x2427, 0x243F}, {0x244B, 0x245F}, {0x2B74, 0x2B75}, {0x2B96, 0x2B96},
	{0x3000, 0x3000}, {0xD800, 0xF8FF}, {0xFDD0, 0xFDEF}, {0xFEFF, 0xFEFF},
	{0xFFF0, 0xFFFB}, {0xFFFE, 0xFFFF}, {0x110BD, 0x110BD}, {0x110CD, 0x110CD},
	{0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0x2FA1E, 0x2FFFF},
	{0x3134B, 0x3134F}, {0x323B0, 0xE00FF}, {0xE01F0, 0x10FFFF},
};

int dfu_is_print(unsigned r)
{
	size_t lo = 0, hi = sizeof(nonprint) / sizeof(nonprint[0]);
	int ret = 1;

	if (r <= 0xFF)
		return (r >= 0x20 && r < 0x7F) || (r >= 0xA1 && r != 0xAD);
	if ((r & 0xFFFE) == 0xFFFE)
		return 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r < nonprint[mid][0]) {
			hi = mid;
		} else if (r > nonprint[mid][1]) {
			lo = mid + 1;
		} else {
			ret = 0;
			break;
		}
	}
	return ret;
}

unsigned dfu_to_lower(unsigned r)
{
	unsigned l = r;

	if (r < 0x80) {
		if (r >= 'A' && r <= 'Z')
			l = r + 32;
	} else if (r >= 0xC0 && r <= 0xDE && r != 0xD7) {
		l = r + 32;
	} else if (r == 0x130) {
		l = 'i';
	} else if ((r >= 0x100 && r <= 0x137) || (r >= 0x14A && r <= 0x177)) {
		l = r | 1u;
	} else if ((r >= 0x139 && r <= 0x148) || (r >= 0x179 && r <= 0x17E)) {
		l = (r & 1u) ? r + 1 : r;
	} else if (r == 0x178) {
		l = 0xFF;
	} else if (r == 0x386) {
		l = 0x3AC;
	} else if (r >= 0x388 && r <= 0x38A) {
		l = r + 37;
	} else if (r == 0x38C) {
		l = 0x3CC;
	} else if (r == 0x38E || r == 0x38F) {
		l = r + 63;
	} else if (r >= 0x391 && r <= 0x3AB && r != 0x3A2) {
		l = r + 32;
	} else if (r >= 0x400 && r <= 0x40F) {
		l = r + 80;
	} else if (r >= 0x410 && r <= 0x42F) {
		l = r + 32;
	} else if (r == 0x212A) {
		l = 'k';
	} else if (r == 0x212B) {
		l = 0xE5;
	} else if (r == 0x2126) {
		l = 0x3C9;
	} else if (r >= 0xFF21 && r <= 0xFF3A) {
		l = r + 32;
	}
	return l;
}

void dfu_add_rune(struct strbuf *sb, unsigned r)
{
	char b[4];
	size_t n;

	if (r < 0x80) {
		b[0] = (char)r;
		n = 1;
	} else if (r < 0x800) {
		b[0] = (char)(0xC0 | (r >> 6));
		b[1] = (char)(0x80 | (r & 0x3F));
		n = 2;
	} else if (r < 0x10000) {
		b[0] = (char)(0xE0 | (r >> 12));
		b[1] = (char)(0x80 | ((r >> 6) & 0x3F));
		b[2] = (char)(0x80 | (r & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | (r >> 18));
		b[1] = (char)(0x80 | ((r >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((r >> 6) & 0x3F));
		b[3] = (char)(0x80 | (r & 0x3F));
		n = 4;
	}
	strbuf_add(sb, b, n);
}

size_t dfu_skip_space(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		unsigned r;
		size_t w;

		if (c < 0x80) {
			if (c != ' ' && (c < '\t' || c > '\r'))
				break;
			i++;
			continue;
		}
		w = dfu_decode(s + i, n - i, &r);
		if (!dfu_is_space(r))
			break;
		i += w;
	}
	return i;
}

/* Width of a white-space rune ending s[0..n), or 0. Matching the encodings
 * as suffixes is exact: DecodeLastRune starts at the last non-continuation
 * byte, which is the first byte of each of these sequences. */
static size_t space_suffix(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c;
	size_t w = 0;

	if (!n)
		return 0;
	c = s[n - 1];
	if (c < 0x80) {
		if (c == ' ' || (c >= '\t' && c <= '\r'))
			w = 1;
	} else if (n >= 2 && s[n - 2] == 0xC2 && (c == 0x85 || c == 0xA0)) {
		w = 2;
	} else if (n >= 3) {
		unsigned a = s[n - 3], b = s[n - 2];
		if ((a == 0xE1 && b == 0x9A && c == 0x80) ||
		    (a == 0xE2 && b == 0x80 && ((c >= 0x80 && c <= 0x8A) || c == 0xA8 || c == 0xA9 ||
						c == 0xAF)) ||
		    (a == 0xE2 && b == 0x81 && c == 0x9F) || (a == 0xE3 && b == 0x80 && c == 0x80))
			w = 3;
	}
	return w;
}

void dfu_trim_space(const char *s, size_t n, size_t *start, size_t *end)
{
	size_t b = dfu_skip_space(s, n), e = n, w;

	while (e > b && (w = space_suffix(s + b, e - b)) > 0)
		e -= w;
	*start = b;
	*end = e;
}

void dfu_quote(struct strbuf *sb, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0;

	strbuf_grow(sb, n + 2);
	strbuf_addch(sb, '"');
	while (i < n) {
		size_t j = i, w;
		unsigned r;
		unsigned char c;

		while (j < n && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x7F &&
		       s[j] != '"' && s[j] != '\\')
			j++;
		if (j > i) {
			strbuf_add(sb, s + i, j - i);
			i = j;
			continue;
		}
		c = (unsigned char)s[i];
		w = dfu_decode(s + i, n - i, &r);
		if (w == 1 && r == DFU_RUNE_ERROR) {
			strbuf_addstr(sb, "\\x");
			strbuf_addch(sb, hex[c >> 4]);
			strbuf_addch(sb, hex[c & 15]);
		} else if (r == '"' || r == '\\') {
			strbuf_addch(sb, '\\');
			strbuf_addch(sb, (int)r);
		} else if (dfu_is_print(r)) {
			strbuf_add(sb, s + i, w);
		} else if (r == '\a') {
			strbuf_addstr(sb, "\\a");
		} else if (r == '\b') {
			strbuf_addstr(sb, "\\b");
		} else if (r == '\f') {
			strbuf_addstr(sb, "\\f");
		} else if (r == '\n') {
			strbuf_addstr(sb, "\\n");
		} else if (r == '\r') {
			strbuf_addstr(sb, "\\r");
		} else if (r == '\t') {
			strbuf_addstr(sb, "\\t");
		} else if (r == '\v') {
			strbuf_addstr(sb, "\\v");
		} else if (r < ' ' || r == 0x7F) {
			strbuf_addf(sb, "\\x%02x", r);
		} else if (r < 0x10000) {
			strbuf_addf(sb, "\\u%04x", r);
		} else {
			strbuf_addf(sb, "\\U%08x", r);
		}
		i += w;
	}
	strbuf_addch(sb, '"');
}

void dfu_lower(struct strbuf *sb, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		unsigned r;
		size_t w;

		if (c < 0x80) {
			strbuf_addch(sb, (c >= 'A' && c <= 'Z') ? c + 32 : c);
			i++;
			continue;
		}
		w = dfu_decode(s + i, n - i, &r);
		dfu_add_rune(sb, dfu_to_lower(r));
		i += w;
	}
}
