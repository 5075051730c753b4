/*
 * Where docpipe's installed files are (installdirs.c): the directories
 * configure chose, or the same directories below a staging root when the
 * running program is a staged copy.
 *
 * A staged copy is one installed with `make install DESTDIR=ROOT` (or a
 * tree copied as a whole): the program runs from ROOT/<bindir>, so every
 * installed directory is looked up as ROOT/<dir>.  A program anywhere else
 * (a build tree, a test) uses the configured directories unchanged.
 */
#ifndef DP_INSTALLDIRS_H
#define DP_INSTALLDIRS_H

#include <stddef.h>

typedef enum dp_install_dir {
    DP_DIR_BIN,      /* $(bindir): docpipe, docpipe-train */
    DP_DIR_PLUGINS,  /* $(pkglibdir): the plugin modules */
    DP_DIR_DATA,     /* $(pkgdatadir): data files, models, ready configs */
    DP_DIR_SYSCONF   /* $(sysconfdir)/docpipe: the system's default pipeline */
} dp_install_dir;

/*
 * The directory into buf (size bytes), relocated below the staging root of
 * the running program when there is one; returns buf, or NULL when it does
 * not fit.
 */
const char *dp_install_dir_get(dp_install_dir which, char *buf, size_t size);

/* The directory as configured, never relocated (for the manual pages). */
const char *dp_install_dir_configured(dp_install_dir which, char *buf, size_t size);

/*
 * The staging root of a program running from exe_dir, given the configured
 * bindir: the part of exe_dir before a trailing bindir, "" when exe_dir is
 * bindir or does not end with it.  Written into root (size bytes); -1 when
 * it does not fit.
 */
int dp_install_root(const char *exe_dir, const char *bindir, char *root, size_t size);

#endif
