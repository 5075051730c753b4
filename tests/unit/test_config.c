/*
 * Unit tests: config reading and validation, one test per error kind, each
 * asserting the message and the file:line; the loader's ABI refusal.
 * Needs DOCPIPE_PLUGIN_PATH (this build's plugins) and TEST_PLUGINS.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader.h"
#include "plan.h"

static char dir[64];

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/dp-config-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static char *write_cfg(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* Build a config's plan as `docpipe check` does; returns the errors (empty when it built). */
static char *load(const char *text, dp_plan **out)
{
    static char errors[8192];
    char *path = write_cfg("p.cfg", text);
    dp_request req;
    dp_request_init(&req);
    req.config_path = path;
    req.check_only = 1;
    dp_strbuf errs = { 0 };
    dp_plan *p = NULL;
    int rc = dp_plan_build(&req, &p, &errs);
    ck_assert_int_eq(rc == 0, p != NULL);
    snprintf(errors, sizeof errors, "%s", errs.data ? errs.data : "");
    dp_strbuf_free(&errs);
    if (out) *out = p;
    else dp_plan_free(p);
    return errors;
}

#define ASSERT_HAS(hay, needle) ck_assert_msg(strstr(hay, needle) != NULL, "expected \"%s\" in: %s", needle, hay)

START_TEST(valid_config_loads)
{
    dp_plan *p = NULL;
    char *e = load("source = { plugin = \"text\"; };\n"
                   "chain = ( { plugin = \"example\"; words = [ \"ASEAN\" ]; },\n"
                   "          { plugin = \"jsonl\"; path = \"out.jsonl\"; } );\n", &p);
    ck_assert_str_eq(e, "");
    ck_assert_ptr_nonnull(p);
    const dp_chain *c = dp_plan_chain(p);
    ck_assert_uint_eq(c->n_stages, 2);
    ck_assert_uint_eq(c->first_writer, 1);
    ck_assert_int_eq(c->last_recognizer, 0);
    ck_assert_str_eq(dp_opt_str(c->stages[1], "offset_unit"), "codepoint"); /* default applied */
    dp_plan_free(p);
}
END_TEST

START_TEST(unknown_option_names_line_allowed_keys_and_nearest)
{
    char *e = load("source = { plugin = \"text\"; };\n"
                   "chain = (\n"
                   "  { plugin = \"jsonl\";\n"
                   "    offset_units = \"utf16\"; }\n"
                   ");\n", NULL);
    ASSERT_HAS(e, "p.cfg:4: unknown option 'offset_units' for plugin 'jsonl'");
    ASSERT_HAS(e, "did you mean 'offset_unit'?");
    ASSERT_HAS(e, "allowed: plugin, name, path, offset_unit, pretty");
}
END_TEST

START_TEST(wrong_type)
{
    char *e = load("source = { plugin = \"text\"; };\n"
                   "chain = ( { plugin = \"jsonl\"; pretty = \"yes\"; } );\n", NULL);
    ASSERT_HAS(e, "p.cfg:2: option 'pretty' of plugin 'jsonl' must be a boolean (true or false), not a string");
}
END_TEST

START_TEST(bad_enum_value)
{
    char *e = load("source = { plugin = \"text\"; };\n"
                   "chain = ( { plugin = \"jsonl\"; offset_unit = \"utf8\"; } );\n", NULL);
    ASSERT_HAS(e, "p.cfg:2: option 'offset_unit' of plugin 'jsonl': 'utf8' is not one of the allowed values "
                  "(allowed: codepoint|utf16|byte)");
}
END_TEST

START_TEST(missing_required_option)
{
    char *e = load("source = { plugin = \"text\"; };\n"
                   "chain = ( { plugin = \"example\"; }, { plugin = \"jsonl\"; } );\n", NULL);
    ASSERT_HAS(e, "p.cfg:2: plugin 'example' requires option 'words'");
}
END_TEST

START_TEST(unknown_plugin)
{
    char *e = load("source = { plugin = \"text\"; };\n"
                   "chain = ( { plugin = \"nosuch\"; }, { plugin = \"jsonl\"; } );\n", NULL);
    ASSERT_HAS(e, "p.cfg:2: unknown plugin 'nosuch'");
    ASSERT_HAS(e, "docpipe plugins");
}
END_TEST

START_TEST(chain_consumes_what_nothing_produces)
{
    /* A writer before the recognizer: order error; a translator needing entities would be caught likewise. */
    char *e = load("source = { plugin = \"text\"; };\n"
                   "chain = ( { plugin = \"jsonl\"; },\n"
                   "          { plugin = \"example\"; words = \"x\"; } );\n", NULL);
    ASSERT_HAS(e, "p.cfg:3: recognizer 'example' comes after writer 'jsonl'");
    setenv("DOCPIPE_PLUGIN_PATH_SAVED", getenv("DOCPIPE_PLUGIN_PATH"), 1);
    char both[1024];
    snprintf(both, sizeof both, "%s:%s", getenv("DOCPIPE_PLUGIN_PATH"), getenv("TEST_PLUGINS"));
    setenv("DOCPIPE_PLUGIN_PATH", both, 1);
    e = load("source = { plugin = \"text\"; };\n"
             "chain = ( { plugin = \"needsentity\"; },\n"
             "          { plugin = \"example\"; words = \"x\"; }, { plugin = \"jsonl\"; } );\n", NULL);
    setenv("DOCPIPE_PLUGIN_PATH", getenv("DOCPIPE_PLUGIN_PATH_SAVED"), 1);
    ASSERT_HAS(e, "p.cfg:2: translator 'needsentity' consumes 'entity', which nothing before it produces");
}
END_TEST

START_TEST(no_writer)
{
    char *e = load("source = { plugin = \"text\"; };\n"
                   "chain = ( { plugin = \"example\"; words = \"x\"; } );\n", NULL);
    ASSERT_HAS(e, "the chain has no writer");
}
END_TEST

START_TEST(duplicate_instance_names)
{
    char *e = load("source = { plugin = \"text\"; };\n"
                   "chain = ( { plugin = \"jsonl\"; path = \"a\"; },\n"
                   "          { plugin = \"jsonl\"; path = \"b\"; } );\n", NULL);
    ASSERT_HAS(e, "p.cfg:3: instance name 'jsonl' is already used at");
    dp_plan *p = NULL;
    e = load("source = { plugin = \"text\"; };\n"
             "chain = ( { plugin = \"jsonl\"; name = \"a\"; path = \"a\"; },\n"
             "          { plugin = \"jsonl\"; name = \"b\"; path = \"b\"; } );\n", &p);
    ck_assert_str_eq(e, "");
    ck_assert_str_eq(dp_instance_name(dp_plan_chain(p)->stages[1]), "b");
    dp_plan_free(p);
}
END_TEST

START_TEST(data_files_on_the_search_path)
{
    char d[256];
    snprintf(d, sizeof d, "%s/two", dir);
    ck_assert_int_eq(mkdir(d, 0755), 0);
    write_cfg("two/list.tsv", "Hà Nội\tLOC\tloc:hn\tHanoi\n");
    unsetenv("DOCPIPE_DATA_PATH");
    dp_plan *p = NULL;
    char *e = load("data_path = [ \"one\", \"two\" ];\n"
                   "source = { plugin = \"text\"; };\n"
                   "chain = ( { plugin = \"gazetteer\"; lists = [ \"list.tsv\" ]; },\n"
                   "          { plugin = \"jsonl\"; path = \"out.jsonl\"; } );\n", &p);
    ck_assert_str_eq(e, "");
    char want[512];
    snprintf(want, sizeof want, "%s/two/list.tsv", dir);
    ck_assert_str_eq(dp_opt_item(dp_plan_chain(p)->stages[0], "lists", 0), want);
    dp_plan_free(p);
    /* a name found nowhere: the option's file:line and every place searched, in order */
    e = load("data_path = [ \"one\", \"two\" ];\n"
             "source = { plugin = \"text\"; };\n"
             "chain = ( { plugin = \"gazetteer\";\n"
             "            lists = [ \"list.tsv\", \"none.tsv\" ]; },\n"
             "          { plugin = \"jsonl\"; path = \"out.jsonl\"; } );\n", NULL);
    char expect[1024];
    snprintf(expect, sizeof expect, "p.cfg:4: option 'lists' of plugin 'gazetteer': no data file 'none.tsv'; searched "
             "%s/none.tsv, %s/one/none.tsv, %s/two/none.tsv, ", dir, dir, dir);
    ASSERT_HAS(e, expect);
    ck_assert_ptr_null(strstr(e, "list.tsv'")); /* the one that exists is no error */
}
END_TEST

START_TEST(syntax_error_and_unknown_global)
{
    char *e = load("source = { plugin \"text\"; };\n", NULL);
    ASSERT_HAS(e, "p.cfg:1: syntax error");
    e = load("source = { plugin = \"text\"; };\nchain = ( { plugin = \"jsonl\"; } );\nthread = 4;\n", NULL);
    ASSERT_HAS(e, "p.cfg:3: unknown setting 'thread'; allowed at the top level: plugin_path data_path threads");
    e = load("threads = \"4\";\nsource = { plugin = \"text\"; };\nchain = ( { plugin = \"jsonl\"; } );\n", NULL);
    ASSERT_HAS(e, "p.cfg:1: 'threads' must be an integer");
}
END_TEST

START_TEST(variables_and_include)
{
    setenv("DP_TEST_OUT", "from-env.jsonl", 1);
    unsetenv("DP_TEST_UNSET");
    write_cfg("writer.inc", "{ plugin = \"jsonl\"; name = \"w\"; path = \"${DP_TEST_OUT}\"; }\n");
    dp_plan *p = NULL;
    char *e = load("source = { plugin = \"text\"; paths = [ \"${DP_TEST_UNSET:-in}/x.txt\" ]; };\n"
                   "chain = (\n@include \"writer.inc\"\n);\n", &p);
    ck_assert_str_eq(e, "");
    ck_assert_str_eq(dp_opt_str(dp_plan_chain(p)->stages[0], "path"), "from-env.jsonl");
    /* Source paths resolve against the config's directory. */
    char want[256];
    snprintf(want, sizeof want, "%s/in/x.txt", dir);
    ck_assert_str_eq(dp_opt_item(dp_plan_chain(p)->source, "paths", 0), want);
    dp_plan_free(p);
    e = load("source = { plugin = \"text\"; };\nchain = ( { plugin = \"jsonl\"; path = \"${DP_TEST_UNSET}\"; } );\n",
             NULL);
    ASSERT_HAS(e, "p.cfg:2: variable ${DP_TEST_UNSET} is not set");
}
END_TEST

START_TEST(loader_refuses_other_abi)
{
    const char *tp = getenv("TEST_PLUGINS");
    ck_assert_ptr_nonnull(tp);
    char *dirs[] = { (char *)tp };
    dp_loader *l = dp_loader_new(dirs, 1);
    dp_strbuf err = { 0 };
    ck_assert_ptr_null(dp_loader_load(l, "recognizer_badabi", NULL, &err));
    ck_assert_ptr_nonnull(err.data);
    ASSERT_HAS(err.data, "recognizer_badabi");
    ASSERT_HAS(err.data, "plugin built for docpipe ABI 3.0, but this docpipe has ABI 2.2");
    dp_strbuf_free(&err);
    /* A good one on the same path loads. */
    ck_assert_ptr_nonnull(dp_loader_load(l, "recognizer_failing", NULL, &err));
    dp_loader_free(l);
}
END_TEST

START_TEST(source_options_checked_like_a_run)
{
    /* What a run would refuse, the plan refuses: a size that is not one, an encoding iconv cannot open. */
    char *e = load("source = { plugin = \"text\";\n  max_size = \"64Q\"; };\n"
                   "chain = ( { plugin = \"jsonl\"; } );\n", NULL);
    ASSERT_HAS(e, "p.cfg:2: option 'max_size' of plugin 'text': '64Q' is not a size");
    e = load("source = { plugin = \"text\";\n\n  encoding = \"klingon\"; };\n"
             "chain = ( { plugin = \"jsonl\"; } );\n", NULL);
    ASSERT_HAS(e, "p.cfg:3: option 'encoding' of plugin 'text': unknown encoding 'klingon'");
    dp_plan *p = NULL;
    e = load("source = { plugin = \"text\"; encoding = \"tcvn3\"; max_size = \"2K\"; };\n"
             "chain = ( { plugin = \"jsonl\"; } );\n", &p);
    ck_assert_str_eq(e, "");
    ck_assert_int_eq(dp_plan_settings(p)->source.max_size, 2048);
    ck_assert_str_eq(dp_plan_settings(p)->source.encoding, "tcvn3");
    ck_assert_int_eq(dp_plan_settings(p)->source.lines, 0);
    dp_plan_free(p);
}
END_TEST

START_TEST(request_overrides_the_config)
{
    char *path = write_cfg("over.cfg", "threads = 3;\nmax_failures = 7;\ndead_letter = \"dl.jsonl\";\n"
                                       "source = { plugin = \"text\"; };\nchain = ( { plugin = \"jsonl\"; } );\n");
    dp_request req;
    dp_request_init(&req);
    req.config_path = path;
    req.check_only = 1;
    dp_strbuf errs = { 0 };
    dp_plan *p = NULL;
    ck_assert_int_eq(dp_plan_build(&req, &p, &errs), 0);
    const dp_run_settings *s = dp_plan_settings(p);
    ck_assert_int_eq(s->threads, 3);
    ck_assert_int_eq(s->max_failures, 7);
    ck_assert_str_eq(s->dead_letter, "dl.jsonl");
    ck_assert_str_eq(s->checkpoint, "over.checkpoint"); /* CONFIGNAME.checkpoint */
    dp_plan_free(p);
    req.threads = 1;
    req.max_failures = -1;
    req.dead_letter = "other.jsonl";
    req.shard_k = 1;
    req.shard_n = 4;
    ck_assert_int_eq(dp_plan_build(&req, &p, &errs), 0);
    s = dp_plan_settings(p);
    ck_assert_int_eq(s->threads, 1);
    ck_assert_int_eq(s->max_failures, -1);
    ck_assert_str_eq(s->dead_letter, "other.jsonl");
    ck_assert_str_eq(s->checkpoint, "over.1-of-4.checkpoint");
    dp_plan_free(p);
    /* Streaming needs a line-based source: refused with the source's line. */
    req.stdin_jsonl = 1;
    ck_assert_int_eq(dp_plan_build(&req, &p, &errs), 78);
    ck_assert_ptr_null(p);
    ASSERT_HAS(errs.data, "over.cfg:4: --stdin-jsonl needs a line-based source");
    dp_strbuf_free(&errs);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("errors");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, valid_config_loads);
    tcase_add_test(tc, unknown_option_names_line_allowed_keys_and_nearest);
    tcase_add_test(tc, wrong_type);
    tcase_add_test(tc, bad_enum_value);
    tcase_add_test(tc, missing_required_option);
    tcase_add_test(tc, unknown_plugin);
    tcase_add_test(tc, chain_consumes_what_nothing_produces);
    tcase_add_test(tc, no_writer);
    tcase_add_test(tc, duplicate_instance_names);
    tcase_add_test(tc, data_files_on_the_search_path);
    tcase_add_test(tc, syntax_error_and_unknown_global);
    tcase_add_test(tc, variables_and_include);
    tcase_add_test(tc, loader_refuses_other_abi);
    tcase_add_test(tc, source_options_checked_like_a_run);
    tcase_add_test(tc, request_overrides_the_config);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
