/* One step of building a plan: a config group becomes an instance (plan_instance.c). */
#ifndef DP_PLAN_INSTANCE_H
#define DP_PLAN_INSTANCE_H

#include "cfgfile.h"
#include "datapath.h"
#include "instance.h"
#include "loader.h"

/*
 * An option the command line sets on one instance: by position (a
 * pipeline's KEY=VALUE word: element 0 is the source) or by instance name
 * (-o INSTANCE.KEY=VALUE; "source" also names the source).  Its relative
 * paths resolve against the current directory.
 */
typedef struct dp_override {
    long element;          /* -1: by name */
    const char *instance;  /* with element -1 */
    const char *kv;        /* KEY=VALUE */
    const char *where;     /* "-p:3" or "-o names.ranks=x": what messages start with */
} dp_override;

/*
 * The instance a group `{ plugin = "…"; name = "…"; options… }` of config c
 * describes: its plugin name resolved to a module (a source's, or a chain
 * element's) and loaded through l, every option validated against the
 * plugin's table, then the overrides that name it, required options
 * present, data files found on dp.  rank: 0 for the source, the chain
 * position otherwise.  NULL with every problem ("file:line: …") appended
 * to errs.
 */
dp_instance *dp_plan_instance(dp_loader *l, const dp_datapath *dp, const dp_config *c, const config_setting_t *group,
                              int is_source, int rank, const dp_override *ov, size_t n_ov, dp_strbuf *errs);

/* The name an instance of group g will have: its `name`, else its `plugin`; NULL when it has neither. */
const char *dp_plan_instance_name(const config_setting_t *g);

#endif
