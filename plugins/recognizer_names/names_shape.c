/*
 * Unknown names from their shape: a run of capitalised words written in
 * Latin letters the way no Vietnamese syllable is (Samsung, Liverpool),
 * with capitals inside (VietinBank, TikTok) or all in capitals (BIDV), that
 * no list knows, is the name of a company, club or brand — an ORG — when
 * an organisation cue stands before it (hãng, ngân hàng, CLB, đội), a
 * suffix or prefix of organisations is part of it (Group, Airways, FC,
 * Real) or, for words of three letters or more, by itself: in Vietnamese
 * news a foreign word no list knows as a person or a place is most often a
 * company or a club.  Persons are found earlier (names_per.c,
 * names_match.c), places abroad come from the lists.
 */
#include <string.h>

#include "names.h"
#include "vi/vi_text.h"

/* Lists that say a word is something else than an unknown organisation's name. */
#define KNOWN (LX_RANK | LX_TITLE | LX_HONOR | LX_COUNTRY | LX_ORG | LX_EVENT | LX_MISC | LX_NOTNAME | \
               LX_TERM | LX_LOCHEAD | LX_DOMAIN | LX_STOP | LX_SURNAME | LX_GIVEN | LX_FGIVEN | LX_FSURNAME | \
               LX_PLACE | LX_AMBIG | LX_CUE_ANY(CUE_PER_BEFORE) | LX_CUE_ANY(CUE_LOC_HEAD) | LX_CUE(CUE_END))
#define ORG_AFFIX (LX_CUE_ANY(CUE_ORG_SUFFIX) | LX_CUE_ANY(CUE_ORG_PREFIX))

static int cap_word(const nm_ctx *c, size_t i)
{
    return i < c->n && (c->t[i].flags & T_WORD) && (c->t[i].flags & T_CAP) && !(c->t[i].flags & T_DIGIT);
}

/* Capitals after the first letter (VietinBank, TikTok, BIDV). */
static int inner_capital(const nm_ctx *c, size_t i)
{
    for (uint32_t x = c->t[i].s + 1; x < c->t[i].e; x++)
        if (c->text[x] >= 'A' && c->text[x] <= 'Z')
            return 1;
    return 0;
}

/* A capitalised word of Latin letters spelled as no Vietnamese syllable, or with capitals inside. */
static int latin_word(const nm_ctx *c, size_t i)
{
    if (!cap_word(c, i) || c->taken[i] || (c->t[i].flags & T_ENT))
        return 0;
    const nm_tok *t = &c->t[i];
    for (uint32_t x = t->s; x < t->e; x++) {
        unsigned char ch = (unsigned char)c->text[x];
        if (ch >= 0x80 || (ch >= '0' && ch <= '9'))
            return 0; /* Vietnamese letters, or a model number (A16) */
    }
    return inner_capital(c, i) || !vi_is_syllable(c->text + t->s, t->e - t->s);
}

/* An affix of organisations written as the cue is (Group, FC, Real): part of the name. */
static size_t affix_at(const nm_ctx *c, size_t i)
{
    const nm_slot *sl = NULL;
    size_t m = cap_word(c, i) ? nm_phrase(c, i, ORG_AFFIX, &sl) : 0;
    if (!m || (c->t[i].flags & T_NL))
        return 0;
    if (sl->flags & LX_CASED)
        for (size_t k = i; k < i + m; k++)
            if ((c->t[k].flags & T_WORD) && !(c->t[k].flags & T_ALLCAPS) && c->t[k].ke - c->t[k].ks > 1)
                return 0;
    return m;
}

/* A cue before i that says what follows is no organisation: a place (tại, sân), a work or product (phim, mẫu). */
static int other_cue_before(const nm_ctx *c, size_t i)
{
    const nm_flags other = LX_CUE(CUE_LOC_BEFORE) | LX_CUE_ANY(CUE_MISC_BEFORE) | LX_CUE_ANY(CUE_EVENT_BEFORE) |
                           LX_CUE_ANY(CUE_EVENT_HEAD) | LX_CUE_ANY(CUE_PER_BEFORE) | LX_HONOR | LX_TITLE;
    for (size_t back = 1; back <= 3 && back <= i; back++)
        if (nm_phrase(c, i - back, other, NULL) == back)
            return 1;
    return i > 0 && nm_is(c, i - 1, "sân");
}

/* An organisation cue ends right before i: "hãng Samsung", "ngân hàng BIDV", "CLB Arsenal". */
static int org_cue_before(const nm_ctx *c, size_t i)
{
    for (size_t back = 1; back <= 3 && back <= i; back++) {
        size_t s = i - back;
        size_t m = nm_phrase(c, s, LX_CUE_ANY(CUE_ORG_BEFORE) | LX_CUE_ANY(CUE_ORG_HEAD) | LX_ORG, NULL);
        if (m == back && !(c->t[i].flags & T_NL))
            return 1;
    }
    return 0;
}

void nm_find_unknown(nm_ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        size_t pre = affix_at(c, i);
        if (!pre && !latin_word(c, i))
            continue;
        /* inside a longer capitalised phrase another rule reads */
        if (i > 0 && !(c->t[i].flags & T_NL) && cap_word(c, i - 1) && !org_cue_before(c, i))
            continue;
        size_t j = i + pre, words = 0, affix = pre, letters = 0;
        int known = 0, event = 0;
        for (;;) {
            size_t m = affix_at(c, j);
            if (m && j > i) {
                j += m;
                affix++;
                continue;
            }
            if (!latin_word(c, j) || (j > i && (c->t[j].flags & T_NL)))
                break;
            known |= (nm_word(c, j) & KNOWN) != 0 || nm_phrase(c, j, LX_PLACE | LX_COUNTRY, NULL) > 0;
            event |= nm_phrase(c, j, LX_CUE_ANY(CUE_EVENT_SUFFIX), NULL) > 0;
            letters += c->t[j].e - c->t[j].s;
            j++;
            words++;
            /* a glued number or a hyphen keeps the name together: Cienco-4, Wi-Fi */
            while (j + 1 < c->n && nm_glued(c, j - 1) && nm_punct(c, j, "-") && nm_glued(c, j) &&
                   (c->t[j + 1].flags & T_WORD))
                j += 2;
        }
        if (!words) {
            i = j > i ? j - 1 : i;
            continue;
        }
        /* the capitalised run goes on with Vietnamese words: another rule's name */
        if (cap_word(c, j) && !(c->t[j].flags & T_NL)) {
            i = j - 1;
            continue;
        }
        int cue = org_cue_before(c, i);
        int evidence = cue || affix;
        /* a unit after a number (300 Mbps); a model number after it, a product (Redmi Note 14) */
        int unit = i > 0 && (c->t[i - 1].flags & T_DIGIT) && !(c->t[i].flags & T_NL);
        int product = j < c->n && !(c->t[j].flags & T_NL) && (c->t[j].flags & T_WORD) &&
                      c->text[c->t[j].s] >= '0' && c->text[c->t[j].s] <= '9';
        if ((known || event || unit || product || other_cue_before(c, i)) && !evidence) {
            i = j - 1;
            continue;
        }
        /* all capitals alone (USD, GDP, AI) are terms as often as names: only with a cue */
        if (!evidence && (letters < 3 || (c->t[i].flags & T_ALLCAPS))) {
            i = j - 1;
            continue;
        }
        if (!nm_add(c, (uint32_t)i, (uint32_t)j, 'O', evidence ? c->st->conf_org : c->st->conf_name - 0.1))
            return;
        for (size_t x = i; x < j; x++)
            c->taken[x] |= TAKEN_NAME;
        i = j - 1;
    }
}
