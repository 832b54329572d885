/*
 * screen_welcome: what will happen, and where we start (a new project, a
 * resume at the next tier, or read-only beside a Dockerfile shipshape did
 * not write).
 */
#include "tui/tui.h"

#define HIT_BUTTON 100

enum choice { GO, QUIT };

/* The buttons for the project's situation, and what each does. */
static int buttons(struct tui *ui, const char **labels, enum choice *what, struct strbuf *sb)
{
	struct view_session *s = ui->s;
	int n = 0;

	if (s->unmanaged) {
		labels[n] = "Continue read-only";
		what[n++] = GO;
	} else if (s->tier <= 6) {
		if (s->start_tier >= 0)
			strbuf_addf(sb, "Resume at tier %d", s->tier);
		else
			strbuf_addstr(sb, "Start at tier 0");
		labels[n] = sb->buf;
		what[n++] = GO;
	}
	labels[n] = "Quit";
	what[n++] = QUIT;
	return n;
}

static void welcome_enter(struct tui *ui)
{
	ui->button = 0;
}

static void welcome_draw(struct tui *ui)
{
	struct view_session *s = ui->s;
	struct strbuf sb = STRBUF_INIT, lab = STRBUF_INIT;
	const char *labels[3];
	enum choice what[3];
	int y = tui_top(ui), w = ui->cols - 4, ymax = tui_bottom(ui) - 2, n;

	tui_title(ui, "welcome");
	y = tui_para(ui, y, 2, w, ymax, ST_HEADING,
		     "A production-ready Docker image for your Python app, one tier at a time.");
	y++;
	y = tui_para(ui, y, 2, w, ymax, ST_NORMAL,
		     "shipshape walks the app through seven tiers of Docker practice: 0 baseline, "
		     "1 security, 2 automation, 3 correctness, 4 reproducibility, 5 build time, "
		     "6 image size. The most important work comes first, and every tier leaves "
		     "files that build and run, so you can stop after any tier.");
	y++;
	y = tui_para(
	    ui, y, 2, w, ymax, ST_NORMAL,
	    "Nothing is written without a preview: each tier lists its practices, says why "
	    "each one matters, shows the diff of every file it changes, and asks before "
	    "writing. A replaced file is first copied to .shipshape/backups/.");
	y++;
	if (ui->demo_dir) {
		strbuf_addf(&sb,
			    "Demo: this is a scratch copy of the bundled example app, in %s. "
			    "Nothing of yours is touched.",
			    ui->demo_dir);
		y = tui_para(ui, y, 2, w, ymax, ST_HEADING, sb.buf) + 1;
		strbuf_reset(&sb);
	}
	if (s->unmanaged) {
		strbuf_addf(
		    &sb,
		    "This project already has %s, and shipshape did not write it. "
		    "shipshape never overwrites your files. Adopting an existing Dockerfile "
		    "is a later feature ('shipshape adopt'; 'shipshape lint' already shows "
		    "the tier it reached); for now you can continue read-only: every tier "
		    "shows what it would write, and nothing is written. Or quit, move the "
		    "file aside, and start again.",
		    s->unmanaged);
		y = tui_para(ui, y, 2, w, ymax, ST_WARNING, sb.buf);
	} else if (s->start_tier >= 6) {
		y = tui_para(ui, y, 2, w, ymax, ST_OK,
			     "This project is at tier 6 (image size): every tier is done. "
			     "'shipshape plan' shows what was applied and skipped.");
	} else if (s->start_tier >= 0) {
		strbuf_addf(&sb,
			    "This project is at tier %d (%s), as recorded in .shipshape.json. "
			    "Next comes tier %d (%s).",
			    s->start_tier, catalog_tier_names[s->start_tier], s->tier,
			    catalog_tier_names[s->tier]);
		y = tui_para(ui, y, 2, w, ymax, ST_OK, sb.buf);
	} else {
		y = tui_para(ui, y, 2, w, ymax, ST_NORMAL,
			     "First you check what shipshape found in the project and answer a "
			     "few questions; then tier 0 makes a Dockerfile that builds and runs.");
	}
	(void)y;
	n = buttons(ui, labels, what, &lab);
	if (ui->button >= n)
		ui->button = n - 1;
	tui_buttons(ui, tui_bottom(ui) - 2, labels, n, ui->button, HIT_BUTTON);
	strbuf_release(&sb);
	strbuf_release(&lab);
}

static enum tui_reaction welcome_key(struct tui *ui, const struct tui_event *ev)
{
	struct strbuf lab = STRBUF_INIT;
	const char *labels[3];
	enum choice what[3];
	enum tui_reaction r = TUI_NONE;
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
	case ACT_CLICK:
		if (ev->hit >= HIT_BUTTON && ev->hit < HIT_BUTTON + n)
			pick = ev->hit - HIT_BUTTON;
		break;
	case ACT_NONE:
	case ACT_BACK:
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
		break;
	}
	if (pick >= 0) {
		if (what[pick] == QUIT) {
			r = TUI_EXIT;
		} else {
			ui->s->read_only = ui->s->unmanaged != NULL;
			tui_goto(ui, SCR_FOUND);
			r = TUI_REDRAW;
		}
	}
	strbuf_release(&lab);
	return r;
}

static const char *welcome_keys(struct tui *ui)
{
	(void)ui;
	return "\xe2\x86\x90\xe2\x86\x92|choose|Enter|select";
}

const struct tui_screen screen_welcome = {"welcome", welcome_enter, welcome_draw, welcome_key,
					  welcome_keys};
