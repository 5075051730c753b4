/*
 * Conflicts between recognizers are decided here and nowhere else.
 *
 * After the last recognizer of the chain the core sorts the entities and
 * applies one policy:
 *   - exact duplicates (same span, same type) keep the one with the higher
 *     confidence, then the one from the earlier instance;
 *   - "longest" (the default): of overlapping entities the longer span wins;
 *     equal lengths go to the higher confidence, then the earlier instance,
 *     then the earlier start.  A kept entity never overlaps another.
 *   - "all": overlaps are kept (nested annotations), only duplicates go.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct pick {
    size_t n;
    dp_entity_rec **v;
    unsigned char *keep;
};

static int better(const dp_entity_rec *a, const dp_entity_rec *b)
{
    size_t la = a->pub.end - a->pub.start, lb = b->pub.end - b->pub.start;
    if (la != lb) return la > lb;
    if (a->pub.confidence != b->pub.confidence) return a->pub.confidence > b->pub.confidence;
    if (a->rank != b->rank) return a->rank < b->rank;
    if (a->pub.start != b->pub.start) return a->pub.start < b->pub.start;
    return a->seq < b->seq;
}

static int by_quality(const void *pa, const void *pb)
{
    const dp_entity_rec *a = *(dp_entity_rec *const *)pa, *b = *(dp_entity_rec *const *)pb;
    if (better(a, b)) return -1;
    if (better(b, a)) return 1;
    return 0;
}

struct keep_ctx {
    dp_entity_rec **kept;
    size_t n;
};

static int in_kept(const dp_entity *e, void *vctx)
{
    struct keep_ctx *ctx = vctx;
    /* kept[] is sorted by address for bsearch. */
    size_t lo = 0, hi = ctx->n;
    const void *key = e;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const void *m = &ctx->kept[mid]->pub;
        if (m == key) return 1;
        if ((uintptr_t)m < (uintptr_t)key) lo = mid + 1; else hi = mid;
    }
    return 0;
}

static int by_addr(const void *pa, const void *pb)
{
    uintptr_t a = (uintptr_t)*(void *const *)pa, b = (uintptr_t)*(void *const *)pb;
    return a < b ? -1 : a > b;
}

static int overlaps(const dp_entity_rec *a, const dp_entity_rec *b)
{
    return a->pub.start < b->pub.end && b->pub.start < a->pub.end;
}

void dp_doc_entities_resolve(dp_doc *doc, int keep_overlaps)
{
    size_t n = dp_doc_entity_count(doc);
    if (n < 2) { dp_doc_entities_sort(doc); return; }
    dp_entity_rec **cand = malloc(n * sizeof *cand);
    dp_entity_rec **kept = malloc(n * sizeof *kept);
    if (!cand || !kept) { free(cand); free(kept); dp_doc_entities_sort(doc); return; }
    for (size_t i = 0; i < n; i++) cand[i] = (dp_entity_rec *)(void *)dp_doc_entity_at(doc, i);
    qsort(cand, n, sizeof *cand, by_quality);

    /* Greedy by quality: accept a candidate unless it conflicts with an
     * accepted one.  Quadratic in the worst case but documents carry few
     * hundred entities; accepted spans are few and checked linearly. */
    size_t nk = 0;
    for (size_t i = 0; i < n; i++) {
        int ok = 1;
        for (size_t j = 0; j < nk && ok; j++) {
            const dp_entity_rec *k = kept[j];
            if (keep_overlaps)
                ok = !(k->pub.start == cand[i]->pub.start && k->pub.end == cand[i]->pub.end &&
                       strcmp(k->pub.type, cand[i]->pub.type) == 0);
            else
                ok = !overlaps(k, cand[i]);
        }
        if (ok) kept[nk++] = cand[i];
    }
    qsort(kept, nk, sizeof *kept, by_addr);
    struct keep_ctx ctx = { kept, nk };
    dp_doc_entities_filter(doc, in_kept, &ctx);
    free(cand);
    free(kept);
    dp_doc_entities_sort(doc);
}
