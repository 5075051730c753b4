/*
 * source_news.c — the `news` source: plain-text Vietnamese news articles.
 *
 * The document text is the decoded input itself; the parser (news_parse.c)
 * marks every line with a segment of its kind and reads the fields; what the
 * article does not state, a title or a date, news_derive.c derives.
 */
#include <limits.h>
#include <stdlib.h>

#include <docpipe/docpipe.h>

#include "news_derive.h"
#include "news_parse.h"

static const dp_option options[] = {
    { "min_title_len", DP_OPT_INT, "8", 0, NULL,
      "shortest first line taken as the title, in bytes" },
    { "max_title_len", DP_OPT_INT, "300", 0, NULL,
      "longest first line taken as the title, in bytes (a longer one is a paragraph)" },
    { "related", DP_OPT_BOOL, "true", 0, NULL,
      "mark short unpunctuated lines after the body as related-article headlines" },
    { "provinces", DP_OPT_DATA, NULL, 0, NULL,
      "province names (gazetteer format, e.g. vi/provinces.tsv): a 'Nguồn X:' line whose X is "
      "one names the newspaper 'Báo X' as the source" },
    { "derive", DP_OPT_BOOL, "true", 0, NULL,
      "give an article without a title line a title from its first sentence or caption "
      "(title_derived), and one without a date line the date of its opening clause (date_inferred)" },
    DP_OPTION_END
};

static int news_init(dp_instance *inst, void **state)
{
    long long mn = dp_opt_int(inst, "min_title_len");
    long long mx = dp_opt_int(inst, "max_title_len");
    if (mn < 0 || mx < mn || mx > INT_MAX) {
        dp_instance_error(inst, "need 0 <= min_title_len <= max_title_len (got %lld, %lld)",
                          mn, mx);
        return -1;
    }
    news_opts *o = calloc(1, sizeof *o);
    if (!o) {
        dp_instance_nomem(inst);
        return -1;
    }
    o->min_title_len = (size_t)mn;
    o->max_title_len = (size_t)mx;
    o->related = dp_opt_bool(inst, "related");
    o->derive = dp_opt_bool(inst, "derive");
    const char *provinces = dp_opt_str(inst, "provinces");
    if (provinces && news_places_load(&o->provinces, provinces, inst) < 0) {
        free(o);
        return -1;
    }
    *state = o;
    return 0;
}

static int news_process(void *state, dp_doc *doc, dp_error *err)
{
    size_t len = 0;
    const char *raw = dp_doc_raw(doc, &len);
    if (!raw) return dp_fail(err, DP_FAILED, "no input");
    if (dp_doc_set_text(doc, raw, len) < 0) {
        size_t bad = 0;
        if (!dp_utf8_valid(raw, len, &bad))
            return dp_fail(err, DP_FAILED, "invalid UTF-8 at byte %zu", bad);
        return dp_fail_nomem(err);
    }
    const news_opts *o = state;
    if (dp_doc_set_lang(doc, "vi") < 0 || news_parse(doc, o) < 0 ||
        (o->derive && news_derive(doc, o->max_title_len) < 0))
        return dp_fail_nomem(err);
    return DP_OK;
}

static void news_fini(void *state)
{
    news_opts *o = state;
    if (!o) return;
    news_places_free(&o->provinces);
    free(o);
}

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_SOURCE),
    .name = "news",
    .version = "1.0",
    .description = "plain-text Vietnamese news articles: title, lede, byline, captions, "
                   "credits, dates, sources, keywords and related headlines",
    .options = options,
    .consumes = "raw",
    .produces = "text fields segments",
    .init = news_init,
    .process = news_process,
    .fini = news_fini,
};
