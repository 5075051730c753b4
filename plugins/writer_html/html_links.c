/* URLs, e-mail addresses and file names of the HTML report (html_links.h). */
#include <string.h>

#include "html_links.h"
#include "html_util.h"

static int has_scheme(const char *s, size_t len)
{
    for (size_t i = 0; i + 2 < len && i < 6; i++)
        if (s[i] == ':') return s[i + 1] == '/' && s[i + 2] == '/';
    return 0;
}

static void span_html(FILE *f, const char *s, const dp_nonprose_span *sp)
{
    const char *p = s + sp->start;
    size_t len = sp->end - sp->start;
    switch (sp->kind) {
    case DP_NONPROSE_URL:
        /* the scanner only accepts http, https and ftp: no other scheme reaches href */
        fputs("<a class=\"url\" href=\"", f);
        if (!has_scheme(p, len))
            fputs("https://", f);
        html_esc_n(f, p, len);
        fputs("\" rel=\"nofollow noopener noreferrer\">", f);
        html_esc_n(f, p, len);
        fputs("</a>", f);
        return;
    case DP_NONPROSE_EMAIL:
        fputs("<a class=\"email\" href=\"mailto:", f);
        html_esc_n(f, p, len);
        fputs("\">", f);
        html_esc_n(f, p, len);
        fputs("</a>", f);
        return;
    case DP_NONPROSE_FILENAME:
        fputs("<code class=\"file\">", f);
        html_esc_n(f, p, len);
        fputs("</code>", f);
        return;
    case DP_NONPROSE_NONE:
        break;
    }
    html_esc_n(f, p, len);
}

void html_text_linked(FILE *f, const char *s, size_t a, size_t b, const dp_nonprose_span *np,
                      size_t n)
{
    size_t lo = 0, hi = n;
    while (lo < hi) { /* the first span starting at or after a */
        size_t mid = lo + (hi - lo) / 2;
        if (np[mid].start < a) lo = mid + 1; else hi = mid;
    }
    size_t pos = a;
    for (size_t i = lo; i < n && np[i].end <= b; i++) {
        html_esc_n(f, s + pos, np[i].start - pos);
        span_html(f, s, &np[i]);
        pos = np[i].end;
    }
    html_esc_n(f, s + pos, b - pos);
}

void html_value_linked(FILE *f, const char *value)
{
    if (!value)
        return;
    size_t len = strlen(value), pos = 0, a, b;
    dp_nonprose_kind k;
    while ((k = dp_text_nonprose_next(value, len, pos, &a, &b)) != DP_NONPROSE_NONE) {
        dp_nonprose_span sp = { a, b, k };
        html_esc_n(f, value + pos, a - pos);
        span_html(f, value, &sp);
        pos = b;
    }
    html_esc_n(f, value + pos, len - pos);
}
