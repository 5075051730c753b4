/*
 * news_places.h — the province names of the `news` source's option
 * `provinces`: a "Nguồn X:" line whose X is one of them names the provincial
 * newspaper ("Nguồn Lạng Sơn:" = Báo Lạng Sơn), not a place.
 */
#ifndef SOURCE_NEWS_PLACES_H
#define SOURCE_NEWS_PLACES_H

#include <stddef.h>

#include <docpipe/docpipe.h>

typedef struct news_places {
    char **keys; /* match keys (Vietnamese rules), sorted */
    size_t n;
} news_places;

/*
 * Load the names of a gazetteer-format list (data/README.md: surface, type,
 * id, english[, attrs]; a one-column list of names works too).  Rows with a
 * `form` attribute (the full forms "Tỉnh X", "Thành phố X") are left out:
 * newspapers are named by the bare name.  0, or -1 with the reason given to
 * dp_instance_error (FILE:LINE for a bad row).
 */
int news_places_load(news_places *p, const char *path, dp_instance *inst);

/* s[0..len) is one of the names (case and tone placement aside).  0 when memory runs out. */
int news_places_has(const news_places *p, const char *s, size_t len);

void news_places_free(news_places *p);

#endif
