/* Unit tests of the HTML report: escaping of hostile input, highlights, index. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "check_run.h"

extern const dp_plugin docpipe_plugin;

static char tmpdir[256];

static void setup(void)
{
    snprintf(tmpdir, sizeof tmpdir, "%s/html-test.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", tmpdir);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    int c;
    while ((c = fgetc(f)) != EOF)
        fputc(c, m);
    fclose(m);
    fclose(f);
    return buf;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static const char HOSTILE_TEXT[] =
    "Tin nóng <script>document.title=\"PWNED\"</script> từ Hà Nội & Seoul.\n"
    "<img src=x onerror=alert(1)> Bộ Quốc phòng 'nói' \"không\".";

static dp_entity *add(dp_doc *doc, const char *surface, const char *type)
{
    const char *text = dp_doc_text(doc, NULL);
    const char *p = strstr(text, surface);
    ck_assert_ptr_nonnull(p);
    dp_harness_doc_instance(doc, "gaz"); /* as if that recognizer were running */
    dp_entity *e = dp_doc_entity_add(doc, (size_t)(p - text), (size_t)(p - text) + strlen(surface),
                                     type);
    ck_assert_ptr_nonnull(e);
    return e;
}

START_TEST(test_hostile_input_escaped)
{
    char dir[300], opt[320], err[512], path[700];
    snprintf(dir, sizeof dir, "%s/report", tmpdir);
    snprintf(opt, sizeof opt, "dir=%s", dir);
    const char *opts[] = { opt };
    dp_instance *inst = dp_harness_new(&docpipe_plugin, opts, 1, NULL, err, sizeof err);
    ck_assert_msg(inst != NULL, "harness: %s", err);

    dp_doc *doc = dp_doc_new("bad/<id>", "mem");
    ck_assert_int_eq(dp_doc_set_text(doc, HOSTILE_TEXT, strlen(HOSTILE_TEXT)), 0);
    ck_assert_int_eq(dp_doc_field_add(doc, "title", "<script>alert(1)</script> \"q\" & 'a'"), 0);
    ck_assert_int_eq(dp_doc_field_add(doc, "date", "2024-10-14"), 0);
    ck_assert_int_eq(dp_doc_field_add(doc, "author\"><b>", "x</td><script>y()</script>"), 0);
    dp_entity *e = add(doc, "Hà Nội", "LOC");
    ck_assert_int_eq(dp_entity_translation_set(doc, e, "en", "Hanoi \"<b>\" & 'x'"), 0);
    add(doc, "Seoul", "LOC");
    e = add(doc, "Bộ Quốc phòng", "ORG");
    ck_assert_int_eq(dp_entity_set_value(doc, e, "org:vn:mod"), 0);
    ck_assert_int_eq(dp_entity_translation_set(doc, e, "en", "Ministry of National Defence"), 0);
    add(doc, "Quốc phòng", "MISC"); /* overlaps the ORG: listed, not nested */
    ck_assert_int_eq(dp_harness_process(inst, doc, err, sizeof err), DP_OK);

    dp_doc *doc2 = dp_doc_new("plain-2", "mem");
    ck_assert_int_eq(dp_doc_set_text(doc2, "Đà Nẵng", strlen("Đà Nẵng")), 0);
    ck_assert_int_eq(dp_doc_field_add(doc2, "title", "Tin Đà Nẵng"), 0);
    add(doc2, "Đà Nẵng", "LOC");
    ck_assert_int_eq(dp_harness_process(inst, doc2, err, sizeof err), DP_OK);
    ck_assert_int_eq(dp_harness_flush(inst, err, sizeof err), DP_OK);
    dp_harness_free(inst);
    dp_doc_free(doc);
    dp_doc_free(doc2);

    /* The page of the hostile document: find it through the index. */
    snprintf(path, sizeof path, "%s/index.html", dir);
    char *index = slurp(path);
    ck_assert_ptr_nonnull(index);
    ck_assert_uint_eq(count(index, "<script"), 1); /* the filter, nothing else */
    ck_assert_ptr_nonnull(strstr(index, "&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; "
                                        "&amp; &#39;a&#39;</a>"));
    ck_assert_ptr_nonnull(strstr(index, "<td>2024-10-14</td>"));
    ck_assert_ptr_nonnull(strstr(index, "plain-2.html\">Tin Đà Nẵng</a>"));
    ck_assert_ptr_nonnull(strstr(index, "id=\"q\""));
    const char *href = strstr(index, "<a href=\"bad_");
    ck_assert_ptr_nonnull(href);
    char page[200];
    ck_assert_int_eq(sscanf(href, "<a href=\"%199[^\"]\"", page), 1);
    ck_assert_ptr_null(strchr(page, '/'));
    free(index);

    snprintf(path, sizeof path, "%s/%s", dir, page);
    char *html = slurp(path);
    ck_assert_ptr_nonnull(html);
    ck_assert_uint_eq(count(html, "<script"), 0);
    ck_assert_uint_eq(count(html, "<img"), 0);
    ck_assert_uint_eq(count(html, "<b>"), 0);
    ck_assert_ptr_nonnull(strstr(html, "&lt;script&gt;document.title=&quot;PWNED&quot;&lt;/script&gt;"));
    ck_assert_ptr_nonnull(strstr(html, "&lt;img src=x onerror=alert(1)&gt;"));
    ck_assert_ptr_nonnull(strstr(html, "Hà Nội</mark> &amp; <mark"));
    ck_assert_ptr_nonnull(
        strstr(html, "title=\"LOC · en: Hanoi &quot;&lt;b&gt;&quot; &amp; &#39;x&#39;\">Hà Nội</mark>"));
    ck_assert_ptr_nonnull(strstr(html, "<th>author&quot;&gt;&lt;b&gt;</th><td>x&lt;/td&gt;&lt;script&gt;"));
    ck_assert_ptr_nonnull(strstr(html, "&#39;nói&#39; &quot;không&quot;"));
    /* Three highlights (the nested MISC is not one), four rows in the entity table. */
    ck_assert_uint_eq(count(html, "<mark class=\"ent t-"), 3);
    ck_assert_uint_eq(count(html, "<tr><td class=\"num\"><a href=\"#e"), 4);
    ck_assert_ptr_nonnull(strstr(html, "<td>Ministry of National Defence</td><td>org:vn:mod</td>"));
    /* Code-point offsets of "Hà Nội" in the entity table. */
    const char *hn = strstr(HOSTILE_TEXT, "Hà Nội");
    char cell[64];
    size_t cps = 0;
    for (const char *p = HOSTILE_TEXT; p < hn; p++)
        cps += ((unsigned char)*p & 0xC0) != 0x80;
    snprintf(cell, sizeof cell, "<td class=\"num\">%zu</td><td class=\"num\">%zu</td>", cps, cps + 6);
    ck_assert_msg(strstr(html, cell) != NULL, "no %s", cell);
    ck_assert_ptr_nonnull(strstr(html, ".t-LOC{background:"));
    free(html);

    snprintf(path, sizeof path, "%s/index.tsv", dir);
    char *tsv = slurp(path);
    ck_assert_ptr_nonnull(tsv);
    ck_assert_ptr_nonnull(strstr(tsv, "plain-2\tTin Đà Nẵng\t\t1\tLOC=1\n"));
    free(tsv);
}
END_TEST

START_TEST(test_unwritable_dir)
{
    char plain[400], opt[420], err[512];
    snprintf(plain, sizeof plain, "%s/plain", tmpdir);
    FILE *f = fopen(plain, "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
    snprintf(opt, sizeof opt, "dir=%s/sub", plain);
    const char *opts[] = { opt };
    err[0] = '\0';
    ck_assert_ptr_null(dp_harness_new(&docpipe_plugin, opts, 1, NULL, err, sizeof err));
    ck_assert_msg(strstr(err, "plain/sub") != NULL, "message lacks the path: %s", err);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("writer_html");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_hostile_input_escaped);
    tcase_add_test(tc, test_unwritable_dir);
    suite_add_tcase(s, tc);
    return check_run(s);
}
