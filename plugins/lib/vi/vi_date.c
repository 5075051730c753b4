/*
 * vi_date.c — Vietnamese date expressions (vi_date.h).
 *
 * A hand-written scanner: every shape starts with a keyword (ngày, tháng,
 * năm, sáng …), a digit or '(', so almost every position is rejected by one
 * or two byte tests (recognizer_dates' README has the measurement against
 * PCRE2).  Numeric dates ("25/09/2019", "2024-01") are read by one function
 * under one of two profiles: running text, which must not take a version
 * number or a score for a date, and datelines, which read what news sites
 * print in their metadata.
 */
#include <stdio.h>

#include "vi_date.h"
#include "vi_scan.h"

/* ---- numeric dates --------------------------------------------------------- */

typedef struct profile {
    int year_min, year_max;
    const char *ymd_seps; /* separators of a year-first date */
    int ymd_two_digits;   /* its month and day have exactly two digits */
    int month_days;       /* a day is checked against its month (else 1–31) */
    int strict_end;       /* nothing date-like may follow: a word boundary after a
                             year-first date, no separator and digit after a day-first one */
} profile;

static const profile TEXT = { 1900, 2100, "-", 1, 1, 1 };
static const profile DATELINE = { 1000, 9999, "/-.", 0, 0, 0 };

static int is_sep(char c) { return c == '/' || c == '-' || c == '.'; }

/* The length of the digit run at p. */
static size_t digit_run(const char *s, size_t n, size_t p)
{
    size_t q = p;
    while (q < n && vi_is_digit((unsigned char)s[q])) q++;
    return q - p;
}

/* The value of the digit run s[p, p + l), l <= 4. */
static int value(const char *s, size_t p, size_t l)
{
    int v = 0;
    for (size_t i = 0; i < l; i++) v = v * 10 + (s[p + i] - '0');
    return v;
}

static int valid_day(const profile *pr, int d, int m)
{
    static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m < 1 || m > 12 || d < 1) return 0;
    return d <= (pr->month_days ? days[m - 1] : 31);
}

/* "YYYY-MM[-DD]" at p (the year's four digits checked by the caller). */
static size_t year_first(const char *s, size_t n, size_t p, const profile *pr, vi_date *out)
{
    int y = value(s, p, 4);
    size_t q = p + 4;
    if (y < pr->year_min || y > pr->year_max || q + 1 >= n || !s[q] || !strchr(pr->ymd_seps, s[q]))
        return 0;
    char sep = s[q++];
    size_t l = digit_run(s, n, q);
    if (pr->ymd_two_digits ? l != 2 : (l < 1 || l > 2)) return 0;
    int m = value(s, q, l), d = 0;
    if (m < 1 || m > 12) return 0;
    q += l;
    if (q + 1 < n && s[q] == sep) {
        size_t ld = digit_run(s, n, q + 1);
        int dd = ld <= 2 ? value(s, q + 1, ld) : 0;
        if ((pr->ymd_two_digits ? ld == 2 : ld >= 1 && ld <= 2) && valid_day(pr, dd, m)) {
            d = dd;
            q += 1 + ld;
        }
    }
    if (pr->strict_end && !vi_boundary_after(s, n, q)) return 0;
    out->y = y;
    out->m = m;
    out->d = d;
    return q - p;
}

/* "D sep M [sep YYYY]" at p (the day's one or two digits checked by the caller). */
static size_t day_first(const char *s, size_t n, size_t p, size_t ld, const profile *pr, int need_year,
                        vi_date *out)
{
    int d = value(s, p, ld), y = 0;
    size_t q = p + ld;
    if (q >= n || !is_sep(s[q])) return 0;
    char sep = s[q++];
    size_t l = digit_run(s, n, q);
    if (l < 1 || l > 2) return 0;
    int m = value(s, q, l);
    q += l;
    if (q + 1 < n && s[q] == sep && vi_is_digit((unsigned char)s[q + 1])) {
        size_t ly = digit_run(s, n, q + 1);
        if (ly != 4) return 0; /* 1.2.3 is not a date */
        y = value(s, q + 1, 4);
        if (y < pr->year_min || y > pr->year_max) return 0;
        q += 1 + ly;
    }
    if (pr->strict_end && q + 1 < n && is_sep(s[q]) && vi_is_digit((unsigned char)s[q + 1])) return 0;
    if (!valid_day(pr, d, m) || (need_year && !y)) return 0;
    out->y = y;
    out->m = m;
    out->d = d;
    return q - p;
}

/* A day-first date at p; its length, or 0. */
static size_t day_first_at(const char *s, size_t n, size_t p, const profile *pr, int need_year, vi_date *out)
{
    size_t l = digit_run(s, n, p);
    return l == 1 || l == 2 ? day_first(s, n, p, l, pr, need_year, out) : 0;
}

/* A numeric date at p, year-first or day-first (with a year); its length, or 0. */
static size_t numeric_at(const char *s, size_t n, size_t p, const profile *pr, vi_date *out)
{
    return digit_run(s, n, p) == 4 ? year_first(s, n, p, pr, out) : day_first_at(s, n, p, pr, 1, out);
}

/* ---- running text ---------------------------------------------------------- */

static const char *const W_NGAY[] = { "ngày", "Ngày", "NGÀY", NULL };
static const char *const W_THANG[] = { "tháng", "Tháng", "THÁNG", NULL };
static const char *const W_NAM[] = { "năm", "Năm", "NĂM", NULL };
static const char *const W_DAYPART[] = { "sáng", "Sáng", "chiều", "Chiều", "trưa", "Trưa", "tối", "Tối",
                                         "đêm", "Đêm", "rạng sáng", "Rạng sáng", NULL };
static const char *const W_PART_OF_YEAR[] = { "cuối", "Cuối", "đầu", "Đầu", "giữa", "Giữa", NULL };
static const char *const W_TO[] = { "đến", "tới", NULL };

static int valid_year(int y) { return y >= TEXT.year_min && y <= TEXT.year_max; }

/* After "ngày ": "D tháng M [năm Y]", "D sep M [sep Y]", "D đến D2 sep M [sep Y]". */
static size_t after_ngay(const char *s, size_t n, size_t p, vi_date *a, vi_date *b, int *range)
{
    size_t l, q = p;
    int d, m, y;
    if ((l = day_first_at(s, n, q, &TEXT, 0, a))) return l;
    if (!(l = vi_number(s, n, q, 2, &d))) return 0;
    q += l;
    size_t sp = vi_spaces(s, n, q);
    size_t w;
    if (sp && (w = vi_word_at(s, n, q + sp, W_THANG))) {
        size_t r = q + sp + w;
        r += vi_spaces(s, n, r);
        if (!(l = vi_number(s, n, r, 2, &m)) || !valid_day(&TEXT, d, m)) return 0;
        r += l;
        a->d = d; a->m = m; a->y = 0;
        size_t sp2 = vi_spaces(s, n, r), w2;
        if (sp2 && (w2 = vi_word_at(s, n, r + sp2, W_NAM))) {
            size_t r2 = r + sp2 + w2;
            r2 += vi_spaces(s, n, r2);
            if ((l = vi_number(s, n, r2, 4, &y)) == 4 && valid_year(y)) { a->y = y; r = r2 + l; }
        }
        return r - p;
    }
    if (sp && (w = vi_word_at(s, n, q + sp, W_TO))) {
        size_t r = q + sp + w;
        r += vi_spaces(s, n, r);
        size_t w3 = vi_word_at(s, n, r, W_NGAY);
        if (w3) r += w3 + vi_spaces(s, n, r + w3);
        if (!(l = day_first_at(s, n, r, &TEXT, 0, b)) || b->d <= d)
            return 0;
        a->d = d; a->m = b->m; a->y = b->y;
        if (!valid_day(&TEXT, a->d, a->m)) return 0;
        *range = 1;
        return r + l - p;
    }
    return 0;
}

/* "tháng M/YYYY", "tháng M-YYYY", "tháng M năm YYYY" at p (after "tháng"). */
static size_t after_thang(const char *s, size_t n, size_t p, vi_date *a)
{
    int m, y;
    size_t l, q = p;
    if (!(l = vi_number(s, n, q, 2, &m)) || m < 1 || m > 12) return 0;
    q += l;
    if (q + 1 < n && (s[q] == '/' || s[q] == '-') && (l = vi_number(s, n, q + 1, 4, &y)) == 4 && valid_year(y)) {
        a->m = m; a->y = y; a->d = 0;
        return q + 1 + l - p;
    }
    size_t sp = vi_spaces(s, n, q), w;
    if (sp && (w = vi_word_at(s, n, q + sp, W_NAM))) {
        size_t r = q + sp + w;
        r += vi_spaces(s, n, r);
        if ((l = vi_number(s, n, r, 4, &y)) == 4 && valid_year(y)) {
            a->m = m; a->y = y; a->d = 0;
            return r + l - p;
        }
    }
    return 0;
}

/* Fill *m and return the bytes taken from p. */
static size_t found(vi_date_match *m, size_t p, size_t start, size_t end, size_t taken, vi_date a, vi_date b,
                    int range)
{
    m->start = start;
    m->end = end;
    m->a = a;
    m->b = b;
    m->range = range;
    return taken - p;
}

size_t vi_date_at(const char *s, size_t n, size_t p, vi_date_match *m)
{
    vi_date a = { 0, 0, 0 }, b = { 0, 0, 0 };
    int range = 0;
    size_t l, q = p, w;
    if (p >= n) return 0;
    unsigned char ch = (unsigned char)s[p];

    /* Only the first two bytes of a date shape go further: most words stop here. */
    if (!vi_is_digit(ch) && ch != '(') {
        unsigned char c2 = p + 1 < n ? (unsigned char)s[p + 1] : 0;
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
    if ((w = vi_word_at(s, n, q, W_DAYPART)) && vi_spaces(s, n, q + w)) {
        q += w + vi_spaces(s, n, q + w);
        daypart = 1;
    }
    if ((w = vi_word_at(s, n, q, W_NGAY)) && vi_spaces(s, n, q + w)) {
        size_t r = q + w + vi_spaces(s, n, q + w);
        if ((l = after_ngay(s, n, r, &a, &b, &range))) return found(m, p, p, r + l, r + l, a, b, range);
        return 0;
    }
    if (daypart) {
        /* "Sáng 30/1", "chiều 4/9": a bare day/month after a part of the day. */
        if ((l = day_first_at(s, n, q, &TEXT, 0, &a)))
            return found(m, p, p, q + l, q + l, a, b, 0);
        return 0;
    }
    if ((w = vi_word_at(s, n, q, W_PART_OF_YEAR)) && vi_spaces(s, n, q + w)) {
        size_t r = q + w + vi_spaces(s, n, q + w), w2;
        if ((w2 = vi_word_at(s, n, r, W_NAM)) && vi_spaces(s, n, r + w2)) {
            size_t r2 = r + w2 + vi_spaces(s, n, r + w2);
            if ((l = vi_number(s, n, r2, 4, &a.y)) == 4 && valid_year(a.y) && vi_boundary_after(s, n, r2 + l))
                return found(m, p, p, r2 + l, r2 + l, a, b, 0);
        }
        return 0;
    }
    if ((w = vi_word_at(s, n, q, W_THANG)) && vi_spaces(s, n, q + w)) {
        size_t r = q + w + vi_spaces(s, n, q + w);
        if ((l = after_thang(s, n, r, &a)) && vi_boundary_after(s, n, r + l))
            return found(m, p, p, r + l, r + l, a, b, 0);
        return 0;
    }
    if ((w = vi_word_at(s, n, q, W_NAM)) && vi_spaces(s, n, q + w)) {
        size_t r = q + w + vi_spaces(s, n, q + w);
        if ((l = vi_number(s, n, r, 4, &a.y)) == 4 && valid_year(a.y) && vi_boundary_after(s, n, r + l) &&
            !(r + l < n && (s[r + l] == '-' || s[r + l] == '/')))
            return found(m, p, p, r + l, r + l, a, b, 0);
        return 0;
    }
    if (ch == '(') {
        /* "(12/3)": the date inside the brackets. */
        if ((l = day_first_at(s, n, p + 1, &TEXT, 0, &a)) && p + 1 + l < n && s[p + 1 + l] == ')')
            return found(m, p, p + 1, p + 1 + l, p + 2 + l, a, b, 0);
        return 0;
    }
    if (vi_is_digit(ch) && (l = numeric_at(s, n, p, &TEXT, &a)) && vi_boundary_after(s, n, p + l))
        return found(m, p, p, p + l, p + l, a, b, 0);
    return 0;
}

/* ---- datelines --------------------------------------------------------------- */

int vi_date_first(const char *s, size_t n, vi_date *d)
{
    for (size_t i = 0; i < n; i++) {
        if (!vi_is_digit((unsigned char)s[i]) ||
            (i > 0 && (vi_is_digit((unsigned char)s[i - 1]) || is_sep(s[i - 1]))))
            continue;
        if (numeric_at(s, n, i, &DATELINE, d)) return 1;
    }
    return 0;
}

size_t vi_date_iso(vi_date a, char *buf, size_t size)
{
    int r;
    if (a.y && a.m && a.d) r = snprintf(buf, size, "%04d-%02d-%02d", a.y, a.m, a.d);
    else if (a.y && a.m) r = snprintf(buf, size, "%04d-%02d", a.y, a.m);
    else if (a.y) r = snprintf(buf, size, "%04d", a.y);
    else if (a.m && a.d) r = snprintf(buf, size, "--%02d-%02d", a.m, a.d);
    else r = snprintf(buf, size, "--%02d", a.m);
    return r < 0 ? 0 : (size_t)r < size ? (size_t)r : size ? size - 1 : 0;
}
