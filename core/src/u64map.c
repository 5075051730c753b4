/* Open addressing over 64-bit keys, linear probing, doubled at half full. */
#include <stdlib.h>

#include "u64map.h"

void dp_u64map_init(dp_u64map *m, int with_values)
{
    m->keys = m->vals = NULL;
    m->used = NULL;
    m->cap = m->n = 0;
    m->with_values = with_values;
}

void dp_u64map_free(dp_u64map *m)
{
    free(m->keys);
    free(m->vals);
    free(m->used);
    dp_u64map_init(m, m->with_values);
}

/* Keys are often hashes already, but inode numbers are not: mix them. */
static size_t slot_of(uint64_t key, size_t cap)
{
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    return (size_t)key & (cap - 1);
}

int dp_u64map_get(const dp_u64map *m, uint64_t key, uint64_t *val)
{
    if (!m->cap) return 0;
    for (size_t i = slot_of(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
        if (!m->used[i]) return 0;
        if (m->keys[i] == key) {
            if (val) *val = m->vals ? m->vals[i] : 0;
            return 1;
        }
    }
}

static void put(dp_u64map *m, uint64_t key, uint64_t val)
{
    size_t i = slot_of(key, m->cap);
    while (m->used[i]) i = (i + 1) & (m->cap - 1);
    m->used[i] = 1;
    m->keys[i] = key;
    if (m->vals) m->vals[i] = val;
    m->n++;
}

static int grow(dp_u64map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    dp_u64map bigger = { calloc(cap, sizeof *m->keys), m->with_values ? calloc(cap, sizeof *m->vals) : NULL,
                         calloc(cap, 1), cap, 0, m->with_values };
    if (!bigger.keys || !bigger.used || (m->with_values && !bigger.vals)) {
        dp_u64map_free(&bigger);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++)
        if (m->used[i]) put(&bigger, m->keys[i], m->vals ? m->vals[i] : 0);
    dp_u64map_free(m);
    *m = bigger;
    return 0;
}

int dp_u64map_add(dp_u64map *m, uint64_t key, uint64_t val)
{
    if (dp_u64map_get(m, key, NULL)) return 0;
    if ((m->n + 1) * 2 > m->cap && grow(m) < 0) return -1;
    put(m, key, val);
    return 1;
}
