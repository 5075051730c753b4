#include "docpipe/docpipe.h"

const char *dp_version(void) { return DOCPIPE_VERSION; }
