/*
 * tagger: a trained sequence tagger as a recognizer.
 *
 * init maps the model file read-only (modelfile.c) and verifies it; the
 * mapping is the plugin's whole state and every worker thread reads it at
 * once.  process cuts the text into tokens with the training tokenisation,
 * into sentences, tags each sentence (Viterbi over the averaged perceptron's
 * scores) and adds one entity per span with its marginal probability as the
 * confidence.  Overlaps with other recognizers are left to the core's
 * conflict resolution, like any recognizer's.
 */
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "tagger.h"
#include "vi/vi_text.h"

static const dp_option tagger_options[] = {
    { "model", DP_OPT_DATA, NULL, 1, NULL,
      "the model file written by `docpipe train` (required; the default one is models/vi-ner.dpm)" },
    { "features", DP_OPT_PATH, NULL, 0, NULL,
      "a features file the model must have been trained with: refused when the template hashes differ" },
    { "types", DP_OPT_LIST, NULL, 0, NULL, "emit only these entity types (default: every type of the model)" },
    { "min_confidence", DP_OPT_FLOAT, "0", 0, NULL, "drop entities whose confidence is lower" },
    { "marginals", DP_OPT_BOOL, "true", 0, NULL,
      "confidence = the span's marginal probability (forward-backward); false: skip it, confidence 0.5" },
    { "temperature", DP_OPT_FLOAT, "0", 0, NULL,
      "softmax temperature of the confidences; 0: the one fitted at training (see README.md)" },
    { "max_sentence", DP_OPT_INT, "200", 0, NULL, "tokens per sentence at most; longer runs are cut" },
    DP_OPTION_END
};

typedef struct tagger_state {
    const dp_instance *inst;
    tg_model model;
    uint32_t type_mask; /* bit t: emit model type t */
    double min_confidence, temperature;
    int marginals;
    size_t max_sentence;
} tagger_state;

static void tagger_fini(void *state)
{
    tagger_state *s = state;
    if (!s) return;
    tg_model_free(&s->model);
    free(s);
}

static int tagger_init(dp_instance *inst, void **state)
{
    tagger_state *s = calloc(1, sizeof *s);
    if (!s) { dp_instance_nomem(inst); return -1; }
    s->inst = inst;
    char err[1024];
    uint64_t expect = 0;
    const char *features = dp_opt_str(inst, "features");
    if (features) {
        tg_featset fs;
        if (tg_featset_read(features, &fs, err, sizeof err) < 0) {
            dp_instance_error(inst, "features: %s", err);
            free(s);
            return -1;
        }
        expect = tg_featset_hash(&fs);
        tg_featset_free(&fs);
    }
    if (tg_model_load(&s->model, dp_opt_str(inst, "model"), expect, features, err, sizeof err) < 0) {
        dp_instance_error(inst, "model: %s", err);
        free(s);
        return -1;
    }
    if (s->model.n_types > 32) {
        dp_instance_error(inst, "model: %u entity types; this tagger emits at most 32", s->model.n_types);
        tagger_fini(s);
        return -1;
    }
    size_t nt = dp_opt_count(inst, "types");
    s->type_mask = nt ? 0 : UINT32_MAX;
    for (size_t i = 0; i < nt; i++) {
        const char *t = dp_opt_item(inst, "types", i);
        uint32_t k = 0;
        while (k < s->model.n_types && strcmp(s->model.types[k], t)) k++;
        if (k == s->model.n_types || k >= 32) {
            char known[256] = "";
            for (uint32_t j = 0; j < s->model.n_types; j++) {
                strncat(known, " ", sizeof known - strlen(known) - 1);
                strncat(known, s->model.types[j], sizeof known - strlen(known) - 1);
            }
            dp_instance_error(inst, "types: '%s' is not a type of the model (its types:%s)", t, known);
            tagger_fini(s);
            return -1;
        }
        s->type_mask |= 1u << k;
    }
    s->min_confidence = dp_opt_float(inst, "min_confidence");
    s->marginals = dp_opt_bool(inst, "marginals");
    double T = dp_opt_float(inst, "temperature");
    s->temperature = T > 0 ? T : s->model.temperature;
    long long ms = dp_opt_int(inst, "max_sentence");
    if (ms < 1 || T < 0) {
        dp_instance_error(inst, "%s", ms < 1 ? "max_sentence must be at least 1" : "temperature must not be negative");
        tagger_fini(s);
        return -1;
    }
    s->max_sentence = (size_t)ms;
    *state = s;
    return 0;
}

static int tagger_process(void *state, dp_doc *doc, dp_error *err)
{
    const tagger_state *s = state;
    size_t len, klen;
    const size_t *map;
    const char *text = dp_doc_text(doc, &len);
    if (len == 0) return DP_OK;
    const char *key = dp_doc_match_key(doc, &vi_text_rules, &klen, &map);
    if (!key) return dp_fail_nomem(err);
    tg_tokens toks = { 0 };
    tg_work w = { 0 };
    size_t *ends = NULL, n_sent = 0;
    int rc = DP_OK;
    if (tg_tokenize(text, len, &toks) < 0 ||
        (toks.n && (n_sent = tg_sentences(text, toks.v, toks.n, s->max_sentence, &ends)) == (size_t)-1)) {
        rc = dp_fail_nomem(err);
        n_sent = 0;
    }
    for (size_t k = 0, start = 0; k < n_sent && rc == DP_OK; start = ends[k++]) {
        const tg_token *tok = toks.v + start;
        size_t n = ends[k] - start;
        if (tg_tag_sentence(&s->model, text, tok, n, key, klen, map, s->temperature, s->marginals, &w) < 0) {
            rc = dp_fail_nomem(err);
            break;
        }
        for (size_t i = 0; i < w.n_spans; i++) {
            const tg_span *sp = &w.spans[i];
            double conf = s->marginals ? sp->confidence : 0.5;
            if (!(s->type_mask & (1u << sp->type)) || conf < s->min_confidence) continue;
            dp_entity *e = dp_doc_entity_add(doc, tok[sp->start].start, tok[sp->end - 1].end,
                                             s->model.types[sp->type]);
            if (!e) {
                rc = dp_fail_nomem(err);
                break;
            }
            if (dp_entity_set_confidence(e, conf) < 0) {
                rc = dp_fail(err, DP_FATAL, "confidence %g out of [0, 1]", conf);
                break;
            }
        }
    }
    free(ends);
    tg_tokens_free(&toks);
    tg_work_free(&w);
    return rc;
}

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_RECOGNIZER),
    .name = "tagger",
    .version = "1.0",
    .description = "a trained sequence tagger (averaged perceptron, Viterbi): entities with marginal confidences",
    .options = tagger_options,
    .consumes = "text",
    .produces = "entity",
    .init = tagger_init,
    .process = tagger_process,
    .fini = tagger_fini,
};
