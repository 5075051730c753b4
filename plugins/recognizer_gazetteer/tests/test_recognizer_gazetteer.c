/* Unit tests of the gazetteer recognizer (and of its TSV loader and cache). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <docpipe/docpipe.h>

#include "../gaz.h"
#include "check_run.h"

extern const dp_plugin docpipe_plugin;

static char tmpdir[64];

static void setup(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/gaztest.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

/* Write a list file under the test directory; returns its path (static buffer per name). */
static const char *write_list(const char *name, const char *content)
{
    static char paths[4][256];
    static int k;
    char *p = paths[k++ % 4];
    snprintf(p, 256, "%s/%s", tmpdir, name);
    FILE *f = fopen(p, "w");
    ck_assert_ptr_nonnull(f);
    fputs(content, f);
    ck_assert_int_eq(fclose(f), 0);
    return p;
}

static dp_instance *make(const char *list, const char *o1, const char *o2, char *err, size_t errlen)
{
    char lopt[320];
    snprintf(lopt, sizeof lopt, "lists=%s", list);
    const char *opts[3] = { lopt, o1, o2 };
    size_t n = 1 + (o1 != NULL) + (o1 && o2);
    return dp_harness_new(&docpipe_plugin, opts, n, NULL, err, errlen);
}

static dp_instance *make_ok(const char *list, const char *o1, const char *o2)
{
    char err[512] = "";
    dp_instance *inst = make(list, o1, o2, err, sizeof err);
    ck_assert_msg(inst != NULL, "harness: %s", err);
    return inst;
}

/*
 * Run the instance on text; returns "TYPE:surface|TYPE:surface…" (static
 * buffer) in entity order, checking that every span slices to its surface.
 */
static const char *run(dp_instance *inst, const char *text)
{
    static char out[4096];
    dp_doc *d = dp_doc_new("t", "test");
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(dp_doc_set_text(d, text, strlen(text)), 0);
    char err[256] = "";
    ck_assert_int_eq(dp_harness_process(inst, d, err, sizeof err), DP_OK);
    dp_doc_entities_sort(d);
    out[0] = '\0';
    size_t tlen;
    const char *t = dp_doc_text(d, &tlen);
    for (size_t i = 0; i < dp_doc_entity_count(d); i++) {
        const dp_entity *e = dp_doc_entity_at(d, i);
        size_t slen;
        const char *s = dp_entity_surface(d, e, &slen);
        ck_assert_ptr_eq(s, t + e->start);
        ck_assert_uint_eq(slen, e->end - e->start);
        ck_assert(dp_utf8_boundary(t, tlen, e->start) && dp_utf8_boundary(t, tlen, e->end));
        size_t l = strlen(out);
        snprintf(out + l, sizeof out - l, "%s%s:%.*s", i ? "|" : "", e->type, (int)slen, s);
    }
    dp_doc_free(d);
    return out;
}

static const char *LIST =
    "# test list\n"
    "Khánh Hòa\tLOC\tloc:kh\tKhanh Hoa\tkind=province\n"
    "Hòa Bình\tLOC\tloc:hb\tHoa Binh\n"
    "Lào\tLOC\tloc:la\tLaos\tiso2=LA;adj=Lao\n"
    "Bộ Quốc phòng\tORG\torg:mod\tMinistry of National Defence\n"
    "Quốc phòng\tMISC\tmisc:qp\tnational defence\n"
    "Bộ Quốc phòng Việt Nam\tORG\torg:mod:vn\tVietnamese Ministry of National Defence\n"
    "Việt Nam\tLOC\tloc:vn\tVietnam\n"
    "Đà Nẵng\tLOC\tloc:dn\tDa Nang\n"
    "DOC\tMISC\tmisc:doc\tDOC\tkind=document\n"
    "ADMM+\tORG\torg:admmp\tADMM-Plus\n"
    "ADMM\tORG\torg:admm\tADMM\n"
    "châu Á\tLOC\tloc:asia\tAsia\n"
    "Anh\tLOC\tloc:gb\tUnited Kingdom\tambiguous=given_name\n"
    "Hàn\tLOC\tloc:kr\tSouth Korea\tambiguous=common_word\n"
    "Hồ Chí Minh\tLOC\tloc:hcm\tHo Chi Minh City\tambiguous=person_name\n"
    "Thành phố Hồ Chí Minh\tLOC\tloc:hcm\tHo Chi Minh City\n"
    "Xin-ga-po\tLOC\tloc:sg\tSingapore\n";

START_TEST(tone_and_case_variants)
{
    dp_instance *inst = make_ok(write_list("l.tsv", LIST), NULL, NULL);
    /* old/new tone placement, all caps, decomposed input is NFC'd by the doc */
    ck_assert_str_eq(run(inst, "Tỉnh Khánh Hoà và KHÁNH HÒA, Khánh Hòa."),
                     "LOC:Khánh Hoà|LOC:KHÁNH HÒA|LOC:Khánh Hòa");
    ck_assert_str_eq(run(inst, "Kha\xcc\x81nh Ho\xcc\x80""a"), "LOC:Khánh Hòa");
    /* a capitalised list surface does not match a lowercase phrase */
    ck_assert_str_eq(run(inst, "vì hòa bình và hoà bình, tỉnh Hoà Bình"), "LOC:Hoà Bình");
    /* every word capitalised in the list: every word capitalised in the text */
    ck_assert_str_eq(run(inst, "Gìn giữ Hòa bình, HÒA BÌNH"), "LOC:HÒA BÌNH");
    /* white space runs inside a name */
    ck_assert_str_eq(run(inst, "Bộ  Quốc\tphòng"), "ORG:Bộ  Quốc\tphòng");
    /* a lowercase list surface matches any case */
    ck_assert_str_eq(run(inst, "các nước châu Á, Châu Á"), "LOC:châu Á|LOC:Châu Á");
    dp_harness_free(inst);

    inst = make_ok(write_list("l.tsv", LIST), "require_capital=false", NULL);
    ck_assert_str_eq(run(inst, "vì hòa bình"), "LOC:hòa bình");
    dp_harness_free(inst);
}
END_TEST

START_TEST(word_boundaries)
{
    dp_instance *inst = make_ok(write_list("l.tsv", LIST), "ambiguous=plain", NULL);
    ck_assert_str_eq(run(inst, "Làocai Thanh Lào."), "LOC:Lào");
    ck_assert_str_eq(run(inst, "Anh, Thanh Anh"), "LOC:Anh|LOC:Anh");
    ck_assert_str_eq(run(inst, "ViệtNam Việt Namese Việt Nam-Lào"), "LOC:Việt Nam|LOC:Lào");
    ck_assert_str_eq(run(inst, "ADMM+ và ADMM, ADMMX"), "ORG:ADMM+|ORG:ADMM");
    ck_assert_str_eq(run(inst, "Xin-ga-po; Xin - ga - po; Xinga-po"), "LOC:Xin-ga-po|LOC:Xin - ga - po");
    dp_harness_free(inst);
}
END_TEST

START_TEST(overlap_policies)
{
    const char *list = write_list("l.tsv", LIST);
    dp_instance *inst = make_ok(list, NULL, NULL);
    ck_assert_str_eq(run(inst, "Bộ Quốc phòng Việt Nam"), "ORG:Bộ Quốc phòng Việt Nam");
    ck_assert_str_eq(run(inst, "Bộ Quốc phòng Lào"), "ORG:Bộ Quốc phòng|LOC:Lào");
    dp_harness_free(inst);

    inst = make_ok(list, "overlap=all", NULL);
    ck_assert_str_eq(run(inst, "Bộ Quốc phòng Việt Nam"),
                     "ORG:Bộ Quốc phòng Việt Nam|ORG:Bộ Quốc phòng|MISC:Quốc phòng|LOC:Việt Nam");
    dp_harness_free(inst);

    /* leftmost wins over longer-but-later: "A B" + "B C D" over "A B C D" */
    const char *l2 = write_list("l2.tsv", "Alpha Beta\tLOC\ta\tA\nBeta Gamma Delta\tLOC\tb\tB\n");
    inst = make_ok(l2, NULL, NULL);
    ck_assert_str_eq(run(inst, "Alpha Beta Gamma Delta"), "LOC:Alpha Beta");
    ck_assert_str_eq(run(inst, "Beta Gamma Delta"), "LOC:Beta Gamma Delta");
    dp_harness_free(inst);
    inst = make_ok(l2, "overlap=all", NULL);
    ck_assert_str_eq(run(inst, "Alpha Beta Gamma Delta"), "LOC:Alpha Beta|LOC:Beta Gamma Delta");
    dp_harness_free(inst);
}
END_TEST

START_TEST(offsets_on_multibyte_text)
{
    dp_instance *inst = make_ok(write_list("l.tsv", LIST), NULL, NULL);
    const char *text = "“Đoàn” đến Đà Nẵng – ĐÀ NẴNG; Khánh Hoà.";
    dp_doc *d = dp_doc_new("t", "test");
    ck_assert_int_eq(dp_doc_set_text(d, text, strlen(text)), 0);
    char err[256];
    ck_assert_int_eq(dp_harness_process(inst, d, err, sizeof err), DP_OK);
    ck_assert_uint_eq(dp_doc_entity_count(d), 3);
    const char *want[] = { "Đà Nẵng", "ĐÀ NẴNG", "Khánh Hoà" };
    for (size_t i = 0; i < 3; i++) {
        const dp_entity *e = dp_doc_entity_at(d, i);
        const char *p = strstr(text, want[i]);
        ck_assert_uint_eq(e->start, (size_t)(p - text));
        ck_assert_uint_eq(e->end, (size_t)(p - text) + strlen(want[i]));
    }
    /* value, attributes and translation of a row */
    const dp_entity *e = dp_doc_entity_at(d, 2);
    ck_assert_str_eq(e->type, "LOC");
    ck_assert_str_eq(e->value, "loc:kh");
    ck_assert_str_eq(e->instance, "gazetteer");
    ck_assert_str_eq(dp_entity_attr(e, "english"), "Khanh Hoa");
    ck_assert_str_eq(dp_entity_attr(e, "id"), "loc:kh");
    ck_assert_str_eq(dp_entity_attr(e, "kind"), "province");
    ck_assert_str_eq(dp_entity_translation(e, "en"), "Khanh Hoa");
    dp_doc_free(d);
    dp_harness_free(inst);
}
END_TEST

START_TEST(acronyms_case_sensitive)
{
    const char *list = write_list("l.tsv", LIST);
    dp_instance *inst = make_ok(list, NULL, NULL);
    ck_assert_str_eq(run(inst, "đọc doc, Doc và DOC"), "MISC:DOC");
    ck_assert_str_eq(run(inst, "Admm+ và ADMM+"), "ORG:ADMM+");
    dp_harness_free(inst);
    inst = make_ok(list, "case_sensitive_acronyms=false", NULL);
    ck_assert_str_eq(run(inst, "doc, Doc và DOC"), "MISC:Doc|MISC:DOC");
    dp_harness_free(inst);
    inst = make_ok(list, "case_sensitive_acronyms=false", "require_capital=false");
    ck_assert_str_eq(run(inst, "doc, Doc"), "MISC:doc|MISC:Doc");
    dp_harness_free(inst);
}
END_TEST

START_TEST(ambiguous_rows)
{
    const char *list = write_list("l.tsv", LIST);
    dp_instance *inst = make_ok(list, NULL, NULL);
    ck_assert_str_eq(run(inst, "Đại sứ Anh tại Hà Nội."), "LOC:Anh");
    ck_assert_str_eq(run(inst, "Ông Tuấn Anh cho biết."), "");
    ck_assert_str_eq(run(inst, "Anh Tuấn cho biết."), "");
    ck_assert_str_eq(run(inst, "anh ấy"), "");
    ck_assert_str_eq(run(inst, "quan hệ Việt - Hàn. Hàn là"), "LOC:Hàn");
    ck_assert_str_eq(run(inst, "Tư tưởng Hồ Chí Minh"), "");
    ck_assert_str_eq(run(inst, "tại Thành phố Hồ Chí Minh"), "LOC:Thành phố Hồ Chí Minh");
    dp_harness_free(inst);
    inst = make_ok(list, "ambiguous=skip", NULL);
    ck_assert_str_eq(run(inst, "Đại sứ Anh"), "");
    dp_harness_free(inst);
    inst = make_ok(list, "ambiguous=plain", NULL);
    ck_assert_str_eq(run(inst, "Ông Tuấn Anh, Tư tưởng Hồ Chí Minh"), "LOC:Anh|LOC:Hồ Chí Minh");
    dp_harness_free(inst);
}
END_TEST

START_TEST(filters)
{
    const char *list = write_list("l.tsv", LIST);
    dp_instance *inst = make_ok(list, "types=ORG,MISC", NULL);
    ck_assert_str_eq(run(inst, "Bộ Quốc phòng Việt Nam, Lào"), "ORG:Bộ Quốc phòng Việt Nam");
    dp_harness_free(inst);
    inst = make_ok(list, "min_length=4", NULL);
    ck_assert_str_eq(run(inst, "Lào, Đà Nẵng, DOC"), "LOC:Đà Nẵng");
    dp_harness_free(inst);
}
END_TEST

static void expect_init_error(const char *content, const char *needle)
{
    const char *p = write_list("bad.tsv", content);
    char err[512] = "";
    dp_instance *inst = make(p, NULL, NULL, err, sizeof err);
    ck_assert_msg(inst == NULL, "init should fail for %s", content);
    char want[400];
    snprintf(want, sizeof want, "%s:%s", p, needle);
    ck_assert_msg(strstr(err, want) != NULL, "error \"%s\" lacks \"%s\"", err, want);
}

START_TEST(malformed_rows)
{
    expect_init_error("# c\nViệt Nam\tLOC\tloc:vn\n", "2: expected 4 or 5");
    expect_init_error("Lào\tLOC\tla\tLaos\n\nX\tLOC\tx\tX\ta\tb\n", "3: expected 4 or 5");
    expect_init_error("Lào\tloc\tla\tLaos\n", "1: bad type");
    expect_init_error("Lào\tLOC\t\tLaos\n", "1: empty id");
    expect_init_error("\tLOC\tla\tLaos\n", "1: empty surface");
    expect_init_error("Lào\tLOC\tla\tLaos\tkind=country;iso2\n", "1: bad attribute \"iso2\"");
    expect_init_error("A\tLOC\ta\tA\nL\xe0o\tLOC\tla\tLaos\n", "2: invalid UTF-8");
    /* a missing file names the file */
    char err[512] = "";
    char missing[300];
    snprintf(missing, sizeof missing, "%s/none.tsv", tmpdir);
    ck_assert_ptr_null(make(missing, NULL, NULL, err, sizeof err));
    ck_assert_msg(strstr(err, "none.tsv") != NULL, "%s", err);
}
END_TEST

START_TEST(compose_head_and_country)
{
    const char *list = write_list("c.tsv",
        "Bộ Quốc phòng\tORG\torg:vn:mod\tMinistry of National Defence\tkind=ministry;head=Bộ;default_country=VN\n"
        "Hàn Quốc\tLOC\tloc:country:kr\tSouth Korea\tkind=country;iso2=KR;adj=South Korean\n"
        "Việt Nam\tLOC\tloc:country:vn\tVietnam\tkind=country;iso2=VN;adj=Vietnamese\n"
        "Hà Nội\tLOC\tloc:hn\tHanoi\tkind=province\n");
    dp_instance *inst = make_ok(list, NULL, NULL);
    ck_assert_str_eq(run(inst, "Bộ Quốc phòng Hàn Quốc; Bộ Quốc phòng Hà Nội; Bộ Quốc phòng, Hàn Quốc"),
                     "ORG:Bộ Quốc phòng Hàn Quốc|ORG:Bộ Quốc phòng|LOC:Hà Nội|ORG:Bộ Quốc phòng|LOC:Hàn Quốc");
    const char *text = "Bộ Quốc phòng Hàn Quốc và Bộ Quốc phòng Việt Nam";
    dp_doc *d = dp_doc_new("t", "test");
    ck_assert_int_eq(dp_doc_set_text(d, text, strlen(text)), 0);
    char err[256];
    ck_assert_int_eq(dp_harness_process(inst, d, err, sizeof err), DP_OK);
    ck_assert_uint_eq(dp_doc_entity_count(d), 2);
    const dp_entity *e = dp_doc_entity_at(d, 0);
    ck_assert_str_eq(e->value, "org:vn:mod@kr");
    ck_assert_str_eq(dp_entity_translation(e, "en"), "South Korean Ministry of National Defence");
    ck_assert_str_eq(dp_entity_attr(e, "country"), "KR");
    e = dp_doc_entity_at(d, 1);
    ck_assert_str_eq(e->value, "org:vn:mod");
    ck_assert_str_eq(dp_entity_attr(e, "english"), "Vietnamese Ministry of National Defence");
    dp_doc_free(d);
    dp_harness_free(inst);

    inst = make_ok(list, "compose=false", NULL);
    ck_assert_str_eq(run(inst, "Bộ Quốc phòng Hàn Quốc"), "ORG:Bộ Quốc phòng|LOC:Hàn Quốc");
    dp_harness_free(inst);
    inst = make_ok(list, "overlap=all", NULL);
    ck_assert_str_eq(run(inst, "Bộ Quốc phòng Hàn Quốc"),
                     "ORG:Bộ Quốc phòng Hàn Quốc|ORG:Bộ Quốc phòng|LOC:Hàn Quốc");
    dp_harness_free(inst);
}
END_TEST

/* Many rows: key batches are split back correctly across batch borders. */
START_TEST(large_list_batches)
{
    char path[300];
    snprintf(path, sizeof path, "%s/big.tsv", tmpdir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    for (int i = 0; i < 40000; i++)
        fprintf(f, "Làng Thuỷ %d Đông\tLOC\tloc:%d\tVillage %d\n", i, i, i);
    ck_assert_int_eq(fclose(f), 0);
    dp_instance *inst = make_ok(path, NULL, NULL);
    ck_assert_str_eq(run(inst, "LÀNG THỦY 0 ĐÔNG, làng thủy 1 đông; Làng Thủy 39999 Đông, Làng Thuỷ 40000 Đông"),
                     "LOC:LÀNG THỦY 0 ĐÔNG|LOC:Làng Thủy 39999 Đông");
    dp_harness_free(inst);
}
END_TEST

START_TEST(cache_roundtrip)
{
    const char *list = write_list("l.tsv", LIST);
    char cpath[300], copt[320];
    snprintf(cpath, sizeof cpath, "%s/gaz.cache", tmpdir);
    snprintf(copt, sizeof copt, "cache=%s", cpath);
    const char *text = "Bộ Quốc phòng Việt Nam và Khánh Hoà, DOC, Anh";
    dp_instance *inst = make_ok(list, copt, NULL);
    char first[4096];
    snprintf(first, sizeof first, "%s", run(inst, text));
    dp_harness_free(inst);
    struct stat st;
    ck_assert_int_eq(stat(cpath, &st), 0);
    ck_assert_int_gt(st.st_size, 64);

    /* loaded from the cache: same output */
    inst = make_ok(list, copt, NULL);
    ck_assert_str_eq(run(inst, text), first);
    dp_harness_free(inst);

    /* a damaged cache is rebuilt, not trusted */
    FILE *f = fopen(cpath, "r+b");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fseek(f, 200, SEEK_SET), 0);
    for (int i = 0; i < 64; i++)
        fputc(0xff, f);
    ck_assert_int_eq(fclose(f), 0);
    inst = make_ok(list, copt, NULL);
    ck_assert_str_eq(run(inst, text), first);
    dp_harness_free(inst);

    /* a changed list makes the cache stale */
    write_list("l.tsv", "Khánh Hòa\tLOC\tloc:kh\tKhanh Hoa\n");
    inst = make_ok(list, copt, NULL);
    ck_assert_str_eq(run(inst, text), "LOC:Khánh Hoà");
    dp_harness_free(inst);
}
END_TEST

/* match_lang: the Vietnamese rules (the default) join the two tone placements, none keeps them apart. */
START_TEST(language_rules_of_the_key)
{
    const char *list = write_list("l.tsv", LIST);
    const char *text = "Khánh Hoà, Khánh Hòa";
    dp_instance *inst = make_ok(list, "match_lang=vi", NULL);
    ck_assert_str_eq(run(inst, text), "LOC:Khánh Hoà|LOC:Khánh Hòa");
    dp_harness_free(inst);
    inst = make_ok(list, "match_lang=none", NULL);
    ck_assert_str_eq(run(inst, text), "LOC:Khánh Hòa");
    /* case and NFC still fold without language rules */
    ck_assert_str_eq(run(inst, "KHÁNH HÒA, Kha\xcc\x81nh Ho\xcc\x80""a"), "LOC:KHÁNH HÒA|LOC:Khánh Hòa");
    dp_harness_free(inst);

    /* a cache built under one rule set is not taken for the other */
    char cpath[300], copt[320];
    snprintf(cpath, sizeof cpath, "%s/rules.cache", tmpdir);
    snprintf(copt, sizeof copt, "cache=%s", cpath);
    inst = make_ok(list, copt, NULL);
    ck_assert_str_eq(run(inst, text), "LOC:Khánh Hoà|LOC:Khánh Hòa");
    dp_harness_free(inst);
    inst = make_ok(list, copt, "match_lang=none");
    ck_assert_str_eq(run(inst, text), "LOC:Khánh Hòa");
    dp_harness_free(inst);
    char err[512] = "";
    ck_assert_ptr_null(make(list, "match_lang=th", NULL, err, sizeof err));
    ck_assert_msg(strstr(err, "match_lang") != NULL, "%s", err);
}
END_TEST

/* The loader on its own: duplicate rows across lists keep the first. */
START_TEST(loader_duplicates)
{
    gaz g;
    char err[256];
    ck_assert_int_eq(gaz_init(&g, NULL), 0);
    const char *a = "Lào\tLOC\tla\tLaos\nLào\tLOC\tla\tLaos (dup)\nLào\tMISC\tla:x\tLao thing\n";
    ck_assert_int_eq(gaz_load_buffer(&g, "a", a, strlen(a), NULL, err, sizeof err), 0);
    ck_assert_int_eq(gaz_finish(&g, err, sizeof err), 0);
    uint32_t t = gaz_token_id(&g, "lào", strlen("lào"));
    ck_assert_uint_ne(t, 0);
    uint32_t node = gaz_child(&g, 0, t);
    ck_assert_uint_ne(node, 0);
    uint32_t e = g.node_entry[node];
    ck_assert_str_eq(g.pool + g.entries[e].english, "Laos");
    e = g.entries[e].next;
    ck_assert_uint_ne(e, GAZ_NONE);
    ck_assert_str_eq(g.pool + g.entries[e].type, "MISC");
    ck_assert_uint_eq(g.entries[e].next, GAZ_NONE);
    ck_assert_uint_eq(gaz_token_id(&g, "lao", 3), 0);
    gaz_free(&g);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("recognizer_gazetteer");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, tone_and_case_variants);
    tcase_add_test(tc, word_boundaries);
    tcase_add_test(tc, overlap_policies);
    tcase_add_test(tc, offsets_on_multibyte_text);
    tcase_add_test(tc, acronyms_case_sensitive);
    tcase_add_test(tc, ambiguous_rows);
    tcase_add_test(tc, filters);
    tcase_add_test(tc, malformed_rows);
    tcase_add_test(tc, compose_head_and_country);
    tcase_add_test(tc, large_list_batches);
    tcase_add_test(tc, cache_roundtrip);
    tcase_add_test(tc, loader_duplicates);
    tcase_add_test(tc, language_rules_of_the_key);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(suite());
}
