/*
 * names.h — shared types of the `names` recognizer (see README.md).
 *
 * names_lex.c   word and phrase lexicon (hash table over match keys)
 * names_tok.c   tokenizer over the document's match key
 * names_ctx.c   what the rules share: phrase lookups, token tests, the finds
 * names_per.c   persons: after triggers, by name structure, bylines, credits
 * names_org.c   organisations, events, documents and acronyms from head words
 * names_place.c places named by their kind (đường Nguyễn Trãi, quận 5)
 * names_match.c later short mentions of the persons found (document level)
 * names_shape.c unknown organisations from their Latin shape and cues
 *
 * recognizer_names.c (the plugin: options, init, process) calls the rules;
 * the rules call names_ctx.c and never the plugin file.
 */
#ifndef NAMES_H
#define NAMES_H

#include <stddef.h>
#include <stdint.h>

#include <docpipe/docpipe.h>

/* ---- lexicon ------------------------------------------------------------------ */

typedef uint64_t nm_flags;
#define NM_BIT(n) ((nm_flags)1 << (n))

#define LX_RANK NM_BIT(0)      /* Thượng tướng */
#define LX_TITLE NM_BIT(1)     /* Bộ trưởng, Thứ trưởng Quốc phòng */
#define LX_HONOR NM_BIT(2)     /* ông, bà, ngài, đồng chí, Tiến sĩ */
#define LX_SURNAME NM_BIT(3)   /* Nguyễn (aux: frequency) */
#define LX_GIVEN NM_BIT(4)     /* given or middle syllable of a Vietnamese name */
#define LX_COUNTRY NM_BIT(5)   /* Hàn Quốc */
#define LX_ORG NM_BIT(6)       /* head word of an organisation: Bộ, Học viện */
#define LX_EVENT NM_BIT(7)     /* head word of an event: Hội nghị */
#define LX_MISC NM_BIT(8)      /* head word of a document: Công ước */
#define LX_CONNECT NM_BIT(9)   /* lowercase name connector: bin, binti, van */
#define LX_STOP NM_BIT(10)     /* lowercase word that ends a name phrase: đã, tại, và */
#define LX_INNER NM_BIT(11)    /* lowercase words usual inside names: nhân dân, các nước */
#define LX_NOTNAME NM_BIT(12)  /* capitalised word that never starts a person's name */
#define LX_ORDINAL NM_BIT(13)  /* hai, ba … as in "lần thứ hai" */
#define LX_FGIVEN NM_BIT(14)   /* a foreign given name in Latin letters: Lionel */
#define LX_FSURNAME NM_BIT(15) /* a foreign surname in Latin letters: Fernandes */
#define LX_PLACE NM_BIT(16)    /* a city or first-level division abroad: Milan, Texas */
#define LX_DOMAIN NM_BIT(17)   /* a domain inside official names, any case: giao thông vận tải */
#define LX_LOCHEAD NM_BIT(18)  /* the kind of a place that starts its name: đường, cầu, sân bay */
#define LX_TERM NM_BIT(19)     /* an abbreviation that is no name by itself: GDP, USD, THPT */
#define LX_PREFIX NM_BIT(20)   /* the first words of a longer phrase (lets lookups stop early) */
#define LX_AMBIG NM_BIT(21)    /* a LX_PLACE row that is also a person's name or a word */
#define LX_ADMIN NM_BIT(22)    /* an administrative unit (as=admin): tỉnh, huyện, phường */
/* what the foreign lists and the phrase index say about a word (it is no Vietnamese word) */
#define LX_FOREIGN (LX_FGIVEN | LX_FSURNAME | LX_PLACE | LX_AMBIG | LX_PREFIX)

/*
 * Cue words (data/vi/cues.tsv): one bit per signal and position, strong and
 * weak apart.  A cue written in capitals (HLV, CLB, FC) matches capitals only.
 */
enum nm_cue {
    CUE_PER_BEFORE, CUE_PER_AFTER, CUE_PER_INSIDE, CUE_PER_SUFFIX,
    CUE_ORG_BEFORE, CUE_ORG_HEAD, CUE_ORG_SUFFIX, CUE_ORG_PREFIX, CUE_ORG_INSIDE,
    CUE_LOC_BEFORE, CUE_LOC_HEAD, CUE_LOC_SUFFIX,
    CUE_EVENT_BEFORE, CUE_EVENT_HEAD, CUE_EVENT_SUFFIX,
    CUE_MISC_BEFORE, CUE_MISC_HEAD,
    CUE_NOT_PER, CUE_END,
    CUE_COUNT
};
#define LX_CUE(k) NM_BIT(24 + (k))                  /* strong: enough next to a name */
#define LX_CUE_WEAK(k) NM_BIT(24 + CUE_COUNT + (k)) /* weak: with other evidence */
#define LX_CUE_ANY(k) (LX_CUE(k) | LX_CUE_WEAK(k))
#define LX_CASED NM_BIT(63)

typedef struct nm_slot {
    uint32_t off, len; /* key bytes in the pool */
    nm_flags flags;
    uint32_t aux;
    uint32_t maxw; /* most tokens of a phrase that starts with this key's first token */
} nm_slot;

typedef struct nm_lex {
    const dp_text_rules *rules; /* of the keys (the text's key uses the same) */
    char *pool;
    size_t pool_len, pool_cap;
    nm_slot *slots;
    size_t cap, n;
    int maxw; /* most tokens in one phrase */
} nm_lex;

int nm_lex_init(nm_lex *lx, const dp_text_rules *rules);
void nm_lex_free(nm_lex *lx);
/* Add a surface (any case, any tone placement) with flags; aux keeps the maximum. */
int nm_lex_add(nm_lex *lx, const char *surface, size_t len, nm_flags flags, uint32_t aux);
/* Look a match key up. */
const nm_slot *nm_lex_get(const nm_lex *lx, const char *key, size_t len);
/* A data file the lexicon reads (formats in data/README.md). */
typedef struct nm_list {
    const char *option;        /* the option naming the file */
    size_t min_cols, max_cols; /* the file's format */
    const char *columns;       /* its column names, for messages */
    const char *what;          /* what column `col` holds */
    int col;                   /* the column added to the lexicon */
    int kind_col;              /* >= 0: "honorific" there makes the row LX_HONOR; rows of a
                                  LX_COUNTRY list whose type there is not LOC are skipped */
    int count_col;             /* >= 0: the aux value (a frequency) */
    int attrs_col;             /* >= 0: the attributes column; ambiguous= there adds LX_AMBIG */
    nm_flags flags;
} nm_list;

/* Load a list through docpipe/tsv.h.  Returns rows, or -1 with "file:line: …" in err. */
long nm_lex_load_tsv(nm_lex *lx, const char *path, const nm_list *spec, char *err, size_t errlen);
/* The built-in head words, connectors and stop words. */
int nm_lex_builtin(nm_lex *lx);
/* The cue words (vi/cues.tsv): rows, or -1 with "file:line: …" in err. */
long nm_load_cues(nm_lex *lx, const char *path, char *err, size_t errlen);
/*
 * A vocabulary file of the glossary (data/vi-en, columns vi, en, kind[, note]): heads
 * of names get `heads`, term rows `terms`; as=admin adds LX_LOCHEAD, an
 * abbreviation with alone=term|no LX_TERM.  Rows, or -1 with the error.
 */
long nm_load_vocab(nm_lex *lx, const char *path, nm_flags heads, nm_flags terms, char *err,
                   size_t errlen);

/* ---- tokens ------------------------------------------------------------------- */

enum {
    T_WORD = 1u << 0,    /* letters or digits */
    T_CAP = 1u << 1,     /* starts with an uppercase letter */
    T_ALLCAPS = 1u << 2, /* two or more letters, none lowercase */
    T_DIGIT = 1u << 3,   /* only digits */
    T_NL = 1u << 4,      /* a line break precedes it */
    T_SP = 1u << 5,      /* white space precedes it */
    T_LOWER = 1u << 6,   /* starts with a lowercase letter */
    T_ENT = 1u << 7      /* an earlier recognizer's entity starts here */
};

typedef struct nm_tok {
    uint32_t ks, ke;   /* match-key bytes */
    uint32_t s, e;     /* text bytes */
    uint32_t flags;
    uint32_t ent_end;  /* T_ENT: token index just past the longest entity starting here */
    uint32_t ent_type; /* T_ENT: 'P','O','L','E','M','D' */
    const struct nm_slot *slot; /* the lexicon's entry of this one token, or NULL */
} nm_tok;

/* Tokenize a match key (with map back to text); *out malloc'ed. */
int nm_tokenize(const char *text, size_t len, const char *key, size_t klen, const size_t *map,
                nm_tok **out, size_t *n);

/* ---- recognition -------------------------------------------------------------- */

typedef struct nm_state {
    nm_lex lx;
    unsigned min_surname;
    int structure, org, event, misc, acronyms, bylines, mentions;
    double conf_per, conf_name, conf_org;
} nm_state;

typedef struct nm_found {
    uint32_t a, b; /* token range [a, b) */
    char type;     /* 'P','O','E','M' */
    double conf;
    uint32_t rank_a, rank_b, title_a, title_b; /* token ranges of attributes, 0/0: none */
    const char *attr_key, *attr_val;           /* one extra static attribute */
    uint32_t acr_of;                            /* 1 + index of the expansion, 0: none */
    uint32_t ref_a, ref_b;                      /* a later mention: the first one, 0/0: none */
} nm_found;

/* What covers a token already. */
#define TAKEN_PERSON 1 /* a person found here */
#define TAKEN_EARLIER 2 /* an entity of an earlier recognizer */
#define TAKEN_NAME 8   /* an organisation, event or document found here */

typedef struct nm_ctx {
    const nm_state *st;
    dp_doc *doc;
    const char *text;
    size_t len;
    const char *key;
    nm_tok *t;
    size_t n;
    uint8_t *taken; /* per token: TAKEN_* bits */
    nm_found *f;
    size_t nf, capf;
    int oom;
} nm_ctx;

/* Longest phrase with any of `mask` at token i; returns its token count (0: none). */
size_t nm_phrase(const nm_ctx *c, size_t i, nm_flags mask, const nm_slot **slot);
/* Flags of the single token i (0 when not in the lexicon). */
nm_flags nm_word(const nm_ctx *c, size_t i);
/* Tokens i and i+1 are glued (no space between). */
int nm_glued(const nm_ctx *c, size_t i);
nm_found *nm_add(nm_ctx *c, uint32_t a, uint32_t b, char type, double conf);
/* The key of token i equals the NUL-terminated s. */
int nm_is(const nm_ctx *c, size_t i, const char *s);
/* Token i is the punctuation character p (a non-word token whose key is p). */
int nm_punct(const nm_ctx *c, size_t i, const char *p);

void nm_find_persons(nm_ctx *c);
void nm_find_structured(nm_ctx *c);
/* Foreign persons by shape: a foreign given name and Latin words no Vietnamese syllable spells. */
void nm_find_foreign(nm_ctx *c);
/* A Vietnamese name by its structure at i (frequent surname, 1–3 given syllables): its end, or 0. */
size_t nm_vi_name_at(const nm_ctx *c, size_t i);
void nm_find_named(nm_ctx *c);
/* Places named by their kind (đường Nguyễn Trãi, quận 7), in names_place.c. */
void nm_find_places(nm_ctx *c);
void nm_find_acronyms(nm_ctx *c);
/* Later short mentions of the persons found (Messi, Mai Anh), in names_match.c. */
void nm_match_mentions(nm_ctx *c);
/* Unknown names of organisations from their Latin shape and cues, in names_shape.c. */
void nm_find_unknown(nm_ctx *c);
/* ORG phrase (head + body) at i: its end token, or 0. */
size_t nm_org_at(const nm_ctx *c, size_t i);

#endif
