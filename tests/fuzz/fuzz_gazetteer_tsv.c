/*
 * libFuzzer target for the gazetteer's TSV loader (plugins/recognizer_gazetteer).
 *
 * The input is loaded as a list; when it loads, the trie is walked with the
 * tokens of the input's own match key, as process() would.  Build (from the
 * source tree, with a built core in $B):
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -std=c11 -D_GNU_SOURCE \
 *     -Icore/include -Iplugins/lib -Iplugins/recognizer_gazetteer tests/fuzz/fuzz_gazetteer_tsv.c \
 *     plugins/recognizer_gazetteer/gaz_build.c plugins/recognizer_gazetteer/gaz_match.c \
 *     plugins/recognizer_gazetteer/gaz_cache.c plugins/lib/vi/vi_text.c \
 *     -L$B/core/.libs -Wl,-rpath,$B/core/.libs \
 *     -ldocpipe -lutf8proc -o fuzz_gazetteer_tsv
 *   ./fuzz_gazetteer_tsv -max_len=4096 corpus/   (seed corpus: the lists in data/vi)
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/text.h>

#include "gaz.h"
#include "vi/vi_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gaz g;
    char err[256];
    if (gaz_init(&g, &vi_text_rules) < 0) {
        gaz_free(&g);
        return 0;
    }
    const char *s = (const char *)data;
    gaz_filter f = { NULL, 0, size & 1 ? 2 : 0 };
    if (gaz_load_buffer(&g, "fuzz", s, size, &f, err, sizeof err) == 0 &&
        gaz_finish(&g, err, sizeof err) == 0) {
        size_t klen, *map = NULL;
        char *key = dp_text_match_key(s, size, &vi_text_rules, &klen, &map);
        if (key) {
            size_t pos = 0, ts, te;
            int word;
            uint32_t node = 0;
            while (gaz_next_token(key, klen, &pos, &ts, &te, &word)) {
                uint32_t id = gaz_token_id(&g, key + ts, te - ts);
                node = id ? gaz_child(&g, node, id) : 0;
                if (node && g.node_entry[node] != GAZ_NONE) {
                    const gaz_entry *e = &g.entries[g.node_entry[node]];
                    if (strlen(g.pool + e->surface) == 0 || map[ts] > size)
                        abort();
                }
            }
            free(key);
            free(map);
        }
    }
    gaz_free(&g);
    return 0;
}
