/*
 * One normalisation unit at a time (text.c): a character and the characters
 * that compose with it, in NFC and case-folded — the general path of the
 * match key (keyscan.c) for what its tables do not cover.
 */
#ifndef DP_TEXT_UNIT_H
#define DP_TEXT_UNIT_H

#include <stddef.h>
#include <stdint.h>

typedef struct dp_text_unit dp_text_unit;

/* NULL when memory is exhausted. */
dp_text_unit *dp_text_unit_new(void);
void dp_text_unit_free(dp_text_unit *u);

/*
 * The unit starting at s[*pos]: its code points in *cps[0..*n) (valid until
 * the next call), *pos moved past it.  0; -1 on invalid UTF-8 at *pos; -2
 * when memory is exhausted.
 */
int dp_text_unit_next(dp_text_unit *u, const char *s, size_t len, size_t *pos, const int32_t **cps,
                      size_t *n);

#endif
