/* docpipe run: a batch over files, directories, globs or stdin. */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "engine.h"

static const char run_usage[] =
    "usage: docpipe run [-c CONFIG] [OPTIONS] [INPUT…|-]\n"
    "  INPUT: files, directories (walked recursively), glob patterns or '-' (stdin);\n"
    "         when none is given, the source's `paths` are read.\n"
    "  -c, --config FILE      the pipeline (default: $DOCPIPE_CONFIG or docpipe.cfg)\n"
    "  -t, --threads N        worker threads (default: config `threads`, 0 = one per core)\n"
    "      --shard K/N        process only the documents whose id hashes to shard K of N (0 <= K < N);\n"
    "                         default from SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT, or from\n"
    "                         JOB_COMPLETION_INDEX with --shard-count N\n"
    "      --shard-count N    the number of shards for JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs)\n"
    "      --resume           continue an interrupted run from its checkpoint\n"
    "      --checkpoint FILE  where the run records its progress (default: config `checkpoint`,\n"
    "                         else CONFIGNAME[.K-of-N].checkpoint in the current directory)\n"
    "      --dead-letter FILE write failed documents there as JSON Lines (id, source, instance, message)\n"
    "      --max-failures N|P%% stop with exit 65 when more than N documents fail, or more than P%% of\n"
    "                         them (judged once 100 documents are done)\n"
    "      --stats FILE       write the run's summary as JSON\n"
    "      --stdin-jsonl      streaming: read JSON Lines records from stdin (the source must be\n"
    "                         line-based, e.g. jsonl); use a writer with path \"-\" for stdout\n"
    "      --progress         show progress on stderr (default when stderr is a terminal)\n"
    "  -q, --quiet            no progress, no summary\n";

static int parse_shard(const char *s, unsigned *k, unsigned *n)
{
    char *end;
    errno = 0;
    unsigned long a = strtoul(s, &end, 10);
    if (errno || end == s || *end != '/') return -1;
    const char *q = end + 1;
    unsigned long b = strtoul(q, &end, 10);
    if (errno || end == q || *end || b == 0 || a >= b || b > 1000000) return -1;
    *k = (unsigned)a;
    *n = (unsigned)b;
    return 0;
}

static int env_uint(const char *name, unsigned long *out)
{
    const char *v = getenv(name);
    if (!v || !*v) return 0;
    char *end;
    errno = 0;
    *out = strtoul(v, &end, 10);
    return !errno && end != v && !*end;
}

/* Slurm array jobs and Kubernetes Indexed Jobs name the shard in the environment. */
static int shard_from_env(unsigned *k, unsigned *n, long shard_count)
{
    unsigned long id, count, min = 0;
    if (env_uint("SLURM_ARRAY_TASK_ID", &id) && env_uint("SLURM_ARRAY_TASK_COUNT", &count)) {
        env_uint("SLURM_ARRAY_TASK_MIN", &min);
        if (id < min || id - min >= count) return -1;
        *k = (unsigned)(id - min);
        *n = (unsigned)count;
        return 1;
    }
    if (env_uint("JOB_COMPLETION_INDEX", &id) && shard_count > 0) {
        if (id >= (unsigned long)shard_count) return -1;
        *k = (unsigned)id;
        *n = (unsigned)shard_count;
        return 1;
    }
    return 0;
}

/* A run's identity for --resume: the config's bytes, the inputs, the shard. */
static void fingerprint(const char *config, char *const *inputs, size_t n, unsigned k, unsigned shards, char *out,
                        size_t size)
{
    uint64_t h = 1469598103934665603ULL;
#define MIX(byte) (h ^= (unsigned char)(byte), h *= 1099511628211ULL)
    FILE *f = fopen(config, "rb");
    if (f) {
        int ch;
        while ((ch = getc(f)) != EOF) MIX(ch);
        fclose(f);
    }
    for (size_t i = 0; i < n; i++) {
        for (const char *s = inputs[i]; *s; s++) MIX(*s);
        MIX(0);
    }
    snprintf(out, size, "%016llx-%u-%u", (unsigned long long)h, k, shards);
#undef MIX
}

int cmd_run(int argc, char **argv)
{
    const char *config = NULL, *checkpoint = NULL, *dead = NULL, *stats = NULL;
    int threads = -1, resume = 0, progress = -1, quiet = 0, stdin_jsonl = 0;
    long long max_failures = -2;
    double max_ratio = 0;
    long shard_count = 0;
    unsigned shard_k = 0, shard_n = 0;
    enum { O_SHARD = 256, O_SHARD_COUNT, O_RESUME, O_CKPT, O_DEAD, O_MAXF, O_STATS, O_STDIN, O_PROGRESS };
    static const struct option longopts[] = {
        { "config", required_argument, NULL, 'c' }, { "threads", required_argument, NULL, 't' },
        { "shard", required_argument, NULL, O_SHARD }, { "shard-count", required_argument, NULL, O_SHARD_COUNT },
        { "resume", no_argument, NULL, O_RESUME }, { "checkpoint", required_argument, NULL, O_CKPT },
        { "dead-letter", required_argument, NULL, O_DEAD }, { "max-failures", required_argument, NULL, O_MAXF },
        { "stats", required_argument, NULL, O_STATS }, { "stdin-jsonl", no_argument, NULL, O_STDIN },
        { "progress", no_argument, NULL, O_PROGRESS }, { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
    };
    int c;
    char *end;
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:t:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'c': config = optarg; break;
        case 't':
            threads = (int)strtol(optarg, &end, 10);
            if (*end || threads < 0 || threads > 1024) {
                fprintf(stderr, "docpipe: --threads takes a number from 0 to 1024\n");
                return DP_EXIT_USAGE;
            }
            break;
        case O_SHARD:
            if (parse_shard(optarg, &shard_k, &shard_n) < 0) {
                fprintf(stderr, "docpipe: --shard takes K/N with 0 <= K < N, e.g. --shard 0/4\n");
                return DP_EXIT_USAGE;
            }
            break;
        case O_SHARD_COUNT:
            shard_count = strtol(optarg, &end, 10);
            if (*end || shard_count < 1) { fprintf(stderr, "docpipe: --shard-count takes a positive number\n"); return DP_EXIT_USAGE; }
            break;
        case O_RESUME: resume = 1; break;
        case O_CKPT: checkpoint = optarg; break;
        case O_DEAD: dead = optarg; break;
        case O_MAXF:
            if (optarg[0] && optarg[strlen(optarg) - 1] == '%') {
                max_ratio = strtod(optarg, &end) / 100.0;
                if (*end != '%' || end == optarg || max_ratio <= 0 || max_ratio >= 1) {
                    fprintf(stderr, "docpipe: --max-failures takes a count (10) or a share of the documents (5%%)\n");
                    return DP_EXIT_USAGE;
                }
                break;
            }
            max_failures = strtoll(optarg, &end, 10);
            if (*end || max_failures < 0) {
                fprintf(stderr, "docpipe: --max-failures takes a count (10) or a share of the documents (5%%)\n");
                return DP_EXIT_USAGE;
            }
            break;
        case O_STATS: stats = optarg; break;
        case O_STDIN: stdin_jsonl = 1; break;
        case O_PROGRESS: progress = 1; break;
        case 'q': quiet = 1; break;
        case 'h': fputs(run_usage, stdout); return DP_EXIT_OK;
        default: fputs(run_usage, stderr); return DP_EXIT_USAGE;
        }
    }
    if (!shard_n) {
        int src = shard_from_env(&shard_k, &shard_n, shard_count);
        if (src < 0) {
            fprintf(stderr, "docpipe: the shard index in the environment is outside 0..count-1\n");
            return DP_EXIT_USAGE;
        }
    }
    char *const *inputs = argv + optind;
    size_t n_inputs = (size_t)(argc - optind);
    static char *const stdin_input[] = { (char *)"-" };
    if (stdin_jsonl) {
        if (n_inputs) { fprintf(stderr, "docpipe: --stdin-jsonl reads stdin only; drop the inputs\n"); return DP_EXIT_USAGE; }
        inputs = stdin_input;
        n_inputs = 1;
    }

    const char *path = cli_config_path(config);
    char shard_var[64], shards_var[64];
    char *vars[2] = { shard_var, shards_var };
    snprintf(shard_var, sizeof shard_var, "DOCPIPE_SHARD=%u", shard_k);
    snprintf(shards_var, sizeof shards_var, "DOCPIPE_SHARDS=%u", shard_n);

    /* Read the config first for its globals (threads, checkpoint …). */
    dp_strbuf errs = { 0 };
    dp_config *cfg = dp_config_read(path, NULL, NULL, shard_n ? vars : NULL, shard_n ? 2 : 0, &errs);
    if (!cfg) { cli_print_errors(&errs); dp_strbuf_free(&errs); return DP_EXIT_CONFIG; }
    dp_pipeline *p = dp_pipeline_load(cfg, &errs);
    if (!p) { cli_print_errors(&errs); dp_strbuf_free(&errs); return DP_EXIT_CONFIG; }
    if (stdin_jsonl && !(p->source->desc.flags & DP_SOURCE_LINES)) {
        fprintf(stderr, "docpipe: error: --stdin-jsonl needs a line-based source such as jsonl, but %s uses '%s'\n",
                p->source->where, p->source->desc.name);
        dp_pipeline_free(p);
        dp_strbuf_free(&errs);
        return DP_EXIT_USAGE;
    }

    dp_run_opts o;
    memset(&o, 0, sizeof o);
    o.threads = threads >= 0 ? threads : p->cfg->threads;
    if (o.threads == 0) o.threads = cli_cores();
    o.queue = p->cfg->queue;
    o.inputs = inputs;
    o.n_inputs = n_inputs;
    o.max_failures = max_failures != -2 ? max_failures : p->cfg->max_failures;
    o.max_failure_ratio = max_ratio;
    o.dead_letter = dead ? dead : p->cfg->dead_letter;
    o.stats = stats ? stats : p->cfg->stats;
    o.resume = resume;
    o.quiet = quiet;
    o.progress = quiet ? 0 : progress == 1 ? 1 : isatty(2);
    o.shard_k = shard_k;
    o.shard_n = shard_n;
    o.keep_overlaps = p->cfg->keep_overlaps;
    o.handle_signals = 1;

    char default_ckpt[1024];
    if (checkpoint) {
        o.checkpoint = checkpoint;
    } else if (p->cfg->checkpoint) {
        o.checkpoint = p->cfg->checkpoint;
    } else if (!stdin_jsonl) {
        char *tmp = strdup(path);
        if (!tmp) { dp_pipeline_free(p); return DP_EXIT_SOFTWARE; }
        char *base = basename(tmp), *dot = strrchr(base, '.');
        if (dot && dot != base) *dot = '\0';
        if (shard_n) snprintf(default_ckpt, sizeof default_ckpt, "%s.%u-of-%u.checkpoint", base, shard_k, shard_n);
        else snprintf(default_ckpt, sizeof default_ckpt, "%s.checkpoint", base);
        free(tmp);
        o.checkpoint = default_ckpt;
    }
    char fp[128];
    fingerprint(path, inputs, n_inputs, shard_k, shard_n, fp, sizeof fp);
    o.fingerprint = fp;

    /* Resuming only means something when a checkpoint exists. */
    int resuming = resume && o.checkpoint && access(o.checkpoint, F_OK) == 0;
    int irc = dp_pipeline_init(p, o.threads, resuming, 0, &errs);
    if (irc != DP_EXIT_OK) {
        cli_print_errors(&errs);
        dp_strbuf_free(&errs);
        dp_pipeline_free(p);
        return irc;
    }
    dp_strbuf_free(&errs);
    if (!resuming) o.resume = 0;
    dp_run_result r;
    int rc = dp_engine_run(p, &o, &r);
    dp_pipeline_free(p);
    return rc;
}
