/*
 * modelfile.c — the model file: written once by docpipe-train, mapped
 * read-only by the tagger and used in place by every worker thread.
 *
 * Layout, little-endian, fixed width (plugins/recognizer_tagger/README.md):
 *
 *   header, 64 bytes
 *     0  magic "DPTAGMDL"          8  u32 format version   12 u32 feature-extractor version
 *    16  u64 template hash        24  u64 payload length   32 u64 payload checksum (FNV-1a 64)
 *    40  u32 labels               44  u32 byte-order mark 0x01020304   48..63 zero
 *   payload: sections, each a u32 tag, u32 zero, u64 length, the bytes, zero
 *   padding to 8:
 *     LABL labels, NUL-terminated      TMPL canonical templates, one per line
 *     INFO how it was trained          CONF f32 temperature
 *     GHDR u32 max phrase, u32 types, u64 slots      GTYP type names, NUL-terminated
 *     GKEY u64 phrase hashes [slots]   GVAL u32 values [slots]
 *     FSLT feature index [2^k buckets x 4 slots]: u64 feature hash, u32 row, u32 more
 *     FWGT f32 weights [(rows + 1) x stride], row 0 zero; stride = labels rounded up to 4
 *     TRAN f32 transitions [(labels + 1) x labels]
 *
 * Every section starts at a multiple of 8 from the file start, so a mapping
 * (page-aligned) gives aligned arrays.  Loading checks the magic, both
 * versions, the checksum, every section's size and every slot's row index
 * before anything is used.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tagger.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the model file is little-endian and mapped in place: this build needs a little-endian host"
#endif

#define HEADER_SIZE 64
#define BOM 0x01020304u
#define TAG(a, b, c, d) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)

typedef struct buf {
    unsigned char *p;
    size_t len, cap;
    int oom;
} buf;

static void put(buf *b, const void *p, size_t n)
{
    if (b->oom) return;
    if (b->len + n > b->cap) {
        size_t nc = b->cap ? b->cap : 4096;
        while (nc < b->len + n) nc *= 2;
        unsigned char *np = realloc(b->p, nc);
        if (!np) { b->oom = 1; return; }
        b->p = np;
        b->cap = nc;
    }
    if (n) memcpy(b->p + b->len, p, n);
    b->len += n;
}

static void section(buf *b, uint32_t tag, const void *p, size_t n)
{
    uint32_t head[2] = { tag, 0 };
    uint64_t len = n;
    static const unsigned char zeros[8] = { 0 };
    put(b, head, sizeof head);
    put(b, &len, sizeof len);
    put(b, p, n);
    put(b, zeros, (8 - n % 8) % 8);
}

/* NUL-terminated strings one after the other, in a malloc'ed block. */
static char *join(char *const *s, uint32_t n, size_t *len)
{
    size_t total = 0;
    for (uint32_t i = 0; i < n; i++) total += strlen(s[i]) + 1;
    char *out = malloc(total ? total : 1), *p = out;
    if (!out) return NULL;
    for (uint32_t i = 0; i < n; i++) {
        size_t l = strlen(s[i]) + 1;
        memcpy(p, s[i], l);
        p += l;
    }
    *len = total;
    return out;
}

int tg_model_serialise(const tg_model *m, unsigned char **out, size_t *outlen)
{
    buf b = { 0 };
    unsigned char header[HEADER_SIZE] = { 0 };
    put(&b, header, sizeof header);
    uint32_t L = m->n_labels;
    size_t llen, tlen;
    char *labels = join(m->labels, L, &llen);
    char *types = join(m->gaz.types, m->gaz.n_types, &tlen);
    if (!labels || !types) b.oom = 1;
    section(&b, TAG('L', 'A', 'B', 'L'), labels, llen);
    section(&b, TAG('T', 'M', 'P', 'L'), m->tpl.text, strlen(m->tpl.text));
    section(&b, TAG('I', 'N', 'F', 'O'), m->info ? m->info : "", m->info ? strlen(m->info) : 0);
    float temp = m->temperature;
    section(&b, TAG('C', 'O', 'N', 'F'), &temp, sizeof temp);
    struct { uint32_t max_len, n_types; uint64_t size; } gh = { m->gaz.max_len, m->gaz.n_types, m->gaz.size };
    section(&b, TAG('G', 'H', 'D', 'R'), &gh, sizeof gh);
    section(&b, TAG('G', 'T', 'Y', 'P'), types, tlen);
    section(&b, TAG('G', 'K', 'E', 'Y'), m->gaz.keys, m->gaz.size * sizeof(uint64_t));
    section(&b, TAG('G', 'V', 'A', 'L'), m->gaz.vals, m->gaz.size * sizeof(uint32_t));
    section(&b, TAG('F', 'S', 'L', 'T'), m->slots, (m->bucket_mask + 1) * TG_BUCKET * sizeof(tg_slot));
    section(&b, TAG('F', 'W', 'G', 'T'), m->w, (m->n_rows + 1) * m->stride * sizeof(float));
    section(&b, TAG('T', 'R', 'A', 'N'), m->trans, (size_t)(L + 1) * L * sizeof(float));
    free(labels);
    free(types);
    if (b.oom) {
        free(b.p);
        return -1;
    }
    uint32_t version = TG_MODEL_VERSION, fversion = TG_FEATURE_VERSION, bom = BOM;
    uint64_t hash = m->template_hash, plen = b.len - HEADER_SIZE;
    uint64_t sum = tg_fnv1a(TG_FNV_OFFSET, b.p + HEADER_SIZE, plen);
    memcpy(b.p, TG_MODEL_MAGIC, 8);
    memcpy(b.p + 8, &version, 4);
    memcpy(b.p + 12, &fversion, 4);
    memcpy(b.p + 16, &hash, 8);
    memcpy(b.p + 24, &plen, 8);
    memcpy(b.p + 32, &sum, 8);
    memcpy(b.p + 40, &L, 4);
    memcpy(b.p + 44, &bom, 4);
    *out = b.p;
    *outlen = b.len;
    return 0;
}

int tg_model_save(const tg_model *m, const char *path, char *err, size_t errlen)
{
    unsigned char *data;
    size_t len;
    if (tg_model_serialise(m, &data, &len) < 0) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    size_t plen = strlen(path) + 32;
    char *tmp = malloc(plen);
    if (!tmp) {
        free(data);
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    snprintf(tmp, plen, "%s.tmp%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int ok = fd >= 0;
    size_t done = 0;
    while (ok && done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) ok = 0;
        else done += (size_t)w;
    }
    ok = ok && fsync(fd) == 0;
    if (fd >= 0 && close(fd) != 0) ok = 0;
    if (!ok || rename(tmp, path) < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        unlink(tmp);
        free(tmp);
        free(data);
        return -1;
    }
    free(tmp);
    free(data);
    return 0;
}

void tg_model_unmap(void *map, size_t len)
{
    munmap(map, len);
}

typedef struct sect {
    const unsigned char *p;
    uint64_t len;
    int found;
} sect;

enum { S_LABL, S_TMPL, S_INFO, S_CONF, S_GHDR, S_GTYP, S_GKEY, S_GVAL, S_FSLT, S_FWGT, S_TRAN, S_COUNT };

static const uint32_t sect_tags[S_COUNT] = {
    TAG('L', 'A', 'B', 'L'), TAG('T', 'M', 'P', 'L'), TAG('I', 'N', 'F', 'O'), TAG('C', 'O', 'N', 'F'),
    TAG('G', 'H', 'D', 'R'), TAG('G', 'T', 'Y', 'P'), TAG('G', 'K', 'E', 'Y'), TAG('G', 'V', 'A', 'L'),
    TAG('F', 'S', 'L', 'T'), TAG('F', 'W', 'G', 'T'), TAG('T', 'R', 'A', 'N'),
};

/* Split n NUL-terminated strings out of a block; NULL when the count or termination is wrong. */
static char **split_strings(const sect *s, uint32_t n)
{
    char **v = calloc(n ? n : 1, sizeof *v);
    if (!v) return NULL;
    const char *p = (const char *)s->p, *end = p + s->len;
    for (uint32_t i = 0; i < n; i++) {
        const char *z = p < end ? memchr(p, '\0', (size_t)(end - p)) : NULL;
        if (!z || z == p || !(v[i] = strdup(p))) {
            for (uint32_t k = 0; k < i; k++) free(v[k]);
            free(v);
            return NULL;
        }
        p = z + 1;
    }
    if (p != end) {
        for (uint32_t k = 0; k < n; k++) free(v[k]);
        free(v);
        return NULL;
    }
    return v;
}

static int is_pow2(uint64_t x) { return x && !(x & (x - 1)); }

/* Fill m from the verified payload; returns a reason or NULL. */
static const char *parse(tg_model *m, const unsigned char *base, size_t size, uint32_t L, char *tmp, size_t tmplen)
{
    sect s[S_COUNT] = { { 0 } };
    size_t off = HEADER_SIZE;
    while (off < size) {
        if (size - off < 16) return "truncated section header";
        uint32_t tag;
        uint64_t len;
        memcpy(&tag, base + off, 4);
        memcpy(&len, base + off + 8, 8);
        off += 16;
        if (len > size - off) return "section longer than the file";
        for (int k = 0; k < S_COUNT; k++) {
            if (sect_tags[k] != tag) continue;
            if (s[k].found) return "section repeated";
            s[k] = (sect){ base + off, len, 1 };
        }
        off += (size_t)len;
        off += (8 - off % 8) % 8;
    }
    for (int k = 0; k < S_COUNT; k++)
        if (!s[k].found) return "a section is missing";

    char **labels = split_strings(&s[S_LABL], L);
    if (!labels) return "bad label section";
    int lrc = tg_model_set_labels(m, (const char *const *)labels, L);
    for (uint32_t i = 0; i < L; i++) free(labels[i]);
    free(labels);
    if (lrc < 0) return "bad labels (O first, then B-/I- labels, each once)";
    if (tg_templates_parse_text((const char *)s[S_TMPL].p, s[S_TMPL].len, &m->tpl, tmp, tmplen) < 0) return tmp;
    if (!(m->info = malloc(s[S_INFO].len + 1))) return "out of memory";
    memcpy(m->info, s[S_INFO].p, s[S_INFO].len);
    m->info[s[S_INFO].len] = '\0';
    if (s[S_CONF].len != sizeof(float)) return "bad CONF section";
    memcpy(&m->temperature, s[S_CONF].p, sizeof(float));
    if (!isfinite(m->temperature) || m->temperature <= 0) return "bad temperature";

    struct { uint32_t max_len, n_types; uint64_t size; } gh;
    if (s[S_GHDR].len != sizeof gh) return "bad GHDR section";
    memcpy(&gh, s[S_GHDR].p, sizeof gh);
    if (gh.n_types > TG_GAZ_MAX_TYPES || gh.max_len > TG_GAZ_MAX_PHRASE || (gh.size && !is_pow2(gh.size)) ||
        s[S_GKEY].len != gh.size * sizeof(uint64_t) || s[S_GVAL].len != gh.size * sizeof(uint32_t))
        return "bad list table";
    char **types = split_strings(&s[S_GTYP], gh.n_types);
    if (!types) return "bad list type names";
    m->gaz.own_types = 1;
    for (uint32_t t = 0; t < gh.n_types; t++) m->gaz.types[t] = types[t];
    free(types);
    m->gaz.n_types = gh.n_types;
    m->gaz.max_len = gh.max_len;
    m->gaz.size = gh.size;
    m->gaz.keys = (const uint64_t *)s[S_GKEY].p;
    m->gaz.vals = (const uint32_t *)s[S_GVAL].p;
    for (uint64_t k = 0; k < gh.size; k++)
        if (m->gaz.vals[k] & ~(TG_GAZ_PREFIX | ((1u << gh.n_types) - 1))) return "bad list value";

    uint32_t S = (L + 3) & ~3u;
    uint64_t slots = s[S_FSLT].len / sizeof(tg_slot), wrows = s[S_FWGT].len / ((uint64_t)S * sizeof(float));
    uint64_t buckets = slots / TG_BUCKET;
    if (s[S_FSLT].len % (TG_BUCKET * sizeof(tg_slot)) || !is_pow2(buckets) ||
        s[S_FWGT].len != wrows * S * sizeof(float) || wrows < 1 || wrows - 1 > slots / 2 ||
        s[S_TRAN].len != (uint64_t)(L + 1) * L * sizeof(float))
        return "bad feature table sizes";
    m->slots = (const tg_slot *)s[S_FSLT].p;
    m->w = (const float *)s[S_FWGT].p;
    m->trans = (const float *)s[S_TRAN].p;
    m->n_rows = wrows - 1;
    m->stride = S;
    m->bucket_mask = buckets - 1;
    uint64_t used = 0, open_buckets = 0;
    for (uint64_t k = 0; k < slots; k++) {
        if (m->slots[k].row > m->n_rows) return "bad feature slot";
        used += m->slots[k].row != 0;
        if (k % TG_BUCKET == 0) open_buckets += !m->slots[k].more;
    }
    if (used != m->n_rows) return "bad feature slot count";
    if (!open_buckets) return "no bucket ends a probe";
    for (uint32_t j = 0; j < S; j++)
        if (m->w[j] != 0.0f) return "the zero row is not zero";
    for (uint64_t r = 1; r < wrows; r++)
        for (uint32_t j = L; j < S; j++)
            if (m->w[r * S + j] != 0.0f) return "row padding is not zero";
    return NULL;
}

int tg_model_load(tg_model *m, const char *path, uint64_t expect_hash, const char *expect_from, char *err,
                  size_t errlen)
{
    memset(m, 0, sizeof *m);
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    size_t size = (size_t)st.st_size;
    if (size < HEADER_SIZE) {
        snprintf(err, errlen, "%s: not a docpipe tagger model (%zu bytes, shorter than the header)", path, size);
        close(fd);
        return -1;
    }
    void *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        snprintf(err, errlen, "%s: mmap: %s", path, strerror(errno));
        return -1;
    }
    m->map = map;
    m->map_len = size;
    const unsigned char *b = map;
    uint32_t version, fversion, L, bom;
    uint64_t hash, plen, sum;
    memcpy(&version, b + 8, 4);
    memcpy(&fversion, b + 12, 4);
    memcpy(&hash, b + 16, 8);
    memcpy(&plen, b + 24, 8);
    memcpy(&sum, b + 32, 8);
    memcpy(&L, b + 40, 4);
    memcpy(&bom, b + 44, 4);
    if (memcmp(b, TG_MODEL_MAGIC, 8)) {
        snprintf(err, errlen, "%s: not a docpipe tagger model (no %s header)", path, TG_MODEL_MAGIC);
        goto fail;
    }
    if (bom != BOM) {
        snprintf(err, errlen, "%s: byte-order mark %08x, expected %08x (a damaged file)", path, bom, BOM);
        goto fail;
    }
    if (version != TG_MODEL_VERSION) {
        snprintf(err, errlen,
                 "%s: model format version %u, but this tagger reads version %u: retrain it with this "
                 "docpipe train, or use the docpipe that wrote it",
                 path, version, TG_MODEL_VERSION);
        goto fail;
    }
    if (fversion != TG_FEATURE_VERSION) {
        snprintf(err, errlen,
                 "%s: features of extractor version %u, but this tagger computes version %u: retrain the model",
                 path, fversion, TG_FEATURE_VERSION);
        goto fail;
    }
    if (plen != size - HEADER_SIZE) {
        snprintf(err, errlen, "%s: payload of %llu bytes announced, %zu present (a truncated file)", path,
                 (unsigned long long)plen, size - HEADER_SIZE);
        goto fail;
    }
    uint64_t actual = tg_fnv1a(TG_FNV_OFFSET, b + HEADER_SIZE, plen);
    if (actual != sum) {
        snprintf(err, errlen, "%s: checksum mismatch: header says %016llx, content gives %016llx (a damaged file)",
                 path, (unsigned long long)sum, (unsigned long long)actual);
        goto fail;
    }
    if (L < 1 || L > 4096) {
        snprintf(err, errlen, "%s: %u labels", path, L);
        goto fail;
    }
    char tmp[256];
    const char *why = parse(m, b, size, L, tmp, sizeof tmp);
    if (why) {
        snprintf(err, errlen, "%s: damaged model: %s", path, why);
        goto fail;
    }
    tg_featset view = { .tpl = m->tpl, .gaz = m->gaz };
    uint64_t computed = tg_featset_hash(&view);
    if (computed != hash) {
        snprintf(err, errlen, "%s: template hash %016llx in the header, but its templates and lists hash to %016llx",
                 path, (unsigned long long)hash, (unsigned long long)computed);
        goto fail;
    }
    if (expect_hash && expect_hash != hash) {
        snprintf(err, errlen,
                 "%s: trained with features of template hash %016llx, but %s has template hash %016llx: "
                 "retrain the model with these features, or use the features it was trained with",
                 path, (unsigned long long)hash, expect_from ? expect_from : "the features given",
                 (unsigned long long)expect_hash);
        goto fail;
    }
    m->template_hash = hash;
    return 0;
fail:
    tg_model_free(m);
    return -1;
}
