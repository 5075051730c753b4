/*
 * model.c — a trained model in memory: the label set with its IOB2
 * transition constraints, the feature index (an open-addressing table from
 * 64-bit feature hashes to weight rows) and the emission scores of a
 * sentence.  A loaded model points into its mapped file (modelfile.c); a
 * trained one owns heap copies.  Either way it is read-only once built.
 */
#include <stdlib.h>
#include <string.h>

#include "tagger.h"

int tg_tag_parse(const char *tag, int *kind, const char **type, size_t *tlen)
{
    if (!strcmp(tag, "O")) {
        *kind = TG_O;
        *type = "";
        *tlen = 0;
        return 0;
    }
    if ((tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-' || !tag[2]) return -1;
    for (const char *p = tag + 2; *p; p++)
        if ((unsigned char)*p <= ' ') return -1;
    *kind = tag[0] == 'B' ? TG_B : TG_I;
    *type = tag + 2;
    *tlen = strlen(tag + 2);
    return 0;
}

static void free_labels(tg_model *m)
{
    for (uint32_t i = 0; i < m->n_labels; i++) free(m->labels ? m->labels[i] : NULL);
    for (uint32_t t = 0; t < m->n_types; t++) free(m->types[t]);
    free(m->labels);
    free(m->types);
    free(m->kind);
    free(m->type);
    free(m->allowed);
    m->labels = m->types = NULL;
    m->kind = m->allowed = NULL;
    m->type = NULL;
    m->n_labels = m->n_types = 0;
}

int tg_model_set_labels(tg_model *m, const char *const *labels, uint32_t n)
{
    free_labels(m);
    if (n == 0 || strcmp(labels[0], "O")) return -1;
    m->labels = calloc(n, sizeof *m->labels);
    m->types = calloc(n, sizeof *m->types);
    m->kind = calloc(n, 1);
    m->type = calloc(n, sizeof *m->type);
    m->allowed = calloc((size_t)(n + 1) * n, 1);
    if (!m->labels || !m->types || !m->kind || !m->type || !m->allowed) goto fail;
    m->n_labels = n;
    for (uint32_t i = 0; i < n; i++) {
        int kind;
        const char *type;
        size_t tlen;
        if (tg_tag_parse(labels[i], &kind, &type, &tlen) < 0 || (i > 0) != (kind != TG_O)) goto fail;
        for (uint32_t j = 0; j < i; j++)
            if (!strcmp(labels[j], labels[i])) goto fail;
        if (!(m->labels[i] = strdup(labels[i]))) goto fail;
        m->kind[i] = (uint8_t)kind;
        if (kind == TG_O) continue;
        uint32_t t = 0;
        while (t < m->n_types && (strlen(m->types[t]) != tlen || memcmp(m->types[t], type, tlen))) t++;
        if (t == m->n_types) {
            if (!(m->types[t] = malloc(tlen + 1))) goto fail;
            memcpy(m->types[t], type, tlen);
            m->types[t][tlen] = '\0';
            m->n_types++;
        }
        m->type[i] = t;
    }
    /* IOB2: I-X only after B-X or I-X; never first */
    for (uint32_t i = 0; i <= n; i++)
        for (uint32_t j = 0; j < n; j++)
            m->allowed[(size_t)i * n + j] =
                m->kind[j] != TG_I || (i < n && m->kind[i] != TG_O && m->type[i] == m->type[j]);
    return 0;
fail:
    free_labels(m);
    return -1;
}

int tg_model_set_weights(tg_model *m, const uint64_t *keys, const float *w, uint64_t n_rows, const float *trans)
{
    uint32_t L = m->n_labels;
    uint64_t kept = 0;
    for (uint64_t r = 0; r < n_rows; r++)
        for (uint32_t j = 0; j < L; j++)
            if (w[r * L + j] != 0.0f) { kept++; break; }
    if (kept >= UINT32_MAX) return -1;
    uint64_t buckets = 4;
    while (buckets * 2 < kept) buckets *= 2; /* at most half the slots used */
    uint32_t S = (L + 3) & ~3u;
    tg_slot *slots = calloc(buckets * TG_BUCKET, sizeof *slots);
    float *wc = calloc((kept + 1) * S, sizeof *wc);
    float *tc = malloc((size_t)(L + 1) * L * sizeof *tc);
    if (!slots || !wc || !tc) {
        free(slots); free(wc); free(tc);
        return -1;
    }
    uint32_t row = 1;
    for (uint64_t r = 0; r < n_rows; r++) {
        int nonzero = 0;
        for (uint32_t j = 0; j < L; j++) nonzero |= w[r * L + j] != 0.0f;
        if (!nonzero) continue;
        memcpy(wc + (size_t)row * S, w + r * L, L * sizeof *wc);
        uint64_t b = keys[r] & (buckets - 1);
        for (;;) {
            tg_slot *s = slots + b * TG_BUCKET;
            int k = 0;
            while (k < TG_BUCKET && s[k].row) k++;
            if (k < TG_BUCKET) {
                s[k].key = keys[r];
                s[k].row = row;
                break;
            }
            s[0].more = 1;
            b = (b + 1) & (buckets - 1);
        }
        row++;
    }
    memcpy(tc, trans, (size_t)(L + 1) * L * sizeof *tc);
    for (int i = 0; i < 4; i++) {
        free(m->own[i]);
        m->own[i] = NULL;
    }
    m->own[0] = slots;
    m->own[1] = wc;
    m->own[2] = tc;
    m->slots = slots;
    m->w = wc;
    m->trans = tc;
    m->n_rows = kept;
    m->stride = S;
    m->bucket_mask = buckets - 1;
    return 0;
}

/* Four floats: the weight rows are summed four labels at a time (SSE on x86-64, NEON on arm64). */
typedef float v4f __attribute__((vector_size(16)));

static inline v4f load4(const float *p)
{
    v4f x;
    memcpy(&x, p, sizeof x);
    return x;
}

void tg_model_emissions(const tg_model *m, const tg_obs *obs, size_t n, uint64_t *fbuf, float *emit)
{
    uint32_t L = m->n_labels, S = m->stride;
    size_t cap = tg_features_max(&m->tpl);
    for (size_t t = 0; t < n; t++) {
        float *e = emit + t * L;
        size_t nf = tg_features(&m->tpl, obs, n, t, fbuf, cap);
        if (S > 16) { /* more than 16 labels: the plain loop */
            for (uint32_t j = 0; j < L; j++) e[j] = 0.0f;
            for (size_t f = 0; f < nf; f++) {
                const float *row = m->w + (size_t)tg_model_find(m, fbuf[f]) * S;
                for (uint32_t j = 0; j < L; j++) e[j] += row[j];
            }
            continue;
        }
        /* up to 16 labels in four registers; row 0 (unknown features) is zeros */
        v4f a0 = { 0 }, a1 = { 0 }, a2 = { 0 }, a3 = { 0 };
        for (size_t f = 0; f < nf; f++) {
            const float *row = m->w + (size_t)tg_model_find(m, fbuf[f]) * S;
            a0 += load4(row);
            if (S > 4) a1 += load4(row + 4);
            if (S > 8) a2 += load4(row + 8);
            if (S > 12) a3 += load4(row + 12);
        }
        float sum[16];
        memcpy(sum, &a0, sizeof a0);
        memcpy(sum + 4, &a1, sizeof a1);
        memcpy(sum + 8, &a2, sizeof a2);
        memcpy(sum + 12, &a3, sizeof a3);
        for (uint32_t j = 0; j < L; j++) e[j] = sum[j];
    }
}

void tg_model_free(tg_model *m)
{
    free_labels(m);
    tg_templates_free(&m->tpl);
    tg_gaz_free(&m->gaz);
    for (int i = 0; i < 4; i++) free(m->own[i]);
    free(m->info);
    if (m->map) tg_model_unmap(m->map, m->map_len);
    memset(m, 0, sizeof *m);
}
