/*
 * docpipe-train — train, evaluate, cross-validate and inspect tagger models
 * (`docpipe train …` runs this program).  Progress goes to stderr, scores
 * to stdout.  Exit codes as docpipe's: 0 ok, 64 usage, 65 bad training
 * data, 66 missing input, 70 internal, 74 cannot write the model, 78 bad
 * features file or a model that cannot be loaded.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <docpipe/docpipe.h>

#include "tagger.h"

enum { EX_OK = 0, EX_USAGE = 64, EX_DATA = 65, EX_NOINPUT = 66, EX_SOFTWARE = 70, EX_IO = 74, EX_CONFIG = 78 };

static void usage(FILE *f)
{
    fputs("usage: docpipe train [OPTIONS] -o MODEL TRAIN.conll…     train a model\n"
          "       docpipe train --eval FILE -m MODEL                  score a model on a CoNLL file\n"
          "       docpipe train --cv K [OPTIONS] TRAIN.conll…         K-fold cross-validation\n"
          "       docpipe train --info MODEL                          describe a model\n"
          "\n"
          "  -o, --output MODEL      write the trained model here\n"
          "  -m, --model MODEL       the model to evaluate (with --eval and no training files)\n"
          "  -f, --features FILE     feature templates and lists (default: built-in templates, no lists)\n"
          "      --dev FILE          dev set: F1 after every epoch, early stopping, confidence calibration\n"
          "  -n, --iterations N      epochs at most (default 20)\n"
          "      --patience N        stop after N epochs without a better dev F1 (default 3)\n"
          "      --min-count N       drop features seen fewer than N times in training (default 1)\n"
          "      --seed N            seed of the sentence shuffles (default 1); same seed, same model bytes\n"
          "      --column N          the tag column, from 1 (default 2: the first after the token)\n"
          "      --scheme S          iob2 (default) or iob1\n"
          "      --types A,B,…       learn only these entity types; others become O\n"
          "      --word-sep C        inside a token, C joins syllables (default \"_\"; \"\" for none)\n"
          "      --eval FILE         score on FILE: per-type P/R/F1, CoNLL span convention\n"
          "      --predictions FILE  with --eval: write token, gold and predicted tag per line\n"
          "      --cv K              K-fold cross-validation of the training files (by document when they\n"
          "                          hold at least K, else by sentence); no model is written\n"
          "      --info MODEL        print a model's header, labels, templates and training summary\n"
          "  -q, --quiet             no progress lines\n"
          "\n"
          "Exit codes: 0 ok, 64 usage, 65 bad training data (every problem as file:line), 66 missing input,\n"
          "70 internal error, 74 cannot write the model, 78 bad features file or unusable model.\n",
          f);
}

typedef struct args {
    const char *output, *model, *features, *dev, *eval, *predictions, *info;
    unsigned iterations, patience, min_count, column, cv;
    uint64_t seed;
    int iob1, quiet;
    char **types;
    size_t n_types;
    const char *word_sep;
    char **train;
    size_t n_train;
} args;

static int parse_uint(const char *s, const char *opt, unsigned min, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end || !*s || s[0] == '-' || v < min || v > 1000000) {
        fprintf(stderr, "docpipe-train: %s: expected a whole number >= %u, got '%s'\n", opt, min, s);
        return -1;
    }
    *out = (unsigned)v;
    return 0;
}

static int split_types(const char *s, args *a)
{
    char *copy = strdup(s);
    if (!copy) return -1;
    for (char *save = NULL, *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        char **nt = realloc(a->types, (a->n_types + 1) * sizeof *nt);
        if (!nt) { free(copy); return -1; }
        a->types = nt;
        if (!(a->types[a->n_types] = strdup(t))) { free(copy); return -1; }
        a->n_types++;
    }
    free(copy);
    return 0;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

static tg_conll_opts conll_opts(const args *a)
{
    tg_conll_opts o = { 0 };
    o.column = a->column;
    o.iob1 = a->iob1;
    o.word_sep = a->word_sep;
    o.types = (const char *const *)a->types;
    o.n_types = a->n_types;
    return o;
}

/* Read files into c; returns an exit code. */
static int read_files(char *const *files, size_t n, const args *a, tg_corpus *c, const char *what)
{
    tg_conll_opts o = conll_opts(a);
    long errors = 0;
    for (size_t i = 0; i < n; i++) {
        if (!file_exists(files[i])) {
            fprintf(stderr, "docpipe-train: %s: %s\n", files[i], strerror(errno));
            return EX_NOINPUT;
        }
        long e = tg_conll_read(files[i], &o, c, stderr);
        if (e < 0) { fprintf(stderr, "docpipe-train: out of memory\n"); return EX_SOFTWARE; }
        errors += e;
    }
    if (errors) {
        fprintf(stderr, "docpipe-train: %ld error%s in the %s data; nothing written\n", errors, errors == 1 ? "" : "s",
                what);
        return EX_DATA;
    }
    if (c->n_sent == 0) {
        fprintf(stderr, "docpipe-train: no sentences in the %s data\n", what);
        return EX_DATA;
    }
    if (!a->quiet && (c->split || c->dropped))
        fprintf(stderr, "docpipe-train: %s data: %zu file tokens cut by the run-time tokeniser, %zu spans of other types set to O\n",
                what, c->split, c->dropped);
    return EX_OK;
}

static int load_features(const args *a, tg_featset *fs)
{
    char err[1024];
    int rc = a->features ? tg_featset_read(a->features, fs, err, sizeof err) : tg_featset_default(fs, err, sizeof err);
    if (rc < 0) {
        fprintf(stderr, "docpipe-train: %s\n", err);
        return a->features && !file_exists(a->features) ? EX_NOINPUT : EX_CONFIG;
    }
    return EX_OK;
}

static int evaluate_file(const args *a, const char *model_path)
{
    tg_model m;
    char err[1024];
    if (tg_model_load(&m, model_path, 0, NULL, err, sizeof err) < 0) {
        fprintf(stderr, "docpipe-train: %s\n", err);
        return file_exists(model_path) ? EX_CONFIG : EX_NOINPUT;
    }
    tg_corpus c = { 0 };
    char *files[1] = { (char *)a->eval };
    int rc = read_files(files, 1, a, &c, "evaluation");
    FILE *pred = NULL;
    if (rc == EX_OK && a->predictions && !(pred = fopen(a->predictions, "w"))) {
        fprintf(stderr, "docpipe-train: %s: %s\n", a->predictions, strerror(errno));
        rc = EX_IO;
    }
    tg_scores s = { 0 };
    if (rc == EX_OK && tg_evaluate(&m, &c, 0, c.n_sent, &s, pred) < 0) {
        fprintf(stderr, "docpipe-train: out of memory\n");
        rc = EX_SOFTWARE;
    }
    if (pred && fclose(pred) != 0) {
        fprintf(stderr, "docpipe-train: %s: %s\n", a->predictions, strerror(errno));
        rc = EX_IO;
    }
    if (rc == EX_OK) {
        printf("%s on %s (%zu sentences), CoNLL spans:\n", base_name(model_path), a->eval, c.n_sent);
        tg_scores_print(&s, stdout);
    }
    tg_scores_free(&s);
    tg_corpus_free(&c);
    tg_model_free(&m);
    return rc;
}

static int info(const char *path)
{
    tg_model m;
    char err[1024];
    if (tg_model_load(&m, path, 0, NULL, err, sizeof err) < 0) {
        fprintf(stderr, "docpipe-train: %s\n", err);
        return file_exists(path) ? EX_CONFIG : EX_NOINPUT;
    }
    printf("model          %s (format %u, feature extractor %u, %zu bytes)\n", path, TG_MODEL_VERSION,
           TG_FEATURE_VERSION, m.map_len);
    printf("template hash  %016llx\n", (unsigned long long)m.template_hash);
    printf("labels         %u:", m.n_labels);
    for (uint32_t i = 0; i < m.n_labels; i++) printf(" %s", m.labels[i]);
    printf("\nfeatures       %llu with weights, %zu templates\n", (unsigned long long)m.n_rows, m.tpl.n);
    uint64_t phrases = 0;
    for (uint64_t k = 0; k < m.gaz.size; k++) phrases += (m.gaz.vals[k] & ~TG_GAZ_PREFIX) != 0;
    printf("lists          %llu phrase keys, types:", (unsigned long long)phrases);
    for (uint32_t t = 0; t < m.gaz.n_types; t++) printf(" %s", m.gaz.types[t]);
    printf("\ntemperature    %g\ntrained        %s\ntemplates\n", m.temperature, m.info);
    for (const char *p = m.tpl.text; *p;) {
        const char *nl = strchr(p, '\n');
        printf("  %.*s\n", (int)(nl ? nl - p : (long)strlen(p)), p);
        p = nl ? nl + 1 : p + strlen(p);
    }
    tg_model_free(&m);
    return EX_OK;
}

static int train_and_save(const args *a)
{
    tg_corpus train = { 0 }, dev = { 0 };
    tg_featset fs = { 0 };
    tg_model m = { 0 };
    char err[1024];
    int rc = read_files(a->train, a->n_train, a, &train, "training");
    if (rc == EX_OK && a->dev) {
        char *files[1] = { (char *)a->dev };
        rc = read_files(files, 1, a, &dev, "dev");
    }
    if (rc == EX_OK) rc = load_features(a, &fs);
    if (rc == EX_OK) {
        tg_train_opts o = { a->iterations, a->patience, a->min_count, a->seed, a->quiet ? NULL : stderr };
        if (tg_train(&train, a->dev ? &dev : NULL, &fs, &o, &m, err, sizeof err) < 0) {
            fprintf(stderr, "docpipe-train: %s\n", err);
            rc = EX_SOFTWARE;
        }
    }
    if (rc == EX_OK) {
        /* the sources by base name only: no machine paths in the model */
        char *summary = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&summary, &len);
        if (f) {
            fprintf(f, "docpipe-train %s; train:", dp_version());
            for (size_t i = 0; i < a->n_train; i++) fprintf(f, " %s", base_name(a->train[i]));
            if (a->dev) fprintf(f, "; dev: %s", base_name(a->dev));
            fprintf(f, "; features: %s; %s", a->features ? base_name(a->features) : "built-in", m.info);
        }
        if (!f || fclose(f) != 0 || !summary) {
            fprintf(stderr, "docpipe-train: out of memory\n");
            free(summary);
            rc = EX_SOFTWARE;
        } else {
            free(m.info);
            m.info = summary;
        }
    }
    if (rc == EX_OK && strchr(a->output, '/')) {
        /* the model's folder, like every docpipe output */
        char *dir = strdup(a->output);
        if (!dir) rc = EX_SOFTWARE;
        else {
            *strrchr(dir, '/') = '\0';
            if (*dir && dp_mkdirs(dir) < 0) {
                fprintf(stderr, "docpipe-train: %s: %s\n", dir, strerror(errno));
                rc = EX_IO;
            }
            free(dir);
        }
    }
    if (rc == EX_OK && tg_model_save(&m, a->output, err, sizeof err) < 0) {
        fprintf(stderr, "docpipe-train: %s\n", err);
        rc = EX_IO;
    }
    if (rc == EX_OK && !a->quiet)
        fprintf(stderr, "docpipe-train: wrote %s (%u labels, %llu features with weights)\n", a->output, m.n_labels,
                (unsigned long long)m.n_rows);
    tg_model_free(&m);
    tg_featset_free(&fs);
    tg_corpus_free(&train);
    tg_corpus_free(&dev);
    if (rc == EX_OK && a->eval) rc = evaluate_file(a, a->output);
    return rc;
}

static int cross_validate(const args *a)
{
    tg_corpus all = { 0 };
    int rc = read_files(a->train, a->n_train, a, &all, "training");
    if (rc != EX_OK) { tg_corpus_free(&all); return rc; }
    unsigned K = a->cv;
    int by_doc = all.n_doc >= K;
    size_t units = by_doc ? all.n_doc : all.n_sent;
    if (units < K) {
        fprintf(stderr, "docpipe-train: --cv %u needs at least %u sentences, the data has %zu\n", K, K, all.n_sent);
        tg_corpus_free(&all);
        return EX_USAGE;
    }
    size_t *fold = malloc(units * sizeof *fold), *perm = malloc(units * sizeof *perm);
    size_t *in = malloc(all.n_sent * sizeof *in), *out = malloc(all.n_sent * sizeof *out);
    double *f1s = calloc(K, sizeof *f1s);
    tg_scores pooled = { 0 };
    if (!fold || !perm || !in || !out || !f1s) { rc = EX_SOFTWARE; goto done; }
    for (size_t u = 0; u < units; u++) perm[u] = u;
    uint64_t rng = a->seed ^ 0xC5C5C5C5ULL;
    for (size_t k = units; k > 1; k--) {
        size_t j = (size_t)(tg_rand(&rng) % k), t = perm[k - 1];
        perm[k - 1] = perm[j];
        perm[j] = t;
    }
    for (size_t i = 0; i < units; i++) fold[perm[i]] = i % K;
    if (!a->quiet)
        fprintf(stderr, "docpipe-train: %u-fold cross-validation by %s (%zu)\n", K, by_doc ? "document" : "sentence", units);
    for (unsigned f = 0; f < K && rc == EX_OK; f++) {
        size_t nin = 0, nout = 0;
        for (size_t s = 0; s < all.n_sent; s++) {
            size_t u = by_doc ? all.doc[s] : s;
            if (fold[u] == f) out[nout++] = s;
            else in[nin++] = s;
        }
        tg_corpus tr = { 0 }, te = { 0 };
        tg_featset fs = { 0 };
        tg_model m = { 0 };
        char err[1024];
        if (tg_corpus_subset(&all, in, nin, &tr) < 0 || tg_corpus_subset(&all, out, nout, &te) < 0) rc = EX_SOFTWARE;
        if (rc == EX_OK) rc = load_features(a, &fs);
        if (rc == EX_OK) {
            tg_train_opts o = { a->iterations, a->patience, a->min_count, a->seed, NULL };
            if (tg_train(&tr, NULL, &fs, &o, &m, err, sizeof err) < 0) {
                fprintf(stderr, "docpipe-train: fold %u: %s\n", f + 1, err);
                rc = EX_SOFTWARE;
            }
        }
        tg_scores s = { 0 };
        if (rc == EX_OK && tg_evaluate(&m, &te, 0, te.n_sent, &s, NULL) < 0) rc = EX_SOFTWARE;
        if (rc == EX_OK) {
            uint64_t g, p, t;
            tg_scores_total(&s, &g, &p, &t);
            f1s[f] = tg_f1(g, p, t);
            printf("fold %u/%u: train %zu sentences, test %zu sentences, F1 %.3f\n", f + 1, K, tr.n_sent, te.n_sent, f1s[f]);
            fflush(stdout);
            tg_scores_merge(&pooled, &s);
        }
        tg_scores_free(&s);
        tg_model_free(&m);
        tg_featset_free(&fs);
        tg_corpus_free(&tr);
        tg_corpus_free(&te);
    }
    if (rc == EX_OK) {
        double mean = 0, var = 0;
        for (unsigned f = 0; f < K; f++) mean += f1s[f] / K;
        for (unsigned f = 0; f < K; f++) var += (f1s[f] - mean) * (f1s[f] - mean) / (K > 1 ? K - 1 : 1);
        printf("%u-fold cross-validation, pooled over the folds:\n", K);
        tg_scores_print(&pooled, stdout);
        printf("fold F1 mean %.3f, standard deviation %.3f\n", mean, sqrt(var));
    }
done:
    if (rc == EX_SOFTWARE) fprintf(stderr, "docpipe-train: out of memory\n");
    tg_scores_free(&pooled);
    free(fold); free(perm); free(in); free(out); free(f1s);
    tg_corpus_free(&all);
    return rc;
}

int main(int argc, char **argv)
{
    enum { O_DEV = 256, O_PATIENCE, O_MINCOUNT, O_SEED, O_COLUMN, O_SCHEME, O_TYPES, O_WORDSEP, O_EVAL, O_PRED, O_CV, O_INFO };
    static const struct option longopts[] = {
        { "output", required_argument, NULL, 'o' },   { "model", required_argument, NULL, 'm' },
        { "features", required_argument, NULL, 'f' }, { "dev", required_argument, NULL, O_DEV },
        { "iterations", required_argument, NULL, 'n' }, { "patience", required_argument, NULL, O_PATIENCE },
        { "min-count", required_argument, NULL, O_MINCOUNT }, { "seed", required_argument, NULL, O_SEED },
        { "column", required_argument, NULL, O_COLUMN }, { "scheme", required_argument, NULL, O_SCHEME },
        { "types", required_argument, NULL, O_TYPES }, { "word-sep", required_argument, NULL, O_WORDSEP },
        { "eval", required_argument, NULL, O_EVAL },  { "predictions", required_argument, NULL, O_PRED },
        { "cv", required_argument, NULL, O_CV },      { "info", required_argument, NULL, O_INFO },
        { "quiet", no_argument, NULL, 'q' },          { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    args a = { .iterations = 20, .patience = 3, .min_count = 1, .seed = 1, .column = 2, .word_sep = "_" };
    int c, rc = EX_OK;
    unsigned seed32 = 0;
    opterr = 0;
    while (rc == EX_OK && (c = getopt_long(argc, argv, "o:m:f:n:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': a.output = optarg; break;
        case 'm': a.model = optarg; break;
        case 'f': a.features = optarg; break;
        case O_DEV: a.dev = optarg; break;
        case 'n': if (parse_uint(optarg, "--iterations", 1, &a.iterations) < 0) rc = EX_USAGE; break;
        case O_PATIENCE: if (parse_uint(optarg, "--patience", 1, &a.patience) < 0) rc = EX_USAGE; break;
        case O_MINCOUNT: if (parse_uint(optarg, "--min-count", 1, &a.min_count) < 0) rc = EX_USAGE; break;
        case O_SEED: if (parse_uint(optarg, "--seed", 0, &seed32) < 0) rc = EX_USAGE; a.seed = seed32; break;
        case O_COLUMN: if (parse_uint(optarg, "--column", 2, &a.column) < 0) rc = EX_USAGE; break;
        case O_SCHEME:
            if (!strcmp(optarg, "iob1")) a.iob1 = 1;
            else if (!strcmp(optarg, "iob2")) a.iob1 = 0;
            else { fprintf(stderr, "docpipe-train: --scheme: iob2 or iob1, not '%s'\n", optarg); rc = EX_USAGE; }
            break;
        case O_TYPES: if (split_types(optarg, &a) < 0) rc = EX_SOFTWARE; break;
        case O_WORDSEP: a.word_sep = *optarg ? optarg : NULL; break;
        case O_EVAL: a.eval = optarg; break;
        case O_PRED: a.predictions = optarg; break;
        case O_CV: if (parse_uint(optarg, "--cv", 2, &a.cv) < 0) rc = EX_USAGE; break;
        case O_INFO: a.info = optarg; break;
        case 'q': a.quiet = 1; break;
        case 'h': usage(stdout); goto out;
        default:
            fprintf(stderr, "docpipe-train: unknown option or missing value: %s\n", argv[optind - 1]);
            usage(stderr);
            rc = EX_USAGE;
        }
    }
    if (rc != EX_OK) goto out;
    a.train = argv + optind;
    a.n_train = (size_t)(argc - optind);
    if (a.info) {
        rc = info(a.info);
    } else if (a.cv) {
        if (!a.n_train) { fprintf(stderr, "docpipe-train: --cv needs training files\n"); rc = EX_USAGE; }
        else rc = cross_validate(&a);
    } else if (a.n_train) {
        if (!a.output) { fprintf(stderr, "docpipe-train: where to write the model? give -o MODEL\n"); rc = EX_USAGE; }
        else rc = train_and_save(&a);
    } else if (a.eval) {
        if (!a.model) { fprintf(stderr, "docpipe-train: --eval without training files needs -m MODEL\n"); rc = EX_USAGE; }
        else rc = evaluate_file(&a, a.model);
    } else {
        usage(stderr);
        rc = EX_USAGE;
    }
out:
    for (size_t i = 0; i < a.n_types; i++) free(a.types[i]);
    free(a.types);
    return rc;
}
