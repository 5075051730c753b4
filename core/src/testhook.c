/* The crash points of the commit protocol, for fault-injection tests. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testhook.h"

void dp_testhook_init(dp_testhook *h)
{
    memset(h, 0, sizeof *h);
#ifdef DOCPIPE_TEST_HOOKS
    const char *v = getenv("DOCPIPE_TEST_CRASH_AT");
    if (!v || !*v) return;
    const char *colon = strchr(v, ':');
    size_t len = colon ? (size_t)(colon - v) : strlen(v);
    char *end = NULL;
    unsigned long nth = colon ? strtoul(colon + 1, &end, 10) : 1;
    if (len == 0 || len >= sizeof h->point || nth == 0 || (colon && *end)) return;
    memcpy(h->point, v, len);
    h->point[len] = '\0';
    h->nth = nth;
#endif
}

void dp_testhook_reach(dp_testhook *h, const char *point)
{
    if (!h->point[0] || strcmp(h->point, point) != 0) return;
    if (++h->reached < h->nth) return;
    fflush(NULL);
    raise(SIGKILL);
}
