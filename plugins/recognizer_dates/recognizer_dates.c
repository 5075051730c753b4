/*
 * dates: Vietnamese date expressions, normalized to ISO 8601.
 *
 * A hand-written scanner, one pass over the text: at every word start it
 * tries the few shapes dates take in Vietnamese news ("Ngày 11-9",
 * "25/09/2019", "tháng 11/2023", "năm 2015", "ngày 3 đến 5-12", "Sáng 30/1",
 * "cuối năm 2024", "ngày 5 tháng 6 năm 2024", "(12/3)", "ngày 8.3", ISO
 * "2024-01").  A scanner rather than PCRE2 because every shape starts with a
 * keyword or a digit, so almost every position is rejected by one byte test
 * (see README for the measurement).  Optional types (numbers, percentages,
 * money, URLs, e-mail addresses) come from the same pass when enabled.
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
    const dp_instance *inst;
    int infer_year, numbers, percent, money, urls, emails;
} dates_state;

typedef struct scan {
    const char *t;
    size_t n;
} scan;

/* ---- small lexical helpers over UTF-8 bytes ---- */

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* A byte that belongs to a word: ASCII alphanumerics and any non-ASCII byte
 * (Vietnamese letters are multi-byte). */
static int wordish(unsigned char c) { return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z'); }

static int boundary_before(const scan *s, size_t p) { return p == 0 || !wordish((unsigned char)s->t[p - 1]); }
static int boundary_after(const scan *s, size_t p) { return p >= s->n || !wordish((unsigned char)s->t[p]); }

/* Match one of the words (exact bytes) at p, followed by a boundary.  The
 * first byte is compared before anything else: most words fail there. */
static size_t word_at(const scan *s, size_t p, const char *const *words)
{
    if (p >= s->n) return 0;
    char first = s->t[p];
    for (const char *const *w = words; *w; w++) {
        if ((*w)[0] != first) continue;
        size_t l = strlen(*w);
        if (p + l <= s->n && memcmp(s->t + p, *w, l) == 0 && boundary_after(s, p + l)) return l;
    }
    return 0;
}

static size_t spaces(const scan *s, size_t p)
{
    size_t q = p;
    while (q < s->n && s->t[q] == ' ') q++;
    return q - p;
}

/* Up to maxd digits at p; the value in *v; 0 when none or followed by more digits. */
static size_t number(const scan *s, size_t p, int maxd, int *v)
{
    size_t q = p;
    int x = 0;
    while (q < s->n && is_digit((unsigned char)s->t[q]) && (int)(q - p) < maxd) x = x * 10 + (s->t[q++] - '0');
    if (q == p || (q < s->n && is_digit((unsigned char)s->t[q]))) return 0;
    *v = x;
    return q - p;
}

static int valid_dm(int d, int m)
{
    static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1];
}

static int valid_year(int y) { return y >= 1900 && y <= 2100; }

static int is_sep(char c) { return c == '/' || c == '-' || c == '.'; }

static const char *const W_NGAY[] = { "ngày", "Ngày", "NGÀY", NULL };
static const char *const W_THANG[] = { "tháng", "Tháng", "THÁNG", NULL };
static const char *const W_NAM[] = { "năm", "Năm", "NĂM", NULL };
static const char *const W_DAYPART[] = { "sáng", "Sáng", "chiều", "Chiều", "trưa", "Trưa", "tối", "Tối",
                                         "đêm", "Đêm", "rạng sáng", "Rạng sáng", NULL };
static const char *const W_PART_OF_YEAR[] = { "cuối", "Cuối", "đầu", "Đầu", "giữa", "Giữa", NULL };
static const char *const W_TO[] = { "đến", "tới", NULL };

/* A parsed date: y/m/d of 0 when absent. */
typedef struct date { int y, m, d; } date;

static void iso(char *buf, size_t size, date a)
{
    if (a.y && a.m && a.d) snprintf(buf, size, "%04d-%02d-%02d", a.y, a.m, a.d);
    else if (a.y && a.m) snprintf(buf, size, "%04d-%02d", a.y, a.m);
    else if (a.y) snprintf(buf, size, "%04d", a.y);
    else if (a.m && a.d) snprintf(buf, size, "--%02d-%02d", a.m, a.d);
    else snprintf(buf, size, "--%02d", a.m);
}

/* "D sep M [sep YYYY]" at p; requires a year when need_year. */
static size_t day_month(const scan *s, size_t p, int need_year, date *out)
{
    int d, m, y = 0;
    size_t q = p, l = number(s, q, 2, &d);
    if (!l) return 0;
    q += l;
    if (q >= s->n || !is_sep(s->t[q])) return 0;
    char sep = s->t[q++];
    if (!(l = number(s, q, 2, &m))) return 0;
    q += l;
    if (q + 1 < s->n && s->t[q] == sep && is_digit((unsigned char)s->t[q + 1])) {
        size_t ly = number(s, q + 1, 4, &y);
        if (ly == 4 && valid_year(y)) q += 1 + ly;
        else if (ly) return 0; /* 1.2.3 is not a date */
        else y = 0;
    }
    if (q < s->n && is_digit((unsigned char)s->t[q])) return 0;
    if (q < s->n && is_sep(s->t[q]) && q + 1 < s->n && is_digit((unsigned char)s->t[q + 1])) return 0;
    if (!valid_dm(d, m) || (need_year && !y)) return 0;
    out->d = d;
    out->m = m;
    out->y = y;
    return q - p;
}

/* After "ngày ": "D tháng M [năm Y]", "D sep M [sep Y]", "D đến D2 sep M [sep Y]". */
static size_t after_ngay(const scan *s, size_t p, date *a, date *b, int *range)
{
    size_t l, q = p;
    int d, m, y;
    if ((l = day_month(s, q, 0, a))) return l;
    if (!(l = number(s, q, 2, &d))) return 0;
    q += l;
    size_t sp = spaces(s, q);
    size_t w;
    if (sp && (w = word_at(s, q + sp, W_THANG))) {
        size_t r = q + sp + w;
        r += spaces(s, r);
        if (!(l = number(s, r, 2, &m)) || !valid_dm(d, m)) return 0;
        r += l;
        a->d = d; a->m = m; a->y = 0;
        size_t sp2 = spaces(s, r), w2;
        if (sp2 && (w2 = word_at(s, r + sp2, W_NAM))) {
            size_t r2 = r + sp2 + w2;
            r2 += spaces(s, r2);
            if ((l = number(s, r2, 4, &y)) == 4 && valid_year(y)) { a->y = y; r = r2 + l; }
        }
        return r - p;
    }
    if (sp && (w = word_at(s, q + sp, W_TO))) {
        size_t r = q + sp + w;
        r += spaces(s, r);
        size_t w3 = word_at(s, r, W_NGAY);
        if (w3) r += w3 + spaces(s, r + w3);
        if (!(l = day_month(s, r, 0, b)) || b->d <= d) return 0;
        a->d = d; a->m = b->m; a->y = b->y;
        if (!valid_dm(a->d, a->m)) return 0;
        *range = 1;
        return r + l - p;
    }
    return 0;
}

/* "tháng M/YYYY", "tháng M-YYYY", "tháng M năm YYYY" at p (after "tháng"). */
static size_t after_thang(const scan *s, size_t p, date *a)
{
    int m, y;
    size_t l, q = p;
    if (!(l = number(s, q, 2, &m)) || m < 1 || m > 12) return 0;
    q += l;
    if (q + 1 < s->n && (s->t[q] == '/' || s->t[q] == '-') && (l = number(s, q + 1, 4, &y)) == 4 && valid_year(y)) {
        a->m = m; a->y = y; a->d = 0;
        return q + 1 + l - p;
    }
    size_t sp = spaces(s, q), w;
    if (sp && (w = word_at(s, q + sp, W_NAM))) {
        size_t r = q + sp + w;
        r += spaces(s, r);
        if ((l = number(s, r, 4, &y)) == 4 && valid_year(y)) {
            a->m = m; a->y = y; a->d = 0;
            return r + l - p;
        }
    }
    return 0;
}

/* ISO in text: YYYY-MM or YYYY-MM-DD. */
static size_t iso_date(const scan *s, size_t p, date *a)
{
    int y, m, d;
    size_t l, q = p;
    if ((l = number(s, q, 4, &y)) != 4 || !valid_year(y)) return 0;
    q += l;
    if (q + 1 >= s->n || s->t[q] != '-' || !(l = number(s, q + 1, 2, &m)) || l != 2 || m < 1 || m > 12) return 0;
    q += 1 + l;
    a->y = y; a->m = m; a->d = 0;
    if (q + 1 < s->n && s->t[q] == '-' && (l = number(s, q + 1, 2, &d)) == 2 && valid_dm(d, m)) {
        a->d = d;
        q += 1 + l;
    }
    return boundary_after(s, q) ? q - p : 0;
}

/* ---- emitting ---- */

typedef struct ctx {
    const dates_state *st;
    dp_doc *doc;
    int doc_year;
    dp_error *err;
    int rc;
} ctx;

static void add_date(ctx *c, size_t start, size_t end, date a, date b, int range)
{
    if (c->rc != DP_OK) return;
    char v[64], v2[32], full[64];
    iso(v, sizeof v, a);
    if (range) {
        iso(v2, sizeof v2, b);
        size_t l = strlen(v);
        snprintf(v + l, sizeof v - l, "/%s", v2);
    }
    dp_entity *e = dp_doc_entity_add(c->doc, start, end, "DATE", dp_instance_name(c->st->inst));
    if (!e) { c->rc = dp_fail_nomem(c->err); return; }
    e->confidence = 0.9;
    int ok = dp_entity_set_value(c->doc, e, v) == 0;
    if (!a.y && c->doc_year) {
        date fa = a, fb = b;
        fa.y = fb.y = c->doc_year;
        iso(full, sizeof full, fa);
        if (range) {
            iso(v2, sizeof v2, fb);
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
    dp_entity *e = dp_doc_entity_add(c->doc, start, end, type, dp_instance_name(c->st->inst));
    if (!e) { c->rc = dp_fail_nomem(c->err); return; }
    e->confidence = conf;
}

/* A date at word start p; returns its length (0: none). */
static size_t try_date(ctx *c, const scan *s, size_t p)
{
    date a = { 0, 0, 0 }, b = { 0, 0, 0 };
    int range = 0;
    size_t l, q = p, w;
    unsigned char ch = (unsigned char)s->t[p];

    /* Only the first two bytes of a date shape go further: most words stop here. */
    if (!is_digit(ch) && ch != '(') {
        unsigned char c2 = p + 1 < s->n ? (unsigned char)s->t[p + 1] : 0;
        switch (ch | (ch < 0x80 ? 0x20 : 0)) {
        case 'n': if (c2 != 'g' && c2 != 0xC4 && c2 != 'G') return 0; break;  /* ngày, năm */
        case 't': if (c2 != 'h' && c2 != 'r' && c2 != 0xE1 && c2 != 'H') return 0; break; /* tháng, trưa, tối */
        case 's': if (c2 != 0xC3) return 0; break;                            /* sáng */
        case 'c': if (c2 != 'h' && c2 != 'u') return 0; break;                 /* chiều, cuối */
        case 'g': if (c2 != 'i') return 0; break;                              /* giữa */
        case 'r': if (c2 != 0xE1) return 0; break;                             /* rạng sáng */
        case 0xC4: if (c2 != 0x90 && c2 != 0x91) return 0; break;              /* đêm, đầu */
        default: return 0;
        }
    }

    int daypart = 0;
    if ((w = word_at(s, q, W_DAYPART)) && spaces(s, q + w)) { q += w + spaces(s, q + w); daypart = 1; }
    if ((w = word_at(s, q, W_NGAY)) && spaces(s, q + w)) {
        size_t r = q + w + spaces(s, q + w);
        if ((l = after_ngay(s, r, &a, &b, &range))) { add_date(c, p, r + l, a, b, range); return r + l - p; }
        return 0;
    }
    if (daypart) {
        /* "Sáng 30/1", "chiều 4/9": a bare day/month after a part of the day. */
        if ((l = day_month(s, q, 0, &a))) { add_date(c, p, q + l, a, b, 0); return q + l - p; }
        return 0;
    }
    if ((w = word_at(s, q, W_PART_OF_YEAR)) && spaces(s, q + w)) {
        size_t r = q + w + spaces(s, q + w), w2;
        if ((w2 = word_at(s, r, W_NAM)) && spaces(s, r + w2)) {
            size_t r2 = r + w2 + spaces(s, r + w2);
            if ((l = number(s, r2, 4, &a.y)) == 4 && valid_year(a.y) && boundary_after(s, r2 + l)) {
                add_date(c, p, r2 + l, a, b, 0);
                return r2 + l - p;
            }
        }
        return 0;
    }
    if ((w = word_at(s, q, W_THANG)) && spaces(s, q + w)) {
        size_t r = q + w + spaces(s, q + w);
        if ((l = after_thang(s, r, &a)) && boundary_after(s, r + l)) { add_date(c, p, r + l, a, b, 0); return r + l - p; }
        return 0;
    }
    if ((w = word_at(s, q, W_NAM)) && spaces(s, q + w)) {
        size_t r = q + w + spaces(s, q + w);
        if ((l = number(s, r, 4, &a.y)) == 4 && valid_year(a.y) && boundary_after(s, r + l) &&
            !(r + l < s->n && (s->t[r + l] == '-' || s->t[r + l] == '/'))) {
            add_date(c, p, r + l, a, b, 0);
            return r + l - p;
        }
        return 0;
    }
    if (ch == '(') {
        /* "(12/3)": the date inside the brackets. */
        if ((l = day_month(s, p + 1, 0, &a)) && p + 1 + l < s->n && s->t[p + 1 + l] == ')') {
            add_date(c, p + 1, p + 1 + l, a, b, 0);
            return l + 2;
        }
        return 0;
    }
    if (is_digit(ch)) {
        if ((l = iso_date(s, p, &a))) { add_date(c, p, p + l, a, b, 0); return l; }
        if ((l = day_month(s, p, 1, &a)) && boundary_after(s, p + l)) { add_date(c, p, p + l, a, b, 0); return l; }
    }
    return 0;
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
    while (q < s->n && (wordish((unsigned char)s->t[q]) || strchr("._%+-", s->t[q])) && (unsigned char)s->t[q] < 0x80) q++;
    if (q == p || q >= s->n || s->t[q] != '@') return 0;
    size_t at = q++, dot = 0;
    while (q < s->n && (unsigned char)s->t[q] < 0x80 && (wordish((unsigned char)s->t[q]) || s->t[q] == '.' || s->t[q] == '-'))
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
    if (q >= s->n || !is_digit((unsigned char)s->t[q])) return 0;
    while (q < s->n && is_digit((unsigned char)s->t[q])) q++;
    while (q + 1 < s->n && (s->t[q] == '.' || s->t[q] == ',') && is_digit((unsigned char)s->t[q + 1])) {
        q++;
        while (q < s->n && is_digit((unsigned char)s->t[q])) q++;
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
    size_t sp = spaces(s, q), w;
    if (c->st->percent && sp && (w = word_at(s, q + sp, W_PERCENT))) {
        add_plain(c, p, q + sp + w, "PERCENT", 0.8);
        return q + sp + w - p;
    }
    if (c->st->money) {
        size_t r = q;
        if (sp && (w = word_at(s, r + sp, W_SCALE))) { r += sp + w; sp = spaces(s, r); }
        if (sp && (w = word_at(s, r + sp, W_CURRENCY))) {
            add_plain(c, p, r + sp + w, "MONEY", 0.8);
            return r + sp + w - p;
        }
    }
    if (c->st->numbers && boundary_after(s, q)) { add_plain(c, p, q, "NUMBER", 0.5); return l; }
    return 0;
}

/* ---- plugin ---- */

static int dates_init(dp_instance *inst, void **state)
{
    dates_state *s = calloc(1, sizeof *s);
    if (!s) { dp_instance_nomem(inst); return -1; }
    s->inst = inst;
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
        if (!is_digit((unsigned char)d[i])) return 0;
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
        if (!boundary_before(&s, p) || ch == ' ' || ch == '\n') { p++; continue; }
        /* Image file names are not text. */
        size_t l = try_date(&c, &s, p);
        if (!l && st->urls) { l = try_url(&s, p); if (l) add_plain(&c, p, p + l, "URL", 0.95); }
        if (!l && st->emails) { l = try_email(&s, p); if (l) add_plain(&c, p, p + l, "EMAIL", 0.95); }
        if (!l && extra && is_digit(ch)) l = try_amount(&c, &s, p);
        if (l) { p += l; continue; }
        /* Skip the rest of this word. */
        while (p < s.n && wordish((unsigned char)s.t[p])) p++;
        if (p < s.n && !wordish((unsigned char)s.t[p])) p++;
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
