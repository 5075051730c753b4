/*
 * dates: Vietnamese date expressions, normalized to ISO 8601.
 *
 * One pass over the text: at every word start the shared Vietnamese date
 * parser (plugins/lib/vi/vi_date.h, also the news source's) tries the few
 * shapes dates take in Vietnamese news ("Ngày 11-9", "25/09/2019", "tháng
 * 11/2023", "năm 2015", "ngày 3 đến 5-12", "Sáng 30/1", "cuối năm 2024",
 * "ngày 5 tháng 6 năm 2024", "(12/3)", ISO "2024-01").  A scanner rather
 * than PCRE2 because every shape starts with a keyword or a digit, so almost
 * every position is rejected by one byte test (see README for the
 * measurement).  Optional types (numbers, percentages, money, URLs, e-mail
 * addresses) come from the same pass when enabled.
 *
 * Value convention (the gold's): what the text determines — "2019-09-25",
 * "--09-11" without a year, "2023-11", "2015", ranges "A/B".  When the year is
 * missing and the document's `date` field has one, attr `inferred` carries
 * the full date; with infer_year = true it becomes the value.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "vi/vi_date.h"
#include "vi/vi_scan.h"

static const dp_option dates_options[] = {
    { "infer_year", DP_OPT_BOOL, "false", 0, NULL,
      "give year-less dates the year of the document's date field as their value (else attr inferred only)" },
    { "numbers", DP_OPT_BOOL, "false", 0, NULL, "also tag numbers (NUMBER)" },
    { "percent", DP_OPT_BOOL, "false", 0, NULL, "also tag percentages (PERCENT): 15%, 2,5 phần trăm" },
    { "money", DP_OPT_BOOL, "false", 0, NULL, "also tag amounts of money (MONEY): 2,5 tỷ đồng, 100 triệu USD" },
    { "urls", DP_OPT_BOOL, "false", 0, NULL, "also tag URLs (URL)" },
    { "emails", DP_OPT_BOOL, "false", 0, NULL, "also tag e-mail addresses (EMAIL)" },
    DP_OPTION_END
};

typedef struct dates_state {
    int infer_year, numbers, percent, money, urls, emails;
} dates_state;

typedef struct scan {
    const char *t;
    size_t n;
} scan;

/* A rule's match, below the gazetteer's list rows (1.0). */
#define DATE_CONFIDENCE 0.9

static int valid_year(int y) { return y >= 1900 && y <= 2100; }

/* ---- emitting ---- */

typedef struct ctx {
    const dates_state *st;
    dp_doc *doc;
    int doc_year;
    dp_error *err;
    int rc;
} ctx;

static void add_date(ctx *c, const vi_date_match *m)
{
    if (c->rc != DP_OK) return;
    vi_date a = m->a, b = m->b;
    int range = m->range;
    size_t start = m->start, end = m->end;
    char v[64], v2[32], full[64];
    vi_date_iso(a, v, sizeof v);
    if (range) {
        vi_date_iso(b, v2, sizeof v2);
        size_t l = strlen(v);
        snprintf(v + l, sizeof v - l, "/%s", v2);
    }
    dp_entity *e = dp_doc_entity_add(c->doc, start, end, "DATE");
    if (!e) { c->rc = dp_fail_nomem(c->err); return; }
    if (dp_entity_set_confidence(e, DATE_CONFIDENCE) < 0) { c->rc = dp_fail(c->err, DP_FATAL, "bad confidence"); return; }
    int ok = dp_entity_set_value(c->doc, e, v) == 0;
    if (!a.y && c->doc_year) {
        vi_date fa = a, fb = b;
        fa.y = fb.y = c->doc_year;
        vi_date_iso(fa, full, sizeof full);
        if (range) {
            vi_date_iso(fb, v2, sizeof v2);
            size_t l = strlen(full);
            snprintf(full + l, sizeof full - l, "/%s", v2);
        }
        ok &= dp_entity_attr_set(c->doc, e, "inferred", full) == 0;
        if (c->st->infer_year) {
            ok &= dp_entity_attr_set(c->doc, e, "iso_partial", v) == 0;
            ok &= dp_entity_set_value(c->doc, e, full) == 0;
        }
    }
    if (!ok) c->rc = dp_fail_nomem(c->err);
}

static void add_plain(ctx *c, size_t start, size_t end, const char *type, double conf)
{
    if (c->rc != DP_OK) return;
    dp_entity *e = dp_doc_entity_add(c->doc, start, end, type);
    if (!e) { c->rc = dp_fail_nomem(c->err); return; }
    if (dp_entity_set_confidence(e, conf) < 0) c->rc = dp_fail(c->err, DP_FATAL, "confidence %g out of [0, 1]", conf);
}

/* A date at word start p: added; returns the bytes it takes (0: none). */
static size_t try_date(ctx *c, const scan *s, size_t p)
{
    vi_date_match m;
    size_t l = vi_date_at(s->t, s->n, p, &m);
    if (l) add_date(c, &m);
    return l;
}

/* ---- optional types ---- */

static size_t try_url(const scan *s, size_t p)
{
    if (!(p + 8 <= s->n && (!strncmp(s->t + p, "http://", 7) || !strncmp(s->t + p, "https://", 8)))) return 0;
    size_t q = p;
    while (q < s->n && (unsigned char)s->t[q] > ' ' && s->t[q] != '"' && s->t[q] != '<' && s->t[q] != '>') q++;
    while (q > p && strchr(".,;:!?)]'", s->t[q - 1])) q--;
    return q - p > 8 ? q - p : 0;
}

static size_t try_email(const scan *s, size_t p)
{
    size_t q = p;
    while (q < s->n && (vi_is_word_byte((unsigned char)s->t[q]) || strchr("._%+-", s->t[q])) && (unsigned char)s->t[q] < 0x80) q++;
    if (q == p || q >= s->n || s->t[q] != '@') return 0;
    size_t at = q++, dot = 0;
    while (q < s->n && (unsigned char)s->t[q] < 0x80 && (vi_is_word_byte((unsigned char)s->t[q]) || s->t[q] == '.' || s->t[q] == '-'))
        q++;
    while (q > at && s->t[q - 1] == '.') q--;
    for (size_t i = at + 1; i < q; i++)
        if (s->t[i] == '.') dot = i;
    /* local@label.tld: a dot inside the domain with at least two characters after it */
    return dot > at + 1 && q >= dot + 3 ? q - p : 0;
}

/* A number with Vietnamese separators: 2,5 / 1.200.000 / 15. */
static size_t num_token(const scan *s, size_t p)
{
    size_t q = p;
    if (q >= s->n || !vi_is_digit((unsigned char)s->t[q])) return 0;
    while (q < s->n && vi_is_digit((unsigned char)s->t[q])) q++;
    while (q + 1 < s->n && (s->t[q] == '.' || s->t[q] == ',') && vi_is_digit((unsigned char)s->t[q + 1])) {
        q++;
        while (q < s->n && vi_is_digit((unsigned char)s->t[q])) q++;
    }
    return q - p;
}

static const char *const W_SCALE[] = { "nghìn tỷ", "nghìn", "ngàn", "triệu", "tỷ", "tỉ", NULL };
static const char *const W_CURRENCY[] = { "đồng", "USD", "VND", "VNĐ", "đô la Mỹ", "đô la", "euro", "EUR", "yen", "yên", NULL };
static const char *const W_PERCENT[] = { "phần trăm", NULL };

static size_t try_amount(ctx *c, const scan *s, size_t p)
{
    size_t l = num_token(s, p);
    if (!l) return 0;
    size_t q = p + l;
    if (c->st->percent && q < s->n && s->t[q] == '%') { add_plain(c, p, q + 1, "PERCENT", 0.8); return q + 1 - p; }
    size_t sp = vi_spaces(s->t, s->n, q), w;
    if (c->st->percent && sp && (w = vi_word_at(s->t, s->n, q + sp, W_PERCENT))) {
        add_plain(c, p, q + sp + w, "PERCENT", 0.8);
        return q + sp + w - p;
    }
    if (c->st->money) {
        size_t r = q;
        if (sp && (w = vi_word_at(s->t, s->n, r + sp, W_SCALE))) { r += sp + w; sp = vi_spaces(s->t, s->n, r); }
        if (sp && (w = vi_word_at(s->t, s->n, r + sp, W_CURRENCY))) {
            add_plain(c, p, r + sp + w, "MONEY", 0.8);
            return r + sp + w - p;
        }
    }
    if (c->st->numbers && vi_boundary_after(s->t, s->n, q)) { add_plain(c, p, q, "NUMBER", 0.5); return l; }
    return 0;
}

/* ---- plugin ---- */

static int dates_init(dp_instance *inst, void **state)
{
    dates_state *s = calloc(1, sizeof *s);
    if (!s) { dp_instance_nomem(inst); return -1; }
    s->infer_year = dp_opt_bool(inst, "infer_year");
    s->numbers = dp_opt_bool(inst, "numbers");
    s->percent = dp_opt_bool(inst, "percent");
    s->money = dp_opt_bool(inst, "money");
    s->urls = dp_opt_bool(inst, "urls");
    s->emails = dp_opt_bool(inst, "emails");
    *state = s;
    return 0;
}

static int doc_year(const dp_doc *doc)
{
    const char *d = dp_doc_field(doc, "date");
    if (!d || strlen(d) < 4) return 0;
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (!vi_is_digit((unsigned char)d[i])) return 0;
        y = y * 10 + d[i] - '0';
    }
    return valid_year(y) ? y : 0;
}

static int dates_process(void *state, dp_doc *doc, dp_error *err)
{
    const dates_state *st = state;
    scan s;
    s.t = dp_doc_text(doc, &s.n);
    ctx c = { st, doc, doc_year(doc), err, DP_OK };
    int extra = st->numbers || st->percent || st->money;
    size_t p = 0;
    while (p < s.n && c.rc == DP_OK) {
        unsigned char ch = (unsigned char)s.t[p];
        if (!vi_boundary_before(s.t, p) || ch == ' ' || ch == '\n') { p++; continue; }
        /* Image file names are not text. */
        size_t l = try_date(&c, &s, p);
        if (!l && st->urls) { l = try_url(&s, p); if (l) add_plain(&c, p, p + l, "URL", 0.95); }
        if (!l && st->emails) { l = try_email(&s, p); if (l) add_plain(&c, p, p + l, "EMAIL", 0.95); }
        if (!l && extra && vi_is_digit(ch)) l = try_amount(&c, &s, p);
        if (l) { p += l; continue; }
        /* Skip the rest of this word. */
        while (p < s.n && vi_is_word_byte((unsigned char)s.t[p])) p++;
        if (p < s.n && !vi_is_word_byte((unsigned char)s.t[p])) p++;
    }
    return c.rc;
}

static void dates_fini(void *state) { free(state); }

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_RECOGNIZER),
    .name = "dates",
    .version = "1.0",
    .description = "Vietnamese dates (ngày 11-9, 25/09/2019, tháng 11/2023, năm 2015, Sáng 30/1 …) to ISO 8601; "
                   "numbers, percentages, money, URLs, e-mails on demand",
    .options = dates_options,
    .consumes = "text",
    .produces = "entity",
    .init = dates_init,
    .process = dates_process,
    .fini = dates_fini,
};
