/*
 * lang_rules.h — the language rule sets of the match key that docpipe's
 * plugins offer, chosen by name in a config (plugins/lib).
 *
 * A matcher (gazetteer, names, glossary) takes the option LANG_RULES_OPTION,
 * `match_lang`, and passes lang_rules(value) to dp_text_match_key and
 * dp_doc_match_key, for its lists and for the text alike.  A language added
 * under plugins/lib/ is listed here and becomes a choice of every matcher.
 */
#ifndef LANG_RULES_H
#define LANG_RULES_H

#include <docpipe/docpipe.h>

#define LANG_RULES_OPTION                                                                           \
    { "match_lang", DP_OPT_ENUM, "vi", 0, "vi|none",                                                 \
      "language rules of the match key: vi (Vietnamese tone placement: hòa = hoà, thủy = thuỷ) or "  \
      "none (case, NFC and white space only)" }

/* The rule set of a match_lang value; NULL for "none" (language-neutral keys). */
const dp_text_rules *lang_rules(const char *name);

#endif
