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
 * transitions relative to their maximum, so nothing overflows.
 */
#include <math.h>
#include <stdlib.h>

#include "tagger.h"

double *tg_trans_exp(const float *trans, const uint8_t *allowed, uint32_t L, double T)
{
    size_t n = (size_t)(L + 1) * L;
    double *A = malloc(n * sizeof *A);
    if (!A) return NULL;
    double tmax = -HUGE_VAL;
    for (size_t k = 0; k < n; k++)
        if (allowed[k] && trans[k] > tmax) tmax = trans[k];
    for (size_t k = 0; k < n; k++) A[k] = allowed[k] ? exp(((double)trans[k] - tmax) / T) : 0.0;
    return A;
}

void tg_forward_backward(tg_lattice *lat, const float *emit, double T)
{
    size_t n = lat->n;
    uint32_t L = lat->L;
    const double *A = lat->A, *start = A + (size_t)L * L;
    for (size_t t = 0; t < n; t++) {
        const float *e = emit + t * L;
        double m = e[0];
        for (uint32_t j = 1; j < L; j++)
            if (e[j] > m) m = e[j];
        for (uint32_t j = 0; j < L; j++) lat->e[t * L + j] = exp(((double)e[j] - m) / T);
    }
    /* forward */
    double sum = 0;
    for (uint32_t j = 0; j < L; j++) sum += lat->alpha[j] = start[j] * lat->e[j];
    lat->c[0] = sum > 0 ? sum : 1e-300;
    for (uint32_t j = 0; j < L; j++) lat->alpha[j] /= lat->c[0];
    for (size_t t = 1; t < n; t++) {
        const double *ap = lat->alpha + (t - 1) * L;
        double *a = lat->alpha + t * L;
        sum = 0;
        for (uint32_t j = 0; j < L; j++) {
            double s = 0;
            for (uint32_t i = 0; i < L; i++) s += ap[i] * A[(size_t)i * L + j];
            sum += a[j] = s * lat->e[t * L + j];
        }
        lat->c[t] = sum > 0 ? sum : 1e-300;
        for (uint32_t j = 0; j < L; j++) a[j] /= lat->c[t];
    }
    /* backward */
    for (uint32_t j = 0; j < L; j++) lat->beta[(n - 1) * L + j] = 1.0;
    for (size_t t = n - 1; t > 0; t--) {
        const double *bn = lat->beta + t * L, *en = lat->e + t * L;
        double *b = lat->beta + (t - 1) * L;
        for (uint32_t i = 0; i < L; i++) {
            double s = 0;
            for (uint32_t j = 0; j < L; j++) s += A[(size_t)i * L + j] * en[j] * bn[j];
            b[i] = s / lat->c[t];
        }
    }
}

double tg_span_prob(const tg_lattice *lat, size_t s, size_t e, uint32_t b, uint32_t i)
{
    uint32_t L = lat->L;
    const double *A = lat->A;
    double p = lat->alpha[s * L + b];
    uint32_t prev = b;
    for (size_t k = s + 1; k <= e; k++) {
        p *= A[(size_t)prev * L + i] * lat->e[k * L + i] / lat->c[k];
        prev = i;
    }
    if (e + 1 < lat->n) {
        double tail = 0;
        for (uint32_t j = 0; j < L; j++)
            if (j != i) tail += A[(size_t)prev * L + j] * lat->e[(e + 1) * L + j] * lat->beta[(e + 1) * L + j];
        p *= tail / lat->c[e + 1];
    } else {
        p *= lat->beta[e * L + prev] > 0 ? 1.0 : 0.0;
    }
    if (p < 0) p = 0;
    if (p > 1) p = 1;
    return p;
}
