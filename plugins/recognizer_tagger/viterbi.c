/*
 * viterbi.c — the highest-scoring label sequence of a sentence under a
 * first-order model: score(y) = sum_t trans[y(t-1)][y(t)] + emit[t][y(t)],
 * with y(-1) the start row.  Transitions that the label set forbids (an I-
 * label that continues nothing, in IOB2) are -infinity in the masked matrix
 * (tg_trans_masked), so they are never taken.  Ties go to the lower label
 * index, so decoding is deterministic.  Four labels at a time: rows padded
 * to S = L rounded up to 4.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tagger.h"

typedef float v4f __attribute__((vector_size(16), aligned(4), may_alias));
typedef int32_t v4i __attribute__((vector_size(16), aligned(4), may_alias));

void tg_trans_masked(const float *trans, const uint8_t *allowed, uint32_t L, float *out)
{
    uint32_t S = (L + 3) & ~3u;
    for (uint32_t i = 0; i <= L; i++)
        for (uint32_t j = 0; j < S; j++) {
            size_t k = (size_t)i * L + j;
            out[(size_t)i * S + j] = j < L && allowed[k] ? trans[k] : -INFINITY;
        }
}

float tg_viterbi(const float *emit, size_t n, uint32_t L, const float *tm, uint32_t *work, float *col,
                 uint32_t *path)
{
    if (n == 0) return 0.0f;
    uint32_t S = (L + 3) & ~3u;
    float *prev = col, *cur = col + S;
    const float *start = tm + (size_t)L * S;
    for (uint32_t j = 0; j < S; j++) prev[j] = j < L ? start[j] + emit[j] : -INFINITY;
    for (size_t t = 1; t < n; t++) {
        const float *e = emit + t * L;
        for (uint32_t v = 0; v < S; v += 4) {
            v4f best = { -INFINITY, -INFINITY, -INFINITY, -INFINITY };
            v4i barg = { 0, 0, 0, 0 };
            for (uint32_t i = 0; i < L; i++) {
                v4f s = prev[i] + *(const v4f *)(tm + (size_t)i * S + v);
                v4i better = s > best; /* strict: the lower index keeps a tie */
                best = (v4f)(((v4i)s & better) | ((v4i)best & ~better));
                barg = ((v4i){ (int32_t)i, (int32_t)i, (int32_t)i, (int32_t)i } & better) | (barg & ~better);
            }
            *(v4f *)(cur + v) = best;
            *(v4i *)(work + t * S + v) = barg;
        }
        for (uint32_t j = 0; j < L; j++) cur[j] += e[j];
        float *tmp = prev;
        prev = cur;
        cur = tmp;
    }
    uint32_t best = 0;
    for (uint32_t j = 1; j < L; j++)
        if (prev[j] > prev[best]) best = j;
    float score = prev[best];
    path[n - 1] = best;
    for (size_t t = n - 1; t > 0; t--) path[t - 1] = work[t * S + path[t]];
    return score;
}
