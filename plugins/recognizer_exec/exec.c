/*
 * exec.c — the `exec` plugin: a recognizer or translator written in any
 * language, run as long-lived worker processes that speak JSON Lines
 * (docs/plugin-guide.md, "Co-process plugins").
 *
 * While the plan is built, describe() starts the worker once and reads its
 * announcement: the instance becomes the worker's kind, name and option
 * table, so the core validates the config against it.  init() starts the
 * pool (one worker per docpipe thread unless `workers` says otherwise);
 * process() takes an idle worker, sends it the document in the jsonl writer's
 * schema and merges its answer through the same checks as a C plugin's calls.
 * A worker that dies, hangs past `timeout` or answers garbage is killed and
 * restarted, and the document tried again, up to `tries` times; then the
 * document fails (the dead-letter file).  A worker's stderr goes to the log.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <docpipe/doc_json.h>

#include "announce.h"
#include "doc_json_read.h"
#include "proc.h"

static const dp_option own_options[] = {
    { "command", DP_OPT_LIST, NULL, 1, NULL,
      "the worker's command and arguments, e.g. [ \"python3\", \"my_plugin.py\" ]; looked up on PATH" },
    { "dir", DP_OPT_PATH, ".", 0, NULL, "the worker's working directory (default: the config file's directory)" },
    { "workers", DP_OPT_INT, "0", 0, NULL, "worker processes; 0: one per docpipe thread" },
    { "timeout", DP_OPT_FLOAT, "30", 0, NULL, "seconds a worker may take for one document before it is restarted" },
    { "start_timeout", DP_OPT_FLOAT, "20", 0, NULL, "seconds a worker may take to announce itself and start" },
    { "tries", DP_OPT_INT, "2", 0, NULL,
      "attempts per document when the worker crashes, hangs or answers garbage; then the document fails" },
    { "max_reply", DP_OPT_INT, "67108864", 0, NULL, "longest answer line in bytes" },
    { "offset_unit", DP_OPT_ENUM, "codepoint", 0, "codepoint|utf16|byte", "offsets sent to and read from the worker" },
    DP_OPTION_END
};
#define N_OWN (sizeof own_options / sizeof *own_options - 1)

typedef struct slot {
    xproc proc;
    int busy;
    unsigned long seq;
} slot;

typedef struct exec_state {
    dp_instance *inst;
    char **argv;
    char **env;
    const char *dir;
    double timeout, start_timeout;
    long tries;
    size_t max_reply;
    dp_offset_unit unit;
    const char *unit_name;
    dp_strbuf init_msg;
    slot *slots;
    size_t n_slots;
    pthread_mutex_t lock;
    pthread_cond_t idle;
} exec_state;

extern char **environ;

/*
 * docpipe's environment with the Python helper's directory appended to
 * PYTHONPATH, so that `import docpipe_plugin` works in a worker without setup.
 * NULL when memory ran out.  Free with free_env.
 */
static char **worker_env(void)
{
    size_t n = 0;
    while (environ[n]) n++;
    char **env = calloc(n + 2, sizeof *env);
    if (!env) return NULL;
    const char *old = getenv("PYTHONPATH");
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "PYTHONPATH=", 11) != 0) env[k++] = environ[i];
    size_t len = strlen("PYTHONPATH=") + (old ? strlen(old) + 1 : 0) + strlen(DOCPIPE_PYTHONDIR) + 1;
    char *pp = malloc(len);
    if (!pp) { free(env); return NULL; }
    snprintf(pp, len, "PYTHONPATH=%s%s%s", old && *old ? old : "", old && *old ? ":" : "", DOCPIPE_PYTHONDIR);
    env[k++] = pp;
    env[k] = NULL;
    return env;
}

static void free_env(char **env)
{
    if (!env) return;
    for (size_t i = 0; env[i]; i++)
        if (strncmp(env[i], "PYTHONPATH=", 11) == 0) free(env[i]);
    free(env);
}

static char **command_argv(const dp_instance *inst)
{
    size_t n = dp_opt_count(inst, "command");
    char **argv = n ? calloc(n + 1, sizeof *argv) : NULL;
    for (size_t i = 0; argv && i < n; i++) argv[i] = (char *)dp_opt_item(inst, "command", i);
    return argv;
}

/* Start p and read its announcement into line; 0, or -1 with msg. */
static int start_announced(xproc *p, char **argv, char **env, const char *dir, double start_timeout,
                           dp_strbuf *line, char *msg, size_t size)
{
    if (xproc_start(p, argv, env, dir, msg, size) < 0) return -1;
    int rc = xproc_exchange(p, NULL, 0, line, xproc_now() + start_timeout, 1 << 20);
    if (rc == XP_OK) return 0;
    char st[64] = "";
    if (rc == XP_TIMEOUT) snprintf(msg, size, "'%s' announced nothing within %gs", argv[0], start_timeout);
    xproc_kill(p);
    if (rc != XP_TIMEOUT)
        snprintf(msg, size, "'%s' %s before announcing itself (see its messages above)", argv[0],
                 xproc_status(p, st, sizeof st));
    return -1;
}

static int exec_describe(dp_instance *inst, struct dp_plugin *desc)
{
    char **argv = command_argv(inst);
    if (!argv) return dp_instance_error(inst, "needs command = [ \"program\", \"argument\" … ]");
    char **env = worker_env();
    if (!env) { free(argv); return dp_instance_nomem(inst); }
    xproc p = { .number = 0, .inst = inst };
    dp_strbuf line = { 0 };
    char msg[512];
    int rc = start_announced(&p, argv, env, dp_opt_str(inst, "dir"), dp_opt_float(inst, "start_timeout"), &line,
                             msg, sizeof msg);
    if (rc == 0) {
        xproc_stop(&p, 2.0);
        rc = exec_announce_parse(line.data ? line.data : "", line.len, own_options, dp_instance_arena(inst), desc,
                                 msg, sizeof msg);
    }
    free(argv);
    free_env(env);
    dp_strbuf_free(&line);
    dp_strbuf_free(&p.out);
    dp_strbuf_free(&p.err);
    return rc == 0 ? 0 : dp_instance_error(inst, "%s", msg);
}

/* The init message, from the first worker's announcement (the table the core validated is the one it announces). */
static int build_init_message(exec_state *s, const dp_strbuf *announcement, char *msg, size_t size)
{
    dp_plugin desc = { 0 };
    dp_arena *scratch = dp_arena_new(1024);
    if (!scratch) {
        snprintf(msg, size, "out of memory");
        return -1;
    }
    int rc = exec_announce_parse(announcement->data ? announcement->data : "", announcement->len, own_options, scratch,
                                 &desc, msg, size);
    if (rc == 0 && exec_init_message(s->inst, desc.options, N_OWN, s->unit_name, &s->init_msg) < 0) {
        snprintf(msg, size, "out of memory");
        rc = -1;
    }
    dp_arena_free(scratch);
    return rc;
}

/* A new worker in s: started, announced, initialised.  0, or -1 with msg. */
static int slot_start(exec_state *s, slot *w, char *msg, size_t size)
{
    dp_strbuf line = { 0 };
    int rc = start_announced(&w->proc, s->argv, s->env, s->dir, s->start_timeout, &line, msg, size);
    if (rc == 0 && !s->init_msg.len && build_init_message(s, &line, msg, size) < 0) {
        xproc_kill(&w->proc);
        rc = -1;
    }
    if (rc == 0) {
        rc = xproc_exchange(&w->proc, s->init_msg.data, s->init_msg.len, &line, xproc_now() + s->start_timeout,
                            1 << 20);
        json_t *r = rc == XP_OK ? json_loadb(line.data ? line.data : "", line.len, 0, NULL) : NULL;
        const char *type = json_string_value(json_object_get(r, "type"));
        if (type && !strcmp(type, "ready")) {
            rc = 0;
        } else {
            const char *m = json_string_value(json_object_get(r, "message"));
            if (type && !strcmp(type, "error")) snprintf(msg, size, "%s", m ? m : "the worker refused to start");
            else if (rc == XP_TIMEOUT) snprintf(msg, size, "the worker did not answer init within %gs", s->start_timeout);
            else snprintf(msg, size, "the worker answered init with %.80s", line.data ? line.data : "nothing");
            xproc_kill(&w->proc);
            rc = -1;
        }
        json_decref(r);
    }
    dp_strbuf_free(&line);
    return rc;
}

static void state_free(exec_state *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n_slots; i++) {
        xproc_stop(&s->slots[i].proc, 5.0);
        dp_strbuf_free(&s->slots[i].proc.out);
        dp_strbuf_free(&s->slots[i].proc.err);
    }
    free(s->slots);
    free(s->argv);
    free_env(s->env);
    dp_strbuf_free(&s->init_msg);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->idle);
    free(s);
}

static int exec_init(dp_instance *inst, void **state)
{
    exec_state *s = calloc(1, sizeof *s);
    if (!s) return dp_instance_nomem(inst);
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->idle, NULL);
    s->inst = inst;
    s->argv = command_argv(inst);
    s->env = worker_env();
    s->dir = dp_opt_str(inst, "dir");
    s->timeout = dp_opt_float(inst, "timeout");
    s->start_timeout = dp_opt_float(inst, "start_timeout");
    s->tries = dp_opt_int(inst, "tries");
    long long max_reply = dp_opt_int(inst, "max_reply");
    long long workers = dp_opt_int(inst, "workers");
    s->unit_name = dp_opt_str(inst, "offset_unit");
    char msg[512];
    if (!s->argv || !s->env) { state_free(s); return dp_instance_nomem(inst); }
    if (!(s->timeout > 0) || !(s->start_timeout > 0) || s->tries < 1 || max_reply < 1024 || workers < 0) {
        state_free(s);
        return dp_instance_error(inst, "timeout and start_timeout must be positive, tries at least 1, max_reply at "
                                       "least 1024, workers 0 or more");
    }
    s->max_reply = (size_t)max_reply;
    dpj_offset_unit(s->unit_name, &s->unit);
    /* a check starts one worker, to let it judge its options, and stops it */
    s->n_slots = dp_instance_checking(inst) ? 1 : workers ? (size_t)workers : (size_t)dp_instance_threads(inst);
    s->slots = calloc(s->n_slots, sizeof *s->slots);
    if (!s->slots) { state_free(s); return dp_instance_nomem(inst); }
    for (size_t i = 0; i < s->n_slots; i++) {
        s->slots[i].proc.number = (int)i + 1;
        s->slots[i].proc.inst = inst;
        if (slot_start(s, &s->slots[i], msg, sizeof msg) < 0) {
            state_free(s);
            return dp_instance_error(inst, "%s", msg);
        }
    }
    *state = s;
    return 0;
}

static slot *take_slot(exec_state *s)
{
    pthread_mutex_lock(&s->lock);
    slot *w = NULL;
    for (;;) {
        for (size_t i = 0; i < s->n_slots && !w; i++)
            if (!s->slots[i].busy) w = &s->slots[i];
        if (w) break;
        pthread_cond_wait(&s->idle, &s->lock);
    }
    w->busy = 1;
    pthread_mutex_unlock(&s->lock);
    return w;
}

static void give_slot(exec_state *s, slot *w)
{
    pthread_mutex_lock(&s->lock);
    w->busy = 0;
    pthread_cond_signal(&s->idle);
    pthread_mutex_unlock(&s->lock);
}

/* The worker's answer for seq merged into doc; *garbage set when it is not an answer at all. */
static int merge_answer(exec_state *s, dp_doc *doc, const dp_strbuf *line, unsigned long seq, int *garbage,
                        dp_error *err)
{
    json_error_t je;
    json_t *r = json_loadb(line->data ? line->data : "", line->len, 0, &je);
    const char *type = json_string_value(json_object_get(r, "type"));
    const json_t *jseq = json_object_get(r, "seq");
    *garbage = 1;
    if (!r || !type || !json_is_integer(jseq) || (unsigned long)json_integer_value(jseq) != seq) {
        int rc = dp_fail(err, DP_FAILED, "the worker answered garbage%s%s: %.80s", r ? "" : ", invalid JSON: ",
                         r ? "" : je.text, line->data ? line->data : "");
        json_decref(r);
        return rc;
    }
    *garbage = 0;
    int rc = DP_OK;
    if (!strcmp(type, "error")) {
        const char *m = json_string_value(json_object_get(r, "message"));
        rc = dp_fail(err, DP_FAILED, "the worker failed the document: %s", m ? m : "(no message)");
    } else if (!strcmp(type, "skip")) {
        rc = DP_SKIP;
    } else if (!strcmp(type, "result")) {
        const json_t *v;
        if (rc == DP_OK && (v = json_object_get(r, "fields"))) rc = dpj_merge_fields(doc, v, err);
        if (rc == DP_OK && (v = json_object_get(r, "entities"))) rc = dpj_merge_entities(doc, v, s->unit, 0, err);
        if (rc == DP_OK && (v = json_object_get(r, "translations")))
            rc = dpj_merge_translations(doc, v, dp_instance_name(s->inst), err);
    } else {
        *garbage = 1;
        rc = dp_fail(err, DP_FAILED, "the worker answered with type '%s' (result, error or skip expected)", type);
    }
    json_decref(r);
    return rc;
}

static int exec_process(void *state, dp_doc *doc, dp_error *err)
{
    exec_state *s = state;
    slot *w = take_slot(s);
    dp_strbuf req = { 0 }, line = { 0 };
    dp_doc_json_opts o = { s->unit, 0, 1, 1 };
    int rc = DP_FAILED;
    char why[512] = "";
    w->seq++;
    dp_strbuf_printf(&req, "{\"type\":\"doc\",\"seq\":%lu,\"doc\":", w->seq);
    if (dp_doc_write_json(doc, &o, &req) < 0) { rc = dp_fail_nomem(err); goto out; }
    req.len--; /* the record's newline: the envelope closes first */
    dp_strbuf_puts(&req, "}\n");
    if (req.oom) { rc = dp_fail_nomem(err); goto out; }
    for (long attempt = 1; attempt <= s->tries; attempt++) {
        if (w->proc.pid <= 0 && slot_start(s, w, why, sizeof why) < 0) continue;
        int x = xproc_exchange(&w->proc, req.data, req.len, &line, xproc_now() + s->timeout, s->max_reply);
        int garbage = 0;
        if (x == XP_OK) {
            rc = merge_answer(s, doc, &line, w->seq, &garbage, err);
            if (rc == DP_FAILED && dp_error_nomem(err)) goto out;
            if (!garbage) goto out;
            snprintf(why, sizeof why, "%s", dp_error_message(err));
            dp_error_clear(err);
        } else if (x == XP_NOMEM) {
            rc = dp_fail_nomem(err);
            goto out;
        }
        xproc_kill(&w->proc);
        char st[64];
        if (x == XP_TIMEOUT) snprintf(why, sizeof why, "the worker took more than %gs", s->timeout);
        else if (x == XP_TOO_LONG) snprintf(why, sizeof why, "the worker's answer exceeded max_reply (%zu bytes)", s->max_reply);
        else if (x != XP_OK) snprintf(why, sizeof why, "the worker %s", xproc_status(&w->proc, st, sizeof st));
        dp_log(s->inst, DP_LOG_WARN, "worker %d on document %s (try %ld of %ld): %s; restarting it", w->proc.number,
               dp_doc_id(doc), attempt, s->tries, why);
    }
    rc = dp_fail(err, DP_FAILED, "gave up after %ld tries: %s", s->tries, why);
out:
    dp_strbuf_free(&req);
    dp_strbuf_free(&line);
    give_slot(s, w);
    return rc;
}

static void exec_fini(void *state) { state_free(state); }

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_RECOGNIZER),
    .name = "exec",
    .version = "1.0",
    .description = "a recognizer or translator in any language: worker processes speaking JSON Lines "
                   "(protocol 1); the worker's announcement gives the instance its kind, name and options",
    .options = own_options,
    .consumes = "text",
    .produces = "entity",
    .init = exec_init,
    .process = exec_process,
    .fini = exec_fini,
    .describe = exec_describe,
};
