/* What the unit tests of the names recognizer share (names_test.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names_test.h"

extern const dp_plugin docpipe_plugin;

#ifndef TOP_SRCDIR
#define TOP_SRCDIR "../../.."
#endif

dp_instance *names_inst;

dp_instance *names_make(const char *extra, char *err, size_t errlen)
{
    char base[512];
    const char *top = getenv("top_srcdir") ? getenv("top_srcdir") : TOP_SRCDIR;
    snprintf(base, sizeof base, "%s/data", top); /* data names (vi/ranks.tsv) resolve here */
    const char *opts[1] = { extra };
    return dp_harness_new(&docpipe_plugin, opts, extra ? 1 : 0, base, err, errlen);
}

void names_setup(void)
{
    char err[512] = "";
    names_inst = names_make(NULL, err, sizeof err);
    ck_assert_msg(names_inst != NULL, "harness: %s", err);
}

void names_teardown(void)
{
    dp_harness_free(names_inst);
    names_inst = NULL;
}

dp_doc *names_run_with(const char *text, const char *const *earlier, const char *seg_kind,
                       const char *seg_text)
{
    dp_doc *d = dp_doc_new("t", "test");
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(dp_doc_set_text(d, text, strlen(text)), 0);
    if (seg_kind) {
        const char *p = strstr(text, seg_text);
        ck_assert_ptr_nonnull(p);
        size_t s = (size_t)(p - text);
        ck_assert_int_eq(dp_doc_segment_add(d, s, s + strlen(seg_text), seg_kind), 0);
    }
    for (size_t i = 0; earlier && earlier[i]; i++) {
        const char *colon = strchr(earlier[i], ':');
        ck_assert_ptr_nonnull(colon);
        char type[16];
        snprintf(type, sizeof type, "%.*s", (int)(colon - earlier[i]), earlier[i]);
        const char *p = strstr(text, colon + 1);
        ck_assert_msg(p != NULL, "'%s' not in the text", colon + 1);
        size_t s = (size_t)(p - text);
        ck_assert_ptr_nonnull(dp_doc_entity_add(d, s, s + strlen(colon + 1), type));
    }
    size_t before = dp_doc_entity_count(d);
    char err[256];
    ck_assert_int_eq(dp_harness_process(names_inst, d, err, sizeof err), DP_OK);
    size_t len;
    const char *t = dp_doc_text(d, &len);
    for (size_t i = 0; i < dp_doc_entity_count(d); i++) {
        const dp_entity *e = dp_doc_entity_at(d, i);
        ck_assert(e->start < e->end && e->end <= len);
        ck_assert(dp_utf8_boundary(t, len, e->start) && dp_utf8_boundary(t, len, e->end));
        if (i >= before)
            ck_assert(e->confidence >= 0.5 && e->confidence <= 0.85);
    }
    return d;
}

dp_doc *names_run(const char *text)
{
    return names_run_with(text, NULL, NULL, NULL);
}

const dp_entity *names_find(dp_doc *d, const char *type, const char *s)
{
    for (size_t i = 0; i < dp_doc_entity_count(d); i++) {
        const dp_entity *e = dp_doc_entity_at(d, i);
        size_t l;
        const char *p = dp_entity_surface(d, e, &l);
        if (strcmp(e->type, type) == 0 && l == strlen(s) && memcmp(p, s, l) == 0)
            return e;
    }
    return NULL;
}

size_t names_count(dp_doc *d, const char *type)
{
    size_t n = 0;
    for (size_t i = 0; i < dp_doc_entity_count(d); i++)
        n += strcmp(dp_doc_entity_at(d, i)->type, type) == 0;
    return n;
}
