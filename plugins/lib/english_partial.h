/*
 * english_partial.h — how a writer prints an English rendering that keeps
 * untranslated words (plugins/lib).
 *
 * The glossary translator marks such a rendering with the entity attributes
 * `english.partial` = "true" and `english.untranslated` (the words left).
 * Every writer that prints English takes the option ENGLISH_PARTIAL_OPTION,
 * `english_partial`, and prints what english_for_output() returns, so the
 * choice means the same in every format:
 *   keep  the rendering as it is;
 *   mark  the rendering followed by " [untranslated: WORDS]" (the default:
 *         languages are never mixed silently);
 *   drop  no English for that entity.
 */
#ifndef ENGLISH_PARTIAL_H
#define ENGLISH_PARTIAL_H

#include <docpipe/docpipe.h>
#include <docpipe/strbuf.h>

#define ENGLISH_PARTIAL_OPTION                                                                      \
    { "english_partial", DP_OPT_ENUM, "mark", 0, "keep|mark|drop",                                   \
      "English renderings marked partial (attribute english.partial): keep as they are, mark with "  \
      "\" [untranslated: WORDS]\", or drop" }

typedef enum english_partial {
    ENGLISH_PARTIAL_KEEP,
    ENGLISH_PARTIAL_MARK,
    ENGLISH_PARTIAL_DROP
} english_partial;

/* The mode named by an english_partial value (an unknown name is "mark"). */
english_partial english_partial_mode(const char *name);

/* Whether the entity's English is marked partial. */
int english_is_partial(const dp_entity *e);

/*
 * The English of e in lang to print under mode: NULL when there is none or it
 * is dropped; otherwise the rendering, or (mark) the marked text built in
 * scratch (cleared first).  NULL with scratch->oom set when memory ran out.
 */
const char *english_for_output(const dp_entity *e, const char *lang, english_partial mode,
                               dp_strbuf *scratch);

#endif
