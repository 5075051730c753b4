/*
 * gaz_cache.c — the compiled cache: the gazetteer's flat arrays in one file,
 * mapped read-only on load.  The header carries a fingerprint of the inputs
 * (list paths, sizes, modification times, load filter, language rules); a cache whose
 * fingerprint differs is rebuilt.  Every index is checked on load, so a
 * damaged cache is rejected rather than trusted.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fnv.h"
#include "gaz.h"

#define CACHE_MAGIC "DPGAZC1\n"
#define CACHE_VERSION 2u

typedef struct cache_header {
    char magic[8];
    uint32_t version, byteorder;
    uint64_t fingerprint;
    uint64_t checksum; /* of everything after the header */
    uint64_t pool_len, n_entries, n_attrs, n_nodes, edge_size, n_edges, tok_size, n_toks,
        tokpool_len;
} cache_header;

int gaz_fingerprint(const char *const *paths, size_t n, const gaz_filter *f, const char *rules,
                    uint64_t *out, char *err, size_t errlen)
{
    uint64_t h = FNV1A64_INIT;
    uint32_t v = CACHE_VERSION;
    h = fnv1a64(h, &v, sizeof v);
    /* keys made under other language rules are other keys */
    h = rules ? fnv1a64(h, rules, strlen(rules) + 1) : fnv1a64(h, "", 0);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(paths[i], &st) < 0) {
            gaz_seterr(err, errlen, "%s: %s", paths[i], strerror(errno));
            return -1;
        }
        int64_t meta[3] = { (int64_t)st.st_size, (int64_t)st.st_mtim.tv_sec,
                            (int64_t)st.st_mtim.tv_nsec };
        h = fnv1a64(h, paths[i], strlen(paths[i]) + 1);
        h = fnv1a64(h, meta, sizeof meta);
    }
    if (f) {
        for (size_t i = 0; f->types && i < f->n_types; i++)
            h = fnv1a64(h, f->types[i], strlen(f->types[i]) + 1);
        int64_t ml = f->min_length;
        h = fnv1a64(h, &ml, sizeof ml);
    }
    *out = h;
    return 0;
}

/*
 * A word-at-a-time checksum over 8-byte words; a partial last word is padded
 * with zeros, so a section plus its padding hashes the same as the file does.
 */
static uint64_t checksum_add(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    size_t i = 0;
    uint64_t w;
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
        h ^= h >> 29;
    }
    if (i < n) {
        w = 0;
        memcpy(&w, s + i, n - i);
        h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
        h ^= h >> 29;
    }
    return h;
}

static size_t align8(size_t x) { return (x + 7) & ~(size_t)7; }

typedef struct section {
    const void *p;
    size_t len;
} section;

static void sections_of(const gaz *g, section s[7])
{
    s[0] = (section){ g->pool, g->pool_len };
    s[1] = (section){ g->entries, (size_t)g->n_entries * sizeof(gaz_entry) };
    s[2] = (section){ g->attrs, (size_t)g->n_attrs * sizeof(gaz_attr) };
    s[3] = (section){ g->node_entry, (size_t)g->n_nodes * sizeof(uint32_t) };
    s[4] = (section){ g->edges, ((size_t)g->edge_mask + 1) * sizeof(gaz_edge) };
    s[5] = (section){ g->toks, ((size_t)g->tok_mask + 1) * sizeof(gaz_tokslot) };
    s[6] = (section){ g->tokpool, g->tokpool_len };
}

int gaz_cache_save(const gaz *g, const char *path, uint64_t fingerprint, char *err, size_t errlen)
{
    cache_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, CACHE_MAGIC, 8);
    h.version = CACHE_VERSION;
    h.byteorder = 0x01020304u;
    h.fingerprint = fingerprint;
    h.pool_len = g->pool_len;
    h.n_entries = g->n_entries;
    h.n_attrs = g->n_attrs;
    h.n_nodes = g->n_nodes;
    h.edge_size = (uint64_t)g->edge_mask + 1;
    h.n_edges = g->n_edges;
    h.tok_size = (uint64_t)g->tok_mask + 1;
    h.n_toks = g->n_toks;
    h.tokpool_len = g->tokpool_len;

    size_t plen = strlen(path) + 32;
    char *tmp = malloc(plen);
    if (!tmp) {
        gaz_seterr(err, errlen, "%s: out of memory", path);
        return -1;
    }
    snprintf(tmp, plen, "%s.tmp.%ld", path, (long)getpid());
    FILE *fp = fopen(tmp, "wb");
    if (!fp) {
        gaz_seterr(err, errlen, "%s: %s", tmp, strerror(errno));
        free(tmp);
        return -1;
    }
    static const char zeros[8] = { 0 };
    section s[7];
    sections_of(g, s);
    uint64_t sum = 0;
    for (int i = 0; i < 7; i++)
        sum = checksum_add(sum, s[i].p, s[i].len);
    h.checksum = sum;
    int ok = fwrite(&h, sizeof h, 1, fp) == 1;
    for (int i = 0; i < 7 && ok; i++) {
        if (s[i].len)
            ok = fwrite(s[i].p, 1, s[i].len, fp) == s[i].len;
        size_t pad = align8(s[i].len) - s[i].len;
        if (ok && pad)
            ok = fwrite(zeros, 1, pad, fp) == pad;
    }
    ok = ok && fflush(fp) == 0 && fsync(fileno(fp)) == 0;
    ok = (fclose(fp) == 0) && ok;
    if (!ok || rename(tmp, path) < 0) {
        gaz_seterr(err, errlen, "%s: %s", path, strerror(errno));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}

void gaz_cache_unmap(void *base, size_t len)
{
    if (base)
        munmap(base, len);
}

static int ok_str(const gaz *g, uint32_t off) { return off < g->pool_len; }

static int validate(const gaz *g)
{
    if (g->pool_len == 0 || g->pool[g->pool_len - 1] != '\0' || g->n_nodes == 0)
        return 0;
    for (uint32_t i = 0; i < g->n_entries; i++) {
        const gaz_entry *e = &g->entries[i];
        if (!ok_str(g, e->surface) || !ok_str(g, e->type) || !ok_str(g, e->id) ||
            !ok_str(g, e->english) || e->attrs > g->n_attrs || e->n_attrs > g->n_attrs - e->attrs ||
            (e->next != GAZ_NONE && e->next >= g->n_entries))
            return 0;
    }
    for (uint32_t i = 0; i < g->n_attrs; i++)
        if (!ok_str(g, g->attrs[i].k) || !ok_str(g, g->attrs[i].v))
            return 0;
    for (uint32_t i = 0; i < g->n_nodes; i++)
        if (g->node_entry[i] != GAZ_NONE && g->node_entry[i] >= g->n_entries)
            return 0;
    uint32_t used = 0;
    for (uint32_t i = 0; i <= g->edge_mask; i++) {
        const gaz_edge *e = &g->edges[i];
        if (e->child == 0)
            continue;
        used++;
        if (e->child >= g->n_nodes || e->node >= g->n_nodes || e->tok == 0 || e->tok > g->n_toks)
            return 0;
    }
    if (used != g->n_edges || used > g->edge_mask)
        return 0; /* a full table would make lookups loop */
    used = 0;
    for (uint32_t i = 0; i <= g->tok_mask; i++) {
        const gaz_tokslot *t = &g->toks[i];
        if (t->id == 0)
            continue;
        used++;
        if (t->id > g->n_toks || t->off > g->tokpool_len || t->len > g->tokpool_len - t->off)
            return 0;
    }
    return used == g->n_toks && used <= g->tok_mask;
}

static int pow2(uint64_t x) { return x && !(x & (x - 1)) && x <= ((uint64_t)1 << 31); }

int gaz_cache_load(gaz *g, const char *path, uint64_t fingerprint, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        gaz_seterr(err, errlen, "%s: %s", path, strerror(errno));
        return errno == ENOENT ? 0 : -1;
    }
    struct stat st;
    if (fstat(fd, &st) < 0 || (size_t)st.st_size < sizeof(cache_header)) {
        close(fd);
        gaz_seterr(err, errlen, "%s: too short to be a cache", path);
        return 0;
    }
    size_t size = (size_t)st.st_size;
    void *base = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (base == MAP_FAILED) {
        gaz_seterr(err, errlen, "%s: mmap: %s", path, strerror(errno));
        return 0;
    }
    cache_header h;
    memcpy(&h, base, sizeof h);
    const char *why = NULL;
    if (memcmp(h.magic, CACHE_MAGIC, 8) != 0 || h.version != CACHE_VERSION ||
        h.byteorder != 0x01020304u)
        why = "not a gazetteer cache of this version";
    else if (h.fingerprint != fingerprint)
        why = "stale (the lists or options changed)";
    else if (h.pool_len > UINT32_MAX || h.n_entries >= UINT32_MAX || h.n_attrs >= UINT32_MAX ||
             h.n_nodes >= UINT32_MAX || !pow2(h.edge_size) || !pow2(h.tok_size) ||
             h.n_edges > UINT32_MAX || h.n_toks > UINT32_MAX || h.tokpool_len > UINT32_MAX)
        why = "corrupt header";
    if (!why) {
        size_t lens[7] = { h.pool_len, h.n_entries * sizeof(gaz_entry), h.n_attrs * sizeof(gaz_attr),
                           h.n_nodes * sizeof(uint32_t), h.edge_size * sizeof(gaz_edge),
                           h.tok_size * sizeof(gaz_tokslot), h.tokpool_len };
        size_t off = sizeof h;
        void *ptr[7];
        for (int i = 0; i < 7; i++) {
            ptr[i] = (char *)base + off;
            off += align8(lens[i]);
        }
        if (off != size) {
            why = "truncated or padded";
        } else if (checksum_add(0, (const char *)base + sizeof h, size - sizeof h) != h.checksum) {
            why = "checksum mismatch";
        } else {
            memset(g, 0, sizeof *g);
            g->pool = ptr[0];
            g->pool_len = h.pool_len;
            g->entries = ptr[1];
            g->n_entries = (uint32_t)h.n_entries;
            g->attrs = ptr[2];
            g->n_attrs = (uint32_t)h.n_attrs;
            g->node_entry = ptr[3];
            g->n_nodes = (uint32_t)h.n_nodes;
            g->edges = ptr[4];
            g->edge_mask = (uint32_t)(h.edge_size - 1);
            g->n_edges = (uint32_t)h.n_edges;
            g->toks = ptr[5];
            g->tok_mask = (uint32_t)(h.tok_size - 1);
            g->n_toks = (uint32_t)h.n_toks;
            g->tokpool = ptr[6];
            g->tokpool_len = h.tokpool_len;
            if (!validate(g)) {
                memset(g, 0, sizeof *g);
                why = "corrupt content";
            }
        }
    }
    if (why) {
        munmap(base, size);
        gaz_seterr(err, errlen, "%s: %s", path, why);
        return 0;
    }
    g->map_base = base;
    g->map_len = size;
    return 1;
}
