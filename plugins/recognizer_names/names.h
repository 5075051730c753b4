/*
 * names.h — shared types of the `names` recognizer (see README.md).
 *
 * names_lex.c   word and phrase lexicon (hash table over match keys)
 * names_tok.c   tokenizer over the document's match key
 * names_ctx.c   what the rules share: phrase lookups, token tests, the finds
 * names_per.c   persons: after triggers, by name structure, bylines, credits
 * names_org.c   organisations, events, documents and acronyms from head words
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

enum {
    LX_RANK = 1u << 0,     /* Thượng tướng */
    LX_TITLE = 1u << 1,    /* Bộ trưởng, Thứ trưởng Quốc phòng */
    LX_HONOR = 1u << 2,    /* ông, bà, ngài, đồng chí, Tiến sĩ */
    LX_SURNAME = 1u << 3,  /* Nguyễn (aux: frequency) */
    LX_GIVEN = 1u << 4,    /* given or middle syllable of a Vietnamese name */
    LX_COUNTRY = 1u << 5,  /* Hàn Quốc */
    LX_ORG = 1u << 6,      /* head word of an organisation: Bộ, Học viện */
    LX_EVENT = 1u << 7,    /* head word of an event: Hội nghị */
    LX_MISC = 1u << 8,     /* head word of a document: Công ước */
    LX_CONNECT = 1u << 9,  /* lowercase name connector: bin, binti */
    LX_STOP = 1u << 10,    /* lowercase word that ends a name phrase: đã, tại, và */
    LX_INNER = 1u << 11,   /* lowercase words usual inside names: nhân dân, các nước */
    LX_NOTNAME = 1u << 12, /* capitalised word that never starts a person's name */
    LX_ORDINAL = 1u << 13, /* hai, ba … as in "lần thứ hai" */
    LX_PREFIX = 1u << 20   /* the first words of a longer phrase (lets lookups stop early) */
};

typedef struct nm_slot {
    uint32_t off, len; /* key bytes in the pool */
    uint32_t flags;
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
int nm_lex_add(nm_lex *lx, const char *surface, size_t len, uint32_t flags, uint32_t aux);
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
    uint32_t flags;
} nm_list;

/* Load a list through docpipe/tsv.h.  Returns rows, or -1 with "file:line: …" in err. */
long nm_lex_load_tsv(nm_lex *lx, const char *path, const nm_list *spec, char *err, size_t errlen);
/* The built-in head words, connectors and stop words. */
int nm_lex_builtin(nm_lex *lx);

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
} nm_tok;

/* Tokenize a match key (with map back to text); *out malloc'ed. */
int nm_tokenize(const char *text, size_t len, const char *key, size_t klen, const size_t *map,
                nm_tok **out, size_t *n);

/* ---- recognition -------------------------------------------------------------- */

typedef struct nm_state {
    nm_lex lx;
    unsigned min_surname;
    int structure, org, event, misc, acronyms, bylines;
    double conf_per, conf_name, conf_org;
} nm_state;

typedef struct nm_found {
    uint32_t a, b; /* token range [a, b) */
    char type;     /* 'P','O','E','M' */
    double conf;
    uint32_t rank_a, rank_b, title_a, title_b; /* token ranges of attributes, 0/0: none */
    const char *attr_key, *attr_val;           /* one extra static attribute */
    uint32_t acr_of;                            /* 1 + index of the expansion, 0: none */
} nm_found;

typedef struct nm_ctx {
    const nm_state *st;
    dp_doc *doc;
    const char *text;
    size_t len;
    const char *key;
    nm_tok *t;
    size_t n;
    uint8_t *taken; /* per token: 1 inside a person found here, 2 inside an earlier entity */
    nm_found *f;
    size_t nf, capf;
    int oom;
} nm_ctx;

/* Longest phrase with any of `mask` at token i; returns its token count (0: none). */
size_t nm_phrase(const nm_ctx *c, size_t i, uint32_t mask, const nm_slot **slot);
/* Flags of the single token i (0 when not in the lexicon). */
uint32_t nm_word(const nm_ctx *c, size_t i);
/* Tokens i and i+1 are glued (no space between). */
int nm_glued(const nm_ctx *c, size_t i);
nm_found *nm_add(nm_ctx *c, uint32_t a, uint32_t b, char type, double conf);
/* The key of token i equals the NUL-terminated s. */
int nm_is(const nm_ctx *c, size_t i, const char *s);
/* Token i is the punctuation character p (a non-word token whose key is p). */
int nm_punct(const nm_ctx *c, size_t i, const char *p);

void nm_find_persons(nm_ctx *c);
void nm_find_structured(nm_ctx *c);
void nm_find_named(nm_ctx *c);
void nm_find_acronyms(nm_ctx *c);
/* ORG phrase (head + body) at i: its end token, or 0. */
size_t nm_org_at(const nm_ctx *c, size_t i);

#endif
