/*
 * libFuzzer target: the jsonl source on arbitrary bytes (see fuzz_source.h).
 * Build: see tests/fuzz/README.md.
 */
#include "fuzz_source.h"
