/* Entity type colours (entity_colors.h). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "entity_colors.h"
#include "fnv.h"

const char *entity_type_color(const char *type)
{
    static const struct { const char *t, *c; } known[] = {
        { "PER", "#ffccaa" }, { "ORG", "#8fb2ff" }, { "LOC", "#95dfff" },
        { "GPE", "#7fe2ff" }, { "DATE", "#c9ffc0" }, { "TIME", "#d9f5c0" },
        { "EVENT", "#f1c0ff" }, { "MISC", "#e6e6a0" }, { "TITLE", "#ffe38f" },
        { "NUM", "#dddddd" }, { "MONEY", "#c0f0e0" }, { "PERCENT", "#e0e0ff" },
    };
    static const char *palette[] = { "#ffd0d0", "#d0ffd8", "#d8d0ff", "#fff0b0",
                                     "#c0ecec", "#f0d0f0", "#e8e0c8", "#d0e8ff" };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(known[i].t, type) == 0)
            return known[i].c;
    return palette[fnv1a32(FNV1A32_INIT, type, strlen(type)) % (sizeof palette / sizeof palette[0])];
}
