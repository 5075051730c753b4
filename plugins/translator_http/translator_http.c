/* http: machine translation through a LibreTranslate or OpenAI-compatible server (see README.md). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>

#include <docpipe/docpipe.h>

#include "fnv.h"

static const dp_option options[] = {
    { "url", DP_OPT_STRING, NULL, 1, NULL, "base URL of the server (http://127.0.0.1:5000)" },
    { "api", DP_OPT_ENUM, "libretranslate", 0, "libretranslate|openai",
      "libretranslate: POST {url}/translate; openai: POST {url}/v1/chat/completions" },
    { "from", DP_OPT_STRING, "vi", 0, NULL, "source language" },
    { "to", DP_OPT_STRING, "en", 0, NULL, "target language (also the tag of the stored translations)" },
    { "what", DP_OPT_ENUM, "title", 0, "title|segments|text",
      "what to send: the title field, the segments of the kinds in `segments`, or the whole text" },
    { "segments", DP_OPT_LIST, "title,lede,paragraph,caption", 0, NULL, "segment kinds sent when what = segments" },
    { "model", DP_OPT_STRING, NULL, 0, NULL, "model name (required by api = openai; part of the cache key)" },
    { "api_key_env", DP_OPT_STRING, NULL, 0, NULL, "name of the environment variable holding the API key" },
    { "timeout_ms", DP_OPT_INT, "30000", 0, NULL, "timeout of one request, in milliseconds" },
    { "retries", DP_OPT_INT, "3", 0, NULL, "retries after a 429, a 5xx or a transport error" },
    { "backoff_ms", DP_OPT_INT, "500", 0, NULL, "first retry delay; doubles on each retry" },
    { "max_wait_ms", DP_OPT_INT, "60000", 0, NULL, "longest single wait between retries (Retry-After included)" },
    { "batch", DP_OPT_INT, "16", 0, NULL, "texts per request (libretranslate)" },
    { "cache", DP_OPT_STRING, NULL, 0, NULL,
      "directory of an on-disk cache of translations, keyed by text, languages, api and model" },
    DP_OPTION_END
};

enum { API_LIBRE, API_OPENAI };
enum { WHAT_TITLE, WHAT_SEGMENTS, WHAT_TEXT };

#define POOL_MAX 64

typedef struct state {
    char *endpoint, *from, *to, *model, *key, *cache, *instance;
    char **kinds;
    size_t n_kinds;
    int api, what;
    long timeout_ms, retries, backoff_ms, max_wait_ms, batch;
    /* idle easy handles: each keeps its connections alive between documents */
    pthread_mutex_t lock;
    CURL *pool[POOL_MAX];
    size_t n_pool;
    int curl_inited;
} state;

/* ---- helpers ----------------------------------------------------------------- */

static char *xstrdup(const char *s) { return s ? strdup(s) : NULL; }

static void http_fini(void *sp)
{
    state *st = sp;
    if (!st) return;
    for (size_t i = 0; i < st->n_pool; i++) curl_easy_cleanup(st->pool[i]);
    pthread_mutex_destroy(&st->lock);
    if (st->key) {
        memset(st->key, 0, strlen(st->key));
        free(st->key);
    }
    free(st->endpoint);
    free(st->from);
    free(st->to);
    free(st->model);
    free(st->cache);
    free(st->instance);
    for (size_t i = 0; i < st->n_kinds; i++) free(st->kinds[i]);
    free(st->kinds);
    if (st->curl_inited) curl_global_cleanup();
    free(st);
}

static int http_init(dp_instance *inst, void **out)
{
    state *st = calloc(1, sizeof *st);
    if (!st) {
        dp_instance_nomem(inst);
        return -1;
    }
    pthread_mutex_init(&st->lock, NULL);
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
        dp_instance_error(inst, "libcurl could not be initialised");
        goto fail;
    }
    st->curl_inited = 1;
    const char *url = dp_opt_str(inst, "url");
    st->api = strcmp(dp_opt_str(inst, "api"), "openai") == 0 ? API_OPENAI : API_LIBRE;
    const char *what = dp_opt_str(inst, "what");
    st->what = strcmp(what, "segments") == 0 ? WHAT_SEGMENTS : strcmp(what, "text") == 0 ? WHAT_TEXT : WHAT_TITLE;
    if (!url || (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)) {
        dp_instance_error(inst, "url must start with http:// or https:// (got '%s')", url ? url : "");
        goto fail;
    }
    size_t ul = strlen(url);
    while (ul > 0 && url[ul - 1] == '/') ul--;
    const char *path = st->api == API_OPENAI ? "/v1/chat/completions" : "/translate";
    st->endpoint = malloc(ul + strlen(path) + 1);
    if (!st->endpoint) goto oom;
    memcpy(st->endpoint, url, ul);
    strcpy(st->endpoint + ul, path);
    st->from = xstrdup(dp_opt_str(inst, "from"));
    st->to = xstrdup(dp_opt_str(inst, "to"));
    st->model = xstrdup(dp_opt_str(inst, "model"));
    st->cache = xstrdup(dp_opt_str(inst, "cache"));
    st->instance = xstrdup(dp_instance_name(inst));
    if (!st->from || !st->to || !st->instance) goto oom;
    if (st->api == API_OPENAI && (!st->model || !*st->model)) {
        dp_instance_error(inst, "api = \"openai\" needs a model");
        goto fail;
    }
    const char *env = dp_opt_str(inst, "api_key_env");
    if (env && *env) {
        const char *k = getenv(env);
        if (!k || !*k) {
            dp_instance_error(inst, "the environment variable %s (api_key_env) is not set", env);
            goto fail;
        }
        if (!(st->key = strdup(k))) goto oom;
    }
    st->timeout_ms = dp_opt_int(inst, "timeout_ms");
    st->retries = dp_opt_int(inst, "retries");
    st->backoff_ms = dp_opt_int(inst, "backoff_ms");
    st->max_wait_ms = dp_opt_int(inst, "max_wait_ms");
    st->batch = dp_opt_int(inst, "batch");
    if (st->timeout_ms < 1 || st->retries < 0 || st->backoff_ms < 0 || st->max_wait_ms < 0 || st->batch < 1) {
        dp_instance_error(inst, "timeout_ms and batch must be >= 1, retries, backoff_ms and max_wait_ms >= 0");
        goto fail;
    }
    st->n_kinds = dp_opt_count(inst, "segments");
    st->kinds = calloc(st->n_kinds ? st->n_kinds : 1, sizeof *st->kinds);
    if (!st->kinds) goto oom;
    for (size_t i = 0; i < st->n_kinds; i++)
        if (!(st->kinds[i] = strdup(dp_opt_item(inst, "segments", i)))) goto oom;
    if (st->cache && dp_mkdirs(st->cache) < 0) {
        dp_instance_error(inst, "cannot create the cache directory %s: %s", st->cache, strerror(errno));
        goto fail;
    }
    *out = st;
    return 0;
oom:
    dp_instance_nomem(inst);
fail:
    http_fini(st);
    return -1;
}

static CURL *acquire(state *st)
{
    CURL *c = NULL;
    pthread_mutex_lock(&st->lock);
    if (st->n_pool) c = st->pool[--st->n_pool];
    pthread_mutex_unlock(&st->lock);
    return c ? c : curl_easy_init();
}

static void release(state *st, CURL *c)
{
    if (!c) return;
    pthread_mutex_lock(&st->lock);
    if (st->n_pool < POOL_MAX) {
        st->pool[st->n_pool++] = c;
        c = NULL;
    }
    pthread_mutex_unlock(&st->lock);
    if (c) curl_easy_cleanup(c);
}

/* ---- cache ----------------------------------------------------------------------- */

/* 128-bit name of a cache entry: two FNV-1a hashes over every part, NUL-separated. */
static void cache_path(const state *st, const char *text, char *out, size_t size)
{
    const char *parts[] = { st->api == API_OPENAI ? "openai" : "libretranslate", st->from, st->to,
                            st->model ? st->model : "", text };
    uint64_t a = 1469598103934665603ull, b = 0x9e3779b97f4a7c15ull; /* the seeds existing caches were named with */
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        a = fnv1a64(a, parts[i], strlen(parts[i]) + 1);
        b = fnv1a64(b * 31 + i, parts[i], strlen(parts[i]) + 1);
    }
    snprintf(out, size, "%s/%016llx%016llx", st->cache, (unsigned long long)a, (unsigned long long)b);
}

static char *cache_get(const state *st, const char *text)
{
    if (!st->cache) return NULL;
    char path[4096];
    cache_path(st, text, path, sizeof path);
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (m) {
        char tmp[8192];
        size_t n;
        while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) fwrite(tmp, 1, n, m);
        fclose(m);
    }
    fclose(f);
    return buf;
}

/* Written to a temporary name and renamed: a reader never sees half an entry. */
static void cache_put(const state *st, const char *text, const char *translation)
{
    if (!st->cache) return;
    char path[4096], tmp[4200];
    cache_path(st, text, path, sizeof path);
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld.%lx", path, (long)getpid(), (unsigned long)pthread_self());
    FILE *f = fopen(tmp, "wb");
    if (!f) return;
    size_t n = strlen(translation);
    int ok = fwrite(translation, 1, n, f) == n;
    ok = (fflush(f) == 0) && ok;
    ok = (fsync(fileno(f)) == 0) && ok;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) < 0) unlink(tmp);
}

/* ---- HTTP ---------------------------------------------------------------------- */

/* curl's write callback: the reply accumulates in a dp_strbuf. */
static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    dp_strbuf *b = ud;
    size_t add = size * n;
    if (b->len + add > (size_t)64 << 20) return 0; /* a reply over 64 MB is not a translation */
    return dp_strbuf_add(b, p, add) == 0 ? add : 0;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {
    }
}

/* POST body; on success *reply is the body (malloc'ed).  Returns 0, or -1 with msg. */
static int post(state *st, const char *body, char **reply, char *msg, size_t msglen)
{
    CURL *c = acquire(st);
    if (!c) {
        snprintf(msg, msglen, "cannot create a curl handle");
        return -1;
    }
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    char auth[4200];
    if (h && st->key && st->api == API_OPENAI) {
        snprintf(auth, sizeof auth, "Authorization: Bearer %s", st->key);
        struct curl_slist *h2 = curl_slist_append(h, auth);
        memset(auth, 0, sizeof auth);
        if (!h2) {
            curl_slist_free_all(h);
            h = NULL;
        } else {
            h = h2;
        }
    }
    if (!h) {
        release(st, c);
        snprintf(msg, msglen, "out of memory");
        return -1;
    }
    int rc = -1;
    long wait = st->backoff_ms;
    for (long attempt = 0;; attempt++) {
        dp_strbuf b = DP_STRBUF_INIT;
        char errbuf[CURL_ERROR_SIZE] = "";
        curl_easy_reset(c); /* keeps the connection cache */
        curl_easy_setopt(c, CURLOPT_URL, st->endpoint);
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, st->timeout_ms);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, st->timeout_ms);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
        curl_easy_setopt(c, CURLOPT_USERAGENT, "docpipe-http/1.0");
        CURLcode cc = curl_easy_perform(c);
        long status = 0;
        curl_off_t retry_after = 0;
        int retry = 0;
        if (cc == CURLE_OK) {
            curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
            if (status >= 200 && status < 300) {
                *reply = dp_strbuf_take(&b);
                rc = *reply ? 0 : -1;
                if (rc < 0) snprintf(msg, msglen, "out of memory");
                break;
            }
            curl_easy_getinfo(c, CURLINFO_RETRY_AFTER, &retry_after);
            retry = status == 429 || status >= 500;
            snprintf(msg, msglen, "POST %s: HTTP %ld", st->endpoint, status);
        } else {
            retry = cc != CURLE_WRITE_ERROR && cc != CURLE_OUT_OF_MEMORY;
            snprintf(msg, msglen, "POST %s: %s", st->endpoint, *errbuf ? errbuf : curl_easy_strerror(cc));
        }
        dp_strbuf_free(&b);
        if (!retry || attempt >= st->retries) {
            if (attempt > 0) {
                size_t l = strlen(msg);
                snprintf(msg + l, msglen - l, " (after %ld attempts)", attempt + 1);
            }
            break;
        }
        long w = wait;
        /* capped in seconds before it becomes milliseconds: a server may send any number (2^63 - 1 overflowed) */
        if (retry_after > 0) {
            long cap_s = st->max_wait_ms / 1000 + 1;
            long ra_ms = (retry_after > cap_s ? cap_s : (long)retry_after) * 1000;
            if (ra_ms > w) w = ra_ms;
        }
        if (w > st->max_wait_ms) w = st->max_wait_ms;
        sleep_ms(w);
        wait = wait ? wait * 2 : 0;
        if (wait > st->max_wait_ms) wait = st->max_wait_ms;
    }
    curl_slist_free_all(h);
    release(st, c);
    return rc;
}

/* ---- the two APIs -------------------------------------------------------------- */

/* Translate texts[0..n) into out[0..n) (malloc'ed).  0, or -1 with msg. */
static int libre(state *st, const char *const *texts, size_t n, char **out, char *msg, size_t msglen)
{
    json_t *q = json_array();
    json_t *req = json_object();
    if (!q || !req) goto oom;
    for (size_t i = 0; i < n; i++)
        if (json_array_append_new(q, json_string(texts[i])) < 0) goto oom;
    if (json_object_set_new(req, "q", q) < 0) {
        q = NULL;
        goto oom;
    }
    q = NULL;
    json_object_set_new(req, "source", json_string(st->from));
    json_object_set_new(req, "target", json_string(st->to));
    json_object_set_new(req, "format", json_string("text"));
    if (st->key) json_object_set_new(req, "api_key", json_string(st->key));
    char *body = json_dumps(req, JSON_COMPACT);
    json_decref(req);
    req = NULL;
    if (!body) goto oom;
    char *reply = NULL;
    int rc = post(st, body, &reply, msg, msglen);
    if (st->key) memset(body, 0, strlen(body));
    free(body);
    if (rc < 0) return -1;
    json_error_t jerr;
    json_t *r = json_loads(reply, 0, &jerr);
    free(reply);
    json_t *tt = r ? json_object_get(r, "translatedText") : NULL;
    if (!tt || (n == 1 ? !(json_is_string(tt) || (json_is_array(tt) && json_array_size(tt) == 1))
                       : !(json_is_array(tt) && json_array_size(tt) == n))) {
        snprintf(msg, msglen, "POST %s: the reply is not a LibreTranslate answer for %zu text(s)%s%s",
                 st->endpoint, n, r ? "" : ": ", r ? "" : jerr.text);
        json_decref(r);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_is_array(tt) ? json_array_get(tt, i) : tt;
        if (!json_is_string(s)) {
            snprintf(msg, msglen, "POST %s: translatedText[%zu] is not a string", st->endpoint, i);
            for (size_t j = 0; j < i; j++) free(out[j]);
            json_decref(r);
            return -1;
        }
        out[i] = strdup(json_string_value(s));
        if (!out[i]) {
            for (size_t j = 0; j < i; j++) free(out[j]);
            json_decref(r);
            snprintf(msg, msglen, "out of memory");
            return -1;
        }
    }
    json_decref(r);
    return 0;
oom:
    json_decref(q);
    json_decref(req);
    snprintf(msg, msglen, "out of memory");
    return -1;
}

static int openai(state *st, const char *text, char **out, char *msg, size_t msglen)
{
    char sys[512];
    snprintf(sys, sizeof sys,
             "You are a translation engine. Translate the user's text from the language '%s' into the "
             "language '%s'. Keep names, numbers and line breaks. Reply with the translation only.",
             st->from, st->to);
    json_t *req = json_pack("{s:s, s:[{s:s, s:s}, {s:s, s:s}], s:i}", "model", st->model, "messages", "role",
                            "system", "content", sys, "role", "user", "content", text, "temperature", 0);
    if (!req) {
        snprintf(msg, msglen, "cannot build the request (text not valid UTF-8?)");
        return -1;
    }
    char *body = json_dumps(req, JSON_COMPACT);
    json_decref(req);
    if (!body) {
        snprintf(msg, msglen, "out of memory");
        return -1;
    }
    char *reply = NULL;
    int rc = post(st, body, &reply, msg, msglen);
    free(body);
    if (rc < 0) return -1;
    json_error_t jerr;
    json_t *r = json_loads(reply, 0, &jerr);
    free(reply);
    json_t *content = NULL;
    if (r) {
        json_t *ch = json_array_get(json_object_get(r, "choices"), 0);
        content = json_object_get(json_object_get(ch, "message"), "content");
    }
    if (!json_is_string(content)) {
        snprintf(msg, msglen, "POST %s: the reply has no choices[0].message.content%s%s", st->endpoint,
                 r ? "" : ": ", r ? "" : jerr.text);
        json_decref(r);
        return -1;
    }
    /* models like to add a trailing newline */
    const char *v = json_string_value(content);
    size_t l = strlen(v);
    while (l > 0 && (v[l - 1] == '\n' || v[l - 1] == ' ')) l--;
    *out = strndup(v, l);
    json_decref(r);
    if (!*out) {
        snprintf(msg, msglen, "out of memory");
        return -1;
    }
    return 0;
}

/* Translate all texts, through the cache; out[i] malloc'ed.  0 or -1 with msg. */
static int translate_all(state *st, const char *const *texts, size_t n, char **out, char *msg, size_t msglen)
{
    size_t *todo = malloc((n ? n : 1) * sizeof *todo);
    if (!todo) {
        snprintf(msg, msglen, "out of memory");
        return -1;
    }
    size_t nt = 0;
    for (size_t i = 0; i < n; i++) {
        out[i] = cache_get(st, texts[i]);
        if (!out[i]) todo[nt++] = i;
    }
    int rc = 0;
    size_t per = st->api == API_LIBRE ? (size_t)st->batch : 1;
    const char **bt = malloc(per * sizeof *bt);
    char **bo = malloc(per * sizeof *bo);
    if (!bt || !bo) {
        snprintf(msg, msglen, "out of memory");
        rc = -1;
    }
    for (size_t a = 0; rc == 0 && a < nt; a += per) {
        size_t m = nt - a < per ? nt - a : per;
        for (size_t j = 0; j < m; j++) bt[j] = texts[todo[a + j]];
        rc = st->api == API_LIBRE ? libre(st, bt, m, bo, msg, msglen) : openai(st, bt[0], bo, msg, msglen);
        if (rc < 0) break;
        for (size_t j = 0; j < m; j++) {
            out[todo[a + j]] = bo[j];
            cache_put(st, bt[j], bo[j]);
        }
    }
    free(bt);
    free(bo);
    free(todo);
    if (rc < 0)
        for (size_t i = 0; i < n; i++) {
            free(out[i]);
            out[i] = NULL;
        }
    return rc;
}

static int http_process(void *sp, dp_doc *doc, dp_error *err)
{
    state *st = sp;
    size_t cap = 1, n = 0;
    const char **texts = NULL;
    char **keys = NULL; /* segment index as decimal, for DP_TARGET_SEGMENT */
    size_t tlen;
    const char *text = dp_doc_text(doc, &tlen);
    char **frees = NULL;
    int rc = DP_OK;
    if (st->what == WHAT_SEGMENTS) cap = dp_doc_segment_count(doc) + 1;
    texts = calloc(cap, sizeof *texts);
    keys = calloc(cap, sizeof *keys);
    frees = calloc(cap, sizeof *frees);
    if (!texts || !keys || !frees) {
        rc = dp_fail_nomem(err);
        goto done;
    }
    if (st->what == WHAT_TITLE) {
        const char *t = dp_doc_field(doc, "title");
        if (t && *t) texts[n++] = t;
    } else if (st->what == WHAT_TEXT) {
        if (tlen) texts[n++] = text;
    } else {
        size_t ns = dp_doc_segment_count(doc);
        for (size_t i = 0; i < ns; i++) {
            const dp_segment *s = dp_doc_segment_at(doc, i);
            int want = 0;
            for (size_t k = 0; k < st->n_kinds && !want; k++) want = s->kind && strcmp(s->kind, st->kinds[k]) == 0;
            if (!want || s->end <= s->start) continue;
            char *copy = strndup(text + s->start, s->end - s->start);
            char key[32];
            snprintf(key, sizeof key, "%zu", i);
            keys[n] = strdup(key);
            if (!copy || !keys[n]) {
                free(copy);
                free(keys[n]);
                keys[n] = NULL;
                rc = dp_fail_nomem(err);
                goto done;
            }
            frees[n] = copy;
            texts[n++] = copy;
        }
    }
    if (n == 0) goto done;
    char **out = calloc(n, sizeof *out);
    if (!out) {
        rc = dp_fail_nomem(err);
        goto done;
    }
    char msg[1024] = "";
    if (translate_all(st, texts, n, out, msg, sizeof msg) < 0) {
        free(out);
        rc = dp_fail(err, DP_FAILED, "%s", msg);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        int r;
        if (st->what == WHAT_TITLE)
            r = dp_doc_translation_add(doc, st->to, DP_TARGET_FIELD, "title", out[i], st->instance, NULL);
        else if (st->what == WHAT_TEXT)
            r = dp_doc_translation_add(doc, st->to, DP_TARGET_TEXT, NULL, out[i], st->instance, NULL);
        else
            r = dp_doc_translation_add(doc, st->to, DP_TARGET_SEGMENT, keys[i], out[i], st->instance, NULL);
        if (r < 0 && rc == DP_OK) rc = dp_fail_nomem(err);
        free(out[i]);
    }
    free(out);
done:
    for (size_t i = 0; i < n && frees && keys; i++) {
        free(frees[i]);
        free(keys[i]);
    }
    free(frees);
    free(keys);
    free(texts);
    return rc;
}

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_TRANSLATOR),
    .name = "http",
    .version = "1.0",
    .description = "machine translation of the title, segments or text through a LibreTranslate or "
                   "OpenAI-compatible server, with retries, batching and an on-disk cache",
    .options = options,
    .consumes = "text",
    .produces = "translation",
    .init = http_init,
    .process = http_process,
    .fini = http_fini,
};
