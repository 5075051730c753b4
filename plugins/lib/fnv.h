/*
 * fnv.h — FNV-1a, the hash of the plugins' tables, caches and file names
 * (plugins/lib; header only).  Stable across runs, builds and machines, so
 * it may name things on disk.  Start with the INIT value (or a seed of your
 * own) and feed the bytes in one or several calls.
 */
#ifndef FNV_H
#define FNV_H

#include <stddef.h>
#include <stdint.h>

#define FNV1A32_INIT 2166136261u
#define FNV1A64_INIT 14695981039346656037ULL

static inline uint32_t fnv1a32(uint32_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 16777619u;
    }
    return h;
}

static inline uint64_t fnv1a64(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

#endif
