/* The core's own way to open a dp_outfile (outfile.c), for outputs that belong to no instance. */
#ifndef DP_OUTFILE_IMPL_H
#define DP_OUTFILE_IMPL_H

#include "docpipe/outfile.h"

/*
 * dp_outfile_open without an instance: resuming keeps the temporary file for
 * dp_outfile_restore; check_only creates nothing.  NULL with the reason in err.
 */
dp_outfile *dp_outfile_open_path(const char *path, int resuming, int check_only, dp_error *err);

/* dp_outfile_restore, told whether the interrupted run was committing (its outputs may be renamed already). */
int dp_outfile_restore_to(dp_outfile *f, const char *token, int completing, dp_error *err);

#endif
