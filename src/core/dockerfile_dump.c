/*
 * dockerfile_dump: the AST in the format of BuildKit's parser test files
 * (Node.Dump): `(name ["--flag" ...] "arg" ...)` per instruction.
 */
#include <string.h>

#include "dockerfile_int.h"

/* One instruction and its ONBUILD triggers, without the outer parens. */
static void dump_node(const struct df_instr *in, struct strbuf *out)
{
	size_t open = 0;

	for (; in; in = in->sub) {
		size_t mark = out->len;
		dfu_lower(out, in->name, strlen(in->name));
		if (in->nflags) {
			/* fmt's %q of a []string: ["a" "b"] */
			strbuf_addstr(out, out->len > mark ? " [" : "[");
			for (size_t i = 0; i < in->nflags; i++) {
				if (i)
					strbuf_addch(out, ' ');
				dfu_quote(out, in->flags[i].raw, strlen(in->flags[i].raw));
			}
			strbuf_addch(out, ']');
		}
		for (size_t i = 0; i < in->nargs; i++) {
			if (out->len > mark)
				strbuf_addch(out, ' ');
			dfu_quote(out, in->args[i], in->arglens[i]);
		}
		if (in->sub) {
			strbuf_addstr(out, out->len > mark ? " (" : "(");
			open++;
		}
	}
	strbuf_addchars(out, ')', open);
}

void df_dump(const struct df_file *f, struct strbuf *out)
{
	for (size_t i = 0; i < f->ninstrs; i++) {
		strbuf_addch(out, '(');
		dump_node(&f->instrs[i], out);
		strbuf_addstr(out, ")\n");
	}
}
