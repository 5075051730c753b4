/* The province names behind "Nguồn X:" lines (news_places.h). */
#include <stdlib.h>
#include <string.h>

#include "news_places.h"
#include "vi/vi_text.h"

static int by_key(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The row's attrs column names a form ("form=province"). */
static int is_full_form(const dp_tsv_row *row)
{
    size_t vlen;
    return row->n >= 5 && dp_tsv_attr(row->col[4], row->len[4], "form", &vlen) != NULL;
}

static char *key_of(const char *s, size_t len)
{
    size_t klen;
    return dp_text_match_key(s, len, &vi_text_rules, &klen, NULL);
}

int news_places_load(news_places *p, const char *path, dp_instance *inst)
{
    *p = (news_places){ NULL, 0 };
    dp_tsv *t = dp_tsv_open(path);
    if (!t) return dp_instance_nomem(inst);
    dp_tsv_expect(t, 1, 5, "surface[, type, id, english[, attrs]]");
    size_t cap = 0;
    dp_tsv_row row;
    int rc;
    while ((rc = dp_tsv_next(t, &row)) > 0) {
        if (is_full_form(&row) || row.len[0] == 0) continue;
        if (p->n == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            char **nk = realloc(p->keys, ncap * sizeof *nk);
            if (!nk) break;
            p->keys = nk;
            cap = ncap;
        }
        if (!(p->keys[p->n] = key_of(row.col[0], row.len[0]))) break;
        p->n++;
    }
    if (rc > 0) { /* left the loop for want of memory */
        dp_tsv_close(t);
        news_places_free(p);
        return dp_instance_nomem(inst);
    }
    if (rc < 0) {
        dp_instance_error(inst, "provinces: %s", dp_tsv_error(t));
        dp_tsv_close(t);
        news_places_free(p);
        return -1;
    }
    dp_tsv_close(t);
    qsort(p->keys, p->n, sizeof *p->keys, by_key);
    return 0;
}

int news_places_has(const news_places *p, const char *s, size_t len)
{
    if (!p->n) return 0;
    char *key = key_of(s, len);
    if (!key) return 0;
    int found = bsearch(&key, p->keys, p->n, sizeof *p->keys, by_key) != NULL;
    free(key);
    return found;
}

void news_places_free(news_places *p)
{
    for (size_t i = 0; i < p->n; i++) free(p->keys[i]);
    free(p->keys);
    *p = (news_places){ NULL, 0 };
}
