/*
 * source_html.c — the `html` source: article pages parsed with libxml2.
 *
 * Metadata comes from <title>, <meta> and <link rel=canonical>; the text is
 * built from the blocks (headings, paragraphs, list items, captions …) of the
 * <article> (else <main>, else <body>), joined by blank lines, with
 * scripts, styles, navigation, headers, footers and asides dropped.  Each
 * block is one segment of the same kinds as the `news` source.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <docpipe/docpipe.h>

static const dp_option options[] = {
    { "container", DP_OPT_STRING, NULL, 0, NULL,
      "element name holding the article body (default: article, else main, else body)" },
    DP_OPTION_END
};

typedef struct html_state {
    const char *container;
} html_state;

static int html_init(dp_instance *inst, void **state)
{
    html_state *s = calloc(1, sizeof *s);
    if (!s) {
        dp_instance_nomem(inst);
        return -1;
    }
    s->container = dp_opt_str(inst, "container");
    xmlInitParser(); /* once, single-threaded, before any worker parses */
    *state = s;
    return 0;
}

static void html_fini(void *state)
{
    free(state);
}

/* ---- small helpers --------------------------------------------------------- */

static int is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, name) == 0;
}

/* An attribute's value without allocating (NULL when absent or not plain text). */
static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (!a->name || strcasecmp((const char *)a->name, name) != 0) continue;
        if (a->children && a->children->type == XML_TEXT_NODE && !a->children->next)
            return (const char *)a->children->content;
        return "";
    }
    return NULL;
}

/* Non-zero when the class attribute contains one of the words (substring match). */
static int class_has(const xmlNode *n, const char *const *words)
{
    const char *c = attr(n, "class");
    if (!c) return 0;
    for (; *words; words++)
        if (strcasestr(c, *words)) return 1;
    return 0;
}

/* Append text with every run of white space (and NBSP) as one space. */
static void put_collapsed(dp_strbuf *b, const char *s)
{
    while (*s) {
        size_t run = 0;
        while (s[run] && s[run] != ' ' && s[run] != '\t' && s[run] != '\n' && s[run] != '\r' &&
               s[run] != '\f' && !((unsigned char)s[run] == 0xC2 && (unsigned char)s[run + 1] == 0xA0))
            run++;
        if (run) {
            dp_strbuf_add(b, s, run);
            s += run;
        }
        int space = 0;
        for (;;) {
            if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f') s++;
            else if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) s += 2;
            else break;
            space = 1;
        }
        if (space && b->len && b->data[b->len - 1] != ' ') dp_strbuf_add(b, " ", 1);
    }
}

/* ---- blocks ---------------------------------------------------------------- */

enum { B_PARA, B_TITLE, B_HEADING, B_LEDE, B_BYLINE, B_CAPTION };
static const char *const block_kind[] = { "paragraph", "title", "heading", "lede", "byline",
                                          "caption" };

typedef struct block {
    size_t off, len; /* in the accumulator */
    int kind;
} block;

typedef struct walk {
    dp_strbuf acc;       /* text of all blocks, back to back */
    size_t open;   /* start of the block being collected */
    block *v;
    size_t n, cap;
    int kinds[256];
    size_t depth;
    int h1_seen;
    int oom;
} walk;

static void flush(walk *w, int kind)
{
    size_t s = w->open, e = w->acc.len;
    while (s < e && w->acc.data[s] == ' ') s++;
    while (e > s && w->acc.data[e - 1] == ' ') e--;
    if (e > s && !w->oom) {
        if (w->n == w->cap) {
            size_t cap = w->cap ? w->cap * 2 : 32;
            block *v = realloc(w->v, cap * sizeof *v);
            if (!v) {
                w->oom = 1;
                return;
            }
            w->v = v;
            w->cap = cap;
        }
        w->v[w->n++] = (block){ s, e - s, kind };
    }
    /* the next block starts after this one; keep a separator so text nodes do not glue */
    dp_strbuf_add(&w->acc, " ", 1);
    w->open = w->acc.len;
}

static int skipped(const xmlNode *n, int in_article)
{
    static const char *const skip[] = { "script", "style", "nav", "footer", "aside", "noscript",
                                        "iframe", "svg", "form", "button", "template", "select",
                                        "textarea", "object", "embed", "canvas", "head", NULL };
    if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) return 1;
    if (n->type != XML_ELEMENT_NODE) return 0;
    for (const char *const *s = skip; *s; s++)
        if (is(n, *s)) return 1;
    /* the page header holds navigation; an article's own header holds its title */
    if (is(n, "header") && !in_article) return 1;
    static const char *const junk[] = { "share", "social", "related", "comment", "advert",
                                        "banner", "breadcrumb", NULL };
    return class_has(n, junk);
}

static int block_of(walk *w, const xmlNode *n)
{
    static const char *const blocks[] = { "p", "div", "section", "li", "ul", "ol", "blockquote",
                                          "pre", "table", "tr", "td", "th", "dl", "dt", "dd",
                                          "figure", "address", "caption", "article", "main",
                                          "header", "center", NULL };
    static const char *const lede[] = { "lede", "sapo", "summary", "intro", "chapeau",
                                        "description", "lead", NULL };
    static const char *const byline[] = { "byline", "author", NULL };
    const char *name = (const char *)n->name;
    if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2]) {
        if (name[1] == '1' && !w->h1_seen) {
            w->h1_seen = 1;
            return B_TITLE;
        }
        return B_HEADING;
    }
    if (is(n, "figcaption")) return B_CAPTION;
    for (const char *const *b = blocks; *b; b++) {
        if (!is(n, *b)) continue;
        if (class_has(n, byline)) return B_BYLINE;
        if (class_has(n, lede)) return B_LEDE;
        return B_PARA;
    }
    return -1;
}

/* Iterative (no recursion: nesting depth is the input's choice). */
static void walk_blocks(walk *w, xmlNode *root, int in_article)
{
    xmlNode *n = root->children;
    w->kinds[0] = B_PARA;
    w->depth = 1;
    while (n) {
        int descend = 0;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content) put_collapsed(&w->acc, (const char *)n->content);
        } else if (n->type == XML_ELEMENT_NODE && !skipped(n, in_article)) {
            if (is(n, "br")) dp_strbuf_add(&w->acc, " ", 1);
            int k = block_of(w, n);
            if (k >= 0) {
                flush(w, w->kinds[(w->depth < 256 ? w->depth : 256) - 1]);
                if (w->depth < 256) w->kinds[w->depth] = k;
                w->depth++;
            }
            descend = n->children != NULL;
            if (!descend && k >= 0) {
                flush(w, k);
                w->depth--;
            }
        }
        if (descend) {
            n = n->children;
            continue;
        }
        while (n) { /* climb, closing the blocks we leave */
            if (n != root && n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
            if (!n || n == root) {
                n = NULL;
                break;
            }
            if (n->type == XML_ELEMENT_NODE && block_of(w, n) >= 0) {
                size_t d = w->depth - 1;
                flush(w, w->kinds[(d < 256 ? d : 255)]);
                w->depth--;
            }
        }
    }
    flush(w, w->kinds[(w->depth < 256 ? w->depth : 256) - 1]);
    if (w->acc.oom) w->oom = 1;
}

/* ---- page metadata --------------------------------------------------------- */

typedef struct meta {
    const char *title_tag, *og_title, *description, *published, *author, *keywords;
    const char *section, *site, *canonical, *og_url, *time_dt;
    xmlNode *article, *main, *body, *chosen, *h1;
    xmlChar *title_text; /* owned */
} meta;

static void scan_meta(xmlNode *root, meta *m, const char *container)
{
    xmlNode *n = root;
    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            if (is(n, "meta")) {
                const char *k = attr(n, "property");
                if (!k) k = attr(n, "name");
                if (!k) k = attr(n, "itemprop");
                const char *v = attr(n, "content");
                if (k && v && *v) {
                    if (!strcasecmp(k, "og:title") && !m->og_title) m->og_title = v;
                    else if ((!strcasecmp(k, "description") || !strcasecmp(k, "og:description")) &&
                             !m->description) m->description = v;
                    else if ((!strcasecmp(k, "article:published_time") ||
                              !strcasecmp(k, "datePublished") || !strcasecmp(k, "pubdate") ||
                              !strcasecmp(k, "publishdate") || !strcasecmp(k, "date") ||
                              !strcasecmp(k, "dc.date")) && !m->published) m->published = v;
                    else if ((!strcasecmp(k, "author") || !strcasecmp(k, "article:author")) &&
                             !m->author && strncmp(v, "http", 4) != 0) m->author = v;
                    else if ((!strcasecmp(k, "keywords") || !strcasecmp(k, "news_keywords")) &&
                             !m->keywords) m->keywords = v;
                    else if (!strcasecmp(k, "article:section") && !m->section) m->section = v;
                    else if (!strcasecmp(k, "og:site_name") && !m->site) m->site = v;
                    else if (!strcasecmp(k, "og:url") && !m->og_url) m->og_url = v;
                }
            } else if (is(n, "link")) {
                const char *rel = attr(n, "rel");
                if (rel && !strcasecmp(rel, "canonical") && !m->canonical) m->canonical = attr(n, "href");
            } else if (is(n, "title") && !m->title_text) {
                m->title_text = xmlNodeGetContent(n);
            } else if (is(n, "time") && !m->time_dt) {
                m->time_dt = attr(n, "datetime");
            } else if (is(n, "article") && !m->article) {
                m->article = n;
            } else if (is(n, "main") && !m->main) {
                m->main = n;
            } else if (is(n, "body") && !m->body) {
                m->body = n;
            } else if (is(n, "h1") && !m->h1) {
                m->h1 = n;
            }
            if (container && !m->chosen && is(n, container)) m->chosen = n;
            if (!is(n, "script") && !is(n, "style") && n->children) {
                n = n->children;
                continue;
            }
        }
        while (n) {
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
        }
    }
    m->title_tag = (const char *)m->title_text;
}

/* ---- output ---------------------------------------------------------------- */

static int field(dp_doc *doc, const char *key, const char *v)
{
    if (!v) return 0;
    while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r') v++;
    size_t n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\n' || v[n - 1] == '\r')) n--;
    if (!n) return 0;
    char *c = dp_arena_strndup(dp_doc_arena(doc), v, n);
    if (!c || !dp_utf8_valid(c, n, NULL)) return c ? 0 : -1;
    return dp_doc_field_add(doc, key, c);
}

static int keyword_fields(dp_doc *doc, const char *kw)
{
    if (!kw) return 0;
    dp_strbuf joined = { 0 };
    const char *p = kw;
    int rc = 0;
    while (*p && rc == 0) {
        const char *q = p;
        while (*q && *q != ',' && *q != ';') q++;
        const char *a = p, *b = q;
        while (a < b && (*a == ' ' || *a == '\t' || *a == '\n')) a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\n')) b--;
        if (b > a) {
            char *v = dp_arena_strndup(dp_doc_arena(doc), a, (size_t)(b - a));
            if (!v || dp_doc_field_add(doc, "keyword", v) < 0) rc = -1;
            if (joined.len) dp_strbuf_add(&joined, ", ", 2);
            dp_strbuf_add(&joined, a, (size_t)(b - a));
        }
        p = *q ? q + 1 : q;
    }
    if (rc == 0 && joined.oom) rc = -1;
    if (rc == 0 && joined.len) rc = dp_doc_field_add(doc, "keywords", joined.data);
    dp_strbuf_free(&joined);
    return rc;
}

/* Start of a trailing "(Ảnh: …)" in s[0..n), or n. */
static size_t credit_at(const char *s, size_t n)
{
    if (n < 6 || s[n - 1] != ')') return n;
    for (size_t i = n - 1; i-- > 0 && n - i < 160;) {
        if (s[i] == ')') return n;
        if (s[i] != '(') continue;
        if (!strncmp(s + i + 1, "Ảnh", strlen("Ảnh")) || !strncmp(s + i + 1, "ảnh", strlen("ảnh")) ||
            !strncmp(s + i + 1, "Photo", 5))
            return i;
        return n;
    }
    return n;
}

/* Title without a " | Site" or " - Site" suffix. */
static char *clean_title(dp_doc *doc, const char *t)
{
    if (!t) return NULL;
    size_t n = strlen(t);
    const char *bar = strstr(t, " | ");
    if (bar) n = (size_t)(bar - t);
    return dp_arena_strndup(dp_doc_arena(doc), t, n);
}

/* ISO date (YYYY-MM-DD) of an ISO 8601 timestamp, or NULL. */
static char *iso_date(dp_doc *doc, const char *v)
{
    if (!v) return NULL;
    while (*v == ' ') v++;
    for (int i = 0; i < 10; i++) {
        char c = v[i];
        if ((i == 4 || i == 7) ? c != '-' : (c < '0' || c > '9')) {
            if (i == 7 && (c == '\0' || c == 'T' || c == ' ')) return dp_arena_strndup(dp_doc_arena(doc), v, 7);
            return NULL;
        }
    }
    return dp_arena_strndup(dp_doc_arena(doc), v, 10);
}

static int assemble(dp_doc *doc, walk *w, const char *title, int nfc_blocks, int *mismatch)
{
    dp_strbuf out = { 0 };
    typedef struct span { size_t s, e; int kind; int credit; } span;
    span *sp = calloc(w->n + 1, sizeof *sp);
    if (!sp) return -1;
    size_t ns = 0;
    int have_title = 0, have_lede = 0;
    for (size_t i = 0; i < w->n; i++) have_title |= w->v[i].kind == B_TITLE;
    if (!have_title && title && *title) {
        dp_strbuf_add(&out, title, strlen(title));
        sp[ns++] = (span){ 0, out.len, B_TITLE, 0 };
        have_title = 1;
    }
    for (size_t i = 0; i < w->n; i++) have_lede |= w->v[i].kind == B_LEDE;
    for (size_t i = 0; i < w->n; i++) {
        const char *s = w->acc.data + w->v[i].off;
        size_t n = w->v[i].len;
        char *norm = NULL;
        if (nfc_blocks) {
            norm = dp_text_nfc(s, n, &n);
            if (!norm) continue; /* not valid UTF-8: drop the block */
            s = norm;
        }
        if (out.len) dp_strbuf_add(&out, "\n\n", 2);
        int kind = w->v[i].kind;
        if (kind == B_PARA && !have_lede && have_title) {
            kind = B_LEDE;
            have_lede = 1;
        }
        size_t start = out.len;
        dp_strbuf_add(&out, s, n);
        sp[ns++] = (span){ start, out.len, kind, kind == B_CAPTION };
        free(norm);
    }
    int rc = 0;
    if (out.oom) rc = -1;
    else if (dp_doc_set_text(doc, out.data ? out.data : "", out.len) < 0) rc = -2;
    if (rc == 0) {
        size_t len;
        const char *t = dp_doc_text(doc, &len);
        if (len != out.len || (len && memcmp(t, out.data, len) != 0)) {
            *mismatch = 1;
        } else {
            for (size_t i = 0; i < ns && rc == 0; i++) {
                size_t cs = sp[i].credit ? sp[i].s + credit_at(t + sp[i].s, sp[i].e - sp[i].s) : sp[i].e;
                size_t ce = cs;
                while (ce > sp[i].s && t[ce - 1] == ' ') ce--;
                if (ce > sp[i].s && dp_doc_segment_add(doc, sp[i].s, ce, block_kind[sp[i].kind]) < 0) rc = -1;
                if (cs < sp[i].e && dp_doc_segment_add(doc, cs, sp[i].e, "credit") < 0) rc = -1;
            }
        }
    }
    dp_strbuf_free(&out);
    free(sp);
    return rc;
}

static void noop_error(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* A metadata string of the page, copied out of the tree (NULL stays NULL); *oom set when memory ran out. */
static const char *keep(dp_doc *doc, const char *s, int *oom)
{
    if (!s) return NULL;
    const char *c = dp_arena_strdup(dp_doc_arena(doc), s);
    if (!c) *oom = 1;
    return c;
}

/*
 * Why libxml2 stopped before the end of the page, or NULL when it read it all.
 * It gives up on elements nested deeper than 256 (XML_PARSE_HUGE would allow
 * 2048: left off, a page is not allowed to cost that) and on text nodes over
 * 10 MB; what it built then lacks the rest of the page, so the document is
 * dead-lettered rather than written with its body missing.
 */
static const char *stopped_early(htmlParserCtxtPtr ctxt)
{
    const xmlError *e = xmlCtxtGetLastError(ctxt);
    if (ctxt->errNo != XML_ERR_INTERNAL_ERROR && !(e && e->code == XML_ERR_INTERNAL_ERROR)) return NULL;
    if (e && e->message && strstr(e->message, "depth"))
        return "its elements nest deeper than libxml2's limit of 256 levels";
    return e && e->message ? e->message : "libxml2 stopped reading it";
}

static int html_process(void *state, dp_doc *doc, dp_error *err)
{
    const html_state *st = state;
    size_t len = 0;
    const char *raw = dp_doc_raw(doc, &len);
    if (!raw) return dp_fail(err, DP_FAILED, "no input");
    if (len > 0x7fffffff) return dp_fail(err, DP_FAILED, "input too large for libxml2 (%zu bytes)", len);
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt) return dp_fail_nomem(err);
    /* per-context handlers: nothing of libxml2's reaches stderr */
    ctxt->sax->error = noop_error;
    ctxt->sax->warning = noop_error;
    ctxt->vctxt.error = noop_error;
    ctxt->vctxt.warning = noop_error;
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
               HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT;
    htmlDocPtr hd = htmlCtxtReadMemory(ctxt, len ? raw : " ", len ? (int)len : 1, NULL, "UTF-8", opts);
    const char *why = stopped_early(ctxt);
    int rc = DP_OK;
    if (why) rc = dp_fail(err, DP_FAILED, "the page cannot be read whole: %s; not written, rather than cut", why);
    htmlFreeParserCtxt(ctxt);
    meta m = { 0 };
    walk w = { 0 };
    xmlNode *root = hd ? xmlDocGetRootElement(hd) : NULL;
    if (root && rc == DP_OK) {
        scan_meta(root, &m, st->container);
        xmlNode *c = m.chosen ? m.chosen : m.article ? m.article : m.main ? m.main : m.body ? m.body : root;
        walk_blocks(&w, c, c == m.article || is(c, "article"));
    }
    if (rc != DP_OK) goto out;
    if (w.oom) {
        rc = dp_fail_nomem(err);
        goto out;
    }
    char *title = m.og_title ? dp_arena_strdup(dp_doc_arena(doc), m.og_title) : NULL;
    if (!title && m.h1) {
        xmlChar *h = xmlNodeGetContent(m.h1);
        if (h) {
            dp_strbuf b = { 0 };
            put_collapsed(&b, (const char *)h);
            if (b.data) title = dp_arena_strdup(dp_doc_arena(doc), b.data);
            dp_strbuf_free(&b);
            xmlFree(h);
        }
    }
    if (!title) title = clean_title(doc, m.title_tag);
    if (title) { /* collapse white space of metadata titles too */
        dp_strbuf b = { 0 };
        put_collapsed(&b, title);
        title = b.data ? dp_arena_strdup(dp_doc_arena(doc), b.data) : NULL;
        dp_strbuf_free(&b);
        if (title) {
            size_t n = strlen(title);
            while (n && title[n - 1] == ' ') title[--n] = '\0';
            while (*title == ' ') title++;
        }
    }
    /* What is still needed of the tree, copied: the tree (several times the page) goes before the text is built. */
    int oom = 0;
    const char *author = keep(doc, m.author, &oom), *published = keep(doc, m.published, &oom);
    const char *time_dt = keep(doc, m.time_dt, &oom), *section = keep(doc, m.section, &oom);
    const char *keywords = keep(doc, m.keywords, &oom), *description = keep(doc, m.description, &oom);
    const char *site = keep(doc, m.site, &oom), *url = keep(doc, m.canonical ? m.canonical : m.og_url, &oom);
    const char *lang = keep(doc, root ? attr(root, "lang") : NULL, &oom);
    if (m.title_text) xmlFree(m.title_text);
    m.title_text = NULL;
    xmlFreeDoc(hd);
    hd = NULL;
    if (oom) {
        rc = dp_fail_nomem(err);
        goto out;
    }
    int mismatch = 0;
    int a = assemble(doc, &w, title, 0, &mismatch);
    if (a == 0 && mismatch) a = assemble(doc, &w, title, 1, &mismatch);
    if (a == -2) {
        rc = dp_fail(err, DP_FAILED, "the page's text is not valid UTF-8");
        goto out;
    }
    if (a < 0) {
        rc = dp_fail_nomem(err);
        goto out;
    }
    dp_strbuf_free(&w.acc);
    free(w.v);
    w.v = NULL;
    dp_doc *d = doc;
    size_t tl;
    const char *t = dp_doc_text(d, &tl);
    for (size_t i = 0; !author && i < dp_doc_segment_count(d); i++) {
        const dp_segment *g = dp_doc_segment_at(d, i);
        if (strcmp(g->kind, "byline") == 0)
            author = dp_arena_strndup(dp_doc_arena(d), t + g->start, g->end - g->start);
    }
    const char *when = published ? published : time_dt;
    int f = field(d, "title", title);
    f |= field(d, "date", iso_date(d, when));
    f |= field(d, "datetime", when);
    f |= field(d, "author", author);
    f |= field(d, "category", section);
    f |= keyword_fields(d, keywords);
    f |= field(d, "description", description);
    f |= field(d, "source", site);
    f |= field(d, "url", url);
    for (size_t i = 0; i < dp_doc_segment_count(d); i++) {
        const dp_segment *g = dp_doc_segment_at(d, i);
        if (strcmp(g->kind, "credit") != 0) continue;
        /* the credit's name: after "Ảnh:" up to ")" */
        const char *colon = memchr(t + g->start, ':', g->end - g->start);
        if (!colon) continue;
        const char *cv = colon + 1, *ce = t + g->end - 1;
        while (cv < ce && *cv == ' ') cv++;
        if (ce > cv) {
            char *v = dp_arena_strndup(dp_doc_arena(d), cv, (size_t)(ce - cv));
            f |= v ? field(d, "credit", v) : -1;
        }
    }
    if (!lang || !*lang || strlen(lang) > 35) lang = "vi";
    if (f < 0 || dp_doc_set_lang(d, lang) < 0) rc = dp_fail_nomem(err);
out:
    dp_strbuf_free(&w.acc);
    free(w.v);
    if (m.title_text) xmlFree(m.title_text);
    if (hd) xmlFreeDoc(hd);
    return rc;
}

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_SOURCE),
    .name = "html",
    .version = "1.0",
    .description = "HTML article pages (libxml2): title and meta fields, the article's "
                   "paragraphs, headings and captions as text and segments",
    .options = options,
    .consumes = "raw",
    .produces = "text fields segments",
    .init = html_init,
    .process = html_process,
    .fini = html_fini,
};
