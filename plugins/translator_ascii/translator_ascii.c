/* ascii: diacritic folding (đ → d) of entity surfaces and fields, and URL slugs. */
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

static const dp_option options[] = {
    { "lang", DP_OPT_STRING, "ascii", 0, NULL, "language tag of the folded renderings" },
    { "entities", DP_OPT_BOOL, "true", 0, NULL, "fold every entity's surface" },
    { "fields", DP_OPT_LIST, "title", 0, NULL, "document fields whose folded text is added as a translation" },
    { "slug", DP_OPT_BOOL, "false", 0, NULL, "add a field `slug` made from slug_from: hop-tac-quoc-phong" },
    { "slug_from", DP_OPT_STRING, "title", 0, NULL, "the field the slug is made from" },
    { "slug_max", DP_OPT_INT, "80", 0, NULL, "longest slug in bytes (cut at a hyphen)" },
    DP_OPTION_END
};

typedef struct state {
    char *lang, *instance, *slug_from;
    char **fields;
    size_t n_fields;
    int entities, slug;
    size_t slug_max;
} state;

static void ascii_fini(void *sp)
{
    state *st = sp;
    if (!st) return;
    for (size_t i = 0; i < st->n_fields; i++) free(st->fields[i]);
    free(st->fields);
    free(st->lang);
    free(st->instance);
    free(st->slug_from);
    free(st);
}

static int ascii_init(dp_instance *inst, void **out)
{
    state *st = calloc(1, sizeof *st);
    if (!st) goto oom;
    st->lang = strdup(dp_opt_str(inst, "lang"));
    st->instance = strdup(dp_instance_name(inst));
    st->slug_from = strdup(dp_opt_str(inst, "slug_from"));
    st->n_fields = dp_opt_count(inst, "fields");
    st->fields = calloc(st->n_fields ? st->n_fields : 1, sizeof *st->fields);
    if (!st->lang || !st->instance || !st->slug_from || !st->fields) goto oom;
    for (size_t i = 0; i < st->n_fields; i++)
        if (!(st->fields[i] = strdup(dp_opt_item(inst, "fields", i)))) goto oom;
    st->entities = dp_opt_bool(inst, "entities");
    st->slug = dp_opt_bool(inst, "slug");
    long long m = dp_opt_int(inst, "slug_max");
    if (m < 1) {
        dp_instance_error(inst, "slug_max must be at least 1 (got %lld)", m);
        ascii_fini(st);
        return -1;
    }
    st->slug_max = (size_t)m;
    if (!*st->lang) {
        dp_instance_error(inst, "lang must not be empty");
        ascii_fini(st);
        return -1;
    }
    *out = st;
    return 0;
oom:
    dp_instance_nomem(inst);
    ascii_fini(st);
    return -1;
}

/* Lower-case ASCII letters and digits joined by single hyphens; NULL on OOM. */
static char *slugify(const char *s, size_t max)
{
    char *f = dp_text_fold_diacritics(s, strlen(s), NULL);
    if (!f) return NULL;
    size_t w = 0;
    int hyphen = 0;
    for (size_t r = 0; f[r]; r++) {
        unsigned char c = (unsigned char)f[r];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (hyphen && w) f[w++] = '-';
            hyphen = 0;
            f[w++] = (char)c;
        } else {
            hyphen = 1; /* anything else, letters outside ASCII included, separates words */
        }
    }
    f[w] = '\0';
    if (w > max) {
        size_t cut = max;
        while (cut > 0 && f[cut] != '-') cut--;
        f[cut ? cut : max] = '\0';
    }
    return f;
}

static int ascii_process(void *sp, dp_doc *doc, dp_error *err)
{
    const state *st = sp;
    if (st->entities) {
        size_t n = dp_doc_entity_count(doc);
        for (size_t i = 0; i < n; i++) {
            dp_entity *e = dp_doc_entity_at(doc, i);
            size_t len;
            const char *s = dp_entity_surface(doc, e, &len);
            char *f = s ? dp_text_fold_diacritics(s, len, NULL) : NULL;
            if (!f) return dp_fail_nomem(err);
            int rc = dp_entity_translation_set(doc, e, st->lang, f);
            free(f);
            if (rc < 0) return dp_fail_nomem(err);
        }
    }
    for (size_t i = 0; i < st->n_fields; i++) {
        const char *v = dp_doc_field(doc, st->fields[i]);
        if (!v) continue;
        char *f = dp_text_fold_diacritics(v, strlen(v), NULL);
        if (!f) return dp_fail(err, DP_FAILED, "field %s is not valid UTF-8", st->fields[i]);
        int rc = dp_doc_translation_add(doc, st->lang, DP_TARGET_FIELD, st->fields[i], f, st->instance, NULL);
        free(f);
        if (rc < 0) return dp_fail_nomem(err);
    }
    if (st->slug) {
        const char *v = dp_doc_field(doc, st->slug_from);
        if (v) {
            char *slug = slugify(v, st->slug_max);
            if (!slug) return dp_fail(err, DP_FAILED, "field %s is not valid UTF-8", st->slug_from);
            int rc = *slug ? dp_doc_field_set(doc, "slug", slug) : 0;
            free(slug);
            if (rc < 0) return dp_fail_nomem(err);
        }
    }
    return DP_OK;
}

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_TRANSLATOR),
    .name = "ascii",
    .version = "1.0",
    .description = "diacritic folding (Hợp tác → Hop tac, đ → d) of entity surfaces and fields, and URL slugs",
    .options = options,
    .consumes = "text",
    .produces = "entity.translation translation fields",
    .init = ascii_init,
    .process = ascii_process,
    .fini = ascii_fini,
};
