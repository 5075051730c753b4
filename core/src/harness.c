/* Running one plugin on one document without a config file (harness.h). */
#include <stdio.h>
#include <string.h>

#include "datapath.h"
#include "docpipe/harness.h"
#include "instance.h"
#include "internal.h"
#include "loader.h"

dp_instance *dp_harness_new(const dp_plugin *plugin, const char *const *options, size_t n_options,
                            const char *base_dir, char *err, size_t errlen)
{
    dp_strbuf errs = { 0 };
    if (dp_abi_check(plugin, plugin->name ? plugin->name : "plugin", &errs) < 0) {
        snprintf(err, errlen, "%s", errs.data ? errs.data : "bad descriptor");
        dp_strbuf_free(&errs);
        return NULL;
    }
    dp_instance *inst = dp_instance_create(plugin, NULL, NULL, "harness", base_dir);
    if (!inst) { snprintf(err, errlen, "out of memory"); return NULL; }
    inst->rank = 1;
    int nerr = 0;
    for (size_t i = 0; i < n_options; i++)
        nerr += dp_optset_from_text(&inst->opts, options[i], plugin->name, base_dir, "harness", &errs);
    nerr += dp_optset_check_required(&inst->opts, "harness", plugin->name, &errs);
    dp_datapath data;
    if (dp_datapath_init(&data, NULL, 0) < 0) {
        dp_strbuf_puts(&errs, "out of memory\n");
        nerr++;
    } else {
        if (!nerr) nerr += dp_optset_resolve_data(&inst->opts, &data, "harness", plugin->name, &errs);
        dp_datapath_free(&data);
    }
    if (nerr || dp_instance_init(inst, &errs) < 0) {
        snprintf(err, errlen, "%s", errs.data ? errs.data : "init failed");
        size_t l = strlen(err);
        if (l && err[l - 1] == '\n') err[l - 1] = '\0';
        dp_strbuf_free(&errs);
        dp_instance_destroy(inst);
        return NULL;
    }
    dp_strbuf_free(&errs);
    return inst;
}

int dp_harness_process(dp_instance *inst, dp_doc *doc, char *err, size_t errlen)
{
    dp_error e;
    dp_error_clear(&e);
    int rc = dp_instance_process(inst, doc, &e);
    if (err && errlen) snprintf(err, errlen, "%s", e.msg);
    return rc;
}

int dp_harness_flush(dp_instance *inst, char *err, size_t errlen)
{
    dp_error e;
    dp_error_clear(&e);
    int rc = inst->desc.flush ? inst->desc.flush(inst->state, &e) : DP_OK;
    if (err && errlen) snprintf(err, errlen, "%s", e.msg);
    return rc;
}

void dp_harness_free(dp_instance *inst) { dp_instance_destroy(inst); }

void dp_harness_doc_instance(dp_doc *doc, const char *name) { dp_doc_set_instance(doc, 1, name); }
