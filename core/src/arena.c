/* Per-document bump allocator: a chain of blocks, freed all at once. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docpipe/arena.h"

#define ARENA_ALIGN 16
#define ARENA_DEFAULT_BLOCK 8192

struct block {
    struct block *next;
    size_t size, used;
    _Alignas(ARENA_ALIGN) unsigned char data[];
};

struct dp_arena {
    struct block *head;
    size_t total_used;
    size_t next_size;
};

static struct block *block_new(size_t size)
{
    if (size > SIZE_MAX - sizeof(struct block)) return NULL;
    struct block *b = malloc(sizeof *b + size);
    if (!b) return NULL;
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

dp_arena *dp_arena_new(size_t hint)
{
    dp_arena *a = malloc(sizeof *a);
    if (!a) return NULL;
    size_t size = hint ? hint : ARENA_DEFAULT_BLOCK;
    a->head = block_new(size);
    if (!a->head) { free(a); return NULL; }
    a->total_used = 0;
    a->next_size = size < ARENA_DEFAULT_BLOCK ? ARENA_DEFAULT_BLOCK : size;
    return a;
}

void dp_arena_free(dp_arena *a)
{
    if (!a) return;
    struct block *b = a->head;
    while (b) {
        struct block *n = b->next;
        free(b);
        b = n;
    }
    free(a);
}

void *dp_arena_alloc(dp_arena *a, size_t size)
{
    if (!a) return NULL;
    if (size == 0) size = 1;
    if (size > SIZE_MAX - ARENA_ALIGN) return NULL;
    size_t need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    struct block *b = a->head;
    if (b->size - b->used < need) {
        /* Blocks grow geometrically so a large document needs few of them. */
        size_t bsize = a->next_size;
        if (bsize < need) bsize = need;
        struct block *nb = block_new(bsize);
        if (!nb) return NULL;
        nb->next = b;
        a->head = nb;
        if (a->next_size < (1u << 20)) a->next_size *= 2;
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += need;
    a->total_used += need;
    return p;
}

void *dp_arena_calloc(dp_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) return NULL;
    void *p = dp_arena_alloc(a, n * size);
    if (p) memset(p, 0, n * size);
    return p;
}

char *dp_arena_strndup(dp_arena *a, const char *s, size_t len)
{
    if (!s) return NULL;
    char *p = dp_arena_alloc(a, len + 1);
    if (!p) return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *dp_arena_strdup(dp_arena *a, const char *s)
{
    return s ? dp_arena_strndup(a, s, strlen(s)) : NULL;
}

char *dp_arena_vprintf(dp_arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return NULL;
    char *p = dp_arena_alloc(a, (size_t)n + 1);
    if (!p) return NULL;
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *dp_arena_printf(dp_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = dp_arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

size_t dp_arena_used(const dp_arena *a) { return a ? a->total_used : 0; }
