/*
 * recognizer_names — persons, organisations, events, documents and acronyms
 * found by rules over the capitalisation of Vietnamese news (see README.md).
 *
 * init() loads the word lists into one hash table (names_lex.c); process()
 * computes the document's match key once, cuts it into tokens and runs the
 * rules over the token array (names_per.c, names_org.c).  Nothing is written
 * to the state after init, so process() runs on many threads at once.
 */
#include <stdlib.h>
#include <string.h>

#include "lang_rules.h"
#include "names.h"

static const dp_option options[] = {
    { "ranks", DP_OPT_DATA, "vi/ranks.tsv", 0, NULL,
      "military ranks (first column) that precede a person's name" },
    { "titles", DP_OPT_DATA, "vi/titles.tsv", 0, NULL,
      "office titles and honorifics (vi, en, kind = title|honorific) that precede a name" },
    { "surnames", DP_OPT_DATA, "names/surnames.tsv", 0, NULL,
      "Vietnamese surnames with their frequency (surname, count)" },
    { "given", DP_OPT_DATA, "names/given.txt", 0, NULL,
      "given-name syllables, one per line" },
    { "middle", DP_OPT_DATA, "names/middle.tsv", 0, NULL,
      "middle-name syllables (syllable, count)" },
    { "countries", DP_OPT_DATA, "vi/countries.tsv", 0, NULL,
      "country names (first column), which end an organisation name and precede a foreign name" },
    { "min_surname_count", DP_OPT_INT, "5", 0, NULL,
      "names without a trigger: only surnames at least this frequent in the surnames list" },
    { "structure", DP_OPT_BOOL, "true", 0, NULL,
      "find Vietnamese names by their structure (surname + given syllables) without a trigger" },
    { "organisations", DP_OPT_BOOL, "true", 0, NULL, "find organisations from head words (Bộ, Cục, Học viện …)" },
    { "events", DP_OPT_BOOL, "true", 0, NULL, "find events from head words (Hội nghị, Đối thoại …)" },
    { "documents", DP_OPT_BOOL, "true", 0, NULL,
      "find named documents and policies as MISC (Công ước, Tuyên bố, Bản ghi nhớ …)" },
    { "acronyms", DP_OPT_BOOL, "true", 0, NULL,
      "an acronym in parentheses after a name gets the name's type, here and later in the document" },
    { "bylines", DP_OPT_BOOL, "true", 0, NULL, "names in byline and author segments and photo credits" },
    { "confidence", DP_OPT_FLOAT, "0.8", 0, NULL,
      "confidence of persons after a trigger; other rules use less (see README.md)" },
    LANG_RULES_OPTION,
    DP_OPTION_END
};

static void nm_fini(void *state)
{
    nm_state *s = state;
    if (!s)
        return;
    nm_lex_free(&s->lx);
    free(s);
}

static const nm_list lists[] = {
    { "ranks", 4, 4, "vi, en_official, en_wikipedia, group", "rank", 0, -1, -1, LX_RANK },
    { "titles", 3, 3, "vi, en, kind", "title", 0, 2, -1, LX_TITLE },
    { "surnames", 2, 2, "surname, count", "surname", 0, -1, 1, LX_SURNAME },
    { "given", 1, 1, "syllable", "syllable", 0, -1, -1, LX_GIVEN },
    { "middle", 2, 2, "syllable, count", "syllable", 0, -1, -1, LX_GIVEN },
    { "countries", 4, 5, "surface, type, id, english[, attrs]", "surface", 0, 1, -1, LX_COUNTRY },
};

static int load_optional(nm_state *s, dp_instance *inst, const nm_list *spec)
{
    const char *path = dp_opt_str(inst, spec->option);
    if (!path)
        return 0;
    char err[1024];
    long rows = nm_lex_load_tsv(&s->lx, path, spec, err, sizeof err);
    if (rows < 0) {
        dp_instance_error(inst, "%s: %s", spec->option, err);
        return -1;
    }
    dp_log(inst, DP_LOG_DEBUG, "%s: %ld rows", spec->option, rows);
    return 0;
}

static int nm_init(dp_instance *inst, void **state)
{
    *state = NULL;
    nm_state *s = calloc(1, sizeof *s);
    if (!s || nm_lex_init(&s->lx, lang_rules(dp_opt_str(inst, "match_lang"))) < 0) {
        free(s);
        dp_instance_nomem(inst);
        return -1;
    }
    long long ms = dp_opt_int(inst, "min_surname_count");
    double conf = dp_opt_float(inst, "confidence");
    if (ms < 0 || ms > 1000000000) {
        dp_instance_error(inst, "min_surname_count must be between 0 and 1000000000, not %lld", ms);
        nm_fini(s);
        return -1;
    }
    if (!(conf > 0.1 && conf <= 1.0)) {
        dp_instance_error(inst, "confidence must be in (0.1, 1], not %g", conf);
        nm_fini(s);
        return -1;
    }
    s->min_surname = (unsigned)ms;
    s->structure = dp_opt_bool(inst, "structure");
    s->org = dp_opt_bool(inst, "organisations");
    s->event = dp_opt_bool(inst, "events");
    s->misc = dp_opt_bool(inst, "documents");
    s->acronyms = dp_opt_bool(inst, "acronyms");
    s->bylines = dp_opt_bool(inst, "bylines");
    s->conf_per = conf;
    s->conf_name = conf - 0.1;
    s->conf_org = conf - 0.08;
    if (nm_lex_builtin(&s->lx) < 0) {
        dp_instance_nomem(inst);
        nm_fini(s);
        return -1;
    }
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
        if (load_optional(s, inst, &lists[i]) < 0) {
            nm_fini(s);
            return -1;
        }
    }
    *state = s;
    return 0;
}

/* ---- process ------------------------------------------------------------------ */

/* Index of the token starting at byte s (or the first after it). */
static size_t tok_at(const nm_ctx *c, size_t s)
{
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->t[mid].s < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void mark_entities(nm_ctx *c)
{
    size_t ne = dp_doc_entity_count(c->doc);
    for (size_t k = 0; k < ne; k++) {
        const dp_entity *e = dp_doc_entity_at(c->doc, k);
        size_t a = tok_at(c, e->start), b = tok_at(c, e->end);
        if (a >= c->n || c->t[a].s != e->start || b <= a || c->t[b - 1].e != e->end)
            continue;
        char ty = e->type ? e->type[0] : '?';
        if (!(c->t[a].flags & T_ENT) || c->t[a].ent_end < b) {
            c->t[a].flags |= T_ENT;
            c->t[a].ent_end = (uint32_t)b;
            c->t[a].ent_type = (uint32_t)(unsigned char)ty;
        }
        for (size_t x = a; x < b; x++)
            c->taken[x] |= 2;
    }
}

static const char *type_name(char t)
{
    switch (t) {
    case 'P': return "PER";
    case 'O': return "ORG";
    case 'E': return "EVENT";
    case 'L': return "LOC";
    default: return "MISC";
    }
}

static int set_range_attr(nm_ctx *c, dp_entity *e, const char *key, uint32_t a, uint32_t b)
{
    if (b <= a)
        return 0;
    size_t s = c->t[a].s, en = c->t[b - 1].e;
    char *v = dp_arena_strndup(dp_doc_arena(c->doc), c->text + s, en - s);
    return v ? dp_entity_attr_set(c->doc, e, key, v) : -1;
}

static int emit(nm_ctx *c)
{
    for (size_t k = 0; k < c->nf; k++) {
        const nm_found *f = &c->f[k];
        size_t s = c->t[f->a].s, en = c->t[f->b - 1].e;
        const char *kind = dp_doc_segment_kind_at(c->doc, s);
        if (kind && strcmp(kind, "image") == 0)
            continue;
        dp_entity *e = dp_doc_entity_add(c->doc, s, en, type_name(f->type));
        if (!e || dp_entity_set_confidence(e, f->conf) < 0)
            return -1;
        if (set_range_attr(c, e, "rank", f->rank_a, f->rank_b) < 0 ||
            set_range_attr(c, e, "title", f->title_a, f->title_b) < 0)
            return -1;
        if (f->attr_key && dp_entity_attr_set(c->doc, e, f->attr_key, f->attr_val) < 0)
            return -1;
        if (f->acr_of) {
            const nm_found *x = &c->f[f->acr_of - 1];
            if (set_range_attr(c, e, "expansion", x->a, x->b) < 0)
                return -1;
        }
    }
    return 0;
}

static int nm_process(void *state, dp_doc *doc, dp_error *err)
{
    const nm_state *st = state;
    size_t len;
    const char *text = dp_doc_text(doc, &len);
    if (len == 0)
        return DP_OK;
    nm_ctx c;
    memset(&c, 0, sizeof c);
    c.st = st;
    c.doc = doc;
    c.text = text;
    c.len = len;
    size_t klen;
    const size_t *map = NULL;
    /* The key is the document's, shared with the other matchers of the chain. */
    const char *key = dp_doc_match_key(doc, st->lx.rules, &klen, &map);
    if (!key)
        return dp_fail(err, DP_FAILED, "cannot compute the match key (invalid UTF-8 or out of memory)");
    c.key = key;
    int rc = DP_OK;
    if (nm_tokenize(text, len, key, klen, map, &c.t, &c.n) < 0) {
        rc = dp_fail_nomem(err);
        goto done;
    }
    c.taken = calloc(c.n + 1, 1);
    if (!c.taken) {
        rc = dp_fail_nomem(err);
        goto done;
    }
    mark_entities(&c);
    nm_find_persons(&c);
    if (st->structure)
        nm_find_structured(&c);
    if (st->org || st->event || st->misc)
        nm_find_named(&c);
    if (st->acronyms)
        nm_find_acronyms(&c);
    if (c.oom || emit(&c) < 0)
        rc = dp_fail_nomem(err);
done:
    free(c.f);
    free(c.taken);
    free(c.t);
    return rc;
}

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_RECOGNIZER),
    .name = "names",
    .version = "1.0",
    .description = "persons after ranks, titles and honorifics and by Vietnamese name structure; "
                   "organisations, events and documents from head words; acronyms linked to expansions",
    .options = options,
    .consumes = "text",
    .produces = "entity",
    .init = nm_init,
    .process = nm_process,
    .fini = nm_fini,
};
