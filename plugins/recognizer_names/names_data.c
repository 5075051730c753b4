/*
 * The data files beyond the name lists (formats in data/README.md): the cue
 * words around names (vi/cues.tsv) and the vocabulary of official names that
 * the glossary files write down (data/vi-en: heads of organisations and of
 * places, domains, abbreviations).  Both only add flags to the lexicon.
 */
#include <stdio.h>
#include <string.h>

#include "names.h"

/* The cue bit of a (signal, position) pair, or -1 for a pair the rules do not read. */
static int cue_kind(const char *signal, const char *position)
{
    static const struct {
        const char *signal, *position;
        int kind;
    } pairs[] = {
        { "PER", "before", CUE_PER_BEFORE },     { "PER", "after", CUE_PER_AFTER },
        { "PER", "inside", CUE_PER_INSIDE },     { "PER", "suffix", CUE_PER_SUFFIX },
        { "ORG", "before", CUE_ORG_BEFORE },     { "ORG", "head", CUE_ORG_HEAD },
        { "ORG", "suffix", CUE_ORG_SUFFIX },     { "ORG", "prefix", CUE_ORG_PREFIX },
        { "ORG", "inside", CUE_ORG_INSIDE },     { "LOC", "before", CUE_LOC_BEFORE },
        { "LOC", "head", CUE_LOC_HEAD },         { "LOC", "suffix", CUE_LOC_SUFFIX },
        { "EVENT", "before", CUE_EVENT_BEFORE }, { "EVENT", "head", CUE_EVENT_HEAD },
        { "EVENT", "suffix", CUE_EVENT_SUFFIX }, { "MISC", "before", CUE_MISC_BEFORE },
        { "MISC", "head", CUE_MISC_HEAD },       { "NOT_PER", "before", CUE_NOT_PER },
        { "END", "after", CUE_END },
    };
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
        if (strcmp(pairs[i].signal, signal) == 0 && strcmp(pairs[i].position, position) == 0)
            return pairs[i].kind;
    return -1;
}

/* Written all in capitals (HLV, TP., S.A.): it then matches capitals only. */
static int all_caps(const char *s, size_t len)
{
    size_t p = 0;
    int letters = 0;
    while (p < len) {
        int32_t cp = dp_utf8_next(s, len, &p);
        if (cp < 0 || dp_char_is_lower(cp))
            return 0;
        letters += dp_char_is_upper(cp);
    }
    return letters > 0;
}

static long fail_with(dp_tsv *t, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s", dp_tsv_error(t));
    dp_tsv_close(t);
    return -1;
}

long nm_load_cues(nm_lex *lx, const char *path, char *err, size_t errlen)
{
    dp_tsv *t = dp_tsv_open(path);
    if (!t) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    dp_tsv_expect(t, 4, 5, "cue, signal, position, strength[, note]");
    dp_tsv_row row;
    long rows = 0;
    int rc;
    while ((rc = dp_tsv_next(t, &row)) > 0) {
        if (!*row.col[0]) {
            dp_tsv_fail(t, "empty cue");
            return fail_with(t, err, errlen);
        }
        int strong = strcmp(row.col[3], "strong") == 0;
        if (!strong && strcmp(row.col[3], "weak") != 0) {
            dp_tsv_fail(t, "strength must be strong or weak, not '%s'", row.col[3]);
            return fail_with(t, err, errlen);
        }
        int kind = cue_kind(row.col[1], row.col[2]);
        if (kind < 0)
            continue; /* a valid pair no rule of this plugin reads */
        nm_flags f = strong ? LX_CUE(kind) : LX_CUE_WEAK(kind);
        if (all_caps(row.col[0], row.len[0]))
            f |= LX_CASED;
        if (nm_lex_add(lx, row.col[0], row.len[0], f, 0) < 0) {
            dp_tsv_fail(t, "out of memory");
            return fail_with(t, err, errlen);
        }
        rows++;
    }
    if (rc < 0)
        return fail_with(t, err, errlen);
    dp_tsv_close(t);
    return rows;
}

/* Whether the note column says key=value. */
static int note_is(const dp_tsv_row *row, const char *key, const char *value)
{
    if (row->n < 4)
        return 0;
    size_t vl;
    const char *v = dp_tsv_attr(row->col[3], row->len[3], key, &vl);
    return v && vl == strlen(value) && memcmp(v, value, vl) == 0;
}

/*
 * Which flags a vocabulary row gives: heads of names (kind head, head_of,
 * head_keep, meeting) get `heads`; term rows get `terms`; with as=admin a
 * term is the kind of a place (tỉnh, huyện); an abbreviation that names
 * nothing alone (alone=term or alone=no) is LX_TERM.
 */
static nm_flags vocab_flags(const dp_tsv_row *row, nm_flags heads, nm_flags terms)
{
    const char *kind = row->col[2];
    nm_flags f = 0;
    if (strcmp(kind, "head") == 0 || strcmp(kind, "head_of") == 0 || strcmp(kind, "head_keep") == 0 ||
        strcmp(kind, "meeting") == 0)
        f |= heads;
    else if (strcmp(kind, "term") == 0)
        f |= terms;
    if (note_is(row, "as", "admin"))
        f |= LX_LOCHEAD | LX_ADMIN;
    if (note_is(row, "alone", "term") || note_is(row, "alone", "no"))
        f |= LX_TERM;
    return f;
}

long nm_load_vocab(nm_lex *lx, const char *path, nm_flags heads, nm_flags terms, char *err,
                   size_t errlen)
{
    dp_tsv *t = dp_tsv_open(path);
    if (!t) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    dp_tsv_expect(t, 3, 4, "vi, en, kind[, note]");
    dp_tsv_row row;
    long rows = 0;
    int rc;
    while ((rc = dp_tsv_next(t, &row)) > 0) {
        if (!*row.col[0]) {
            dp_tsv_fail(t, "empty vi column");
            return fail_with(t, err, errlen);
        }
        nm_flags f = vocab_flags(&row, heads, terms);
        if (!f)
            continue;
        if (nm_lex_add(lx, row.col[0], row.len[0], f, 0) < 0) {
            dp_tsv_fail(t, "out of memory");
            return fail_with(t, err, errlen);
        }
        rows++;
    }
    if (rc < 0)
        return fail_with(t, err, errlen);
    dp_tsv_close(t);
    return rows;
}
