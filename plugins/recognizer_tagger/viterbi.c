/*
 * viterbi.c — the highest-scoring label sequence of a sentence under a
 * first-order model: score(y) = sum_t trans[y(t-1)][y(t)] + emit[t][y(t)],
 * with y(-1) the start row; transitions that allowed[] forbids (an I- label
 * that continues nothing, in IOB2) are never taken.  Ties go to the lower
 * label index, so decoding is deterministic.
 */
#include <math.h>

#include "tagger.h"

double tg_viterbi(const float *emit, size_t n, uint32_t L, const float *trans, const uint8_t *allowed,
                  uint32_t *work, double *col, uint32_t *path)
{
    if (n == 0) return 0.0;
    double *prev = col, *cur = col + L;
    const float *start = trans + (size_t)L * L;
    const uint8_t *start_ok = allowed + (size_t)L * L;
    for (uint32_t j = 0; j < L; j++) prev[j] = start_ok[j] ? (double)start[j] + emit[j] : -HUGE_VAL;
    for (size_t t = 1; t < n; t++) {
        const float *e = emit + t * L;
        uint32_t *back = work + t * L;
        for (uint32_t j = 0; j < L; j++) {
            double best = -HUGE_VAL;
            uint32_t arg = 0;
            for (uint32_t i = 0; i < L; i++) {
                if (!allowed[(size_t)i * L + j] || prev[i] == -HUGE_VAL) continue;
                double s = prev[i] + trans[(size_t)i * L + j];
                if (s > best) { best = s; arg = i; }
            }
            cur[j] = best == -HUGE_VAL ? best : best + e[j];
            back[j] = arg;
        }
        double *tmp = prev;
        prev = cur;
        cur = tmp;
    }
    uint32_t arg = 0;
    for (uint32_t j = 1; j < L; j++)
        if (prev[j] > prev[arg]) arg = j;
    double score = prev[arg];
    path[n - 1] = arg;
    for (size_t t = n - 1; t > 0; t--) path[t - 1] = work[t * L + path[t]];
    return score;
}
