/*
 * writer_conll — CoNLL-2003-style IOB2: one token (a Vietnamese syllable) per
 * line, "-DOCSTART- -X- -X- O" per document, a blank line after each sentence.
 *
 * Tokens: runs of letters/digits/marks split at white space and punctuation;
 * each punctuation character is a token of its own, except a connector
 * (- . , / : ' ’ _ @ &) between two letters or digits, which stays inside
 * ("Seong-ho", "2,5", "14/3", "qdnd.vn").  Tokens also break at entity
 * boundaries so that every entity is a whole number of tokens.
 * Sentences end at a line break and at . ! ? … (and a closing quote or
 * bracket after them) followed by white space and an uppercase letter, but
 * never inside an entity.  Overlapping entities cannot be expressed in IOB2:
 * at each position the longest entity starting there wins, and entities
 * overlapping an accepted one are dropped.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include <docpipe/docpipe.h>

typedef struct conll_state {
    dp_outfile *out;
    int columns;
} conll_state;

typedef struct span {
    size_t start, end;
    const char *type;
} span;

typedef struct token {
    size_t start, end;
    int ent;   /* index into the accepted entities, or -1 */
    int first; /* first token of its entity */
} tok;

enum { C_SPACE, C_PUNCT, C_WORD };

static int char_class(int32_t cp)
{
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r')
        return C_SPACE;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
        return C_SPACE;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO:
        return C_PUNCT;
    default:
        return C_WORD;
    }
}

static int is_connector(int32_t cp)
{
    return cp == '-' || cp == '.' || cp == ',' || cp == '/' || cp == ':' || cp == '\'' ||
           cp == 0x2019 || cp == '_' || cp == '@' || cp == '&';
}

static int is_terminal(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

static int is_closer(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 ||
           cp == 0x00BB;
}

static int span_cmp(const void *a, const void *b)
{
    const span *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1; /* longer first */
    return strcmp(x->type, y->type);
}

static int32_t cp_at(const char *text, size_t len, size_t pos)
{
    size_t p = pos;
    return pos < len ? dp_utf8_next(text, len, &p) : -1;
}

/* Entities that can be expressed in IOB2, sorted and non-overlapping. */
static span *accepted_entities(const dp_doc *doc, size_t tlen, size_t *count)
{
    size_t n = dp_doc_entity_count(doc), k = 0;
    span *v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const dp_entity *e = dp_doc_entity_at(doc, i);
        if (e && e->start < e->end && e->end <= tlen)
            v[k++] = (span){ e->start, e->end, e->type ? e->type : "MISC" };
    }
    qsort(v, k, sizeof *v, span_cmp);
    size_t m = 0, last_end = 0;
    for (size_t i = 0; i < k; i++)
        if (m == 0 || v[i].start >= last_end) {
            v[m++] = v[i];
            last_end = v[i].end;
        }
    *count = m;
    return v;
}

/* Tokenize text; entities (sorted, disjoint) force token boundaries. */
static tok *tokenize(const char *text, size_t len, const span *ents, size_t ne, size_t *count)
{
    size_t cap = 256, n = 0, ei = 0;
    tok *t = malloc(cap * sizeof *t);
    if (!t)
        return NULL;
    size_t pos = 0;
    while (pos < len) {
        size_t start = pos;
        int32_t cp = dp_utf8_next(text, len, &pos);
        int cls = cp < 0 ? C_PUNCT : char_class(cp);
        if (cls == C_SPACE)
            continue;
        while (ei < ne && ents[ei].end <= start)
            ei++;
        /* The next forced boundary after start: an entity start or end. */
        size_t limit = len;
        if (ei < ne)
            limit = ents[ei].start > start ? ents[ei].start : ents[ei].end;
        if (cls == C_WORD) {
            while (pos < len && pos < limit) {
                size_t p2 = pos;
                int32_t c2 = dp_utf8_next(text, len, &p2);
                int k2 = c2 < 0 ? C_PUNCT : char_class(c2);
                if (k2 == C_WORD) {
                    pos = p2;
                    continue;
                }
                if (k2 == C_PUNCT && is_connector(c2) && p2 < limit) {
                    int32_t c3 = cp_at(text, len, p2);
                    if (c3 >= 0 && char_class(c3) == C_WORD) {
                        pos = p2;
                        continue;
                    }
                }
                break;
            }
        }
        if (n == cap) {
            tok *nt = realloc(t, (cap *= 2) * sizeof *t);
            if (!nt) {
                free(t);
                return NULL;
            }
            t = nt;
        }
        int ent = -1, first = 0;
        if (ei < ne && start >= ents[ei].start && pos <= ents[ei].end) {
            ent = (int)ei;
            first = n == 0 || t[n - 1].ent != ent;
        }
        t[n++] = (tok){ start, pos, ent, first };
    }
    *count = n;
    return t;
}

static void put_type(FILE *f, const char *type)
{
    for (; *type; type++)
        fputc((*type == ' ' || *type == '\t' || *type == '\n') ? '_' : *type, f);
}

static int conll_process(void *state, dp_doc *doc, dp_error *err)
{
    conll_state *st = state;
    size_t len;
    const char *text = dp_doc_text(doc, &len);
    size_t ne = 0, nt = 0;
    span *ents = accepted_entities(doc, len, &ne);
    tok *toks = ents ? tokenize(text, len, ents, ne, &nt) : NULL;
    if (!toks) {
        free(ents);
        return dp_fail_nomem(err);
    }
    FILE *f = dp_outfile_stream(st->out);
    fputs(st->columns == 4 ? "-DOCSTART- -X- -X- O\n\n" : "-DOCSTART- O\n\n", f);
    int open = 0, after_terminal = 0;
    for (size_t i = 0; i < nt; i++) {
        const tok *tk = &toks[i];
        fwrite(text + tk->start, 1, tk->end - tk->start, f);
        fputs(st->columns == 4 ? " _ _ " : " ", f);
        if (tk->ent >= 0) {
            fputs(tk->first ? "B-" : "I-", f);
            put_type(f, ents[tk->ent].type);
        } else {
            fputc('O', f);
        }
        fputc('\n', f);
        open = 1;

        int32_t cp = cp_at(text, len, tk->start);
        int single = tk->end - tk->start <= 4 && (size_t)(tk->end - tk->start) ==
                     (size_t)(cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
        after_terminal = single && (is_terminal(cp) || (after_terminal && is_closer(cp)));
        if (i + 1 == nt)
            break;
        const tok *nx = &toks[i + 1];
        if (nx->ent >= 0 && !nx->first)
            continue; /* never inside an entity */
        int brk = memchr(text + tk->end, '\n', nx->start - tk->end) != NULL;
        if (!brk && after_terminal && nx->start > tk->end) {
            int32_t nc = cp_at(text, len, nx->start);
            brk = dp_char_is_upper(nc);
        }
        if (brk) {
            fputc('\n', f);
            open = 0;
            after_terminal = 0;
        }
    }
    if (open)
        fputc('\n', f);
    free(toks);
    free(ents);
    return dp_outfile_end_record(st->out, err);
}

static int conll_checkpoint(void *state, char *token, size_t size, dp_error *err)
{
    conll_state *st = state;
    return dp_outfile_checkpoint(st->out, token, size, err);
}

static int conll_restore(void *state, const char *token, dp_error *err)
{
    conll_state *st = state;
    return dp_outfile_restore(st->out, token, err);
}

static int conll_flush(void *state, dp_error *err)
{
    conll_state *st = state;
    int rc = dp_outfile_commit(st->out, err);
    return rc;
}

static void conll_fini(void *state)
{
    conll_state *st = state;
    if (!st)
        return;
    dp_outfile_close(st->out); /* after a commit it only frees */
    free(st);
}

static int conll_init(dp_instance *inst, void **state)
{
    conll_state *st = calloc(1, sizeof *st);
    if (!st) {
        dp_instance_nomem(inst);
        return -1;
    }
    const char *cols = dp_opt_str(inst, "columns");
    st->columns = cols && strcmp(cols, "4") == 0 ? 4 : 2;
    st->out = dp_outfile_open(inst, dp_opt_str(inst, "path"));
    if (!st->out) {
        free(st);
        return -1;
    }
    *state = st;
    return 0;
}

static const dp_option conll_options[] = {
    { "path", DP_OPT_OUTPUT, "-", 0, NULL, "output file (\"-\": standard output)" },
    { "columns", DP_OPT_ENUM, "2", 0, "2|4",
      "2: \"token tag\"; 4: \"token _ _ tag\" as in CoNLL-2003" },
    DP_OPTION_END
};

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_WRITER),
    .name = "conll",
    .version = "1.0",
    .description = "CoNLL-2003-style IOB2, one syllable per line, -DOCSTART- per document",
    .options = conll_options,
    .consumes = "text",
    .produces = "",
    .init = conll_init,
    .process = conll_process,
    .flush = conll_flush,
    .fini = conll_fini,
    .checkpoint = conll_checkpoint,
    .restore = conll_restore,
};
