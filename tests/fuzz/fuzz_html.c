/*
 * libFuzzer target: the html source on arbitrary bytes (see fuzz_source.h).
 * Build: see tests/fuzz/README.md.
 */
#include "fuzz_source.h"
