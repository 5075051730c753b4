/* The mention lines of the entity index (html_mentions.h). */
#include <string.h>

#include "html_mentions.h"
#include "html_util.h"
#include "tsv_field.h"

static int is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

/* The context before start: back to the line start or HTML_SNIPPET bytes, then to a word start. */
static size_t left_start(const char *t, size_t start)
{
    size_t a = start;
    while (a > 0 && t[a - 1] != '\n' && start - a < HTML_SNIPPET) a--;
    if (a > 0 && t[a - 1] != '\n') {
        while (a < start && is_cont((unsigned char)t[a])) a++;
        while (a < start && t[a] != ' ') a++;
    }
    return a;
}

static size_t right_end(const char *t, size_t len, size_t end)
{
    size_t b = end;
    while (b < len && t[b] != '\n' && b - end < HTML_SNIPPET) b++;
    if (b < len && t[b] != '\n') {
        while (b > end && is_cont((unsigned char)t[b])) b--;
        while (b > end && t[b - 1] != ' ') b--;
    }
    return b;
}

/* key[ks..ke): the part of the document's match key over text [start, end). */
static void key_span(const size_t *map, size_t klen, size_t start, size_t end, size_t *ks, size_t *ke)
{
    size_t lo = 0, hi = klen;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (map[mid] < start) lo = mid + 1; else hi = mid;
    }
    *ks = lo;
    hi = klen;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (map[mid] < end) lo = mid + 1; else hi = mid;
    }
    *ke = lo;
}

int html_mentions_write(FILE *f, dp_doc *doc, size_t doc_no, const char *stem,
                        const dp_text_rules *rules)
{
    size_t tlen, klen = 0;
    const char *text = dp_doc_text(doc, &tlen);
    const size_t *map = NULL;
    const char *key = NULL;
    for (size_t i = 0; i < dp_doc_entity_count(doc); i++) {
        const dp_entity *e = dp_doc_entity_at(doc, i);
        if (!e || e->start >= e->end || e->end > tlen)
            continue;
        const char *type = e->type ? e->type : "MISC";
        const char *id = dp_entity_attr(e, "id");
        if (id && *id) {
            fputs("id:", f);
            tsv_field_put(f, id);
        } else {
            if (!key && !(key = dp_doc_match_key(doc, rules, &klen, &map)))
                return -1;
            size_t ks, ke;
            key_span(map, klen, e->start, e->end, &ks, &ke);
            fputs("t:", f);
            tsv_field_put(f, type);
            fputc(':', f);
            tsv_field_put_n(f, key + ks, ke - ks);
        }
        fputc('\t', f);
        tsv_field_put(f, type);
        fputc('\t', f);
        tsv_field_put_n(f, text + e->start, e->end - e->start);
        fputc('\t', f);
        tsv_field_put(f, dp_entity_translation(e, "en"));
        fputc('\t', f);
        tsv_field_put(f, id);
        fprintf(f, "\t%zu\t", doc_no);
        tsv_field_put(f, stem);
        fprintf(f, "\te%zu\t", i + 1);
        size_t a = left_start(text, e->start), b = right_end(text, tlen, e->end);
        tsv_field_put_n(f, text + a, e->start - a);
        fputc('\t', f);
        tsv_field_put_n(f, text + e->end, b - e->end);
        fputc('\n', f);
    }
    return 0;
}
