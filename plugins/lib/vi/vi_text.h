/*
 * vi_text.h — Vietnamese text rules for the plugins (plugins/lib/vi).
 *
 * The core's match key knows no language (docpipe/text.h, dp_text_rules);
 * Vietnamese plugins hand it these rules so that the two tone placements of
 * a word ("hoà"/"hòa", "thuỷ"/"thủy", "Khánh Hoà"/"Khánh Hòa") give one key.
 */
#ifndef VI_TEXT_H
#define VI_TEXT_H

#include <stddef.h>

#include <docpipe/docpipe.h>

/*
 * The Vietnamese rule set, named "vi": the tone mark of a one-syllable word
 * moves to the vowel of the traditional placement ("hoà" → "hòa", "thuỷ" →
 * "thủy", "khoẻ" → "khỏe"; "hoài", "khuỷu", "quý", "giá", "người" stay).
 * Case is kept ("HOÀ" → "HÒA"); words that are not one Vietnamese syllable
 * are left as they are.
 */
extern const dp_text_rules vi_text_rules;

/* dp_text_canonical with the Vietnamese rules: NFC, canonical tone placement, case kept. */
char *vi_tone_canonical(const char *s, size_t len, size_t *outlen);

#endif
