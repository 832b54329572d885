/*
 * screen_questions: only what the current tier needs and detection did not
 * settle. Each question has its default in the field, one line of help,
 * and is validated by the core when the focus leaves it; a refused value
 * shows why under the field and keeps the focus.
 */
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

#define BLOCK 5 /* rows per question: prompt, field, help (two rows), error */
#define HIT_Q 300

static void open_field(struct tui *ui)
{
	tui_field_open(ui, ui->s->questions[ui->list.cur].text.buf, 0, 0, 10);
}

static void go_tier(struct tui *ui)
{
	struct ss_error err;

	ss_error_init(&err);
	if (view_session_prepare(ui->s, &err)) {
		char buf[SS_ERROR_MSG_MAX + SS_ERROR_FILE_MAX + 32];
		ss_error_format(&err, buf, sizeof(buf));
		tui_status(ui, 1, "cannot render tier %d: %s", ui->s->tier, buf);
		return;
	}
	tui_goto(ui, SCR_TIER);
}

static void questions_enter(struct tui *ui)
{
	struct view_session *s = ui->s;

	if (ui->q_tier != s->tier + 1) { /* stored +1 so that 0 means "none yet" */
		view_session_questions(s);
		ui->q_tier = s->tier + 1;
		view_scroll_init(&ui->list);
	}
	if (!s->nquestions) {
		go_tier(ui);
		return;
	}
	view_scroll_resize(&ui->list, s->nquestions, 1);
	open_field(ui);
}

/* Keep what the field holds in the question's text. */
static void save_field(struct tui *ui)
{
	tui_field_text(ui, &ui->s->questions[ui->list.cur].text);
}

/* Validate the current question; 0 when it may be left. */
static int check_current(struct tui *ui)
{
	struct ss_error err;

	save_field(ui);
	ss_error_init(&err);
	return view_session_answer(ui->s, ui->list.cur, &err);
}

static void questions_draw(struct tui *ui)
{
	struct view_session *s = ui->s;
	struct strbuf sb = STRBUF_INIT;
	int y = tui_top(ui), w = ui->cols - 4, first, visible;

	strbuf_addf(&sb, "tier %d: questions", s->tier);
	tui_title(ui, sb.buf);
	tui_progress(ui, 1, s->tier);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "Tier %d (%s) needs %zu answer%s detection could not settle", s->tier,
		    catalog_tier_names[s->tier], s->nquestions, s->nquestions == 1 ? "" : "s");
	tui_text(ui, y, 2, w, ST_HEADING, sb.buf);
	tui_text(ui, y + 1, 2, w, ST_DIM,
		 "Each field holds its default: Enter accepts it and goes to the next.");
	first = y + 3;
	/* with room to spare, say what the tier is about */
	if (s->catalog.tiers[s->tier].why &&
	    (tui_bottom(ui) - first) / BLOCK > (int)s->nquestions + 1) {
		first =
		    tui_para(ui, first, 2, w, first + 4, ST_NORMAL, s->catalog.tiers[s->tier].why) +
		    1;
	}
	visible = (tui_bottom(ui) - first) / BLOCK;
	if (visible < 1)
		visible = 1;
	view_scroll_resize(&ui->list, s->nquestions, (size_t)visible);
	for (size_t i = ui->list.top; i < s->nquestions && i < ui->list.top + ui->list.height;
	     i++) {
		const struct view_question *q = &s->questions[i];
		int row = first + (int)(i - ui->list.top) * BLOCK, cur = i == ui->list.cur;

		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s %s", cur ? "\xe2\x96\xb8" : " ",
			    q->k->prompt ? q->k->prompt : q->k->key);
		if (q->k->nchoices) {
			strbuf_addstr(&sb, " (");
			for (size_t c = 0; c < q->k->nchoices; c++)
				strbuf_addf(&sb, "%s%s", c ? ", " : "", q->k->choices[c]);
			strbuf_addch(&sb, ')');
		}
		tui_text(ui, row, 2, w, cur ? ST_HEADING : ST_NORMAL, sb.buf);
		tui_hit_add(ui, row, 2, w, HIT_Q + (int)(i - ui->list.top));
		if (cur)
			tui_field_place(ui, row + 1, 4, w - 2);
		else
			tui_fill(ui, row + 1, 4, w - 2, ST_FIELD, q->text.buf);
		tui_hit_add(ui, row + 1, 4, w - 2, HIT_Q + (int)(i - ui->list.top));
		if (q->k->help)
			tui_para(ui, row + 2, 4, w - 2, row + 4, ST_DIM, q->k->help);
		if (q->error) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "\xe2\x9c\x97 %s", q->error);
			tui_text(ui, row + 4, 4, w - 2, ST_ERROR, sb.buf);
		}
	}
	strbuf_reset(&sb);
	view_scroll_position(&ui->list, &sb);
	if (sb.len)
		tui_text(ui, y, ui->cols - 2 - (int)sb.len, (int)sb.len, ST_DIM, sb.buf);
	strbuf_release(&sb);
}

/* Space on a question with choices (enum, bool) puts the next choice in. */
static int cycle_choice(struct tui *ui)
{
	struct view_question *q = &ui->s->questions[ui->list.cur];
	static const char *const yes_no[] = {"yes", "no"};
	const char *const *choices = (const char *const *)q->k->choices;
	size_t n = q->k->nchoices, next = 0;

	if (q->k->type && !strcmp(q->k->type, "bool")) {
		choices = yes_no;
		n = 2;
	}
	if (!n)
		return 0;
	save_field(ui);
	for (size_t c = 0; c < n; c++) {
		if (!strcmp(q->text.buf, choices[c])) {
			next = (c + 1) % n;
			break;
		}
	}
	strbuf_reset(&q->text);
	strbuf_addstr(&q->text, choices[next]);
	tui_field_open(ui, q->text.buf, 0, 0, 10);
	return 1;
}

static void move_to(struct tui *ui, size_t i)
{
	view_scroll_goto(&ui->list, i);
	open_field(ui);
}

static enum tui_reaction questions_key(struct tui *ui, const struct tui_event *ev)
{
	struct view_session *s = ui->s;

	if (!s->nquestions) { /* only when the tier failed to render: retry or go back */
		if (ev->action == ACT_ENTER)
			go_tier(ui);
		else if (ev->action == ACT_BACK)
			tui_goto(ui, SCR_FOUND);
		else
			return TUI_NONE;
		return TUI_REDRAW;
	}
	if (ev->action == ACT_SPACE && cycle_choice(ui))
		return TUI_REDRAW;
	if (tui_field_key(ui, ev)) {
		/* once a value was refused, check again as it is fixed */
		if (s->questions[ui->list.cur].error)
			check_current(ui);
		return TUI_REDRAW;
	}
	switch (ev->action) {
	case ACT_ENTER:
	case ACT_TAB:
	case ACT_DOWN:
	case ACT_PGDN:
		if (check_current(ui))
			break; /* the error shows under the field, which keeps the focus */
		if (ui->list.cur + 1 < s->nquestions) {
			move_to(ui, ui->list.cur + 1);
		} else if (ev->action == ACT_ENTER) {
			for (size_t i = 0; i < s->nquestions; i++) {
				if (s->questions[i].error) {
					move_to(ui, i);
					return TUI_REDRAW;
				}
			}
			tui_field_close(ui);
			go_tier(ui);
		}
		break;
	case ACT_UP:
	case ACT_BACKTAB:
	case ACT_PGUP:
		if (check_current(ui))
			break;
		if (ui->list.cur > 0)
			move_to(ui, ui->list.cur - 1);
		break;
	case ACT_CLICK:
		if (ev->hit >= HIT_Q && ev->hit < HIT_Q + 100) {
			size_t i = ui->list.top + (size_t)(ev->hit - HIT_Q);
			if (i != ui->list.cur && !check_current(ui))
				move_to(ui, i);
		}
		break;
	case ACT_BACK:
		save_field(ui);
		tui_goto(ui, SCR_FOUND);
		break;
	case ACT_QUIT:
		return TUI_QUIT; /* ^Q: 'q' is a letter here */
	case ACT_NONE:
	case ACT_LEFT:
	case ACT_RIGHT:
	case ACT_SPACE:
	case ACT_HOME:
	case ACT_END:
	case ACT_SEARCH:
	case ACT_HELP:
	case ACT_VIEW:
	case ACT_BACKSPACE:
	case ACT_DELETE:
	case ACT_RESIZE:
	case ACT_REDRAW:
	case ACT_INTERRUPT:
		return TUI_NONE;
	}
	return TUI_REDRAW;
}

static const char *questions_keys(struct tui *ui)
{
	if (!ui->s->nquestions)
		return "Enter|try again|Esc|back";
	const struct answer_key *k = ui->s->nquestions ? ui->s->questions[ui->list.cur].k : NULL;

	if (k && (k->nchoices || (k->type && !strcmp(k->type, "bool"))))
		return "Enter|accept, next|Space|next "
		       "choice|\xe2\x86\x91\xe2\x86\x93|question|Esc|back|F1|help|^Q|quit";
	return "Enter|accept, next|\xe2\x86\x91\xe2\x86\x93|question|Esc|back|F1|help|^Q|quit";
}

const struct tui_screen screen_questions = {"questions", questions_enter, questions_draw,
					    questions_key, questions_keys};
