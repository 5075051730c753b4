/* Internal interface of the glossary translator: tables (gloss_table.c) and
 * composition of English renderings (gloss_compose.c). */
#ifndef GLOSS_H
#define GLOSS_H

#include <stddef.h>

#include <docpipe/text.h>

/* What a row means when it is part of a longer name. */
typedef enum gl_kind {
    GL_TERM = 1,   /* modifier or noun: reversed into English order */
    GL_HEAD,       /* a head noun (Trường → School): modifiers go before it */
    GL_HEAD_OF,    /* "Ministry of": the rest follows it */
    GL_HEAD_KEEP,  /* "Sailing Ship": the rest (a name) follows in text order */
    GL_MEETING,    /* Hội nghị → Meeting: roles before it become "Ministers'" */
    GL_ROLE,       /* a person's office, singular: Thứ trưởng Quốc phòng */
    GL_NAME,       /* a whole name (gazetteer rows, glossary `name` rows) */
    GL_COUNTRY,    /* a gazetteer country (has an adjective) */
    GL_PLACE,      /* other gazetteer places */
    GL_PREP,       /* về → on: splits a name into phrases */
    GL_CONJ,       /* và → and */
    GL_DROP,       /* các, các nước: plural markers with no English */
    GL_NUMBER,     /* hai → 2 (after an ordinal marker) */
    GL_ORDINAL,    /* lần thứ: the next number makes "12th …" */
    GL_NUMBERED,   /* chu kỳ → Cycle: "… Cycle 4" */
    GL_YEAR,       /* năm: a following year is put in front: "1982 …" */
    GL_LEVEL,      /* cấp: with a following role, "Minister-level" */
    GL_SUFFIX      /* mở rộng → -Plus, appended to what precedes */
} gl_kind;

typedef struct gl_entry {
    const char *vi;        /* surface as written in the file */
    const char *en;        /* English */
    const char *type;      /* gazetteer type (ORG …) or NULL */
    const char *id;        /* gazetteer id or NULL */
    const char *adj;       /* country adjective or NULL */
    const char *iso;       /* lowercase ISO code of a country or NULL */
    const char *countries; /* "vn,kr" or "other": a country-specific form */
    const char *src;       /* "file.tsv:LINE" for english.rule */
    const char *alt;       /* ranks: the Wikipedia form */
    gl_kind kind;
    int ambiguous;         /* gazetteer `ambiguous=`: also a common word or given name */
    struct gl_entry *next_same; /* further rows with the same key */
} gl_entry;

typedef struct gl_table gl_table;

/* rules: the language rules of the keys (NULL: none). */
gl_table *gl_table_new(const dp_text_rules *rules);
void gl_table_free(gl_table *t);
/* Longest phrase (in tokens) stored so far. */
size_t gl_table_max_tokens(const gl_table *t);
/* All rows with this key (chained by next_same), or NULL. */
const gl_entry *gl_table_get(const gl_table *t, const char *key);

/*
 * Loaders; each returns 0, or -1 with a message in err.  The `format`:
 *   glossary:  vi<TAB>en<TAB>kind[<TAB>note]
 *   gazetteer: surface<TAB>type<TAB>id<TAB>english[<TAB>attrs]
 *   ranks:     vi<TAB>en_official<TAB>en_wikipedia<TAB>group
 *   titles:    vi<TAB>en<TAB>kind
 */
typedef enum gl_format { GL_FMT_GLOSSARY, GL_FMT_GAZETTEER, GL_FMT_RANKS, GL_FMT_TITLES } gl_format;
int gl_table_load(gl_table *t, const char *path, gl_format format, char *err, size_t errlen);
/* Add the rows of an already loaded ranks or titles file as GL_ROLE terms (kind "title" only). */
int gl_table_load_roles(gl_table *t, const char *path, gl_format format, char *err, size_t errlen);

/* ---- tokens ---------------------------------------------------------------- */

typedef enum gl_tok_type { GL_T_WORD = 1, GL_T_DASH, GL_T_QUOTE, GL_T_OPEN, GL_T_CLOSE, GL_T_COMMA, GL_T_OTHER } gl_tok_type;

typedef struct gl_tok {
    size_t start, end;  /* bytes in the tokenized string */
    gl_tok_type type;
    int space_before;
    char *key;          /* matching key of the token (malloc'ed) */
} gl_tok;

/* Tokenize s[0..len), keying words under rules; returns the count (tokens in *out, malloc'ed), -1 on OOM. */
long gl_tokenize(const dp_text_rules *rules, const char *s, size_t len, gl_tok **out);
void gl_tokens_free(gl_tok *t, size_t n);
/* The key of tokens [a, b): their keys joined by ' ', plural markers dropped. */
char *gl_tokens_key(const gl_tok *t, size_t a, size_t b);
/* Non-zero for a token that phrase keys leave out (các, nước after các). */
int gl_tok_dropped(const gl_tok *t, size_t i, size_t n);

/* ---- composition --------------------------------------------------------- */

typedef struct gl_tables {
    const dp_text_rules *rules; /* of every key: the tables' and the names' */
    gl_table *terms;  /* glossary + gazetteer rows */
    gl_table *ranks;
    gl_table *titles;
    int wikipedia;    /* rank convention */
    int american;     /* spelling */
} gl_tables;

typedef struct gl_result {
    char *en;         /* malloc'ed English */
    char *rule;       /* malloc'ed trace: rule and rows used */
    char *untranslated; /* malloc'ed list of words kept untranslated, or NULL */
    int complete;     /* every token was covered by a row or a rule */
} gl_result;

/* Whole-surface lookup only (no composition). */
int gl_lookup_whole(const gl_tables *T, const char *s, size_t len, gl_result *r);
/* Render a name: whole lookup, else composition.  0 ok, -1 OOM. */
int gl_compose(const gl_tables *T, const char *s, size_t len, gl_result *r);
/* Term-by-term rendering in text order (titles of articles). */
int gl_term_by_term(const gl_tables *T, const char *s, size_t len, gl_result *r);
/* Title or rank of a person: "Thứ trưởng Bộ Quốc phòng" → "Deputy Minister of National Defence". */
int gl_person_title(const gl_tables *T, const char *s, size_t len, int rank, gl_result *r);
void gl_result_clear(gl_result *r);

/* British → American spelling of whole words, in place-safe new string. */
char *gl_spell(const char *s, int american);

#endif
