/* gaz_build.c — read TSV lists (docpipe/tsv.h) and build the token trie. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <docpipe/text.h>
#include <docpipe/tsv.h>

#include "gaz.h"

/*
 * Surfaces are keyed in batches: they are joined with '\n' and given to
 * dp_text_match_key in one call, and its offset map splits the key again.
 * One call per ~256 KiB instead of one per row is what makes a list of a
 * million rows load in a fraction of a second.
 */
#define BATCH_BYTES (256u * 1024u)
#define MAX_TYPES 64

typedef struct pending {
    uint32_t entry;
    size_t s, e; /* the surface in the batch buffer */
} pending;

typedef struct build {
    char *batch;
    size_t blen, bcap;
    pending *pend;
    size_t npend, cappend;
    uint32_t types[MAX_TYPES]; /* interned type strings (pool offsets) */
    size_t ntypes;
    const dp_text_rules *rules; /* of the surfaces' keys */
} build;

static int grow(void **p, size_t elem, uint32_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 64;
    while (nc < need)
        nc *= 2;
    if (nc > UINT32_MAX - 1)
        return -1;
    void *q = realloc(*p, nc * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = (uint32_t)nc;
    return 0;
}

static int grow_bytes(char **p, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 4096;
    while (nc < need)
        nc *= 2;
    char *q = realloc(*p, nc);
    if (!q)
        return -1;
    *p = q;
    *cap = nc;
    return 0;
}

/* Append s[0..n) + NUL to the pool; the offset in *off. */
static int pool_add(gaz *g, const char *s, size_t n, uint32_t *off)
{
    if (g->pool_len + n + 1 > UINT32_MAX)
        return -1;
    if (grow_bytes(&g->pool, &g->pool_cap, g->pool_len + n + 1) < 0)
        return -1;
    memcpy(g->pool + g->pool_len, s, n);
    g->pool[g->pool_len + n] = '\0';
    *off = (uint32_t)g->pool_len;
    g->pool_len += n + 1;
    return 0;
}

int gaz_init(gaz *g, const dp_text_rules *rules)
{
    memset(g, 0, sizeof *g);
    build *b = calloc(1, sizeof *b);
    if (!b)
        return -1;
    b->rules = rules;
    g->build = b;
    uint32_t off;
    if (pool_add(g, "", 0, &off) < 0) /* offset 0 is the empty string */
        return -1;
    g->node_entry = malloc(64 * sizeof *g->node_entry);
    if (!g->node_entry)
        return -1;
    g->cap_nodes = 64;
    g->node_entry[0] = GAZ_NONE; /* the root */
    g->n_nodes = 1;
    g->edge_mask = 1023;
    g->edges = calloc(1024, sizeof *g->edges);
    g->tok_mask = 1023;
    g->toks = calloc(1024, sizeof *g->toks);
    if (!g->edges || !g->toks)
        return -1;
    return 0;
}

void gaz_free(gaz *g)
{
    if (!g)
        return;
    build *b = g->build;
    if (b) {
        free(b->batch);
        free(b->pend);
        free(b);
    }
    if (!g->map_base) {
        free(g->pool);
        free(g->entries);
        free(g->attrs);
        free(g->node_entry);
        free(g->edges);
        free(g->toks);
        free(g->tokpool);
    } else {
        gaz_cache_unmap(g->map_base, g->map_len);
    }
    memset(g, 0, sizeof *g);
}

/* ---- tables ---------------------------------------------------------------- */

static int tok_rehash(gaz *g)
{
    uint32_t size = (g->tok_mask + 1) * 2;
    gaz_tokslot *t = calloc(size, sizeof *t);
    if (!t)
        return -1;
    for (uint32_t i = 0; i <= g->tok_mask; i++) {
        gaz_tokslot *o = &g->toks[i];
        if (!o->id)
            continue;
        uint32_t j = o->hash & (size - 1);
        while (t[j].id)
            j = (j + 1) & (size - 1);
        t[j] = *o;
    }
    free(g->toks);
    g->toks = t;
    g->tok_mask = size - 1;
    return 0;
}

static int tok_intern(gaz *g, const char *s, size_t n, uint32_t *id)
{
    uint32_t h = gaz_hash_token(s, n);
    uint32_t i = h & g->tok_mask;
    for (;; i = (i + 1) & g->tok_mask) {
        gaz_tokslot *t = &g->toks[i];
        if (t->id == 0)
            break;
        if (t->hash == h && t->len == n && memcmp(g->tokpool + t->off, s, n) == 0) {
            *id = t->id;
            return 0;
        }
    }
    if (g->tokpool_len + n > UINT32_MAX || g->n_toks >= UINT32_MAX / 4)
        return -1;
    if (grow_bytes(&g->tokpool, &g->tokpool_cap, g->tokpool_len + n + 1) < 0)
        return -1;
    memcpy(g->tokpool + g->tokpool_len, s, n);
    gaz_tokslot *t = &g->toks[i];
    t->hash = h;
    t->off = (uint32_t)g->tokpool_len;
    t->len = (uint32_t)n;
    t->id = ++g->n_toks;
    g->tokpool_len += n;
    *id = t->id;
    if ((uint64_t)g->n_toks * 2 > g->tok_mask)
        return tok_rehash(g);
    return 0;
}

static int edge_rehash(gaz *g)
{
    uint32_t size = (g->edge_mask + 1) * 2;
    gaz_edge *t = calloc(size, sizeof *t);
    if (!t)
        return -1;
    for (uint32_t i = 0; i <= g->edge_mask; i++) {
        gaz_edge *o = &g->edges[i];
        if (!o->child)
            continue;
        uint32_t j = gaz_hash_edge(o->node, o->tok) & (size - 1);
        while (t[j].child)
            j = (j + 1) & (size - 1);
        t[j] = *o;
    }
    free(g->edges);
    g->edges = t;
    g->edge_mask = size - 1;
    return 0;
}

/* The child of node by tok, created when missing. */
static int edge_step(gaz *g, uint32_t node, uint32_t tok, uint32_t *child)
{
    uint32_t i = gaz_hash_edge(node, tok) & g->edge_mask;
    for (;; i = (i + 1) & g->edge_mask) {
        gaz_edge *e = &g->edges[i];
        if (e->child == 0)
            break;
        if (e->node == node && e->tok == tok) {
            *child = e->child;
            return 0;
        }
    }
    if (grow((void **)&g->node_entry, sizeof *g->node_entry, &g->cap_nodes, (size_t)g->n_nodes + 1) < 0)
        return -1;
    uint32_t c = g->n_nodes++;
    g->node_entry[c] = GAZ_NONE;
    g->edges[i].node = node;
    g->edges[i].tok = tok;
    g->edges[i].child = c;
    g->n_edges++;
    *child = c;
    if ((uint64_t)g->n_edges * 2 > g->edge_mask)
        return edge_rehash(g);
    return 0;
}

/* Insert entry under key[0..n). */
static int insert_key(gaz *g, const char *key, size_t n, uint32_t entry)
{
    uint32_t node = 0;
    size_t pos = 0, ts, te;
    int word;
    while (gaz_next_token(key, n, &pos, &ts, &te, &word)) {
        uint32_t id;
        if (tok_intern(g, key + ts, te - ts, &id) < 0 || edge_step(g, node, id, &node) < 0)
            return -1;
    }
    if (node == 0)
        return 0; /* nothing to match */
    gaz_entry *e = &g->entries[entry];
    uint32_t *link = &g->node_entry[node];
    while (*link != GAZ_NONE) {
        gaz_entry *o = &g->entries[*link];
        /* The same row again (e.g. in two lists): keep the first.  Rows that
           differ in case ("Tiếng Anh"/"tiếng Anh") stay: case rules tell them apart. */
        if (o->type == e->type && o->flags == e->flags && o->capmask == e->capmask &&
            strcmp(g->pool + o->id, g->pool + e->id) == 0)
            return 0;
        link = &o->next;
    }
    *link = entry;
    return 0;
}

static int flush_batch(gaz *g, const char *name, char *err, size_t errlen)
{
    build *b = g->build;
    if (b->npend == 0)
        return 0;
    size_t klen = 0, *map = NULL;
    char *key = dp_text_match_key(b->batch, b->blen, b->rules, &klen, &map);
    if (!key) {
        gaz_seterr(err, errlen, "%s: cannot compute match keys (out of memory)", name);
        return -1;
    }
    size_t k = 0;
    int rc = 0;
    for (size_t i = 0; i < b->npend && rc == 0; i++) {
        pending *p = &b->pend[i];
        while (k < klen && map[k] < p->s)
            k++;
        size_t ks = k;
        while (k < klen && map[k] < p->e)
            k++;
        rc = insert_key(g, key + ks, k - ks, p->entry);
    }
    free(key);
    free(map);
    b->blen = 0;
    b->npend = 0;
    if (rc < 0)
        gaz_seterr(err, errlen, "%s: out of memory", name);
    return rc;
}

/*
 * Size the tables for a list of `bytes` bytes before parsing it (a row of
 * about 80 bytes adds about 2 new trie edges), so that big lists are not rehashed
 * over and over while they load.
 */
static int reserve(gaz *g, size_t bytes)
{
    uint64_t edges = (uint64_t)g->n_edges + bytes / 40;
    while ((uint64_t)(g->edge_mask + 1) < 2 * edges && g->edge_mask < (UINT32_MAX >> 2))
        if (edge_rehash(g) < 0)
            return -1;
    size_t rows = g->n_entries + bytes / 64 + 1;
    if (grow((void **)&g->entries, sizeof *g->entries, &g->cap_entries, rows) < 0 ||
        grow((void **)&g->node_entry, sizeof *g->node_entry, &g->cap_nodes, (size_t)g->n_nodes + bytes / 40) < 0 ||
        grow_bytes(&g->pool, &g->pool_cap, g->pool_len + bytes) < 0)
        return -1;
    return 0;
}

/* ---- TSV parsing ------------------------------------------------------------ */

static int type_ok(const char *s, size_t n)
{
    if (n == 0 || n > 32)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return 0;
    }
    return 1;
}

static int type_wanted(const gaz_filter *f, const char *s, size_t n)
{
    if (!f || !f->types || f->n_types == 0)
        return 1;
    for (size_t i = 0; i < f->n_types; i++)
        if (strlen(f->types[i]) == n && memcmp(f->types[i], s, n) == 0)
            return 1;
    return 0;
}

static size_t count_cp(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static int intern_type(gaz *g, const char *s, size_t n, uint32_t *off)
{
    build *b = g->build;
    for (size_t i = 0; i < b->ntypes; i++) {
        const char *t = g->pool + b->types[i];
        if (strlen(t) == n && memcmp(t, s, n) == 0) {
            *off = b->types[i];
            return 0;
        }
    }
    if (pool_add(g, s, n, off) < 0)
        return -1;
    if (b->ntypes < MAX_TYPES)
        b->types[b->ntypes++] = *off;
    return 0;
}

static int is_blank(char c) { return c == ' ' || c == '\t'; }

static int key_is(const char *k, size_t kl, const char *want)
{
    return kl == strlen(want) && memcmp(k, want, kl) == 0;
}

/* Parse "k=v;k=v" into the attrs array; the entry's flags from ambiguous=. */
static int parse_attrs(gaz *g, gaz_entry *e, const char *s, size_t n, dp_tsv *t)
{
    e->attrs = g->n_attrs;
    e->n_attrs = 0;
    size_t pos = 0, k, kl, v, vl;
    int r;
    while ((r = dp_tsv_attr_next(s, n, &pos, &k, &kl, &v, &vl)) != 0) {
        if (r < 0)
            return dp_tsv_fail(t, "bad attribute \"%.*s\" (expected key=value;key=value)",
                               (int)(kl > 40 ? 40 : kl), s + k);
        gaz_attr a;
        if (pool_add(g, s + k, kl, &a.k) < 0 || pool_add(g, s + v, vl, &a.v) < 0 ||
            grow((void **)&g->attrs, sizeof *g->attrs, &g->cap_attrs, (size_t)g->n_attrs + 1) < 0)
            return dp_tsv_fail(t, "out of memory");
        g->attrs[g->n_attrs++] = a;
        e->n_attrs++;
        const char *key = s + k, *val = s + v;
        if (key_is(key, kl, "head") || key_is(key, kl, "default_country"))
            e->flags |= GAZ_F_COMPOSABLE;
        if (key_is(key, kl, "kind") && key_is(val, vl, "country"))
            e->flags |= GAZ_F_COUNTRY;
        if (key_is(key, kl, "ambiguous")) {
            if (key_is(val, vl, "given_name"))
                e->flags |= GAZ_F_AMB_GIVEN;
            else if (key_is(val, vl, "person_name"))
                e->flags |= GAZ_F_AMB_PERSON;
            else
                e->flags |= GAZ_F_AMB_COMMON;
        }
    }
    return 0;
}

/* Queue the entry's surface for keying in the next batch. */
static int queue_surface(gaz *g, uint32_t idx, const char *surface, size_t n)
{
    build *b = g->build;
    if (grow_bytes(&b->batch, &b->bcap, b->blen + n + 1) < 0)
        return -1;
    if (b->npend == b->cappend) {
        size_t nc = b->cappend ? b->cappend * 2 : 1024;
        pending *q = realloc(b->pend, nc * sizeof *q);
        if (!q)
            return -1;
        b->pend = q;
        b->cappend = nc;
    }
    b->pend[b->npend].entry = idx;
    b->pend[b->npend].s = b->blen;
    memcpy(b->batch + b->blen, surface, n);
    b->blen += n;
    b->pend[b->npend].e = b->blen;
    b->batch[b->blen++] = '\n';
    b->npend++;
    return 0;
}

/* One row: added, or filtered out (0); -1 with the reason given to the reader. */
static int parse_row(gaz *g, const dp_tsv_row *row, const gaz_filter *f, dp_tsv *t)
{
    const char *surface = row->col[0], *type = row->col[1];
    size_t slen = row->len[0], tlen = row->len[1];
    while (slen && is_blank(surface[slen - 1]))
        slen--;
    while (slen && is_blank(*surface)) {
        surface++;
        slen--;
    }
    if (slen == 0)
        return dp_tsv_fail(t, "empty surface");
    if (!type_ok(type, tlen))
        return dp_tsv_fail(t, "bad type \"%.*s\" (expected uppercase letters such as LOC, ORG)",
                           (int)(tlen > 40 ? 40 : tlen), type);
    if (row->len[2] == 0)
        return dp_tsv_fail(t, "empty id");
    if (!type_wanted(f, type, tlen))
        return 0;
    if (f && f->min_length > 0 && count_cp(surface, slen) < (size_t)f->min_length)
        return 0;

    if (grow((void **)&g->entries, sizeof *g->entries, &g->cap_entries, (size_t)g->n_entries + 1) < 0)
        return dp_tsv_fail(t, "out of memory");
    gaz_entry e;
    memset(&e, 0, sizeof e);
    e.next = GAZ_NONE;
    if (pool_add(g, surface, slen, &e.surface) < 0 || intern_type(g, type, tlen, &e.type) < 0 ||
        pool_add(g, row->col[2], row->len[2], &e.id) < 0 ||
        pool_add(g, row->col[3], row->len[3], &e.english) < 0)
        return dp_tsv_fail(t, "out of memory");
    if (row->n == 5 && parse_attrs(g, &e, row->col[4], row->len[4], t) < 0)
        return -1;
    gaz_shape sh;
    gaz_shape_of(surface, slen, &sh);
    if (sh.first_upper)
        e.flags |= GAZ_F_UPPER_FIRST;
    if (sh.n_upper >= 2 && sh.n_lower == 0)
        e.flags |= GAZ_F_ALLCAPS;
    e.capmask = sh.capmask;
    e.nwords = sh.nwords;
    uint32_t idx = g->n_entries++;
    g->entries[idx] = e;
    if (queue_surface(g, idx, surface, slen) < 0)
        return dp_tsv_fail(t, "out of memory");
    return 0;
}

/* Every row of an opened list; `size` (bytes, 0: unknown) sizes the tables. */
static int load_rows(gaz *g, dp_tsv *t, size_t size, const gaz_filter *f, char *err, size_t errlen)
{
    const char *name = dp_tsv_name(t);
    if (!g->build) {
        gaz_seterr(err, errlen, "%s: gazetteer already finished", name);
        return -1;
    }
    if (reserve(g, size) < 0) {
        gaz_seterr(err, errlen, "%s: out of memory", name);
        return -1;
    }
    dp_tsv_expect(t, 4, 5, "surface, type, id, english[, attrs]");
    dp_tsv_row row;
    int rc;
    while ((rc = dp_tsv_next(t, &row)) > 0) {
        if (parse_row(g, &row, f, t) < 0) {
            rc = -1;
            break;
        }
        if (((build *)g->build)->blen >= BATCH_BYTES && flush_batch(g, name, err, errlen) < 0)
            return -1;
    }
    if (rc < 0) {
        gaz_seterr(err, errlen, "%s", dp_tsv_error(t));
        return -1;
    }
    return flush_batch(g, name, err, errlen);
}

int gaz_load_buffer(gaz *g, const char *name, const char *data, size_t len, const gaz_filter *f,
                    char *err, size_t errlen)
{
    dp_tsv *t = dp_tsv_open_buffer(name, data, len);
    if (!t) {
        gaz_seterr(err, errlen, "%s: out of memory", name);
        return -1;
    }
    int rc = load_rows(g, t, len, f, err, errlen);
    dp_tsv_close(t);
    return rc;
}

int gaz_load_file(gaz *g, const char *path, const gaz_filter *f, char *err, size_t errlen)
{
    struct stat st;
    size_t size = stat(path, &st) == 0 && S_ISREG(st.st_mode) ? (size_t)st.st_size : 0;
    dp_tsv *t = dp_tsv_open(path);
    if (!t) {
        gaz_seterr(err, errlen, "%s: out of memory", path);
        return -1;
    }
    int rc = load_rows(g, t, size, f, err, errlen);
    dp_tsv_close(t);
    return rc;
}

int gaz_finish(gaz *g, char *err, size_t errlen)
{
    build *b = g->build;
    if (!b)
        return 0;
    int rc = flush_batch(g, "gazetteer", err, errlen);
    free(b->batch);
    free(b->pend);
    free(b);
    g->build = NULL;
    return rc;
}
