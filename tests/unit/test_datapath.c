/*
 * Unit tests: the data search path (datapath.c) — names against paths, the
 * order of the places, glob names, the list of places tried — and the
 * staging root of installed directories (installdirs.c).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datapath.h"
#include "installdirs.h"

static char dir[64];

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/dp-datapath-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    unsetenv("DOCPIPE_DATA_PATH");
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* dir/rel, with its folders; a file when content is given. */
static const char *make(const char *rel, const char *content)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    for (char *s = strchr(path + strlen(dir) + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        mkdir(path, 0755);
        *s = '/';
    }
    if (content) {
        FILE *f = fopen(path, "w");
        ck_assert_ptr_nonnull(f);
        fputs(content, f);
        fclose(f);
    } else {
        mkdir(path, 0755);
    }
    return path;
}

static char *at(const char *rel)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    return path;
}

START_TEST(names_and_paths)
{
    ck_assert(dp_datapath_is_name("vi/ranks.tsv"));
    ck_assert(dp_datapath_is_name("ranks.tsv"));
    ck_assert(dp_datapath_is_name(".hidden/x"));
    ck_assert(!dp_datapath_is_name("/abs/ranks.tsv"));
    ck_assert(!dp_datapath_is_name("./ranks.tsv"));
    ck_assert(!dp_datapath_is_name("../data/vi/ranks.tsv"));
    ck_assert(dp_datapath_has_glob("vi-en/*.tsv"));
    ck_assert(!dp_datapath_has_glob("vi-en/terms.tsv"));
}
END_TEST

START_TEST(first_place_wins_in_order)
{
    make("cfg/x", NULL);
    make("one/vi/a.tsv", "one");
    make("two/vi/a.tsv", "two");
    make("two/vi/b.tsv", "two");
    make("env/vi/c.tsv", "env");
    char one[512], two[512];
    snprintf(one, sizeof one, "%s", at("one"));
    snprintf(two, sizeof two, "%s", at("two"));
    char *dirs[] = { one, two };
    char env[600];
    snprintf(env, sizeof env, "%s/missing:%s/env", dir, dir);
    setenv("DOCPIPE_DATA_PATH", env, 1);
    dp_datapath dp;
    ck_assert_int_eq(dp_datapath_init(&dp, dirs, 2), 0);
    ck_assert_uint_ge(dp.n, 4); /* one, two, two env folders, the installed folder */
    ck_assert_str_eq(dp.dirs[0], one);
    ck_assert_str_eq(dp.dirs[3], at("env"));
    int oom = 0;
    char cfg[512];
    snprintf(cfg, sizeof cfg, "%s", at("cfg"));
    char *p = dp_datapath_find(&dp, cfg, "vi/a.tsv", NULL, &oom);
    ck_assert_str_eq(p, at("one/vi/a.tsv"));
    free(p);
    p = dp_datapath_find(&dp, cfg, "vi/b.tsv", NULL, &oom);
    ck_assert_str_eq(p, at("two/vi/b.tsv"));
    free(p);
    p = dp_datapath_find(&dp, cfg, "vi/c.tsv", NULL, &oom);
    ck_assert_str_eq(p, at("env/vi/c.tsv"));
    free(p);
    /* next to the config first */
    make("cfg/vi/a.tsv", "cfg");
    p = dp_datapath_find(&dp, cfg, "vi/a.tsv", NULL, &oom);
    ck_assert_str_eq(p, at("cfg/vi/a.tsv"));
    free(p);
    /* a folder is not a data file */
    make("one/vi/dir.tsv", NULL);
    make("two/vi/dir.tsv", "two");
    p = dp_datapath_find(&dp, cfg, "vi/dir.tsv", NULL, &oom);
    ck_assert_str_eq(p, at("two/vi/dir.tsv"));
    free(p);
    ck_assert_int_eq(oom, 0);
    dp_datapath_free(&dp);
    unsetenv("DOCPIPE_DATA_PATH");
}
END_TEST

START_TEST(a_missing_name_lists_every_place)
{
    make("cfg/x", NULL);
    make("one/x", NULL);
    char one[512], cfg[512];
    snprintf(one, sizeof one, "%s", at("one"));
    snprintf(cfg, sizeof cfg, "%s", at("cfg"));
    char *dirs[] = { one };
    dp_datapath dp;
    ck_assert_int_eq(dp_datapath_init(&dp, dirs, 1), 0);
    dp_strbuf tried = { 0 };
    int oom = 0;
    ck_assert_ptr_null(dp_datapath_find(&dp, cfg, "vi/none.tsv", &tried, &oom));
    char want[2048];
    snprintf(want, sizeof want, "%s/vi/none.tsv, %s/vi/none.tsv, ", cfg, one);
    ck_assert_msg(strncmp(tried.data, want, strlen(want)) == 0, "tried: %s", tried.data);
    ck_assert_msg(strstr(tried.data + strlen(want), "/vi/none.tsv"), "the installed folder is tried: %s", tried.data);
    dp_strbuf_free(&tried);
    /* a path is tried where it is written, and only there */
    memset(&tried, 0, sizeof tried);
    ck_assert_ptr_null(dp_datapath_find(&dp, cfg, "./vi/none.tsv", &tried, &oom));
    snprintf(want, sizeof want, "%s/./vi/none.tsv", cfg);
    ck_assert_str_eq(tried.data, want);
    dp_strbuf_free(&tried);
    dp_datapath_free(&dp);
}
END_TEST

START_TEST(glob_names_expand_in_the_first_place_that_matches)
{
    make("cfg/x", NULL);
    make("one/vi-en/readme.md", "no");
    make("two/vi-en/b.tsv", "b");
    make("two/vi-en/a.tsv", "a");
    make("three/vi-en/c.tsv", "c");
    char one[512], two[512], three[512], cfg[512];
    snprintf(one, sizeof one, "%s", at("one"));
    snprintf(two, sizeof two, "%s", at("two"));
    snprintf(three, sizeof three, "%s", at("three"));
    snprintf(cfg, sizeof cfg, "%s", at("cfg"));
    char *dirs[] = { one, two, three };
    dp_datapath dp;
    ck_assert_int_eq(dp_datapath_init(&dp, dirs, 3), 0);
    char **files = NULL;
    dp_strbuf tried = { 0 };
    ck_assert_int_eq(dp_datapath_glob(&dp, cfg, "vi-en/*.tsv", &files, &tried), 2);
    ck_assert_str_eq(files[0], at("two/vi-en/a.tsv"));
    ck_assert_str_eq(files[1], at("two/vi-en/b.tsv"));
    for (int i = 0; i < 2; i++) free(files[i]);
    free(files);
    ck_assert_int_eq(dp_datapath_glob(&dp, cfg, "vi-en/*.none", &files, &tried), 0);
    ck_assert_ptr_null(files);
    ck_assert_ptr_nonnull(strstr(tried.data, "three/vi-en/*.none"));
    dp_strbuf_free(&tried);
    dp_datapath_free(&dp);
}
END_TEST

START_TEST(staging_root)
{
    char root[256];
    ck_assert_int_eq(dp_install_root("/usr/local/bin", "/usr/local/bin", root, sizeof root), 0);
    ck_assert_str_eq(root, "");
    ck_assert_int_eq(dp_install_root("/tmp/stage/usr/local/bin", "/usr/local/bin", root, sizeof root), 0);
    ck_assert_str_eq(root, "/tmp/stage");
    ck_assert_int_eq(dp_install_root("/home/me/build/core/.libs", "/usr/local/bin", root, sizeof root), 0);
    ck_assert_str_eq(root, "");
    ck_assert_int_eq(dp_install_root("/tmp/xusr/local/bin", "/usr/local/bin", root, sizeof root), 0);
    ck_assert_str_eq(root, ""); /* the tail must start at a '/' of the path */
    ck_assert_int_eq(dp_install_root("/a/very/long/stage/usr/bin", "/usr/bin", root, 4), -1);
    char buf[4096];
    ck_assert_ptr_nonnull(dp_install_dir_get(DP_DIR_DATA, buf, sizeof buf));
    ck_assert_ptr_nonnull(strstr(buf, "docpipe"));
    ck_assert_ptr_null(dp_install_dir_get(DP_DIR_DATA, buf, 3));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("datapath");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, names_and_paths);
    tcase_add_test(tc, first_place_wins_in_order);
    tcase_add_test(tc, a_missing_name_lists_every_place);
    tcase_add_test(tc, glob_names_expand_in_the_first_place_that_matches);
    tcase_add_test(tc, staging_root);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}
