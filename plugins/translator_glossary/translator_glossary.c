/* glossary: renders every entity in English from glossary tables (see README.md): the plugin's
 * options, loading the tables, and each entity and field of a document. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "gloss.h"
#include "lang_rules.h"

static const dp_option options[] = {
    { "files", DP_OPT_DATA_LIST, "vi-en/*.tsv", 0, NULL,
      "vocabulary files (vi<TAB>en<TAB>kind<TAB>note); files named abbreviations* and known-names* are left to their own options" },
    { "abbreviations", DP_OPT_DATA_LIST, "vi-en/abbreviations*.tsv", 0, NULL,
      "abbreviations, expanded before rendering (vi<TAB>en<TAB>kind<TAB>expands=…)" },
    { "known_names", DP_OPT_DATA_LIST, "vi-en/known-names*.tsv", 0, NULL,
      "names known whole by their own English name (vi<TAB>en<TAB>name<TAB>type=…;id=…)" },
    { "gazetteers", DP_OPT_DATA_LIST,
      "vi/countries.tsv,vi/provinces.tsv,vi/cn_provinces.tsv,vi/places.tsv,vi/orgs.tsv,vi/misc.tsv", 0, NULL,
      "gazetteer lists for English names and country adjectives" },
    { "ranks", DP_OPT_DATA, "vi/ranks.tsv", 0, NULL, "military ranks (vi, en_official, en_wikipedia, group)" },
    { "titles", DP_OPT_DATA, "vi/titles.tsv", 0, NULL, "office titles (vi, en, kind)" },
    { "rank_convention", DP_OPT_ENUM, "official", 0, "official|wikipedia",
      "ranks as Vietnamese official media write them (Senior Lieutenant General) or as Wikipedia (Colonel General)" },
    { "spelling", DP_OPT_ENUM, "british", 0, "british|american", "Defence/Defense, Centre/Center, Programme/Program" },
    { "lang", DP_OPT_STRING, "en", 0, NULL, "language tag of the renderings" },
    { "fields", DP_OPT_LIST, "title", 0, NULL,
      "document fields translated term by term, when every word is translated (else left to a machine translator)" },
    { "sport_words", DP_OPT_LIST, "thể thao,bóng đá,bóng chuyền,quần vợt,sport", 0, NULL,
      "words of the category field that make a document a sports one (rows with context=sport apply)" },
    { "partial_confidence", DP_OPT_FLOAT, "0.5", 0, NULL,
      "factor applied to the confidence of an entity whose English keeps untranslated words" },
    LANG_RULES_OPTION,
    DP_OPTION_END
};

typedef struct state {
    gl_tables T;
    char *lang;
    char *instance;
    char **fields;
    size_t n_fields;
    char **sport_words; /* match keys */
    size_t n_sport;
    double partial_confidence;
} state;

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

static void glossary_fini(void *sp)
{
    state *st = sp;
    if (!st) return;
    gl_table_free(st->T.terms);
    gl_table_free(st->T.ranks);
    gl_table_free(st->T.titles);
    free_list(st->fields, st->n_fields);
    free_list(st->sport_words, st->n_sport);
    free(st->lang);
    free(st->instance);
    free(st);
}

static int load(dp_instance *inst, gl_table *t, const char *path, gl_format f, gl_origin origin)
{
    char err[1024];
    if (gl_table_load(t, path, f, origin, err, sizeof err) < 0) {
        dp_instance_error(inst, "%s", err);
        return -1;
    }
    return 0;
}

/* Whether a file of the vocabulary's list is one of the other options' files. */
static int other_list(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    return strncmp(base, "abbreviations", 13) == 0 || strncmp(base, "known-names", 11) == 0;
}

/* Every file of option opt (the core resolved names and patterns through the data path). */
static int load_list(dp_instance *inst, gl_table *t, const char *opt, gl_format f, gl_origin origin, int vocabulary)
{
    size_t n = dp_opt_count(inst, opt);
    for (size_t i = 0; i < n; i++) {
        const char *path = dp_opt_item(inst, opt, i);
        if (vocabulary && other_list(path)) continue;
        if (load(inst, t, path, f, origin) < 0) return -1;
    }
    return 0;
}

static int load_one(dp_instance *inst, gl_table *t, const char *opt, gl_format f, int roles)
{
    const char *path = dp_opt_str(inst, opt);
    if (!path) return 0;
    char err[1024];
    int rc = roles ? gl_table_load_roles(t, path, f, err, sizeof err)
                   : gl_table_load(t, path, f, GL_FROM_PERSONS, err, sizeof err);
    if (rc < 0) dp_instance_error(inst, "%s", err);
    return rc;
}

/* A copy of the list option opt, each item as is (keys = 0) or as its match key. */
static int copy_list(dp_instance *inst, const char *opt, const dp_text_rules *rules, int keys, char ***out, size_t *n)
{
    *n = dp_opt_count(inst, opt);
    *out = calloc(*n ? *n : 1, sizeof **out);
    if (!*out) return -1;
    for (size_t i = 0; i < *n; i++) {
        const char *v = dp_opt_item(inst, opt, i);
        (*out)[i] = keys ? dp_text_match_key(v, strlen(v), rules, NULL, NULL) : strdup(v);
        if (!(*out)[i]) return -1;
    }
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
    if (!st->T.terms || !st->T.ranks || !st->T.titles || !st->lang || !st->instance ||
        copy_list(inst, "fields", NULL, 0, &st->fields, &st->n_fields) < 0 ||
        copy_list(inst, "sport_words", st->T.rules, 1, &st->sport_words, &st->n_sport) < 0) {
        dp_instance_nomem(inst);
        goto fail;
    }
    st->partial_confidence = dp_opt_float(inst, "partial_confidence");
    if (!(st->partial_confidence >= 0 && st->partial_confidence <= 1)) {
        dp_instance_error(inst, "partial_confidence must be between 0 and 1");
        goto fail;
    }
    st->T.wikipedia = strcmp(dp_opt_str(inst, "rank_convention"), "wikipedia") == 0;
    st->T.american = strcmp(dp_opt_str(inst, "spelling"), "american") == 0;
    /* gazetteer rows first: a whole name's English wins over a glossary row of the same key */
    if (load_list(inst, st->T.terms, "gazetteers", GL_FMT_GAZETTEER, GL_FROM_GAZETTEER, 0) < 0 ||
        load_list(inst, st->T.terms, "files", GL_FMT_GLOSSARY, GL_FROM_VOCABULARY, 1) < 0 ||
        load_list(inst, st->T.terms, "abbreviations", GL_FMT_GLOSSARY, GL_FROM_ABBREVIATIONS, 0) < 0 ||
        load_list(inst, st->T.terms, "known_names", GL_FMT_GLOSSARY, GL_FROM_KNOWN, 0) < 0 ||
        load_one(inst, st->T.ranks, "ranks", GL_FMT_RANKS, 0) < 0 ||
        load_one(inst, st->T.titles, "titles", GL_FMT_TITLES, 0) < 0 ||
        /* ranks and titles are also terms of running text ("Cục trưởng" in a headline) */
        load_one(inst, st->T.terms, "ranks", GL_FMT_RANKS, 1) < 0 ||
        load_one(inst, st->T.terms, "titles", GL_FMT_TITLES, 1) < 0)
        goto fail;
    *out = st;
    return 0;
fail:
    glossary_fini(st);
    return -1;
}

/*
 * The rendering of r on entity e.  A rendering that keeps untranslated words is partial: it
 * says so (english.partial, english.untranslated) and the entity's confidence is lowered, so
 * that writers and readers can tell it from a complete one and never mix languages silently.
 */
static int set_result(dp_doc *doc, dp_entity *e, const state *st, const gl_result *r, const char *rule)
{
    if (dp_entity_translation_set(doc, e, st->lang, r->en) < 0) return -1;
    if (dp_entity_attr_set(doc, e, "english.rule", rule ? rule : r->rule) < 0) return -1;
    if (!r->untranslated) return 0;
    if (dp_entity_attr_set(doc, e, "english.untranslated", r->untranslated) < 0 ||
        dp_entity_attr_set(doc, e, "english.partial", "true") < 0)
        return -1;
    dp_entity_set_confidence(e, e->confidence * st->partial_confidence);
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
    /* a person the known names list (Tập Cận Bình → Xi Jinping), else the folded name; a listed
     * foreign name that a Vietnamese may also bear (Lý Cường) stays folded, and the attribute
     * english.known_as says what English writes for the foreign person */
    gl_result known;
    int listed = gl_known_person(&st->T, s, len, &known);
    if (listed < 0) return -1;
    if (listed == 2) {
        int arc = dp_entity_attr_set(doc, e, "english.known_as", known.en);
        gl_result_clear(&known);
        if (arc < 0) return -1;
        listed = 0;
    }
    char *f = NULL;
    const char *rule = NULL;
    if (listed > 0) {
        f = known.en;
        rule = known.rule;
    } else if ((f = korean(s, len))) {
        rule = "per.korean";
    } else {
        f = dp_text_fold_diacritics(s, len, NULL);
        rule = "per.fold";
    }
    if (!f) return -1;
    int rc = dp_entity_translation_set(doc, e, st->lang, f);
    rc = rc < 0 || dp_entity_attr_set(doc, e, "english.rule", rule) < 0 ? -1 : 0;
    if (listed > 0) gl_result_clear(&known);
    else free(f);
    if (rc < 0) return -1;
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

static int entity(dp_doc *doc, dp_entity *e, const state *st, int sport)
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
    gl_context cx = { .type = e->type, .sport = sport };
    if (gl_compose(&st->T, &cx, s, len, &r) < 0) return -1;
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

/* Whether the document is about sport: its category holds one of the sport words. */
static int about_sport(const dp_doc *doc, const state *st)
{
    const char *cat = dp_doc_field(doc, "category");
    if (!cat || !*cat || !st->n_sport) return 0;
    char *key = dp_text_match_key(cat, strlen(cat), st->T.rules, NULL, NULL);
    if (!key) return -1;
    int hit = 0;
    for (size_t i = 0; i < st->n_sport && !hit; i++) hit = *st->sport_words[i] && strstr(key, st->sport_words[i]) != NULL;
    free(key);
    return hit;
}

static int glossary_process(void *sp, dp_doc *doc, dp_error *err)
{
    const state *st = sp;
    int sport = about_sport(doc, st);
    if (sport < 0) return dp_fail_nomem(err);
    size_t n = dp_doc_entity_count(doc);
    for (size_t i = 0; i < n; i++)
        if (entity(doc, dp_doc_entity_at(doc, i), st, sport) < 0) return dp_fail_nomem(err);
    /* a field is rendered by rules only when every word is translated: a half-Vietnamese title
     * is left to a machine translator (the http translator) and shown as untranslated */
    for (size_t f = 0; f < st->n_fields; f++) {
        const char *v = dp_doc_field(doc, st->fields[f]);
        if (!v || !*v) continue;
        gl_result r;
        if (gl_term_by_term(&st->T, v, strlen(v), &r) < 0) return dp_fail_nomem(err);
        int rc = r.complete ? dp_doc_translation_add(doc, st->lang, DP_TARGET_FIELD, st->fields[f], r.en, st->instance,
                                                     NULL)
                            : 0;
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
