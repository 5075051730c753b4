/* The lexicon: every word and phrase the rules look up, keyed by match key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fnv.h"
#include "names.h"

int nm_lex_init(nm_lex *lx, const dp_text_rules *rules)
{
    memset(lx, 0, sizeof *lx);
    lx->rules = rules;
    lx->cap = 1024;
    lx->slots = calloc(lx->cap, sizeof *lx->slots);
    return lx->slots ? 0 : -1;
}

void nm_lex_free(nm_lex *lx)
{
    free(lx->pool);
    free(lx->slots);
    memset(lx, 0, sizeof *lx);
}

static nm_slot *find(const nm_lex *lx, const char *key, size_t len)
{
    size_t m = lx->cap - 1;
    for (size_t i = fnv1a64(FNV1A64_INIT, key, len) & m;; i = (i + 1) & m) {
        nm_slot *s = &lx->slots[i];
        if (!s->len)
            return s;
        if (s->len == len && memcmp(lx->pool + s->off, key, len) == 0)
            return s;
    }
}

const nm_slot *nm_lex_get(const nm_lex *lx, const char *key, size_t len)
{
    if (!len || !lx->slots)
        return NULL;
    const nm_slot *s = find(lx, key, len);
    return s->len ? s : NULL;
}

static int grow(nm_lex *lx)
{
    nm_slot *old = lx->slots;
    size_t oldcap = lx->cap;
    nm_slot *ns = calloc(oldcap * 2, sizeof *ns);
    if (!ns)
        return -1;
    lx->slots = ns;
    lx->cap = oldcap * 2;
    for (size_t i = 0; i < oldcap; i++) {
        if (!old[i].len)
            continue;
        *find(lx, lx->pool + old[i].off, old[i].len) = old[i];
    }
    free(old);
    return 0;
}

/* Tokens in a key (words and single punctuation characters), in *out (free it). */
static int key_tokens(const char *k, size_t n, nm_tok **out)
{
    nm_tok *t = NULL;
    size_t nt = 0;
    size_t *map = malloc((n + 1) * sizeof *map);
    if (!map)
        return -1;
    for (size_t i = 0; i <= n; i++)
        map[i] = i;
    int rc = nm_tokenize(k, n, k, n, map, &t, &nt);
    free(map);
    if (rc < 0) {
        free(t);
        return -1;
    }
    *out = t;
    return (int)nt;
}

/* Find or insert the key; NULL when memory is exhausted. */
static nm_slot *put(nm_lex *lx, const char *key, size_t len)
{
    if ((lx->n + 1) * 2 > lx->cap && grow(lx) < 0)
        return NULL;
    nm_slot *s = find(lx, key, len);
    if (s->len)
        return s;
    if (lx->pool_len + len > lx->pool_cap) {
        size_t nc = lx->pool_cap ? lx->pool_cap * 2 : 8192;
        while (nc < lx->pool_len + len)
            nc *= 2;
        char *p = realloc(lx->pool, nc);
        if (!p)
            return NULL;
        lx->pool = p;
        lx->pool_cap = nc;
    }
    memcpy(lx->pool + lx->pool_len, key, len);
    memset(s, 0, sizeof *s);
    s->off = (uint32_t)lx->pool_len;
    s->len = (uint32_t)len;
    lx->pool_len += len;
    lx->n++;
    return s;
}

int nm_lex_add(nm_lex *lx, const char *surface, size_t len, nm_flags flags, uint32_t aux)
{
    size_t kl;
    char *k = dp_text_match_key(surface, len, lx->rules, &kl, NULL);
    if (!k)
        return -1;
    size_t a = 0;
    while (a < kl && k[a] == ' ')
        a++;
    while (kl > a && k[kl - 1] == ' ')
        kl--;
    if (kl == a) {
        free(k);
        return 0;
    }
    nm_tok *t = NULL;
    int nw = key_tokens(k + a, kl - a, &t);
    nm_slot *s = nw < 0 ? NULL : put(lx, k + a, kl - a);
    if (!s) {
        free(t);
        free(k);
        return -1;
    }
    s->flags |= flags;
    if (aux > s->aux)
        s->aux = aux;
    /* Every proper prefix of the phrase is in the table too, so a lookup
     * growing a phrase word by word stops at the first prefix not there. */
    for (int j = 2; j < nw; j++) {
        nm_slot *ps = put(lx, k + a, t[j - 1].ke);
        if (!ps) {
            free(t);
            free(k);
            return -1;
        }
        ps->flags |= LX_PREFIX;
    }
    /* the slot of the first token knows how long phrases starting with it get */
    nm_slot *f = put(lx, k + a, nw > 0 ? t[0].ke : kl - a);
    free(t);
    free(k);
    if (!f)
        return -1;
    if ((uint32_t)nw > f->maxw)
        f->maxw = (uint32_t)nw;
    if (nw > lx->maxw)
        lx->maxw = nw;
    return 0;
}

long nm_lex_load_tsv(nm_lex *lx, const char *path, const nm_list *spec, char *err, size_t errlen)
{
    dp_tsv *t = dp_tsv_open(path);
    if (!t) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    dp_tsv_expect(t, spec->min_cols, spec->max_cols, spec->columns);
    dp_tsv_row row;
    long rows = 0;
    int rc;
    while ((rc = dp_tsv_next(t, &row)) > 0) {
        const char *word = row.col[spec->col];
        if (!*word) {
            rc = dp_tsv_fail(t, "empty %s column", spec->what);
            break;
        }
        nm_flags fl = spec->flags;
        if (spec->kind_col >= 0) {
            const char *kind = row.col[spec->kind_col];
            if (strcmp(kind, "honorific") == 0)
                fl = LX_HONOR;
            if ((spec->flags & LX_COUNTRY) && strcmp(kind, "LOC") != 0)
                continue;
        }
        if (spec->attrs_col >= 0 && (size_t)spec->attrs_col < row.n) {
            size_t vl;
            if (dp_tsv_attr(row.col[spec->attrs_col], row.len[spec->attrs_col], "ambiguous", &vl))
                fl |= LX_AMBIG;
        }
        uint32_t aux = spec->count_col >= 0 ? (uint32_t)strtoul(row.col[spec->count_col], NULL, 10) : 0;
        if (nm_lex_add(lx, word, row.len[spec->col], fl, aux) < 0) {
            rc = dp_tsv_fail(t, "out of memory");
            break;
        }
        rows++;
    }
    if (rc < 0)
        snprintf(err, errlen, "%s", dp_tsv_error(t));
    dp_tsv_close(t);
    return rc < 0 ? -1 : rows;
}

/* ---- built-in words ---------------------------------------------------------- */

static const char *const org_heads[] = {
    "Bộ", "Cục", "Tổng cục", "Học viện", "Trường", "Trung tâm", "Ủy ban", "Ban", "Viện",
    "Quân khu", "Quân chủng", "Quân đoàn", "Binh chủng", "Sư đoàn", "Lữ đoàn", "Trung đoàn",
    "Vùng", "Báo", "Nhóm", "Văn phòng", "Đại sứ quán", "Tổng Lãnh sự quán", "Lãnh sự quán",
    "Hội đồng", "Tập đoàn", "Tổng công ty", "Công ty", "Hiệp hội", "Liên đoàn", "Đài",
    "Thông tấn xã", "Tòa án", "Viện Kiểm sát", "Sở", "Vụ", "Đại học", "Bệnh viện", "Bộ Tư lệnh",
    "Bộ Chỉ huy", "Bộ Tổng Tham mưu", "Đảng bộ", "Tiểu ban", "Ngân hàng", "Quỹ", "Tổ chức",
    "Liên minh", "Lực lượng", "Hải đoàn", "Hải đội", "Tạp chí", "Cơ quan", "Phòng", NULL
};

static const char *const event_heads[] = {
    "Hội nghị", "Đối thoại", "Cuộc gặp", "Triển lãm", "Diễn đàn", "Đại hội", "Hội thảo",
    "Tập trận", "Diễn tập", "Chương trình", "Hội đàm", "Hội chợ", "Phiên họp", "Kỳ họp",
    "Cuộc họp", "Lễ", "Tuần lễ", "Chiến dịch", "Hội nghị cấp cao", "Hội nghị thượng đỉnh",
    "Tọa đàm", "Liên hoan", "Hội thao", "Giải", NULL
};

static const char *const misc_heads[] = {
    "Công ước", "Tuyên bố", "Bản ghi nhớ", "Biên bản ghi nhớ", "Bộ quy tắc", "Bộ quy tắc ứng xử",
    "Sáng kiến", "Tầm nhìn", "Chính sách", "Hiệp định", "Hiệp ước", "Nghị định", "Nghị quyết",
    "Luật", "Bộ luật", "Hiến chương", "Hiến pháp", "Sách trắng", "Thỏa thuận", "Khóa học",
    "Kế hoạch", "Đề án", "Chiến lược", "Thông cáo chung", "Quy chế", "Chỉ thị", "Nghị định thư",
    "Hiệp định khung", "Cương lĩnh", "Học thuyết", NULL
};

/* Lowercase words that end a name phrase. */
static const char *const stop_words[] = {
    "đã", "đang", "sẽ", "được", "là", "có", "và", "với", "cho", "để", "tại", "vào",
    "từ", "đến", "giữa", "nhằm", "khi", "này", "đó", "nhưng", "mà", "cũng", "thì", "nên",
    "vì", "theo", "như", "do", "ngày", "tháng", "năm", "hai", "ba", "bốn", "các",
    "những", "mọi", "nhiều", "một", "nước", "bên", "hoặc", "hay", "rất", "đều", "vừa",
    "luôn", "không", "chưa", "cùng", "qua", "sau", "trước", "trong", "ngoài", "về", "của",
    "ở", "trên", "dưới", "tham dự", "chủ trì", "diễn ra", "tổ chức", "nhấn mạnh", "cho biết",
    "khẳng định", "lần", "phiên", "thứ", "nói", "đây", "kỳ", "chiều", "sáng", "tối", "trưa",
    "bày tỏ", "đề nghị", "mong muốn", "tiếp tục", "làm", "đi", "tới", "lại", NULL
};

/* Lowercase words usual inside long official names (do not count as a gap). */
static const char *const inner_words[] = {
    "nhân dân", "hòa bình", "quốc tế", "quốc gia", "cấp cao", "các nước", "mở rộng", "hợp tác",
    "gìn giữ", "biên phòng", "hải quân", "lục quân", "không quân", "phòng không", "cứu nạn",
    "cứu hộ", "thường trực", "trung ương", "cộng sản", "xã hội chủ nghĩa", "an ninh", "quốc phòng",
    "đại biểu", "toàn quốc", "chính trị", "quân sự", "hậu cần", "kỹ thuật", "hẹp",
    "cấp", "chuyên gia", "quan chức", "biển", NULL
};

static const char *const connectors[] = { "bin", "binti", "bte", "binte", "al", "van", "von", "de",
                                          "da", "del", "dos", "ibn", "bt", NULL };

/* Capitalised words that begin sentences or phrases, never a person's name. */
static const char *const not_names[] = {
    "Thủ đô", "Tại", "Theo", "Trong", "Với", "Về", "Sáng", "Chiều", "Tối", "Trưa", "Ngày",
    "Tháng", "Năm", "Hai", "Các", "Những", "Đoàn", "Phía", "Quang cảnh", "Ảnh", "Nguồn",
    "Cùng", "Sau", "Trước", "Đây", "Nhân dịp", "Việc", "Hội nghị", "Đại diện", "Đồng thời",
    "Quân đội", "Nhà nước", "Chính phủ", "Tổ quốc", "Nhân dân", "Đảng", NULL
};

static const char *const ordinals[] = { "nhất", "hai", "ba", "tư", "bốn", "năm", "sáu", "bảy",
                                        "tám", "chín", "mười", NULL };

static int add_all(nm_lex *lx, const char *const *w, nm_flags flags)
{
    for (; *w; w++)
        if (nm_lex_add(lx, *w, strlen(*w), flags, 0) < 0)
            return -1;
    return 0;
}

int nm_lex_builtin(nm_lex *lx)
{
    if (add_all(lx, org_heads, LX_ORG) < 0 || add_all(lx, event_heads, LX_EVENT) < 0 ||
        add_all(lx, misc_heads, LX_MISC) < 0 || add_all(lx, stop_words, LX_STOP) < 0 ||
        add_all(lx, inner_words, LX_INNER) < 0 || add_all(lx, connectors, LX_CONNECT) < 0 ||
        add_all(lx, not_names, LX_NOTNAME) < 0 || add_all(lx, ordinals, LX_ORDINAL) < 0)
        return -1;
    return 0;
}
