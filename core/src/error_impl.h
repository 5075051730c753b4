/* The dp_error the core allocates on its stacks (error.c; the API is docpipe/error.h). */
#ifndef DP_ERROR_IMPL_H
#define DP_ERROR_IMPL_H

#include "docpipe/error.h"

struct dp_error {
    char msg[1024];
    int nomem; /* set by dp_fail_nomem: the run stops with DP_EXIT_SOFTWARE */
};

#endif
