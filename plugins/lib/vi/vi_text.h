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

/*
 * Whether the UTF-8 word s[0, len) is spelled like one Vietnamese syllable, in
 * any case and with any tone placement: an initial consonant of the language
 * (b, ch, gh, ngh, qu, tr …, with c/k, g/gh, ng/ngh before the right vowels),
 * a vowel group it writes (a, oa, ươ, uyê, iêu …) and a final (c, ch, m, n,
 * ng, nh, p, t).  "Nguyễn", "thuỷ", "Minh", "Sun" are; "Messi", "Texas",
 * "Apple", "Kong", "Park", "Lee" are not.  The recognizers use it to tell a
 * foreign name written in Latin letters from a Vietnamese word.
 */
int vi_is_syllable(const char *s, size_t len);

#endif
