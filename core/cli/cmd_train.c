/*
 * docpipe train: runs the training program of the tagger plugin,
 * docpipe-train, with the remaining arguments.  It is looked for next to
 * the running docpipe (in a libtool build tree, where the real binary sits
 * in .libs/, next to the docpipe wrapper), then in the install bindir.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "installdirs.h"

/* Replaces the process with dir/docpipe-train when it exists; returns when it does not. */
static void exec_in(const char *dir, char **argv)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/docpipe-train", dir) >= (int)sizeof path || access(path, X_OK) != 0) return;
    argv[0] = path;
    execv(path, argv);
    fprintf(stderr, "docpipe: train: cannot run %s: %s\n", path, strerror(errno));
}

int cmd_train(int argc, char **argv)
{
    (void)argc;
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = '\0';
        char *slash = strrchr(self, '/');
        if (slash) {
            *slash = '\0';
            exec_in(self, argv);
            slash = strrchr(self, '/');
            if (slash && !strcmp(slash + 1, ".libs")) {
                *slash = '\0';
                exec_in(self, argv);
            }
        }
    }
    char bindir[PATH_MAX];
    if (!dp_install_dir_get(DP_DIR_BIN, bindir, sizeof bindir)) snprintf(bindir, sizeof bindir, "(too long)");
    else exec_in(bindir, argv);
    fprintf(stderr,
            "docpipe: train: docpipe-train is neither next to this docpipe nor in %s; it is built with the "
            "tagger plugin (plugins/recognizer_tagger)\n",
            bindir);
    return DP_EXIT_SOFTWARE;
}
