/*
 * cli: the command-line front end's shared pieces.
 *
 * Every subcommand is one cmd_X.c exporting one `const struct cmd cmd_X`,
 * collected in the table in main.c. The front end owns all printing and
 * exiting; the core only returns errors.
 */
#ifndef SHIPSHAPE_CLI_H
#define SHIPSHAPE_CLI_H

#include <stdio.h>

#include "shipshape/error.h"
#include "shipshape/tstore.h"

struct cli_ctx {
	struct tstore templates; /* lookup order already set up by main */
	const char *progname;    /* "shipshape" */
};

struct cmd {
	const char *name;
	int order;           /* position in --help: 10 wizard, 20 detect, 30 init, ... */
	const char *summary; /* one line for `shipshape --help` */
	const char *usage;   /* full `shipshape NAME --help` text, ending in \n */
	/* argv[0] is the subcommand name; --help is handled before run. */
	int (*run)(int argc, char **argv, struct cli_ctx *ctx);
};

/* An option a subcommand accepts: "--name" with or without a value. */
struct cli_opt {
	const char *name; /* without the leading dashes, e.g. "tier" */
	int has_arg;
	int id; /* returned by cli_next; must be > 0 */
};

struct cli_parser {
	int argc;
	char **argv;
	int i;           /* next argv index */
	int only_args;   /* after "--" */
	const char *cmd; /* subcommand name, for messages */
};

#define CLI_ARG 0  /* a positional argument; *val is it */
#define CLI_END -1 /* no more arguments */
#define CLI_ERR -2 /* a bad option; already reported on stderr */

void cli_parser_init(struct cli_parser *p, int argc, char **argv, const char *cmd);
/*
 * Next option or argument. Accepts "--name VALUE", "--name=VALUE" and, for
 * options without a value, "--name". An unknown option prints a one-line
 * error with a "did you mean" suggestion and returns CLI_ERR.
 */
int cli_next(struct cli_parser *p, const struct cli_opt *opts, const char **val);

/* Print "shipshape: MSG" (one line) to stderr. */
void cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print err as one line ("shipshape: FILE:LINE: MSG") and return the exit code for it. */
int cli_report(const struct ss_error *err);
/* Exit code for an ss_error code (SS_ERR_IO is reported as 2). */
int cli_exit_code(int code);

/*
 * Take a command's one optional positional argument (a DIR) into *slot. A
 * second one prints "unexpected argument 'X' for 'CMD': give one directory"
 * and returns 2; otherwise returns 0.
 */
int cli_one_dir(const char **slot, const char *val, const char *cmd);

/* Parse a tier number 0-6; on failure prints an error and returns -1. */
int cli_parse_tier(const char *s);

/* The closest candidate to word within a small edit distance, or NULL. */
const char *cli_suggest(const char *word, const char *const *candidates, size_t n);

/* Print text word-wrapped to width columns on stdout, each line indented by indent spaces. */
void cli_print_wrapped(const char *text, size_t indent, size_t width);

/* Front-end cleanup run before a fatal exit (the TUI registers endwin). */
void cli_set_fatal_cleanup(void (*fn)(void));

#endif
