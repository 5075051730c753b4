/* english_partial.c — see english_partial.h. */
#include <string.h>

#include "english_partial.h"

english_partial english_partial_mode(const char *name)
{
    if (name && strcmp(name, "keep") == 0) return ENGLISH_PARTIAL_KEEP;
    if (name && strcmp(name, "drop") == 0) return ENGLISH_PARTIAL_DROP;
    return ENGLISH_PARTIAL_MARK;
}

int english_is_partial(const dp_entity *e)
{
    const char *p = e ? dp_entity_attr(e, "english.partial") : NULL;
    return p && strcmp(p, "true") == 0;
}

const char *english_for_output(const dp_entity *e, const char *lang, english_partial mode,
                               dp_strbuf *scratch)
{
    const char *en = e ? dp_entity_translation(e, lang) : NULL;
    if (!en || mode == ENGLISH_PARTIAL_KEEP || !english_is_partial(e)) return en;
    if (mode == ENGLISH_PARTIAL_DROP) return NULL;
    const char *left = dp_entity_attr(e, "english.untranslated");
    dp_strbuf_clear(scratch);
    dp_strbuf_puts(scratch, en);
    dp_strbuf_puts(scratch, " [untranslated: ");
    dp_strbuf_puts(scratch, left && *left ? left : "?");
    dp_strbuf_putc(scratch, ']');
    return scratch->oom ? NULL : scratch->data;
}
