/*
 * A hash map from 64-bit keys to 64-bit values, or a set of keys (u64map.c):
 * open addressing, grown at half full.  A set costs 9 to 18 bytes per key, a
 * map 17 to 34.  Used for what a run must remember of every input or document: the
 * files listed (inputs.c), the ids written (idset.c).
 */
#ifndef DP_U64MAP_H
#define DP_U64MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct dp_u64map {
    uint64_t *keys;
    uint64_t *vals;  /* NULL for a set */
    unsigned char *used;
    size_t cap, n;
    int with_values;
} dp_u64map;

/* An empty map (with_values) or set; allocates nothing yet. */
void dp_u64map_init(dp_u64map *m, int with_values);
void dp_u64map_free(dp_u64map *m);

/* The value stored for key in *val (may be NULL): 1 found, 0 not. */
int dp_u64map_get(const dp_u64map *m, uint64_t key, uint64_t *val);

/* Add key (with val, ignored for a set) unless present: 1 added, 0 present, -1 out of memory. */
int dp_u64map_add(dp_u64map *m, uint64_t key, uint64_t val);

#endif
