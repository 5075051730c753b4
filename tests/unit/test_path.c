/* Unit tests: path helpers (docpipe/path.h). */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "docpipe/docpipe.h"
#include "check_run.h"

static void expect_join(const char *dir, const char *name, const char *ext, const char *want)
{
    char *p = dp_path_join(dir, name, ext);
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(p, want);
    free(p);
}

START_TEST(path_join_forms)
{
    expect_join("out/brat", "01_article", ".ann", "out/brat/01_article.ann");
    expect_join("out/brat/", "index", ".html", "out/brat/index.html");
    expect_join("/", "tmp", NULL, "/tmp");
    expect_join("", "name", ".txt", "name.txt");
    expect_join(NULL, "name", "", "name");
    expect_join("data", "vi/{countries,places}.tsv", NULL, "data/vi/{countries,places}.tsv");
}
END_TEST

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

START_TEST(mkdirs_nested_existing_and_failing)
{
    char root[] = "/tmp/dp_path_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(root));
    char *deep = dp_path_join(root, "a/b/c", NULL);
    ck_assert_int_eq(dp_mkdirs(deep), 0);
    ck_assert(is_dir(deep));
    ck_assert_int_eq(dp_mkdirs(deep), 0); /* already there: fine */

    /* dp_mkdirs_for makes the folders of a file, not the file. */
    char *file = dp_path_join(root, "x/y/out", ".jsonl");
    ck_assert_int_eq(dp_mkdirs_for(file), 0);
    char *xy = dp_path_join(root, "x/y", NULL);
    ck_assert(is_dir(xy));
    struct stat st;
    ck_assert_int_eq(stat(file, &st), -1);
    ck_assert_int_eq(dp_mkdirs_for("no-folder.txt"), 0);

    /* A regular file in the way: -1 with errno. */
    FILE *f = fopen(file, "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
    char *under = dp_path_join(file, "sub", NULL);
    errno = 0;
    ck_assert_int_eq(dp_mkdirs(under), -1);
    ck_assert_int_ne(errno, 0);

    unlink(file);
    rmdir(xy);
    char *x = dp_path_join(root, "x", NULL);
    rmdir(x);
    rmdir(deep);
    char *ab = dp_path_join(root, "a/b", NULL), *a = dp_path_join(root, "a", NULL);
    rmdir(ab);
    rmdir(a);
    rmdir(root);
    free(deep);
    free(file);
    free(xy);
    free(under);
    free(x);
    free(ab);
    free(a);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("path");
    TCase *tc = tcase_create("path");
    tcase_add_test(tc, path_join_forms);
    tcase_add_test(tc, mkdirs_nested_existing_and_failing);
    suite_add_tcase(s, tc);
    return check_run(s);
}
