/*
 * Unit tests of the tagger: tokeniser, sentences, templates, lists, the
 * CoNLL reader's errors, Viterbi and the span marginals against brute
 * force, the perceptron on a separable toy corpus, the model file (round
 * trip, determinism, refusals) and the plugin through the harness.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <docpipe/docpipe.h>

#include "../tagger.h"
#include "vi/vi_text.h"

extern const dp_plugin docpipe_plugin;

#define DATA TAGGER_SRCDIR "/tests/data"

static char tmpdir[64];

static void setup(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/taggertest.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

static const char *tmp_path(const char *name)
{
    static char paths[4][256];
    static int k;
    char *p = paths[k++ % 4];
    snprintf(p, 256, "%s/%s", tmpdir, name);
    return p;
}

static const char *write_bytes(const char *name, const char *content, size_t len)
{
    const char *p = tmp_path(name);
    FILE *f = fopen(p, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(content, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
    return p;
}

static const char *write_file(const char *name, const char *content)
{
    return write_bytes(name, content, strlen(content));
}

/* ---- tokeniser ------------------------------------------------------------ */

/* The tokens of s joined by '|'. */
static const char *toks_of(const char *s)
{
    static char out[1024];
    tg_tokens t = { 0 };
    ck_assert_int_eq(tg_tokenize(s, strlen(s), &t), 0);
    out[0] = '\0';
    for (size_t i = 0; i < t.n; i++) {
        if (i) strcat(out, "|");
        strncat(out, s + t.v[i].start, t.v[i].end - t.v[i].start);
    }
    tg_tokens_free(&t);
    return out;
}

START_TEST(tokeniser_rule)
{
    ck_assert_str_eq(toks_of("Nguyễn Văn An, 25 tuổi."), "Nguyễn|Văn|An|,|25|tuổi|.");
    ck_assert_str_eq(toks_of("1.500 người, 3,5 tỷ đồng"), "1.500|người|,|3,5|tỷ|đồng");
    ck_assert_str_eq(toks_of("COVID-19 ngày 25/9 ở Jae-min"), "COVID-19|ngày|25/9|ở|Jae-min");
    ck_assert_str_eq(toks_of("O'Neill, O’Brien và Dato' Seri"), "O'Neill|,|O’Brien|và|Dato|'|Seri");
    ck_assert_str_eq(toks_of("(ASEAN) TP.HCM a - b"), "(|ASEAN|)|TP|.|HCM|a|-|b");
    ck_assert_str_eq(toks_of("Hà–Nội 1.5. 3-"), "Hà|–|Nội|1.5|.|3|-");
    ck_assert_str_eq(toks_of("5.a a,5 a.b"), "5|.|a|a|,|5|a|.|b");
    ck_assert_str_eq(toks_of("“Bốn không” 100%"), "“|Bốn|không|”|100|%");
    /* a decomposed letter stays one token; tabs and newlines separate */
    ck_assert_str_eq(toks_of("Vie\xcc\xa3\xcc\x82t\tNam\nA"), "Vie\xcc\xa3\xcc\x82t|Nam|A");
    ck_assert_str_eq(toks_of(""), "");
    ck_assert_str_eq(toks_of("  "), "");
    /* offsets are bytes of the text */
    tg_tokens t = { 0 };
    const char *s = "Đà Nẵng.";
    ck_assert_int_eq(tg_tokenize(s, strlen(s), &t), 0);
    ck_assert_uint_eq(t.n, 3);
    ck_assert_uint_eq(t.v[0].start, 0);
    ck_assert_uint_eq(t.v[0].end, 4);
    ck_assert_uint_eq(t.v[1].start, 5);
    ck_assert_uint_eq(t.v[2].end, strlen(s));
    tg_tokens_free(&t);
}
END_TEST

/* Sentences of s as token counts joined by ','. */
static const char *sents_of(const char *s, size_t max_len)
{
    static char out[256];
    tg_tokens t = { 0 };
    size_t *ends = NULL;
    ck_assert_int_eq(tg_tokenize(s, strlen(s), &t), 0);
    size_t n = tg_sentences(s, t.v, t.n, max_len, &ends);
    ck_assert_uint_ne(n, (size_t)-1);
    out[0] = '\0';
    for (size_t k = 0, start = 0; k < n; start = ends[k++]) {
        char num[16];
        snprintf(num, sizeof num, "%s%zu", k ? "," : "", ends[k] - start);
        strcat(out, num);
    }
    free(ends);
    tg_tokens_free(&t);
    return out;
}

START_TEST(sentence_split)
{
    ck_assert_str_eq(sents_of("Ông A đến. Bà B về!", 100), "4,4");
    ck_assert_str_eq(sents_of("Ông A đến. bà B về", 100), "7");          /* lowercase next: one */
    ck_assert_str_eq(sents_of("Ông ở TP. Hồ Chí Minh. Bà về.", 100), "8,3"); /* abbreviation */
    ck_assert_str_eq(sents_of("Ông nói: “Tốt.” Sau đó về.", 100), "7,4");   /* closing quote stays */
    ck_assert_str_eq(sents_of("Dòng một\nDòng hai", 100), "2,2");
    ck_assert_str_eq(sents_of("a b c d e", 2), "2,2,1");
    ck_assert_str_eq(sents_of("Năm 2020. 2021 là năm mới.", 100), "3,5");
}
END_TEST

/* ---- templates ------------------------------------------------------------ */

START_TEST(template_parsing)
{
    tg_templates t;
    char err[512];
    const char *ok[] = { "bias", " lower[+1] | lower[0] ", "prefix3[-2]|caps[2]", "gaz[0]|shape[-1]" };
    ck_assert_int_eq(tg_templates_parse(ok, 4, &t, err, sizeof err), 0);
    ck_assert_str_eq(t.text, "bias\nlower[1]|lower[0]\nprefix3[-2]|caps[2]\ngaz[0]|shape[-1]\n");
    tg_templates t2;
    ck_assert_int_eq(tg_templates_parse_text(t.text, strlen(t.text), &t2, err, sizeof err), 0);
    ck_assert_str_eq(t2.text, t.text);
    ck_assert(t2.v[1].seed == t.v[1].seed);
    tg_templates_free(&t2);
    tg_templates_free(&t);

    const char *bad[][1] = { { "lower[3]" }, { "foo[0]" }, { "prefix5[0]" }, { "gaz[0]|gaz[1]" }, { "lower" },
                             { "lower[0]|" }, { "a|b|c|d|e" } };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = '\0';
        ck_assert_msg(tg_templates_parse(bad[i], 1, &t, err, sizeof err) < 0, "accepted %s", bad[i][0]);
        ck_assert_msg(strstr(err, "template"), "message for %s: %s", bad[i][0], err);
    }
    const char *dup[] = { "lower[0]", "lower[+0]" };
    ck_assert_int_lt(tg_templates_parse(dup, 2, &t, err, sizeof err), 0);
    ck_assert_ptr_nonnull(strstr(err, "twice"));
}
END_TEST

/* Observations of a sentence given as text, into obs[0..n) (a buffer of cap + 2 * TG_OBS_PAD behind it). */
static size_t observe_text(const char *s, const tg_gaz *gaz, tg_obs *obs, size_t cap)
{
    static tg_obs padded[64 + 2 * TG_OBS_PAD];
    tg_tokens t = { 0 };
    size_t klen, *map;
    ck_assert_int_eq(tg_tokenize(s, strlen(s), &t), 0);
    ck_assert_uint_le(t.n, cap);
    char *key = dp_text_match_key(s, strlen(s), &vi_text_rules, &klen, &map);
    ck_assert_ptr_nonnull(key);
    ck_assert_uint_le(cap, 64);
    ck_assert_int_eq(tg_observe(s, t.v, t.n, key, klen, map, gaz, ~0u, padded + TG_OBS_PAD), 0);
    memcpy(obs, padded + TG_OBS_PAD, t.n * sizeof *obs);
    size_t n = t.n;
    free(key);
    free(map);
    tg_tokens_free(&t);
    return n;
}

START_TEST(observations)
{
    tg_obs a[8], b[8];
    /* case and tone placement fold in `lower`, not in `word` */
    ck_assert_uint_eq(observe_text("Khánh Hoà", NULL, a, 8), 2);
    ck_assert_uint_eq(observe_text("KHÁNH HÒA", NULL, b, 8), 2);
    ck_assert(a[1].lower == b[1].lower);
    ck_assert(a[1].word != b[1].word);
    ck_assert(a[0].shape != b[0].shape); /* Xx vs X */
    /* shapes collapse runs: "Hà" and "Nguyễn" share "Xx" */
    observe_text("Hà Nguyễn 25/9 12/10", NULL, a, 8);
    ck_assert(a[0].shape == a[1].shape);
    ck_assert(a[2].shape == a[3].shape);
    /* the caps run: "Nguyễn Văn An" is a run of three (B I E), "Hôm" a run of one starting the sentence */
    ck_assert_uint_eq(observe_text("Hôm nay ông Nguyễn Văn An về", NULL, a, 8), 7);
    ck_assert_uint_eq(a[0].caps, 0x80u | (3u << 2) | (1u << 4));
    ck_assert_uint_eq(a[1].caps, 1); /* lowercase, not sentence-initial */
    ck_assert_uint_eq(a[3].caps, (0u << 2) | (3u << 4));
    ck_assert_uint_eq(a[4].caps, (1u << 2) | (3u << 4));
    ck_assert_uint_eq(a[5].caps, (2u << 2) | (3u << 4));
    observe_text("Số 12 và (", NULL, a, 8);
    ck_assert_uint_eq(a[1].caps, 2); /* digit */
    ck_assert_uint_eq(a[3].caps, 3); /* other */
    /* affixes come from the key: "Nguyễn" and "nguyễn" share them */
    observe_text("Nguyễn nguyễn", NULL, a, 8);
    ck_assert(a[0].prefix[1] == a[1].prefix[1] && a[0].suffix[2] == a[1].suffix[2]);
    ck_assert(a[0].prefix[1] != a[0].prefix[2]);
}
END_TEST

/* ---- lists -------------------------------------------------------------- */

START_TEST(lists_mark_tokens)
{
    char l1[256], l2[256];
    snprintf(l1, sizeof l1, "%s",
             write_file("places.tsv", "# comment\nHà Nội\tLOC\tloc:hn\tHanoi\nSở Y tế Hà Nội\tORG\to\tx\nHuế\tLOC\n"));
    snprintf(l2, sizeof l2, "%s", write_file("titles.tsv", "Bộ trưởng\tMinister\ttitle\n"));
    tg_list_spec specs[2] = { { l1, NULL }, { l2, "TITLE" } };
    tg_gaz g;
    char err[512];
    ck_assert_msg(tg_gaz_load(&g, specs, 2, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(g.n_types, 3);
    ck_assert_str_eq(g.types[0], "LOC");
    ck_assert_str_eq(g.types[1], "ORG");
    ck_assert_str_eq(g.types[2], "TITLE");
    ck_assert_uint_eq(g.max_len, 5);
    tg_obs o[16];
    size_t n = observe_text("Bộ trưởng Sở Y tế HÀ NỘI về huế", &g, o, 16);
    ck_assert_uint_eq(n, 9);
    ck_assert_uint_eq(o[0].gaz, 1u << 4);               /* B-TITLE */
    ck_assert_uint_eq(o[1].gaz, 1u << 5);               /* I-TITLE */
    ck_assert_uint_eq(o[2].gaz, 1u << 2);               /* B-ORG */
    ck_assert_uint_eq(o[5].gaz, (1u << 3) | (1u << 0)); /* I-ORG and B-LOC: both matches */
    ck_assert_uint_eq(o[6].gaz, (1u << 3) | (1u << 1));
    ck_assert_uint_eq(o[7].gaz, 0);
    ck_assert_uint_eq(o[8].gaz, 1u << 0);               /* case-insensitive */
    uint64_t fp = tg_gaz_fingerprint(&g);
    tg_gaz_free(&g);

    /* same lists, same fingerprint; a changed list, another */
    ck_assert_int_eq(tg_gaz_load(&g, specs, 2, err, sizeof err), 0);
    ck_assert(tg_gaz_fingerprint(&g) == fp);
    tg_gaz_free(&g);
    ck_assert_int_eq(tg_gaz_load(&g, specs, 1, err, sizeof err), 0);
    ck_assert(tg_gaz_fingerprint(&g) != fp);
    tg_gaz_free(&g);

    /* errors name file:line */
    tg_list_spec bad = { write_file("bad.tsv", "Huế\tLOC\nHà Nội\n"), NULL };
    ck_assert_int_lt(tg_gaz_load(&g, &bad, 1, err, sizeof err), 0);
    ck_assert_msg(strstr(err, "bad.tsv:2: expected at least 2 TAB-separated columns (surface, type"), "%s", err);
    tg_list_spec utf = { write_file("utf.tsv", "Huế\tLOC\nH\xff\tLOC\n"), NULL };
    ck_assert_int_lt(tg_gaz_load(&g, &utf, 1, err, sizeof err), 0);
    ck_assert_msg(strstr(err, "utf.tsv:2: invalid UTF-8"), "%s", err);
    tg_list_spec missing = { tmp_path("nope.tsv"), NULL };
    ck_assert_int_lt(tg_gaz_load(&g, &missing, 1, err, sizeof err), 0);
    ck_assert_msg(strstr(err, "nope.tsv"), "%s", err);
}
END_TEST

START_TEST(features_file)
{
    tg_featset fs;
    char err[1024];
    ck_assert_msg(tg_featset_read(TAGGER_SRCDIR "/vi-news.features", &fs, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_gt(fs.tpl.n, 20);
    ck_assert_uint_ge(fs.gaz.n_types, 8);
    ck_assert_uint_gt(fs.gaz.size, 2000);
    uint64_t h = tg_featset_hash(&fs);
    tg_featset_free(&fs);
    ck_assert_int_eq(tg_featset_read(TAGGER_SRCDIR "/vi-news.features", &fs, err, sizeof err), 0);
    ck_assert(tg_featset_hash(&fs) == h);
    tg_featset_free(&fs);

    const char *f1 = write_file("a.features", "templates = [ \"bias\" ];\nfoo = 1;\n");
    ck_assert_int_lt(tg_featset_read(f1, &fs, err, sizeof err), 0);
    ck_assert_msg(strstr(err, "a.features:2: unknown setting 'foo'"), "%s", err);
    const char *f2 = write_file("b.features", "templates = [ \"bias\",\n \"lowr[0]\" ];\n");
    ck_assert_int_lt(tg_featset_read(f2, &fs, err, sizeof err), 0);
    ck_assert_msg(strstr(err, "b.features:1: template 'lowr[0]'"), "%s", err);
    const char *f3 = write_file("c.features", "templates = [ \"bias\" ];\nlists = ( \"none.tsv\" );\n");
    ck_assert_int_lt(tg_featset_read(f3, &fs, err, sizeof err), 0);
    ck_assert_msg(strstr(err, "none.tsv"), "%s", err);
    const char *f4 = write_file("d.features", "templates = [ \"bias\" ;\n");
    ck_assert_int_lt(tg_featset_read(f4, &fs, err, sizeof err), 0);
    ck_assert_msg(strstr(err, "d.features:"), "%s", err);
}
END_TEST

/* ---- the CoNLL reader ------------------------------------------------------ */

/* Read path; returns the error count and the messages in msgs. */
static long read_conll(const char *path, const tg_conll_opts *o, tg_corpus *c, char *msgs, size_t size)
{
    FILE *f = fmemopen(msgs, size, "w");
    ck_assert_ptr_nonnull(f);
    long e = tg_conll_read(path, o, c, f);
    fclose(f);
    return e;
}

START_TEST(conll_errors_name_file_and_line)
{
    tg_conll_opts o = { 0 };
    tg_corpus c = { 0 };
    char msgs[2048];
    ck_assert_int_eq(read_conll(DATA "/ragged.conll", &o, &c, msgs, sizeof msgs), 1);
    ck_assert_msg(strstr(msgs, "ragged.conll:2: 3 columns, expected 2 as on line 1"), "%s", msgs);
    tg_corpus_free(&c);
    ck_assert_int_eq(read_conll(DATA "/badtag.conll", &o, &c, msgs, sizeof msgs), 1);
    ck_assert_msg(strstr(msgs, "badtag.conll:2: unknown tag 'B_PER'"), "%s", msgs);
    tg_corpus_free(&c);
    ck_assert_int_eq(read_conll(DATA "/empty.conll", &o, &c, msgs, sizeof msgs), 1);
    ck_assert_msg(strstr(msgs, "empty.conll:4: empty sentence"), "%s", msgs);
    tg_corpus_free(&c);
    ck_assert_int_eq(read_conll(DATA "/iob2-after-o.conll", &o, &c, msgs, sizeof msgs), 1);
    ck_assert_msg(strstr(msgs, "iob2-after-o.conll:2: 'I-PER' continues no PER span"), "%s", msgs);
    tg_corpus_free(&c);
    const char *u = write_file("utf.conll", "Ông\tO\nNguy\xe1\xbb\tB-PER\n");
    ck_assert_int_eq(read_conll(u, &o, &c, msgs, sizeof msgs), 1);
    ck_assert_msg(strstr(msgs, "utf.conll:2: invalid UTF-8 at byte 5"), "%s", msgs);
    tg_corpus_free(&c);
    ck_assert_int_eq(read_conll(tmp_path("missing.conll"), &o, &c, msgs, sizeof msgs), 1);
    ck_assert_msg(strstr(msgs, "missing.conll: No such file"), "%s", msgs);
    tg_corpus_free(&c);
    /* trailing blank lines and blank lines after -DOCSTART- are fine; '#' comments are skipped */
    const char *ok = write_file("ok.conll", "# c\n-DOCSTART- -X- O\n\nAn\tB-PER\n\n#\tO\n\n\n");
    ck_assert_int_eq(read_conll(ok, &o, &c, msgs, sizeof msgs), 0);
    ck_assert_uint_eq(c.n_sent, 2);
    ck_assert_str_eq(c.tok[1], "#");
    tg_corpus_free(&c);
}
END_TEST

START_TEST(conll_columns_schemes_and_tokens)
{
    tg_conll_opts o = { 0 };
    tg_corpus c = { 0 };
    char msgs[2048];
    /* nested: the first tag column by default, another on demand */
    ck_assert_int_eq(read_conll(DATA "/nested.conll", &o, &c, msgs, sizeof msgs), 0);
    ck_assert_str_eq(c.tag[3], "I-ORG");
    tg_corpus_free(&c);
    o.column = 3;
    ck_assert_int_eq(read_conll(DATA "/nested.conll", &o, &c, msgs, sizeof msgs), 0);
    ck_assert_str_eq(c.tag[3], "B-LOC");
    ck_assert_str_eq(c.tag[4], "I-LOC");
    tg_corpus_free(&c);
    /* IOB1 becomes IOB2 */
    o.column = 0;
    o.iob1 = 1;
    ck_assert_int_eq(read_conll(DATA "/iob1.conll", &o, &c, msgs, sizeof msgs), 0);
    const char *want[] = { "O", "B-PER", "I-PER", "O", "B-LOC", "I-LOC", "B-LOC", "O" };
    ck_assert_uint_eq(c.n_tok, 8);
    for (size_t i = 0; i < 8; i++) ck_assert_str_eq(c.tag[i], want[i]);
    tg_corpus_free(&c);
    o.iob1 = 0;
    /* word-segmented tokens and tokens the run-time rule cuts */
    o.word_sep = "_";
    const char *seg = write_file("seg.conll", "Hà_Nội,\tB-LOC\nngày\tO\n25/9\tO\n");
    ck_assert_int_eq(read_conll(seg, &o, &c, msgs, sizeof msgs), 0);
    ck_assert_uint_eq(c.n_tok, 5);
    ck_assert_str_eq(c.tok[0], "Hà");
    ck_assert_str_eq(c.tok[1], "Nội");
    ck_assert_str_eq(c.tok[2], ",");
    ck_assert_str_eq(c.tag[1], "I-LOC");
    ck_assert_str_eq(c.tag[2], "I-LOC");
    ck_assert_str_eq(c.tok[4], "25/9");
    ck_assert_uint_eq(c.split, 1);
    tg_corpus_free(&c);
    /* a type filter turns other spans to O */
    const char *keep[] = { "PER" };
    o.types = keep;
    o.n_types = 1;
    ck_assert_int_eq(read_conll(DATA "/toy.conll", &o, &c, msgs, sizeof msgs), 0);
    ck_assert_str_eq(c.tag[5], "O"); /* Hà */
    ck_assert_str_eq(c.tag[1], "B-PER");
    ck_assert_uint_gt(c.dropped, 5);
    ck_assert_uint_eq(c.n_doc, 2);
    tg_corpus_free(&c);
}
END_TEST

/* ---- decoding ------------------------------------------------------------- */

/* Labels O, B-X, I-X, B-Y, I-Y. */
static void five_labels(tg_model *m)
{
    memset(m, 0, sizeof *m);
    const char *labels[] = { "O", "B-X", "I-X", "B-Y", "I-Y" };
    ck_assert_int_eq(tg_model_set_labels(m, labels, 5), 0);
}

/* Score of path y under emit/trans (or -inf when not allowed). */
static double path_score(const tg_model *m, const float *emit, const float *trans, const uint32_t *y, size_t n)
{
    uint32_t L = m->n_labels;
    double s = 0;
    for (size_t t = 0; t < n; t++) {
        uint32_t prev = t ? y[t - 1] : L;
        if (!m->allowed[(size_t)prev * L + y[t]]) return -HUGE_VAL;
        s += (double)trans[(size_t)prev * L + y[t]] + (double)emit[t * L + y[t]];
    }
    return s;
}

START_TEST(viterbi_hand_computed)
{
    tg_model m;
    const char *labels[] = { "O", "B-X", "I-X" };
    memset(&m, 0, sizeof m);
    ck_assert_int_eq(tg_model_set_labels(&m, labels, 3), 0);
    /* start row forbids I-X; O -> I-X forbidden */
    ck_assert(!m.allowed[3 * 3 + 2] && !m.allowed[0 * 3 + 2] && m.allowed[1 * 3 + 2] && m.allowed[2 * 3 + 2]);
    /*
     * Emissions favour I-X first (forbidden there).  By hand:
     *   t0: O 1, B 0.5, I 5;  t1: O 0, B 0, I 3;  t2: O 2, B 0, I 1; transitions 0
     *   allowed best: B I O = 0.5 + 3 + 2 = 5.5 (O O O = 3, B I I = 4.5, O B O = 3)
     */
    float emit[] = { 1, 0.5f, 5, 0, 0, 3, 2, 0, 1 };
    float trans[12] = { 0 }, tm[16];
    uint32_t work[12], path[3];
    float col[8];
    tg_trans_masked(trans, m.allowed, 3, tm);
    double s = tg_viterbi(emit, 3, 3, tm, work, col, path);
    ck_assert_double_eq_tol(s, 5.5, 1e-9);
    ck_assert_uint_eq(path[0], 1);
    ck_assert_uint_eq(path[1], 2);
    ck_assert_uint_eq(path[2], 0);
    /* a transition penalty on B->I makes O O O (3) beat B I O (5.5 - 3) */
    trans[1 * 3 + 2] = -3;
    tg_trans_masked(trans, m.allowed, 3, tm);
    s = tg_viterbi(emit, 3, 3, tm, work, col, path);
    ck_assert_double_eq_tol(s, 3.0, 1e-9);
    ck_assert_uint_eq(path[0], 0);
    ck_assert_uint_eq(path[1], 0);
    tg_model_free(&m);
}
END_TEST

START_TEST(viterbi_and_marginals_match_brute_force)
{
    tg_model m;
    five_labels(&m);
    enum { N = 4, L = 5 };
    float emit[N * L], trans[(L + 1) * L];
    uint64_t rng = 7;
    for (int round = 0; round < 20; round++) {
        for (size_t i = 0; i < N * L; i++) emit[i] = (float)((double)(tg_rand(&rng) % 2000) / 250.0 - 4.0);
        for (size_t i = 0; i < (L + 1) * L; i++) trans[i] = (float)((double)(tg_rand(&rng) % 2000) / 500.0 - 2.0);
        double T = round % 2 ? 1.0 : 3.0;
        /* brute force over all 5^4 paths */
        double best = -HUGE_VAL, Z = 0;
        uint32_t best_y[N], y[N];
        double span_mass[N][N][2] = { { { 0 } } }; /* [s][e][type X/Y] */
        for (int code = 0; code < 625; code++) {
            int c = code;
            for (int t = 0; t < N; t++) { y[t] = (uint32_t)(c % L); c /= L; }
            double s = path_score(&m, emit, trans, y, N);
            if (s == -HUGE_VAL) continue;
            if (s > best) { best = s; memcpy(best_y, y, sizeof y); }
            double p = exp(s / T);
            Z += p;
            for (int st = 0; st < N; st++) {
                if (y[st] != 1 && y[st] != 3) continue;
                int e = st;
                while (e + 1 < N && y[e + 1] == y[st] + 1) e++;
                span_mass[st][e][y[st] == 3] += p;
            }
        }
        uint32_t work[N * 8], path[N];
        float col[2 * 8], tm[(L + 1) * 8];
        tg_trans_masked(trans, m.allowed, L, tm);
        double s = tg_viterbi(emit, N, L, tm, work, col, path);
        ck_assert_double_eq_tol(s, best, 1e-4);
        ck_assert_double_eq_tol(path_score(&m, emit, trans, path, N), best, 1e-4);

        float *A = tg_trans_exp(trans, m.allowed, L, T);
        ck_assert_ptr_nonnull(A);
        enum { S = 8 };
        float e[N * S], al[N * S], be[N * S], cc[N], scratch[S];
        tg_lattice lat = { N, L, S, e, al, be, cc, A, scratch };
        tg_forward_backward(&lat, emit, T);
        for (int st = 0; st < N; st++)
            for (int en = st; en < N; en++)
                for (int ty = 0; ty < 2; ty++) {
                    double want = span_mass[st][en][ty] / Z;
                    double got = tg_span_prob(&lat, (size_t)st, (size_t)en, ty ? 3 : 1, ty ? 4 : 2);
                    ck_assert_msg(fabs(want - got) < 2e-6, "span %d-%d type %d: %.15g vs %.15g", st, en, ty, got, want);
                }
        free(A);
    }
    tg_model_free(&m);
}
END_TEST

/* ---- training, the model file ------------------------------------------------- */

static void read_ok(const char *path, tg_corpus *c)
{
    tg_conll_opts o = { 0 };
    char msgs[2048] = "";
    ck_assert_msg(read_conll(path, &o, c, msgs, sizeof msgs) == 0, "%s", msgs);
}

static void train_toy(tg_model *m, uint64_t seed)
{
    tg_corpus c = { 0 };
    read_ok(DATA "/toy.conll", &c);
    tg_featset fs;
    char err[512];
    ck_assert_int_eq(tg_featset_default(&fs, err, sizeof err), 0);
    tg_train_opts o = { 20, 3, 1, seed, NULL };
    ck_assert_msg(tg_train(&c, NULL, &fs, &o, m, err, sizeof err) == 0, "%s", err);
    tg_featset_free(&fs);
    tg_corpus_free(&c);
}

static double toy_token_accuracy(const tg_model *m)
{
    tg_corpus c = { 0 };
    read_ok(DATA "/toy.conll", &c);
    tg_scores s = { 0 };
    ck_assert_int_eq(tg_evaluate(m, &c, 0, c.n_sent, &s, NULL), 0);
    double acc = (double)s.correct / (double)s.tokens;
    uint64_t g, p, t;
    tg_scores_total(&s, &g, &p, &t);
    ck_assert_uint_eq(g, 14);
    tg_scores_free(&s);
    tg_corpus_free(&c);
    return acc;
}

START_TEST(perceptron_separates_toy_corpus)
{
    tg_model m;
    train_toy(&m, 1);
    ck_assert_double_eq_tol(toy_token_accuracy(&m), 1.0, 1e-12);
    ck_assert_uint_eq(m.n_labels, 7);
    ck_assert_str_eq(m.labels[1], "B-LOC");
    tg_model_free(&m);
}
END_TEST

START_TEST(perceptron_update_rule)
{
    /*
     * Two sentences of two tokens over features f0, f1: A = B-X I-X, then
     * B = O O.  Visit 1 (all weights 0, ties to label 0) predicts O O for A:
     * +1 to f0:B-X, f1:I-X, start>B-X, B-X>I-X; -1 to f0:O, f1:O, start>O,
     * O>O.  Visit 2 then predicts B-X I-X for B (score 4 against -4) and the
     * update undoes the first: every weight is back to 0.  The average over
     * the two visits (Collins) is half of the first update.
     */
    tg_model m;
    five_labels(&m);
    uint32_t gold[4] = { 1, 2, 0, 0 };
    size_t tok[3] = { 0, 2, 4 }, feat[5] = { 0, 1, 2, 3, 4 };
    uint32_t feats[4] = { 0, 1, 0, 1 };
    tg_trainset ts = { 2, tok, gold, feat, feats };
    tg_perceptron p;
    ck_assert_int_eq(tg_perceptron_init(&p, 2, 5, m.allowed), 0);
    size_t order[2] = { 0, 1 };
    ck_assert_int_eq(tg_perceptron_epoch(&p, &ts, order), 2);
    for (size_t i = 0; i < 10; i++) ck_assert_double_eq(p.w[i], 0);
    for (size_t i = 0; i < 30; i++) ck_assert_double_eq(p.t[i], 0);
    float w[10], t[30];
    tg_perceptron_average(&p, w, t);
    ck_assert_float_eq_tol(w[0 * 5 + 1], 0.5f, 1e-6f);
    ck_assert_float_eq_tol(w[0 * 5 + 0], -0.5f, 1e-6f);
    ck_assert_float_eq_tol(w[1 * 5 + 2], 0.5f, 1e-6f);
    ck_assert_float_eq_tol(t[5 * 5 + 1], 0.5f, 1e-6f);  /* start -> B-X */
    ck_assert_float_eq_tol(t[1 * 5 + 2], 0.5f, 1e-6f);  /* B-X -> I-X */
    ck_assert_float_eq_tol(t[0 * 5 + 0], -0.5f, 1e-6f); /* O -> O */
    ck_assert_float_eq_tol(w[0 * 5 + 3], 0.0f, 1e-6f);  /* untouched label */
    tg_perceptron_free(&p);
    tg_model_free(&m);
}
END_TEST

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    unsigned char *b = malloc((size_t)n);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq(fread(b, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return b;
}

START_TEST(model_round_trip_and_determinism)
{
    tg_model m, again, loaded;
    char err[1024];
    train_toy(&m, 42);
    train_toy(&again, 42);
    unsigned char *b1, *b2;
    size_t l1, l2;
    ck_assert_int_eq(tg_model_serialise(&m, &b1, &l1), 0);
    ck_assert_int_eq(tg_model_serialise(&again, &b2, &l2), 0);
    ck_assert_uint_eq(l1, l2);
    ck_assert_msg(!memcmp(b1, b2, l1), "two trainings with one seed differ");
    free(b2);
    const char *path = tmp_path("toy.dpm");
    ck_assert_int_eq(tg_model_save(&m, path, err, sizeof err), 0);
    size_t fl;
    unsigned char *fb = slurp(path, &fl);
    ck_assert_uint_eq(fl, l1);
    ck_assert(!memcmp(fb, b1, l1));
    free(fb);
    free(b1);
    ck_assert_msg(tg_model_load(&loaded, path, 0, NULL, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(loaded.n_labels, m.n_labels);
    ck_assert_uint_eq(loaded.n_rows, m.n_rows);
    ck_assert(loaded.template_hash == m.template_hash);
    ck_assert_str_eq(loaded.tpl.text, m.tpl.text);
    ck_assert_double_eq_tol(toy_token_accuracy(&loaded), 1.0, 1e-12);
    uint64_t seen = 0;
    for (uint64_t k = 0; k < (m.bucket_mask + 1) * TG_BUCKET; k++) {
        if (!m.slots[k].row) continue;
        uint32_t a = tg_model_find(&m, m.slots[k].key), b = tg_model_find(&loaded, m.slots[k].key);
        ck_assert_uint_eq(a, m.slots[k].row);
        ck_assert_uint_eq(b, a);
        ck_assert(!memcmp(m.w + (size_t)a * m.stride, loaded.w + (size_t)b * loaded.stride, m.stride * sizeof(float)));
        seen++;
    }
    ck_assert_uint_eq(seen, m.n_rows);
    ck_assert_uint_eq(tg_model_find(&loaded, 12345), 0); /* an unknown feature: the zero row */
    /* the expected-hash check passes with the model's own hash */
    tg_model_free(&loaded);
    ck_assert_int_eq(tg_model_load(&loaded, path, m.template_hash, "x", err, sizeof err), 0);
    tg_model_free(&loaded);
    tg_model_free(&again);
    tg_model_free(&m);
}
END_TEST

/* Write a copy of the model with bytes [off, off+n) replaced. */
static const char *patched(const char *src, const char *name, size_t off, const void *bytes, size_t n)
{
    size_t len;
    unsigned char *b = slurp(src, &len);
    ck_assert_uint_le(off + n, len);
    memcpy(b + off, bytes, n);
    const char *p = write_bytes(name, (const char *)b, len);
    free(b);
    return p;
}

START_TEST(model_refusals_name_both_sides)
{
    tg_model m, x;
    char err[1024];
    train_toy(&m, 1);
    const char *path = tmp_path("good.dpm");
    ck_assert_int_eq(tg_model_save(&m, path, err, sizeof err), 0);
    char good[256];
    snprintf(good, sizeof good, "%s", path);

    uint32_t v2 = TG_MODEL_VERSION + 1;
    ck_assert_int_lt(tg_model_load(&x, patched(good, "v.dpm", 8, &v2, 4), 0, NULL, err, sizeof err), 0);
    ck_assert_msg(strstr(err, "model format version 2, but this tagger reads version 1"), "%s", err);

    uint32_t f2 = TG_FEATURE_VERSION + 7;
    ck_assert_int_lt(tg_model_load(&x, patched(good, "f.dpm", 12, &f2, 4), 0, NULL, err, sizeof err), 0);
    ck_assert_msg(strstr(err, "extractor version 8, but this tagger computes version 1"), "%s", err);

    char want[128];
    ck_assert_int_lt(tg_model_load(&x, good, 0x1234abcdULL, "my.features", err, sizeof err), 0);
    snprintf(want, sizeof want, "template hash %016llx, but my.features has template hash 000000001234abcd",
             (unsigned long long)m.template_hash);
    ck_assert_msg(strstr(err, want), "%s", err);

    size_t len;
    unsigned char *b = slurp(good, &len);
    unsigned char flipped = b[len - 3] ^ 0x40;
    uint64_t stored;
    memcpy(&stored, b + 32, 8);
    free(b);
    ck_assert_int_lt(tg_model_load(&x, patched(good, "c.dpm", len - 3, &flipped, 1), 0, NULL, err, sizeof err), 0);
    snprintf(want, sizeof want, "checksum mismatch: header says %016llx, content gives ", (unsigned long long)stored);
    ck_assert_msg(strstr(err, want), "%s", err);

    ck_assert_int_lt(tg_model_load(&x, patched(good, "m.dpm", 0, "NOTAMODL", 8), 0, NULL, err, sizeof err), 0);
    ck_assert_msg(strstr(err, "not a docpipe tagger model"), "%s", err);
    ck_assert_int_lt(tg_model_load(&x, write_file("short.dpm", "DPTAG"), 0, NULL, err, sizeof err), 0);
    ck_assert_msg(strstr(err, "shorter than the header"), "%s", err);
    b = slurp(good, &len);
    const char *trunc = write_bytes("t.dpm", (const char *)b, len - 8);
    free(b);
    ck_assert_int_lt(tg_model_load(&x, trunc, 0, NULL, err, sizeof err), 0);
    ck_assert_msg(strstr(err, "truncated"), "%s", err);
    ck_assert_int_lt(tg_model_load(&x, tmp_path("absent.dpm"), 0, NULL, err, sizeof err), 0);
    ck_assert_msg(strstr(err, "absent.dpm: No such file"), "%s", err);
    tg_model_free(&m);
}
END_TEST

/* ---- the plugin ------------------------------------------------------------ */

static const char *plugin_run(dp_instance *inst, const char *text)
{
    static char out[2048];
    dp_doc *d = dp_doc_new("t", "test");
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(dp_doc_set_text(d, text, strlen(text)), 0);
    char err[256] = "";
    ck_assert_int_eq(dp_harness_process(inst, d, err, sizeof err), DP_OK);
    dp_doc_entities_sort(d);
    out[0] = '\0';
    for (size_t i = 0; i < dp_doc_entity_count(d); i++) {
        const dp_entity *e = dp_doc_entity_at(d, i);
        size_t slen;
        const char *s = dp_entity_surface(d, e, &slen);
        ck_assert(e->confidence > 0 && e->confidence <= 1);
        ck_assert_str_eq(e->instance, "tagger");
        char item[256];
        snprintf(item, sizeof item, "%s%s:%.*s", i ? "|" : "", e->type, (int)slen, s);
        strcat(out, item);
    }
    dp_doc_free(d);
    return out;
}

START_TEST(plugin_tags_documents)
{
    tg_model m;
    char err[1024], opt[300];
    train_toy(&m, 1);
    const char *path = tmp_path("p.dpm");
    ck_assert_int_eq(tg_model_save(&m, path, err, sizeof err), 0);
    tg_model_free(&m);
    snprintf(opt, sizeof opt, "model=%s", path);
    const char *o1[] = { opt };
    dp_instance *inst = dp_harness_new(&docpipe_plugin, o1, 1, NULL, err, sizeof err);
    ck_assert_msg(inst != NULL, "%s", err);
    const char *text = "Ông Nguyễn Văn An đến Hà Nội.\nBộ Y tế họp ở Huế.";
    ck_assert_str_eq(plugin_run(inst, text), "PER:Nguyễn Văn An|LOC:Hà Nội|ORG:Bộ Y tế|LOC:Huế");
    ck_assert_str_eq(plugin_run(inst, ""), "");
    dp_harness_free(inst);

    const char *o2[] = { opt, "types=LOC" };
    inst = dp_harness_new(&docpipe_plugin, o2, 2, NULL, err, sizeof err);
    ck_assert_msg(inst != NULL, "%s", err);
    ck_assert_str_eq(plugin_run(inst, text), "LOC:Hà Nội|LOC:Huế");
    dp_harness_free(inst);

    const char *o3[] = { opt, "types=DATE" };
    ck_assert_ptr_null(dp_harness_new(&docpipe_plugin, o3, 2, NULL, err, sizeof err));
    ck_assert_msg(strstr(err, "'DATE' is not a type of the model (its types: LOC ORG PER)"), "%s", err);

    const char *o4[] = { "model=/nonexistent/m.dpm" };
    ck_assert_ptr_null(dp_harness_new(&docpipe_plugin, o4, 1, NULL, err, sizeof err));
    ck_assert_msg(strstr(err, "no data file '/nonexistent/m.dpm'"), "%s", err); /* the core's data lookup */

    /* a features file other than the model's: refused, both hashes named */
    char fopt[300];
    snprintf(fopt, sizeof fopt, "features=%s", TAGGER_SRCDIR "/vi-news.features");
    const char *o5[] = { opt, fopt };
    ck_assert_ptr_null(dp_harness_new(&docpipe_plugin, o5, 2, NULL, err, sizeof err));
    ck_assert_msg(strstr(err, "trained with features of template hash") && strstr(err, "vi-news.features has template hash"),
                  "%s", err);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("recognizer_tagger");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, tokeniser_rule);
    tcase_add_test(tc, sentence_split);
    tcase_add_test(tc, template_parsing);
    tcase_add_test(tc, observations);
    tcase_add_test(tc, lists_mark_tokens);
    tcase_add_test(tc, features_file);
    tcase_add_test(tc, conll_errors_name_file_and_line);
    tcase_add_test(tc, conll_columns_schemes_and_tokens);
    tcase_add_test(tc, viterbi_hand_computed);
    tcase_add_test(tc, viterbi_and_marginals_match_brute_force);
    tcase_add_test(tc, perceptron_separates_toy_corpus);
    tcase_add_test(tc, perceptron_update_rule);
    tcase_add_test(tc, model_round_trip_and_determinism);
    tcase_add_test(tc, model_refusals_name_both_sides);
    tcase_add_test(tc, plugin_tags_documents);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
