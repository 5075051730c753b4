/*
 * templates.c — feature templates.
 *
 * A template is one atom or a conjunction of atoms joined by '|':
 *
 *   bias              always on (a per-label prior)
 *   word[k]           the token k places away as written
 *   lower[k]          its match key (case-folded, canonical tone placement)
 *   shape[k]          X/x/d shape with runs collapsed ("Xx", "d/d", "X-d")
 *   prefixN[k]        first N (1-4) code points of the key
 *   suffixN[k]        last N (1-4) code points of the key
 *   caps[k]           capitalisation pattern of the run of capitalised syllables
 *   gaz[k]            list matches: one feature per (B|I, type) the token is in
 *
 * k is -2..2; a template has at most one gaz atom.  Outside the sentence an
 * atom reads a boundary value (one per side and atom kind, observe.c); gaz[]
 * there, or on a token in no list, yields no feature.  A feature is the 64-bit
 * hash of the template's canonical text and the atoms' values.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tagger.h"

const char *const tg_default_templates[] = {
    "bias",
    "word[0]",
    "lower[-2]", "lower[-1]", "lower[0]", "lower[1]", "lower[2]",
    "lower[-1]|lower[0]", "lower[0]|lower[1]",
    "shape[-1]", "shape[0]", "shape[1]",
    "shape[-1]|shape[0]", "shape[0]|shape[1]",
    "prefix2[0]", "suffix2[0]", "suffix3[0]",
    "caps[-1]", "caps[0]", "caps[1]",
    "caps[-1]|caps[0]|caps[1]",
    "lower[-1]|caps[0]", "caps[0]|lower[1]",
    "gaz[-1]", "gaz[0]", "gaz[1]",
    "gaz[0]|caps[0]",
};
const size_t tg_default_templates_n = sizeof tg_default_templates / sizeof tg_default_templates[0];

static const struct {
    const char *name;
    uint8_t kind;
} atom_names[] = {
    { "word", TG_A_WORD },   { "lower", TG_A_LOWER },   { "shape", TG_A_SHAPE },
    { "prefix", TG_A_PREFIX }, { "suffix", TG_A_SUFFIX }, { "caps", TG_A_CAPS },
    { "gaz", TG_A_GAZ },
};

static const char *kind_name(uint8_t kind)
{
    if (kind == TG_A_BIAS) return "bias";
    for (size_t i = 0; i < sizeof atom_names / sizeof atom_names[0]; i++)
        if (atom_names[i].kind == kind) return atom_names[i].name;
    return "?";
}

/* Parse one atom s[0..len); 0 or -1. */
static int parse_atom(const char *s, size_t len, tg_atom *a)
{
    while (len && (*s == ' ' || *s == '\t')) { s++; len--; }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
    if (len == 4 && !memcmp(s, "bias", 4)) {
        *a = (tg_atom){ TG_A_BIAS, 0, 0, 0 };
        return 0;
    }
    const char *br = memchr(s, '[', len);
    if (!br || s[len - 1] != ']') return -1;
    size_t nlen = (size_t)(br - s);
    a->kind = 0;
    a->n = 0;
    a->field = 0;
    for (size_t i = 0; i < sizeof atom_names / sizeof atom_names[0]; i++) {
        size_t l = strlen(atom_names[i].name);
        if (nlen < l || memcmp(s, atom_names[i].name, l)) continue;
        uint8_t k = atom_names[i].kind;
        if (k == TG_A_PREFIX || k == TG_A_SUFFIX) {
            if (nlen != l + 1 || s[l] < '1' || s[l] > '0' + TG_AFFIX_MAX) return -1;
            a->n = (uint8_t)(s[l] - '0');
        } else if (nlen != l) {
            continue;
        }
        a->kind = k;
        break;
    }
    if (!a->kind) return -1;
    char num[8];
    size_t dl = len - nlen - 2;
    if (dl == 0 || dl >= sizeof num) return -1;
    memcpy(num, br + 1, dl);
    num[dl] = '\0';
    char *end;
    long off = strtol(num, &end, 10);
    if (*end || off < -TG_MAX_OFFSET || off > TG_MAX_OFFSET) return -1;
    a->offset = (int8_t)off;
    return 0;
}

static int canonical(const tg_template *t, char *out, size_t size)
{
    size_t used = 0;
    for (unsigned i = 0; i < t->n_atoms; i++) {
        const tg_atom *a = &t->atoms[i];
        int w;
        if (a->kind == TG_A_BIAS) w = snprintf(out + used, size - used, "%sbias", i ? "|" : "");
        else if (a->n) w = snprintf(out + used, size - used, "%s%s%u[%d]", i ? "|" : "", kind_name(a->kind), a->n, a->offset);
        else w = snprintf(out + used, size - used, "%s%s[%d]", i ? "|" : "", kind_name(a->kind), a->offset);
        if (w < 0 || (size_t)w >= size - used) return -1;
        used += (size_t)w;
    }
    return 0;
}

static uint16_t field_of(const tg_atom *a)
{
    switch (a->kind) {
    case TG_A_WORD: return offsetof(tg_obs, word);
    case TG_A_LOWER: return offsetof(tg_obs, lower);
    case TG_A_SHAPE: return offsetof(tg_obs, shape);
    case TG_A_PREFIX: return (uint16_t)(offsetof(tg_obs, prefix) + (a->n - 1u) * sizeof(uint64_t));
    case TG_A_SUFFIX: return (uint16_t)(offsetof(tg_obs, suffix) + (a->n - 1u) * sizeof(uint64_t));
    default: return offsetof(tg_obs, caps_hash);
    }
}

void tg_templates_free(tg_templates *t)
{
    free(t->v);
    free(t->text);
    memset(t, 0, sizeof *t);
}

int tg_templates_parse(const char *const *specs, size_t n, tg_templates *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (n == 0) { snprintf(err, errlen, "no feature templates"); return -1; }
    out->v = calloc(n, sizeof *out->v);
    size_t tcap = n * 64 + 1, tlen = 0;
    out->text = malloc(tcap);
    if (!out->v || !out->text) { snprintf(err, errlen, "out of memory"); tg_templates_free(out); return -1; }
    out->text[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        tg_template *t = &out->v[i];
        const char *s = specs[i];
        size_t len = strlen(s);
        while (len > 0) {
            const char *bar = memchr(s, '|', len);
            size_t alen = bar ? (size_t)(bar - s) : len;
            if (t->n_atoms == TG_MAX_ATOMS) {
                snprintf(err, errlen, "template '%s': more than %d atoms", specs[i], TG_MAX_ATOMS);
                tg_templates_free(out);
                return -1;
            }
            if (parse_atom(s, alen, &t->atoms[t->n_atoms]) < 0) {
                snprintf(err, errlen,
                         "template '%s': bad atom '%.*s' (expected bias, or word, lower, shape, prefix1-4, "
                         "suffix1-4, caps, gaz with an offset [-2..2], e.g. lower[-1])",
                         specs[i], (int)alen, s);
                tg_templates_free(out);
                return -1;
            }
            if (t->atoms[t->n_atoms].kind == TG_A_GAZ) {
                for (unsigned j = 0; j < t->n_atoms; j++) {
                    if (t->atoms[j].kind == TG_A_GAZ) {
                        snprintf(err, errlen, "template '%s': at most one gaz atom", specs[i]);
                        tg_templates_free(out);
                        return -1;
                    }
                }
            }
            const tg_atom *at = &t->atoms[t->n_atoms];
            if (at->kind == TG_A_WORD) out->needs |= TG_NEED_WORD;
            if (at->kind == TG_A_SHAPE) out->needs |= TG_NEED_SHAPE;
            if (at->kind == TG_A_PREFIX) out->needs |= TG_NEED_PREFIX(at->n);
            if (at->kind == TG_A_SUFFIX) out->needs |= TG_NEED_SUFFIX(at->n);
            t->n_atoms++;
            if (!bar) break;
            len -= alen + 1;
            s = bar + 1;
            if (len == 0) {
                snprintf(err, errlen, "template '%s': nothing after '|'", specs[i]);
                tg_templates_free(out);
                return -1;
            }
        }
        char canon[256];
        if (t->n_atoms == 0 || canonical(t, canon, sizeof canon) < 0) {
            snprintf(err, errlen, "template '%s': empty or too long", specs[i]);
            tg_templates_free(out);
            return -1;
        }
        for (size_t j = 0; j < i; j++) {
            if (out->v[j].seed == tg_fnv1a(TG_FNV_OFFSET, canon, strlen(canon))) {
                snprintf(err, errlen, "template '%s' is listed twice", canon);
                tg_templates_free(out);
                return -1;
            }
        }
        t->seed = tg_fnv1a(TG_FNV_OFFSET, canon, strlen(canon));
        t->start = t->seed;
        for (unsigned j = 0; j < t->n_atoms; j++) {
            tg_atom a = t->atoms[j];
            if (a.kind == TG_A_BIAS) {
                t->start = tg_step(t->start, 1);
            } else if (a.kind == TG_A_GAZ) {
                t->has_gaz = 1;
                t->gaz_offset = a.offset;
            } else {
                a.field = field_of(&a);
                t->values[t->n_values++] = a;
            }
        }
        size_t cl = strlen(canon);
        if (tlen + cl + 2 > tcap) {
            snprintf(err, errlen, "out of memory");
            tg_templates_free(out);
            return -1;
        }
        memcpy(out->text + tlen, canon, cl);
        tlen += cl;
        out->text[tlen++] = '\n';
        out->text[tlen] = '\0';
        out->n++;
    }
    return 0;
}

int tg_templates_parse_text(const char *text, size_t len, tg_templates *out, char *err, size_t errlen)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += text[i] == '\n';
    char *copy = malloc(len + 1);
    const char **specs = calloc(n ? n : 1, sizeof *specs);
    if (!copy || !specs) {
        free(copy);
        free((void *)specs);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    size_t k = 0;
    for (char *p = copy, *nl; k < n && (nl = strchr(p, '\n')); p = nl + 1) {
        *nl = '\0';
        specs[k++] = p;
    }
    int rc = tg_templates_parse(specs, k, out, err, errlen);
    free(copy);
    free((void *)specs);
    return rc;
}

size_t tg_features_max(const tg_templates *t)
{
    return t->n * TG_MAX_FEATS_PER_TEMPLATE;
}

size_t tg_features(const tg_templates *t, const tg_obs *obs, size_t n, size_t i, uint64_t *out, size_t cap)
{
    (void)n; /* the padding of obs holds the boundary values */
    size_t count = 0;
    const tg_obs *at = obs + i;
    for (size_t k = 0; k < t->n; k++) {
        const tg_template *tp = &t->v[k];
        uint64_t h = tp->start;
        for (unsigned j = 0; j < tp->n_values; j++) {
            const tg_atom *a = &tp->values[j];
            uint64_t v;
            memcpy(&v, (const char *)(at + a->offset) + a->field, sizeof v);
            h = tg_step(h, v);
        }
        if (!tp->has_gaz) {
            if (count < cap) out[count++] = h;
            continue;
        }
        for (uint32_t bits = at[tp->gaz_offset].gaz; bits; bits &= bits - 1)
            if (count < cap) out[count++] = tg_step(h, 0x6A2000u + (unsigned)__builtin_ctz(bits));
    }
    return count;
}
