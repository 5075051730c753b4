/* A derived title and an inferred date for articles without them (news_derive.h). */
#include <string.h>

#include "news_derive.h"
#include "vi/vi_date.h"
#include "vi/vi_scan.h"

/* The first segment of one of the kinds, in text order; NULL when none. */
static const dp_segment *first_segment(const dp_doc *doc, const char *kind)
{
    for (size_t i = 0; i < dp_doc_segment_count(doc); i++) {
        const dp_segment *s = dp_doc_segment_at(doc, i);
        if (strcmp(s->kind, kind) == 0) return s;
    }
    return NULL;
}

/* The lede, else the first paragraph. */
static const dp_segment *opening(const dp_doc *doc)
{
    const dp_segment *s = first_segment(doc, "lede");
    return s ? s : first_segment(doc, "paragraph");
}

static int is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }

/*
 * The end of the first sentence of t[s..e): after ". ", "! ", "? " or "… "
 * (or the end), a full stop not taken for one after a lone capital ("A. Nguyễn").
 */
static size_t sentence_end(const char *t, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++) {
        size_t stop = 0;
        if (t[i] == '.' || t[i] == '!' || t[i] == '?') stop = i + 1;
        else if (e - i >= 3 && memcmp(t + i, "\xE2\x80\xA6", 3) == 0) stop = i + 3;
        if (!stop || (stop < e && t[stop] != ' ')) continue;
        if (t[i] == '.' && i > s && is_upper_ascii(t[i - 1]) && (i - 1 == s || t[i - 2] == ' ')) continue;
        return stop;
    }
    return e;
}

/* t[s..e) without a final full stop, cut before max bytes at a space with "…". */
static int add_title(dp_doc *doc, const char *t, size_t s, size_t e, size_t max, const char *from)
{
    while (e > s && (t[e - 1] == '.' || t[e - 1] == ' ')) e--;
    if (e <= s) return 0;
    int cut = 0;
    if (max >= 8 && e - s > max) {
        size_t lim = s + max - 3;
        while (lim > s && t[lim] != ' ') lim--;
        if (lim == s) return 0; /* one huge word: no title */
        e = lim;
        while (e > s && (t[e - 1] == ',' || t[e - 1] == ' ')) e--;
        cut = 1;
    }
    char *v = dp_arena_alloc(dp_doc_arena(doc), e - s + 4);
    if (!v) return -1;
    memcpy(v, t + s, e - s);
    strcpy(v + (e - s), cut ? "\xE2\x80\xA6" : "");
    if (dp_doc_field_add(doc, "title", v) < 0) return -1;
    return dp_doc_field_add(doc, "title_derived", from);
}

static int derive_title(dp_doc *doc, size_t max)
{
    const char *t = dp_doc_text(doc, NULL);
    const dp_segment *s = opening(doc);
    if (s) return add_title(doc, t, s->start, sentence_end(t, s->start, s->end), max, "first sentence");
    s = first_segment(doc, "caption");
    if (s) return add_title(doc, t, s->start, s->end, max, "caption");
    return 0;
}

#define CLAUSE_MAX 200 /* bytes of an opening clause looked at */

/*
 * The date of the opening clause of t[s..e) (up to , ; : or a sentence
 * end), the dateline of Vietnamese news: 1 with it in *d when the clause
 * holds one date naming a day; 0 when it holds none; -1 when it holds more
 * than one, a range or a date without a day ("Năm 2023, …" tells what
 * happened in a year, not when the article was written).
 */
static int clause_date(const char *t, size_t s, size_t e, vi_date *d)
{
    if (e - s > CLAUSE_MAX) e = s + CLAUSE_MAX;
    int found = 0;
    for (size_t p = s; p < e;) {
        vi_date_match m;
        size_t l = vi_boundary_before(t, p) && t[p] != ' ' ? vi_date_at(t, e, p, &m) : 0;
        if (l) {
            if (found || m.range || !m.a.d) return -1;
            *d = m.a;
            found = 1;
            p += l;
            continue;
        }
        char c = t[p];
        if (c == ',' || c == ';' || c == ':' || ((c == '.' || c == '!' || c == '?') &&
                                                   (p + 1 == e || t[p + 1] == ' ')))
            break;
        p++;
    }
    return found;
}

static int infer_date(dp_doc *doc)
{
    const char *t = dp_doc_text(doc, NULL);
    const dp_segment *cand[2] = { first_segment(doc, "lede"), first_segment(doc, "paragraph") };
    for (int i = 0; i < 2; i++) {
        vi_date d;
        int found = cand[i] ? clause_date(t, cand[i]->start, cand[i]->end, &d) : 0;
        if (found < 0) return 0; /* ambiguous: no date rather than a guess */
        if (!found) continue;
        char iso[16];
        if (!vi_date_iso(d, iso, sizeof iso)) return 0;
        if (dp_doc_field_add(doc, "date", iso) < 0) return -1;
        return dp_doc_field_add(doc, "date_inferred", cand[i]->kind);
    }
    return 0;
}

int news_derive(dp_doc *doc, size_t max_title)
{
    if (!dp_doc_field(doc, "title") && derive_title(doc, max_title) < 0) return -1;
    if (!dp_doc_field(doc, "date") && infer_date(doc) < 0) return -1;
    return 0;
}
