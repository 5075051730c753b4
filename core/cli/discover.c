/* Which config a run reads when none is named (see discover.h). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "discover.h"
#include "installdirs.h"

/* The places in order, each with why it is there; n of them (at most 3). */
static int places(char dirs[][PATH_MAX], const char **why)
{
    int n = 0;
    snprintf(dirs[n], PATH_MAX, "./docpipe.cfg");
    why[n++] = "the current directory's";
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    if (xdg && *xdg) {
        snprintf(dirs[n], PATH_MAX, "%s/docpipe/docpipe.cfg", xdg);
        why[n++] = "the user's ($XDG_CONFIG_HOME)";
    } else if (home && *home) {
        snprintf(dirs[n], PATH_MAX, "%s/.config/docpipe/docpipe.cfg", home);
        why[n++] = "the user's (~/.config)";
    }
    char sys[PATH_MAX];
    if (dp_install_dir_get(DP_DIR_SYSCONF, sys, sizeof sys)) {
        snprintf(dirs[n], PATH_MAX, "%.*s/docpipe.cfg", PATH_MAX - 16, sys);
        why[n++] = "the system's";
    }
    return n;
}

int cli_discover_config(const char *given, char *path, size_t size, dp_strbuf *how)
{
    if (given) {
        snprintf(path, size, "%s", given);
        dp_strbuf_puts(how, "given with -c");
        return 0;
    }
    const char *env = getenv("DOCPIPE_CONFIG");
    if (env && *env) {
        snprintf(path, size, "%s", env);
        dp_strbuf_puts(how, "named by $DOCPIPE_CONFIG");
        return 0;
    }
    char dirs[3][PATH_MAX];
    const char *why[3];
    int n = places(dirs, why);
    for (int i = 0; i < n; i++) {
        struct stat st;
        /* Anything there counts, even a file that cannot be read: the plan then says why. */
        if (stat(dirs[i], &st) != 0) continue;
        snprintf(path, size, "%s", dirs[i]);
        dp_strbuf_printf(how, "%s", why[i]);
        if (i) {
            dp_strbuf_puts(how, "; not found before it:");
            for (int j = 0; j < i; j++) dp_strbuf_printf(how, " %s", dirs[j]);
        }
        return 0;
    }
    dp_strbuf_puts(how, "no config: none of");
    for (int i = 0; i < n; i++) dp_strbuf_printf(how, "%s %s", i ? "," : "", dirs[i]);
    dp_strbuf_puts(how, " exists (name one with -c FILE or $DOCPIPE_CONFIG, or give a pipeline with -p)");
    return -1;
}
