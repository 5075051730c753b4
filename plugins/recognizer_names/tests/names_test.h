/* What the unit tests of the names recognizer share: the plugin with the project's data, a run. */
#ifndef NAMES_TEST_H
#define NAMES_TEST_H

#include <check.h>
#include <stddef.h>

#include <docpipe/docpipe.h>

/* The plugin with the project's data lists (default paths resolve as from config/), plus an option. */
dp_instance *names_make(const char *extra, char *err, size_t errlen);
/* Check fixtures: names_inst is the plugin with its defaults. */
extern dp_instance *names_inst;
void names_setup(void);
void names_teardown(void);
/*
 * Run names_inst on text, after entities of an earlier recognizer given as
 * "TYPE:surface" (NULL-terminated; each surface marks its first occurrence),
 * and with one segment of seg_kind over seg_text when seg_kind is not NULL.
 * Every entity must slice on character boundaries with a rule's confidence.
 */
dp_doc *names_run_with(const char *text, const char *const *earlier, const char *seg_kind,
                       const char *seg_text);
dp_doc *names_run(const char *text);
/* The entity of this type whose surface is exactly s, or NULL. */
const dp_entity *names_find(dp_doc *d, const char *type, const char *s);
size_t names_count(dp_doc *d, const char *type);

#define HAS(d, ty, s) ck_assert_msg(names_find(d, ty, s) != NULL, "missing %s [%s]", ty, s)
#define HASNT(d, ty, s) ck_assert_msg(names_find(d, ty, s) == NULL, "unexpected %s [%s]", ty, s)

#endif
