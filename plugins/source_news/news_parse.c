/*
 * news_parse.c — classify the lines of a plain-text Vietnamese news article.
 *
 * One pass splits the text into lines and classifies each by byte tests
 * (prefixes, last byte, shape); a few short passes then resolve what needs
 * context: the header (category line, title, byline, lede), captions after
 * image file names, and the trailing block (related headlines, "Theo …").
 * Every non-blank line becomes one segment (two or three when it carries a
 * date prefix or a photo credit); the text itself is left untouched so that
 * offsets stay meaningful.
 */
#include <stdlib.h>
#include <string.h>

#include "news_parse.h"
#include "vi/vi_date.h"
#include "vi/vi_text.h"

enum {
    K_BLANK,
    K_TEXT,     /* not decided yet: becomes a paragraph */
    K_TITLE,
    K_LEDE,
    K_PARA,
    K_CAPTION,
    K_CREDIT,
    K_BYLINE,
    K_DATE,
    K_DATEHEAD, /* " date 2024-01 <caption or title>" */
    K_SOURCE,
    K_THEO,     /* "Theo qdnd.vn": a source line */
    K_KEYWORDS,
    K_CATEGORY, /* "Thể loại: …" */
    K_CATLINE,  /* a bare category line above the title */
    K_AUTHOR,
    K_RELATED,
    K_IMAGE
};

static const char *const kind_name[] = {
    [K_BLANK] = NULL,         [K_TEXT] = "paragraph",   [K_TITLE] = "title",
    [K_LEDE] = "lede",        [K_PARA] = "paragraph",   [K_CAPTION] = "caption",
    [K_CREDIT] = "credit",    [K_BYLINE] = "byline",    [K_DATE] = "date",
    [K_DATEHEAD] = "date",    [K_SOURCE] = "source",    [K_THEO] = "source",
    [K_KEYWORDS] = "keywords", [K_CATEGORY] = "category", [K_CATLINE] = "category",
    [K_AUTHOR] = "author",    [K_RELATED] = "related",  [K_IMAGE] = "image",
};

typedef struct nline {
    size_t s, e; /* trimmed span */
    int kind;
} nline;

/* ---- byte helpers ---------------------------------------------------------- */

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

static size_t skip_spaces(const char *t, size_t i, size_t e)
{
    while (i < e && is_space(t[i])) i++;
    return i;
}

static size_t trim_end(const char *t, size_t s, size_t e)
{
    while (e > s && is_space(t[e - 1])) e--;
    return e;
}

static int has_prefix(const char *t, size_t s, size_t e, const char *p)
{
    size_t n = strlen(p);
    return e - s >= n && memcmp(t + s, p, n) == 0;
}

/* Number of space-separated words, counting at most `cap`. */
static size_t word_count(const char *t, size_t s, size_t e, size_t cap)
{
    size_t n = 0;
    int in = 0;
    for (size_t i = s; i < e && n <= cap; i++) {
        if (is_space(t[i])) {
            in = 0;
        } else if (!in) {
            in = 1;
            n++;
        }
    }
    return n;
}

/* Ends like a sentence: . ! ? … : ; possibly followed by closing quotes or brackets. */
static int ends_terminal(const char *t, size_t s, size_t e)
{
    while (e > s) {
        unsigned char c = (unsigned char)t[e - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']') {
            e--;
            continue;
        }
        /* ” U+201D, » U+00BB, ’ U+2019 */
        if (e - s >= 3 && memcmp(t + e - 3, "\xE2\x80\x9D", 3) == 0) { e -= 3; continue; }
        if (e - s >= 3 && memcmp(t + e - 3, "\xE2\x80\x99", 3) == 0) { e -= 3; continue; }
        if (e - s >= 2 && memcmp(t + e - 2, "\xC2\xBB", 2) == 0) { e -= 2; continue; }
        break;
    }
    if (e == s) return 0;
    char c = t[e - 1];
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';') return 1;
    if (e - s >= 3 && memcmp(t + e - 3, "\xE2\x80\xA6", 3) == 0) return 1; /* … */
    return 0;
}

/* ---- line shapes ----------------------------------------------------------- */

static int ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

static int ends_with_ci(const char *t, size_t s, size_t e, const char *suf)
{
    size_t n = strlen(suf);
    if (e - s < n) return 0;
    for (size_t i = 0; i < n; i++)
        if (ascii_lower(t[e - n + i]) != suf[i]) return 0;
    return 1;
}

/* "quang-canh-doi-thoai.jpg": one token that names an image file. */
static int is_image_name(const char *t, size_t s, size_t e)
{
    if (e - s < 5 || e - s > 200) return 0;
    for (size_t i = s; i < e; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c <= ' ' || c == '(' || c == ')' || c == ',') return 0;
    }
    return ends_with_ci(t, s, e, ".jpg") || ends_with_ci(t, s, e, ".jpeg") ||
           ends_with_ci(t, s, e, ".png") || ends_with_ci(t, s, e, ".gif") ||
           ends_with_ci(t, s, e, ".webp");
}

/*
 * A "Key: value" metadata line whose key is one of `keys`: returns the offset
 * of the value (after the colon), or 0.
 */
static size_t meta_value(const char *t, size_t s, size_t e, const char *const *keys)
{
    for (; *keys; keys++) {
        if (!has_prefix(t, s, e, *keys)) continue;
        size_t i = skip_spaces(t, s + strlen(*keys), e);
        if (i < e && t[i] == ':') return i + 1;
    }
    return 0;
}

static const char *const KEYS_KEYWORDS[] = { "Từ khóa", "Từ khoá", "Từ Khóa", "Từ Khoá",
                                             "TỪ KHÓA", "TỪ KHOÁ", "Tags", "Tag",
                                             "Keywords", NULL };
static const char *const KEYS_CATEGORY[] = { "Thể loại", "Chuyên mục", "Danh mục",
                                             "THỂ LOẠI", "CHUYÊN MỤC", NULL };
static const char *const KEYS_AUTHOR[] = { "Tác giả", "TÁC GIẢ", NULL };
static const char *const KEYS_DATE[] = { "Cập nhật", "Ngày cập nhật", "Ngày đăng", "Đăng ngày",
                                         "Đăng lúc", "Thời gian đăng", "Ngày xuất bản",
                                         "Xuất bản", "CẬP NHẬT", "Published", "Updated",
                                         "Date", "date", NULL };

/* "Photo credit" parenthesis at the end of a line: returns its start, or e. */
static size_t credit_start(const char *t, size_t s, size_t e)
{
    if (e - s < 6 || t[e - 1] != ')') return e;
    size_t lim = e - s > 160 ? e - 160 : s;
    for (size_t i = e - 1; i-- > lim;) {
        if (t[i] == ')') return e;
        if (t[i] != '(') continue;
        if (has_prefix(t, i + 1, e, "Ảnh") || has_prefix(t, i + 1, e, "ảnh") ||
            has_prefix(t, i + 1, e, "ẢNH") || has_prefix(t, i + 1, e, "Photo") ||
            has_prefix(t, i + 1, e, "Nguồn ảnh"))
            return i;
        return e;
    }
    return e;
}

/* The credit's name: after "Ảnh:" up to the closing parenthesis. */
static int credit_value(const char *t, size_t cs, size_t e, size_t *vs, size_t *ve)
{
    size_t i = cs;
    if (t[i] == '(') i++;
    while (i < e && t[i] != ':' && t[i] != ')') i++;
    if (i >= e || t[i] != ':') return 0;
    i = skip_spaces(t, i + 1, e);
    size_t j = e;
    if (j > i && t[j - 1] == ')') j--;
    j = trim_end(t, i, j);
    if (j <= i) return 0;
    *vs = i;
    *ve = j;
    return 1;
}

/*
 * "Nguồn: URL", "Nguồn tin: VOVVN", "Nguồn Lạng Sơn: URL": the label (may be
 * empty) and the value.  Returns 1 when the line is a source line.
 */
static int source_line(const char *t, size_t s, size_t e, size_t *ls, size_t *le, size_t *vs)
{
    static const char *const heads[] = { "Nguồn", "NGUỒN", NULL };
    for (const char *const *h = heads; *h; h++) {
        if (!has_prefix(t, s, e, *h)) continue;
        size_t i = s + strlen(*h);
        if (i < e && t[i] == ':') {
            *ls = *le = i;
            *vs = i + 1;
            return 1;
        }
        if (i >= e || t[i] != ' ') return 0;
        size_t lim = i + 48 < e ? i + 48 : e;
        for (size_t j = i + 1; j < lim; j++) {
            char c = t[j];
            if (c == ',' || c == '.' || c == '(' || c == ';') return 0;
            if (c != ':') continue;
            if (j + 2 < e && t[j + 1] == '/' && t[j + 2] == '/') return 0;
            *ls = skip_spaces(t, i, j);
            *le = trim_end(t, *ls, j);
            if (*le - *ls == 3 && memcmp(t + *ls, "tin", 3) == 0) *ls = *le;
            *vs = j + 1;
            return 1;
        }
        return 0;
    }
    return 0;
}

/* "Theo qdnd.vn", "Theo Báo Quân đội nhân dân" (only in the trailing block). */
static int theo_line(const char *t, size_t s, size_t e)
{
    if (!has_prefix(t, s, e, "Theo ") || e - s > 90) return 0;
    if (has_prefix(t, s, e, "Theo dõi")) return 0;
    for (size_t i = s; i < e; i++)
        if (t[i] == ',' || t[i] == ';' || t[i] == ':') return 0;
    if (ends_terminal(t, s, e)) return 0;
    return word_count(t, s, e, 10) <= 9;
}

/* "Trà Khánh": 2-5 capitalised words, no digits or punctuation. */
static int byline_shape(const char *t, size_t s, size_t e)
{
    if (e - s > 60) return 0;
    size_t words = 0;
    int at_word = 1;
    size_t i = s;
    while (i < e) {
        unsigned char c = (unsigned char)t[i];
        if (is_space((char)c)) {
            at_word = 1;
            i++;
            continue;
        }
        if (c < 0x80 && !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-'))
            return 0;
        int32_t cp = dp_utf8_next(t, e, &i);
        if (cp < 0) return 0;
        if (at_word) {
            if (!dp_char_is_upper(cp)) return 0;
            words++;
            at_word = 0;
        }
    }
    return words >= 2 && words <= 5;
}

/* ---- dates ----------------------------------------------------------------- */

size_t news_parse_date(const char *s, size_t len, char out[11])
{
    vi_date d;
    if (!vi_date_first(s, len, &d)) return 0;
    return vi_date_iso(d, out, 11);
}

/* " date 2024-01 …": the end of the date token when the line starts so, else 0. */
static size_t date_head(const char *t, size_t s, size_t e)
{
    if (!has_prefix(t, s, e, "date ")) return 0;
    size_t i = skip_spaces(t, s + 5, e);
    if (i >= e || !is_digit(t[i])) return 0;
    while (i < e && !is_space(t[i])) i++;
    return i;
}

/* ---- classification -------------------------------------------------------- */

static int classify(const char *t, size_t s, size_t e)
{
    if (s == e) return K_BLANK;
    if (is_image_name(t, s, e)) return K_IMAGE;
    if (meta_value(t, s, e, KEYS_KEYWORDS)) return K_KEYWORDS;
    if (meta_value(t, s, e, KEYS_CATEGORY)) return K_CATEGORY;
    if (meta_value(t, s, e, KEYS_AUTHOR)) return K_AUTHOR;
    size_t ls, le, vs;
    if (source_line(t, s, e, &ls, &le, &vs)) return K_SOURCE;
    size_t dh = date_head(t, s, e);
    if (dh) return skip_spaces(t, dh, e) < e ? K_DATEHEAD : K_DATE;
    if (e - s <= 100) {
        char iso[11];
        for (const char *const *k = KEYS_DATE; *k; k++)
            if (has_prefix(t, s, e, *k) && news_parse_date(t + s, e - s, iso)) return K_DATE;
        /* "Thứ Tư, 25/09/2019 10:30 (GMT+7)" */
        if (e - s <= 48 && !ends_terminal(t, s, e) && news_parse_date(t + s, e - s, iso) == 10)
            return K_DATE;
    }
    if ((has_prefix(t, s, e, "(Ảnh") || has_prefix(t, s, e, "Ảnh:")) && e - s <= 120)
        return K_CREDIT;
    if (t[e - 1] == '|') return K_CAPTION;
    if (e - s <= 600 && credit_start(t, s, e) < e) return K_CAPTION;
    return K_TEXT;
}

/* ---- fields ---------------------------------------------------------------- */

typedef struct ctx {
    dp_doc *doc;
    dp_arena *arena;
    const char *t;
    nline *L;
    size_t n;
    const news_opts *o;
} ctx;

static int add_field(ctx *c, const char *key, size_t s, size_t e)
{
    s = skip_spaces(c->t, s, e);
    e = trim_end(c->t, s, e);
    if (e <= s) return 0;
    char *v = dp_arena_strndup(c->arena, c->t + s, e - s);
    if (!v) return -1;
    return dp_doc_field_add(c->doc, key, v);
}

/*
 * Whether key already holds v[0..len), up to case and Vietnamese tone
 * placement ("Ngọc Thuỷ/TTXVN" = "Ngọc Thủy/TTXVN"): 1, 0, or -1 when
 * memory runs out.
 */
static int has_value(ctx *c, const char *key, const char *v, size_t len)
{
    char *want = NULL;
    size_t wlen = 0;
    int found = 0;
    for (size_t i = 0; i < dp_doc_field_count(c->doc) && !found; i++) {
        const dp_field *f = dp_doc_field_at(c->doc, i);
        if (strcmp(f->key, key) != 0) continue;
        if (strlen(f->value) == len && memcmp(f->value, v, len) == 0) { found = 1; break; }
        if (!want && !(want = dp_text_match_key(v, len, &vi_text_rules, &wlen, NULL))) return -1;
        size_t hlen;
        char *have = dp_text_match_key(f->value, strlen(f->value), &vi_text_rules, &hlen, NULL);
        if (!have) { free(want); return -1; }
        found = hlen == wlen && memcmp(have, want, wlen) == 0;
        free(have);
    }
    free(want);
    return found;
}

/* Add key=value unless the same value is already there. */
static int add_value_unique(ctx *c, const char *key, const char *v, size_t len)
{
    int has = has_value(c, key, v, len);
    if (has) return has < 0 ? -1 : 0;
    char *copy = dp_arena_strndup(c->arena, v, len);
    if (!copy) return -1;
    return dp_doc_field_add(c->doc, key, copy);
}

/* The text span [s, e), trimmed, as key's value unless already there. */
static int add_field_unique(ctx *c, const char *key, size_t s, size_t e)
{
    s = skip_spaces(c->t, s, e);
    e = trim_end(c->t, s, e);
    if (e <= s) return 0;
    return add_value_unique(c, key, c->t + s, e - s);
}

/* Title span of a line (the rest of a DATEHEAD line). */
static void title_span(const ctx *c, const nline *l, size_t *s, size_t *e)
{
    *s = l->s;
    *e = l->e;
    if (l->kind == K_DATEHEAD) *s = skip_spaces(c->t, date_head(c->t, l->s, l->e), l->e);
}

/*
 * The first URL of [s, e) that names its scheme or starts with "www." (the
 * core's non-prose spans: a bare host name is a source's name, not its
 * address): 1 with it in [*us, *ue).
 */
static int find_url(const char *t, size_t s, size_t e, size_t *us, size_t *ue)
{
    size_t a, b;
    dp_nonprose_kind k;
    for (size_t from = s; (k = dp_text_nonprose_next(t, e, from, &a, &b)) != DP_NONPROSE_NONE; from = b) {
        if (k != DP_NONPROSE_URL) continue;
        size_t h = a;
        while (h < b && t[h] != ':' && t[h] != '.') h++;
        if ((h + 2 < b && t[h] == ':' && t[h + 1] == '/' && t[h + 2] == '/') ||
            (h - a == 3 && (t[a] | 32) == 'w' && (t[a + 1] | 32) == 'w' && (t[a + 2] | 32) == 'w')) {
            *us = a;
            *ue = b;
            return 1;
        }
    }
    return 0;
}

/*
 * The label of "Nguồn X: …" as a source: a province names its newspaper
 * ("Nguồn Lạng Sơn:" is Báo Lạng Sơn, baolangson.vn), anything else names
 * the publication itself.
 */
static int label_source(ctx *c, size_t ls, size_t le)
{
    if (!news_places_has(&c->o->provinces, c->t + ls, le - ls)) return add_field_unique(c, "source", ls, le);
    static const char prefix[] = "Báo ";
    size_t n = sizeof prefix - 1;
    char *v = dp_arena_alloc(c->arena, n + (le - ls) + 1);
    if (!v) return -1;
    memcpy(v, prefix, n);
    memcpy(v + n, c->t + ls, le - ls);
    v[n + (le - ls)] = '\0';
    return add_value_unique(c, "source", v, n + (le - ls));
}

static int source_fields(ctx *c, const nline *l, int urls)
{
    const char *t = c->t;
    size_t ls, le, vs;
    if (l->kind == K_THEO) {
        return urls ? 0 : add_field_unique(c, "source", l->s + 5, l->e);
    }
    if (!source_line(t, l->s, l->e, &ls, &le, &vs)) return 0;
    vs = skip_spaces(t, vs, l->e);
    size_t us = l->e, ue = l->e;
    int has_url = find_url(t, vs, l->e, &us, &ue);
    if (urls) return has_url ? add_field_unique(c, "url", us, ue) : 0;
    if (le > ls) return label_source(c, ls, le);
    if (has_url && us == vs) { /* the value is a URL: name the source by its host */
        size_t h = us;
        if (has_prefix(t, h, ue, "https://")) h += 8;
        else if (has_prefix(t, h, ue, "http://")) h += 7;
        else if (has_prefix(t, h, ue, "ftp://")) h += 6;
        if (has_prefix(t, h, ue, "www.")) h += 4;
        size_t he = h;
        while (he < ue && t[he] != '/' && t[he] != ':' && t[he] != '?') he++;
        return add_field_unique(c, "source", h, he);
    }
    return add_field_unique(c, "source", vs, l->e);
}

/* One `keyword` per distinct keyword, and `keywords`: them all, joined with ", ". */
static int keyword_fields(ctx *c)
{
    const char *t = c->t;
    for (size_t i = 0; i < c->n; i++) {
        if (c->L[i].kind != K_KEYWORDS) continue;
        size_t e = c->L[i].e;
        size_t p = meta_value(t, c->L[i].s, e, KEYS_KEYWORDS);
        while (p < e) {
            size_t q = p;
            while (q < e && t[q] != ',' && t[q] != ';') q++;
            if (add_field_unique(c, "keyword", p, q) < 0) return -1;
            p = q + 1;
        }
    }
    dp_strbuf joined = DP_STRBUF_INIT;
    for (size_t i = 0; i < dp_doc_field_count(c->doc); i++) {
        const dp_field *f = dp_doc_field_at(c->doc, i);
        if (strcmp(f->key, "keyword") != 0) continue;
        if (joined.len) dp_strbuf_puts(&joined, ", ");
        dp_strbuf_puts(&joined, f->value);
    }
    int rc = 0;
    if (joined.oom) rc = -1;
    else if (joined.len) rc = dp_doc_field_add(c->doc, "keywords", joined.data);
    dp_strbuf_free(&joined);
    return rc;
}

static int emit_fields(ctx *c)
{
    const char *t = c->t;
    size_t n = c->n;
    nline *L = c->L;
    size_t s, e;
    for (size_t i = 0; i < n; i++)
        if (L[i].kind == K_TITLE || (L[i].kind == K_DATEHEAD &&
                                     credit_start(t, L[i].s, L[i].e) == L[i].e)) {
            title_span(c, &L[i], &s, &e);
            if (add_field(c, "title", s, e) < 0) return -1;
            break;
        }
    for (size_t i = 0; i < n; i++) {
        if (L[i].kind != K_DATE && L[i].kind != K_DATEHEAD) continue;
        char iso[11];
        size_t end = L[i].kind == K_DATEHEAD ? date_head(t, L[i].s, L[i].e) : L[i].e;
        if (news_parse_date(t + L[i].s, end - L[i].s, iso)) {
            if (dp_doc_field_add(c->doc, "date", iso) < 0) return -1;
            break;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (L[i].kind == K_BYLINE && add_field_unique(c, "author", L[i].s, L[i].e) < 0)
            return -1;
        if (L[i].kind == K_AUTHOR &&
            add_field_unique(c, "author", meta_value(t, L[i].s, L[i].e, KEYS_AUTHOR),
                             L[i].e) < 0)
            return -1;
    }
    for (size_t i = 0; i < n; i++) {
        if (L[i].kind == K_CATLINE && add_field_unique(c, "category", L[i].s, L[i].e) < 0)
            return -1;
        if (L[i].kind == K_CATEGORY &&
            add_field_unique(c, "category", meta_value(t, L[i].s, L[i].e, KEYS_CATEGORY),
                             L[i].e) < 0)
            return -1;
    }
    if (keyword_fields(c) < 0) return -1;
    for (int urls = 0; urls < 2; urls++)
        for (size_t i = 0; i < n; i++)
            if ((L[i].kind == K_SOURCE || L[i].kind == K_THEO) &&
                source_fields(c, &L[i], urls) < 0)
                return -1;
    for (size_t i = 0; i < n; i++) {
        size_t cs = L[i].kind == K_CREDIT ? L[i].s : credit_start(t, L[i].s, L[i].e);
        if (L[i].kind != K_CAPTION && L[i].kind != K_DATEHEAD && L[i].kind != K_CREDIT)
            continue;
        if (cs < L[i].e && credit_value(t, cs, L[i].e, &s, &e) &&
            add_field_unique(c, "credit", s, e) < 0)
            return -1;
    }
    return 0;
}

/* ---- segments -------------------------------------------------------------- */

static int seg(ctx *c, size_t s, size_t e, const char *kind)
{
    e = trim_end(c->t, s, e);
    if (e <= s) return 0;
    return dp_doc_segment_add(c->doc, s, e, kind);
}

/* A caption line, split into caption and credit; a trailing " |" is left out. */
static int caption_segments(ctx *c, size_t s, size_t e)
{
    if (e > s && c->t[e - 1] == '|') e = trim_end(c->t, s, e - 1);
    size_t cs = credit_start(c->t, s, e);
    if (seg(c, s, cs, "caption") < 0) return -1;
    return cs < e ? seg(c, cs, e, "credit") : 0;
}

static int emit_segments(ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        const nline *l = &c->L[i];
        if (l->kind == K_BLANK) continue;
        if (l->kind == K_CAPTION) {
            if (caption_segments(c, l->s, l->e) < 0) return -1;
        } else if (l->kind == K_DATEHEAD) {
            size_t dh = date_head(c->t, l->s, l->e);
            size_t r = skip_spaces(c->t, dh, l->e);
            if (seg(c, l->s, dh, "date") < 0) return -1;
            if (credit_start(c->t, r, l->e) < l->e) {
                if (caption_segments(c, r, l->e) < 0) return -1;
            } else if (seg(c, r, l->e, "title") < 0) {
                return -1;
            }
        } else if (seg(c, l->s, l->e, kind_name[l->kind]) < 0) {
            return -1;
        }
    }
    return 0;
}

/* ---- structure ------------------------------------------------------------- */

static size_t next_nonblank(const nline *L, size_t n, size_t i)
{
    while (i < n && L[i].kind == K_BLANK) i++;
    return i;
}

/* Category line, title, byline and lede.  Returns the first index after them. */
static size_t resolve_header(ctx *c, const news_opts *o)
{
    nline *L = c->L;
    size_t n = c->n, i = 0;
    const char *t = c->t;
    int seek_title = 1;
    for (; i < n; i++) {
        int k = L[i].kind;
        if (k == K_BLANK || k == K_DATE) continue;
        if (k == K_DATEHEAD) {
            /* " date 2024-01 <title>" or " date 2024-01 <photo caption>": either
               way no other line is the title */
            seek_title = 0;
            i++;
        }
        break;
    }
    i = next_nonblank(L, n, i);
    if (seek_title && i < n && L[i].kind == K_TEXT) {
        size_t len = L[i].e - L[i].s;
        size_t j = next_nonblank(L, n, i + 1);
        if (len <= 40 && word_count(t, L[i].s, L[i].e, 4) <= 3 &&
            !ends_terminal(t, L[i].s, L[i].e) && j < n && L[j].kind == K_TEXT &&
            word_count(t, L[j].s, L[j].e, 4) >= 4) {
            L[i].kind = K_CATLINE;
            i = j;
            len = L[i].e - L[i].s;
        }
        /* headlines do not end with a full stop; a first line that does is the lede */
        if (len >= o->min_title_len && len <= o->max_title_len && t[L[i].e - 1] != '.') {
            L[i].kind = K_TITLE;
            i++;
        }
    }
    /* byline and lede among the next three text lines */
    int have_byline = 0, have_lede = 0, seen = 0;
    for (; i < n && seen < 3; i++) {
        int k = L[i].kind;
        if (k == K_BLANK || k == K_DATE) continue;
        if (k != K_TEXT) break;
        seen++;
        if (!have_byline && byline_shape(t, L[i].s, L[i].e)) {
            L[i].kind = K_BYLINE;
            have_byline = 1;
        } else if (!have_lede) {
            L[i].kind = K_LEDE;
            have_lede = 1;
        } else {
            break;
        }
        if (have_byline && have_lede) {
            i++;
            break;
        }
    }
    return i;
}

static int related_candidate(const char *t, const nline *l)
{
    size_t len = l->e - l->s;
    return len >= 8 && len <= 250 && !ends_terminal(t, l->s, l->e) &&
           word_count(t, l->s, l->e, 3) >= 3;
}

/* The trailing block: "Theo …" sources and related headlines. */
static void resolve_trailer(ctx *c, size_t body, const news_opts *o)
{
    nline *L = c->L;
    const char *t = c->t;
    size_t stop = body; /* index of the body's last line; body: none found */
    int found = 0;
    for (size_t k = c->n; k-- > body;) {
        int kind = L[k].kind;
        if (kind == K_BLANK || kind == K_DATE || kind == K_KEYWORDS || kind == K_CATEGORY ||
            kind == K_AUTHOR || kind == K_SOURCE || kind == K_CREDIT)
            continue;
        if (kind == K_TEXT && theo_line(t, L[k].s, L[k].e)) {
            L[k].kind = K_THEO;
            continue;
        }
        if (kind == K_TEXT && o->related && related_candidate(t, &L[k])) continue;
        stop = k;
        found = 1;
        break;
    }
    if (!found || !o->related) return;
    for (size_t k = stop + 1; k < c->n; k++)
        if (L[k].kind == K_TEXT && related_candidate(t, &L[k])) L[k].kind = K_RELATED;
}

int news_parse(dp_doc *doc, const news_opts *o)
{
    size_t len = 0;
    const char *t = dp_doc_text(doc, &len);
    ctx c = { doc, dp_doc_arena(doc), t, NULL, 0, o };
    size_t cap = 0;
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(t + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - t) : len;
        if (c.n == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            nline *nL = realloc(c.L, ncap * sizeof *nL);
            if (!nL) {
                free(c.L);
                return -1;
            }
            c.L = nL;
            cap = ncap;
        }
        size_t s = skip_spaces(t, pos, end);
        size_t e = trim_end(t, s, end);
        c.L[c.n].s = s;
        c.L[c.n].e = e;
        c.L[c.n].kind = classify(t, s, e);
        c.n++;
        pos = end + 1;
    }
    size_t body = resolve_header(&c, o);
    for (size_t i = 0; i < c.n; i++) {
        if (c.L[i].kind != K_IMAGE) continue;
        size_t j = next_nonblank(c.L, c.n, i + 1);
        if (j < c.n && c.L[j].kind == K_TEXT) c.L[j].kind = K_CAPTION;
    }
    resolve_trailer(&c, body, o);
    int rc = 0;
    if (emit_segments(&c) < 0 || emit_fields(&c) < 0) rc = -1;
    free(c.L);
    return rc;
}
