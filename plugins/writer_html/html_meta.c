/* The metadata table of a document page (html_meta.h). */
#include <string.h>

#include "html_links.h"
#include "html_meta.h"
#include "html_util.h"

static const char *const MARKERS[] = { "derived", "inferred", NULL };

/* key is "K_derived" or "K_inferred" for a field K the document has. */
static int is_marker_of_field(const dp_doc *doc, const char *key)
{
    for (const char *const *m = MARKERS; *m; m++) {
        size_t kl = strlen(key), ml = strlen(*m);
        if (kl <= ml + 1 || key[kl - ml - 1] != '_' || strcmp(key + kl - ml, *m) != 0)
            continue;
        for (size_t i = 0; i < dp_doc_field_count(doc); i++) {
            const dp_field *fl = dp_doc_field_at(doc, i);
            if (strlen(fl->key) == kl - ml - 1 && strncmp(fl->key, key, kl - ml - 1) == 0)
                return 1;
        }
    }
    return 0;
}

const char *html_meta_marker(const dp_doc *doc, const char *key, const char **how)
{
    for (const char *const *m = MARKERS; *m; m++) {
        char name[128];
        if ((size_t)snprintf(name, sizeof name, "%s_%s", key, *m) >= sizeof name)
            continue;
        const char *v = dp_doc_field(doc, name);
        if (v) {
            *how = *m;
            return v;
        }
    }
    return NULL;
}

/* The value was already written in this row (an earlier field of the same key). */
static int seen_before(const dp_doc *doc, size_t upto, const dp_field *fl)
{
    for (size_t j = 0; j < upto; j++) {
        const dp_field *o = dp_doc_field_at(doc, j);
        if (strcmp(o->key, fl->key) == 0 && strcmp(o->value, fl->value) == 0)
            return 1;
    }
    return 0;
}

void html_meta_fields(FILE *f, const dp_doc *doc)
{
    size_t n = dp_doc_field_count(doc);
    for (size_t i = 0; i < n; i++) {
        const dp_field *fl = dp_doc_field_at(doc, i);
        int first = 1;
        for (size_t j = 0; j < i && first; j++)
            first = strcmp(dp_doc_field_at(doc, j)->key, fl->key) != 0;
        if (!first || is_marker_of_field(doc, fl->key))
            continue;
        fputs("<tr><th>", f);
        html_esc(f, fl->key);
        fputs("</th><td>", f);
        int written = 0;
        for (size_t j = i; j < n; j++) {
            const dp_field *v = dp_doc_field_at(doc, j);
            if (strcmp(v->key, fl->key) != 0 || seen_before(doc, j, v))
                continue;
            if (written++)
                fputs("<br>", f);
            html_value_linked(f, v->value);
        }
        const char *how = NULL, *from = html_meta_marker(doc, fl->key, &how);
        if (from) {
            fprintf(f, " <small class=\"%s\">(%s from the ", how, how);
            html_esc(f, from);
            fputs(")</small>", f);
        }
        fputs("</td></tr>\n", f);
    }
}
