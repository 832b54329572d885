#include <check.h>
#include <string.h>

#include "shipshape/pyscan.h"

static const struct pyscan_item *find(const struct pyscan *s, enum pyscan_kind k,
				      const char *name)
{
	for (size_t i = 0; i < s->nr; i++)
		if (s->items[i].kind == k && (!name || (s->items[i].name &&
							!strcmp(s->items[i].name, name))))
			return &s->items[i];
	return NULL;
}

START_TEST(test_shapes)
{
	struct pyscan s;
	const struct pyscan_item *it;
	const char *src = "\"\"\"Docstring with app = Flask(__name__) inside.\n"
			  "More text.\"\"\"\n"
			  "import os, sys as system\n"
			  "from flask import (\n"
			  "    Flask,\n"
			  "    jsonify,\n"
			  ")\n"
			  "from . import views\n"
			  "# app = Flask(__name__) in a comment\n"
			  "app = Flask(__name__)\n"
			  "api: FastAPI = fastapi.FastAPI(title='x')\n"
			  "WSGI_APPLICATION = 'mysite.wsgi.application'\n"
			  "x = \\\n"
			  "    factory()\n"
			  "@app.route(\"/healthz\", methods=[\"GET\"])\n"
			  "def healthz():\n"
			  "    return jsonify(ok=True)\n"
			  "\n"
			  "async def create_app(config=None):\n"
			  "    inner = Flask(\"inner\")\n"
			  "    return inner\n"
			  "urlpatterns = [path('ping/', views.ping), re_path(r'^status$', views.s)]\n"
			  "if __name__ == '__main__':\n"
			  "    app.run()\n";

	pyscan_init(&s);
	pyscan_source(&s, src, strlen(src));
	ck_assert_int_eq(pyscan_imports(&s, "os"), 1);
	ck_assert_int_eq(pyscan_imports(&s, "sys"), 1);
	ck_assert_int_eq(pyscan_imports(&s, "flask"), 1);
	ck_assert_int_eq(pyscan_imports(&s, "fla"), 0);
	ck_assert_ptr_nonnull(find(&s, PYSCAN_IMPORT, "."));

	it = find(&s, PYSCAN_ASSIGN_CALL, "app");
	ck_assert_ptr_nonnull(it);
	ck_assert_str_eq(it->value, "Flask");
	ck_assert_str_eq(it->arg, "__name__");
	ck_assert_int_eq(it->line, 10); /* not the docstring's or the comment's */
	ck_assert_int_eq(it->indent, 0);
	ck_assert_ptr_null(it->scope);

	it = find(&s, PYSCAN_ASSIGN_CALL, "api");
	ck_assert_str_eq(it->value, "fastapi.FastAPI");
	ck_assert_str_eq(it->arg, "x");

	it = find(&s, PYSCAN_ASSIGN_STR, "WSGI_APPLICATION");
	ck_assert_str_eq(it->value, "mysite.wsgi.application");
	ck_assert_int_eq(it->line, 12);

	it = find(&s, PYSCAN_ASSIGN_CALL, "x");
	ck_assert_str_eq(it->value, "factory");
	ck_assert_int_eq(it->line, 13);

	it = find(&s, PYSCAN_ROUTE, "app.route");
	ck_assert_str_eq(it->value, "/healthz");
	ck_assert_int_eq(it->line, 15);

	it = find(&s, PYSCAN_ASSIGN_CALL, "inner");
	ck_assert_int_eq(it->indent, 4);
	ck_assert_str_eq(it->scope, "create_app");
	ck_assert_ptr_nonnull(find(&s, PYSCAN_DEF, "create_app"));

	it = find(&s, PYSCAN_CALL_STR, "path");
	ck_assert_str_eq(it->value, "ping/");
	it = find(&s, PYSCAN_CALL_STR, "re_path");
	ck_assert_str_eq(it->value, "^status$");

	it = find(&s, PYSCAN_MAIN, NULL);
	ck_assert_ptr_nonnull(it);
	ck_assert_int_eq(it->line, 23);
	pyscan_release(&s);
	pyscan_release(NULL);
}
END_TEST

START_TEST(test_robust)
{
	struct pyscan s;
	const char *bad[] = {"x = '''never closed\n", "app = Flask(\n", "\"\\", "(((((", "\xff\xfe\x00\x01",
			     "@\n", "def\n", "from\n", "import\n", "if __name__ ==\n", NULL};
	for (size_t i = 0; bad[i]; i++) {
		pyscan_init(&s);
		pyscan_source(&s, bad[i], strlen(bad[i]) + (i == 4 ? 4 : 0) - (i == 4 ? strlen(bad[i]) : 0));
		pyscan_release(&s);
	}
	/* a reversed main test and tabs */
	pyscan_init(&s);
	pyscan_source(&s, "if \"__main__\" == __name__:\n\tmain()\n", 34);
	ck_assert_ptr_nonnull(find(&s, PYSCAN_MAIN, NULL));
	pyscan_release(&s);
}
END_TEST

/* A UTF-8 byte order mark does not hide a top-level assignment on line 1. */
START_TEST(test_bom)
{
	struct pyscan s;
	const struct pyscan_item *it;
	const char *src = "\xEF\xBB\xBF" "app = Flask(__name__)\n";
	pyscan_init(&s);
	pyscan_source(&s, src, strlen(src));
	it = find(&s, PYSCAN_ASSIGN_CALL, "app");
	ck_assert_ptr_nonnull(it);
	ck_assert_str_eq(it->value, "Flask");
	ck_assert_int_eq(it->line, 1);
	ck_assert_int_eq(it->indent, 0);
	pyscan_release(&s);
}
END_TEST

/* Found by fuzz_pyscan: a backslash before a lone '\r' (no '\n') counted a line, so the
   lines after it were numbered past the end of the file. Lines count '\n' only. */
START_TEST(test_backslash_lone_cr)
{
	struct pyscan s;
	const struct pyscan_item *it;
	const char *src = "x = 1 + \\\r2\nimport os\ny = 3 \\\r\n  + 4\napp = Flask(__name__)\n";
	pyscan_init(&s);
	pyscan_source(&s, src, strlen(src));
	it = find(&s, PYSCAN_IMPORT, "os");
	ck_assert_ptr_nonnull(it);
	ck_assert_int_eq(it->line, 2);
	it = find(&s, PYSCAN_ASSIGN_CALL, "app");
	ck_assert_ptr_nonnull(it);
	ck_assert_int_eq(it->line, 5);
	pyscan_release(&s);
}
END_TEST

/* A raw triple-quoted string with a backslash before a newline still counts that line. */
START_TEST(test_raw_string_backslash_newline)
{
	struct pyscan s;
	const struct pyscan_item *it;
	const char *src = "DOC = r\"\"\"a \\\nb\nc\"\"\"\napp = Flask(__name__)\n";
	pyscan_init(&s);
	pyscan_source(&s, src, strlen(src));
	it = find(&s, PYSCAN_ASSIGN_CALL, "app");
	ck_assert_ptr_nonnull(it);
	ck_assert_int_eq(it->line, 4);
	pyscan_release(&s);
}
END_TEST

Suite *suite_pyscan(void)
{
	Suite *s = suite_create("pyscan");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_shapes);
	tcase_add_test(tc, test_robust);
	tcase_add_test(tc, test_bom);
	tcase_add_test(tc, test_backslash_lone_cr);
	tcase_add_test(tc, test_raw_string_backslash_newline);
	suite_add_tcase(s, tc);
	return s;
}
