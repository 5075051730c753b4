/*
 * docpipe/arena.h — per-document memory arena.
 *
 * Every document owns one arena.  Plugins allocate whatever they attach to a
 * document (strings, entity values, attribute values) from it and never free
 * those allocations individually: the arena is released in one step when the
 * last writer is done with the document.  An arena is not thread-safe; it
 * belongs to whichever thread currently owns its document (see plugin.h,
 * "Threading contract").
 */
#ifndef DOCPIPE_ARENA_H
#define DOCPIPE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dp_arena dp_arena;

/*
 * Create an arena whose first block holds at least `hint` bytes (0: a
 * default).  Returns NULL when memory is exhausted.
 */
dp_arena *dp_arena_new(size_t hint);

/* Release every allocation of the arena and the arena itself.  NULL is a no-op. */
void dp_arena_free(dp_arena *arena);

/*
 * Allocate `size` bytes aligned for any object type.  The memory is not
 * zeroed.  Returns NULL when memory is exhausted (or size overflows).
 */
void *dp_arena_alloc(dp_arena *arena, size_t size);

/* As dp_arena_alloc, zero-filled; `n * size` is checked for overflow. */
void *dp_arena_calloc(dp_arena *arena, size_t n, size_t size);

/* Copy a NUL-terminated string (or the first `len` bytes, NUL-terminated). */
char *dp_arena_strdup(dp_arena *arena, const char *s);
char *dp_arena_strndup(dp_arena *arena, const char *s, size_t len);

/* printf into the arena.  Returns NULL on allocation or format failure. */
char *dp_arena_printf(dp_arena *arena, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *dp_arena_vprintf(dp_arena *arena, const char *fmt, va_list ap);

/* Bytes handed out so far (for statistics and memory bounds). */
size_t dp_arena_used(const dp_arena *arena);

#ifdef __cplusplus
}
#endif
#endif /* DOCPIPE_ARENA_H */
