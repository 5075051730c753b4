/* The rule families of the names recognizer, one test case each (tests/rules_*.c). */
#ifndef RULES_H
#define RULES_H

#include <check.h>

TCase *rules_org_tcase(void);
TCase *rules_place_tcase(void);
TCase *rules_per_tcase(void);
TCase *rules_match_tcase(void);
TCase *rules_shape_tcase(void);

#endif
