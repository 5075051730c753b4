/* Paths and folders (docpipe/path.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "docpipe/path.h"

char *dp_path_join(const char *dir, const char *name, const char *ext)
{
    size_t dl = dir ? strlen(dir) : 0, nl = strlen(name), el = ext ? strlen(ext) : 0;
    int slash = dl > 0 && dir[dl - 1] != '/';
    char *p = malloc(dl + (size_t)slash + nl + el + 1);
    if (!p) return NULL;
    char *w = p;
    if (dl) { memcpy(w, dir, dl); w += dl; }
    if (slash) *w++ = '/';
    memcpy(w, name, nl);
    w += nl;
    if (el) { memcpy(w, ext, el); w += el; }
    *w = '\0';
    return p;
}

int dp_mkdirs(const char *dir)
{
    char *p = strdup(dir);
    if (!p) return -1;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = '\0';
        if (mkdir(p, 0777) < 0 && errno != EEXIST) { free(p); return -1; }
        *s = '/';
    }
    int rc = (mkdir(p, 0777) < 0 && errno != EEXIST) ? -1 : 0;
    free(p);
    return rc;
}

int dp_mkdirs_for(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path) return 0;
    char *d = strndup(path, (size_t)(slash - path));
    if (!d) return -1;
    int rc = dp_mkdirs(d);
    free(d);
    return rc;
}
