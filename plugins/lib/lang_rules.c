/* The rule sets a config may name (lang_rules.h). */
#include <string.h>

#include "lang_rules.h"
#include "vi/vi_text.h"

const dp_text_rules *lang_rules(const char *name)
{
    if (name && strcmp(name, "vi") == 0) return &vi_text_rules;
    return NULL;
}
