/* The core's files include the public string builder by its old local name. */
#ifndef DP_STRBUF_H
#define DP_STRBUF_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docpipe/strbuf.h"

#endif
