/* The installed directories, relocated below a staging root (see installdirs.h). */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "installdirs.h"

#ifndef DOCPIPE_BINDIR
#define DOCPIPE_BINDIR "/usr/local/bin"
#endif
#ifndef DOCPIPE_PLUGINDIR
#define DOCPIPE_PLUGINDIR "/usr/local/lib/docpipe"
#endif
#ifndef DOCPIPE_DATADIR
#define DOCPIPE_DATADIR "/usr/local/share/docpipe"
#endif
#ifndef DOCPIPE_SYSCONFDIR
#define DOCPIPE_SYSCONFDIR "/usr/local/etc"
#endif

int dp_install_root(const char *exe_dir, const char *bindir, char *root, size_t size)
{
    size_t le = strlen(exe_dir), lb = strlen(bindir);
    size_t keep = 0;
    /* bindir is absolute, so a match of its tail starts at a '/' of exe_dir. */
    if (lb && bindir[0] == '/' && le > lb && strcmp(exe_dir + le - lb, bindir) == 0) keep = le - lb;
    if (keep + 1 > size) return -1;
    memcpy(root, exe_dir, keep);
    root[keep] = '\0';
    return 0;
}

/* The staging root of this process ("" when none, or when it cannot be told). */
static void own_root(char *root, size_t size)
{
    char exe[PATH_MAX];
    root[0] = '\0';
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash || slash == exe) return;
    *slash = '\0';
    if (dp_install_root(exe, DOCPIPE_BINDIR, root, size) < 0) root[0] = '\0';
}

/* The directory below root ("" for none) into buf. */
static const char *format_dir(dp_install_dir which, const char *root, char *buf, size_t size)
{
    const char *dir = DOCPIPE_BINDIR, *tail = "";
    switch (which) {
    case DP_DIR_BIN: dir = DOCPIPE_BINDIR; break;
    case DP_DIR_PLUGINS: dir = DOCPIPE_PLUGINDIR; break;
    case DP_DIR_DATA: dir = DOCPIPE_DATADIR; break;
    case DP_DIR_SYSCONF: dir = DOCPIPE_SYSCONFDIR; tail = "/docpipe"; break;
    }
    int n = snprintf(buf, size, "%s%s%s", root, dir, tail);
    return n < 0 || (size_t)n >= size ? NULL : buf;
}

const char *dp_install_dir_get(dp_install_dir which, char *buf, size_t size)
{
    char root[PATH_MAX];
    own_root(root, sizeof root);
    return format_dir(which, root, buf, size);
}

const char *dp_install_dir_configured(dp_install_dir which, char *buf, size_t size)
{
    return format_dir(which, "", buf, size);
}
