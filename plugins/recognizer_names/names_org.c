/* Organisations, events and documents from head words; acronyms linked to their expansions. */
#include <string.h>

#include "names.h"
#include "vi/vi_text.h"

enum { M_ORG, M_EVENT, M_MISC };

/* Heads of organisations: the built-in words, the vocabulary's, and the strong ORG heads of cues.tsv. */
#define ORG_HEADS (LX_ORG | LX_CUE(CUE_ORG_HEAD))

#define ACR_HERE 4 /* taken[] bit: an acronym entity of this recognizer starts at the token */

static int dash(const nm_ctx *c, size_t i)
{
    return nm_punct(c, i, "-") || nm_punct(c, i, "\xe2\x80\x93") || nm_punct(c, i, "\xe2\x80\x94");
}

static int open_quote(const nm_ctx *c, size_t i)
{
    return nm_punct(c, i, "\xe2\x80\x9c") || nm_punct(c, i, "\"");
}

static int close_quote(const nm_ctx *c, size_t i)
{
    return nm_punct(c, i, "\xe2\x80\x9d") || nm_punct(c, i, "\"");
}

static int cap_word(const nm_ctx *c, size_t i)
{
    return i < c->n && (c->t[i].flags & T_WORD) && (c->t[i].flags & (T_CAP | T_ALLCAPS)) &&
           !(c->t[i].flags & T_DIGIT);
}

/* The lowercase words that a document's name may contain (Công ước … về Luật biển). */
static int misc_word(const nm_ctx *c, size_t i)
{
    static const char *const w[] = { "về", "của", "các", "ở", "trên", "cách", "đối với", NULL };
    for (size_t k = 0; w[k]; k++)
        if (nm_is(c, i, w[k]))
            return 1;
    return 0;
}

/* Token i ends a name for sure: punctuation, a line break, the end, or "của", "tại" … */
static int hard_stop(const nm_ctx *c, size_t i)
{
    if (i >= c->n || (c->t[i].flags & T_NL))
        return 1;
    static const char *const w[] = { ",", ";", ".", "(", ")", ":", "|", "của", "tại", "nói", "và",
                                     "giữa", "vào", "ở", NULL };
    for (size_t k = 0; w[k]; k++)
        if (nm_is(c, i, w[k]))
            return 1;
    return 0;
}

/* Token i cannot be the second syllable of a capitalised word ("Quốc phòng", not "Quốc của"). */
static int no_attach(const nm_ctx *c, size_t i)
{
    static const char *const w[] = { "của", "và", "với", "tại", "ở", "trong", "đã", "đang", "sẽ",
                                     "được", "là", "có", "cho", "các", "những", "về", "từ", "đến",
                                     "để", "khi", "này", "đó", "thì", "mà", "hai", "ba", "bốn",
                                     "năm", "lần", "thứ", "cũng", "vào", "theo", "như", "do",
                                     "nhằm", "giữa", "trên", "hay", "hoặc", "nói", "đều", "rất",
                                     "không", "chưa", "vừa", "sau", "trước", "nhưng", "nên", NULL };
    for (size_t k = 0; w[k]; k++)
        if (nm_is(c, i, w[k]))
            return 1;
    return 0;
}

/* A phrase of official names' domains at i (giao thông vận tải, Thương mại điện tử): its length. */
static size_t domain_at(const nm_ctx *c, size_t i)
{
    if (i >= c->n || !(c->t[i].flags & T_WORD) || (c->t[i].flags & T_NL))
        return 0;
    return nm_phrase(c, i, LX_DOMAIN, NULL);
}

/*
 * Lowercase domains from i go on to a capitalised word, a number or the end
 * of the phrase, so they belong to the name before ("Ban Quản lý đường sắt
 * đô thị Hà Nội"), not to the sentence after it ("… kiểm tra công tác").
 */
static int lower_domains_end(const nm_ctx *c, size_t i)
{
    size_t m;
    while ((m = domain_at(c, i)) > 0 && !cap_word(c, i))
        i += m;
    return i >= c->n || (c->t[i].flags & T_NL) || !(c->t[i].flags & T_WORD) || cap_word(c, i) ||
           (c->t[i].flags & T_DIGIT);
}

/* Token i starts a verb or adverb that ends a name (cues.tsv, END). */
static int ends_name(const nm_ctx *c, size_t i)
{
    return nm_phrase(c, i, LX_CUE(CUE_END), NULL) > 0;
}

/* A one-word country followed by a capitalised word of a longer name: "Mỹ Thuận", "Lào Cai". */
static int country_inside_name(const nm_ctx *c, size_t j, size_t m)
{
    size_t k = j + m;
    return m == 1 && cap_word(c, k) && !(c->t[k].flags & T_NL) && !(c->t[k].flags & T_ENT) &&
           !c->taken[k] && !nm_phrase(c, k, LX_TITLE | LX_RANK | LX_HONOR | ORG_HEADS, NULL);
}

/*
 * A connector inside an organisation's name, at j: "và", "&" or a dash
 * followed by a Vietnamese domain ("Tài nguyên và Môi trường", "Quy hoạch –
 * Kiến trúc", "Billiards & Snooker"), or a comma of such a list that a "và"
 * closes ("Văn hóa, Thể thao và Du lịch").  Not before another body, a
 * title, a person or a foreign brand ("Bộ Y tế và Bộ Công an").
 */
static int org_connector(const nm_ctx *c, size_t j)
{
    int comma = nm_punct(c, j, ",");
    if (!(nm_is(c, j, "và") || nm_punct(c, j, "&") || dash(c, j) || comma))
        return 0;
    size_t k = j + 1;
    if (k >= c->n || (c->t[k].flags & T_NL) || c->taken[k])
        return 0;
    if (!cap_word(c, k) && !domain_at(c, k))
        return 0;
    if ((c->t[k].flags & T_ENT) && c->t[k].ent_type != 'L')
        return 0;
    if (nm_phrase(c, k, ORG_HEADS | LX_EVENT | LX_MISC | LX_TITLE | LX_RANK | LX_HONOR, NULL))
        return 0;
    if (!domain_at(c, k) && !vi_is_syllable(c->text + c->t[k].s, c->t[k].e - c->t[k].s))
        return 0;
    if (!comma)
        return 1;
    for (size_t q = k + 1; q < c->n && q < k + 8; q++) {
        if (c->t[q].flags & T_NL)
            return 0;
        if (nm_is(c, q, "và"))
            return 1;
        if (!(c->t[q].flags & T_WORD) && !nm_punct(c, q, ","))
            return 0;
    }
    return 0;
}

/*
 * The body of a name after its head word, from j0.  Capitalised words and
 * acronyms are its backbone; the syllable after a lone capitalised word
 * belongs to it (Quốc phòng); a few lowercase words may bridge two
 * capitalised parts; a country ends an organisation unless a dash follows.
 * caps0 counts the head when it names the body by itself (Sở Y tế).
 * Returns the end token (0: no body), *caps the capitalised words seen.
 */
static size_t body(const nm_ctx *c, size_t j0, int mode, size_t caps0, size_t *caps_out)
{
    static const int gap_limit[] = { 1, 3, 6 };
    size_t j = j0, good = j0, caps = caps0, inner_end = (size_t)-1;
    int gap = 0, prev_cap = 0;
    while (j < c->n) {
        const nm_tok *t = &c->t[j];
        if ((t->flags & T_NL) || (c->taken[j] & 1))
            break; /* a person the trigger rule found: "Giám đốc Sở Y tế Trần Văn A" */
        size_t m = cap_word(c, j) ? nm_phrase(c, j, LX_COUNTRY, NULL) : 0;
        if (m && (country_inside_name(c, j, m) || domain_at(c, j) > m))
            m = 0; /* "Mỹ Thuận", "Mỹ thuật" */
        if (mode == M_ORG && caps > 0 && org_connector(c, j)) {
            j++;
            gap = 0;
            prev_cap = 0;
            continue;
        }
        /* a domain of official names, in any case: "Giao thông vận tải", "thủy sản" */
        size_t md = domain_at(c, j), ent = (t->flags & T_ENT) ? t->ent_end - j : 0;
        if (md > m && md > ent && (cap_word(c, j) || (md > 1 && lower_domains_end(c, j)))) {
            caps += cap_word(c, j) != 0;
            j += md;
            good = inner_end = j;
            gap = 0;
            prev_cap = 0;
            continue;
        }
        /* a name an earlier recognizer found: "… Hòa bình Liên hợp quốc" */
        /* "Sư đoàn 312 thuộc Quân đoàn 12": two organisations */
        if (mode == M_ORG && caps > 0 && gap > 0 && (t->flags & T_ENT) && t->ent_type == 'O')
            break;
        if ((t->flags & T_ENT) && t->ent_end > j + m && (t->flags & (T_CAP | T_ALLCAPS)) &&
            strchr("LOME", (int)t->ent_type)) {
            if (t->ent_type != 'L') {
                j = t->ent_end;
                good = j;
                caps++;
                gap = 0;
                prev_cap = 1;
                continue;
            }
            m = t->ent_end - j;
        }
        if (m) {
            j += m;
            good = j;
            caps++;
            gap = 0;
            prev_cap = 1;
            if (dash(c, j) && cap_word(c, j + 1))
                continue;
            if (mode == M_ORG)
                break; /* "Bộ Quốc phòng Nhật Bản Oniki Makoto", "… Hàn Quốc coi Việt Nam" */
            continue;
        }
        if (cap_word(c, j)) {
            if (mode == M_ORG && caps > 0 && nm_phrase(c, j, ORG_HEADS | LX_EVENT, NULL) && gap > 0)
                break;
            /* "Cục Đối ngoại Bộ Quốc phòng Thiếu tướng Phạm Quảng Hiệu" */
            if (nm_phrase(c, j, LX_RANK, NULL) || (mode == M_ORG && nm_phrase(c, j, LX_TITLE, NULL)))
                break;
            /* a head phrase inside a body is one unit: "Lễ ký kết Bản ghi nhớ" */
            size_t mh = nm_phrase(c, j, ORG_HEADS | LX_EVENT | LX_MISC, NULL);
            if (mh > 1) {
                j += mh;
                good = j;
                caps++;
                gap = 0;
                prev_cap = 0;
                continue;
            }
            int acronym = (c->t[j].flags & T_ALLCAPS) != 0;
            int lone = j == j0 || !cap_word(c, j - 1) || (c->t[j - 1].flags & T_ALLCAPS);
            caps++;
            j++;
            good = j;
            gap = 0;
            /* "Quốc phòng": the lowercase syllable after a lone capitalised word, not after
             * "Cần Thơ", not a verb ("… Biển Ngọc ký"), unless capitals follow ("Chuẩn bị Tham gia") */
            prev_cap = 1;
            if (!acronym && lone && j < c->n && (c->t[j].flags & T_LOWER) && !(c->t[j].flags & T_NL) &&
                !no_attach(c, j) && !nm_phrase(c, j, LX_INNER, NULL) &&
                (!ends_name(c, j) || cap_word(c, j + 1))) {
                j++;
                good = j;
                prev_cap = 0;
            }
            continue;
        }
        if (t->flags & T_DIGIT) {
            if (j == j0 && mode != M_ORG)
                break;
            /* after the name proper or a usual inner word: "Vùng Cảnh sát biển 2", not "Lễ kỷ niệm 50" */
            if (j > j0 && good != j && inner_end != j)
                break;
            j++;
            good = j;
            if (mode == M_ORG)
                caps++;
            /* 2.0 */
            if (nm_punct(c, j, ".") && nm_glued(c, j - 1) && nm_glued(c, j) && (c->t[j + 1].flags & T_DIGIT))
                j += 2, good = j;
            prev_cap = 1;
            continue;
        }
        if (dash(c, j) && prev_cap && good == j && cap_word(c, j + 1)) {
            j++;
            continue;
        }
        if (mode == M_MISC && open_quote(c, j)) {
            size_t q = j + 1;
            while (q < c->n && q < j + 10 && !close_quote(c, q) && !(c->t[q].flags & T_NL))
                q++;
            if (q < c->n && close_quote(c, q) && q > j + 1) {
                j = q + 1;
                good = j;
                caps++;
                break;
            }
            break;
        }
        if ((t->flags & T_WORD) && (t->flags & T_LOWER)) {
            if (mode == M_MISC && misc_word(c, j)) {
                gap++;
                j++;
                prev_cap = 0;
                if (gap > gap_limit[mode])
                    break;
                continue;
            }
            if (nm_phrase(c, j, LX_HONOR | LX_TITLE | LX_RANK, NULL))
                break; /* "Bộ Ngoại giao bà Vũ Thị Nga" */
            size_t mi = nm_phrase(c, j, LX_INNER, NULL);
            if (mi && mode == M_ORG && nm_is(c, j, "các"))
                break; /* "Bộ Quốc phòng các nước Lào, Campuchia" */
            if (mi) {
                j += mi;
                inner_end = j;
                prev_cap = 0;
                continue;
            }
            if (nm_phrase(c, j, LX_STOP, NULL) || ends_name(c, j))
                break;
            gap++;
            if (gap > gap_limit[mode])
                break;
            j++;
            prev_cap = 0;
            continue;
        }
        break;
    }
    size_t end = good;
    /*
     * A short lowercase tail: usual name words before a hard stop ("Khóa học
     * … Quốc phòng quốc tế tại"), or any words before "của"/"nói" ("Trung tâm
     * Huấn luyện thực tế ảo của Trường").
     */
    if (caps > 0) {
        size_t q = good;
        int inner = 1;
        while (q < c->n && q < good + 4 && (c->t[q].flags & T_LOWER) && !(c->t[q].flags & T_NL) &&
               !nm_phrase(c, q, LX_STOP, NULL)) {
            size_t mi = nm_phrase(c, q, LX_INNER, NULL);
            if (mi) {
                q += mi;
                continue;
            }
            inner = 0;
            q++;
        }
        if (q > good && q <= good + 3 &&
            ((inner && hard_stop(c, q)) || nm_is(c, q, "của") || nm_is(c, q, "nói")))
            end = q;
    }
    *caps_out = caps;
    return caps ? end : 0;
}

/* "lần thứ 16", "lần thứ XI", "lần thứ hai" at i: the token after it, or i. */
static size_t ordinal(const nm_ctx *c, size_t i)
{
    if (!nm_is(c, i, "lần") || !nm_is(c, i + 1, "thứ") || i + 2 >= c->n)
        return i;
    const nm_tok *t = &c->t[i + 2];
    if (t->flags & T_NL)
        return i;
    if (t->flags & T_DIGIT)
        return i + 3;
    if (t->flags & T_ALLCAPS || ((t->flags & T_CAP) && t->ke - t->ks == 1)) {
        for (uint32_t x = t->ks; x < t->ke; x++)
            if (!strchr("ivxlc", c->key[x]))
                return i;
        return i + 3;
    }
    if (nm_word(c, i + 2) & LX_ORDINAL)
        return i + 3;
    return i;
}

/* A head of several words, capitalised after its first, names a body by itself: Sở Y tế, Hiệp hội Du lịch. */
static int named_head(const nm_ctx *c, size_t i, size_t m)
{
    if (m < 2 || !(c->t[i].flags & T_CAP))
        return 0;
    for (size_t k = i + 1; k < i + m; k++)
        if (cap_word(c, k))
            return 1;
    return 0;
}

size_t nm_org_at(const nm_ctx *c, size_t i)
{
    if (i >= c->n || !(c->t[i].flags & T_CAP))
        return 0;
    size_t m = nm_phrase(c, i, ORG_HEADS, NULL);
    if (!m || nm_phrase(c, i, LX_TITLE | LX_RANK, NULL) > m)
        return 0;
    int named = named_head(c, i, m);
    if (!named && !cap_word(c, i + m) && !(i + m < c->n && (c->t[i + m].flags & T_DIGIT)))
        return 0;
    size_t caps;
    size_t end = body(c, i + m, M_ORG, (size_t)named, &caps);
    /* after a title the person follows: "Giám đốc Sở Y tế Trần Văn An" */
    for (size_t p = named ? i + m : i + m + 1; p + 1 < end; p++)
        if (nm_vi_name_at(c, p) >= end) {
            end = p;
            break;
        }
    return end > i + m ? end : named ? i + m : 0;
}

/* "(ADMM+)", "(ADSOM WG)", "(UNCLOS 1982)", "(viết tắt là JASMINE)" at p: content [*a, *b). */
static int acronym_parens(const nm_ctx *c, size_t p, size_t *a, size_t *b)
{
    if (!nm_punct(c, p, "("))
        return 0;
    size_t j = p + 1;
    if (nm_is(c, j, "viết") && nm_is(c, j + 1, "tắt") && nm_is(c, j + 2, "là"))
        j += 3;
    else if (nm_is(c, j, "gọi") && nm_is(c, j + 1, "tắt") && nm_is(c, j + 2, "là"))
        j += 3;
    if (j >= c->n || !(c->t[j].flags & T_ALLCAPS) || (c->t[j].flags & T_NL))
        return 0;
    size_t s = j++;
    for (int k = 0; k < 6 && j < c->n; k++) {
        if (nm_punct(c, j, ")"))
            break;
        if (c->t[j].flags & T_NL)
            return 0;
        if (nm_punct(c, j, "+") && nm_glued(c, j - 1)) {
            j++;
            continue;
        }
        if (dash(c, j) && nm_glued(c, j - 1) && nm_glued(c, j) && (c->t[j + 1].flags & T_WORD)) {
            j += 2;
            continue;
        }
        if ((c->t[j].flags & T_WORD) && (c->t[j].flags & (T_CAP | T_ALLCAPS | T_DIGIT))) {
            j++;
            continue;
        }
        return 0;
    }
    if (!nm_punct(c, j, ")"))
        return 0;
    *a = s;
    *b = j;
    return 1;
}

static void add_with_acronym(nm_ctx *c, size_t a, size_t b, char type, double conf)
{
    size_t x, y;
    int acr = c->st->acronyms && acronym_parens(c, b, &x, &y);
    size_t o = acr ? ordinal(c, y + 1) : 0;
    /* "Hội nghị … (ADMM) lần thứ 16": one flat span, a session */
    if (acr && o > y + 1)
        nm_add(c, (uint32_t)a, (uint32_t)o, type, conf);
    /* an acronym an earlier recognizer knows gives its type to the expansion ("… (ADSOM WG)") */
    else if (acr && (c->t[x].flags & T_ENT) && c->t[x].ent_end == y &&
             strchr("OEM", (int)c->t[x].ent_type))
        type = (char)c->t[x].ent_type;
    if (acr && (c->taken[x] & ACR_HERE))
        acr = 0; /* an enclosing name already defines it */
    size_t fi = c->nf;
    nm_found *e = nm_add(c, (uint32_t)a, (uint32_t)b, type, conf);
    if (!e || !acr)
        return;
    nm_found *f = nm_add(c, (uint32_t)x, (uint32_t)y, type, conf);
    if (f) {
        f->acr_of = (uint32_t)(fi + 1);
        c->taken[x] |= ACR_HERE;
    }
}

/*
 * A ship after "Tàu" at j: up to two lowercase words (buồm, hộ vệ), then a
 * designation with digits or capitals and an optional glued name
 * ("286-Lê Quý Đôn", "HQ-012").  Returns the end token, or 0.
 */
static size_t vessel(const nm_ctx *c, size_t j)
{
    size_t k = j;
    while (k < c->n && k < j + 2 && (c->t[k].flags & T_LOWER) && !(c->t[k].flags & T_NL) &&
           !nm_phrase(c, k, LX_STOP, NULL))
        k++;
    if (k >= c->n || (c->t[k].flags & T_NL) || !(c->t[k].flags & (T_DIGIT | T_ALLCAPS)))
        return 0;
    size_t e = k + 1;
    while (e + 1 < c->n && nm_glued(c, e - 1) && dash(c, e) && nm_glued(c, e) &&
           (c->t[e + 1].flags & (T_DIGIT | T_CAP | T_ALLCAPS))) {
        e += 2;
        /* the name after the number: capitalised words */
        while (e < c->n && !(c->t[e].flags & T_NL) && (c->t[e].flags & T_CAP) &&
               !(c->t[e].flags & T_ALLCAPS) && !nm_phrase(c, e, LX_COUNTRY, NULL))
            e++;
    }
    return e > k + 1 ? e : 0;
}

/*
 * A body of a named organisation or meeting, from "của": "Nhóm Chuyên gia
 * của Hội nghị … Mở rộng (ADMM+) về gìn giữ hòa bình chu kỳ 4".  Only for
 * group heads (Nhóm, Tiểu ban, Ban); returns the end token or `end`.
 */
static size_t working_group(const nm_ctx *c, size_t i, size_t end)
{
    if (!(nm_is(c, i, "nhóm") || nm_is(c, i, "tiểu")) || !nm_is(c, end, "của"))
        return end;
    size_t j = end + 1, e = 0;
    if (j < c->n && (c->t[j].flags & T_ENT) && strchr("OE", (int)c->t[j].ent_type))
        e = c->t[j].ent_end;
    size_t m = (j < c->n && (c->t[j].flags & T_CAP)) ? nm_phrase(c, j, ORG_HEADS | LX_EVENT, NULL) : 0;
    if (m) {
        size_t caps;
        size_t b = body(c, j + m, M_EVENT, 0, &caps);
        if (b > e)
            e = b;
    }
    if (!e)
        return end;
    size_t x, y;
    if (acronym_parens(c, e, &x, &y))
        e = y + 1;
    if (nm_is(c, e, "về")) {
        size_t q = e + 1;
        while (q < c->n && q < e + 8 && (c->t[q].flags & T_LOWER) && !(c->t[q].flags & T_NL) &&
               !nm_phrase(c, q, LX_STOP, NULL) && !nm_is(c, q, "chu"))
            q++;
        if (q > e + 1) {
            e = q;
            if (nm_is(c, q, "chu") && nm_is(c, q + 1, "kỳ") && q + 2 < c->n && (c->t[q + 2].flags & T_DIGIT))
                e = q + 3;
        }
    }
    return e;
}

void nm_find_named(nm_ctx *c)
{
    const nm_state *st = c->st;
    for (size_t i = 0; i < c->n; i++) {
        if (!(c->t[i].flags & T_WORD) || (c->taken[i] & 1))
            continue;
        if (st->misc && (c->t[i].flags & T_CAP) && nm_is(c, i, "tàu")) {
            size_t v = vessel(c, i + 1);
            if (v) {
                nm_add(c, (uint32_t)i, (uint32_t)v, 'M', st->conf_org);
                i = v - 1;
                continue;
            }
        }
        const nm_slot *sl = NULL;
        size_t m = nm_phrase(c, i, ORG_HEADS | LX_EVENT | LX_MISC, &sl);
        if (!m)
            continue;
        if (nm_phrase(c, i, LX_TITLE | LX_RANK, NULL) > m)
            continue;
        /* a longer head of a place: "Trung tâm Hội nghị Quốc gia" is a venue (names_place.c) */
        if (nm_phrase(c, i, LX_LOCHEAD, NULL) > m)
            continue;
        int mode = (sl->flags & LX_MISC) ? M_MISC : (sl->flags & LX_EVENT) ? M_EVENT : M_ORG;
        if ((mode == M_ORG && !st->org) || (mode == M_EVENT && !st->event) || (mode == M_MISC && !st->misc))
            continue;
        int capital = (c->t[i].flags & T_CAP) != 0;
        int named = mode == M_ORG && named_head(c, i, m);
        size_t j0 = i + m;
        if (!named && (j0 >= c->n || (c->t[j0].flags & T_NL)))
            continue;
        if (!capital && !(mode == M_EVENT && cap_word(c, j0)))
            continue;
        if (mode == M_ORG && !named && !cap_word(c, j0) && !(c->t[j0].flags & T_DIGIT))
            continue;
        size_t caps = 0, end;
        if (mode == M_MISC && !cap_word(c, j0) && !open_quote(c, j0) &&
            (misc_word(c, j0) || nm_phrase(c, j0, LX_INNER, NULL)) && !nm_is(c, j0, "về")) {
            /* "Sáng kiến cấp Bộ trưởng …", "Bộ quy tắc ứng xử của các Bên ở Biển Đông" */
            end = body(c, j0, M_MISC, 0, &caps);
        } else if (mode == M_MISC && !cap_word(c, j0) && !open_quote(c, j0)) {
            /* "Bản ghi nhớ mới về hợp tác quốc phòng song phương," */
            size_t j = j0;
            if ((c->t[j].flags & T_LOWER) && !nm_is(c, j, "về") && nm_is(c, j + 1, "về"))
                j++;
            if (!nm_is(c, j, "về"))
                continue;
            end = body(c, j, M_MISC, 0, &caps);
            if (!end) {
                /* all lowercase: up to the next punctuation, at most 8 words */
                size_t q = j + 1;
                while (q < c->n && q < j + 9 && (c->t[q].flags & T_LOWER) && !(c->t[q].flags & T_NL) &&
                       !nm_phrase(c, q, LX_STOP, NULL))
                    q++;
                if (q >= c->n || q == j + 1 || (c->t[q].flags & T_WORD))
                    continue;
                end = q;
            }
        } else {
            end = body(c, j0, mode, (size_t)named, &caps);
        }
        if (named && end < j0)
            end = j0;
        if (!end || (end <= j0 && !named))
            continue;
        /* a one-word head needs two words of body: not "Trường Chinh", "Vụ Bản" */
        if (m == 1 && mode == M_ORG && end - j0 < 2)
            continue;
        if (mode == M_EVENT)
            end = ordinal(c, end);
        /* an earlier recognizer already has this span or a longer one */
        size_t x, y;
        if ((c->t[i].flags & T_ENT) && c->t[i].ent_end >= end &&
            !(acronym_parens(c, end, &x, &y) && ordinal(c, y + 1) > y + 1))
            continue;
        if (mode == M_ORG) {
            size_t w = working_group(c, i, end);
            if (w > end) {
                nm_add(c, (uint32_t)i, (uint32_t)w, 'O', st->conf_org);
                continue;
            }
        }
        char type = mode == M_MISC ? 'M' : mode == M_EVENT ? 'E' : 'O';
        double conf = mode == M_EVENT ? st->conf_org - 0.02 : st->conf_org;
        add_with_acronym(c, i, end, type, conf);
        for (size_t k = i; k < end; k++)
            c->taken[k] |= TAKEN_NAME;
        /* names inside the body are found too (overlaps = "all"); heads inside the head are not */
        i += m - 1;
    }
}

/* ---- acronyms ------------------------------------------------------------------- */

typedef struct acr_def {
    const char *key;
    size_t len;
    char type;
} acr_def;

static int key_eq(const nm_ctx *c, size_t a, size_t b, const acr_def *d)
{
    return c->t[b - 1].ke - c->t[a].ks == d->len && memcmp(c->key + c->t[a].ks, d->key, d->len) == 0;
}

void nm_find_acronyms(nm_ctx *c)
{
    acr_def defs[64];
    size_t nd = 0;
    size_t nf0 = c->nf;
    /* definitions: my own "(ACR)" entities, and earlier recognizers' entities followed by one */
    for (size_t k = 0; k < nf0 && nd < 64; k++) {
        const nm_found *f = &c->f[k];
        if (!f->acr_of)
            continue;
        defs[nd].key = c->key + c->t[f->a].ks;
        defs[nd].len = c->t[f->b - 1].ke - c->t[f->a].ks;
        defs[nd++].type = f->type;
    }
    for (size_t i = 0; i < c->n && nd < 64; i++) {
        if (!(c->t[i].flags & T_ENT))
            continue;
        char ty = (char)c->t[i].ent_type;
        if (ty != 'O' && ty != 'E' && ty != 'M')
            continue;
        size_t x, y;
        if (!acronym_parens(c, c->t[i].ent_end, &x, &y))
            continue;
        if (c->taken[x] & ACR_HERE)
            continue;
        if (!((c->t[x].flags & T_ENT) && c->t[x].ent_end == y))
            nm_add(c, (uint32_t)x, (uint32_t)y, ty, c->st->conf_org);
        c->taken[x] |= ACR_HERE;
        defs[nd].key = c->key + c->t[x].ks;
        defs[nd].len = c->t[y - 1].ke - c->t[x].ks;
        defs[nd++].type = ty;
    }
    /* uses: the same acronym elsewhere; "ADMM-16": a numbered session of a body's meeting */
    for (size_t i = 0; i < c->n; i++) {
        if (!(c->t[i].flags & T_ALLCAPS) || (c->taken[i] & 1))
            continue;
        if (i > 0 && nm_glued(c, i - 1) && (c->t[i - 1].flags & T_WORD))
            continue;
        if (i + 2 < c->n && nm_glued(c, i) && dash(c, i + 1) && nm_glued(c, i + 1) &&
            (c->t[i + 2].flags & T_DIGIT) && !nm_glued(c, i + 2)) {
            int org = (c->t[i].flags & T_ENT) && c->t[i].ent_type == 'O';
            for (size_t d = 0; d < nd && !org; d++)
                org = defs[d].type == 'O' && key_eq(c, i, i + 1, &defs[d]);
            if (org)
                nm_add(c, (uint32_t)i, (uint32_t)(i + 3), 'E', c->st->conf_org);
            continue;
        }
        for (size_t d = 0; d < nd; d++) {
            /* the longest definition that matches here */
            size_t best = 0;
            char ty = 0;
            for (size_t b = i + 1; b <= c->n && b <= i + 6; b++) {
                if (key_eq(c, i, b, &defs[d]) && b > best) {
                    best = b;
                    ty = defs[d].type;
                }
            }
            if (best) {
                if (best < c->n && nm_glued(c, best - 1) && (c->t[best].flags & T_WORD))
                    continue;
                if (c->taken[i] & ACR_HERE)
                    break;
                nm_add(c, (uint32_t)i, (uint32_t)best, ty, c->st->conf_org);
                c->taken[i] |= ACR_HERE;
                break;
            }
        }
    }
}
