/*
 * entity_colors.h — one colour per entity type, for the writers that draw
 * entities (brat's visual.conf, the HTML report), so that a type looks the
 * same in both (plugins/lib).
 */
#ifndef ENTITY_COLORS_H
#define ENTITY_COLORS_H

/*
 * A light background colour "#rrggbb" for the type: fixed ones for the usual
 * types (PER, ORG, LOC, DATE, EVENT, MISC …), else one of a small palette
 * chosen by a hash of the name, the same on every run.
 */
const char *entity_type_color(const char *type);

#endif
