/* Private to the composer: a name cut into chunks, the state of one rendering, and the steps
 * the files of the composer share.
 *
 *   gloss_compose.c  entry points: whole names, abbreviations, brackets, proper names, splits
 *   gloss_chunk.c    tokens → chunks: longest rows, case rules, place names, number words
 *   gloss_rules.c    chunks rewritten: documents, legal forms, ordinals, years, pairs, leftovers
 *   gloss_render.c   chunks → English word order
 *   gloss_result.c   the trace (rules, rows, untranslated words) and the result
 */
#ifndef GLOSS_CTX_H
#define GLOSS_CTX_H

#include <docpipe/strbuf.h>

#include "gloss.h"

/* Chunk kinds beyond the row kinds (gl_kind). */
enum {
    CK_UNKNOWN = 100, /* words no row covers, with a lowercase word among them: untranslated */
    CK_PROPER,        /* words no row covers, capitalised: a proper name, folded */
    CK_PLACE,         /* a place word (tỉnh, huyện, sông) with the proper name after it */
    CK_NUM,           /* digits */
    CK_DASH,
    CK_COMMA,
    CK_PAIR,          /* "X – Y" of places or bodies */
    CK_QUOTED,        /* a quoted name, composed on its own */
    CK_OPEN,
    CK_CLOSE,
    CK_PUNCT
};

typedef struct chunk {
    int kind;              /* a gl_kind or a CK_ kind */
    const gl_entry *e;     /* the row used, or NULL */
    const gl_entry *chain; /* every row of the phrase */
    char *en;              /* English (owned) */
    char *alone;           /* CK_PLACE: the English of the place named by itself (owned) */
    size_t t0, t1;         /* tokens covered */
    size_t b0, b1;         /* bytes covered */
    int space_before;
    int cap;               /* its first word is capitalised */
} chunk;

typedef struct ctx {
    const gl_tables *T;
    const gl_context *cx;
    const char *s;         /* the text the tokens point into */
    dp_strbuf rules;       /* rule tags, '+'-separated */
    dp_strbuf srcs;        /* rows used, ' '-separated */
    dp_strbuf untr;        /* untranslated words, ", "-separated */
    int unknown;           /* a word was left untranslated */
    int company;           /* inside a company's name: en_company English */
    int depth;             /* nesting of quoted names and split parts */
} ctx;

/* What the rewrite takes out of a name to put around it. */
typedef struct gl_parts {
    char *ordinal;  /* "12th" */
    char *year;     /* "1982" */
    char *tail;     /* "Cycle 4", "No. 2" */
    char *pre;      /* "Draft" */
    char *post;     /* "(Amended)" */
    char *legal;    /* "JSC" */
} gl_parts;

/* ---- gloss_result.c ---- */
void ctx_tag(ctx *c, const char *t);
void ctx_use(ctx *c, const gl_entry *e);
void ctx_use_trace(ctx *c, const char *trace);
void ctx_untranslated(ctx *c, const char *w, size_t n);
/* Fill r from the English en (taken) and the trace; rule is the leading tag. 0, -1 on OOM. */
int ctx_finish(ctx *c, gl_result *r, char *en, const char *rule);
void ctx_free(ctx *c);
void parts_free(gl_parts *p);

/* ---- gloss_chunk.c ---- */
/* The row of rows that may stand for tokens [a, b) here (case, context, number words), or NULL. */
const gl_entry *chunk_row(const ctx *c, const gl_entry *rows, const gl_tok *t, size_t a, size_t b, int after_marker);
/* The row of this chunk's phrase with the given kind, or NULL. */
const gl_entry *row_of(const chunk *k, gl_kind kind);
int chunkify(ctx *c, const gl_tok *t, size_t n, chunk **out, size_t *nout);
void chunks_free(chunk *k, size_t n);
void chunk_remove(chunk *k, size_t *n, size_t i);
/* The value of a number chunk (digits, roman numeral, number word), or -1. */
long chunk_number(const ctx *c, const chunk *k);
int gl_acronym(const char *s, size_t n);
int gl_is_digits(const char *s, size_t n);
const char *gl_ord_suffix(long n);

/* ---- gloss_rules.c ---- */
int rewrite(ctx *c, const gl_tok *t, chunk *k, size_t *n, gl_parts *p);

/* ---- gloss_render.c ---- */
/* English order of chunks k[0..n) into o (a CK_PLACE alone is named as a place by itself). */
void render(ctx *c, chunk *k, size_t n, dp_strbuf *o);

/* ---- gloss_compose.c ---- */
/* The English of tokens t[0..n) of c->s as a name: 0, -1 on OOM. */
int compose_tokens(ctx *c, const gl_tok *t, size_t n, char **out);

#endif
