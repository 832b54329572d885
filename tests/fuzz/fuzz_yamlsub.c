/* libFuzzer target: the YAML-subset reader, its lookups and the cJSON copy. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "shipshape/yamlsub.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct yaml_node *root = NULL;
	struct ss_error err;

	ss_error_init(&err);
	if (!yamlsub_parse((const char *)data, size, "environment.yml", &root, &err)) {
		cJSON *j = yamlsub_to_json(root);
		char *text = cJSON_PrintUnformatted(j);
		free(text);
		cJSON_Delete(j);
		(void)yamlsub_get(yamlsub_get(root, "services"), "web");
		(void)yamlsub_get(root, "dependencies");
		yamlsub_free(root);
	}
	return 0;
}
