/* The run plan: a request checked in full and turned into instances and settings (see plan.h). */
#include <libgen.h>
#include <stdint.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docpipe/exitcode.h"
#include "outputs.h"
#include "pipeline.h"
#include "plan.h"
#include "plan_instance.h"
#include "runlock.h"
#include "safefile.h"

struct dp_plan {
    const char *config;    /* path or name */
    dp_arena *strings;     /* the plan's own copies: config, paths, inputs, fingerprint */
    dp_loader *loader;     /* keeps the plugins loaded */
    dp_datapath data;      /* where data files are looked up */
    dp_chain chain;
    dp_run_settings settings;
    dp_outputs outputs;    /* every file and folder the run writes */
    dp_runlock *lock;      /* run (not check): held on the outputs until the plan is freed */
};

void dp_request_init(dp_request *req)
{
    memset(req, 0, sizeof *req);
    req->threads = -1;
    req->max_failures = -2;
}

const char *dp_plan_config(const dp_plan *p) { return p->config; }
const char *dp_plan_plugin_path(const dp_plan *p) { return dp_loader_path(p->loader); }

char *dp_plan_data_path(const dp_plan *p)
{
    dp_strbuf b = { 0 };
    for (size_t i = 0; i < p->data.n; i++) dp_strbuf_printf(&b, "%s%s", i ? ":" : "", p->data.dirs[i]);
    if (b.oom) { dp_strbuf_free(&b); return NULL; }
    return b.data ? b.data : strdup("");
}
const dp_chain *dp_plan_chain(const dp_plan *p) { return &p->chain; }
const dp_run_settings *dp_plan_settings(const dp_plan *p) { return &p->settings; }

void dp_plan_free(dp_plan *p)
{
    if (!p) return;
    dp_chain_free(&p->chain);
    dp_loader_free(p->loader);
    dp_datapath_free(&p->data);
    dp_runlock_release(p->lock);
    dp_outputs_free(&p->outputs);
    dp_arena_free(p->strings);
    free(p);
}

/* Step 2: the source and every chain element; the chain's rules once all exist. */
static int build_chain(dp_plan *p, const dp_config *cfg, const dp_override *ov, size_t n_ov, dp_strbuf *errs)
{
    int nerr = 0;
    p->chain.source = dp_plan_instance(p->loader, &p->data, cfg, cfg->source, 1, 0, ov, n_ov, errs);
    if (!p->chain.source) nerr++;
    int n = config_setting_length(cfg->chain);
    p->chain.stages = calloc((size_t)n + 1, sizeof *p->chain.stages);
    if (!p->chain.stages) return -1;
    for (int i = 0; i < n; i++) {
        dp_instance *inst = dp_plan_instance(p->loader, &p->data, cfg,
                                             config_setting_get_elem(cfg->chain, (unsigned)i), 0, i + 1, ov, n_ov,
                                             errs);
        if (!inst) { nerr++; continue; }
        p->chain.stages[p->chain.n_stages++] = inst;
    }
    if (nerr) return nerr;
    return dp_chain_check(&p->chain, cfg->path, errs);
}

/* Step 2, for the source: how the core reads the source's records, and whether it can stream. */
static int check_source(dp_plan *p, const dp_request *req, dp_strbuf *errs)
{
    const dp_instance *src = p->chain.source;
    int nerr = dp_source_settings_read(&src->opts, src->desc.flags, src->where, src->desc.name,
                                       &p->settings.source, errs);
    if (req->stdin_jsonl && !p->settings.source.lines) {
        dp_strbuf_printf(errs, "%s: --stdin-jsonl needs a line-based source such as jsonl, but source '%s' reads "
                         "one record per file\n", src->where, src->desc.name);
        nerr++;
    }
    return nerr;
}

/* A copy in the plan's strings; NULL stays NULL, and *oom is set when memory ran out. */
static const char *keep(dp_plan *p, const char *s, int *oom)
{
    if (!s) return NULL;
    const char *d = dp_arena_strdup(p->strings, s);
    if (!d) *oom = 1;
    return d;
}

/* Without a checkpoint setting, a run from a config file checkpoints to CONFIGNAME[.K-of-N].checkpoint. */
static const char *default_checkpoint(dp_plan *p, const dp_request *req)
{
    char *base = dp_arena_strdup(p->strings, req->config_path);
    if (!base) return NULL;
    base = basename(base);
    char *dot = strrchr(base, '.');
    if (dot && dot != base) *dot = '\0';
    if (req->shard_n) return dp_arena_printf(p->strings, "%s.%u-of-%u.checkpoint", base, req->shard_k, req->shard_n);
    return dp_arena_printf(p->strings, "%s.checkpoint", base);
}

/* Fold a file's name and identity (size, modification time) into h: a changed data file is another run. */
static uint64_t mix_file(uint64_t h, const char *path)
{
    struct stat st;
    h = dp_hash_bytes(h, path, strlen(path) + 1);
    if (stat(path, &st) != 0) return dp_hash_bytes(h, "?", 1);
    long long v[3] = { (long long)st.st_size, (long long)st.st_mtim.tv_sec, (long long)st.st_mtim.tv_nsec };
    return dp_hash_bytes(h, v, sizeof v);
}

static uint64_t mix_str(uint64_t h, const char *s) { return dp_hash_bytes(h, s ? s : "", s ? strlen(s) + 1 : 1); }

/* An instance as it will run: plugin, version, module file, name, every option's value, its data files. */
static uint64_t mix_instance(uint64_t h, const dp_instance *in)
{
    h = dp_hash_bytes(h, &in->desc.kind, sizeof in->desc.kind);
    h = mix_str(mix_str(h, in->desc.name), in->desc.version);
    h = mix_file(h, in->module_file);
    h = mix_str(h, in->name);
    for (size_t i = 0; i < in->opts.n; i++) {
        const dp_optval *v = &in->opts.v[i];
        dp_opt_type t = v->spec->type;
        /* The source's inputs are fingerprinted as listed, file by file (engine.c). */
        if (in->desc.kind == DP_KIND_SOURCE && !strcmp(v->spec->name, "paths")) continue;
        h = mix_str(h, v->spec->name);
        if (t == DP_OPT_INT) h = dp_hash_bytes(h, &v->i, sizeof v->i);
        else if (t == DP_OPT_FLOAT) h = dp_hash_bytes(h, &v->f, sizeof v->f);
        else if (t == DP_OPT_BOOL) h = dp_hash_bytes(h, &v->b, sizeof v->b);
        else if (t == DP_OPT_PATH || t == DP_OPT_DATA) h = v->str ? mix_file(h, v->str) : mix_str(h, NULL);
        else h = mix_str(h, v->str);
        for (size_t k = 0; k < v->n_items; k++)
            h = t == DP_OPT_PATH_LIST || t == DP_OPT_DATA_LIST ? mix_file(h, v->items[k]) : mix_str(h, v->items[k]);
    }
    return h;
}

/*
 * The plan's part of a run's identity for --resume: everything the outputs
 * depend on but the inputs — every instance as it will run (options after
 * @include and ${VAR}, plugin modules and data files by size and time), the
 * overlap policy, the dead letter's path, the shard.  Comments, threads or
 * limits may change between a run and its resume; the engine adds the inputs.
 */
static const char *fingerprint(dp_plan *p, const dp_request *req)
{
    const dp_run_settings *s = &p->settings;
    uint64_t h = mix_instance(DP_HASH_INIT, p->chain.source);
    for (size_t i = 0; i < p->chain.n_stages; i++) h = mix_instance(h, p->chain.stages[i]);
    h = dp_hash_bytes(h, &s->keep_overlaps, sizeof s->keep_overlaps);
    h = mix_str(h, s->dead_letter);
    return dp_arena_printf(p->strings, "plan:%016llx;shard:%u/%u", (unsigned long long)h, req->shard_k,
                           req->shard_n);
}

static int cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (int)n;
}

/* Step 3: the config's globals with the request's overrides; 0, or -1 when memory ran out. */
static int apply_overrides(dp_plan *p, const dp_config *cfg, const dp_request *req)
{
    dp_run_settings *s = &p->settings;
    int oom = 0;
    s->threads = req->threads >= 0 ? req->threads : cfg->threads;
    if (s->threads == 0) s->threads = cores();
    s->queue = cfg->queue;
    s->max_failures = req->max_failures != -2 ? req->max_failures : cfg->max_failures;
    s->max_failure_ratio = req->max_failure_ratio;
    s->dead_letter = keep(p, req->dead_letter ? req->dead_letter : cfg->dead_letter, &oom);
    s->stats = keep(p, req->stats ? req->stats : cfg->stats, &oom);
    if (req->checkpoint || cfg->checkpoint)
        s->checkpoint = keep(p, req->checkpoint ? req->checkpoint : cfg->checkpoint, &oom);
    else if (!req->config_text && !req->pipeline && !req->stdin_jsonl && !(s->checkpoint = default_checkpoint(p, req)))
        oom = 1;
    s->keep_overlaps = cfg->keep_overlaps;
    s->shard_k = req->shard_k;
    s->shard_n = req->shard_n;
    s->check_only = req->check_only;
    /* Resuming only means something when a checkpoint exists. */
    s->resume = req->resume && !req->check_only && s->checkpoint && access(s->checkpoint, F_OK) == 0;
    if (!(s->fingerprint = fingerprint(p, req))) oom = 1;
    char **inputs = req->n_inputs ? dp_arena_calloc(p->strings, req->n_inputs, sizeof *inputs) : NULL;
    if (req->n_inputs && !inputs) oom = 1;
    for (size_t i = 0; inputs && i < req->n_inputs; i++)
        if (!(inputs[s->n_inputs++] = dp_arena_strdup(p->strings, req->inputs[i]))) oom = 1;
    s->inputs = inputs;
    return oom ? -1 : 0;
}

/* Step 3: every output of the run — writers', dead letter, checkpoint, stats — distinct, sane, writable. */
static int check_outputs(dp_plan *p, const dp_config *cfg, const dp_request *req, dp_strbuf *errs)
{
    const dp_run_settings *s = &p->settings;
    dp_outputs *o = &p->outputs;
    int nconf = 0, nio = 0;
    if (dp_outputs_add_writers(o, &p->chain) < 0) return DP_EXIT_SOFTWARE;
    if (s->dead_letter && dp_outputs_add(o, s->dead_letter, 0, "dead_letter",
                                         req->dead_letter ? "--dead-letter" : cfg->dead_letter_where) < 0)
        return DP_EXIT_SOFTWARE;
    if (s->checkpoint) {
        const char *where = req->checkpoint ? "--checkpoint" : cfg->checkpoint ? cfg->checkpoint_where
                                                                                 : "the default checkpoint";
        if (!strcmp(s->checkpoint, "-")) {
            dp_strbuf_printf(errs, "%s: the checkpoint must be a file, not standard output\n", where);
            nconf++;
        } else if (dp_outputs_add(o, s->checkpoint, 0, "checkpoint", where) < 0) {
            return DP_EXIT_SOFTWARE;
        } else {
            o->v[o->n - 1].checkpoint = 1;
        }
    }
    if (s->stats && dp_outputs_add(o, s->stats, 0, "stats", req->stats ? "--stats" : cfg->stats_where) < 0)
        return DP_EXIT_SOFTWARE;
    if (dp_outputs_check(o, errs, &nconf, &nio) < 0) return DP_EXIT_SOFTWARE;
    return nconf ? DP_EXIT_CONFIG : nio ? DP_EXIT_IOERR : DP_EXIT_OK;
}

/* Step 4: every instance starts, with the run's context. */
static int init_instances(dp_plan *p, dp_strbuf *errs)
{
    const dp_run_settings *s = &p->settings;
    if (dp_chain_init(&p->chain, s->threads, s->resume, s->check_only, errs) == 0) return DP_EXIT_OK;
    return dp_chain_init_nomem(&p->chain) ? DP_EXIT_SOFTWARE : DP_EXIT_CONFIG;
}

/* Step 1: the config of a request, from a file, a string or a one-line pipeline (whose options land in *pl). */
static dp_config *read_config(const dp_request *req, dp_pipeline *pl, dp_strbuf *errs)
{
    char shard[64], shards[64];
    char *vars[2] = { shard, shards };
    snprintf(shard, sizeof shard, "DOCPIPE_SHARD=%u", req->shard_k);
    snprintf(shards, sizeof shards, "DOCPIPE_SHARDS=%u", req->shard_n);
    const char *path = req->config_path, *text = req->config_text, *dir = req->base_dir;
    if (req->pipeline) {
        if (dp_pipeline_parse(req->pipeline, pl, errs) != 0) return NULL;
        path = DP_PIPELINE_NAME;
        text = pl->config;
        if (!dir) dir = ".";
    }
    return dp_config_read(path, text, dir, req->shard_n ? vars : NULL, req->shard_n ? 2 : 0, errs);
}

/*
 * Step 1, the command line against the config: a pipeline's KEY=VALUE words
 * and the -o overrides as one list; each -o names an instance of the config.
 * Returns the number of errors, -1 when memory ran out.
 */
static int collect_overrides(dp_plan *p, const dp_request *req, const dp_pipeline *pl, const dp_config *cfg,
                             dp_override **out, size_t *n_out, dp_strbuf *errs)
{
    size_t n = pl->n_options + req->n_overrides;
    dp_override *ov = n ? dp_arena_calloc(p->strings, n, sizeof *ov) : NULL;
    if (n && !ov) return -1;
    int nerr = 0;
    for (size_t i = 0; i < pl->n_options; i++) {
        ov[i].element = (long)pl->options[i].element;
        ov[i].kv = pl->options[i].kv;
        ov[i].where = dp_arena_printf(p->strings, "%s:%zu", DP_PIPELINE_NAME, pl->options[i].word);
        if (!ov[i].where) return -1;
    }
    for (size_t k = 0; k < req->n_overrides; k++) {
        dp_override *o = &ov[pl->n_options + k];
        const char *s = req->overrides[k];
        const char *dot = strchr(s, '.'), *eq = strchr(s, '=');
        o->element = -1;
        if (!(o->where = dp_arena_printf(p->strings, "-o %s", s))) return -1;
        if (!dot || !eq || dot > eq || dot == s || eq == dot + 1) {
            dp_strbuf_printf(errs, "%s: expected INSTANCE.KEY=VALUE, e.g. -o names.min_surname_count=3\n", o->where);
            nerr++;
            o->instance = "";
            continue;
        }
        char *inst = dp_arena_strdup(p->strings, s);
        if (!inst) return -1;
        inst[dot - s] = '\0';
        o->instance = inst;
        o->kv = dot + 1;
        int found = !strcmp(inst, "source");
        dp_strbuf names = { 0 };
        int n_chain = cfg->chain ? config_setting_length(cfg->chain) : 0;
        for (int i = -1; i < n_chain; i++) {
            const char *name = dp_plan_instance_name(i < 0 ? cfg->source : config_setting_get_elem(cfg->chain, (unsigned)i));
            if (!name) continue;
            found |= !strcmp(name, inst);
            dp_strbuf_printf(&names, "%s%s", names.len ? ", " : "", name);
        }
        if (!found) {
            dp_strbuf_printf(errs, "%s: no instance named '%s' in %s (its instances: %s; the source is also 'source')\n",
                             o->where, inst, cfg->path, names.data ? names.data : "none");
            nerr++;
        }
        dp_strbuf_free(&names);
    }
    *out = ov;
    *n_out = n;
    return nerr;
}

int dp_plan_build(const dp_request *req, dp_plan **out, dp_strbuf *errs)
{
    *out = NULL;
    dp_pipeline pl = { 0 };
    dp_config *cfg = read_config(req, &pl, errs);
    if (!cfg) {
        dp_pipeline_free(&pl);
        return errs->oom ? DP_EXIT_SOFTWARE : DP_EXIT_CONFIG;
    }
    int rc = DP_EXIT_CONFIG;
    dp_override *ov = NULL;
    size_t n_ov = 0;
    dp_plan *p = calloc(1, sizeof *p);
    if (!p || !(p->strings = dp_arena_new(1024)) ||
        !(p->config = dp_arena_strdup(p->strings, req->pipeline ? DP_PIPELINE_NAME : req->config_path)))
        goto oom;
    if (dp_datapath_init(&p->data, cfg->data_path, cfg->n_data_path) < 0) goto oom;
    p->loader = dp_loader_new(cfg->plugin_path, cfg->n_plugin_path);
    if (!p->loader) {
        dp_strbuf_puts(errs, "cannot initialise libltdl\n");
        rc = DP_EXIT_SOFTWARE;
        goto fail;
    }
    int nerr = collect_overrides(p, req, &pl, cfg, &ov, &n_ov, errs);
    if (nerr < 0) goto oom;
    if (nerr) goto fail;
    nerr = build_chain(p, cfg, ov, n_ov, errs);
    if (nerr < 0) goto oom;
    if (p->chain.source) nerr += check_source(p, req, errs);
    if (nerr) goto fail;
    if (apply_overrides(p, cfg, req) < 0) goto oom;
    if ((rc = check_outputs(p, cfg, req, errs)) == DP_EXIT_SOFTWARE) goto oom;
    if (rc != DP_EXIT_OK) goto fail;
    dp_config_free(cfg);
    cfg = NULL;
    dp_pipeline_free(&pl);
    /* A run holds its outputs before any writer opens them; `check` creates and locks nothing. */
    if (!req->check_only && !req->skip_init && (rc = dp_runlock_acquire(&p->outputs, &p->lock, errs)) != DP_EXIT_OK)
        goto fail_rc;
    if (!req->skip_init && (rc = init_instances(p, errs)) != DP_EXIT_OK) goto fail;
    *out = p;
    return DP_EXIT_OK;
oom:
    rc = DP_EXIT_SOFTWARE;
fail_rc:
    if (rc == DP_EXIT_SOFTWARE) dp_strbuf_puts(errs, "out of memory\n");
fail:
    dp_config_free(cfg);
    dp_pipeline_free(&pl);
    dp_plan_free(p);
    return rc;
}
