/*
 * train.c — from annotated sentences to a model.
 *
 *  1. labels: O, then B-/I- of every type in the training data, by name;
 *  2. features: each sentence goes through the tagger's own observation and
 *     template code (observe.c, templates.c); features seen fewer than
 *     min_count times are dropped, the others numbered in order of first
 *     appearance;
 *  3. epochs of the averaged perceptron over the sentences in an order
 *     shuffled by the seed; after each, with a dev set, the averaged model
 *     tags it through the same code as the plugin and its F1 is printed;
 *     the best epoch's weights are kept and training stops after `patience`
 *     epochs without a better one;
 *  4. the confidence temperature: with a dev set, the one of a fixed grid
 *     whose span confidences have the lowest Brier score against the dev
 *     spans' correctness; else 1.
 *
 * Everything depends only on the data, the options and the seed: two runs
 * write identical model bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <docpipe/docpipe.h>

#include "tagger.h"
#include "vi/vi_text.h"

/* A growable open-addressing map from feature hash to (count, row). */
typedef struct fmap {
    uint64_t *keys;
    uint32_t *count, *row;
    size_t size, used;
} fmap;

static int fmap_grow(fmap *m)
{
    size_t ns = m->size ? m->size * 2 : 1 << 16;
    uint64_t *k = calloc(ns, sizeof *k);
    uint32_t *c = calloc(ns, sizeof *c), *r = calloc(ns, sizeof *r);
    if (!k || !c || !r) { free(k); free(c); free(r); return -1; }
    for (size_t i = 0; i < m->size; i++) {
        if (!m->count[i]) continue;
        size_t s = m->keys[i] & (ns - 1);
        while (c[s]) s = (s + 1) & (ns - 1);
        k[s] = m->keys[i];
        c[s] = m->count[i];
        r[s] = m->row[i];
    }
    free(m->keys); free(m->count); free(m->row);
    m->keys = k; m->count = c; m->row = r; m->size = ns;
    return 0;
}

/* The slot of key, inserted with count 0 when new; SIZE_MAX on exhausted memory. */
static size_t fmap_slot(fmap *m, uint64_t key)
{
    if (2 * (m->used + 1) > m->size && fmap_grow(m) < 0) return SIZE_MAX;
    size_t s = key & (m->size - 1);
    while (m->count[s] && m->keys[s] != key) s = (s + 1) & (m->size - 1);
    if (!m->count[s]) {
        m->keys[s] = key;
        m->row[s] = UINT32_MAX;
        m->used++;
    }
    return s;
}

static void fmap_free(fmap *m)
{
    free(m->keys); free(m->count); free(m->row);
    memset(m, 0, sizeof *m);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Labels O, B-T, I-T for the sorted types of the corpus. */
static int make_labels(const tg_corpus *c, tg_model *m)
{
    char **types = NULL;
    size_t n = 0, cap = 0;
    int rc = -1;
    for (size_t t = 0; t < c->n_tok; t++) {
        const char *tag = c->tag[t];
        if (!strcmp(tag, "O")) continue;
        size_t k = 0;
        while (k < n && strcmp(types[k], tag + 2)) k++;
        if (k < n) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            char **nt = realloc(types, cap * sizeof *nt);
            if (!nt) goto out;
            types = nt;
        }
        types[n++] = (char *)(tag + 2);
    }
    if (n) qsort(types, n, sizeof *types, cmp_str);
    {
        char **labels = calloc(2 * n + 1, sizeof *labels);
        if (!labels) goto out;
        labels[0] = "O";
        size_t made = 1;
        for (size_t k = 0; k < n; k++) {
            size_t l = strlen(types[k]) + 3;
            labels[made] = malloc(l);
            labels[made + 1] = malloc(l);
            if (!labels[made] || !labels[made + 1]) { made += 2; goto free_labels; }
            snprintf(labels[made], l, "B-%s", types[k]);
            snprintf(labels[made + 1], l, "I-%s", types[k]);
            made += 2;
        }
        rc = tg_model_set_labels(m, (const char *const *)labels, (uint32_t)made);
    free_labels:
        for (size_t k = 1; k < 2 * n + 1; k++) free(labels[k]);
        free(labels);
    }
out:
    free(types);
    return rc;
}

static uint32_t label_index(const tg_model *m, const char *tag)
{
    for (uint32_t y = 0; y < m->n_labels; y++)
        if (!strcmp(m->labels[y], tag)) return y;
    return 0; /* a type unseen in training (dev only) scores as O */
}

/* Feature hashes of every token of the corpus: hashes[off[t] .. off[t+1]). */
typedef struct corpus_feats {
    uint64_t *hashes;
    size_t *off; /* n_tok + 1 */
    size_t n, cap;
} corpus_feats;

static int observe_corpus(const tg_corpus *c, const tg_featset *fs, corpus_feats *cf)
{
    memset(cf, 0, sizeof *cf);
    cf->off = malloc((c->n_tok + 1) * sizeof *cf->off);
    size_t fmax = tg_features_max(&fs->tpl);
    uint64_t *fbuf = malloc(fmax * sizeof *fbuf);
    tg_tokens toks = { 0 };
    tg_obs *obs = NULL;
    size_t obs_cap = 0;
    int rc = -1;
    if (!cf->off || !fbuf) goto out;
    cf->off[0] = 0;
    for (size_t k = 0; k < c->n_sent; k++) {
        char *text;
        size_t len, klen, *map = NULL;
        if (tg_corpus_sentence(c, k, &text, &len, &toks) < 0) goto out;
        char *key = dp_text_match_key(text, len, &vi_text_rules, &klen, &map);
        if (!key) { free(text); goto out; }
        if (toks.n > obs_cap) {
            tg_obs *no = realloc(obs, (toks.n + 2 * TG_OBS_PAD) * sizeof *no);
            if (!no) { free(text); free(key); free(map); goto out; }
            obs = no;
            obs_cap = toks.n;
        }
        int orc = tg_observe(text, toks.v, toks.n, key, klen, map, fs->gaz.size ? &fs->gaz : NULL, fs->tpl.needs,
                             obs + TG_OBS_PAD);
        free(text); free(key); free(map);
        if (orc < 0) goto out;
        for (size_t i = 0; i < toks.n; i++) {
            size_t nf = tg_features(&fs->tpl, obs + TG_OBS_PAD, toks.n, i, fbuf, fmax);
            if (cf->n + nf > cf->cap) {
                size_t nc = cf->cap ? cf->cap * 2 : 1 << 20;
                while (nc < cf->n + nf) nc *= 2;
                uint64_t *nh = realloc(cf->hashes, nc * sizeof *nh);
                if (!nh) goto out;
                cf->hashes = nh;
                cf->cap = nc;
            }
            memcpy(cf->hashes + cf->n, fbuf, nf * sizeof *fbuf);
            cf->n += nf;
            cf->off[c->sent[k] + i + 1] = cf->n;
        }
    }
    rc = 0;
out:
    free(fbuf);
    free(obs);
    tg_tokens_free(&toks);
    if (rc < 0) { free(cf->hashes); free(cf->off); memset(cf, 0, sizeof *cf); }
    return rc;
}

/* Brier score of the span confidences of the dev set's predicted spans at temperature T. */
static double brier(const tg_model *m, const tg_corpus *dev, double T, size_t *n_spans)
{
    tg_work w = { 0 };
    tg_tokens toks = { 0 };
    double sum = 0;
    size_t count = 0;
    for (size_t k = 0; k < dev->n_sent; k++) {
        char *text;
        size_t len, klen, *map = NULL;
        if (tg_corpus_sentence(dev, k, &text, &len, &toks) < 0) break;
        char *key = dp_text_match_key(text, len, &vi_text_rules, &klen, &map);
        int trc = key ? tg_tag_sentence(m, text, toks.v, toks.n, key, klen, map, T, 1, &w) : -1;
        free(text); free(key); free(map);
        if (trc < 0) break;
        const char *const *gold = (const char *const *)(dev->tag + dev->sent[k]);
        for (size_t s = 0; s < w.n_spans; s++) {
            const tg_span *sp = &w.spans[s];
            const char *type = m->types[sp->type];
            size_t tl = strlen(type);
            int ok = gold[sp->start][0] == 'B' && !strcmp(gold[sp->start] + 2, type) &&
                     (sp->end == toks.n || strncmp(gold[sp->end], "I-", 2) || strcmp(gold[sp->end] + 2, type));
            for (size_t i = sp->start + 1; ok && i < sp->end; i++)
                ok = gold[i][0] == 'I' && !strncmp(gold[i] + 2, type, tl) && !gold[i][2 + tl];
            double d = sp->confidence - (ok ? 1.0 : 0.0);
            sum += d * d;
            count++;
        }
    }
    tg_work_free(&w);
    tg_tokens_free(&toks);
    *n_spans = count;
    return count ? sum / (double)count : 0.0;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

int tg_train(const tg_corpus *train, const tg_corpus *dev, tg_featset *fs, const tg_train_opts *o,
             tg_model *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    corpus_feats cf = { 0 };
    fmap fm = { 0 };
    tg_trainset ts = { 0 };
    tg_perceptron p = { 0 };
    uint64_t *row_keys = NULL;
    float *avg_w = NULL, *avg_t = NULL, *best_w = NULL, *best_t = NULL;
    size_t *order = NULL;
    int rc = -1;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);

    if (train->n_sent == 0) { snprintf(err, errlen, "no training sentences"); goto out; }
    if (make_labels(train, out) < 0) { snprintf(err, errlen, "cannot build the label set (out of memory?)"); goto out; }
    out->template_hash = tg_featset_hash(fs);
    out->tpl = fs->tpl;
    out->gaz = fs->gaz;
    memset(fs, 0, sizeof *fs); /* moved into the model */
    tg_featset view = { .tpl = out->tpl, .gaz = out->gaz };

    if (observe_corpus(train, &view, &cf) < 0) { snprintf(err, errlen, "out of memory"); goto out; }
    for (size_t i = 0; i < cf.n; i++) {
        size_t s = fmap_slot(&fm, cf.hashes[i]);
        if (s == SIZE_MAX) { snprintf(err, errlen, "out of memory"); goto out; }
        if (fm.count[s] < UINT32_MAX) fm.count[s]++;
    }
    size_t n_rows = 0;
    row_keys = malloc((fm.used ? fm.used : 1) * sizeof *row_keys);
    ts.feats = malloc((cf.n ? cf.n : 1) * sizeof *ts.feats);
    ts.feat = malloc((train->n_tok + 1) * sizeof *ts.feat);
    ts.gold = malloc((train->n_tok ? train->n_tok : 1) * sizeof *ts.gold);
    ts.tok = malloc((train->n_sent + 1) * sizeof *ts.tok);
    if (!row_keys || !ts.feats || !ts.feat || !ts.gold || !ts.tok) { snprintf(err, errlen, "out of memory"); goto out; }
    size_t nf = 0;
    unsigned min_count = o->min_count ? o->min_count : 1;
    for (size_t t = 0; t < train->n_tok; t++) {
        ts.feat[t] = nf;
        for (size_t i = cf.off[t]; i < cf.off[t + 1]; i++) {
            size_t s = fmap_slot(&fm, cf.hashes[i]);
            if (fm.count[s] < min_count) continue;
            if (fm.row[s] == UINT32_MAX) {
                fm.row[s] = (uint32_t)n_rows;
                row_keys[n_rows++] = cf.hashes[i];
            }
            ts.feats[nf++] = fm.row[s];
        }
        ts.gold[t] = label_index(out, train->tag[t]);
    }
    ts.feat[train->n_tok] = nf;
    memcpy(ts.tok, train->sent, (train->n_sent + 1) * sizeof *ts.tok);
    ts.n_sent = train->n_sent;
    free(cf.hashes); free(cf.off); memset(&cf, 0, sizeof cf);
    fmap_free(&fm);
    if (o->log)
        fprintf(o->log, "docpipe-train: %zu sentences, %zu tokens, %u labels, %zu features (seen >= %u times)\n",
                train->n_sent, train->n_tok, out->n_labels, n_rows, min_count);

    uint32_t L = out->n_labels;
    size_t tn = (size_t)(L + 1) * L;
    if (tg_perceptron_init(&p, n_rows, L, out->allowed) < 0 ||
        !(avg_w = malloc((n_rows ? n_rows : 1) * L * sizeof *avg_w)) || !(avg_t = malloc(tn * sizeof *avg_t)) ||
        !(order = malloc(train->n_sent * sizeof *order))) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    for (size_t k = 0; k < train->n_sent; k++) order[k] = k;
    uint64_t rng = o->seed;
    double best_f1 = -1;
    unsigned best_epoch = 0, since_best = 0, epochs = o->iterations ? o->iterations : 20, done = 0;
    for (unsigned ep = 1; ep <= epochs; ep++) {
        for (size_t k = train->n_sent; k > 1; k--) {
            size_t j = (size_t)(tg_rand(&rng) % k), tmp = order[k - 1];
            order[k - 1] = order[j];
            order[j] = tmp;
        }
        long mistakes = tg_perceptron_epoch(&p, &ts, order);
        if (mistakes < 0) { snprintf(err, errlen, "out of memory"); goto out; }
        done = ep;
        if (!dev) {
            if (o->log)
                fprintf(o->log, "epoch %2u/%u  sentences with a mistake %ld/%zu  (%.1f s)\n", ep, epochs, mistakes,
                        train->n_sent, seconds_since(&t0));
            if (mistakes == 0) break; /* separable and separated: further epochs change nothing */
            continue;
        }
        tg_perceptron_average(&p, avg_w, avg_t);
        if (tg_model_set_weights(out, row_keys, avg_w, n_rows, avg_t) < 0) { snprintf(err, errlen, "out of memory"); goto out; }
        out->temperature = 1.0f;
        tg_scores sc = { 0 };
        if (tg_evaluate(out, dev, 0, dev->n_sent, &sc, NULL) < 0) { tg_scores_free(&sc); snprintf(err, errlen, "out of memory"); goto out; }
        uint64_t g, pr, tp;
        tg_scores_total(&sc, &g, &pr, &tp);
        tg_scores_free(&sc);
        double f1 = tg_f1(g, pr, tp);
        if (o->log)
            fprintf(o->log, "epoch %2u/%u  sentences with a mistake %ld/%zu  dev P %.3f R %.3f F1 %.3f%s  (%.1f s)\n", ep,
                    epochs, mistakes, train->n_sent, pr ? (double)tp / (double)pr : 0.0,
                    g ? (double)tp / (double)g : 0.0, f1, f1 > best_f1 ? " *" : "", seconds_since(&t0));
        if (f1 > best_f1) {
            best_f1 = f1;
            best_epoch = ep;
            since_best = 0;
            if (!best_w && (!(best_w = malloc((n_rows ? n_rows : 1) * L * sizeof *best_w)) ||
                            !(best_t = malloc(tn * sizeof *best_t)))) {
                snprintf(err, errlen, "out of memory");
                goto out;
            }
            memcpy(best_w, avg_w, n_rows * L * sizeof *best_w);
            memcpy(best_t, avg_t, tn * sizeof *best_t);
        } else if (++since_best >= (o->patience ? o->patience : 3)) {
            if (o->log) fprintf(o->log, "no better dev F1 for %u epochs: stopping, keeping epoch %u\n", since_best, best_epoch);
            break;
        }
        if (mistakes == 0) break;
    }
    if (!dev) {
        tg_perceptron_average(&p, avg_w, avg_t);
        best_w = avg_w;
        best_t = avg_t;
        avg_w = avg_t = NULL;
        best_epoch = done;
    }
    if (tg_model_set_weights(out, row_keys, best_w, n_rows, best_t) < 0) { snprintf(err, errlen, "out of memory"); goto out; }
    out->temperature = 1.0f;
    double best_T = 1.0;
    if (dev) {
        static const double grid[] = { 0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128 };
        double best_b = 2;
        for (size_t g = 0; g < sizeof grid / sizeof grid[0]; g++) {
            size_t ns;
            double b = brier(out, dev, grid[g], &ns);
            if (ns && b < best_b) { best_b = b; best_T = grid[g]; }
        }
        if (o->log) fprintf(o->log, "confidence temperature %g (Brier score %.4f on the dev spans)\n", best_T, best_b);
    }
    out->temperature = (float)best_T;
    char info[512];
    if (dev)
        snprintf(info, sizeof info,
                 "averaged perceptron; %zu sentences, %zu tokens; %zu features (min count %u), %llu with weights; "
                 "epoch %u of %u run (best dev F1 %.4f on %zu sentences); seed %llu; temperature %g",
                 train->n_sent, train->n_tok, n_rows, min_count, (unsigned long long)out->n_rows, best_epoch, done,
                 best_f1, dev->n_sent, (unsigned long long)o->seed, best_T);
    else
        snprintf(info, sizeof info,
                 "averaged perceptron; %zu sentences, %zu tokens; %zu features (min count %u), %llu with weights; "
                 "%u epochs; seed %llu; no dev set",
                 train->n_sent, train->n_tok, n_rows, min_count, (unsigned long long)out->n_rows, done,
                 (unsigned long long)o->seed);
    if (!(out->info = strdup(info))) { snprintf(err, errlen, "out of memory"); goto out; }
    rc = 0;
out:
    free(cf.hashes); free(cf.off);
    fmap_free(&fm);
    free(ts.tok); free(ts.gold); free(ts.feat); free(ts.feats);
    tg_perceptron_free(&p);
    free(row_keys);
    free(avg_w); free(avg_t); free(best_w); free(best_t);
    free(order);
    if (rc < 0) tg_model_free(out);
    return rc;
}
