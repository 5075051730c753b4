/* glossary: renders every entity in English from glossary tables (see README.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "gloss.h"
#include "lang_rules.h"

static const dp_option options[] = {
    { "files", DP_OPT_DATA_LIST, "vi-en/*.tsv", 0, NULL, "glossary files (vi<TAB>en<TAB>kind<TAB>note)" },
    { "gazetteers", DP_OPT_DATA_LIST, "vi/countries.tsv,vi/provinces.tsv,vi/places.tsv,vi/orgs.tsv,vi/misc.tsv", 0,
      NULL, "gazetteer lists for English names and country adjectives" },
    { "ranks", DP_OPT_DATA, "vi/ranks.tsv", 0, NULL, "military ranks (vi, en_official, en_wikipedia, group)" },
    { "titles", DP_OPT_DATA, "vi/titles.tsv", 0, NULL, "office titles (vi, en, kind)" },
    { "rank_convention", DP_OPT_ENUM, "official", 0, "official|wikipedia",
      "ranks as Vietnamese official media write them (Senior Lieutenant General) or as Wikipedia (Colonel General)" },
    { "spelling", DP_OPT_ENUM, "british", 0, "british|american", "Defence/Defense, Centre/Center, Programme/Program" },
    { "lang", DP_OPT_STRING, "en", 0, NULL, "language tag of the renderings" },
    { "fields", DP_OPT_LIST, "title", 0, NULL, "document fields translated term by term" },
    LANG_RULES_OPTION,
    DP_OPTION_END
};

typedef struct state {
    gl_tables T;
    char *lang;
    char *instance;
    char **fields;
    size_t n_fields;
} state;

static void glossary_fini(void *sp)
{
    state *st = sp;
    if (!st) return;
    gl_table_free(st->T.terms);
    gl_table_free(st->T.ranks);
    gl_table_free(st->T.titles);
    for (size_t i = 0; i < st->n_fields; i++) free(st->fields[i]);
    free(st->fields);
    free(st->lang);
    free(st->instance);
    free(st);
}

static int load(dp_instance *inst, gl_table *t, const char *path, gl_format f)
{
    char err[1024];
    if (gl_table_load(t, path, f, err, sizeof err) < 0) {
        dp_instance_error(inst, "%s", err);
        return -1;
    }
    return 0;
}

static int load_list(dp_instance *inst, gl_table *t, const char *opt, gl_format f)
{
    size_t n = dp_opt_count(inst, opt);
    for (size_t i = 0; i < n; i++)
        if (load(inst, t, dp_opt_item(inst, opt, i), f) < 0) return -1;
    return 0;
}

static int glossary_init(dp_instance *inst, void **out)
{
    state *st = calloc(1, sizeof *st);
    if (!st) {
        dp_instance_nomem(inst);
        return -1;
    }
    st->T.rules = lang_rules(dp_opt_str(inst, "match_lang"));
    st->T.terms = gl_table_new(st->T.rules);
    st->T.ranks = gl_table_new(st->T.rules);
    st->T.titles = gl_table_new(st->T.rules);
    st->lang = strdup(dp_opt_str(inst, "lang"));
    st->instance = strdup(dp_instance_name(inst));
    st->n_fields = dp_opt_count(inst, "fields");
    st->fields = calloc(st->n_fields ? st->n_fields : 1, sizeof *st->fields);
    if (!st->T.terms || !st->T.ranks || !st->T.titles || !st->lang || !st->instance || !st->fields) {
        dp_instance_nomem(inst);
        goto fail;
    }
    for (size_t i = 0; i < st->n_fields; i++)
        if (!(st->fields[i] = strdup(dp_opt_item(inst, "fields", i)))) {
            dp_instance_nomem(inst);
            goto fail;
        }
    st->T.wikipedia = strcmp(dp_opt_str(inst, "rank_convention"), "wikipedia") == 0;
    st->T.american = strcmp(dp_opt_str(inst, "spelling"), "american") == 0;
    /* gazetteer rows first: a whole name's English wins over a glossary row of the same key */
    const char *rp = dp_opt_str(inst, "ranks"), *tp = dp_opt_str(inst, "titles");
    if (load_list(inst, st->T.terms, "gazetteers", GL_FMT_GAZETTEER) < 0 ||
        load_list(inst, st->T.terms, "files", GL_FMT_GLOSSARY) < 0 ||
        (rp && load(inst, st->T.ranks, rp, GL_FMT_RANKS) < 0) ||
        (tp && load(inst, st->T.titles, tp, GL_FMT_TITLES) < 0))
        goto fail;
    /* ranks and titles are also terms of running text ("Cục trưởng" in a headline) */
    char err[1024];
    if (rp && gl_table_load_roles(st->T.terms, rp, GL_FMT_RANKS, err, sizeof err) < 0) {
        dp_instance_error(inst, "%s", err);
        goto fail;
    }
    if (tp && gl_table_load_roles(st->T.terms, tp, GL_FMT_TITLES, err, sizeof err) < 0) {
        dp_instance_error(inst, "%s", err);
        goto fail;
    }
    *out = st;
    return 0;
fail:
    glossary_fini(st);
    return -1;
}

static int set_result(dp_doc *doc, dp_entity *e, const state *st, const gl_result *r, const char *rule)
{
    if (dp_entity_translation_set(doc, e, st->lang, r->en) < 0) return -1;
    if (dp_entity_attr_set(doc, e, "english.rule", rule ? rule : r->rule) < 0) return -1;
    if (r->untranslated && dp_entity_attr_set(doc, e, "english.untranslated", r->untranslated) < 0) return -1;
    return 0;
}

/* Korean surnames that are not also Vietnamese ones (Kim, Ha, Han … are left out). */
static const char *const korean_surnames[] = {
    "Lee", "Park", "Choi", "Jung", "Chung", "Kang", "Cho", "Jo", "Yoon", "Yun", "Jang", "Chang", "Shin",
    "Seo", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Jeon", "Jun", "Moon", "Yang", "Bae", "Baek", "Heo",
    "Noh", "Roh", "Kwak", "Sung", "Cha", "Joo", "Woo", "Koo", "Ryu", "Yoo", "Suh", "Oh", NULL
};

static int ascii_word(const char *s, size_t n)
{
    if (n < 2 || !(s[0] >= 'A' && s[0] <= 'Z')) return 0;
    for (size_t i = 1; i < n; i++)
        if (!(s[i] >= 'a' && s[i] <= 'z')) return 0;
    return 1;
}

/*
 * "Lee Doo Hee" → "Lee Doo-hee": Vietnamese text writes the two syllables of a
 * Korean given name apart; English-language media join them with a hyphen.
 * Only for three plain ASCII words after a Korean surname.  NULL: not such a name.
 */
static char *korean(const char *s, size_t len)
{
    const char *w[3];
    size_t wl[3], n = 0, i = 0;
    while (i < len && n < 4) {
        while (i < len && s[i] == ' ') i++;
        if (i >= len) break;
        size_t j = i;
        while (j < len && s[j] != ' ') j++;
        if (n < 3) {
            w[n] = s + i;
            wl[n] = j - i;
        }
        n++;
        i = j;
    }
    if (n != 3) return NULL;
    for (size_t k = 0; k < 3; k++)
        if (!ascii_word(w[k], wl[k])) return NULL;
    int sur = 0;
    for (size_t k = 0; korean_surnames[k] && !sur; k++)
        sur = strlen(korean_surnames[k]) == wl[0] && strncmp(korean_surnames[k], w[0], wl[0]) == 0;
    if (!sur) return NULL;
    char *out = malloc(len + 2);
    if (!out) return NULL;
    int m = snprintf(out, len + 2, "%.*s %.*s-%c%.*s", (int)wl[0], w[0], (int)wl[1], w[1],
                     w[2][0] + 32, (int)wl[2] - 1, w[2] + 1);
    if (m < 0) {
        free(out);
        return NULL;
    }
    return out;
}

static int person(dp_doc *doc, dp_entity *e, const state *st, const char *s, size_t len)
{
    char *f = korean(s, len);
    const char *rule = "per.korean";
    if (!f) {
        f = dp_text_fold_diacritics(s, len, NULL);
        rule = "per.fold";
    }
    if (!f) return -1;
    int rc = dp_entity_translation_set(doc, e, st->lang, f);
    free(f);
    if (rc < 0 || dp_entity_attr_set(doc, e, "english.rule", rule) < 0) return -1;
    static const char *const keys[2][2] = { { "rank", "rank.en" }, { "title", "title.en" } };
    for (int k = 0; k < 2; k++) {
        const char *v = dp_entity_attr(e, keys[k][0]);
        if (!v || !*v) continue;
        gl_result r;
        if (gl_person_title(&st->T, v, strlen(v), k == 0, &r) < 0) return -1;
        char rk[32];
        snprintf(rk, sizeof rk, "%s.rule", keys[k][1]);
        rc = (*r.en && dp_entity_attr_set(doc, e, keys[k][1], r.en) < 0) ||
             (*r.en && dp_entity_attr_set(doc, e, rk, r.rule) < 0) ? -1 : 0;
        gl_result_clear(&r);
        if (rc < 0) return -1;
    }
    return 0;
}

static int entity(dp_doc *doc, dp_entity *e, const state *st)
{
    size_t len;
    const char *s = dp_entity_surface(doc, e, &len);
    if (!s) return -1;
    if (strcmp(e->type, "PER") == 0) return person(doc, e, st, s, len);
    if (strcmp(e->type, "DATE") == 0 || strcmp(e->type, "TIME") == 0) {
        const char *v = e->value && *e->value ? e->value : dp_entity_attr(e, "iso");
        if (v) {
            if (dp_entity_translation_set(doc, e, st->lang, v) < 0) return -1;
            return dp_entity_attr_set(doc, e, "english.rule", "date.value");
        }
        gl_result r;
        if (gl_term_by_term(&st->T, s, len, &r) < 0) return -1;
        int rc = set_result(doc, e, st, &r, NULL);
        gl_result_clear(&r);
        return rc;
    }
    int named = !strcmp(e->type, "ORG") || !strcmp(e->type, "LOC") || !strcmp(e->type, "EVENT") ||
                !strcmp(e->type, "MISC") || !strcmp(e->type, "GPE") || !strcmp(e->type, "FAC");
    if (!named) { /* numbers, URLs, amounts …: the surface itself */
        char *copy = strndup(s, len);
        if (!copy) return -1;
        int rc = dp_entity_translation_set(doc, e, st->lang, copy);
        free(copy);
        return rc < 0 ? -1 : dp_entity_attr_set(doc, e, "english.rule", "copy");
    }
    gl_result r;
    if (gl_compose(&st->T, s, len, &r) < 0) return -1;
    /* a partial composition loses to the recognizer's English name for the span */
    const char *attr = dp_entity_attr(e, "english");
    int rc;
    if (!r.complete && attr && *attr) {
        char *sp = gl_spell(attr, st->T.american);
        if (!sp) {
            gl_result_clear(&r);
            return -1;
        }
        rc = dp_entity_translation_set(doc, e, st->lang, sp) < 0 ||
             dp_entity_attr_set(doc, e, "english.rule", "attr:english") < 0 ? -1 : 0;
        free(sp);
    } else {
        rc = set_result(doc, e, st, &r, NULL);
    }
    gl_result_clear(&r);
    return rc;
}

static int glossary_process(void *sp, dp_doc *doc, dp_error *err)
{
    const state *st = sp;
    size_t n = dp_doc_entity_count(doc);
    for (size_t i = 0; i < n; i++)
        if (entity(doc, dp_doc_entity_at(doc, i), st) < 0) return dp_fail_nomem(err);
    for (size_t f = 0; f < st->n_fields; f++) {
        const char *v = dp_doc_field(doc, st->fields[f]);
        if (!v || !*v) continue;
        gl_result r;
        if (gl_term_by_term(&st->T, v, strlen(v), &r) < 0) return dp_fail_nomem(err);
        char note[4096];
        if (r.untranslated) snprintf(note, sizeof note, "untranslated: %s", r.untranslated);
        int rc = dp_doc_translation_add(doc, st->lang, DP_TARGET_FIELD, st->fields[f], r.en, st->instance,
                                        r.untranslated ? note : NULL);
        gl_result_clear(&r);
        if (rc < 0) return dp_fail_nomem(err);
    }
    return DP_OK;
}

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_TRANSLATOR),
    .name = "glossary",
    .version = "1.0",
    .description = "English renderings of entities (and term-by-term titles) from glossary tables: "
                   "diacritic-free person names with ranks, gazetteer names, composed names of "
                   "bodies and events, ISO dates",
    .options = options,
    .consumes = "entity",
    .produces = "entity.translation translation",
    .init = glossary_init,
    .process = glossary_process,
    .fini = glossary_fini,
};
