/*
 * Places named by their kind: a head word of a place (đường, phố, quận,
 * phường, xã, cầu, sân bay …: place_heads and the LOC heads of cues.tsv)
 * and the name after it, a run of capitals, a number or both (đường Nguyễn
 * Trãi, quận 7, cầu Rạch Miễu 2, hẻm 1059 Huỳnh Tấn Phát).  The name of a
 * person after such a word names the place, so the structure rule does not
 * see it; after a school's or a ship's word (NOT_PER) it is no person either.
 * Lists after a plural (các phường Hàng Bạc, Hàng Bồ và Hàng Đào) give one
 * place per name; "số 12 Lê Lợi" is the street of an address.
 */
#include <string.h>

#include "names.h"

#define PLACE_HEADS (LX_LOCHEAD | LX_CUE_ANY(CUE_LOC_HEAD) | LX_CUE(CUE_NOT_PER))

static int cap_name_word(const nm_ctx *c, size_t i)
{
    return i < c->n && (c->t[i].flags & T_WORD) && (c->t[i].flags & T_CAP) && !(c->t[i].flags & T_NL);
}

/* A number or a number glued to letters (7, 1059, 1A, 21B) on the same line. */
static int number_word(const nm_ctx *c, size_t i)
{
    return i < c->n && (c->t[i].flags & T_WORD) && !(c->t[i].flags & T_NL) &&
           c->text[c->t[i].s] >= '0' && c->text[c->t[i].s] <= '9';
}

static int dash_at(const nm_ctx *c, size_t i)
{
    return nm_punct(c, i, "-") || nm_punct(c, i, "\xe2\x80\x93");
}

/* The longest head of a place at i (any case), honouring cues written in capitals; *fl its flags. */
static size_t head_at(const nm_ctx *c, size_t i, nm_flags *fl)
{
    const nm_slot *sl = NULL;
    size_t m = nm_phrase(c, i, PLACE_HEADS, &sl);
    if (!m)
        return 0;
    if (sl->flags & LX_CASED)
        for (size_t k = i; k < i + m; k++)
            if ((c->t[k].flags & T_WORD) && !(c->t[k].flags & T_ALLCAPS) && c->t[k].ke - c->t[k].ks > 1)
                return 0;
    *fl = sl->flags;
    return m;
}

/* A number of at most three digits, maybe glued to letters (7, 115, 1A, 21B): not a year. */
static int short_number(const nm_ctx *c, size_t i)
{
    return number_word(c, i) && c->t[i].e - c->t[i].s <= 3;
}

/* A frequent surname and a capital after it: a person's name starts at i. */
static int person_start(const nm_ctx *c, size_t i)
{
    const nm_slot *sl = NULL;
    return nm_phrase(c, i, LX_SURNAME, &sl) == 1 && sl->aux >= c->st->min_surname && cap_name_word(c, i + 1);
}

/* A word of a place's name at e: a capital that is no title, person or abbreviation of a term. */
static int place_word(const nm_ctx *c, size_t e)
{
    return cap_name_word(c, e) && !((c->t[e].flags & T_ENT) && c->t[e].ent_type != 'L') &&
           !(c->taken[e] & TAKEN_PERSON) && !((nm_word(c, e) & LX_TERM) && (c->t[e].flags & T_ALLCAPS)) &&
           !nm_phrase(c, e, LX_TITLE | LX_RANK, NULL);
}

/*
 * The name of a place from j: capitalised words (an earlier recognizer's
 * place among them taken whole, hyphenated parts glued, capitalised domains
 * with their lowercase syllables: Quốc gia), then a short number (Mỹ Đình
 * 1); or a number, then capitalised words (1059 Huỳnh Tấn Phát).  A dash
 * between two names makes one (Trung Lương – Mỹ Thuận).  Only abbreviations
 * (CGV) are no name.  Returns the end, or j.
 */
static size_t place_name(const nm_ctx *c, size_t j, int numbers)
{
    size_t e = j;
    for (int part = 0; part < 2; part++) {
        size_t s = e;
        if (numbers && number_word(c, e))
            e++;
        int words = 0, lower = 0;
        while (place_word(c, e)) {
            size_t m = 0;
            /* a person after a place: "UBND thành phố Hà Nội Trần Sỹ Thanh" */
            if (words && (c->t[e - 1].flags & T_ENT) == 0 && e > s && (c->taken[e - 1] & TAKEN_EARLIER) &&
                person_start(c, e))
                break;
            if ((c->t[e].flags & T_ENT) && c->t[e].ent_type == 'L')
                m = c->t[e].ent_end - e;
            else if ((m = nm_phrase(c, e, LX_DOMAIN, NULL)) < 2)
                m = 1;
            lower += !(c->t[e].flags & T_ALLCAPS);
            e += m;
            words++;
            while (e + 1 < c->n && nm_glued(c, e - 1) && dash_at(c, e) && nm_glued(c, e) &&
                   (c->t[e + 1].flags & T_WORD))
                e += 2;
        }
        if (words && !lower && !number_word(c, s))
            return j; /* "rạp CGV": a company */
        if (words && short_number(c, e) && !number_word(c, s))
            e++;
        if (e == s || !(dash_at(c, e) && cap_name_word(c, e + 1)))
            break;
        e++;
    }
    if (e > j && dash_at(c, e - 1))
        e--;
    return e;
}

/*
 * A lowercase head of one syllable after a word is often the end of another
 * word: "nhu cầu", "thị trường", "ven biển", "huy động".  It surely starts
 * a place after grammar words only (tại, trên, qua, các, là, ký …).
 */
static int head_starts_here(const nm_ctx *c, size_t i, size_t m)
{
    if (m > 1 || !(c->t[i].flags & T_LOWER) || i == 0 || (c->t[i].flags & T_NL))
        return 1;
    const nm_tok *p = &c->t[i - 1];
    /* after a capital inside a sentence it ends a word: "Biên bản", "Thành phố" */
    if ((p->flags & T_WORD) && (p->flags & T_CAP) && !(p->flags & T_NL) && i >= 2 && (c->t[i - 2].flags & T_WORD))
        return 0;
    /* a lowercase word, or a capitalised one that starts the sentence ("Nhu cầu …") */
    int starts = (p->flags & T_NL) || i < 2 || !(c->t[i - 2].flags & T_WORD);
    if (!(p->flags & T_WORD) || !((p->flags & T_LOWER) || ((p->flags & T_CAP) && starts)))
        return 1;
    return (nm_word(c, i - 1) & (LX_STOP | LX_ORDINAL | LX_CUE_ANY(CUE_LOC_BEFORE) | LX_CUE(CUE_END) |
                                 LX_LOCHEAD | LX_CUE(CUE_LOC_HEAD))) != 0;
}

/* Token i is a plural before a head: các, những, hai, ba … or a number. */
static int plural(const nm_ctx *c, size_t i)
{
    if (i >= c->n)
        return 0;
    return nm_is(c, i, "các") || nm_is(c, i, "những") || (nm_word(c, i) & LX_ORDINAL) ||
           (c->t[i].flags & T_DIGIT);
}

static void take_name(nm_ctx *c, size_t a, size_t b)
{
    for (size_t x = a; x < b; x++)
        c->taken[x] |= TAKEN_NAME;
}

/* "Hàng Bồ, Hàng Đào và Lý Thái Tổ" after the first place of a plural head: one place each. */
static size_t place_list(nm_ctx *c, size_t e)
{
    while (e + 1 < c->n && (nm_punct(c, e, ",") || nm_is(c, e, "và")) && cap_name_word(c, e + 1)) {
        size_t b = place_name(c, e + 1, 1);
        if (b == e + 1)
            break;
        if (!nm_add(c, (uint32_t)(e + 1), (uint32_t)b, 'L', c->st->conf_org))
            return e;
        take_name(c, e + 1, b);
        e = b;
    }
    return e;
}

/* "số 245 Nguyễn Trãi": the street of an address. */
static size_t address(nm_ctx *c, size_t i)
{
    if (!nm_is(c, i, "số") || !number_word(c, i + 1) || !cap_name_word(c, i + 2))
        return 0;
    size_t b = place_name(c, i + 2, 0);
    if (b <= i + 2)
        return 0;
    nm_add(c, (uint32_t)(i + 2), (uint32_t)b, 'L', c->st->conf_org);
    take_name(c, i + 2, b);
    return b;
}

void nm_find_places(nm_ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        if (!(c->t[i].flags & T_WORD) || (c->taken[i] & TAKEN_PERSON))
            continue;
        size_t a = address(c, i);
        if (a) {
            i = a - 1;
            continue;
        }
        nm_flags fl = 0;
        size_t m = head_at(c, i, &fl);
        if (!m)
            continue;
        /* an organisation's head of this length or longer is the organisation rule's */
        if (nm_phrase(c, i, LX_ORG | LX_CUE(CUE_ORG_HEAD), NULL) >= m && (c->t[i].flags & T_CAP))
            continue;
        int weak = !(fl & (LX_LOCHEAD | LX_CUE(CUE_LOC_HEAD) | LX_CUE(CUE_NOT_PER)));
        /* a capitalised weak head that is also a surname starts a person: Hồ Chí Minh */
        if ((c->t[i].flags & T_CAP) && (weak || (nm_word(c, i) & LX_SURNAME)) && m == 1)
            continue;
        int after_word = !head_starts_here(c, i, m);
        if (after_word && weak)
            continue;
        size_t j = i + m, h;
        nm_flags f2;
        while ((h = head_at(c, j, &f2)) > 0 && (f2 & LX_ADMIN) && !(c->t[j].flags & T_NL) &&
               !cap_name_word(c, j))
            j += h; /* "Nhà thi đấu tỉnh Vĩnh Phúc" */
        /* after a weak head (biển, vùng) or the end of a word (nhu cầu, toàn cầu) an earlier
         * recognizer's place stands alone */
        if ((weak || after_word) && j < c->n && (c->t[j].flags & T_ENT))
            continue;
        size_t e = place_name(c, j, !weak);
        if (e == j)
            continue;
        if (!(fl & (LX_LOCHEAD | LX_CUE_ANY(CUE_LOC_HEAD)))) {
            /* a NOT_PER word only (trường, tàu, giải thưởng): no person there, no place either */
            take_name(c, j, e);
            i = e - 1;
            continue;
        }
        if (!nm_add(c, (uint32_t)i, (uint32_t)e, 'L', c->st->conf_org))
            return;
        take_name(c, i, e);
        if (i > 0 && plural(c, i - 1))
            e = place_list(c, e);
        i = e - 1;
    }
}
