#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/yamlsub.h"

static struct yaml_node *parse_ok(const char *text)
{
	struct yaml_node *root = NULL;
	struct ss_error err;
	ss_error_init(&err);
	ck_assert_msg(yamlsub_parse(text, strlen(text), "t.yml", &root, &err) == 0, "%s", err.msg);
	ck_assert_ptr_nonnull(root);
	return root;
}

static void assert_json(const struct yaml_node *n, const char *want)
{
	cJSON *j = yamlsub_to_json(n);
	char *text = cJSON_PrintUnformatted(j);
	ck_assert_str_eq(text, want);
	free(text);
	cJSON_Delete(j);
}

START_TEST(test_environment_yml)
{
	struct yaml_node *root = parse_ok("# conda\n"
					  "name: app\n"
					  "channels:\n"
					  "  - conda-forge\n"
					  "dependencies:\n"
					  "- python=3.11   # pinned\n"
					  "- 'numpy>=1.26'\n"
					  "- pip:\n"
					  "  - flask==3.0\n"
					  "  - \"gunicorn\"\n"
					  "prefix: /opt/conda\n");
	const struct yaml_node *deps = yamlsub_get(root, "dependencies");
	assert_json(root, "{\"name\":\"app\",\"channels\":[\"conda-forge\"],\"dependencies\":"
			  "[\"python=3.11\",\"numpy>=1.26\",{\"pip\":[\"flask==3.0\",\"gunicorn\"]}],"
			  "\"prefix\":\"/opt/conda\"}");
	ck_assert_int_eq(deps->type, YAML_SEQ);
	ck_assert_int_eq(deps->key_line, 5);
	ck_assert_int_eq(deps->children[0]->line, 6);
	ck_assert_int_eq(yamlsub_get(deps->children[2], "pip")->children[1]->line, 10);
	yamlsub_free(root);
}
END_TEST

START_TEST(test_compose)
{
	struct yaml_node *root = parse_ok("---\n"
					  "x-common: &common\n"
					  "  restart: always\n"
					  "services:\n"
					  "  web:\n"
					  "    <<: *common\n"
					  "    build:\n"
					  "      context: .\n"
					  "    command: [\"gunicorn\", \"app:app\", '-b', \"0.0.0.0:8000\"]\n"
					  "    ports:\n"
					  "      - \"8000:8000\"\n"
					  "      - target: 9000\n"
					  "        published: 9001\n"
					  "    environment: {A: '1', B: \"x y\"}\n"
					  "    healthcheck:\n"
					  "      test: >\n"
					  "        curl -f\n"
					  "        http://localhost/\n"
					  "    entrypoint: |\n"
					  "      line one\n"
					  "        indented\n"
					  "  db:\n"
					  "    image: postgres:16 # comment\n"
					  "    url: http://a#b\n"
					  "...\n"
					  "ignored: after end\n");
	const struct yaml_node *web = yamlsub_get(yamlsub_get(root, "services"), "web");
	ck_assert_ptr_nonnull(web);
	assert_json(yamlsub_get(web, "command"), "[\"gunicorn\",\"app:app\",\"-b\",\"0.0.0.0:8000\"]");
	assert_json(yamlsub_get(web, "ports"),
		    "[\"8000:8000\",{\"target\":\"9000\",\"published\":\"9001\"}]");
	assert_json(yamlsub_get(web, "environment"), "{\"A\":\"1\",\"B\":\"x y\"}");
	ck_assert_str_eq(yamlsub_get(yamlsub_get(web, "healthcheck"), "test")->value,
			 "curl -f http://localhost/\n");
	ck_assert_str_eq(yamlsub_get(web, "entrypoint")->value, "line one\n  indented\n");
	ck_assert_str_eq(yamlsub_get(web, "<<")->value, "*common");
	ck_assert_str_eq(yamlsub_get(yamlsub_get(root, "x-common"), "restart")->value, "always");
	ck_assert_str_eq(
		yamlsub_get(yamlsub_get(yamlsub_get(root, "services"), "db"), "image")->value,
		"postgres:16");
	ck_assert_str_eq(yamlsub_get(yamlsub_get(yamlsub_get(root, "services"), "db"), "url")->value,
			 "http://a#b");
	ck_assert_ptr_null(yamlsub_get(root, "ignored"));
	ck_assert_int_eq(yamlsub_get(web, "ports")->children[0]->line, 11);
	yamlsub_free(root);
}
END_TEST

START_TEST(test_nested_sequences_and_scalars)
{
	struct yaml_node *root = parse_ok("- - a\n  - b\n- key: v\n  other: w\n-\n  - c\n- 'it''s'\n- \"tab\\tnew\"\n- ~\n-\n");
	assert_json(root, "[[\"a\",\"b\"],{\"key\":\"v\",\"other\":\"w\"},[\"c\"],\"it's\",\"tab\\tnew\",\"~\",null]");
	yamlsub_free(root);
	root = parse_ok("");
	ck_assert_int_eq(root->type, YAML_NULL);
	yamlsub_free(root);
	root = parse_ok("just a scalar\n");
	ck_assert_str_eq(root->value, "just a scalar");
	yamlsub_free(root);
	yamlsub_free(NULL);
	ck_assert_ptr_null(yamlsub_get(NULL, "x"));
}
END_TEST

static void parse_bad(const char *text, int line, const char *needle)
{
	struct yaml_node *root = (struct yaml_node *)1;
	struct ss_error err;
	ss_error_init(&err);
	ck_assert_int_eq(yamlsub_parse(text, strlen(text), "bad.yml", &root, &err), SS_ERR_INPUT);
	ck_assert_ptr_null(root);
	ck_assert_str_eq(err.file, "bad.yml");
	ck_assert_int_eq(err.line, line);
	ck_assert_msg(strstr(err.msg, needle) != NULL, "'%s' lacks '%s'", err.msg, needle);
}

START_TEST(test_errors)
{
	parse_bad("a: 1\n\tb: 2\n", 2, "tab in indentation");
	parse_bad("a: 1\n   b: 2\n", 2, "bad indentation");
	parse_bad("a:\n  - x\n  y: 1\n", 3, "bad indentation");
	parse_bad("a: [1, 2\n", 1, "unterminated flow");
	parse_bad("a: \"open\n", 1, "bad quoted scalar");
	parse_bad("a: 1\nplain line\n", 2, "expected 'key: value'");
	{
		/* nesting limit */
		char buf[512];
		size_t n = 0;
		for (int i = 0; i < 100; i++)
			buf[n++] = '[';
		buf[n] = '\0';
		parse_bad(buf, 1, "nesting too deep");
	}
}
END_TEST

/* A UTF-8 byte order mark before the first key is skipped. */
START_TEST(test_bom)
{
	struct yaml_node *root = parse_ok("\xEF\xBB\xBF" "name: app\ndependencies:\n  - python=3.11\n");
	assert_json(root, "{\"name\":\"app\",\"dependencies\":[\"python=3.11\"]}");
	yamlsub_free(root);
}
END_TEST

Suite *suite_yamlsub(void)
{
	Suite *s = suite_create("yamlsub");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_environment_yml);
	tcase_add_test(tc, test_compose);
	tcase_add_test(tc, test_nested_sequences_and_scalars);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_bom);
	suite_add_tcase(s, tc);
	return s;
}
