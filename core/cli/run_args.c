/* The arguments `run` and `check` share: the config, the inputs and the overrides of a run plan. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "discover.h"

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

static int usage_error(const char *msg)
{
    fprintf(stderr, "docpipe: %s\n", msg);
    return DP_EXIT_USAGE;
}

int cli_parse_run_args(int argc, char **argv, const cli_command *cmd, cli_run_args *a)
{
    memset(a, 0, sizeof *a);
    dp_request_init(&a->req);
    dp_request *req = &a->req;
    const char *config = NULL;
    char **ov;
    long shard_count = 0;
    enum { O_SHARD = 256, O_SHARD_COUNT, O_RESUME, O_CKPT, O_DEAD, O_MAXF, O_STATS, O_STDIN, O_PROGRESS };
    static const struct option longopts[] = {
        { "config", required_argument, NULL, 'c' }, { "threads", required_argument, NULL, 't' },
        { "shard", required_argument, NULL, O_SHARD }, { "shard-count", required_argument, NULL, O_SHARD_COUNT },
        { "resume", no_argument, NULL, O_RESUME }, { "checkpoint", required_argument, NULL, O_CKPT },
        { "dead-letter", required_argument, NULL, O_DEAD }, { "max-failures", required_argument, NULL, O_MAXF },
        { "stats", required_argument, NULL, O_STATS }, { "stdin-jsonl", no_argument, NULL, O_STDIN },
        { "progress", no_argument, NULL, O_PROGRESS }, { "quiet", no_argument, NULL, 'q' },
        { "pipeline", required_argument, NULL, 'p' }, { "verbose", no_argument, NULL, 'v' },
        { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
    };
    static const char maxf_usage[] = "--max-failures takes a count (10) or a share of the documents (5%)";
    int c;
    char *end;
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:t:p:o:vqh", longopts, NULL)) != -1) {
        switch (c) {
        case 'c': config = optarg; break;
        case 'p': req->pipeline = optarg; break;
        case 'o':
            if (!(ov = realloc(a->overrides, (req->n_overrides + 1) * sizeof *ov))) {
                fputs("docpipe: out of memory\n", stderr);
                return DP_EXIT_SOFTWARE;
            }
            a->overrides = ov;
            ov[req->n_overrides++] = optarg;
            req->overrides = ov;
            break;
        case 'v': a->verbose = 1; break;
        case 't':
            req->threads = (int)strtol(optarg, &end, 10);
            if (*end || req->threads < 0 || req->threads > 1024)
                return usage_error("--threads takes a number from 0 to 1024");
            break;
        case O_SHARD:
            if (parse_shard(optarg, &req->shard_k, &req->shard_n) < 0)
                return usage_error("--shard takes K/N with 0 <= K < N, e.g. --shard 0/4");
            break;
        case O_SHARD_COUNT:
            shard_count = strtol(optarg, &end, 10);
            if (*end || shard_count < 1) return usage_error("--shard-count takes a positive number");
            break;
        case O_RESUME: req->resume = 1; break;
        case O_CKPT: req->checkpoint = optarg; break;
        case O_DEAD: req->dead_letter = optarg; break;
        case O_MAXF:
            if (optarg[0] && optarg[strlen(optarg) - 1] == '%') {
                req->max_failure_ratio = strtod(optarg, &end) / 100.0;
                if (*end != '%' || end == optarg || req->max_failure_ratio <= 0 || req->max_failure_ratio >= 1)
                    return usage_error(maxf_usage);
                break;
            }
            req->max_failures = strtoll(optarg, &end, 10);
            if (*end || req->max_failures < 0) return usage_error(maxf_usage);
            break;
        case O_STATS: req->stats = optarg; break;
        case O_STDIN: req->stdin_jsonl = 1; break;
        case O_PROGRESS: a->progress = 1; break;
        case 'q': a->quiet = 1; break;
        case 'h': cli_print_command_help(stdout, cmd); return DP_EXIT_OK;
        default: cli_print_command_help(stderr, cmd); return DP_EXIT_USAGE;
        }
    }
    if (!req->shard_n && shard_from_env(&req->shard_k, &req->shard_n, shard_count) < 0)
        return usage_error("the shard index in the environment is outside 0..count-1");
    req->inputs = argv + optind;
    req->n_inputs = (size_t)(argc - optind);
    static char *const stdin_input[] = { (char *)"-" };
    if (req->stdin_jsonl) {
        if (req->n_inputs) return usage_error("--stdin-jsonl reads stdin only; drop the inputs");
        req->inputs = stdin_input;
        req->n_inputs = 1;
    }
    if (req->pipeline) {
        if (config) return usage_error("-c and -p both give the pipeline: use one");
        return -1;
    }
    if (cli_discover_config(config, a->config_path, sizeof a->config_path, &a->config_how) < 0) {
        fprintf(stderr, "docpipe: error: %s\n", a->config_how.data ? a->config_how.data : "no config");
        return DP_EXIT_CONFIG;
    }
    req->config_path = a->config_path;
    return -1;
}

void cli_run_args_free(cli_run_args *a)
{
    free(a->overrides);
    a->overrides = NULL;
    dp_strbuf_free(&a->config_how);
}

int cli_plan_from_args(int argc, char **argv, const cli_command *cmd, int check_only, cli_run_args *a,
                       dp_plan **plan)
{
    *plan = NULL;
    int rc = cli_parse_run_args(argc, argv, cmd, a);
    if (rc < 0) {
        a->req.check_only = check_only;
        if (a->verbose)
            fprintf(stderr, "docpipe: config: %s (%s)\n", a->req.pipeline ? "-p, the pipeline given" : a->config_path,
                    a->req.pipeline ? "on the command line" : a->config_how.data ? a->config_how.data : "");
        rc = cli_build_plan(&a->req, plan);
    }
    if (*plan && a->verbose) {
        char *data = dp_plan_data_path(*plan);
        fprintf(stderr, "docpipe: plugin path: %s\ndocpipe: data path: (next to the config), %s\n",
                dp_plan_plugin_path(*plan), data ? data : "?");
        free(data);
    }
    cli_run_args_free(a);
    return rc;
}
