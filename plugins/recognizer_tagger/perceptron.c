/*
 * perceptron.c — the structured averaged perceptron (M. Collins, "Discriminative
 * training methods for hidden Markov models: theory and experiments with
 * perceptron algorithms", EMNLP 2002).
 *
 * For each training sentence: decode with the current weights (Viterbi under
 * the IOB2 constraints); where the best path differs from the gold one, add
 * 1 to the gold path's features and transitions and subtract 1 from the
 * predicted path's.  The weights returned are the average over every
 * sentence visit, w_avg = (1/N) sum over visits k of w after visit k (Collins'
 * definition), kept cheaply with Daumé's trick: an update at visit c adds
 * (c - 1) * update to u, and the average after N visits is w - u / N.
 *
 * Averaging is the regulariser (it damps weights that flip late); the
 * feature count cut-off of train.c is the other one.  There is no learning
 * rate: the perceptron is invariant to scaling.
 */
#include <stdlib.h>
#include <string.h>

#include "tagger.h"

int tg_perceptron_init(tg_perceptron *p, size_t n_rows, uint32_t L, const uint8_t *allowed)
{
    memset(p, 0, sizeof *p);
    p->L = L;
    p->n_rows = n_rows;
    p->allowed = allowed;
    p->c = 1;
    size_t nw = (n_rows ? n_rows : 1) * L, nt = (size_t)(L + 1) * L;
    p->w = calloc(nw, sizeof *p->w);
    p->u = calloc(nw, sizeof *p->u);
    p->t = calloc(nt, sizeof *p->t);
    p->tu = calloc(nt, sizeof *p->tu);
    if (!p->w || !p->u || !p->t || !p->tu) {
        tg_perceptron_free(p);
        return -1;
    }
    return 0;
}

void tg_perceptron_free(tg_perceptron *p)
{
    free(p->w);
    free(p->u);
    free(p->t);
    free(p->tu);
    memset(p, 0, sizeof *p);
}

static void update_features(tg_perceptron *p, const tg_trainset *ts, size_t tok, uint32_t y, double delta)
{
    double cd = delta * (double)(p->c - 1);
    for (size_t k = ts->feat[tok]; k < ts->feat[tok + 1]; k++) {
        size_t at = (size_t)ts->feats[k] * p->L + y;
        p->w[at] += delta;
        p->u[at] += cd;
    }
}

static void update_transition(tg_perceptron *p, uint32_t from, uint32_t to, double delta)
{
    size_t at = (size_t)from * p->L + to;
    p->t[at] += delta;
    p->tu[at] += delta * (double)(p->c - 1);
}

long tg_perceptron_epoch(tg_perceptron *p, const tg_trainset *ts, const size_t *order)
{
    uint32_t L = p->L;
    size_t maxn = 0;
    for (size_t k = 0; k < ts->n_sent; k++)
        if (ts->tok[k + 1] - ts->tok[k] > maxn) maxn = ts->tok[k + 1] - ts->tok[k];
    float *emit = malloc((maxn ? maxn : 1) * L * sizeof *emit);
    float *trans = malloc((size_t)(L + 1) * L * sizeof *trans);
    uint32_t *back = malloc((maxn ? maxn : 1) * ((L + 3) & ~3u) * sizeof *back);
    uint32_t *path = malloc((maxn ? maxn : 1) * sizeof *path);
    uint32_t S = (L + 3) & ~3u;
    float *col = malloc(2 * S * sizeof *col), *masked = malloc((size_t)(L + 1) * S * sizeof *masked);
    double *acc = malloc(L * sizeof *acc);
    long mistakes = -1;
    if (!emit || !trans || !back || !path || !col || !masked || !acc) goto out;
    mistakes = 0;
    for (size_t oi = 0; oi < ts->n_sent; oi++) {
        size_t k = order[oi], a = ts->tok[k], n = ts->tok[k + 1] - a;
        for (size_t i = 0; i < (size_t)(L + 1) * L; i++) trans[i] = (float)p->t[i];
        tg_trans_masked(trans, p->allowed, L, masked);
        for (size_t t = 0; t < n; t++) {
            for (uint32_t j = 0; j < L; j++) acc[j] = 0;
            for (size_t f = ts->feat[a + t]; f < ts->feat[a + t + 1]; f++) {
                const double *row = p->w + (size_t)ts->feats[f] * L;
                for (uint32_t j = 0; j < L; j++) acc[j] += row[j];
            }
            for (uint32_t j = 0; j < L; j++) emit[t * L + j] = (float)acc[j];
        }
        tg_viterbi(emit, n, L, masked, back, col, path);
        const uint32_t *gold = ts->gold + a;
        int wrong = 0;
        for (size_t t = 0; t < n; t++) {
            uint32_t gp = t ? gold[t - 1] : L, pp = t ? path[t - 1] : L;
            if (gold[t] != path[t]) {
                update_features(p, ts, a + t, gold[t], 1.0);
                update_features(p, ts, a + t, path[t], -1.0);
                wrong = 1;
            }
            if (gp != pp || gold[t] != path[t]) {
                update_transition(p, gp, gold[t], 1.0);
                update_transition(p, pp, path[t], -1.0);
            }
        }
        mistakes += wrong;
        p->c++;
    }
out:
    free(emit);
    free(trans);
    free(back);
    free(path);
    free(col);
    free(masked);
    free(acc);
    return mistakes;
}

void tg_perceptron_average(const tg_perceptron *p, float *w, float *trans)
{
    double c = p->c > 1 ? (double)(p->c - 1) : 1.0; /* visits so far */
    for (size_t i = 0; i < p->n_rows * p->L; i++) w[i] = (float)(p->w[i] - p->u[i] / c);
    for (size_t i = 0; i < (size_t)(p->L + 1) * p->L; i++) trans[i] = (float)(p->t[i] - p->tu[i] / c);
}
