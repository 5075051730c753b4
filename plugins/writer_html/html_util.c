/* Escaping, summary-file fields, type classes and the style sheet of the HTML report. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "html_util.h"

void html_esc_n(FILE *f, const char *s, size_t len)
{
    for (size_t i = 0; s && i < len; i++) {
        switch (s[i]) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(s[i], f);
        }
    }
}

void html_esc(FILE *f, const char *s)
{
    if (s)
        html_esc_n(f, s, strlen(s));
}

void html_tsv_unescape(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            *o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
}

size_t html_tsv_split(char *line, char **fields, size_t max)
{
    line[strcspn(line, "\n")] = '\0';
    size_t n = 0;
    while (n < max) {
        fields[n++] = line;
        char *tab = strchr(line, '\t');
        if (!tab)
            break;
        *tab = '\0';
        line = tab + 1;
    }
    for (size_t i = 0; i < n; i++)
        html_tsv_unescape(fields[i]);
    return n;
}

void html_type_class(const char *type, char *out, size_t size)
{
    size_t o = 0;
    for (const char *p = type ? type : "MISC"; *p && o + 1 < size; p++) {
        unsigned char c = (unsigned char)*p;
        out[o++] = (isalnum(c) || c == '_' || c == '-') ? (char)c : '_';
    }
    out[o] = '\0';
}

const char HTML_STYLE[] =
    "body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;color:#222}"
    "table{border-collapse:collapse;margin:.5em 0}"
    "th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}"
    "th{background:#f3f3f3}.text{white-space:pre-wrap;line-height:1.7;border:1px solid #ddd;"
    "padding:1em}.ent{border-radius:3px;padding:0 2px}"
    ".legend .ent{margin-right:.5em}.num{text-align:right}";

FILE *html_file_open(const char *path, char **tmp)
{
    size_t n = strlen(path);
    *tmp = malloc(n + 5);
    if (!*tmp)
        return NULL;
    memcpy(*tmp, path, n);
    memcpy(*tmp + n, ".tmp", 5);
    /* Created anew: a link planted under the temporary name is removed, never followed. */
    unlink(*tmp);
    int fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f && fd >= 0)
        close(fd);
    if (!f) {
        int saved = errno;
        free(*tmp);
        *tmp = NULL;
        errno = saved;
    }
    return f;
}

int html_file_commit(FILE *f, char *tmp, const char *path, dp_error *err)
{
    int rc = DP_OK;
    if (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0) {
        rc = dp_fail(err, DP_FATAL, "cannot write %s: %s", tmp, strerror(errno));
        fclose(f);
    } else if (fclose(f) != 0) {
        rc = dp_fail(err, DP_FATAL, "cannot write %s: %s", tmp, strerror(errno));
    } else if (rename(tmp, path) != 0) {
        rc = dp_fail(err, DP_FATAL, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
    }
    if (rc != DP_OK)
        unlink(tmp);
    free(tmp);
    return rc;
}

void html_file_abort(FILE *f, char *tmp)
{
    if (f)
        fclose(f);
    if (tmp)
        unlink(tmp);
    free(tmp);
}

/* A listing's file name: "index", "index-2", "type-PER", "type-PER-3". */
void html_listing_name(const char *type, size_t page, char *out, size_t size)
{
    char cls[96];
    if (type)
        html_type_class(type, cls, sizeof cls);
    if (page <= 1)
        snprintf(out, size, "%s%s.html", type ? "type-" : "index", type ? cls : "");
    else
        snprintf(out, size, "%s%s-%zu.html", type ? "type-" : "index", type ? cls : "", page);
}


void html_page_links(FILE *f, const char *type, size_t page, size_t pages)
{
    if (pages <= 1)
        return;
    char name[160];
    fprintf(f, "<p class=\"nav pages\">page %zu of %zu: ", page, pages);
    for (size_t p = 1; p <= pages; p++) {
        int near = p == 1 || p == pages || (p + 5 >= page && p <= page + 5);
        if (!near) {
            if (p == 2 || p == page + 6)
                fputs("… ", f);
            continue;
        }
        html_listing_name(type, p, name, sizeof name);
        if (p == page)
            fprintf(f, "<b>%zu</b> ", p);
        else
            fprintf(f, "<a href=\"%s\">%zu</a>", name, p);
    }
    if (page < pages) {
        html_listing_name(type, page + 1, name, sizeof name);
        fprintf(f, "<a href=\"%s\" rel=\"next\">next &rarr;</a>", name);
    }
    fputs("</p>\n", f);
}

