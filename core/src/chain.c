/* The chain's rules: unique names, writers last, capabilities produced before they are consumed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chain.h"
#include "docpipe/text.h"

static int has_word(const char *list, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = list; p && *p;) {
        while (*p == ' ') p++;
        const char *e = p;
        while (*e && *e != ' ') e++;
        if ((size_t)(e - p) == n && !strncmp(p, w, n)) return 1;
        p = e;
    }
    return 0;
}

/* Every word `in` consumes is in `produced`. */
static int check_consumes(const dp_instance *in, const char *produced, dp_strbuf *errs)
{
    int nerr = 0;
    for (const char *q = in->desc.consumes ? in->desc.consumes : ""; *q;) {
        while (*q == ' ') q++;
        const char *e = q;
        while (*e && *e != ' ') e++;
        if (e > q) {
            char w[128];
            snprintf(w, sizeof w, "%.*s", (int)(e - q), q);
            if (!has_word(produced, w)) {
                dp_strbuf_printf(errs, "%s: %s '%s' consumes '%s', which nothing before it produces "
                                 "(produced so far: %s); move it after an instance that produces '%s'\n",
                                 in->where, dp_kind_name(in->desc.kind), in->name, w, produced, w);
                nerr++;
            }
        }
        q = e;
    }
    return nerr;
}

/* A name shows in logs and in the checkpoint: valid UTF-8, no control character, not empty, no leading '.'
 * (names of the core's own outputs, such as ".dead-letter", start with one). */
static int check_name(const dp_instance *in, dp_strbuf *errs)
{
    const char *n = in->name;
    int ok = *n && *n != '.' && dp_utf8_valid(n, strlen(n), NULL);
    for (const unsigned char *p = (const unsigned char *)n; ok && *p; p++) ok = *p >= 0x20 && *p != 0x7f;
    if (ok) return 0;
    dp_strbuf_puts(errs, in->where);
    dp_strbuf_puts(errs, ": an instance name must be valid UTF-8 without control characters, not empty and not "
                   "starting with '.'\n");
    return 1;
}

int dp_chain_check(dp_chain *c, const char *config, dp_strbuf *errs)
{
    int nerr = 0;
    c->first_writer = c->n_stages;
    c->last_recognizer = -1;
    char produced[4096];
    snprintf(produced, sizeof produced, "raw %s",
             c->source->desc.produces ? c->source->desc.produces : "text fields segments");
    nerr += check_name(c->source, errs);
    for (size_t i = 0; i < c->n_stages; i++) {
        dp_instance *in = c->stages[i];
        nerr += check_name(in, errs);
        for (size_t j = 0; j < i; j++) {
            if (!strcmp(c->stages[j]->name, in->name)) {
                dp_strbuf_printf(errs, "%s: instance name '%s' is already used at %s; give one of them name = \"…\"\n",
                                 in->where, in->name, c->stages[j]->where);
                nerr++;
            }
        }
        if (in->desc.kind == DP_KIND_WRITER) {
            if (c->first_writer == c->n_stages) c->first_writer = i;
        } else if (c->first_writer < c->n_stages) {
            const dp_instance *w = c->stages[c->first_writer];
            dp_strbuf_printf(errs, "%s: %s '%s' comes after writer '%s' (%s); writers must be last in the chain\n",
                             in->where, dp_kind_name(in->desc.kind), in->name, w->name, w->where);
            nerr++;
        }
        if (in->desc.kind == DP_KIND_RECOGNIZER) c->last_recognizer = (long)i;
        nerr += check_consumes(in, produced, errs);
        if (in->desc.produces) {
            size_t len = strlen(produced);
            snprintf(produced + len, sizeof produced - len, " %s", in->desc.produces);
        }
    }
    if (c->first_writer == c->n_stages) {
        dp_strbuf_printf(errs, "%s: the chain has no writer, so a run would produce nothing; end it with e.g. "
                         "{ plugin = \"jsonl\"; path = \"out/docs.jsonl\"; }\n", config);
        nerr++;
    }
    return nerr;
}

int dp_chain_init(dp_chain *c, int threads, int resuming, int check_only, dp_strbuf *errs)
{
    int nerr = 0;
    for (size_t i = 0; i <= c->n_stages; i++) {
        dp_instance *in = i == 0 ? c->source : c->stages[i - 1];
        in->threads = threads;
        in->resuming = resuming;
        in->check_only = check_only;
        nerr += dp_instance_init(in, errs) < 0;
    }
    return nerr;
}

int dp_chain_init_nomem(const dp_chain *c)
{
    int nomem = c->source && dp_error_nomem(&c->source->init_error);
    for (size_t i = 0; i < c->n_stages; i++) nomem |= dp_error_nomem(&c->stages[i]->init_error);
    return nomem;
}

void dp_chain_free(dp_chain *c)
{
    for (size_t i = c->n_stages; i-- > 0;) dp_instance_destroy(c->stages[i]);
    free(c->stages);
    dp_instance_destroy(c->source);
    memset(c, 0, sizeof *c);
}
