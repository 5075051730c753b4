/*
 * recognizer_gazetteer — entities from TSV lists (see README.md).
 *
 * init() compiles every list into one token trie (gaz.h), or maps a compiled
 * cache; process() computes the document's match key, cuts it into tokens,
 * and walks the trie from every token start.  The trie is read-only after
 * init, so process() runs on many threads at once.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <docpipe/docpipe.h>

#include "gaz.h"
#include "lang_rules.h"

static const dp_option options[] = {
    { "lists", DP_OPT_DATA_LIST, "vi/countries.tsv,vi/provinces.tsv,vi/places.tsv,vi/orgs.tsv,vi/misc.tsv", 0, NULL,
      "gazetteer TSV files (surface, type, id, english[, attrs]); on equal spans the earlier row wins" },
    { "types", DP_OPT_LIST, NULL, 0, NULL, "load only rows of these types (e.g. LOC,ORG); unset: all" },
    { "overlap", DP_OPT_ENUM, "longest", 0, "longest|all",
      "longest: leftmost-longest, non-overlapping; all: every match, overlapping or nested" },
    { "min_length", DP_OPT_INT, "1", 0, NULL, "skip rows whose surface has fewer code points" },
    { "case_sensitive_acronyms", DP_OPT_BOOL, "true", 0, NULL,
      "an all-caps surface (ASEAN, DOC, TP.HCM) matches only text without lowercase letters" },
    { "require_capital", DP_OPT_BOOL, "true", 0, NULL,
      "a surface that starts uppercase matches only text that starts uppercase" },
    { "ambiguous", DP_OPT_ENUM, "strict", 0, "strict|plain|skip",
      "rows with an ambiguous= attribute: strict: extra context rules; plain: like other rows; skip: never" },
    { "translate", DP_OPT_BOOL, "true", 0, NULL,
      "also set the entity's English translation (translations.en) from the english column" },
    { "compose", DP_OPT_BOOL, "true", 0, NULL,
      "a row with head= or default_country= (a ministry) directly followed by a country becomes one entity" },
    { "cache", DP_OPT_PATH, NULL, 0, NULL,
      "compiled cache file: mapped when up to date with the lists, else rebuilt and rewritten" },
    LANG_RULES_OPTION,
    DP_OPTION_END
};

enum { AMB_STRICT, AMB_PLAIN, AMB_SKIP };

/* A row that is also a common word or a given name is less sure than the others (1.0). */
#define AMBIGUOUS_CONFIDENCE 0.7

typedef struct gz_state {
    gaz g;
    const dp_text_rules *rules; /* of the lists' keys and the text's */
    int all, acronyms, capital, ambiguous, translate, compose;
} gz_state;

static void gz_fini(void *state)
{
    gz_state *s = state;
    if (!s)
        return;
    gaz_free(&s->g);
    free(s);
}

static int build_from_lists(gz_state *s, dp_instance *inst, const char *const *paths, size_t n,
                            const gaz_filter *f)
{
    char err[512];
    if (gaz_init(&s->g, s->rules) < 0) {
        dp_instance_nomem(inst);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        if (gaz_load_file(&s->g, paths[i], f, err, sizeof err) < 0) {
            dp_instance_error(inst, "%s", err);
            return -1;
        }
    }
    if (gaz_finish(&s->g, err, sizeof err) < 0) {
        dp_instance_error(inst, "%s", err);
        return -1;
    }
    return 0;
}

static int gz_setup(gz_state *s, dp_instance *inst)
{
    s->rules = lang_rules(dp_opt_str(inst, "match_lang"));
    const char *ov = dp_opt_str(inst, "overlap");
    s->all = ov && strcmp(ov, "all") == 0;
    s->acronyms = dp_opt_bool(inst, "case_sensitive_acronyms");
    s->capital = dp_opt_bool(inst, "require_capital");
    s->translate = dp_opt_bool(inst, "translate");
    s->compose = dp_opt_bool(inst, "compose");
    const char *amb = dp_opt_str(inst, "ambiguous");
    s->ambiguous = !amb || strcmp(amb, "strict") == 0 ? AMB_STRICT
                   : strcmp(amb, "plain") == 0        ? AMB_PLAIN
                                                      : AMB_SKIP;
    long long ml = dp_opt_int(inst, "min_length");
    if (ml < 0 || ml > 1000000) {
        dp_instance_error(inst, "min_length must be between 0 and 1000000, not %lld", ml);
        return -1;
    }

    size_t n = dp_opt_count(inst, "lists");
    if (n == 0) {
        dp_instance_error(inst, "lists: at least one gazetteer file is required");
        return -1;
    }
    size_t nt = dp_opt_count(inst, "types");
    const char **paths = calloc(n, sizeof *paths);
    const char **types = calloc(nt ? nt : 1, sizeof *types);
    if (!paths || !types) {
        free(paths);
        free(types);
        dp_instance_nomem(inst);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        paths[i] = dp_opt_item(inst, "lists", i);
    for (size_t i = 0; i < nt; i++)
        types[i] = dp_opt_item(inst, "types", i);
    gaz_filter f = { nt ? types : NULL, nt, (long)ml };

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    const char *cache = dp_opt_str(inst, "cache");
    int rc = 0, from_cache = 0;
    uint64_t fp = 0;
    char err[512];
    if (cache) {
        if (gaz_fingerprint(paths, n, &f, s->rules ? s->rules->name : NULL, &fp, err, sizeof err) < 0) {
            dp_instance_error(inst, "%s", err);
            rc = -1;
        } else {
            int lr = gaz_cache_load(&s->g, cache, fp, err, sizeof err);
            if (lr > 0)
                from_cache = 1;
            else
                dp_log(inst, DP_LOG_INFO, "rebuilding the cache: %s", err);
        }
    }
    if (rc == 0 && !from_cache) {
        rc = build_from_lists(s, inst, paths, n, &f);
        if (rc == 0 && cache && gaz_cache_save(&s->g, cache, fp, err, sizeof err) < 0)
            dp_log(inst, DP_LOG_WARN, "cannot write the cache: %s", err);
    }
    free(paths);
    free(types);
    if (rc < 0)
        return -1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    dp_log(inst, DP_LOG_DEBUG, "%u rows, %u trie nodes, %u tokens, %s in %.1f ms",
           s->g.n_entries, s->g.n_nodes, s->g.n_toks, from_cache ? "mapped from cache" : "built", ms);
    if (s->g.n_entries == 0)
        dp_log(inst, DP_LOG_WARN, "the lists hold no rows (after the types/min_length filter)");
    return 0;
}

/* The core does not call fini() after a failed init(): clean up here. */
static int gz_init(dp_instance *inst, void **state)
{
    *state = NULL;
    gz_state *s = calloc(1, sizeof *s);
    if (!s) {
        dp_instance_nomem(inst);
        return -1;
    }
    if (gz_setup(s, inst) < 0) {
        gz_fini(s);
        return -1;
    }
    *state = s;
    return 0;
}

/* ---- matching ---------------------------------------------------------------- */

/* The document's shared tokens (dp_doc_tokens) and their ids in the lists. */
typedef struct scan {
    const gz_state *s;
    dp_doc *doc;
    const char *text;
    size_t len;
    const char *key;
    const dp_token *t;
    const uint8_t *flags;
    const uint32_t *id; /* id[i]: token i's id, 0: in no list */
    size_t n;
} scan;

/* The original bytes of tokens i..j. */
static void span_of(const scan *c, size_t i, size_t j, size_t *a, size_t *b)
{
    *a = c->t[i].start;
    *b = c->t[j].end;
}

/* Token i begins a sentence or a line. */
static int sentence_start(const scan *c, size_t i)
{
    if (i == 0)
        return 1;
    const dp_token *p = &c->t[i - 1];
    size_t a = p->end, b = c->t[i].start;
    if (memchr(c->text + a, '\n', b - a))
        return 1;
    if (c->flags[i - 1] & DP_TOKEN_WORD)
        return 0;
    const char *k = c->key + p->kstart;
    size_t kl = p->kend - p->kstart;
    static const char *const starters[] = { ".", "!", "?", ":", ";", "\xe2\x80\xa6" /* … */,
                                            "(", "[", "\"", "\xe2\x80\x9c" /* “ */, "'" };
    for (size_t x = 0; x < sizeof starters / sizeof *starters; x++)
        if (strlen(starters[x]) == kl && memcmp(starters[x], k, kl) == 0)
            return 1;
    return 0;
}

/* Token i is a word whose original first letter is uppercase. */
static int capital_word(const scan *c, size_t i)
{
    return (c->flags[i] & (DP_TOKEN_WORD | DP_TOKEN_UPPER)) == (DP_TOKEN_WORD | DP_TOKEN_UPPER);
}

/* Tokens i..j of the text are adjacent words separated by white space only. */
static int joined_by_space(const scan *c, size_t i, size_t j)
{
    size_t a = c->t[i].end, b = c->t[j].start;
    if (b <= a)
        return 0;
    for (size_t x = a; x < b; x++)
        if (c->text[x] == '\n')
            return 0;
    return 1;
}

/* May entry e be reported over tokens i..j?  See README.md, "Case rules". */
static int accept(const scan *c, size_t i, size_t j, const gaz_entry *e)
{
    const gz_state *s = c->s;
    uint32_t amb = e->flags & GAZ_F_AMBIGUOUS;
    if (amb && s->ambiguous == AMB_SKIP)
        return 0;
    int strict = amb && s->ambiguous == AMB_STRICT;
    if (!(e->flags & (GAZ_F_UPPER_FIRST | GAZ_F_ALLCAPS)) && !strict)
        return 1;
    size_t a, b;
    span_of(c, i, j, &a, &b);
    gaz_shape sh;
    gaz_shape_of(c->text + a, b - a, &sh);
    if (s->acronyms && (e->flags & GAZ_F_ALLCAPS) && sh.n_lower > 0)
        return 0;
    if (s->capital && (e->flags & GAZ_F_UPPER_FIRST)) {
        if (!sh.first_upper)
            return 0;
        /* "Hòa Bình" (every word capitalised: a place) is not "Hòa bình" (peace). */
        uint32_t full = e->nwords >= 32 ? UINT32_MAX : (1u << e->nwords) - 1;
        if (e->nwords >= 2 && e->capmask == full && (sh.capmask & full) != full)
            return 0;
    }
    if (!strict)
        return 1;
    /* Ambiguous rows: every word capitalised exactly as in the list. */
    if (sh.nwords != e->nwords || sh.capmask != e->capmask || !sh.first_upper)
        return 0;
    if (amb & GAZ_F_AMB_PERSON)
        return 0; /* only longer rows that contain it ("Thành phố Hồ Chí Minh") */
    if (amb & GAZ_F_AMB_GIVEN) {
        /* "Tuấn Anh", "Nguyễn Đức": the end of a personal name. */
        if (i > 0 && capital_word(c, i - 1) && joined_by_space(c, i - 1, i))
            return 0;
        /* "Anh Tuấn cho biết": the start of one. */
        if (j + 1 < c->n && capital_word(c, j + 1) && joined_by_space(c, j, j + 1) &&
            sentence_start(c, i))
            return 0;
        return 1;
    }
    /* common_word: a single capitalised word at a sentence start proves nothing. */
    if (e->nwords <= 1 && sentence_start(c, i))
        return 0;
    return 1;
}

static const char *entry_attr(const gaz *g, const gaz_entry *e, const char *key)
{
    for (uint32_t k = 0; k < e->n_attrs; k++) {
        const gaz_attr *at = &g->attrs[e->attrs + k];
        if (strcmp(g->pool + at->k, key) == 0)
            return g->pool + at->v;
    }
    return NULL;
}

static int emit(const scan *c, size_t i, size_t j, const gaz_entry *e)
{
    const gaz *g = &c->s->g;
    size_t a, b;
    span_of(c, i, j, &a, &b);
    dp_entity *ent = dp_doc_entity_add(c->doc, a, b, g->pool + e->type);
    if (!ent)
        return -1;
    if (dp_entity_set_value(c->doc, ent, g->pool + e->id) < 0)
        return -1;
    if ((e->flags & GAZ_F_AMBIGUOUS) && dp_entity_set_confidence(ent, AMBIGUOUS_CONFIDENCE) < 0)
        return -1;
    const char *en = g->pool + e->english;
    if (*en && dp_entity_attr_set(c->doc, ent, "english", en) < 0)
        return -1;
    if (dp_entity_attr_set(c->doc, ent, "id", g->pool + e->id) < 0)
        return -1;
    for (uint32_t k = 0; k < e->n_attrs; k++) {
        const gaz_attr *at = &g->attrs[e->attrs + k];
        if (dp_entity_attr_set(c->doc, ent, g->pool + at->k, g->pool + at->v) < 0)
            return -1;
    }
    if (c->s->translate && *en && dp_entity_translation_set(c->doc, ent, "en", en) < 0)
        return -1;
    return 0;
}

/*
 * "Bộ Quốc phòng" + "Hàn Quốc" over tokens i..j: one entity of the head's
 * type.  value: the head's id when the country is its default country, else
 * "<head id>@<iso2>"; english: "<country adjective> <head english>".
 */
static int emit_composed(const scan *c, size_t i, size_t j, const gaz_entry *h, const gaz_entry *k)
{
    const gaz *g = &c->s->g;
    size_t a, b;
    span_of(c, i, j, &a, &b);
    dp_arena *ar = dp_doc_arena(c->doc);
    const char *iso = entry_attr(g, k, "iso2");
    const char *adj = entry_attr(g, k, "adj");
    const char *dc = entry_attr(g, h, "default_country");
    const char *hid = g->pool + h->id, *hen = g->pool + h->english;
    char *value, *english = NULL;
    if (!iso || (dc && strcmp(dc, iso) == 0)) {
        value = dp_arena_strdup(ar, hid);
    } else {
        value = dp_arena_printf(ar, "%s@%s", hid, iso);
        for (char *p = value ? strchr(value, '@') : NULL; p && *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
    }
    if (*hen)
        english = adj ? dp_arena_printf(ar, "%s %s", adj, hen)
                      : dp_arena_printf(ar, "%s of %s", hen, g->pool + k->english);
    if (!value || (*hen && !english))
        return -1;
    dp_entity *ent = dp_doc_entity_add(c->doc, a, b, g->pool + h->type);
    if (!ent || dp_entity_set_value(c->doc, ent, value) < 0)
        return -1;
    if (((h->flags | k->flags) & GAZ_F_AMBIGUOUS) && dp_entity_set_confidence(ent, AMBIGUOUS_CONFIDENCE) < 0)
        return -1;
    const char *kind = entry_attr(g, h, "kind"), *head = entry_attr(g, h, "head");
    if ((english && dp_entity_attr_set(c->doc, ent, "english", english) < 0) ||
        dp_entity_attr_set(c->doc, ent, "id", value) < 0 ||
        (kind && dp_entity_attr_set(c->doc, ent, "kind", kind) < 0) ||
        (head && dp_entity_attr_set(c->doc, ent, "head", head) < 0) ||
        dp_entity_attr_set(c->doc, ent, "head_id", hid) < 0 ||
        (iso && dp_entity_attr_set(c->doc, ent, "country", iso) < 0) ||
        dp_entity_attr_set(c->doc, ent, "country_id", g->pool + k->id) < 0 ||
        dp_entity_attr_set(c->doc, ent, "composed", "head+country") < 0)
        return -1;
    if (c->s->translate && english && dp_entity_translation_set(c->doc, ent, "en", english) < 0)
        return -1;
    return 0;
}

#define MAX_TERMINALS 64

/* Terminal nodes met on the walk from token i (the last MAX_TERMINALS at most). */
typedef struct walk {
    uint32_t node[MAX_TERMINALS];
    size_t end[MAX_TERMINALS];
    size_t n, lo;
} walk;

static void walk_from(const scan *c, size_t i, walk *w)
{
    const gaz *g = &c->s->g;
    uint32_t node = 0;
    w->n = 0;
    for (size_t j = i; j < c->n; j++) {
        if (!c->id[j] || !(node = gaz_child(g, node, c->id[j])))
            break;
        if (g->node_entry[node] != GAZ_NONE) {
            w->node[w->n % MAX_TERMINALS] = node;
            w->end[w->n % MAX_TERMINALS] = j;
            w->n++;
        }
    }
    w->lo = w->n > MAX_TERMINALS ? w->n - MAX_TERMINALS : 0;
}

/* The longest accepted match from token i (its first accepted row): 1, or 0. */
static int longest_at(const scan *c, size_t i, size_t *jout, uint32_t *eout)
{
    const gaz *g = &c->s->g;
    walk w;
    walk_from(c, i, &w);
    for (size_t x = w.n; x-- > w.lo;) {
        size_t j = w.end[x % MAX_TERMINALS];
        for (uint32_t en = g->node_entry[w.node[x % MAX_TERMINALS]]; en != GAZ_NONE;
             en = g->entries[en].next)
            if (accept(c, i, j, &g->entries[en])) {
                *jout = j;
                *eout = en;
                return 1;
            }
    }
    return 0;
}

/* A country right after a composable row ending at token j: its last token and row. */
static int country_after(const scan *c, const gaz_entry *e, size_t j, size_t *j2, uint32_t *e2)
{
    if (!c->s->compose || !(e->flags & GAZ_F_COMPOSABLE) || j + 1 >= c->n ||
        !joined_by_space(c, j, j + 1))
        return 0;
    return longest_at(c, j + 1, j2, e2) && (c->s->g.entries[*e2].flags & GAZ_F_COUNTRY);
}

static int run_scan(const scan *c)
{
    const gaz *g = &c->s->g;
    size_t i = 0;
    while (i < c->n) {
        size_t next = i + 1, j, j2;
        uint32_t en, en2;
        if (!c->s->all) {
            if (longest_at(c, i, &j, &en)) {
                const gaz_entry *e = &g->entries[en];
                if (country_after(c, e, j, &j2, &en2)) {
                    if (emit_composed(c, i, j2, e, &g->entries[en2]) < 0)
                        return -1;
                    next = j2 + 1;
                } else {
                    if (emit(c, i, j, e) < 0)
                        return -1;
                    next = j + 1;
                }
            }
        } else {
            walk w;
            walk_from(c, i, &w);
            for (size_t x = w.lo; x < w.n; x++) {
                j = w.end[x % MAX_TERMINALS];
                for (en = g->node_entry[w.node[x % MAX_TERMINALS]]; en != GAZ_NONE; en = g->entries[en].next) {
                    const gaz_entry *e = &g->entries[en];
                    if (!accept(c, i, j, e))
                        continue;
                    if (emit(c, i, j, e) < 0)
                        return -1;
                    if (country_after(c, e, j, &j2, &en2) &&
                        emit_composed(c, i, j2, e, &g->entries[en2]) < 0)
                        return -1;
                }
            }
        }
        i = next;
    }
    return 0;
}

static int gz_process(void *state, dp_doc *doc, dp_error *err)
{
    gz_state *s = state;
    size_t len;
    const char *text = dp_doc_text(doc, &len);
    if (len == 0 || s->g.n_entries == 0)
        return DP_OK;
    /* The key and its tokens are the document's, shared with the other matchers of the chain. */
    const dp_tokens *tk = dp_doc_tokens(doc, s->rules);
    if (!tk)
        return dp_fail(err, DP_FAILED, "cannot compute the match key (out of memory, or a text of 4 GiB)");
    uint32_t *id = malloc((tk->n ? tk->n : 1) * sizeof *id);
    if (!id)
        return dp_fail_nomem(err);
    for (size_t i = 0; i < tk->n; i++)
        id[i] = gaz_token_id(&s->g, tk->key + tk->v[i].kstart, tk->v[i].kend - tk->v[i].kstart);
    scan c = { s, doc, text, len, tk->key, tk->v, tk->flags, id, tk->n };
    int rc = run_scan(&c) < 0 ? dp_fail_nomem(err) : DP_OK;
    free(id);
    return rc;
}

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_RECOGNIZER),
    .name = "gazetteer",
    .version = "1.0",
    .description = "entities from TSV gazetteers (token trie over case- and NFC-normalised keys, Vietnamese tone "
                   "placement canonicalised by default)",
    .options = options,
    .consumes = "text",
    .produces = "entity entity.translation",
    .init = gz_init,
    .process = gz_process,
    .fini = gz_fini,
};
