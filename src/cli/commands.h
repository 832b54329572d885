/* The subcommands: each src/cli/cmd_X.c defines `const struct cmd cmd_X`;
 * the build generates the table from the files present (commands.inc). */
#ifndef SHIPSHAPE_COMMANDS_H
#define SHIPSHAPE_COMMANDS_H

#include "cli/cli.h"

#endif
