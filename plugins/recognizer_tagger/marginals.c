/*
 * marginals.c — confidences from forward-backward.
 *
 * The tagger's scores define a distribution over label sequences,
 * p(y) = exp(score(y) / T) / Z over the allowed sequences (the CRF form, with
 * the perceptron's weights and a temperature T fitted on the dev set at
 * training).  A span's confidence is the exact marginal probability of that
 * span: label B-X at s, I-X up to e, and anything but I-X after e.
 * Computed in scaled probability space (Rabiner 1989): each row is divided
 * by its sum c[t], emissions are taken relative to their row maximum and
 * transitions relative to their maximum, so nothing overflows; single
 * precision, four labels at a time (rows padded to S floats, padding 0).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tagger.h"

typedef float v4f __attribute__((vector_size(16), aligned(4), may_alias));

float *tg_trans_exp(const float *trans, const uint8_t *allowed, uint32_t L, double T)
{
    uint32_t S = (L + 3) & ~3u;
    float *A = calloc((size_t)(L + 1) * S, sizeof *A);
    if (!A) return NULL;
    double tmax = -HUGE_VAL;
    for (size_t k = 0; k < (size_t)(L + 1) * L; k++)
        if (allowed[k] && trans[k] > tmax) tmax = trans[k];
    for (uint32_t i = 0; i <= L; i++)
        for (uint32_t j = 0; j < L; j++) {
            size_t k = (size_t)i * L + j;
            A[(size_t)i * S + j] = allowed[k] ? (float)exp(((double)trans[k] - tmax) / T) : 0.0f;
        }
    return A;
}

static float hsum(const float *x, uint32_t S)
{
    v4f acc = { 0 };
    for (uint32_t v = 0; v < S; v += 4) acc += *(const v4f *)(x + v);
    return acc[0] + acc[1] + acc[2] + acc[3];
}

void tg_forward_backward(tg_lattice *lat, const float *emit, double T)
{
    size_t n = lat->n;
    uint32_t L = lat->L, S = lat->S;
    const float *A = lat->A, *start = A + (size_t)L * S;
    for (size_t t = 0; t < n; t++) {
        const float *e = emit + t * L;
        float *et = lat->e + t * S;
        float m = e[0], invT = (float)(1.0 / T);
        for (uint32_t j = 1; j < L; j++)
            if (e[j] > m) m = e[j];
        for (uint32_t j = 0; j < L; j++) et[j] = expf((e[j] - m) * invT);
        for (uint32_t j = L; j < S; j++) et[j] = 0.0f;
    }
    /* forward: alpha[t] = (sum_i alpha[t-1][i] A[i]) * e[t], scaled */
    for (uint32_t v = 0; v < S; v += 4)
        *(v4f *)(lat->alpha + v) = *(const v4f *)(start + v) * *(const v4f *)(lat->e + v);
    for (size_t t = 0; t < n; t++) {
        float *a = lat->alpha + t * S;
        if (t > 0) {
            const float *ap = a - S;
            for (uint32_t v = 0; v < S; v += 4) *(v4f *)(a + v) = (v4f){ 0, 0, 0, 0 };
            for (uint32_t i = 0; i < L; i++) {
                float ai = ap[i];
                if (ai == 0.0f) continue;
                const float *Ai = A + (size_t)i * S;
                for (uint32_t v = 0; v < S; v += 4) *(v4f *)(a + v) += ai * *(const v4f *)(Ai + v);
            }
            for (uint32_t v = 0; v < S; v += 4) *(v4f *)(a + v) *= *(const v4f *)(lat->e + t * S + v);
        }
        float sum = hsum(a, S);
        lat->c[t] = sum > 1e-30f ? sum : 1e-30f;
        float inv = 1.0f / lat->c[t];
        for (uint32_t v = 0; v < S; v += 4) *(v4f *)(a + v) *= inv;
    }
    /* backward: beta[t-1][i] = A[i] . (e[t] * beta[t]) / c[t] */
    float *eb = lat->scratch, *last = lat->beta + (n - 1) * S;
    for (uint32_t j = 0; j < S; j++) last[j] = j < L ? 1.0f : 0.0f;
    for (size_t t = n - 1; t > 0; t--) {
        const float *bn = lat->beta + t * S, *en = lat->e + t * S;
        float *b = lat->beta + (t - 1) * S, inv = 1.0f / lat->c[t];
        for (uint32_t v = 0; v < S; v += 4) *(v4f *)(eb + v) = *(const v4f *)(en + v) * *(const v4f *)(bn + v);
        for (uint32_t i = 0; i < L; i++) {
            const float *Ai = A + (size_t)i * S;
            v4f acc = { 0 };
            for (uint32_t v = 0; v < S; v += 4) acc += *(const v4f *)(Ai + v) * *(const v4f *)(eb + v);
            b[i] = (acc[0] + acc[1] + acc[2] + acc[3]) * inv;
        }
        for (uint32_t j = L; j < S; j++) b[j] = 0.0f;
    }
}

double tg_span_prob(const tg_lattice *lat, size_t s, size_t e, uint32_t b, uint32_t i)
{
    uint32_t L = lat->L, S = lat->S;
    const float *A = lat->A;
    double p = lat->alpha[s * S + b];
    uint32_t prev = b;
    for (size_t k = s + 1; k <= e; k++) {
        p *= (double)A[(size_t)prev * S + i] * lat->e[k * S + i] / lat->c[k];
        prev = i;
    }
    if (e + 1 < lat->n) {
        double tail = 0;
        for (uint32_t j = 0; j < L; j++)
            if (j != i) tail += (double)A[(size_t)prev * S + j] * lat->e[(e + 1) * S + j] * lat->beta[(e + 1) * S + j];
        p *= tail / lat->c[e + 1];
    }
    if (p < 0) p = 0;
    if (p > 1) p = 1;
    return p;
}
