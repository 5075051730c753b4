/* Unit tests: arena, document model, entity resolution, JSON escaping, outfile. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docpipe/docpipe.h"
#include "error_impl.h"
#include "instance.h"
#include "internal.h"
#include "outfile_impl.h"
#include "check_run.h"

START_TEST(arena_alloc_and_strings)
{
    dp_arena *a = dp_arena_new(16);
    ck_assert_ptr_nonnull(a);
    char *s = dp_arena_strdup(a, "Thượng tướng");
    ck_assert_str_eq(s, "Thượng tướng");
    char *p = dp_arena_printf(a, "%s %d", "lần thứ", 12);
    ck_assert_str_eq(p, "lần thứ 12");
    /* Many allocations across blocks stay valid and aligned. */
    void *ptrs[1000];
    for (int i = 0; i < 1000; i++) {
        ptrs[i] = dp_arena_alloc(a, (size_t)(i % 37) + 1);
        ck_assert_ptr_nonnull(ptrs[i]);
        ck_assert_uint_eq((uintptr_t)ptrs[i] % 16, 0);
        memset(ptrs[i], i & 0xff, (size_t)(i % 37) + 1);
    }
    for (int i = 0; i < 1000; i++) ck_assert_uint_eq(((unsigned char *)ptrs[i])[0], (unsigned)(i & 0xff));
    ck_assert_str_eq(s, "Thượng tướng");
    ck_assert_uint_gt(dp_arena_used(a), 1000);
    char *big = dp_arena_alloc(a, 1 << 20);
    ck_assert_ptr_nonnull(big);
    ck_assert_ptr_null(dp_arena_calloc(a, SIZE_MAX / 2, 4));
    dp_arena_free(a);
}
END_TEST

START_TEST(doc_fields_ordered_and_repeated)
{
    dp_doc *d = dp_doc_new("a", "a.txt");
    ck_assert_int_eq(dp_doc_field_add(d, "title", "Tiêu đề"), 0);
    ck_assert_int_eq(dp_doc_field_add(d, "keyword", "ASEAN"), 0);
    ck_assert_int_eq(dp_doc_field_add(d, "keyword", "Hàn Quốc"), 0);
    ck_assert_int_eq(dp_doc_field_set(d, "title", "Mới"), 0);
    ck_assert_uint_eq(dp_doc_field_count(d), 3);
    ck_assert_str_eq(dp_doc_field(d, "title"), "Mới");
    ck_assert_str_eq(dp_doc_field_at(d, 2)->value, "Hàn Quốc");
    ck_assert_ptr_null(dp_doc_field(d, "missing"));
    ck_assert_int_eq(dp_doc_field_add(d, NULL, "x"), -1);
    dp_doc_free(d);
}
END_TEST

START_TEST(doc_text_is_nfc_and_validated)
{
    dp_doc *d = dp_doc_new("a", "a.txt");
    /* "Việt" in NFD: e + circumflex + dot below */
    const char nfd[] = "Vi\x65\xcc\x82\xcc\xa3t";
    ck_assert_int_eq(dp_doc_set_text(d, nfd, strlen(nfd)), 0);
    size_t len;
    ck_assert_str_eq(dp_doc_text(d, &len), "Việt");
    ck_assert_uint_eq(len, strlen("Việt"));
    ck_assert_int_eq(dp_doc_set_text(d, "bad \xff", 5), -1);
    dp_doc_free(d);
}
END_TEST

START_TEST(doc_entities_spans_attrs_translations)
{
    dp_doc *d = dp_doc_new("a", NULL);
    const char *t = "Thượng tướng Nguyễn Chí Vịnh thăm Seoul.";
    ck_assert_int_eq(dp_doc_set_text(d, t, strlen(t)), 0);
    size_t s = strlen("Thượng tướng "), e = s + strlen("Nguyễn Chí Vịnh");
    dp_doc_set_instance(d, 1, "names");
    dp_entity *ent = dp_doc_entity_add(d, s, e, "PER");
    ck_assert_ptr_nonnull(ent);
    ck_assert(ent->confidence == 1.0);
    ck_assert_str_eq(ent->instance, "names");
    ck_assert_int_eq(dp_entity_attr_set(d, ent, "rank", "Thượng tướng"), 0);
    ck_assert_int_eq(dp_entity_attr_set(d, ent, "rank", "Đại tướng"), 0); /* replaces */
    ck_assert_uint_eq(dp_entity_attr_count(ent), 1);
    ck_assert_str_eq(dp_entity_attr(ent, "rank"), "Đại tướng");
    ck_assert_int_eq(dp_entity_translation_set(d, ent, "en", "Nguyen Chi Vinh"), 0);
    ck_assert_str_eq(dp_entity_translation(ent, "en"), "Nguyen Chi Vinh");
    size_t slen;
    const char *surf = dp_entity_surface(d, ent, &slen);
    ck_assert_int_eq(strncmp(surf, "Nguyễn Chí Vịnh", slen), 0);
    /* Spans must be inside the text, non-empty and on character boundaries. */
    ck_assert_ptr_null(dp_doc_entity_add(d, 1, 3, "X"));      /* "ư" is bytes 2..3: 3 is inside it */
    ck_assert_ptr_null(dp_doc_entity_add(d, 0, strlen(t) + 1, "X"));
    ck_assert_ptr_null(dp_doc_entity_add(d, 3, 3, "X"));
    ck_assert_int_eq(dp_doc_segment_add(d, 0, strlen(t), "paragraph"), 0);
    ck_assert_str_eq(dp_doc_segment_kind_at(d, 5), "paragraph");
    /* Setting the text again drops stale standoff layers. */
    ck_assert_int_eq(dp_doc_set_text(d, "x", 1), 0);
    ck_assert_uint_eq(dp_doc_entity_count(d), 0);
    ck_assert_uint_eq(dp_doc_segment_count(d), 0);
    dp_doc_free(d);
}
END_TEST

static dp_entity *add(dp_doc *d, size_t a, size_t b, const char *type, const char *inst, int rank, double conf)
{
    dp_doc_set_instance(d, rank, inst);
    dp_entity *e = dp_doc_entity_add(d, a, b, type);
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(dp_entity_set_confidence(e, conf), 0);
    return e;
}

START_TEST(confidence_setter_checks_its_range)
{
    dp_doc *d = dp_doc_new("a", NULL);
    dp_doc_set_text(d, "Hà Nội", strlen("Hà Nội"));
    dp_entity *e = dp_doc_entity_add(d, 0, strlen("Hà"), "LOC");
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(dp_entity_set_confidence(e, 0.7), 0);
    ck_assert(e->confidence == 0.7);
    ck_assert_int_eq(dp_entity_set_confidence(e, 0.0), 0);
    ck_assert_int_eq(dp_entity_set_confidence(e, 1.0), 0);
    const double bad[] = { -0.01, 1.0000001, NAN, -NAN, INFINITY, -INFINITY, 70 };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ck_assert_int_eq(dp_entity_set_confidence(e, bad[i]), -1);
        ck_assert(e->confidence == 1.0); /* unchanged */
    }
    dp_doc_free(d);
}
END_TEST

/* A recognizer that tags the first character of the text. */
static int tag_first(void *state, dp_doc *doc, dp_error *err)
{
    (void)state;
    (void)err;
    size_t len;
    const char *t = dp_doc_text(doc, &len);
    size_t end = 0;
    (void)dp_utf8_next(t, len, &end);
    return dp_doc_entity_add(doc, 0, end, "X") ? DP_OK : DP_FAILED;
}

static const dp_plugin tagger_a = { DP_PLUGIN_HEADER(DP_KIND_RECOGNIZER), .name = "tagger_a",
                                    .process = tag_first };
static const dp_plugin tagger_b = { DP_PLUGIN_HEADER(DP_KIND_RECOGNIZER), .name = "tagger_b",
                                    .process = tag_first };

START_TEST(entity_instance_is_the_running_one)
{
    char err[256];
    dp_instance *a = dp_harness_new(&tagger_a, NULL, 0, NULL, err, sizeof err);
    dp_instance *b = dp_harness_new(&tagger_b, NULL, 0, NULL, err, sizeof err);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    b->rank = 2; /* the second instance of a chain */
    dp_doc *d = dp_doc_new("a", NULL);
    dp_doc_set_text(d, "Đà Nẵng", strlen("Đà Nẵng"));
    /* outside a pipeline nobody is running */
    dp_entity *e = dp_doc_entity_add(d, 0, strlen("Đà"), "LOC");
    ck_assert_ptr_null(e->instance);
    ck_assert_int_eq(dp_instance_process(a, d, NULL), DP_OK);
    ck_assert_int_eq(dp_instance_process(b, d, NULL), DP_OK);
    ck_assert_uint_eq(dp_doc_entity_count(d), 3);
    ck_assert_str_eq(dp_doc_entity_at(d, 1)->instance, "tagger_a");
    ck_assert_str_eq(dp_doc_entity_at(d, 2)->instance, "tagger_b");
    /* the chain position goes with the name: equal spans sort by it */
    dp_doc_entities_sort(d);
    ck_assert_str_eq(dp_doc_entity_at(d, 1)->instance, "tagger_a");
    ck_assert_str_eq(dp_doc_entity_at(d, 2)->instance, "tagger_b");
    /* a test builds documents as if an instance ran */
    dp_harness_doc_instance(d, "gazetteer");
    e = dp_doc_entity_add(d, 0, strlen("Đà"), "LOC");
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(e->instance, "gazetteer");
    dp_doc_free(d);
    dp_harness_free(a);
    dp_harness_free(b);
}
END_TEST

START_TEST(doc_match_key_is_shared_and_invalidated)
{
    dp_doc *d = dp_doc_new("a", NULL);
    const char *t = "BỘ QUỐC PHÒNG hoà bình";
    dp_doc_set_text(d, t, strlen(t));
    size_t len1, len2;
    const size_t *map = NULL;
    const char *k1 = dp_doc_match_key(d, NULL, &len1, &map);
    const char *k2 = dp_doc_match_key(d, NULL, &len2, NULL);
    ck_assert_ptr_eq(k1, k2); /* computed once */
    size_t want_len;
    char *want = dp_text_match_key(t, strlen(t), NULL, &want_len, NULL);
    ck_assert_uint_eq(len1, want_len);
    ck_assert_int_eq(memcmp(k1, want, want_len), 0);
    ck_assert_uint_eq(map[len1], strlen(t));
    free(want);
    dp_doc_set_text(d, "Hà Nội", strlen("Hà Nội"));
    const char *k3 = dp_doc_match_key(d, NULL, &len2, NULL);
    ck_assert_str_eq(k3, "hà nội");
    dp_doc_free(d);
}
END_TEST

START_TEST(entities_sort_total_order)
{
    dp_doc *d = dp_doc_new("a", NULL);
    dp_doc_set_text(d, "0123456789abcdef", 16);
    add(d, 5, 8, "LOC", "g", 1, 1);
    add(d, 0, 3, "ORG", "g", 1, 1);
    add(d, 0, 6, "ORG", "n", 2, 1);
    add(d, 0, 6, "LOC", "n", 2, 1);
    dp_doc_entities_sort(d);
    ck_assert_uint_eq(dp_doc_entity_at(d, 0)->end, 6);
    ck_assert_str_eq(dp_doc_entity_at(d, 0)->type, "LOC");
    ck_assert_str_eq(dp_doc_entity_at(d, 1)->type, "ORG");
    ck_assert_uint_eq(dp_doc_entity_at(d, 2)->end, 3);
    ck_assert_uint_eq(dp_doc_entity_at(d, 3)->start, 5);
    dp_doc_free(d);
}
END_TEST

START_TEST(resolve_longest_wins_then_confidence_then_chain_order)
{
    dp_doc *d = dp_doc_new("a", NULL);
    dp_doc_set_text(d, "Bo Quoc phong Han Quoc va Seoul", 31);
    add(d, 0, 13, "ORG", "gazetteer", 1, 0.9);    /* "Bo Quoc phong" */
    add(d, 0, 22, "ORG", "names", 2, 0.7);        /* longer: wins */
    add(d, 14, 22, "LOC", "gazetteer", 1, 0.9);   /* inside the winner: dropped */
    add(d, 26, 31, "LOC", "gazetteer", 1, 0.9);   /* same span, same type twice */
    add(d, 26, 31, "LOC", "other", 3, 0.9);
    add(d, 26, 31, "PER", "names", 2, 0.95);      /* same span, higher confidence */
    ck_assert_int_eq(dp_doc_entities_resolve(d, 0), 0);
    ck_assert_uint_eq(dp_doc_entity_count(d), 2);
    ck_assert_uint_eq(dp_doc_entity_at(d, 0)->end, 22);
    ck_assert_str_eq(dp_doc_entity_at(d, 0)->instance, "names");
    ck_assert_str_eq(dp_doc_entity_at(d, 1)->type, "PER");
    dp_doc_free(d);
}
END_TEST

START_TEST(resolve_all_keeps_nesting_drops_duplicates)
{
    dp_doc *d = dp_doc_new("a", NULL);
    dp_doc_set_text(d, "Bo Quoc phong Han Quoc", 22);
    add(d, 0, 22, "ORG", "names", 2, 0.7);
    add(d, 14, 22, "LOC", "gazetteer", 1, 0.9);
    add(d, 14, 22, "LOC", "other", 3, 0.5);
    ck_assert_int_eq(dp_doc_entities_resolve(d, 1), 0);
    ck_assert_uint_eq(dp_doc_entity_count(d), 2);
    ck_assert_str_eq(dp_doc_entity_at(d, 1)->instance, "gazetteer");
    dp_doc_free(d);
}
END_TEST

static int keep_loc(const dp_entity *e, void *ctx)
{
    (void)ctx;
    return strcmp(e->type, "LOC") == 0;
}

START_TEST(entities_filter)
{
    dp_doc *d = dp_doc_new("a", NULL);
    dp_doc_set_text(d, "abcdef", 6);
    add(d, 0, 1, "LOC", "g", 1, 1);
    add(d, 1, 2, "PER", "g", 1, 1);
    add(d, 2, 3, "LOC", "g", 1, 1);
    ck_assert_uint_eq(dp_doc_entities_filter(d, keep_loc, NULL), 1);
    ck_assert_uint_eq(dp_doc_entity_count(d), 2);
    ck_assert_uint_eq(dp_doc_entity_at(d, 1)->start, 2);
    dp_doc_free(d);
}
END_TEST

START_TEST(translations_of_fields)
{
    dp_doc *d = dp_doc_new("a", NULL);
    ck_assert_int_eq(dp_doc_translation_add(d, "en", DP_TARGET_FIELD, "title", "Defence cooperation", "glossary",
                                            "untranslated: x"), 0);
    ck_assert_uint_eq(dp_doc_translation_count(d), 1);
    const dp_translation *t = dp_doc_translation_at(d, 0);
    ck_assert_str_eq(t->key, "title");
    ck_assert_int_eq(t->target, DP_TARGET_FIELD);
    ck_assert_str_eq(t->note, "untranslated: x");
    ck_assert_int_eq(dp_doc_translation_add(d, NULL, DP_TARGET_TEXT, NULL, "x", NULL, NULL), -1);
    dp_doc_free(d);
}
END_TEST

START_TEST(offsets_in_codepoints_and_utf16_on_multibyte_text)
{
    const char *t = "Việt Nam 😀 Hà Nội";
    size_t b_nam = strlen("Việt "), b_ha = strlen("Việt Nam 😀 ");
    ck_assert_uint_eq(dp_offset_to_codepoints(t, b_nam), 5);
    ck_assert_uint_eq(dp_offset_to_utf16(t, b_nam), 5);
    ck_assert_uint_eq(dp_offset_to_codepoints(t, b_ha), 11);
    ck_assert_uint_eq(dp_offset_to_utf16(t, b_ha), 12); /* the emoji is a surrogate pair */
    dp_offset_cursor c;
    dp_offset_cursor_init(&c, t);
    ck_assert_uint_eq(dp_offset_cursor_codepoints(&c, b_nam), 5);
    ck_assert_uint_eq(dp_offset_cursor_utf16(&c, b_ha), 12);
    ck_assert_uint_eq(dp_offset_cursor_codepoints(&c, b_nam), 5); /* backwards works too */
}
END_TEST

START_TEST(json_escaping)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    dp_json_write_cstr(f, "a\"b\\c\n\t\x01 Việt \xe2\x80\xa8");
    putc(' ', f);
    dp_json_write_cstr(f, NULL);
    fclose(f);
    ck_assert_str_eq(buf, "\"a\\\"b\\\\c\\n\\t\\u0001 Việt \\u2028\" null");
    free(buf);
}
END_TEST

/* The string builder's escaper agrees with a byte-at-a-time one wherever the escapes fall. */
static void naive_escape(dp_strbuf *b, const char *s, size_t n)
{
    dp_strbuf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"') dp_strbuf_puts(b, "\\\"");
        else if (c == '\\') dp_strbuf_puts(b, "\\\\");
        else if (c == '\n') dp_strbuf_puts(b, "\\n");
        else if (c == '\r') dp_strbuf_puts(b, "\\r");
        else if (c == '\t') dp_strbuf_puts(b, "\\t");
        else if (c < 0x20) dp_strbuf_printf(b, "\\u%04x", c);
        else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                 ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
            dp_strbuf_puts(b, (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029");
            i += 2;
        } else dp_strbuf_putc(b, (char)c);
    }
    dp_strbuf_putc(b, '"');
}

START_TEST(json_append_string_runs)
{
    const char *pieces[] = { "\"", "\\", "\n", "\x01", "\xe2\x80\xa8", "\xe2\x80\x9c", "Việt", "a", "\t" };
    unsigned seed = 1;
    for (int round = 0; round < 500; round++) {
        dp_strbuf in = DP_STRBUF_INIT, want = DP_STRBUF_INIT, got = DP_STRBUF_INIT;
        int n = round % 40;
        for (int k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            dp_strbuf_puts(&in, pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)]);
        }
        naive_escape(&want, in.data ? in.data : "", in.len);
        ck_assert_int_eq(dp_json_append_string(&got, in.data ? in.data : "", in.len), 0);
        ck_assert_str_eq(got.data, want.data);
        dp_strbuf_free(&in);
        dp_strbuf_free(&want);
        dp_strbuf_free(&got);
    }
    dp_strbuf b = DP_STRBUF_INIT;
    dp_json_append_string(&b, NULL, 0);
    ck_assert_str_eq(b.data, "null");
    dp_strbuf_free(&b);
}
END_TEST

/* A document as the jsonl writer's record: offsets in the chosen unit, repeated fields as arrays. */
START_TEST(doc_write_json_record)
{
    dp_doc *d = dp_doc_new("a1", "x.txt");
    const char *t = "Tin 😀 Hà Nội";
    ck_assert_int_eq(dp_doc_set_text(d, t, strlen(t)), 0);
    dp_doc_field_add(d, "keyword", "k1");
    dp_doc_field_add(d, "keyword", "k2");
    dp_doc_field_add(d, "title", "T");
    const char *hn = strstr(t, "Hà");
    dp_entity *e = dp_doc_entity_add(d, (size_t)(hn - t), strlen(t), "LOC");
    dp_entity_set_confidence(e, 0.85);
    dp_entity_translation_set(d, e, "en", "Hanoi");
    dp_strbuf b = DP_STRBUF_INIT;
    ck_assert_int_eq(dp_doc_write_json(d, NULL, &b), 0);
    ck_assert_str_eq(b.data, "{\"id\":\"a1\",\"source\":\"x.txt\",\"lang\":null,\"offset_unit\":\"codepoint\","
                             "\"fields\":{\"keyword\":[\"k1\",\"k2\"],\"title\":\"T\"},\"text\":\"Tin 😀 Hà Nội\","
                             "\"segments\":[],\"entities\":[{\"start\":6,\"end\":12,\"type\":\"LOC\",\"surface\":\"Hà Nội\","
                             "\"value\":null,\"confidence\":0.85,\"instance\":null,\"attrs\":{},\"translations\":{\"en\":\"Hanoi\"}}],"
                             "\"translations\":[]}\n");
    dp_strbuf_clear(&b);
    dp_doc_json_opts o = { DP_OFFSET_UTF16, 0, 0, 0 };
    ck_assert_int_eq(dp_doc_write_json(d, &o, &b), 0);
    ck_assert_ptr_nonnull(strstr(b.data, "\"offset_unit\":\"utf16\""));
    ck_assert_ptr_nonnull(strstr(b.data, "\"start\":7,\"end\":13"));
    ck_assert_ptr_null(strstr(b.data, "\"text\""));
    dp_strbuf_free(&b);
    dp_doc_free(d);
}
END_TEST

/* A record streamed to a file in 64 KB pieces is the record made in memory, byte for byte. */
START_TEST(doc_write_json_file_same_bytes)
{
    dp_doc *d = dp_doc_new("big", "x.txt");
    dp_strbuf t = DP_STRBUF_INIT;
    for (int i = 0; i < 4000; i++) dp_strbuf_printf(&t, "Bộ \"Quốc\"\tphòng %d Hà Nội\n", i);
    ck_assert_int_eq(dp_doc_set_text(d, t.data, t.len), 0);
    const char *p = t.data;
    for (int i = 0; (p = strstr(p, "Hà Nội")); i++, p++) {
        dp_entity *e = dp_doc_entity_add(d, (size_t)(p - t.data), (size_t)(p - t.data) + strlen("Hà Nội"), "LOC");
        ck_assert_ptr_nonnull(e);
        ck_assert_int_eq(dp_entity_attr_set(d, e, "country", i % 2 ? "VN" : "Việt Nam"), 0);
        ck_assert_int_eq(dp_entity_attr_set(d, e, "n", i % 3 ? "x" : "y"), 0);
        ck_assert_int_eq(dp_entity_translation_set(d, e, "en", "Hanoi"), 0);
    }
    /* the attribute strings are kept once per document, each entity still reads its own value */
    ck_assert_str_eq(dp_entity_attr(dp_doc_entity_at(d, 1), "country"), "VN");
    ck_assert_str_eq(dp_entity_attr(dp_doc_entity_at(d, 2), "country"), "Việt Nam");
    ck_assert_str_eq(dp_entity_attr(dp_doc_entity_at(d, 3), "n"), "y");
    dp_strbuf mem = DP_STRBUF_INIT;
    ck_assert_int_eq(dp_doc_write_json(d, NULL, &mem), 0);
    char *streamed = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&streamed, &n);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(dp_doc_write_json_file(d, NULL, f), 0);
    fclose(f);
    ck_assert_uint_gt(mem.len, 4u * 65536); /* several of the 64 KB pieces */
    ck_assert_uint_eq(n, mem.len);
    ck_assert_int_eq(memcmp(streamed, mem.data, n), 0);
    free(streamed);
    dp_strbuf_free(&mem);
    dp_strbuf_free(&t);
    dp_doc_free(d);
}
END_TEST

START_TEST(outfile_checkpoint_restore_commit)
{
    char dir[] = "/tmp/dp-outfile-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256], tmp[300];
    snprintf(path, sizeof path, "%s/sub/out.jsonl", dir);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    dp_error err;
    dp_error_clear(&err);
    dp_outfile *f = dp_outfile_open_path(path, 0, 0, &err);
    ck_assert_ptr_nonnull(f);
    char tok[64];
    fputs("one\n", dp_outfile_stream(f));
    ck_assert_int_eq(dp_outfile_checkpoint(f, tok, sizeof tok, &err), DP_OK);
    ck_assert_int_eq(strncmp(tok, "4:", 2), 0); /* the length, then the checksum */
    fputs("half a rec", dp_outfile_stream(f));
    dp_outfile_close(f); /* a crash: the final name does not exist */
    ck_assert_int_eq(access(path, F_OK), -1);
    ck_assert_int_eq(access(tmp, F_OK), 0);
    f = dp_outfile_open_path(path, 1, 0, &err); /* resuming */
    ck_assert_int_eq(dp_outfile_restore(f, tok, &err), DP_OK);
    fputs("two\n", dp_outfile_stream(f));
    ck_assert_int_eq(dp_outfile_commit(f, &err), DP_OK);
    dp_outfile_close(f);
    FILE *r = fopen(path, "r");
    char content[64] = "";
    size_t n = fread(content, 1, sizeof content - 1, r);
    content[n] = '\0';
    fclose(r);
    ck_assert_str_eq(content, "one\ntwo\n");
    ck_assert_int_eq(access(tmp, F_OK), -1);
    /* A resume that finds the output changed is refused (DP_FAILED), not written over. */
    f = dp_outfile_open_path(path, 0, 0, &err);
    fputs("abc\n", dp_outfile_stream(f));
    ck_assert_int_eq(dp_outfile_checkpoint(f, tok, sizeof tok, &err), DP_OK);
    dp_outfile_close(f);
    FILE *w = fopen(tmp, "r+");
    fputs("x", w); /* one byte changed */
    fclose(w);
    f = dp_outfile_open_path(path, 1, 0, &err);
    ck_assert_int_eq(dp_outfile_restore(f, tok, &err), DP_FAILED);
    ck_assert_ptr_nonnull(strstr(dp_error_message(&err), "does not hold"));
    dp_outfile_close(f);
    unlink(tmp);
    f = dp_outfile_open_path(path, 1, 0, &err);
    ck_assert_int_eq(dp_outfile_restore(f, tok, &err), DP_FAILED); /* gone */
    ck_assert_ptr_nonnull(strstr(dp_error_message(&err), "is missing"));
    dp_outfile_close(f);
    /* Died while committing, after the rename: the final file is verified and kept. */
    f = dp_outfile_open_path(path, 0, 0, &err);
    fputs("abc\n", dp_outfile_stream(f));
    ck_assert_int_eq(dp_outfile_checkpoint(f, tok, sizeof tok, &err), DP_OK);
    ck_assert_int_eq(dp_outfile_commit(f, &err), DP_OK);
    dp_outfile_close(f);
    f = dp_outfile_open_path(path, 1, 0, &err);
    ck_assert_int_eq(dp_outfile_restore_to(f, tok, 0, &err), DP_FAILED); /* not committing: the temp must be there */
    ck_assert_int_eq(dp_outfile_restore_to(f, tok, 1, &err), DP_OK);
    ck_assert_int_eq(dp_outfile_commit(f, &err), DP_OK);
    dp_outfile_close(f);
    r = fopen(path, "r");
    n = fread(content, 1, sizeof content - 1, r);
    content[n] = '\0';
    fclose(r);
    ck_assert_str_eq(content, "abc\n");
    /* A link planted at the temporary name is removed, not followed. */
    char victim[300];
    snprintf(victim, sizeof victim, "%s/victim", dir);
    w = fopen(victim, "w");
    fputs("keep", w);
    fclose(w);
    ck_assert_int_eq(symlink(victim, tmp), 0);
    f = dp_outfile_open_path(path, 0, 0, &err);
    ck_assert_ptr_nonnull(f);
    fputs("new\n", dp_outfile_stream(f));
    ck_assert_int_eq(dp_outfile_commit(f, &err), DP_OK);
    dp_outfile_close(f);
    r = fopen(victim, "r");
    n = fread(content, 1, sizeof content - 1, r);
    content[n] = '\0';
    fclose(r);
    ck_assert_str_eq(content, "keep");
    unlink(victim);
    /* An unwritable place is an error naming the path. */
    ck_assert_ptr_null(dp_outfile_open_path("/proc/no/such/dir/x.jsonl", 0, 0, &err));
    ck_assert_ptr_nonnull(strstr(dp_error_message(&err), "/proc/no/such/dir/x.jsonl"));
    unlink(path);
    char sub[300];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    rmdir(sub);
    rmdir(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("doc");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, arena_alloc_and_strings);
    tcase_add_test(tc, doc_fields_ordered_and_repeated);
    tcase_add_test(tc, doc_text_is_nfc_and_validated);
    tcase_add_test(tc, doc_entities_spans_attrs_translations);
    tcase_add_test(tc, confidence_setter_checks_its_range);
    tcase_add_test(tc, entity_instance_is_the_running_one);
    tcase_add_test(tc, doc_match_key_is_shared_and_invalidated);
    tcase_add_test(tc, entities_sort_total_order);
    tcase_add_test(tc, resolve_longest_wins_then_confidence_then_chain_order);
    tcase_add_test(tc, resolve_all_keeps_nesting_drops_duplicates);
    tcase_add_test(tc, entities_filter);
    tcase_add_test(tc, translations_of_fields);
    tcase_add_test(tc, offsets_in_codepoints_and_utf16_on_multibyte_text);
    tcase_add_test(tc, json_escaping);
    tcase_add_test(tc, json_append_string_runs);
    tcase_add_test(tc, doc_write_json_record);
    tcase_add_test(tc, doc_write_json_file_same_bytes);
    tcase_add_test(tc, outfile_checkpoint_restore_commit);
    suite_add_tcase(s, tc);
    return check_run(s);
}
