/*
 * writer_brat — brat standoff output: <dir>/<id>.txt and <id>.ann per
 * document, plus annotation.conf and visual.conf for the types used, so that
 * brat opens the folder as it is.
 *
 * brat offsets are code points (brat reads the .txt as Unicode text).  A span
 * that crosses a line break is written as fragments "s e;s e", as brat
 * requires; its surface is the fragments joined by one space.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <docpipe/docpipe.h>

#include "entity_colors.h"

#define MAX_NAMES 4096 /* distinct types / attribute names kept for the conf files */

typedef struct name_set {
    char **v;
    size_t n, cap;
} name_set;

typedef struct brat_state {
    dp_instance *inst;
    char *dir;
    name_set types;
    name_set attrs;
    int conf_dirty;
    unsigned long long docs; /* documents written, counting those before a resume */
} brat_state;

static int set_has(const name_set *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i], name) == 0)
            return 1;
    return 0;
}

/* Add name keeping the set sorted; 1 when added, 0 when present/full, -1 on ENOMEM. */
static int set_add(name_set *s, const char *name)
{
    if (set_has(s, name))
        return 0;
    if (s->n >= MAX_NAMES)
        return 0;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        char **v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return -1;
        s->v = v;
        s->cap = cap;
    }
    char *copy = strdup(name);
    if (!copy)
        return -1;
    size_t i = s->n;
    while (i > 0 && strcmp(s->v[i - 1], name) > 0) {
        s->v[i] = s->v[i - 1];
        i--;
    }
    s->v[i] = copy;
    s->n++;
    return 1;
}

static void set_free(name_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

/* brat type and attribute names: [A-Za-z0-9_-], not starting with a digit or '-'. */
static void brat_name(const char *in, char *out, size_t size)
{
    size_t o = 0;
    if (!in || !*in)
        in = "ENTITY";
    if (!isalpha((unsigned char)in[0]) && in[0] != '_' && o + 1 < size)
        out[o++] = 'X';
    for (const char *p = in; *p && o + 1 < size; p++) {
        unsigned char c = (unsigned char)*p;
        out[o++] = (isalnum(c) || c == '_' || c == '-') ? (char)c : '_';
    }
    out[o] = '\0';
}

static int is_true(const char *v)
{
    return v && (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0 || strcmp(v, "1") == 0);
}

static int is_false(const char *v)
{
    return v && (strcmp(v, "false") == 0 || strcmp(v, "no") == 0 || strcmp(v, "0") == 0);
}

/* Note text: one line, no tabs. */
static void put_note(FILE *f, const char *s)
{
    for (; s && *s; s++)
        fputc((*s == '\n' || *s == '\t' || *s == '\r') ? ' ' : *s, f);
}

static int write_confs(brat_state *st, dp_error *err)
{
    char *abuf = NULL, *vbuf = NULL;
    size_t alen = 0, vlen = 0;
    int rc = DP_OK;
    FILE *a = open_memstream(&abuf, &alen);
    FILE *v = a ? open_memstream(&vbuf, &vlen) : NULL;
    if (!a || !v) {
        if (a)
            fclose(a);
        free(abuf);
        return dp_fail_nomem(err);
    }
    fputs("# written by docpipe (writer brat)\n[entities]\n", a);
    for (size_t i = 0; i < st->types.n; i++)
        fprintf(a, "%s\n", st->types.v[i]);
    fputs("\n[relations]\n<OVERLAP> Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n"
          "\n[events]\n\n[attributes]\n", a);
    for (size_t i = 0; i < st->attrs.n; i++)
        fprintf(a, "%s Arg:<ENTITY>\n", st->attrs.v[i]);
    fputs("# written by docpipe (writer brat)\n[labels]\n", v);
    for (size_t i = 0; i < st->types.n; i++)
        fprintf(v, "%s | %s\n", st->types.v[i], st->types.v[i]);
    fputs("\n[drawing]\nSPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken\n"
          "ATTRIBUTE_DEFAULT\tglyph:*\n", v);
    for (size_t i = 0; i < st->types.n; i++)
        fprintf(v, "%s\tbgColor:%s\n", st->types.v[i], entity_type_color(st->types.v[i]));
    if (fclose(a) != 0 || fclose(v) != 0) {
        rc = dp_fail_nomem(err);
        goto out;
    }
    char *ap = dp_path_join(st->dir, "annotation", ".conf");
    char *vp = dp_path_join(st->dir, "visual", ".conf");
    if (!ap || !vp)
        rc = dp_fail_nomem(err);
    else if (dp_write_file_atomic(ap, abuf, alen, err) != 0 ||
             dp_write_file_atomic(vp, vbuf, vlen, err) != 0)
        rc = DP_FATAL;
    else
        st->conf_dirty = 0;
    free(ap);
    free(vp);
out:
    free(abuf);
    free(vbuf);
    return rc;
}

/* On --resume: the conf files written at the last checkpoint list the types seen before. */
static int load_confs(brat_state *st)
{
    char *ap = dp_path_join(st->dir, "annotation", ".conf");
    if (!ap)
        return -1;
    FILE *f = fopen(ap, "r");
    free(ap);
    if (!f)
        return 0;
    char line[512];
    name_set *cur = NULL;
    int rc = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if (line[0] == '[') {
            cur = strcmp(line, "[entities]") == 0   ? &st->types
                  : strcmp(line, "[attributes]") == 0 ? &st->attrs
                                                      : NULL;
            continue;
        }
        if (!cur)
            continue;
        line[strcspn(line, " \t")] = '\0';
        if (set_add(cur, line) < 0)
            rc = -1;
    }
    fclose(f);
    return rc;
}

static int write_fragments(FILE *f, dp_offset_cursor *cur, const char *text, size_t s,
                           size_t e)
{
    int first = 1, any = 0;
    size_t a = s;
    while (a < e) {
        const char *nl = memchr(text + a, '\n', e - a);
        size_t b = nl ? (size_t)(nl - text) : e;
        if (b > a) {
            size_t cs = dp_offset_cursor_codepoints(cur, a);
            size_t ce = dp_offset_cursor_codepoints(cur, b);
            fprintf(f, "%s%zu %zu", first ? " " : ";", cs, ce);
            first = 0;
            any = 1;
        }
        a = b + 1;
    }
    return any;
}

static void write_surface(FILE *f, const char *text, size_t s, size_t e)
{
    int first = 1;
    size_t a = s;
    while (a < e) {
        const char *nl = memchr(text + a, '\n', e - a);
        size_t b = nl ? (size_t)(nl - text) : e;
        if (b > a) {
            if (!first)
                fputc(' ', f);
            fwrite(text + a, 1, b - a, f);
            first = 0;
        }
        a = b + 1;
    }
}

static int brat_process(void *state, dp_doc *doc, dp_error *err)
{
    brat_state *st = state;
    size_t tlen;
    const char *text = dp_doc_text(doc, &tlen);
    char stem[160];
    dp_file_stem(dp_doc_id(doc), stem, sizeof stem);

    char *abuf = NULL;
    size_t alen = 0;
    FILE *f = open_memstream(&abuf, &alen);
    if (!f)
        return dp_fail_nomem(err);

    dp_offset_cursor cur;
    dp_offset_cursor_init(&cur, text);
    size_t n = dp_doc_entity_count(doc);
    unsigned tn = 0, an = 0, nn = 0;
    int rc = DP_OK;
    for (size_t i = 0; i < n && rc == DP_OK; i++) {
        const dp_entity *e = dp_doc_entity_at(doc, i);
        if (!e || e->end <= e->start || e->end > tlen)
            continue;
        char type[128];
        brat_name(e->type, type, sizeof type);
        /* A span made only of line breaks has no fragment: brat cannot show it. */
        int has_text = 0;
        for (size_t b = e->start; b < e->end && !has_text; b++)
            has_text = text[b] != '\n';
        if (!has_text)
            continue;
        tn++;
        fprintf(f, "T%u\t%s", tn, type);
        write_fragments(f, &cur, text, e->start, e->end);
        fputc('\t', f);
        write_surface(f, text, e->start, e->end);
        fputc('\n', f);
        int added = set_add(&st->types, type);
        if (added < 0)
            rc = dp_fail_nomem(err);
        st->conf_dirty |= added > 0;

        /* Boolean attributes become A lines; all other information goes to a note. */
        char *nbuf = NULL;
        size_t nlen = 0;
        FILE *note = open_memstream(&nbuf, &nlen);
        if (!note) {
            rc = dp_fail_nomem(err);
            break;
        }
        const char *sep = "";
        const char *en = dp_entity_translation(e, "en");
        if (en) {
            fputs("en: ", note);
            put_note(note, en);
            sep = "; ";
        }
        if (e->value) {
            fprintf(note, "%svalue: ", sep);
            put_note(note, e->value);
            sep = "; ";
        }
        for (size_t k = 0; k < dp_entity_translation_count(e); k++) {
            const dp_field *t = dp_entity_translation_at(e, k);
            if (!t || !t->key || strcmp(t->key, "en") == 0)
                continue;
            fprintf(note, "%s", sep);
            put_note(note, t->key);
            fputs(": ", note);
            put_note(note, t->value);
            sep = "; ";
        }
        for (size_t k = 0; k < dp_entity_attr_count(e); k++) {
            const dp_field *a = dp_entity_attr_at(e, k);
            if (!a || !a->key)
                continue;
            if (is_true(a->value)) {
                char aname[128];
                brat_name(a->key, aname, sizeof aname);
                fprintf(f, "A%u\t%s T%u\n", ++an, aname, tn);
                added = set_add(&st->attrs, aname);
                if (added < 0)
                    rc = dp_fail_nomem(err);
                st->conf_dirty |= added > 0;
            } else if (!is_false(a->value)) {
                fprintf(note, "%s", sep);
                put_note(note, a->key);
                fputs("=", note);
                put_note(note, a->value);
                sep = "; ";
            }
        }
        if (e->confidence < 1.0) {
            fprintf(note, "%sconfidence=%.3g", sep, e->confidence);
            sep = "; ";
        }
        if (e->instance) {
            fprintf(note, "%sby=", sep);
            put_note(note, e->instance);
        }
        if (fclose(note) != 0) {
            free(nbuf);
            rc = dp_fail_nomem(err);
            break;
        }
        if (nlen > 0)
            fprintf(f, "#%u\tAnnotatorNotes T%u\t%s\n", ++nn, tn, nbuf);
        free(nbuf);
    }
    if (fclose(f) != 0 && rc == DP_OK)
        rc = dp_fail_nomem(err);
    if (rc != DP_OK) {
        free(abuf);
        return rc;
    }

    char *tp = dp_path_join(st->dir, stem, ".txt");
    char *ap = dp_path_join(st->dir, stem, ".ann");
    if (!tp || !ap)
        rc = dp_fail_nomem(err);
    else if (dp_write_file_atomic(tp, text, tlen, err) != 0 ||
             dp_write_file_atomic(ap, abuf ? abuf : "", alen, err) != 0)
        rc = DP_FATAL;
    else
        st->docs++;
    free(tp);
    free(ap);
    free(abuf);
    return rc;
}

/* The token: the number of documents written ("docs=N"); their pages are made durable. */
static int brat_checkpoint(void *state, char *token, size_t size, dp_error *err)
{
    brat_state *st = state;
    snprintf(token, size, "docs=%llu", st->docs);
    int rc = st->conf_dirty ? write_confs(st, err) : DP_OK;
    return rc == DP_OK ? dp_outdir_sync(st->dir, err) : rc;
}

/* Files named *.ann in dir; -1 when it cannot be read. */
static long long count_ann(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    long long n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        n += len > 4 && strcmp(e->d_name + len - 4, ".ann") == 0;
    }
    closedir(d);
    return n;
}

/* Resume: the folder must still hold (at least) the documents the checkpoint counted. */
static int brat_restore(void *state, const char *token, dp_error *err)
{
    brat_state *st = state;
    char *end;
    if (strncmp(token, "docs=", 5) != 0 || (st->docs = strtoull(token + 5, &end, 10), *end))
        return dp_fail(err, DP_FAILED, "the checkpoint's token '%s' is not one of this writer", token);
    long long have = count_ann(st->dir);
    if (have >= 0 && (unsigned long long)have < st->docs)
        return dp_fail(err, DP_FAILED, "%s holds %lld .ann files, fewer than the %llu documents the checkpoint "
                       "recorded: it was changed since the run stopped", st->dir, have, st->docs);
    if (have < 0 && st->docs > 0)
        return dp_fail(err, DP_FAILED, "cannot read %s, which held %llu documents at the checkpoint: %s", st->dir,
                       st->docs, strerror(errno));
    if (load_confs(st) != 0)
        return dp_fail_nomem(err);
    return DP_OK;
}

static int brat_flush(void *state, dp_error *err)
{
    brat_state *st = state;
    static const char *const exts[] = { ".txt", ".ann", ".conf", NULL };
    dp_remove_stale_temps(st->dir, exts);
    return write_confs(st, err);
}

static void brat_fini(void *state)
{
    brat_state *st = state;
    if (!st)
        return;
    set_free(&st->types);
    set_free(&st->attrs);
    free(st->dir);
    free(st);
}

static int brat_init(dp_instance *inst, void **state)
{
    const char *dir = dp_opt_str(inst, "dir");
    if (!dir || !*dir) {
        dp_instance_error(inst, "option dir is empty");
        return -1;
    }
    if (!dp_instance_checking(inst) && dp_mkdirs(dir) != 0) {
        dp_instance_error(inst, "cannot create output folder %s: %s", dir,
                          strerror(errno));
        return -1;
    }
    brat_state *st = calloc(1, sizeof *st);
    if (!st || !(st->dir = strdup(dir))) {
        free(st);
        dp_instance_nomem(inst);
        return -1;
    }
    size_t dl = strlen(st->dir);
    while (dl > 1 && st->dir[dl - 1] == '/')
        st->dir[--dl] = '\0';
    st->inst = inst;
    st->conf_dirty = 1;
    *state = st;
    return 0;
}

static const dp_option brat_options[] = {
    { "dir", DP_OPT_OUTPUT_DIR, "out/brat", 0, NULL,
      "output folder: <id>.txt and <id>.ann per document, annotation.conf, visual.conf" },
    DP_OPTION_END
};

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_WRITER),
    .name = "brat",
    .version = "1.0",
    .description = "brat standoff files (.txt/.ann per document, code-point offsets) "
                   "with annotation.conf and visual.conf",
    .options = brat_options,
    .consumes = "text",
    .produces = "",
    .init = brat_init,
    .process = brat_process,
    .flush = brat_flush,
    .fini = brat_fini,
    .checkpoint = brat_checkpoint,
    .restore = brat_restore,
};
