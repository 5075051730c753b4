/* Persons: after ranks, titles and honorifics; by Vietnamese name structure; in bylines and credits. */
#include <string.h>

#include "names.h"
#include "vi/vi_text.h"

#define MAX_NAME_WORDS 16

/* Token i may be a word of a person's name: capitalised, not an acronym, not a number. */
static int name_word(const nm_ctx *c, size_t i)
{
    if (i >= c->n)
        return 0;
    uint32_t f = c->t[i].flags;
    return (f & T_WORD) && (f & T_CAP) && !(f & T_ALLCAPS) && !(f & T_DIGIT);
}

/*
 * A run of name words from k: capitalised words, hyphenated parts (Jae-min),
 * a trailing apostrophe (Dato'), lowercase connectors between capitalised
 * words (bin).  Returns the number of words; *end receives the token after.
 */
static size_t name_run(const nm_ctx *c, size_t k, size_t max, size_t *end)
{
    size_t j = k, words = 0;
    *end = k;
    while (j < c->n && words < max) {
        if (j > k && (c->t[j].flags & T_NL))
            break;
        if (name_word(c, j)) {
            if (words > 0 && (nm_phrase(c, j, LX_RANK | LX_TITLE, NULL) || (nm_word(c, j) & LX_NOTNAME)))
                break;
            /* a country ends the name, unless it is a one-syllable given name (Vũ Thị Nga, Phạm Đức Thắng) */
            size_t mc = nm_phrase(c, j, LX_COUNTRY, NULL);
            if (words > 0 && mc && (mc > 1 || !(nm_word(c, j) & LX_GIVEN)))
                break;
            if (c->taken[j] & 1)
                break;
            j++;
            words++;
            for (;;) {
                if (j + 1 < c->n && nm_glued(c, j - 1) && nm_punct(c, j, "-") && nm_glued(c, j) &&
                    (c->t[j + 1].flags & T_WORD) && !(c->t[j + 1].flags & T_DIGIT)) {
                    j += 2;
                    continue;
                }
                if (j < c->n && nm_glued(c, j - 1) &&
                    (nm_punct(c, j, "'") || nm_punct(c, j, "\xe2\x80\x99"))) {
                    j++;
                    continue;
                }
                break;
            }
            *end = j;
            continue;
        }
        if (words > 0 && (c->t[j].flags & T_LOWER) && (nm_word(c, j) & LX_CONNECT) &&
            name_word(c, j + 1) && !(c->t[j + 1].flags & T_NL)) {
            j++;
            continue;
        }
        break;
    }
    return words;
}

/* A word of three or more ASCII letters: a foreign name, never a Vietnamese syllable with a tone. */
static int foreign_word(const nm_ctx *c, size_t i)
{
    const nm_tok *t = &c->t[i];
    if (t->e - t->s < 3)
        return 0;
    for (uint32_t x = t->s; x < t->e; x++) {
        unsigned char ch = (unsigned char)c->text[x];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')))
            return 0;
    }
    return 1;
}

/* Token i is a capitalised word on the same line. */
static int cap_next(const nm_ctx *c, size_t i)
{
    return i < c->n && (c->t[i].flags & T_WORD) && (c->t[i].flags & T_CAP) && !(c->t[i].flags & T_NL);
}

/* A capitalised word that names no person: capitals inside (HoREA, VinFast, FPT). */
static int brand_word(const nm_ctx *c, size_t i)
{
    const nm_tok *t = &c->t[i];
    if (!cap_next(c, i) || (t->flags & T_DIGIT) || (nm_word(c, i) & (LX_SURNAME | LX_GIVEN | LX_FGIVEN | LX_FSURNAME)))
        return 0;
    if (t->flags & T_ALLCAPS)
        return 1;
    for (uint32_t x = t->s + 1; x < t->e; x++)
        if (c->text[x] >= 'A' && c->text[x] <= 'Z')
            return 1;
    return 0;
}

/* A name run at k that may be reported as a person (>= 2 words, no known non-name start). */
static size_t person_at(const nm_ctx *c, size_t k, size_t *end)
{
    if (!name_word(c, k))
        return 0;
    if ((c->t[k].flags & T_ENT) && c->t[k].ent_type != 'P')
        return 0;
    if (nm_word(c, k) & LX_NOTNAME)
        return 0;
    if (nm_phrase(c, k, LX_ORG | LX_EVENT | LX_MISC | LX_COUNTRY, NULL))
        return 0;
    size_t w = name_run(c, k, MAX_NAME_WORDS, end);
    if (w == 1 && foreign_word(c, k) && *end == k + 1 && !(nm_word(c, k) & ~LX_FOREIGN))
        return 1; /* "Tổng thống Putin", "ông Trump" */
    if (w < 2)
        return 0;
    /* a Vietnamese name is a surname and at most three syllables */
    if ((nm_word(c, k) & LX_SURNAME) && w > 4) {
        size_t e2;
        name_run(c, k, 4, &e2);
        *end = e2;
        w = 4;
    }
    return w;
}

static void take(nm_ctx *c, size_t a, size_t b)
{
    for (size_t x = a; x < b; x++)
        c->taken[x] |= TAKEN_PERSON;
}

/* A cue written in capitals (HLV, MC) counts only in capitals. */
static int case_fits(const nm_ctx *c, size_t i, size_t m, const nm_slot *sl)
{
    if (!(sl->flags & LX_CASED))
        return 1;
    for (size_t k = i; k < i + m; k++)
        if ((c->t[k].flags & T_WORD) && !(c->t[k].flags & T_ALLCAPS) && c->t[k].ke - c->t[k].ks > 1)
            return 0;
    return 1;
}

void nm_find_persons(nm_ctx *c)
{
    /* the strong person cues of cues.tsv (cầu thủ, HLV, ca sĩ, CEO) introduce a name too */
    const nm_flags trig = LX_RANK | LX_TITLE | LX_HONOR | LX_CUE(CUE_PER_BEFORE);
    for (size_t i = 0; i < c->n; i++) {
        const nm_slot *sl = NULL;
        size_t m = nm_phrase(c, i, trig, &sl);
        if (!m || !case_fits(c, i, m, sl))
            continue;
        size_t k = i + m;
        uint32_t rank_a = 0, rank_b = 0, title_a = 0, title_b = 0;
        if (sl->flags & LX_RANK) {
            rank_a = (uint32_t)i;
            rank_b = (uint32_t)k;
        } else if (sl->flags & LX_TITLE) {
            title_a = (uint32_t)i;
            title_b = (uint32_t)k;
        }
        /* more titles, an organisation, a country between the trigger and the name */
        for (int step = 0; step < 6 && k < c->n; step++) {
            if (c->t[k].flags & T_NL)
                break;
            size_t m2 = nm_phrase(c, k, trig, &sl);
            if (m2) {
                if ((sl->flags & LX_RANK) && rank_b == 0) {
                    rank_a = (uint32_t)k;
                    rank_b = (uint32_t)(k + m2);
                } else if ((sl->flags & LX_TITLE) && !(sl->flags & LX_RANK)) {
                    if (title_b == 0)
                        title_a = (uint32_t)k;
                    title_b = (uint32_t)(k + m2);
                }
                k += m2;
                continue;
            }
            if (!(c->t[k].flags & T_CAP)) {
                /* "Chủ tịch UBND thành phố Hà Nội Trần Sỹ Thanh": a unit and its place */
                size_t h = nm_phrase(c, k, LX_ADMIN, NULL);
                if (h && (c->t[k + h].flags & T_ENT) && c->t[k + h].ent_type == 'L') {
                    k = c->t[k + h].ent_end;
                    continue;
                }
                break;
            }
            /* a full Vietnamese name starts here, even with a surname that is also a head (Đoàn) */
            size_t vn = nm_vi_name_at(c, k);
            if (vn && !(vn < c->n && cap_next(c, vn)))
                break;
            size_t e = 0;
            if ((c->t[k].flags & T_ENT) && (c->t[k].ent_type == 'O' || c->t[k].ent_type == 'L'))
                e = c->t[k].ent_end;
            size_t o = nm_org_at(c, k);
            if (o > e)
                e = o;
            size_t m3 = nm_phrase(c, k, LX_COUNTRY, NULL);
            if (k + m3 > e)
                e = k + m3;
            /* a brand between the title and the name: "CEO Nvidia Jensen Huang" */
            size_t brand_end;
            if (e <= k && brand_word(c, k) && person_at(c, k + 1, &brand_end))
                e = k + 1;
            if (e <= k)
                break;
            if (title_b != 0 && title_b == k)
                title_b = (uint32_t)e;
            k = e;
        }
        size_t end;
        size_t w = person_at(c, k, &end);
        if (!w) {
            /* "Thứ trưởng Phụ trách Đối ngoại của Bộ Quốc phòng Nhật Bản Serizawa Kiyoshi" */
            for (size_t j = k; j < c->n && j < k + 12; j++) {
                if (j > k && (c->t[j].flags & T_NL))
                    break;
                if (!(c->t[j].flags & T_WORD) && !nm_punct(c, j, "-"))
                    break;
                size_t m3 = nm_phrase(c, j, LX_COUNTRY, NULL);
                if (m3 && (c->t[j].flags & T_CAP)) {
                    w = person_at(c, j + m3, &end);
                    if (w) {
                        k = j + m3;
                        break;
                    }
                    j += m3 - 1;
                }
            }
            if (!w)
                continue;
        }
        nm_found *f = nm_add(c, (uint32_t)k, (uint32_t)end, 'P', c->st->conf_per);
        if (!f)
            return;
        f->rank_a = rank_a;
        f->rank_b = rank_b;
        f->title_a = title_a;
        f->title_b = title_b;
        take(c, k, end);
        i = end - 1;
    }
}

/* Every token of [a, b) is free of earlier entities and of country names. */
static int clean_span(const nm_ctx *c, size_t a, size_t b)
{
    for (size_t x = a; x < b; x++) {
        if (c->taken[x])
            return 0;
        size_t m = nm_phrase(c, x, LX_COUNTRY, NULL);
        if (m && (x == a || m > 1))
            return 0;
    }
    return 1;
}

size_t nm_vi_name_at(const nm_ctx *c, size_t i)
{
    if (!name_word(c, i))
        return 0;
    const nm_slot *sl = NULL;
    if (!nm_phrase(c, i, LX_SURNAME, &sl) || sl->aux < c->st->min_surname)
        return 0;
    size_t j = i + 1;
    while (j < c->n && j < i + 4 && name_word(c, j) && !(c->t[j].flags & T_NL) && (nm_word(c, j) & LX_GIVEN))
        j++;
    return j > i + 1 ? j : 0;
}

void nm_find_structured(nm_ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        if (c->taken[i] || !name_word(c, i))
            continue;
        const nm_slot *sl = NULL;
        if (!nm_phrase(c, i, LX_SURNAME, &sl) || sl->aux < c->st->min_surname)
            continue;
        /* "Phó Tư lệnh", "Văn phòng": a title or a head word, not a name */
        if (nm_phrase(c, i, LX_TITLE | LX_RANK | LX_HONOR | LX_ORG | LX_EVENT | LX_MISC, NULL) > 1)
            continue;
        /* inside a longer capitalised phrase, or glued to "286-" (a ship's name) */
        if (i > 0 && !(c->t[i].flags & T_NL)) {
            const nm_tok *p = &c->t[i - 1];
            /* "Anh Phạm Văn Khải": a person cue at the start of a sentence is no part of a name */
            if ((p->flags & T_WORD) && (p->flags & T_CAP) &&
                !(nm_word(c, i - 1) & (LX_NOTNAME | LX_STOP | LX_HONOR | LX_CUE_ANY(CUE_PER_BEFORE))))
                continue;
            if (!(c->t[i].flags & T_SP) && !(p->flags & T_WORD))
                continue;
        }
        size_t j = i + 1;
        while (j < c->n && j < i + 5 && name_word(c, j) && !(c->t[j].flags & T_NL) &&
               (nm_word(c, j) & LX_GIVEN))
            j++;
        if (j == i + 1)
            continue;
        /* the capitalised run goes on: an organisation or a place, not a name */
        if (j < c->n && !(c->t[j].flags & T_NL) && (c->t[j].flags & T_CAP) && (c->t[j].flags & T_WORD))
            continue;
        if (j < c->n && nm_glued(c, j - 1) && !(c->t[j].flags & T_WORD) &&
            (nm_is(c, j, "-") || nm_is(c, j, "'")))
            continue;
        if (j - i > 4 || !clean_span(c, i, j))
            continue;
        if (!nm_add(c, (uint32_t)i, (uint32_t)j, 'P', c->st->conf_name))
            return;
        take(c, i, j);
        i = j - 1;
    }
    /* bylines and author lines: the whole segment is one or more names */
    if (!c->st->bylines)
        return;
    size_t ns = dp_doc_segment_count(c->doc);
    for (size_t k = 0; k < ns; k++) {
        const dp_segment *sg = dp_doc_segment_at(c->doc, k);
        if (!sg->kind || (strcmp(sg->kind, "byline") != 0 && strcmp(sg->kind, "author") != 0))
            continue;
        size_t a = 0, lo = 0, hi = c->n;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (c->t[mid].s < sg->start)
                lo = mid + 1;
            else
                hi = mid;
        }
        a = lo;
        while (a < c->n && c->t[a].e <= sg->end) {
            if (nm_punct(c, a, ":") || !name_word(c, a) || (c->taken[a] & 1)) {
                a++;
                continue;
            }
            size_t end, w = name_run(c, a, 5, &end);
            if (end > a && c->t[end - 1].e <= sg->end && w >= 2 && !(nm_word(c, a) & LX_NOTNAME) &&
                !(c->t[a].flags & T_ENT) && !nm_phrase(c, a, LX_ORG | LX_TITLE | LX_RANK, NULL)) {
                if (!nm_add(c, (uint32_t)a, (uint32_t)end, 'P', c->st->conf_per))
                    return;
                take(c, a, end);
            }
            a = end > a ? end : a + 1;
        }
    }
    /* photo credits: "(Ảnh: Phạm Tuân/TTXVN)" */
    for (size_t i = 0; i + 2 < c->n; i++) {
        if (!nm_is(c, i, "ảnh") || !nm_punct(c, i + 1, ":"))
            continue;
        size_t a = i + 2, end;
        if (c->taken[a] & 1)
            continue;
        if (!name_word(c, a) || (c->t[a].flags & T_ENT) || (nm_word(c, a) & LX_NOTNAME))
            continue;
        size_t w = name_run(c, a, 5, &end);
        if (w < 2)
            continue;
        if (end < c->n && !(c->t[end].flags & T_NL) && !nm_punct(c, end, "/") &&
            !nm_punct(c, end, ")") && !nm_punct(c, end, ",") && !nm_punct(c, end, ";"))
            continue;
        if (!nm_add(c, (uint32_t)a, (uint32_t)end, 'P', c->st->conf_per))
            return;
        take(c, a, end);
    }
}

/* Word i is spelled as no Vietnamese syllable is, or a foreign list knows it as a name. */
static int foreign_name_word(const nm_ctx *c, size_t i)
{
    if (nm_word(c, i) & (LX_FGIVEN | LX_FSURNAME))
        return 1;
    return !vi_is_syllable(c->text + c->t[i].s, c->t[i].e - c->t[i].s);
}

/*
 * Foreign persons by their shape: a foreign given name (Lionel, Max) and
 * capitalised words spelled as no Vietnamese syllable is (Messi, Verstappen),
 * or such words ending in a listed foreign surname.  Not inside a longer
 * capitalised phrase, not over an earlier entity, a country or a place.
 */
void nm_find_foreign(nm_ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        if (c->taken[i] || !name_word(c, i) || (nm_word(c, i) & LX_NOTNAME))
            continue;
        if (i > 0 && !(c->t[i].flags & T_NL) && name_word(c, i - 1))
            continue;
        size_t end, w = name_run(c, i, 4, &end);
        if (w < 2 || (end < c->n && name_word(c, end) && !(c->t[end].flags & T_NL)))
            continue;
        int ok = 1, words = 0;
        for (size_t k = i; k < end && ok; k++) {
            if (!name_word(c, k))
                continue; /* a hyphen, an apostrophe, a connector */
            nm_flags f = nm_word(c, k);
            if (c->taken[k] || (f & (LX_COUNTRY | LX_ORG | LX_EVENT | LX_MISC | LX_TITLE | LX_RANK)))
                ok = 0;
            else if ((f & (LX_PLACE | LX_AMBIG)) && !(f & (LX_FGIVEN | LX_FSURNAME)))
                ok = 0;
            else if (words > 0 && !foreign_name_word(c, k))
                ok = 0;
            words++;
        }
        if (!ok)
            continue;
        nm_flags first = nm_word(c, i), last = nm_word(c, end - 1);
        if (!(first & LX_FGIVEN) && !((last & LX_FSURNAME) && foreign_name_word(c, i)))
            continue;
        if (!nm_add(c, (uint32_t)i, (uint32_t)end, 'P', c->st->conf_name))
            return;
        take(c, i, end);
        i = end - 1;
    }
}
