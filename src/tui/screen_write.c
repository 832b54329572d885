/*
 * screen_write: confirm, write (project_write, the call init and next
 * make), then show what was written and where the backups went; go on to
 * the next tier or stop.
 */
#include "tui/tui.h"

#define HIT_BUTTON 100

enum stage { CONFIRM, WRITTEN, FAILED };
enum press { P_WRITE, P_BACK, P_NEXT, P_STOP };

static int buttons(struct tui *ui, const char **labels, enum press *what, struct strbuf *sb)
{
	struct view_session *s = ui->s;
	int n = 0, last = s->tier >= 6;

	if (ui->write_stage == CONFIRM && !s->read_only) {
		strbuf_addf(sb, "Write tier %d", s->tier);
		labels[n] = sb->buf;
		what[n++] = P_WRITE;
		labels[n] = "Back";
		what[n++] = P_BACK;
		return n;
	}
	if (ui->write_stage == FAILED) {
		labels[n] = "Back";
		what[n++] = P_BACK;
		labels[n] = "Quit";
		what[n++] = P_STOP;
		return n;
	}
	if (!last) {
		strbuf_addf(sb, "Go on to tier %d", s->tier + 1);
		labels[n] = sb->buf;
		what[n++] = P_NEXT;
	}
	labels[n] = last ? "Finish" : "Stop here";
	what[n++] = P_STOP;
	if (s->read_only) {
		labels[n] = "Back";
		what[n++] = P_BACK;
	}
	return n;
}

static void failed(struct tui *ui, int ret, const struct ss_error *err);

static void write_enter(struct tui *ui)
{
	struct ss_error err;
	int ret;

	ui->write_stage = CONFIRM;
	ui->button = 0;
	strbuf_reset(&ui->write_error);
	strbuf_reset(&ui->status);
	/* a hand-edited file is found before asking, not after */
	ss_error_init(&err);
	ret = view_session_check(ui->s, &err);
	if (ret)
		failed(ui, ret, &err);
}

static int list(struct tui *ui, int y, int ymax, char **v, size_t n)
{
	for (size_t i = 0; i < n && y < ymax; i++, y++) {
		struct strbuf sb = STRBUF_INIT;
		if (i == 5 && n > 6 && y + 1 >= ymax) {
			strbuf_addf(&sb, "  ... and %zu more", n - i);
			tui_text(ui, y, 4, ui->cols - 6, ST_NORMAL, sb.buf);
			strbuf_release(&sb);
			return y + 1;
		}
		strbuf_addf(&sb, "\xe2\x80\xa2 %s", v[i]);
		tui_text(ui, y, 4, ui->cols - 6, ST_NORMAL, sb.buf);
		strbuf_release(&sb);
	}
	return y;
}

static int skipped_list(struct tui *ui, int y, int ymax)
{
	struct view_session *s = ui->s;
	int any = 0;

	for (size_t i = 0; i < s->nitems && y < ymax; i++) {
		struct strbuf sb = STRBUF_INIT;
		if (!s->items[i].skipped)
			continue;
		if (!any++)
			tui_text(ui, y++, 2, ui->cols - 4, ST_NORMAL,
				 "Skipped, with your reasons:");
		strbuf_addf(&sb, "\xe2\x80\xa2 %s: %s",
			    s->items[i].p->title ? s->items[i].p->title : s->items[i].p->id,
			    s->items[i].reason ? s->items[i].reason : "");
		tui_text(ui, y++, 4, ui->cols - 6, ST_DIM, sb.buf);
		strbuf_release(&sb);
	}
	return y;
}

static void write_draw(struct tui *ui)
{
	struct view_session *s = ui->s;
	struct strbuf sb = STRBUF_INIT, lab = STRBUF_INIT;
	const char *labels[3];
	enum press what[3];
	int y = tui_top(ui), ymax = tui_bottom(ui) - 3, w = ui->cols - 4, n;

	strbuf_addf(&sb, "tier %d: write", s->tier);
	tui_title(ui, sb.buf);
	tui_progress(ui, 1, s->tier);
	strbuf_reset(&sb);
	if (ui->write_stage == CONFIRM) {
		strbuf_addf(&sb, "%s tier %d (%s)",
			    s->read_only ? "Read-only: nothing is written for" : "Ready to write",
			    s->tier, catalog_tier_names[s->tier]);
		y = tui_para(ui, y, 2, w, ymax, ST_HEADING, sb.buf) + 1;
		if (s->changes.nr) {
			tui_text(ui, y++, 2, w, ST_NORMAL,
				 s->read_only ? "These files would change:"
					      : "These files change:");
			y = list(ui, y, ymax, s->changes.v, s->changes.nr) + 1;
		} else {
			y = tui_para(ui, y, 2, w, ymax, ST_NORMAL,
				     "No file changes; .shipshape.json records the tier.") +
			    1;
		}
		y = skipped_list(ui, y, ymax);
		if (!s->read_only)
			tui_para(
			    ui, y + 1, 2, w, ymax, ST_DIM,
			    "Each file is written atomically. A file that is replaced is first "
			    "copied to .shipshape/backups/, and .shipshape.json records the tier, "
			    "your answers and the practices you skipped.");
	} else if (ui->write_stage == WRITTEN) {
		strbuf_addf(&sb, "Tier %d (%s) is written. You are at tier %d.", s->tier,
			    catalog_tier_names[s->tier], s->tier);
		if (s->read_only) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "Read-only: tier %d (%s) was shown, nothing written.",
				    s->tier, catalog_tier_names[s->tier]);
		}
		y = tui_para(ui, y, 2, w, ymax, ST_OK, sb.buf) + 1;
		if (s->written.nwritten) {
			tui_text(ui, y++, 2, w, ST_NORMAL, "Written:");
			y = list(ui, y, ymax, s->written.written, s->written.nwritten) + 1;
		} else if (!s->read_only) {
			tui_text(ui, y++, 2, w, ST_NORMAL, "No file needed to change.");
			y++;
		}
		strbuf_reset(&sb);
		if (s->written.backup_dir)
			strbuf_addf(&sb, "The files it replaced are saved in %s/.",
				    s->written.backup_dir);
		else if (!s->read_only)
			strbuf_addstr(&sb, "Nothing was replaced, so nothing needed a backup.");
		if (sb.len)
			y = tui_para(ui, y, 2, w, ymax, ST_NORMAL, sb.buf) + 1;
		if (s->tier >= 6)
			tui_para(
			    ui, y, 2, w, ymax, ST_HEADING,
			    "Every tier is done. 'shipshape verify' builds and runs the image to "
			    "check each tier's promises.");
		else {
			const struct catalog_tier *next = &s->catalog.tiers[s->tier + 1];
			strbuf_reset(&sb);
			strbuf_addf(&sb, "Next comes tier %d (%s)%s%s", s->tier + 1,
				    catalog_tier_names[s->tier + 1], next->question ? ": " : ".",
				    next->question ? next->question : "");
			y = tui_para(ui, y, 2, w, ymax, ST_HEADING, sb.buf);
			if (next->why)
				y = tui_para(ui, y, 2, w, ymax, ST_NORMAL, next->why);
			y++;
			tui_para(
			    ui, y, 2, w, ymax, ST_DIM,
			    "Go on now, or stop here: the files build and run as they are, and "
			    "running shipshape again later resumes at the next tier.");
		}
	} else {
		strbuf_addf(&sb, "Tier %d cannot be written: nothing was written.", s->tier);
		y = tui_para(ui, y, 2, w, ymax, ST_ERROR, sb.buf) + 1;
		y = tui_para(ui, y, 2, w, ymax, ST_NORMAL, ui->write_error.buf) + 1;
	}
	n = buttons(ui, labels, what, &lab);
	if (ui->button >= n)
		ui->button = n - 1;
	tui_buttons(ui, tui_bottom(ui) - 2, labels, n, ui->button, HIT_BUTTON);
	strbuf_release(&sb);
	strbuf_release(&lab);
}

/* Explain a failed (or refused) write in the failed stage. */
static void failed(struct tui *ui, int ret, const struct ss_error *err)
{
	ui->write_stage = FAILED;
	ui->button = 0;
	strbuf_reset(&ui->write_error);
	if (ret == SS_ERR_CONFLICT) {
		strbuf_addf(&ui->write_error,
			    "'%s' was changed by hand since shipshape wrote it (or shipshape did "
			    "not write it), and shipshape never overwrites your work. Move your "
			    "change aside or undo it, then run shipshape again.",
			    err->file[0] ? err->file : "a file");
	} else {
		char buf[SS_ERROR_MSG_MAX + SS_ERROR_FILE_MAX + 32];
		ss_error_format(err, buf, sizeof(buf));
		strbuf_addstr(&ui->write_error, buf);
	}
}

static void do_write(struct tui *ui)
{
	struct ss_error err;
	int ret;

	ss_error_init(&err);
	tui_block_signals(1); /* a write finishes, or never starts */
	ret = view_session_write(ui->s, &err);
	tui_block_signals(0);
	ui->button = 0;
	if (!ret)
		ui->write_stage = WRITTEN;
	else
		failed(ui, ret, &err);
}

static enum tui_reaction write_key(struct tui *ui, const struct tui_event *ev)
{
	struct strbuf lab = STRBUF_INIT;
	const char *labels[3];
	enum press what[3];
	enum tui_reaction r = TUI_REDRAW;
	int n = buttons(ui, labels, what, &lab), pick = -1;

	switch (ev->action) {
	case ACT_LEFT:
	case ACT_UP:
	case ACT_BACKTAB:
		ui->button = (ui->button + n - 1) % n;
		break;
	case ACT_RIGHT:
	case ACT_DOWN:
	case ACT_TAB:
		ui->button = (ui->button + 1) % n;
		break;
	case ACT_ENTER:
	case ACT_SPACE:
		pick = ui->button;
		break;
	case ACT_BACK:
		if (ui->write_stage != WRITTEN || ui->s->read_only)
			tui_goto(ui, SCR_TIER);
		break;
	case ACT_CLICK:
		if (ev->hit >= HIT_BUTTON && ev->hit < HIT_BUTTON + n)
			pick = ev->hit - HIT_BUTTON;
		break;
	case ACT_NONE:
	case ACT_PGUP:
	case ACT_PGDN:
	case ACT_HOME:
	case ACT_END:
	case ACT_SEARCH:
	case ACT_HELP:
	case ACT_QUIT:
	case ACT_VIEW:
	case ACT_BACKSPACE:
	case ACT_DELETE:
	case ACT_RESIZE:
	case ACT_REDRAW:
	case ACT_INTERRUPT:
		r = TUI_NONE;
		break;
	}
	if (pick >= 0) {
		switch (what[pick]) {
		case P_WRITE:
			do_write(ui);
			break;
		case P_BACK:
			tui_goto(ui, SCR_TIER);
			break;
		case P_NEXT:
			if (view_session_next_tier(ui->s))
				tui_goto(ui, SCR_QUESTIONS);
			break;
		case P_STOP:
			r = TUI_EXIT;
			break;
		}
	}
	strbuf_release(&lab);
	return r;
}

static const char *write_keys(struct tui *ui)
{
	if (ui->write_stage == WRITTEN && !ui->s->read_only)
		return "\xe2\x86\x90\xe2\x86\x92|choose|Enter|press";
	return "\xe2\x86\x90\xe2\x86\x92|choose|Enter|press|Esc|back";
}

const struct tui_screen screen_write = {"write", write_enter, write_draw, write_key, write_keys};
