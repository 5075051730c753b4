/*
 * evaluate.c — scoring taggings with the CoNLL span convention (as
 * conlleval and tests/eval/dp_eval.py conll): spans are read from IOB tags
 * (an I- tag that does not continue a span of its type starts one) and a
 * predicted span counts only when its start, end and type all match a gold
 * span.  Precision, recall and F1 per type, and micro-averaged overall.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "tagger.h"
#include "vi/vi_text.h"

typedef struct sspan {
    size_t start, end;
    const char *type;
    size_t tlen;
} sspan;

/* Spans of tags[0..n) into out (at most n); returns the count. */
static size_t read_spans(const char *const *tags, size_t n, sspan *out)
{
    size_t count = 0;
    int open = 0;
    for (size_t i = 0; i <= n; i++) {
        int kind = TG_O;
        const char *type = "";
        size_t tlen = 0;
        if (i < n && tg_tag_parse(tags[i], &kind, &type, &tlen) < 0) kind = TG_O;
        int cont = open && kind == TG_I && out[count - 1].tlen == tlen && !memcmp(out[count - 1].type, type, tlen);
        if (open && !cont) {
            out[count - 1].end = i;
            open = 0;
        }
        if (kind == TG_B || (kind == TG_I && !cont)) {
            out[count++] = (sspan){ i, i + 1, type, tlen };
            open = 1;
        }
    }
    return count;
}

static tg_score_row *row_of(tg_scores *s, const char *type, size_t tlen)
{
    size_t lo = 0, hi = s->n;
    char key[32];
    if (tlen >= sizeof key) tlen = sizeof key - 1;
    memcpy(key, type, tlen);
    key[tlen] = '\0';
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(s->rows[mid].type, key);
        if (c == 0) return &s->rows[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 8;
        tg_score_row *nr = realloc(s->rows, nc * sizeof *nr);
        if (!nr) return NULL;
        s->rows = nr;
        s->cap = nc;
    }
    memmove(&s->rows[lo + 1], &s->rows[lo], (s->n - lo) * sizeof *s->rows);
    memset(&s->rows[lo], 0, sizeof *s->rows);
    memcpy(s->rows[lo].type, key, tlen + 1);
    s->n++;
    return &s->rows[lo];
}

int tg_scores_add(tg_scores *s, const char *const *gold, const char *const *pred, size_t n)
{
    sspan *g = malloc((n + 1) * sizeof *g), *p = malloc((n + 1) * sizeof *p);
    if (!g || !p) { free(g); free(p); return -1; }
    size_t ng = read_spans(gold, n, g), np = read_spans(pred, n, p);
    int rc = 0;
    for (size_t i = 0; i < ng && rc == 0; i++) {
        tg_score_row *r = row_of(s, g[i].type, g[i].tlen);
        if (!r) { rc = -1; break; }
        r->gold++;
        for (size_t j = 0; j < np; j++)
            if (p[j].start == g[i].start && p[j].end == g[i].end && p[j].tlen == g[i].tlen &&
                !memcmp(p[j].type, g[i].type, g[i].tlen))
                r->tp++;
    }
    for (size_t j = 0; j < np && rc == 0; j++) {
        tg_score_row *r = row_of(s, p[j].type, p[j].tlen);
        if (!r) rc = -1;
        else r->pred++;
    }
    for (size_t i = 0; i < n; i++) s->correct += !strcmp(gold[i], pred[i]);
    s->tokens += n;
    free(g);
    free(p);
    return rc;
}

void tg_scores_merge(tg_scores *into, const tg_scores *from)
{
    for (size_t i = 0; i < from->n; i++) {
        tg_score_row *r = row_of(into, from->rows[i].type, strlen(from->rows[i].type));
        if (!r) continue;
        r->gold += from->rows[i].gold;
        r->pred += from->rows[i].pred;
        r->tp += from->rows[i].tp;
    }
    into->tokens += from->tokens;
    into->correct += from->correct;
}

void tg_scores_total(const tg_scores *s, uint64_t *gold, uint64_t *pred, uint64_t *tp)
{
    *gold = *pred = *tp = 0;
    for (size_t i = 0; i < s->n; i++) {
        *gold += s->rows[i].gold;
        *pred += s->rows[i].pred;
        *tp += s->rows[i].tp;
    }
}

double tg_f1(uint64_t gold, uint64_t pred, uint64_t tp)
{
    double p = pred ? (double)tp / (double)pred : 0.0, r = gold ? (double)tp / (double)gold : 0.0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

static void print_row(FILE *out, const char *name, uint64_t gold, uint64_t pred, uint64_t tp)
{
    double p = pred ? (double)tp / (double)pred : 0.0, r = gold ? (double)tp / (double)gold : 0.0;
    fprintf(out, "%-9s %6llu %6llu %6llu  %.3f  %.3f  %.3f\n", name, (unsigned long long)gold,
            (unsigned long long)pred, (unsigned long long)tp, p, r, tg_f1(gold, pred, tp));
}

void tg_scores_print(const tg_scores *s, FILE *out)
{
    fprintf(out, "%-9s %6s %6s %6s  %5s  %5s  %5s\n", "type", "gold", "pred", "tp", "P", "R", "F1");
    for (size_t i = 0; i < s->n; i++) print_row(out, s->rows[i].type, s->rows[i].gold, s->rows[i].pred, s->rows[i].tp);
    uint64_t g, p, t;
    tg_scores_total(s, &g, &p, &t);
    print_row(out, "overall", g, p, t);
    fprintf(out, "token accuracy %.4f (%llu tokens)\n", s->tokens ? (double)s->correct / (double)s->tokens : 0.0,
            (unsigned long long)s->tokens);
}

void tg_scores_free(tg_scores *s)
{
    free(s->rows);
    memset(s, 0, sizeof *s);
}

/* Score a model on sentences [a, b) of a corpus. */
int tg_evaluate(const tg_model *m, const tg_corpus *c, size_t a, size_t b, tg_scores *s, FILE *pred)
{
    tg_work w = { 0 };
    tg_tokens toks = { 0 };
    const char **tags = NULL;
    size_t tags_cap = 0;
    int rc = -1;
    for (size_t k = a; k < b; k++) {
        char *text;
        size_t len, klen, *map = NULL;
        if (tg_corpus_sentence(c, k, &text, &len, &toks) < 0) goto out;
        char *key = dp_text_match_key(text, len, &vi_text_rules, &klen, &map);
        int trc = key ? tg_tag_sentence(m, text, toks.v, toks.n, key, klen, map, m->temperature, 0, &w) : -1;
        free(text); free(key); free(map);
        if (trc < 0) goto out;
        if (toks.n > tags_cap) {
            const char **nt = realloc((void *)tags, toks.n * sizeof *nt);
            if (!nt) goto out;
            tags = nt;
            tags_cap = toks.n;
        }
        for (size_t i = 0; i < toks.n; i++) tags[i] = m->labels[w.path[i]];
        if (tg_scores_add(s, (const char *const *)(c->tag + c->sent[k]), tags, toks.n) < 0) goto out;
        if (pred) {
            for (size_t i = 0; i < toks.n; i++)
                fprintf(pred, "%s\t%s\t%s\n", c->tok[c->sent[k] + i], c->tag[c->sent[k] + i], tags[i]);
            fputc('\n', pred);
        }
    }
    rc = 0;
out:
    free((void *)tags);
    tg_tokens_free(&toks);
    tg_work_free(&w);
    return rc;
}
