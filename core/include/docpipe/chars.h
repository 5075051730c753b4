/*
 * docpipe/chars.h — character classes of Unicode code points.
 *
 * Tokenizers, case rules and matchers of every plugin ask these, so that
 * "uppercase", "a word character" and "white space" mean the same thing in
 * the whole pipeline.  They follow the Unicode general category (utf8proc's
 * tables) and know no language.  A negative or out-of-range argument (the
 * -1 dp_utf8_next returns for an invalid byte) belongs to no class.
 */
#ifndef DOCPIPE_CHARS_H
#define DOCPIPE_CHARS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An uppercase or titlecase letter (Lu, Lt): "A", "Đ", "Ư", "Ǆ". */
int dp_char_is_upper(int32_t cp);

/* A lowercase letter (Ll): "a", "đ", "ư". */
int dp_char_is_lower(int32_t cp);

/* A letter of any kind (Lu, Ll, Lt, Lm, Lo). */
int dp_char_is_letter(int32_t cp);

/*
 * A character of a word: a letter, a combining mark or a number (L*, M*, N*).
 * Runs of them are the words of the matchers' tokens ("Hòa", "ADMM", "2024").
 */
int dp_char_is_word(int32_t cp);

/*
 * White space: TAB, LF, VT, FF, CR, space, NEL (U+0085) and the separators
 * (Zs, Zl, Zp: NBSP, the typographic spaces, U+2028, U+2029).  These are the
 * characters dp_text_match_key collapses into one ' '.
 */
int dp_char_is_space(int32_t cp);

#ifdef __cplusplus
}
#endif
#endif /* DOCPIPE_CHARS_H */
