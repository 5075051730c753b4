/*
 * hs_match.c — the dictionary-lookup ceiling of bench/run: every gazetteer
 * surface as a literal in one Hyperscan database, matched over the corpus.
 *
 *   cc -O2 bench/hs_match.c $(pkg-config --cflags --libs libhs) -o hs_match
 *   find CORPUS -name '*.txt' -print0 | hs_match SURFACES.txt
 *
 * SURFACES.txt holds one literal per line; the file names come NUL-separated
 * on standard input.  Matching is what `grep -F -o` does (bytes, case-sensitive,
 * no word boundaries); the number of matches goes to standard output.  Needs
 * Debian's libhyperscan-dev (scripts/install-deps.sh --bench).
 */
#define _POSIX_C_SOURCE 200809L
#include <hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0, k;
    char *b = malloc(cap);
    if (!b) return NULL;
    while ((k = fread(b + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            char *nb = realloc(b, cap *= 2);
            if (!nb) { free(b); return NULL; }
            b = nb;
        }
    }
    *len = n;
    return b;
}

static int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void *ctx)
{
    (void)id; (void)from; (void)to; (void)flags;
    ++*(unsigned long long *)ctx;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: hs_match SURFACES.txt < NUL-separated file names\n");
        return 64;
    }
    FILE *f = fopen(argv[1], "rb");
    size_t slen;
    char *surf = f ? slurp(f, &slen) : NULL;
    if (f) fclose(f);
    if (!surf) { perror(argv[1]); return 66; }

    /* the literals: one per non-empty line */
    size_t n = 0, cap = 1024;
    const char **lit = malloc(cap * sizeof *lit);
    size_t *lens = malloc(cap * sizeof *lens);
    for (char *p = surf, *end = surf + slen; p < end && lit && lens;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (l) {
            if (n == cap) {
                cap *= 2;
                lit = realloc(lit, cap * sizeof *lit);
                lens = realloc(lens, cap * sizeof *lens);
                if (!lit || !lens) break;
            }
            lit[n] = p;
            lens[n++] = l;
        }
        p += l + 1;
    }
    unsigned *flags = calloc(n ? n : 1, sizeof *flags), *ids = calloc(n ? n : 1, sizeof *ids);
    if (!lit || !lens || !flags || !ids) { fprintf(stderr, "hs_match: out of memory\n"); return 70; }
    for (size_t i = 0; i < n; i++) ids[i] = (unsigned)i;

    hs_database_t *db = NULL;
    hs_compile_error_t *cerr = NULL;
    if (hs_compile_lit_multi(lit, flags, ids, lens, (unsigned)n, HS_MODE_BLOCK, NULL, &db, &cerr) != HS_SUCCESS) {
        fprintf(stderr, "hs_match: %s\n", cerr ? cerr->message : "compile failed");
        return 65;
    }
    hs_scratch_t *scratch = NULL;
    if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) { fprintf(stderr, "hs_match: no scratch\n"); return 70; }

    size_t nlen;
    char *names = slurp(stdin, &nlen);
    if (!names) { fprintf(stderr, "hs_match: cannot read the file names\n"); return 66; }
    unsigned long long matches = 0, bytes = 0;
    for (size_t i = 0; i < nlen;) {
        const char *name = names + i;
        size_t l = strnlen(name, nlen - i);
        i += l + 1;
        if (!l) continue;
        char path[4096];
        snprintf(path, sizeof path, "%.*s", (int)l, name);
        FILE *in = fopen(path, "rb");
        size_t len;
        char *text = in ? slurp(in, &len) : NULL;
        if (in) fclose(in);
        if (!text) { perror(path); return 66; }
        if (hs_scan(db, text, (unsigned)len, 0, scratch, on_match, &matches) != HS_SUCCESS) {
            fprintf(stderr, "hs_match: scan failed on %s\n", path);
            return 70;
        }
        bytes += len;
        free(text);
    }
    printf("%llu\n", matches);
    fprintf(stderr, "hs_match: %zu literals, %llu bytes, %llu matches\n", n, bytes, matches);
    hs_free_scratch(scratch);
    hs_free_database(db);
    free(names);
    free(flags);
    free(ids);
    free(lit);
    free(lens);
    free(surf);
    return 0;
}
