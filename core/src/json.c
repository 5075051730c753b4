/* The JSON string escaper every writer shares. */
#include <stdio.h>
#include <string.h>

#include "docpipe/json.h"

void dp_json_write_string(FILE *out, const char *s, size_t len)
{
    if (!s) { fputs("null", out); return; }
    static const char hex[] = "0123456789abcdef";
    putc('"', out);
    size_t run = 0; /* start of the pending run of bytes that need no escape */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char buf[7];
        if (c == '"') esc = "\\\"";
        else if (c == '\\') esc = "\\\\";
        else if (c == '\n') esc = "\\n";
        else if (c == '\r') esc = "\\r";
        else if (c == '\t') esc = "\\t";
        else if (c < 0x20) {
            buf[0] = '\\'; buf[1] = 'u'; buf[2] = '0'; buf[3] = '0';
            buf[4] = hex[c >> 4]; buf[5] = hex[c & 15]; buf[6] = '\0';
            esc = buf;
        } else if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
            /* U+2028/U+2029 are valid JSON but break JavaScript consumers. */
            esc = (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
            fwrite(s + run, 1, i - run, out);
            fputs(esc, out);
            i += 2;
            run = i + 1;
            continue;
        }
        if (esc) {
            fwrite(s + run, 1, i - run, out);
            fputs(esc, out);
            run = i + 1;
        }
    }
    fwrite(s + run, 1, len - run, out);
    putc('"', out);
}

void dp_json_write_cstr(FILE *out, const char *s)
{
    dp_json_write_string(out, s, s ? strlen(s) : 0);
}
