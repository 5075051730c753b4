/* The trace of a rendering (rule tags, rows used, words left untranslated), the result built
 * from it, and the British → American spelling applied last. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "gloss_ctx.h"

void gl_result_clear(gl_result *r)
{
    free(r->en);
    free(r->rule);
    free(r->untranslated);
    memset(r, 0, sizeof *r);
}

void parts_free(gl_parts *p)
{
    free(p->ordinal);
    free(p->year);
    free(p->tail);
    free(p->pre);
    free(p->post);
    free(p->legal);
    memset(p, 0, sizeof *p);
}

static const char *const american[][2] = {
    { "Defence", "Defense" },       { "defence", "defense" },
    { "Centre", "Center" },         { "centre", "center" },
    { "Programme", "Program" },     { "programme", "program" },
    { "Organisation", "Organization" }, { "organisation", "organization" },
    { "Organisations", "Organizations" },
    { "Labour", "Labor" },          { "labour", "labor" },
    { "Armoured", "Armored" },      { "Honour", "Honor" },
    { "Mobilisation", "Mobilization" }, { "Counsellor", "Counselor" },
    { "Programmes", "Programs" },   { "Centres", "Centers" },
    { "Theatre", "Theater" },       { "Organising", "Organizing" },
};

static int ascii_letter(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }

char *gl_spell(const char *s, int am)
{
    if (!am) return strdup(s);
    dp_strbuf b = { 0 };
    const char *p = s;
    while (*p) {
        int done = 0;
        if (p == s || !ascii_letter(p[-1])) {
            for (size_t i = 0; i < sizeof american / sizeof american[0]; i++) {
                size_t l = strlen(american[i][0]);
                if (strncmp(p, american[i][0], l) == 0 && !ascii_letter(p[l])) {
                    dp_strbuf_puts(&b, american[i][1]);
                    p += l;
                    done = 1;
                    break;
                }
            }
        }
        if (!done) dp_strbuf_add(&b, p++, 1);
    }
    return dp_strbuf_take(&b);
}

/* Whether the item t is already in the list (items separated by sep). */
static int listed(const dp_strbuf *b, const char *t, char sep)
{
    if (!b->data) return 0;
    size_t l = strlen(t);
    for (const char *p = b->data; (p = strstr(p, t)) != NULL; p++)
        if ((p == b->data || p[-1] == sep) && (p[l] == '\0' || p[l] == sep)) return 1;
    return 0;
}

void ctx_tag(ctx *c, const char *t)
{
    if (listed(&c->rules, t, '+')) return;
    if (c->rules.len) dp_strbuf_puts(&c->rules, "+");
    dp_strbuf_puts(&c->rules, t);
}

void ctx_use_trace(ctx *c, const char *trace)
{
    if (!trace || !*trace || listed(&c->srcs, trace, ' ')) return;
    if (c->srcs.len) dp_strbuf_puts(&c->srcs, " ");
    dp_strbuf_puts(&c->srcs, trace);
}

void ctx_use(ctx *c, const gl_entry *e)
{
    if (e) ctx_use_trace(c, e->src);
}

void ctx_untranslated(ctx *c, const char *w, size_t n)
{
    if (c->untr.len) dp_strbuf_puts(&c->untr, ", ");
    dp_strbuf_add(&c->untr, w, n);
    c->unknown = 1;
}

void ctx_free(ctx *c)
{
    dp_strbuf_free(&c->rules);
    dp_strbuf_free(&c->srcs);
    dp_strbuf_free(&c->untr);
}

/* Collapse doubled spaces, trim, and close up spaces before commas. */
static void tidy(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (*r == ' ' && (w == s || w[-1] == ' ' || r[1] == ',')) continue;
        *w++ = *r;
    }
    while (w > s && w[-1] == ' ') w--;
    *w = '\0';
}

int ctx_finish(ctx *c, gl_result *r, char *en, const char *rule)
{
    tidy(en);
    r->en = gl_spell(en, c->T->american);
    free(en);
    dp_strbuf rr = { 0 };
    dp_strbuf_puts(&rr, rule);
    if (c->rules.len) {
        dp_strbuf_puts(&rr, ":");
        dp_strbuf_add(&rr, c->rules.data, c->rules.len);
    }
    if (c->srcs.len) {
        dp_strbuf_puts(&rr, " ");
        dp_strbuf_add(&rr, c->srcs.data, c->srcs.len);
    }
    r->rule = dp_strbuf_take(&rr);
    r->untranslated = c->untr.len ? strdup(c->untr.data) : NULL;
    r->complete = !c->unknown;
    int oom = c->rules.oom || c->srcs.oom || c->untr.oom || (c->untr.len && !r->untranslated);
    ctx_free(c);
    if (!r->en || !r->rule || oom) {
        gl_result_clear(r);
        return -1;
    }
    return 0;
}
