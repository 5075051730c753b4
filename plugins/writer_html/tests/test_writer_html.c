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
    ck_assert_ptr_nonnull(strstr(tsv, "plain-2\tTin Đà Nẵng\t\t1\tLOC=1\t\t\n"));
    free(tsv);

    /* The entity index: the hostile English rendering escaped, no script but the filter. */
    snprintf(path, sizeof path, "%s/entities/index.html", dir);
    char *ents = slurp(path);
    ck_assert_ptr_nonnull(ents);
    ck_assert_uint_eq(count(ents, "<script"), 1);
    ck_assert_uint_eq(count(ents, "\"<b>\""), 0);
    ck_assert_ptr_nonnull(strstr(ents, "Hanoi &quot;&lt;b&gt;&quot; &amp; &#39;x&#39;"));
    free(ents);
    snprintf(path, sizeof path, "%s/entities/mentions-1.html", dir);
    char *ments = slurp(path);
    ck_assert_ptr_nonnull(ments);
    ck_assert_uint_eq(count(ments, "<script"), 0);
    ck_assert_uint_eq(count(ments, "<img"), 0);
    ck_assert_ptr_nonnull(strstr(ments, "&lt;/script&gt; từ <mark"));
    free(ments);
}
END_TEST

/* A report of docs[0..n) written with the options opts[0..nopts) into <tmpdir>/<name>. */
static void report(const char *name, dp_doc **docs, size_t n, const char **opts, size_t nopts, char *dir,
                   size_t size)
{
    char opt[320], err[512];
    snprintf(dir, size, "%s/%s", tmpdir, name);
    snprintf(opt, sizeof opt, "dir=%s", dir);
    const char *all[8] = { opt };
    for (size_t i = 0; i < nopts && i < 7; i++)
        all[i + 1] = opts[i];
    dp_instance *inst = dp_harness_new(&docpipe_plugin, all, nopts + 1, NULL, err, sizeof err);
    ck_assert_msg(inst != NULL, "harness: %s", err);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(dp_harness_process(inst, docs[i], err, sizeof err), DP_OK);
    ck_assert_msg(dp_harness_flush(inst, err, sizeof err) == DP_OK, "flush: %s", err);
    dp_harness_free(inst);
}

static char *slurp_in(const char *dir, const char *name)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *s = slurp(path);
    ck_assert_msg(s != NULL, "cannot read %s", path);
    return s;
}

static dp_doc *text_doc(const char *id, const char *text)
{
    dp_doc *d = dp_doc_new(id, "mem");
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(dp_doc_set_text(d, text, strlen(text)), 0);
    return d;
}

START_TEST(test_links_and_metadata)
{
    static const char TEXT[] = "Theo https://www.qdnd.vn/quoc-te/bai-12-3.html, liên hệ toa-soan@qdnd.vn, "
                               "ảnh quang-canh.jpg.\nHà Nội.";
    dp_doc *d = text_doc("links", TEXT);
    ck_assert_int_eq(dp_doc_field_add(d, "title", "Hà Nội hôm nay"), 0);
    ck_assert_int_eq(dp_doc_field_add(d, "title_derived", "first sentence"), 0);
    ck_assert_int_eq(dp_doc_field_add(d, "date", "--09-11"), 0);
    ck_assert_int_eq(dp_doc_field_add(d, "date_inferred", "lede"), 0);
    ck_assert_int_eq(dp_doc_field_add(d, "source", "qdnd.vn"), 0);
    ck_assert_int_eq(dp_doc_field_add(d, "source", "qdnd.vn"), 0); /* a repeat from another stage */
    ck_assert_int_eq(dp_doc_field_add(d, "source", "Báo Lạng Sơn"), 0);
    ck_assert_int_eq(dp_doc_field_add(d, "url", "https://baolangson.vn/a.html"), 0);
    add(d, "Hà Nội", "LOC");
    char dir[400];
    report("links", &d, 1, NULL, 0, dir, sizeof dir);
    dp_doc_free(d);
    char *html = slurp_in(dir, "links.html");
    ck_assert_ptr_nonnull(strstr(html, "Theo <a class=\"url\" href=\"https://www.qdnd.vn/quoc-te/bai-12-3.html\" "
                                       "rel=\"nofollow noopener noreferrer\">https://www.qdnd.vn/quoc-te/bai-12-3.html</a>, "));
    ck_assert_ptr_nonnull(strstr(html, "<a class=\"email\" href=\"mailto:toa-soan@qdnd.vn\">toa-soan@qdnd.vn</a>"));
    ck_assert_ptr_nonnull(strstr(html, "<code class=\"file\">quang-canh.jpg</code>"));
    /* metadata: one row per key, each value once, URLs linked, derived values marked */
    ck_assert_uint_eq(count(html, "<th>source</th>"), 1);
    ck_assert_ptr_nonnull(strstr(html, "<th>source</th><td><a class=\"url\" href=\"https://qdnd.vn\" "
                                       "rel=\"nofollow noopener noreferrer\">qdnd.vn</a><br>Báo Lạng Sơn</td>"));
    ck_assert_ptr_nonnull(strstr(html, "<th>url</th><td><a class=\"url\" href=\"https://baolangson.vn/a.html\""));
    ck_assert_ptr_nonnull(strstr(html, "<th>title</th><td>Hà Nội hôm nay <small class=\"derived\">(derived from the first sentence)</small>"));
    ck_assert_ptr_nonnull(strstr(html, "<th>date</th><td>--09-11 <small class=\"inferred\">(inferred from the lede)</small>"));
    ck_assert_uint_eq(count(html, "<th>title_derived</th>"), 0);
    ck_assert_ptr_nonnull(strstr(html, "<h1>Hà Nội hôm nay <small class=\"derived\">"));
    free(html);
    char *index = slurp_in(dir, "index.html");
    ck_assert_ptr_nonnull(strstr(index, "<i class=\"derived\" title=\"derived from the first sentence\">Hà Nội hôm nay</i>"));
    ck_assert_ptr_nonnull(strstr(index, "<i class=\"inferred\" title=\"inferred from the lede\">--09-11</i>"));
    ck_assert_ptr_nonnull(strstr(index, "href=\"entities/index.html\""));
    free(index);
}
END_TEST

START_TEST(test_entity_index)
{
    dp_doc *d[3];
    d[0] = text_doc("a", "Bộ Quốc phòng họp tại Hà Nội.\nHà Nội đẹp.");
    d[1] = text_doc("b", "Ông Lê Văn A đến HÀ NỘI. Bộ Quốc Phòng chào đón.");
    d[2] = text_doc("c", "Tin khác về Seoul.");
    for (int i = 0; i < 3; i++) {
        char t[32];
        snprintf(t, sizeof t, "Bài %c", 'A' + i);
        ck_assert_int_eq(dp_doc_field_add(d[i], "title", t), 0);
    }
    dp_entity *e = add(d[0], "Bộ Quốc phòng", "ORG");
    ck_assert_int_eq(dp_entity_attr_set(d[0], e, "id", "org:vn:mod"), 0);
    ck_assert_int_eq(dp_entity_translation_set(d[0], e, "en", "Ministry of National Defence"), 0);
    e = add(d[1], "Bộ Quốc Phòng", "ORG"); /* another form, the same canonical id */
    ck_assert_int_eq(dp_entity_attr_set(d[1], e, "id", "org:vn:mod"), 0);
    add(d[0], "Hà Nội", "LOC");
    const char *t0 = dp_doc_text(d[0], NULL);
    const char *second = strstr(strstr(t0, "Hà Nội") + 1, "Hà Nội");
    dp_harness_doc_instance(d[0], "gaz");
    ck_assert_ptr_nonnull(dp_doc_entity_add(d[0], (size_t)(second - t0), (size_t)(second - t0) + strlen("Hà Nội"), "LOC"));
    add(d[1], "HÀ NỘI", "LOC"); /* no id: grouped by type and match key */
    add(d[1], "Lê Văn A", "PER");
    add(d[2], "Seoul", "LOC");
    char dir[400];
    report("ents", d, 3, NULL, 0, dir, sizeof dir);
    for (int i = 0; i < 3; i++)
        dp_doc_free(d[i]);

    char *idx = slurp_in(dir, "entities/index.html");
    /* four distinct entities: the ministry (2 documents, 2 mentions), Hà Nội (2, 3), Lê Văn A, Seoul */
    ck_assert_uint_eq(count(idx, "<tr data-type="), 4);
    ck_assert_msg(strstr(idx, ">Hà Nội</a></td><td></td><td></td><td class=\"num\">2</td><td class=\"num\">3</td>") != NULL, "%s", idx);
    ck_assert_ptr_nonnull(strstr(idx, "<td>Ministry of National Defence</td><td>org:vn:mod</td><td class=\"num\">2</td><td class=\"num\">2</td>"));
    ck_assert_ptr_nonnull(strstr(idx, "<a href=\"type-PER.html\">"));
    ck_assert_ptr_nonnull(strstr(idx, "<option value=\"LOC\">"));
    /* the most documents first: Seoul (1 document) after Hà Nội (2) */
    ck_assert_ptr_nonnull(strstr(idx, ">Hà Nội</a>"));
    ck_assert(strstr(idx, ">Hà Nội</a>") < strstr(idx, ">Seoul</a>"));
    free(idx);
    char *per = slurp_in(dir, "entities/type-PER.html");
    ck_assert_uint_eq(count(per, "<tr data-type="), 1);
    ck_assert_ptr_nonnull(strstr(per, ">Lê Văn A</a>"));
    free(per);
    char *m = slurp_in(dir, "entities/mentions-1.html");
    /* each mention in its context, linked to the highlight in its document page */
    ck_assert_ptr_nonnull(strstr(m, "<a href=\"../a.html#e2\">Bài A</a></td><td class=\"ctx\">Bộ Quốc phòng họp tại <mark"));
    ck_assert_ptr_nonnull(strstr(m, "<a href=\"../b.html#e2\">Bài B</a></td><td class=\"ctx\">Ông Lê Văn A đến <mark"));
    ck_assert_ptr_nonnull(strstr(m, "written as: Bộ Quốc Phòng (1), Bộ Quốc phòng (1)"));
    free(m);
    /* the document page has the anchors the mentions link to */
    char *a = slurp_in(dir, "a.html");
    ck_assert_ptr_nonnull(strstr(a, "id=\"e2\""));
    free(a);
}
END_TEST

START_TEST(test_entity_index_pages)
{
    /* 25 distinct entities, 10 a page: three listing pages linked to each other */
    char text[2048] = "";
    for (int i = 0; i < 25; i++) {
        char w[32];
        snprintf(w, sizeof w, "Tên%02d ", i);
        strcat(text, w);
    }
    dp_doc *d = text_doc("many", text);
    for (int i = 0; i < 25; i++) {
        char w[32];
        snprintf(w, sizeof w, "Tên%02d", i);
        add(d, w, i % 2 ? "PER" : "ORG");
    }
    const char *opts[] = { "entities_per_page=10", "mentions_shown=1" };
    char dir[400];
    report("pages", &d, 1, opts, 2, dir, sizeof dir);
    dp_doc_free(d);
    char *p1 = slurp_in(dir, "entities/index.html"), *p3 = slurp_in(dir, "entities/index-3.html");
    ck_assert_uint_eq(count(p1, "<tr data-type="), 10);
    ck_assert_uint_eq(count(p3, "<tr data-type="), 5);
    ck_assert_ptr_nonnull(strstr(p1, "page 1 of 3"));
    ck_assert_ptr_nonnull(strstr(p1, "<a href=\"index-2.html\" rel=\"next\">"));
    ck_assert_ptr_nonnull(strstr(p3, "<a href=\"index.html\">1</a>"));
    char *org2 = slurp_in(dir, "entities/type-ORG-2.html");
    ck_assert_uint_eq(count(org2, "<tr data-type="), 3);
    free(p1);
    free(p3);
    free(org2);
    /* 25 documents, 10 a page: index.html, index-2.html, index-3.html; a document whose id
       is a page's name is renamed */
    dp_doc *docs[25];
    for (int i = 0; i < 25; i++) {
        char id[32];
        snprintf(id, sizeof id, i == 0 ? "index-2" : "doc%02d", i);
        docs[i] = text_doc(id, "Tên00");
    }
    const char *paged[] = { "docs_per_page=10" };
    report("docpages", docs, 25, paged, 1, dir, sizeof dir);
    for (int i = 0; i < 25; i++)
        dp_doc_free(docs[i]);
    char *i1 = slurp_in(dir, "index.html"), *i2 = slurp_in(dir, "index-2.html"), *i3 = slurp_in(dir, "index-3.html");
    ck_assert_uint_eq(count(i1, "<tr data-types="), 10);
    ck_assert_uint_eq(count(i2, "<tr data-types="), 10);
    ck_assert_uint_eq(count(i3, "<tr data-types="), 5);
    ck_assert_ptr_nonnull(strstr(i1, "<p>25 documents.</p>"));
    ck_assert_ptr_nonnull(strstr(i2, "<a href=\"index-3.html\" rel=\"next\">"));
    ck_assert_ptr_nonnull(strstr(i1, "<a href=\"index-"));
    ck_assert_ptr_null(strstr(i1, "href=\"index-2.html\">index-2</a>")); /* the document is not the page */
    free(i1);
    free(i2);
    free(i3);
    /* entity_index = false: no entities folder, no link */
    const char *off[] = { "entity_index=false" };
    d = text_doc("x", "Tên00");
    add(d, "Tên00", "ORG");
    report("off", &d, 1, off, 1, dir, sizeof dir);
    dp_doc_free(d);
    char path[700];
    snprintf(path, sizeof path, "%s/entities", dir);
    FILE *f = fopen(path, "r");
    ck_assert_ptr_null(f);
    char *index = slurp_in(dir, "index.html");
    ck_assert_ptr_null(strstr(index, "entities/index.html"));
    free(index);
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
    tcase_add_test(tc, test_links_and_metadata);
    tcase_add_test(tc, test_entity_index);
    tcase_add_test(tc, test_entity_index_pages);
    suite_add_tcase(s, tc);
    return check_run(s);
}
