/*
 * Conflicts between recognizers are decided here and nowhere else.
 *
 * After the last recognizer of the chain the core drops the entities that
 * reach into text that is not prose (a URL, an e-mail address, a file name:
 * docpipe/nonprose.h) without covering it whole, so that no recognizer has
 * to skip those itself; then it sorts the entities and applies one policy:
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

static int by_span_then_quality(const void *pa, const void *pb)
{
    const dp_entity_rec *a = *(dp_entity_rec *const *)pa, *b = *(dp_entity_rec *const *)pb;
    if (a->pub.start != b->pub.start) return a->pub.start < b->pub.start ? -1 : 1;
    if (a->pub.end != b->pub.end) return a->pub.end < b->pub.end ? -1 : 1;
    int c = strcmp(a->pub.type, b->pub.type);
    if (c) return c;
    return by_quality(pa, pb);
}

/* "all": keep the best of each (span, type) group. */
static size_t keep_best_of_duplicates(dp_entity_rec **cand, size_t n, dp_entity_rec **kept)
{
    qsort(cand, n, sizeof *cand, by_span_then_quality);
    size_t nk = 0;
    for (size_t i = 0; i < n; i++) {
        const dp_entity_rec *prev = nk ? kept[nk - 1] : NULL;
        if (prev && prev->pub.start == cand[i]->pub.start && prev->pub.end == cand[i]->pub.end &&
            strcmp(prev->pub.type, cand[i]->pub.type) == 0)
            continue;
        kept[nk++] = cand[i];
    }
    return nk;
}

/*
 * "longest": greedy by quality; the accepted spans never overlap, so kept[]
 * stays sorted by start and by end, and a candidate is checked against its
 * two neighbours found by binary search: O(n log n) plus the insertions.
 */
static size_t keep_longest(dp_entity_rec **cand, size_t n, dp_entity_rec **kept)
{
    qsort(cand, n, sizeof *cand, by_quality);
    size_t nk = 0;
    for (size_t i = 0; i < n; i++) {
        size_t s = cand[i]->pub.start, e = cand[i]->pub.end;
        size_t lo = 0, hi = nk;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (kept[mid]->pub.start < s) lo = mid + 1; else hi = mid;
        }
        if (lo > 0 && kept[lo - 1]->pub.end > s) continue;
        if (lo < nk && kept[lo]->pub.start < e) continue;
        memmove(kept + lo + 1, kept + lo, (nk - lo) * sizeof *kept);
        kept[lo] = cand[i];
        nk++;
    }
    return nk;
}

static int outside_nonprose(const dp_entity *e, void *doc)
{
    return dp_doc_in_nonprose(doc, e->start, e->end) == DP_NONPROSE_NONE;
}

int dp_doc_entities_resolve(dp_doc *doc, int keep_overlaps)
{
    if (dp_doc_entity_count(doc) > 0) {
        size_t n_nonprose;
        if (!dp_doc_nonprose(doc, &n_nonprose)) { dp_doc_entities_sort(doc); return -1; }
        if (n_nonprose) dp_doc_entities_filter(doc, outside_nonprose, doc);
    }
    size_t n = dp_doc_entity_count(doc);
    if (n < 2) { dp_doc_entities_sort(doc); return 0; }
    dp_entity_rec **cand = malloc(n * sizeof *cand);
    dp_entity_rec **kept = malloc(n * sizeof *kept);
    if (!cand || !kept) { free(cand); free(kept); dp_doc_entities_sort(doc); return -1; }
    for (size_t i = 0; i < n; i++) cand[i] = (dp_entity_rec *)(void *)dp_doc_entity_at(doc, i);
    size_t nk = keep_overlaps ? keep_best_of_duplicates(cand, n, kept) : keep_longest(cand, n, kept);
    qsort(kept, nk, sizeof *kept, by_addr);
    struct keep_ctx ctx = { kept, nk };
    dp_doc_entities_filter(doc, in_kept, &ctx);
    free(cand);
    free(kept);
    dp_doc_entities_sort(doc);
    return 0;
}
