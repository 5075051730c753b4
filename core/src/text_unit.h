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

/*
 * One pass over s[0..len): 1 when it is valid UTF-8 and NFC as it stands (ASCII,
 * the Latin table's stable characters, and starters that compose with nothing);
 * 0 when it is valid but dp_text_nfc must normalise it; -1 when it is not
 * valid UTF-8.
 */
int dp_text_quick_nfc(const char *s, size_t len);

#endif
