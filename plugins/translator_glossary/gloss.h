/* Internal interface of the glossary translator: tables (gloss_table.c), tokens and the one
 * lookup function (gloss_tok.c), abbreviation expansion (gloss_expand.c) and the English
 * renderings (gloss_compose.c and the files of the composer, gloss_ctx.h). */
#ifndef GLOSS_H
#define GLOSS_H

#include <stddef.h>

#include <docpipe/text.h>

/* What a row means when it is part of a longer name (data/vi-en/README.md). */
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
    GL_NUMBER,     /* hai → 2 (only after an ordinal or numbered marker) */
    GL_ORDINAL,    /* lần thứ: the next number makes "12th …" */
    GL_NUMBERED,   /* chu kỳ → Cycle: "… Cycle 4" */
    GL_YEAR,       /* năm: a following year is put in front: "1982 …" */
    GL_LEVEL,      /* cấp: with a following role, "Minister-level" */
    GL_SUFFIX      /* mở rộng → -Plus, appended to what precedes */
} gl_kind;

/* Extended kinds (note key as=): what the composer does beyond the kind. */
typedef enum gl_as {
    GL_AS_NONE = 0,
    GL_AS_LEGAL_FORM, /* Công ty cổ phần → JSC, at the very end of the name */
    GL_AS_ADMIN,      /* tỉnh, huyện: the proper name after it is a place */
    GL_AS_DOCUMENT,   /* Nghị định: "No. <number>", "on <subject>" */
    GL_AS_SYMBOL,     /* NĐ-CP: a document symbol, kept as written */
    GL_AS_PRE,        /* Dự thảo → Draft, in front of everything */
    GL_AS_POST        /* sửa đổi → (Amended), after everything */
} gl_as;

/* Where a row came from, when the composer treats it differently. */
typedef enum gl_origin { GL_FROM_GAZETTEER = 1, GL_FROM_VOCABULARY, GL_FROM_ABBREVIATIONS, GL_FROM_KNOWN,
                         GL_FROM_PERSONS } gl_origin;

typedef struct gl_entry {
    const char *vi;        /* surface as written in the file */
    const char *en;        /* English */
    const char *type;      /* entity type (gazetteer column, or note type=) or NULL */
    const char *id;        /* canonical id or NULL */
    const char *adj;       /* country adjective or NULL */
    const char *iso;       /* lowercase ISO code of a country or NULL */
    const char *countries; /* "vn,kr" or "other": a country-specific form */
    const char *src;       /* "file.tsv:LINE" for english.rule */
    const char *alt;       /* ranks: the Wikipedia form */
    const char *en_loc;    /* as=admin: the unit named by itself (Province) */
    const char *en_topic;  /* meeting: English when no role precedes it (Conference) */
    const char *en_company; /* inside a company's name (Trading) */
    const char *expands;   /* abbreviations: the Vietnamese expansion */
    const char *context;   /* "sport": a form used only in that context */
    gl_kind kind;
    gl_as as;
    gl_origin origin;
    int ambiguous;         /* ambiguous=: also a common word, a given name … */
    int lower;             /* written in lowercase (huyện, sông): a place head or level */
    int province;          /* a gazetteer province or subdivision (kind=province|subdivision) */
    unsigned caps;         /* bit i: the phrase's token i is written in capitals (TP, GD&ĐT) */
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
 *   glossary:  vi<TAB>en<TAB>kind[<TAB>note]   (vocabulary, abbreviations, known names)
 *   gazetteer: surface<TAB>type<TAB>id<TAB>english[<TAB>attrs]
 *   ranks:     vi<TAB>en_official<TAB>en_wikipedia<TAB>group
 *   titles:    vi<TAB>en<TAB>kind
 * `origin` is recorded in every row (GL_FROM_ABBREVIATIONS rows are expanded before rendering).
 */
typedef enum gl_format { GL_FMT_GLOSSARY, GL_FMT_GAZETTEER, GL_FMT_RANKS, GL_FMT_TITLES } gl_format;
int gl_table_load(gl_table *t, const char *path, gl_format format, gl_origin origin, char *err, size_t errlen);
/* Add the rows of an already loaded ranks or titles file as GL_ROLE terms (kind "title" only). */
int gl_table_load_roles(gl_table *t, const char *path, gl_format format, char *err, size_t errlen);

/* ---- tokens ---------------------------------------------------------------- */

typedef enum gl_tok_type { GL_T_WORD = 1, GL_T_DASH, GL_T_QUOTE, GL_T_OPEN, GL_T_CLOSE, GL_T_COMMA, GL_T_OTHER } gl_tok_type;

typedef struct gl_tok {
    size_t start, end;  /* bytes in the tokenized string */
    gl_tok_type type;
    int space_before;
    int cap;            /* a word whose first character is an uppercase letter */
    int upper;          /* a word with letters, every one of them uppercase (TP, GD&ĐT) */
    int lower;          /* a word with letters, none of them uppercase (tải, đường; not iPhone) */
    int digit;          /* a word that starts with a digit */
    int latin;          /* a word of ASCII letters only (Savills, Texas) */
    char *key;          /* matching key of the token (malloc'ed) */
} gl_tok;

/* Tokenize s[0..len), keying words under rules; returns the count (tokens in *out, malloc'ed), -1 on OOM. */
long gl_tokenize(const dp_text_rules *rules, const char *s, size_t len, gl_tok **out);
void gl_tokens_free(gl_tok *t, size_t n);
/* The key of tokens [a, b): their keys joined by ' ', plural markers dropped. */
char *gl_tokens_key(const gl_tok *t, size_t a, size_t b);
/* Non-zero for a token that phrase keys leave out (các, nước after các). */
int gl_tok_dropped(const gl_tok *t, size_t i, size_t n);

/*
 * The one lookup of the translator: the rows of table t whose phrase is tokens [a, b).
 * 1 with the chain in *rows, 0 when none, -1 when memory is exhausted.  Every lookup of a
 * phrase goes through here (a cache of lookups belongs in this function).
 */
int gl_lookup(const gl_table *t, const gl_tok *tok, size_t a, size_t b, const gl_entry **rows);

/*
 * Whether row e may stand for tokens [a, b) as written: a row written in capitals (TP, TƯ)
 * matches only words written in capitals (not "tư" in "đầu tư"); a row written in lowercase
 * (huyện, sông) matches a capitalised word only as the first word of the name (`first`).
 */
int gl_case_fits(const gl_entry *e, const gl_tok *tok, size_t a, size_t b, int first);

/* ---- abbreviations --------------------------------------------------------- */

typedef struct gl_tables gl_tables;

/*
 * s[0..len) with every abbreviation of the abbreviations files replaced by its expansion
 * ("UBND tỉnh" → "Ủy ban nhân dân tỉnh", "Bộ GD-ĐT" → "Bộ giáo dục và đào tạo"); an
 * abbreviation inside a longer row of the vocabulary ("Trường THPT chuyên") only when
 * inside_rows.  1 with the malloc'ed text in *out and the rows used in *used (space-separated
 * "file:line"), 0 when nothing was expanded, -1 when memory is exhausted.
 */
int gl_expand(const gl_tables *T, const char *s, size_t len, int inside_rows, char **out, char **used);

/* ---- composition --------------------------------------------------------- */

struct gl_tables {
    const dp_text_rules *rules; /* of every key: the tables' and the names' */
    gl_table *terms;  /* gazetteer, vocabulary, abbreviation and known-name rows */
    gl_table *ranks;
    gl_table *titles;
    int wikipedia;    /* rank convention */
    int american;     /* spelling */
};

typedef struct gl_result {
    char *en;         /* malloc'ed English */
    char *rule;       /* malloc'ed trace: rule and rows used */
    char *untranslated; /* malloc'ed list of words kept untranslated, or NULL */
    int complete;     /* every word was translated or is a proper name */
} gl_result;

/* What a rendering may depend on besides the words. */
typedef struct gl_context {
    const char *type; /* the entity type (ORG, EVENT …), NULL for running text */
    int sport;        /* the document is about sport (context=sport rows apply) */
} gl_context;

/* Render a name: whole lookup, abbreviations expanded, else composition.  0 ok, -1 OOM. */
int gl_compose(const gl_tables *T, const gl_context *cx, const char *s, size_t len, gl_result *r);
/* A person's name from the known names (type PER): 1 found, 2 found but ambiguous=vietnamese_name
 * (a Vietnamese may bear it: r holds the foreign person's English), 0 not, -1 OOM. */
int gl_known_person(const gl_tables *T, const char *s, size_t len, gl_result *r);
/* Term-by-term rendering in text order (titles of articles). */
int gl_term_by_term(const gl_tables *T, const char *s, size_t len, gl_result *r);
/* Title or rank of a person: "Thứ trưởng Bộ Quốc phòng" → "Deputy Minister of National Defence". */
int gl_person_title(const gl_tables *T, const char *s, size_t len, int rank, gl_result *r);
void gl_result_clear(gl_result *r);

/* British → American spelling of whole words, in a new string. */
char *gl_spell(const char *s, int american);

#endif
