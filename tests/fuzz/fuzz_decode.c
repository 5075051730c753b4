/*
 * libFuzzer target: raw-input decoding and the text helpers every matcher and
 * writer relies on (core/src/decode.c, text.c, plugins/lib/vi/vi_text.c).
 *
 * The first byte picks the encoding (auto, utf-8, utf-16le, windows-1258,
 * tcvn3, viscii); the rest goes through dp_text_decode().  On success the
 * clean text must be NUL-free valid UTF-8 in NFC; its match key's map (with
 * and without the Vietnamese rules of plugins/lib/vi) must be
 * non-decreasing, on character boundaries, with map[keylen] == len; offset
 * conversions (direct and by cursor, forwards and rewinding) must agree with a
 * count made here.  A failure must leave a message and no output.
 * Build and run: tests/fuzz/run.sh (see README.md).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "vi/vi_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const encodings[] = { "auto", "utf-8", "utf-16le", "windows-1258", "tcvn3", "viscii" };

static void check_key(const char *s, size_t len, const dp_text_rules *rules)
{
    size_t klen = 0, *map = NULL;
    char *key = dp_text_match_key(s, len, rules, &klen, &map);
    if (!key) {
        if (map) abort();
        return; /* out of memory (the input is valid UTF-8) */
    }
    if (!map || key[klen] != '\0' || !dp_utf8_valid(key, klen, NULL)) abort();
    if (!memchr(s, '\0', len) && strlen(key) != klen) abort();
    if (map[klen] != len) abort();
    for (size_t i = 0; i < klen; i++) {
        if (map[i] > len || (i && map[i] < map[i - 1])) abort();
        if (!dp_utf8_boundary(s, len, map[i])) abort();
    }
    free(map);
    free(key);
}

/* Other transforms: valid UTF-8 in, valid UTF-8 out. */
static void check_transforms(const char *s, size_t len)
{
    char *(*const fns[])(const char *, size_t, size_t *) = {
        dp_text_nfc, dp_text_casefold, dp_text_fold_diacritics, vi_tone_canonical
    };
    for (size_t f = 0; f < sizeof fns / sizeof fns[0]; f++) {
        size_t n = 0;
        char *r = fns[f](s, len, &n);
        if (!r) continue;
        if (strlen(r) != n || !dp_utf8_valid(r, n, NULL)) abort();
        free(r);
    }
}

static void check_offsets(const char *s, size_t len)
{
    size_t cp = 0, u16 = 0;
    dp_offset_cursor c;
    dp_offset_cursor_init(&c, s);
    /* The direct conversions are O(offset): checked at ~32 places so the run stays linear-ish. */
    size_t step = len / 32 + 1, next = 0;
    for (size_t pos = 0;;) {
        if (pos >= next || pos >= len) {
            if (dp_offset_to_codepoints(s, pos) != cp || dp_offset_to_utf16(s, pos) != u16) abort();
            next = pos + step;
        }
        if (dp_offset_cursor_codepoints(&c, pos) != cp || dp_offset_cursor_utf16(&c, pos) != u16) abort();
        if (pos >= len) break;
        size_t start = pos;
        if (dp_utf8_next(s, len, &pos) < 0) abort();
        cp++;
        u16 += pos - start == 4 ? 2 : 1;
    }
    /* Rewinding: back to a middle offset, then to the start. */
    size_t mid = len / 2;
    while (mid > 0 && !dp_utf8_boundary(s, len, mid)) mid--;
    if (dp_offset_cursor_codepoints(&c, mid) != dp_offset_to_codepoints(s, mid)) abort();
    if (dp_offset_cursor_utf16(&c, 0) != 0 || dp_offset_cursor_codepoints(&c, 0) != 0) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > 1 << 20) return 0;
    const char *enc = encodings[data[0] % (sizeof encodings / sizeof encodings[0])];
    const char *in = (const char *)data + 1;
    size_t len = size - 1;

    /* The helpers on the raw bytes: NULL exactly when they are not UTF-8. */
    int valid = dp_utf8_valid(in, len, NULL);
    if (valid) {
        check_key(in, len, NULL);
        check_key(in, len, &vi_text_rules);
    } else {
        size_t klen;
        char *k = dp_text_match_key(in, len, &vi_text_rules, &klen, NULL);
        if (k) abort();
    }

    char *out = NULL;
    size_t outlen = 0;
    dp_error *err = dp_error_new();
    if (!err) return 0;
    if (dp_text_decode(in, len, enc, &out, &outlen, err) != 0) {
        if (out || dp_error_message(err)[0] == '\0') abort();
        dp_error_free(err);
        return 0;
    }
    dp_error_free(err);
    if (!out || strlen(out) != outlen || !dp_utf8_valid(out, outlen, NULL)) abort();
    /* Clean text: no CR, no C0 controls but TAB and LF, already NFC. */
    for (size_t i = 0; i < outlen; i++) {
        unsigned char b = (unsigned char)out[i];
        if (b < 0x20 && b != '\t' && b != '\n') abort();
    }
    size_t nlen = 0;
    char *nfc = dp_text_nfc(out, outlen, &nlen);
    if (nfc && (nlen != outlen || memcmp(nfc, out, outlen) != 0)) abort();
    free(nfc);

    check_key(out, outlen, &vi_text_rules);
    check_transforms(out, outlen);
    check_offsets(out, outlen);
    free(out);
    return 0;
}
