/*
 * docpipe/nonprose.h — text that is not prose: URLs, e-mail addresses and
 * file names.
 *
 * Words inside "https://www.qdnd.vn/quoc-te/…" or "anh-chung.jpg" are not
 * names of anything, yet a list lookup finds "qdnd" or "quoc" there like in
 * any sentence.  The core recognises such spans once per document (doc.h,
 * dp_doc_nonprose) and, after the last recognizer, drops every entity that
 * reaches into one without covering it whole (plugin.h, "ENTITIES"), so that
 * every recognizer, a third-party one too, skips them without a line of
 * code.  Writers use the same spans to render links.
 *
 * The rules know no language:
 *
 *   url       "http://", "https://" or "ftp://" and what follows up to white
 *             space, a quote or "<>"; "www." and a host name; a bare host
 *             name "qdnd.vn", "VnExpress.net/the-gioi" whose last label is a
 *             common generic top-level domain (com, net, org, gov, edu, info
 *             …) or two lowercase ASCII letters (a country: vn, jp, kr);
 *   email     local@host.tld (ASCII letters, digits and ._%+- before the @);
 *   filename  an ASCII name ending in a common document, image, audio,
 *             video or archive extension: "quang-canh.jpg", "bao-cao.pdf".
 *
 * A span starts where a word cannot continue (after white space or
 * punctuation) and never ends inside a word; trailing sentence punctuation
 * (". , ; : ! ? ) ] '") is not part of it.  These are the extents the
 * `dates` recognizer gives its URL and EMAIL entities, which therefore
 * cover their spans whole and stay.
 */
#ifndef DOCPIPE_NONPROSE_H
#define DOCPIPE_NONPROSE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum dp_nonprose_kind {
    DP_NONPROSE_NONE = 0,
    DP_NONPROSE_URL = 1,
    DP_NONPROSE_EMAIL = 2,
    DP_NONPROSE_FILENAME = 3
} dp_nonprose_kind;

/* A span of text that is not prose: byte offsets, half-open, and its kind. */
typedef struct dp_nonprose_span {
    size_t start;
    size_t end;
    dp_nonprose_kind kind;
} dp_nonprose_span;

/* "url", "email", "filename"; NULL for DP_NONPROSE_NONE. */
const char *dp_nonprose_kind_name(dp_nonprose_kind kind);

/*
 * The first non-prose span of s[0..len) (UTF-8) that starts at or after
 * `from`: its kind, with its bytes in [*start, *end); DP_NONPROSE_NONE when
 * there is none.  Works on any string (a field value as well as a text).
 */
dp_nonprose_kind dp_text_nonprose_next(const char *s, size_t len, size_t from, size_t *start,
                                       size_t *end);

#ifdef __cplusplus
}
#endif
#endif /* DOCPIPE_NONPROSE_H */
