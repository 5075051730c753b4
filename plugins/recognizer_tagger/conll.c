/*
 * conll.c — reading annotated CoNLL files for training and evaluation.
 *
 * One token per line, its columns separated by TABs (or, in a line without
 * a TAB, by spaces), the tag in a chosen column; a blank line ends a
 * sentence; "-DOCSTART-" lines separate documents; a line starting with '#'
 * that is not a well-formed token line is a comment.  Tags are O, B-TYPE,
 * I-TYPE, in IOB2 (an I- tag continues a span of its type) or IOB1
 * (converted to IOB2 on reading).
 *
 * Each token is put in NFC, a word separator between syllables ("Hà_Nội"
 * in word-segmented corpora) becomes a space, and the token is cut with the
 * run-time tokeniser, so training sees the tokens tagging will see; the
 * pieces of a split token continue its tag (B-X → B-X I-X …).
 *
 * Every problem is reported as "file:line: …": unreadable file, invalid
 * UTF-8, ragged columns, a tag that is not O/B-/I-, an I- tag that continues
 * nothing in IOB2, an empty sentence (a blank line after a blank line,
 * except after -DOCSTART- and at the end of the file).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "tagger.h"

typedef struct reader {
    const char *path;
    const tg_conll_opts *o;
    tg_corpus *c;
    FILE *errs;
    long n_err;
    unsigned max_err;
    size_t ncol, ncol_line;
    size_t sent_start; /* first token of the open sentence */
    char prev_type[64]; /* type of the previous token's span ("" after O) */
    int oom;
} reader;

static void report(reader *r, size_t line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void report(reader *r, size_t line, const char *fmt, ...)
{
    r->n_err++;
    if (!r->errs || (unsigned long)r->n_err > r->max_err) return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(r->errs, "%s:%zu: ", r->path, line);
    vfprintf(r->errs, fmt, ap);
    fputc('\n', r->errs);
    va_end(ap);
}

static int grow_tokens(tg_corpus *c)
{
    if (c->n_tok < c->cap_tok) return 0;
    size_t nc = c->cap_tok ? c->cap_tok * 2 : 4096;
    char **t1 = realloc(c->tok, nc * sizeof *t1);
    if (t1) c->tok = t1;
    char **t2 = realloc(c->tag, nc * sizeof *t2);
    if (t2) c->tag = t2;
    size_t *t3 = realloc(c->line, nc * sizeof *t3);
    if (t3) c->line = t3;
    if (!t1 || !t2 || !t3) return -1;
    c->cap_tok = nc;
    return 0;
}

static int end_sentence(reader *r)
{
    tg_corpus *c = r->c;
    if (c->n_tok == r->sent_start) return 0;
    if (c->n_sent + 2 > c->cap_sent) {
        size_t nc = c->cap_sent ? c->cap_sent * 2 : 1024;
        size_t *s1 = realloc(c->sent, nc * sizeof *s1);
        if (s1) c->sent = s1;
        size_t *s2 = realloc(c->doc, nc * sizeof *s2);
        if (s2) c->doc = s2;
        if (!s1 || !s2) return -1;
        c->cap_sent = nc;
    }
    if (c->n_sent == 0) c->sent[0] = 0;
    c->doc[c->n_sent] = c->n_doc ? c->n_doc - 1 : 0;
    if (c->n_doc == 0) c->n_doc = 1;
    c->n_sent++;
    c->sent[c->n_sent] = c->n_tok;
    r->sent_start = c->n_tok;
    r->prev_type[0] = '\0';
    return 0;
}

/* Replace a word separator between two other characters by a space. */
static void unjoin(char *tok, const char *sep)
{
    size_t sl = strlen(sep), n = strlen(tok);
    if (!sl) return;
    for (size_t i = 1; i + sl < n; i++) {
        if (memcmp(tok + i, sep, sl)) continue;
        if (!memcmp(tok + i - 1, sep, 1) || !memcmp(tok + i + sl, sep, 1)) continue;
        tok[i] = ' ';
        memmove(tok + i + 1, tok + i + sl, n - i - sl + 1);
        n -= sl - 1;
    }
}

static char *xstrndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Add a file token with its IOB2 tag, cut by the run-time tokeniser. */
static int add_token(reader *r, const char *raw, const char *tag, size_t line)
{
    tg_corpus *c = r->c;
    char *tok = NULL;
    int nonascii = 0;
    for (const char *p = raw; *p; p++) nonascii |= (unsigned char)*p >= 0x80;
    tok = nonascii ? dp_text_nfc(raw, strlen(raw), NULL) : strdup(raw);
    if (!tok) return -1;
    if (r->o->word_sep) unjoin(tok, r->o->word_sep);
    tg_tokens pieces = { 0 };
    if (tg_tokenize(tok, strlen(tok), &pieces) < 0) { free(tok); return -1; }
    if (pieces.n > 1) c->split++;
    int rc = 0;
    for (size_t k = 0; k < pieces.n && rc == 0; k++) {
        if (grow_tokens(c) < 0) { rc = -1; break; }
        char *piece = xstrndup(tok + pieces.v[k].start, pieces.v[k].end - pieces.v[k].start);
        char *ptag = NULL;
        if (piece && k > 0 && tag[0] == 'B') {
            ptag = strdup(tag);
            if (ptag) ptag[0] = 'I';
        } else if (piece) {
            ptag = strdup(tag);
        }
        if (!piece || !ptag) { free(piece); free(ptag); rc = -1; break; }
        c->tok[c->n_tok] = piece;
        c->tag[c->n_tok] = ptag;
        c->line[c->n_tok] = line;
        c->n_tok++;
    }
    tg_tokens_free(&pieces);
    free(tok);
    return rc;
}

static int type_kept(const tg_conll_opts *o, const char *type, size_t tlen)
{
    if (!o->types) return 1;
    for (size_t i = 0; i < o->n_types; i++)
        if (strlen(o->types[i]) == tlen && !memcmp(o->types[i], type, tlen)) return 1;
    return 0;
}

/* Split a line into columns in place; returns the count (at most max). */
static size_t split_columns(char *line, char **cols, size_t max)
{
    size_t n = 0;
    int tabs = strchr(line, '\t') != NULL;
    char *p = line;
    while (*p && n < max) {
        if (!tabs) while (*p == ' ') p++;
        if (!*p) break;
        cols[n++] = p;
        char *end = tabs ? strchr(p, '\t') : strchr(p, ' ');
        if (!end) break;
        *end = '\0';
        p = end + 1;
    }
    if (tabs) /* trailing spaces inside TAB-separated columns */
        for (size_t i = 0; i < n; i++) {
            size_t l = strlen(cols[i]);
            while (l && cols[i][l - 1] == ' ') cols[i][--l] = '\0';
        }
    return n;
}

/* After a line in error, the span it was in is unknown: an I- tag after it is not a second error. */
#define UNKNOWN_PREV '\x01'

static int valid_tag(const char *tag)
{
    int kind;
    const char *type;
    size_t tlen;
    return tg_tag_parse(tag, &kind, &type, &tlen) == 0;
}

/* One token line; returns 1 when it was not a token line but a comment, 0, -1 on exhausted memory. */
static int token_line(reader *r, char *line, size_t lineno)
{
    enum { MAXCOL = 64 };
    char *cols[MAXCOL];
    int comment_like = line[0] == '#';
    size_t n = split_columns(line, cols, MAXCOL);
    unsigned column = r->o->column ? r->o->column : 2;
    if (comment_like && (n < column || !valid_tag(cols[column - 1]) || (r->ncol && n != r->ncol))) return 1;
    if (r->ncol == 0) {
        if (n < 2 || n < column) {
            report(r, lineno, "%zu column%s, but the tag is in column %u", n, n == 1 ? "" : "s", column);
            r->prev_type[0] = UNKNOWN_PREV;
            r->prev_type[1] = '\0';
            return 0;
        }
        r->ncol = n;
        r->ncol_line = lineno;
    } else if (n != r->ncol) {
        report(r, lineno, "%zu columns, expected %zu as on line %zu (ragged columns)", n, r->ncol, r->ncol_line);
        r->prev_type[0] = UNKNOWN_PREV;
        r->prev_type[1] = '\0';
        return 0;
    }
    const char *tag = cols[column - 1];
    int kind;
    const char *type;
    size_t tlen;
    if (tg_tag_parse(tag, &kind, &type, &tlen) < 0 || tlen >= sizeof r->prev_type) {
        report(r, lineno, "unknown tag '%s' in column %u (expected O, B-TYPE or I-TYPE%s)", tag, column,
               r->ncol > 2 ? "; --column N reads the tags from another column" : "");
        r->prev_type[0] = UNKNOWN_PREV;
        r->prev_type[1] = '\0';
        return 0;
    }
    int continues = kind == TG_I && ((strlen(r->prev_type) == tlen && !memcmp(r->prev_type, type, tlen)) ||
                                     r->prev_type[0] == UNKNOWN_PREV);
    if (kind == TG_I && !continues) {
        if (!r->o->iob1) {
            report(r, lineno, "'%s' continues no %.*s span (the previous tag is %s): not IOB2; "
                              "for an IOB1 file use --scheme iob1",
                   tag, (int)tlen, type, r->prev_type[0] ? "another type" : "O or the sentence start");
            r->prev_type[0] = UNKNOWN_PREV;
            r->prev_type[1] = '\0';
            return 0;
        }
        kind = TG_B;
    }
    memcpy(r->prev_type, type, tlen);
    r->prev_type[tlen] = '\0';
    char norm[80];
    if (kind == TG_O || !type_kept(r->o, type, tlen)) {
        if (kind == TG_B) r->c->dropped++;
        strcpy(norm, "O");
    } else {
        snprintf(norm, sizeof norm, "%c-%.*s", kind == TG_B ? 'B' : 'I', (int)tlen, type);
    }
    return add_token(r, cols[0], norm, lineno);
}

long tg_conll_read(const char *path, const tg_conll_opts *opts, tg_corpus *c, FILE *errs)
{
    reader r = { .path = path, .o = opts, .c = c, .errs = errs };
    r.max_err = opts->max_errors ? opts->max_errors : 20;
    r.sent_start = c->n_tok;
    if (c->n_sent > 0) c->n_doc++; /* a new file starts a new document */
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errs) fprintf(errs, "%s: %s\n", path, strerror(errno));
        return 1;
    }
    char *line = NULL;
    size_t cap = 0, lineno = 0, pending_empty = 0;
    int after_blank = 1, after_docstart = 0, oom = 0;
    ssize_t got;
    while (!oom && (unsigned long)r.n_err < r.max_err && (got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t len = (size_t)got;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        size_t bad;
        if (!dp_utf8_valid(line, len, &bad)) {
            report(&r, lineno, "invalid UTF-8 at byte %zu", bad + 1);
            continue;
        }
        if (memchr(line, '\0', len)) {
            report(&r, lineno, "NUL byte in line");
            continue;
        }
        size_t k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t')) k++;
        if (k == len) { /* blank */
            if (c->n_tok > r.sent_start) {
                oom = end_sentence(&r) < 0;
            } else if (after_blank && !after_docstart && lineno > 1 && !pending_empty) {
                pending_empty = lineno;
            }
            after_docstart = 0;
            after_blank = 1;
            continue;
        }
        if (!strncmp(line, "-DOCSTART-", 10)) {
            oom = end_sentence(&r) < 0;
            c->n_doc++;
            after_docstart = 1;
            after_blank = 1;
            pending_empty = 0;
            continue;
        }
        if (pending_empty) {
            report(&r, pending_empty, "empty sentence (a blank line after a blank line)");
            pending_empty = 0;
        }
        int rc = token_line(&r, line, lineno);
        if (rc < 0) oom = 1;
        if (rc == 0) { after_blank = 0; after_docstart = 0; }
    }
    if (!oom && ferror(f)) report(&r, lineno, "read error: %s", strerror(errno));
    if (!oom && end_sentence(&r) < 0) oom = 1;
    if (!oom && (unsigned long)r.n_err >= r.max_err && errs)
        fprintf(errs, "%s: stopped after %u errors\n", path, r.max_err);
    free(line);
    fclose(f);
    if (oom) return -1;
    return r.n_err;
}

void tg_corpus_free(tg_corpus *c)
{
    for (size_t i = 0; i < c->n_tok; i++) {
        free(c->tok[i]);
        free(c->tag[i]);
    }
    free(c->tok);
    free(c->tag);
    free(c->line);
    free(c->sent);
    free(c->doc);
    memset(c, 0, sizeof *c);
}

int tg_corpus_subset(const tg_corpus *c, const size_t *sents, size_t n, tg_corpus *out)
{
    tg_conll_opts o = { 0 };
    reader r = { .path = "", .o = &o, .c = out };
    r.sent_start = out->n_tok;
    for (size_t k = 0; k < n; k++) {
        size_t s = sents[k];
        for (size_t t = c->sent[s]; t < c->sent[s + 1]; t++) {
            if (grow_tokens(out) < 0) return -1;
            char *tok = strdup(c->tok[t]), *tag = strdup(c->tag[t]);
            if (!tok || !tag) { free(tok); free(tag); return -1; }
            out->tok[out->n_tok] = tok;
            out->tag[out->n_tok] = tag;
            out->line[out->n_tok] = c->line[t];
            out->n_tok++;
        }
        if (out->n_doc == 0 || (k > 0 && c->doc[s] != c->doc[sents[k - 1]])) out->n_doc++;
        r.prev_type[0] = '\0';
        if (end_sentence(&r) < 0) return -1;
    }
    return 0;
}

int tg_corpus_sentence(const tg_corpus *c, size_t k, char **text, size_t *len, tg_tokens *toks)
{
    size_t a = c->sent[k], b = c->sent[k + 1], total = 0;
    for (size_t t = a; t < b; t++) total += strlen(c->tok[t]) + 1;
    char *s = malloc(total + 1);
    if (!s) return -1;
    toks->n = 0;
    size_t pos = 0;
    for (size_t t = a; t < b; t++) {
        size_t l = strlen(c->tok[t]);
        if (t > a) s[pos++] = ' ';
        memcpy(s + pos, c->tok[t], l);
        if (toks->n == toks->cap) {
            size_t nc = toks->cap ? toks->cap * 2 : 64;
            tg_token *nv = realloc(toks->v, nc * sizeof *nv);
            if (!nv) { free(s); return -1; }
            toks->v = nv;
            toks->cap = nc;
        }
        toks->v[toks->n++] = (tg_token){ pos, pos + l };
        pos += l;
    }
    s[pos] = '\0';
    *text = s;
    *len = pos;
    return 0;
}
