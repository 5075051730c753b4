/* One step of building a plan: a config group becomes an instance (plan_instance.c). */
#ifndef DP_PLAN_INSTANCE_H
#define DP_PLAN_INSTANCE_H

#include "cfgfile.h"
#include "datapath.h"
#include "instance.h"
#include "loader.h"

/*
 * The instance a group `{ plugin = "…"; name = "…"; options… }` of config c
 * describes: its plugin name resolved to a module (a source's, or a chain
 * element's) and loaded through l, every option validated against the
 * plugin's table, required options present, data files found on dp.
 * rank: 0 for the source, the chain position otherwise.  NULL with every
 * problem ("file:line: …") appended to errs.
 */
dp_instance *dp_plan_instance(dp_loader *l, const dp_datapath *dp, const dp_config *c, const config_setting_t *group,
                              int is_source, int rank, dp_strbuf *errs);

#endif
