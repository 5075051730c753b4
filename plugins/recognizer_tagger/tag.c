/*
 * tag.c — one sentence through the model: observations, emission scores,
 * the Viterbi path, its spans and (on demand) their marginal confidences.
 * The buffers live in a tg_work owned by one thread and grow as needed.
 */
#include <stdlib.h>
#include <string.h>

#include "tagger.h"

static int reserve(tg_work *w, const tg_model *m, size_t n)
{
    uint32_t L = m->n_labels, S = (L + 3) & ~3u;
    size_t fcap = tg_features_max(&m->tpl);
    if (n <= w->cap && w->lat.L == L && w->fbuf) return 0;
    size_t cap = n > w->cap ? n + n / 2 + 16 : w->cap;
    tg_obs *obs = realloc(w->obs, (cap + 2 * TG_OBS_PAD) * sizeof *obs);
    if (obs) w->obs = obs;
    float *emit = realloc(w->emit, cap * L * sizeof *emit);
    if (emit) w->emit = emit;
    uint32_t *back = realloc(w->back, cap * S * sizeof *back);
    if (back) w->back = back;
    uint32_t *path = realloc(w->path, cap * sizeof *path);
    if (path) w->path = path;
    float *col = realloc(w->col, 2 * S * sizeof *col);
    if (col) w->col = col;
    uint64_t *fbuf = realloc(w->fbuf, (fcap ? fcap : 1) * sizeof *fbuf);
    if (fbuf) w->fbuf = fbuf;
    float *e = realloc(w->lat.e, cap * S * sizeof *e);
    if (e) w->lat.e = e;
    float *alpha = realloc(w->lat.alpha, cap * S * sizeof *alpha);
    if (alpha) w->lat.alpha = alpha;
    float *beta = realloc(w->lat.beta, cap * S * sizeof *beta);
    if (beta) w->lat.beta = beta;
    float *c = realloc(w->lat.c, cap * sizeof *c);
    if (c) w->lat.c = c;
    tg_span *spans = realloc(w->spans, cap * sizeof *spans);
    if (spans) w->spans = spans;
    float *scratch = realloc(w->lat.scratch, S * sizeof *scratch);
    if (scratch) w->lat.scratch = scratch;
    if (!obs || !emit || !back || !path || !col || !fbuf || !e || !alpha || !beta || !c || !spans || !scratch)
        return -1;
    w->cap = cap;
    w->lat.L = L;
    w->lat.S = S;
    return 0;
}

void tg_work_free(tg_work *w)
{
    free(w->obs);
    free(w->emit);
    free(w->back);
    free(w->path);
    free(w->col);
    free(w->fbuf);
    free(w->lat.e);
    free(w->lat.alpha);
    free(w->lat.beta);
    free(w->lat.c);
    free(w->lat.scratch);
    free(w->spans);
    free(w->A);
    free(w->tm);
    memset(w, 0, sizeof *w);
}

size_t tg_spans_of(const tg_model *m, const uint32_t *path, size_t n, tg_span *out)
{
    size_t count = 0;
    int open = 0;
    for (size_t i = 0; i <= n; i++) {
        uint32_t y = i < n ? path[i] : 0;
        int kind = m->kind[y];
        int cont = open && kind == TG_I && out[count - 1].type == m->type[y];
        if (open && !cont) {
            out[count - 1].end = i;
            open = 0;
        }
        if (kind == TG_B || (kind == TG_I && !cont)) {
            out[count++] = (tg_span){ i, i + 1, m->type[y], 1.0 };
            open = 1;
        }
    }
    return count;
}

/* The B- and I- labels of a type. */
static void labels_of(const tg_model *m, uint32_t type, uint32_t *b, uint32_t *i)
{
    *b = *i = 0;
    for (uint32_t y = 1; y < m->n_labels; y++) {
        if (m->type[y] != type) continue;
        if (m->kind[y] == TG_B) *b = y;
        else *i = y;
    }
}

int tg_tag_sentence(const tg_model *m, const char *text, const tg_token *tok, size_t n, const char *key,
                    size_t keylen, const size_t *map, double T, int want_conf, tg_work *w)
{
    w->n_spans = 0;
    if (n == 0) return 0;
    if (reserve(w, m, n) < 0) return -1;
    tg_obs *obs = w->obs + TG_OBS_PAD;
    if (tg_observe(text, tok, n, key, keylen, map, m->gaz.size ? &m->gaz : NULL, m->tpl.needs, obs) < 0) return -1;
    tg_model_emissions(m, obs, n, w->fbuf, w->emit);
    if (!w->tm || w->A_model != m) {
        free(w->tm);
        free(w->A);
        w->A = NULL;
        w->A_model = m;
        if (!(w->tm = malloc((size_t)(m->n_labels + 1) * w->lat.S * sizeof *w->tm))) return -1;
        tg_trans_masked(m->trans, m->allowed, m->n_labels, w->tm);
    }
    tg_viterbi(w->emit, n, m->n_labels, w->tm, w->back, w->col, w->path);
    w->n_spans = tg_spans_of(m, w->path, n, w->spans);
    if (!want_conf || w->n_spans == 0) return 0;
    if (!w->A || w->A_T != T) {
        free(w->A);
        w->A = tg_trans_exp(m->trans, m->allowed, m->n_labels, T);
        if (!w->A) return -1;
        w->A_T = T;
    }
    w->lat.n = n;
    w->lat.A = w->A;
    tg_forward_backward(&w->lat, w->emit, T);
    for (size_t k = 0; k < w->n_spans; k++) {
        tg_span *s = &w->spans[k];
        uint32_t b, i;
        labels_of(m, s->type, &b, &i);
        s->confidence = tg_span_prob(&w->lat, s->start, s->end - 1, b, i);
    }
    return 0;
}
