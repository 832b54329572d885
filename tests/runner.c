/* The one runner for every check suite: `ss_check NAME` runs suite NAME,
 * `ss_check` alone runs them all. Exit 0 only when every test passed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"

int main(int argc, char **argv)
{
	SRunner *sr = NULL;
	int failed, found = 0;

	for (size_t i = 0; ss_suites[i].name; i++) {
		if (argc > 1 && strcmp(argv[1], ss_suites[i].name) != 0)
			continue;
		if (!sr)
			sr = srunner_create(ss_suites[i].make());
		else
			srunner_add_suite(sr, ss_suites[i].make());
		found = 1;
	}
	if (!found) {
		fprintf(stderr, "ss_check: unknown suite '%s'\n", argc > 1 ? argv[1] : "");
		return 2;
	}
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
