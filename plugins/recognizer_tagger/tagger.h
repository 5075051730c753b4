/*
 * tagger.h — private to recognizer_tagger and docpipe-train.
 *
 * A linear-chain sequence tagger over syllable tokens:
 *
 *   tokenize.c    the run-time tokenisation rule (data/corpus/vi-ner/README.md)
 *   sentences.c   sentence boundaries in running text
 *   observe.c     per-token observations (word, key, shape, affixes, caps run, lists)
 *   templates.c   feature templates: parsing, hashing, features of a token
 *   gazlist.c     the lists behind the gaz[] atom: TSV loading, phrase table
 *   featfile.c    the features file (libconfig): templates + lists
 *   conll.c       the CoNLL reader, errors as file:line
 *   model.c       labels, the feature table, emissions
 *   modelfile.c   the model file: write, mmap, verify
 *   viterbi.c     best path under IOB2 constraints
 *   marginals.c   forward-backward: span confidences
 *   perceptron.c  the structured averaged perceptron (Collins 2002)
 *   train.c       training driver: features index, epochs, early stopping
 *   evaluate.c    CoNLL span scoring
 *   tag.c         tagging one sentence (shared by the plugin and --eval)
 *
 * Nothing here is global or mutable after construction: a loaded model is
 * read by every worker thread at once.
 */
#ifndef TAGGER_H
#define TAGGER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- hashing ---------------------------------------------------------------- */

#define TG_FNV_OFFSET 14695981039346656037ULL
#define TG_FNV_PRIME 1099511628211ULL

/* FNV-1a, 64 bit, over n bytes, continuing from h. */
static inline uint64_t tg_fnv1a(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= TG_FNV_PRIME;
    }
    return h;
}

/* MurmurHash3's 64-bit finaliser: spreads every input bit over the output. */
static inline uint64_t tg_fmix(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
}

/* Order-dependent combination of a running hash and a value. */
static inline uint64_t tg_combine(uint64_t h, uint64_t v)
{
    return tg_fmix(h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)));
}

/*
 * One cheap mixing step for feature hashes: a bijection of h for each v, and
 * every input bit reaches the low bits that index the tables.
 */
static inline uint64_t tg_step(uint64_t h, uint64_t v)
{
    h = (h ^ v) * 0x9e3779b97f4a7c15ULL;
    return h ^ (h >> 32);
}

/* A deterministic PRNG (splitmix64) for shuffles; the state is the caller's. */
static inline uint64_t tg_rand(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* ---- tokens (tokenize.c, sentences.c) --------------------------------------- */

typedef struct tg_token {
    size_t start, end; /* byte offsets into the text */
} tg_token;

typedef struct tg_tokens {
    tg_token *v;
    size_t n, cap;
} tg_tokens;

/*
 * Append the tokens of text[0..len) (valid UTF-8) to out: white space
 * separates; every other character that is not a letter, a decimal digit or
 * a combining mark is a token of its own, except '.' and ',' between two
 * digits, '-' and '/' between two letters or digits, and an apostrophe
 * (' or U+2019) between two letters, which stay inside their token.
 * Returns 0, or -1 when memory is exhausted.
 */
int tg_tokenize(const char *text, size_t len, tg_tokens *out);
void tg_tokens_free(tg_tokens *t);

/*
 * Sentence ends over tokens[0..n) of text: after a line break between two
 * tokens, after . ! ? … (and any closing quotes or brackets after them) when
 * the next token starts with an uppercase letter, a digit or an opening
 * quote, unless the token before the '.' is an abbreviation (all capitals,
 * or at most two letters); and every max_len tokens.  ends[] receives the
 * exclusive end index of each sentence (the last is n); returns the count,
 * or (size_t)-1 when memory is exhausted.  *ends is malloc'ed.
 */
size_t tg_sentences(const char *text, const tg_token *tok, size_t n, size_t max_len, size_t **ends);

/* ---- observations (observe.c) ----------------------------------------------- */

#define TG_AFFIX_MAX 4 /* prefixes and suffixes of 1..4 code points */

typedef struct tg_gaz tg_gaz;

/* Everything the templates read about one token, as hashes and small codes. */
typedef struct tg_obs {
    uint64_t word;  /* the token as written */
    uint64_t lower; /* its match key: case-folded, NFC, canonical tone placement */
    uint64_t shape; /* X x d per character, runs collapsed, punctuation kept: "Xx", "d/d", "X-d" */
    uint64_t prefix[TG_AFFIX_MAX], suffix[TG_AFFIX_MAX]; /* of the key */
    uint64_t caps_hash; /* caps, hashed for the templates */
    uint32_t caps;  /* capitalisation pattern of the syllable run (observe.c) */
    uint32_t gaz;   /* list matches: bit 2t = begins a match of list type t, 2t+1 = inside one */
} tg_obs;

/*
 * Observation arrays carry TG_OBS_PAD boundary entries on each side, so
 * templates read neighbours without range checks: a sentence of n tokens
 * needs n + 2 * TG_OBS_PAD entries, and functions take a pointer to the
 * first token's (obs[-1], obs[n] … are the boundaries).
 */
#define TG_OBS_PAD 2

/*
 * Observations of the sentence tok[0..n) of text, whose match key (the whole
 * text's, or just the sentence's: dp_text_match_key) is key[0..keylen) with
 * its byte map.  gaz may be NULL (no list features); needs (TG_NEED_*) says
 * which optional fields to compute (the others are left unset).  out points
 * to the first token's entry of a padded array (TG_OBS_PAD); the boundary
 * entries are filled too.  Returns 0, -1 on exhausted memory.
 */
int tg_observe(const char *text, const tg_token *tok, size_t n, const char *key, size_t keylen,
               const size_t *map, const tg_gaz *gaz, unsigned needs, tg_obs *out);

/* The key hash (tg_obs.lower) of each token, for the list loader. */
void tg_token_keys(const tg_token *tok, size_t n, const char *key, size_t keylen, const size_t *map,
                   uint64_t *lower);

/* ---- templates (templates.c) ------------------------------------------------ */

#define TG_FEATURE_VERSION 1u /* bump when an atom's meaning changes */
#define TG_MAX_ATOMS 4
#define TG_MAX_OFFSET 2
#define TG_MAX_FEATS_PER_TEMPLATE 32 /* a gaz atom: one per (B|I, type) */

enum tg_atom_kind {
    TG_A_BIAS = 1,
    TG_A_WORD,
    TG_A_LOWER,
    TG_A_SHAPE,
    TG_A_PREFIX,
    TG_A_SUFFIX,
    TG_A_CAPS,
    TG_A_GAZ
};

typedef struct tg_atom {
    uint8_t kind;
    uint8_t n;      /* affix length */
    int8_t offset;  /* -TG_MAX_OFFSET .. TG_MAX_OFFSET */
    uint16_t field; /* byte offset of the value in tg_obs */
} tg_atom;

typedef struct tg_template {
    tg_atom atoms[TG_MAX_ATOMS];  /* as written */
    unsigned n_atoms;
    tg_atom values[TG_MAX_ATOMS]; /* the atoms that read a 64-bit value (not bias, not gaz) */
    unsigned n_values;
    int has_gaz;
    int8_t gaz_offset;
    uint64_t seed;  /* hash of the canonical text: a feature's identity is independent of order */
    uint64_t start; /* seed with the bias atoms applied */
} tg_template;

/* What the templates read (tg_templates.needs), so tg_observe computes nothing else. */
#define TG_NEED_WORD 0x1u
#define TG_NEED_SHAPE 0x2u
#define TG_NEED_PREFIX(n) (0x10u << ((n) - 1))
#define TG_NEED_SUFFIX(n) (0x100u << ((n) - 1))

typedef struct tg_templates {
    tg_template *v;
    size_t n;
    unsigned needs;
    char *text; /* canonical form, one template per line */
} tg_templates;

/* Parse specs ("lower[-1]|lower[0]", "bias" …).  -1 with a message naming the bad spec. */
int tg_templates_parse(const char *const *specs, size_t n, tg_templates *out, char *err, size_t errlen);
/* Parse the canonical text (one per line), as stored in a model. */
int tg_templates_parse_text(const char *text, size_t len, tg_templates *out, char *err, size_t errlen);
void tg_templates_free(tg_templates *t);
/* The built-in default set (used when no features file is given). */
extern const char *const tg_default_templates[];
extern const size_t tg_default_templates_n;

/*
 * Feature hashes of token i of a sentence with observations obs[0..n)
 * (padded: obs[-TG_OBS_PAD] .. obs[n + TG_OBS_PAD - 1] are readable): writes
 * at most cap and returns how many it wrote (templates with a list atom
 * yield one feature per list match, none when the token has none).
 */
size_t tg_features(const tg_templates *t, const tg_obs *obs, size_t n, size_t i, uint64_t *out, size_t cap);
/* An upper bound on tg_features() for any token. */
size_t tg_features_max(const tg_templates *t);

/* ---- lists (gazlist.c) --------------------------------------------------- */

#define TG_GAZ_MAX_TYPES 16
#define TG_GAZ_MAX_PHRASE 16 /* tokens */
#define TG_GAZ_PREFIX 0x80000000u

struct tg_gaz {
    char *types[TG_GAZ_MAX_TYPES]; /* owned, or pointing into a mapped model */
    uint32_t n_types;
    uint32_t max_len;      /* longest phrase, in tokens */
    uint64_t size;         /* slots, a power of two (0: no lists) */
    const uint64_t *keys;  /* phrase hashes, 0 = empty slot */
    const uint32_t *vals;  /* bit t: a phrase of type t ends here; TG_GAZ_PREFIX: a longer one goes on */
    uint64_t *own_keys;    /* when built, not mapped */
    uint32_t *own_vals;
    int own_types;
    uint64_t n_phrases;
};

/* One list: a TSV file whose second column is the type, or (type != NULL) whose every row is that type. */
typedef struct tg_list_spec {
    const char *path;
    const char *type;
} tg_list_spec;

/* Load lists; errors "file:line: …".  An empty spec list gives an empty table. */
int tg_gaz_load(tg_gaz *g, const tg_list_spec *specs, size_t n, char *err, size_t errlen);
void tg_gaz_free(tg_gaz *g);
/* The phrase hash after adding one more token key hash. */
static inline uint64_t tg_gaz_step(uint64_t phrase, uint64_t lower)
{
    uint64_t h = tg_combine(phrase ? phrase : 0x5bd1e9955bd1e995ULL, lower);
    return h ? h : 1;
}
/* The slot value of a phrase hash (0: unknown). */
uint32_t tg_gaz_lookup(const tg_gaz *g, uint64_t phrase);
/* A fingerprint of the table's content (types and phrases). */
uint64_t tg_gaz_fingerprint(const tg_gaz *g);
/* Mark list matches in obs[0..n).gaz (all matches, overlapping ones too). */
void tg_gaz_mark(const tg_gaz *g, tg_obs *obs, size_t n);

/* ---- the features file (featfile.c) ---------------------------------------- */

typedef struct tg_featset {
    tg_templates tpl;
    tg_gaz gaz;
} tg_featset;

/* Read a features file (libconfig: templates = [...]; lists = (...)); list paths relative to it. */
int tg_featset_read(const char *path, tg_featset *fs, char *err, size_t errlen);
/* The built-in templates, no lists. */
int tg_featset_default(tg_featset *fs, char *err, size_t errlen);
void tg_featset_free(tg_featset *fs);
/* The template hash: extractor version, canonical templates, list content. */
uint64_t tg_featset_hash(const tg_featset *fs);

/* ---- labels ------------------------------------------------------------------- */

enum { TG_O = 0, TG_B = 1, TG_I = 2 };

/* Parse "O", "B-TYPE", "I-TYPE": kind and the type's start (*type, *tlen).  -1: not a tag. */
int tg_tag_parse(const char *tag, int *kind, const char **type, size_t *tlen);

/* ---- the CoNLL reader (conll.c) --------------------------------------------- */

typedef struct tg_conll_opts {
    unsigned column;      /* 1-based tag column; 0: 2 (the first after the token) */
    int iob1;             /* the file is IOB1: convert to IOB2 */
    const char *word_sep; /* inside a token, this character joins syllables ("_"); NULL/"": none */
    const char *const *types; /* keep only these types (others become O); NULL: all */
    size_t n_types;
    unsigned max_errors;  /* stop after this many (0: 20) */
} tg_conll_opts;

typedef struct tg_corpus {
    size_t n_sent, n_tok;
    size_t *sent;   /* sentence k: tokens sent[k] .. sent[k+1]-1 (n_sent + 1 entries) */
    size_t *doc;    /* document index of each sentence (-DOCSTART-) */
    size_t n_doc;
    char **tok;     /* NFC, split by the run-time tokeniser */
    char **tag;     /* IOB2 */
    size_t *line;   /* source line of each token */
    size_t split;   /* file tokens the run-time tokeniser split */
    size_t dropped; /* spans turned to O by opts.types */
    size_t cap_sent, cap_tok;
} tg_corpus;

/*
 * Read a CoNLL file (appending to c): one token per line with its tag in
 * opts.column, a blank line between sentences, -DOCSTART- lines between
 * documents.  Errors (ragged columns, unknown or misplaced tags, empty
 * sentences, invalid UTF-8, unreadable files) are written to errs as
 * "file:line: …" lines; returns the number of errors (0: ok), -1 when memory
 * is exhausted.
 */
long tg_conll_read(const char *path, const tg_conll_opts *opts, tg_corpus *c, FILE *errs);
void tg_corpus_free(tg_corpus *c);
/* Copy the sentences sents[0..n) of c into out (appending). */
int tg_corpus_subset(const tg_corpus *c, const size_t *sents, size_t n, tg_corpus *out);
/*
 * The text of sentence k (its tokens joined by single spaces, malloc'ed in
 * *text) and its tokens' offsets (toks is reset and filled).
 */
int tg_corpus_sentence(const tg_corpus *c, size_t k, char **text, size_t *len, tg_tokens *toks);

/* ---- the model (model.c, modelfile.c) --------------------------------------- */

#define TG_MODEL_MAGIC "DPTAGMDL"
#define TG_MODEL_VERSION 1u

/*
 * The feature index: buckets of TG_BUCKET slots (one 64-byte cache line),
 * a feature in its home bucket (hash & bucket_mask) unless that bucket is
 * full, then in the next one with room; `more` on the first slot of a
 * bucket says that keys homed there or before continue after it.  A lookup
 * compares the four keys without branching and returns the row, 0 (the
 * all-zero row) when the feature has no weights.
 */
#define TG_BUCKET 4 /* tg_model_find compares the four slots unrolled */

typedef struct tg_slot {
    uint64_t key;
    uint32_t row;  /* weight row, 0: empty */
    uint32_t more; /* first slot of a bucket: the probe goes on */
} tg_slot;

typedef struct tg_model {
    uint32_t n_labels;       /* label 0 is O */
    char **labels;           /* "O", "B-PER", "I-PER" … */
    uint8_t *kind;           /* TG_O / TG_B / TG_I per label */
    uint32_t *type;          /* type index per label (B and I) */
    uint32_t n_types;
    char **types;
    uint8_t *allowed;        /* (n_labels + 1) x n_labels: row n_labels is the start */

    tg_templates tpl;
    tg_gaz gaz;
    uint64_t template_hash;

    uint64_t n_rows;         /* features with weights */
    uint64_t bucket_mask;    /* the feature index: (bucket_mask + 1) * TG_BUCKET slots */
    const tg_slot *slots;
    uint32_t stride;         /* floats per weight row: n_labels rounded up to a multiple of 4 */
    const float *w;          /* (n_rows + 1) x stride, row 0 all zero, padding zero */
    const float *trans;      /* (n_labels + 1) x n_labels */
    float temperature;       /* confidences: softmax of scores / temperature */
    char *info;              /* how it was trained */

    void *map;               /* the mapped file, or NULL */
    size_t map_len;
    void *own[4];            /* heap arrays of a built model */
} tg_model;

/* Labels from names (sorted as given; "O" must be first).  -1 on a bad name or exhausted memory. */
int tg_model_set_labels(tg_model *m, const char *const *labels, uint32_t n);
/*
 * Fill the weights of a built model: keys[n_rows], w[n_rows x L], trans.
 * The arrays are copied; rows whose weights are all zero are dropped.
 */
int tg_model_set_weights(tg_model *m, const uint64_t *keys, const float *w, uint64_t n_rows, const float *trans);
/* The weight row of a feature: 1..n_rows, or 0 (the zero row) when it has none. */
static inline uint32_t tg_model_find(const tg_model *m, uint64_t key)
{
    uint64_t b = key & m->bucket_mask;
    for (;;) {
        const tg_slot *s = m->slots + b * TG_BUCKET;
        uint32_t r = (s[0].row & (0u - (uint32_t)(s[0].key == key))) |
                     (s[1].row & (0u - (uint32_t)(s[1].key == key))) |
                     (s[2].row & (0u - (uint32_t)(s[2].key == key))) |
                     (s[3].row & (0u - (uint32_t)(s[3].key == key)));
        if (r || !s[0].more) return r;
        b = (b + 1) & m->bucket_mask;
    }
}
/* Emission scores emit[n x L] of a sentence's observations (obs: the first token of a padded array). */
void tg_model_emissions(const tg_model *m, const tg_obs *obs, size_t n, uint64_t *fbuf, float *emit);
void tg_model_free(tg_model *m);
void tg_model_unmap(void *map, size_t len);

/* Write the model atomically.  0, or -1 with a message. */
int tg_model_save(const tg_model *m, const char *path, char *err, size_t errlen);
/* Serialise to a malloc'ed buffer (the file's bytes). */
int tg_model_serialise(const tg_model *m, unsigned char **buf, size_t *len);
/*
 * Map and verify a model file: magic, format version, feature-extractor
 * version, checksum, structure.  expect_hash (when non-zero) is the template
 * hash the caller computes from its features file; a model with another one
 * is refused naming both.  -1 with the message in err.
 */
int tg_model_load(tg_model *m, const char *path, uint64_t expect_hash, const char *expect_from, char *err,
                  size_t errlen);

/* ---- decoding (viterbi.c, marginals.c) --------------------------------------- */

/* trans with -infinity where allowed[] forbids the transition, into out[(L+1) x S] (S: L rounded up to 4). */
void tg_trans_masked(const float *trans, const uint8_t *allowed, uint32_t L, float *out);
/*
 * The best path of emit[n x L] under masked transitions tm[(L+1) x S] (row
 * L: the start).  work: at least n * S entries; col: 2 * S; path[n]
 * receives the labels.  Returns the path's score.
 */
float tg_viterbi(const float *emit, size_t n, uint32_t L, const float *tm, uint32_t *work, float *col,
                 uint32_t *path);

typedef struct tg_lattice {
    size_t n;
    uint32_t L, S;   /* labels, and floats per row (L rounded up to 4; padding 0) */
    float *e;        /* n x S: exp((emit - rowmax) / T) */
    float *alpha;    /* n x S, scaled */
    float *beta;     /* n x S, scaled */
    float *c;        /* n scaling factors */
    const float *A;  /* (L+1) x S: exp((trans - tmax) / T), 0 where not allowed */
    float *scratch;  /* S */
} tg_lattice;

/* exp-transformed transitions for temperature T: a malloc'ed (L+1) x S array. */
float *tg_trans_exp(const float *trans, const uint8_t *allowed, uint32_t L, double T);
/* Forward-backward over the lattice (its arrays sized by the caller). */
void tg_forward_backward(tg_lattice *lat, const float *emit, double T);
/* Probability of the span [s, e] labelled b, i, i … followed by anything but i. */
double tg_span_prob(const tg_lattice *lat, size_t s, size_t e, uint32_t b, uint32_t i);

/* ---- tagging (tag.c) ---------------------------------------------------------- */

typedef struct tg_span {
    size_t start, end; /* token indices, end exclusive */
    uint32_t type;     /* index into model->types */
    double confidence;
} tg_span;

/* Growable per-call buffers, owned by one thread. */
typedef struct tg_work {
    tg_obs *obs;
    float *emit;
    uint64_t *fbuf;
    uint32_t *back, *path;
    float *col;
    float *tm;     /* masked transitions of the model in use */
    tg_lattice lat;
    float *A;      /* transitions for the temperature and model in use */
    double A_T;
    const struct tg_model *A_model;
    tg_span *spans;
    size_t cap, span_cap, n_spans;
} tg_work;

/*
 * Tag one sentence: observations, emissions, Viterbi, and (when want_conf)
 * span confidences.  text/tok/key/map as for tg_observe.  Labels in
 * w->path[0..n), spans in w->spans[0..w->n_spans).  0, -1 on exhausted memory.
 */
int tg_tag_sentence(const tg_model *m, const char *text, const tg_token *tok, size_t n, const char *key,
                    size_t keylen, const size_t *map, double T, int want_conf, tg_work *w);
void tg_work_free(tg_work *w);

/* Spans of a label sequence, read as conlleval does (an I- that does not continue a span starts one). */
size_t tg_spans_of(const tg_model *m, const uint32_t *path, size_t n, tg_span *out);

/* ---- scoring (evaluate.c) --------------------------------------------------- */

typedef struct tg_score_row {
    char type[32];
    uint64_t gold, pred, tp;
} tg_score_row;

typedef struct tg_scores {
    tg_score_row *rows; /* sorted by type */
    size_t n, cap;
    uint64_t tokens, correct;
} tg_scores;

/*
 * Add one sentence: gold and predicted tags (strings, IOB2) compared by
 * exact span and type.  -1 on exhausted memory.
 */
int tg_scores_add(tg_scores *s, const char *const *gold, const char *const *pred, size_t n);
void tg_scores_merge(tg_scores *into, const tg_scores *from);
void tg_scores_total(const tg_scores *s, uint64_t *gold, uint64_t *pred, uint64_t *tp);
double tg_f1(uint64_t gold, uint64_t pred, uint64_t tp);
void tg_scores_print(const tg_scores *s, FILE *out);
void tg_scores_free(tg_scores *s);

/* ---- training (perceptron.c, train.c) ------------------------------------------ */

/* A training set as feature rows: sentence k has tokens tok[k] .. tok[k+1]-1. */
typedef struct tg_trainset {
    size_t n_sent;
    size_t *tok;       /* n_sent + 1 */
    uint32_t *gold;    /* per token */
    size_t *feat;      /* per token: feats[feat[t] .. feat[t+1]) (n_tok + 1) */
    uint32_t *feats;   /* feature rows */
} tg_trainset;

typedef struct tg_perceptron {
    uint32_t L;
    size_t n_rows;
    double *w, *u;     /* n_rows x L: weights and the sum of (c - 1) * update (averaging) */
    double *t, *tu;    /* (L+1) x L transitions, likewise */
    uint64_t c;        /* the current visit, from 1 */
    const uint8_t *allowed;
} tg_perceptron;

int tg_perceptron_init(tg_perceptron *p, size_t n_rows, uint32_t L, const uint8_t *allowed);
void tg_perceptron_free(tg_perceptron *p);
/* One pass over the sentences in order[]; returns the sentences with a mistake, -1 on exhausted memory. */
long tg_perceptron_epoch(tg_perceptron *p, const tg_trainset *ts, const size_t *order);
/* Averaged weights (w - u / visits) as floats. */
void tg_perceptron_average(const tg_perceptron *p, float *w, float *trans);

typedef struct tg_train_opts {
    unsigned iterations;  /* epochs at most */
    unsigned patience;    /* stop after this many epochs without a better dev F1 */
    unsigned min_count;   /* drop features seen fewer times in training */
    uint64_t seed;
    FILE *log;            /* progress lines, or NULL */
} tg_train_opts;

/*
 * Train a model on train (and dev, when not NULL: F1 after every epoch,
 * early stopping on it, the confidence temperature fitted on it).  The
 * features set is moved into the model.  Returns 0, or -1 with a message.
 */
int tg_train(const tg_corpus *train, const tg_corpus *dev, tg_featset *fs, const tg_train_opts *o,
             tg_model *out, char *err, size_t errlen);

/* Tag a corpus with a model and score it (predictions appended to pred when not NULL). */
int tg_evaluate(const tg_model *m, const tg_corpus *c, size_t first_sent, size_t end_sent, tg_scores *s,
                FILE *pred);

#endif /* TAGGER_H */
